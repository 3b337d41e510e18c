from django import template
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

from ..kept import kept

register = template.Library()

USERBAR_KEPT_FOR = 5 * 60  # seconds: a change of someone's permissions shows within this


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The pages under the site's home that editors ticked "Show in menus"."""
    site_content = context["site_content"]
    current = context.get("page")
    current = current if isinstance(current, Page) else None
    return {
        "request": context["request"],
        "items": [
            {**item, "current": _current(item["path"], current)} for item in site_content.menu
        ],
    }


def _current(path: str, page) -> str:
    """The aria-current value for a menu item (its tree path): "page" on it, "true" below it."""
    if page is None or not page.path.startswith(path):
        return ""
    return "page" if page.path == path else "true"


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The pages above this one, from the site's home page down."""
    page = context.get("page")
    ancestors = context["site_content"].breadcrumbs(page) if isinstance(page, Page) else []
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


@register.inclusion_tag("includes/policy_links.html", takes_context=True)
def policy_links(context):
    """The service's key policies, for the footer of every page."""
    return {"policies": context["site_content"].policies, "request": context["request"]}


@register.simple_tag(takes_context=True)
def userbar(context):
    """Wagtail's userbar for those who may use the admin, kept a few minutes for each person,
    page and content version: building it is most of the cost of a signed-in editor's page.
    Previews build it afresh (their items differ)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if getattr(request, "is_preview", False) or getattr(request, "in_preview_panel", False):
        return wagtailuserbar(context)
    page = getattr(context.get("page"), "pk", None)
    return kept(
        context["site_content"].version,
        "userbar",
        lambda: wagtailuserbar(context),
        user.pk,
        request.get_host(),  # its links and scripts name the host
        page,
        get_language(),
        seconds=USERBAR_KEPT_FOR,
    )
