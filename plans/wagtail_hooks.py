from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin_views.dashboard import PlansPanel
from .admin_views.modeladmins import DeliveryPlansGroup

modeladmin_register(DeliveryPlansGroup)


@hooks.register("construct_homepage_panels")
def add_plans_panel(request, panels):
    panels.append(PlansPanel())
