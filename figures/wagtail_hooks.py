"""The figures in Wagtail's admin. The "Figures" menu (measures, breakdown lists, reporting
years and the entry form) comes first; other parts add their own hooks below it, each in a
function of its own."""

from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin_views.modeladmins import FiguresGroup

modeladmin_register(FiguresGroup)


# Seeing the figures: the Figures screen and the public report card (docs/figures.md).


@hooks.register("register_admin_urls")
def figures_screen_urls():
    """The Figures screen (figures/admin_views/screen.py): /admin/figures/, URL name
    "minimum_standards_figures_screen"."""
    from django.urls import path

    from .admin_views.screen import figures_screen

    return [path("figures/", figures_screen, name="minimum_standards_figures_screen")]


@hooks.register("minimum_standards_public_report_parts")  # compliance.pages.PUBLIC_PARTS_HOOK
def figures_report_card(page):
    """The measures flagged public, on the “How we are doing” page."""
    from .public import report_card

    return report_card(page)
