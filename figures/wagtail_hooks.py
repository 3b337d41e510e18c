"""The figures in Wagtail's admin. The "Figures" menu (measures, breakdown lists, reporting
years and the entry form) comes first; other parts add their own hooks below it, each in a
function of its own."""

from django.urls import path
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin_views.modeladmins import FiguresGroup

modeladmin_register(FiguresGroup)


# Seeing the figures: the Figures screen and the public report card (docs/figures.md).


@hooks.register("register_admin_urls")
def figures_screen_urls():
    """The Figures screen (figures/admin_views/screen.py): /admin/minimum_standards_figures/,
    URL name "minimum_standards_figures_screen"."""
    from .admin_views.screen import figures_screen

    return [
        path("minimum_standards_figures/", figures_screen, name="minimum_standards_figures_screen")
    ]


@hooks.register("minimum_standards_public_report_parts")  # compliance.pages.PUBLIC_PARTS_HOOK
def figures_report_card(page):
    """The measures flagged public, on the “How we are doing” page."""
    from .public import report_card

    return report_card(page)


# The figures' spreadsheets: the measures template, a year's figures to download, and the
# upload of figures with its preview (admin_views/spreadsheets.py, admin_views/upload.py).
@hooks.register("register_admin_urls")
def figures_spreadsheet_urls():
    from .admin_views import spreadsheets, upload

    label = "minimum_standards_figures"
    return [
        path(f"{label}/spreadsheets/", spreadsheets.spreadsheets, name=f"{label}_spreadsheets"),
        path(
            f"{label}/spreadsheets/measures.xlsx",
            spreadsheets.measures_export,
            name=f"{label}_measures_export",
        ),
        path(
            f"{label}/spreadsheets/figures.xlsx",
            spreadsheets.figures_export,
            name=f"{label}_export",
        ),
        path(
            f"{label}/spreadsheets/figures/<int:year>.xlsx",
            spreadsheets.figures_export,
            name=f"{label}_export_year",
        ),
        path(f"{label}/spreadsheets/upload/", upload.figures_upload, name=f"{label}_upload"),
        path(
            f"{label}/spreadsheets/built-in/",
            spreadsheets.load_builtin_measures,
            name=f"{label}_load_builtin",
        ),
        path(
            f"{label}/spreadsheets/upload/<uuid:token>/",
            upload.figures_upload_preview,
            name=f"{label}_upload_preview",
        ),
    ]
