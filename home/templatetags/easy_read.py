from django import template
from wagtail.models import Page

from ..easy_read import other_version as find_other_version

register = template.Library()


@register.inclusion_tag("includes/other_version.html", takes_context=True)
def other_version(context):
    """ "Easy read version" on a page that has one; "Standard version" on an easy-read page."""
    page = context.get("page")
    request = context.get("request")
    found = None
    if isinstance(page, Page) and request is not None:
        found = find_other_version(request, context.get("site_content"), page)
    return {"other": found}
