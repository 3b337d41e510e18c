"""The figures in Wagtail's admin. The "Figures" menu (measures, breakdown lists, reporting
years and the entry form) comes first; other parts add their own hooks below it, each in a
function of its own."""

from wagtail_modeladmin.options import modeladmin_register

from .admin_views.modeladmins import FiguresGroup

modeladmin_register(FiguresGroup)
