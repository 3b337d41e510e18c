from django import template
from django.apps import apps
from django.utils.translation import gettext_lazy as _

register = template.Library()

LINKS = {
    "young-people": _("Are you a young person (16 to 25)? Information for you"),
    "children": _("Are you a child? Pages for you"),
}


@register.inclusion_tag("home/includes/for_you_links.html", takes_context=True)
def for_you_links(context, home):
    """Links near the top of the home page to the sections written for young people and for
    children: the first live page of each audience in the two levels under the home page."""
    young_people_page = apps.get_model("home", "YoungPeoplePage")
    pages = (
        young_people_page.objects.live()
        .public()
        .descendant_of(home)
        .filter(depth__lte=home.depth + 2, audience__in=LINKS)
        .order_by("depth", "path")
        .only("url_path", "audience")
    )
    first = {}
    for page in pages:
        first.setdefault(page.audience, page)
    request = context.get("request")
    return {
        "links": [
            {"label": label, "url": first[audience].get_url(request)}
            for audience, label in LINKS.items()
            if audience in first
        ]
    }
