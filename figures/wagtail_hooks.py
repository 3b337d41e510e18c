"""The figures in Wagtail's admin; each part's hooks in a function of its own."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem


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
            f"{label}/spreadsheets/upload/<uuid:token>/",
            upload.figures_upload_preview,
            name=f"{label}_upload_preview",
        ),
    ]


class FiguresSpreadsheetsMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views.access import can_read

        return can_read(request.user)


@hooks.register("register_admin_menu_item")
def figures_spreadsheets_menu_item():
    return FiguresSpreadsheetsMenuItem(
        gettext_lazy("Figures spreadsheets"),
        reverse("minimum_standards_figures_spreadsheets"),
        icon_name="table",
        order=275,
    )
