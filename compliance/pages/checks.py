"""`manage.py check` for a site that adds the page type: what it needs of the site."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _


@register()
def base_page_model(app_configs=None, **kwargs) -> list:
    swapped = getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")
    if swapped.lower() == "wagtailcore.page":
        return []
    return [
        Error(
            _(
                "The tracker's “How we are doing” page is a wagtailcore.Page, and this site "
                "swaps Wagtail's base page model (WAGTAIL_PAGE_MODEL = %(model)s)."
            )
            % {"model": swapped},
            hint=_(
                "Leave “wagtail_minimum_standards.compliance.pages” out of INSTALLED_APPS: the "
                "rest of the tracker does not need it."
            ),
            id="minimum_standards.E020",
        )
    ]


@register()
def site_base_template(app_configs=None, **kwargs) -> list:
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        return [
            Warning(
                _("The “How we are doing” page extends the site's “base.html”, which is missing."),
                hint=_(
                    "Add a base.html with a {% block content %}, or override "
                    "minimum_standards/pages/how_we_are_doing_page.html."
                ),
                id="minimum_standards.W020",
            )
        ]
    return []
