from django.urls import path
from wagtail import hooks


@hooks.register("register_admin_urls")
def figures_screen_urls():
    """The Figures screen (figures/admin_views/screen.py): /admin/figures/."""
    from .admin_views.screen import figures_screen

    return [path("figures/", figures_screen, name="minimum_standards_figures_screen")]
