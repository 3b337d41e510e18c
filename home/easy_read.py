"""Which pages have an easy-read version, and the way back: one query for the whole site,
kept under the content version (home.cache), which every publish, unpublish, move or deletion
moves on, so a page's "Easy read version" link comes and goes with the easy-read page."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .kept import kept

EASY_READ = _("Easy read version")
STANDARD = _("Standard version")


def other_versions(request, site_content) -> dict[int, dict]:
    """{page id: {"easy_read": bool, "url": ...}}: for a standard page, its easy-read version;
    for an easy-read page, the page it is the easy-read version of. Live pages only."""
    easy_read_page = apps.get_model("home", "EasyReadPage")

    def find():
        found = {}
        pages = (
            easy_read_page.objects.live()
            .public()
            .filter(standard_version__live=True, alias_of__isnull=True)
            .select_related("standard_version")
            .only("url_path", "standard_version__url_path")
        )
        for easy in pages:
            standard = easy.standard_version
            found[standard.pk] = {"easy_read": True, "url": easy.get_url(request)}
            found[easy.pk] = {"easy_read": False, "url": standard.get_url(request)}
        return found

    if site_content is None or site_content.site is None:
        return find()
    return kept(site_content.version, "easy-read-versions", find, site_content.site.pk)


def other_version(request, site_content, page) -> dict | None:
    """The link from `page` to its other version, if it has one: {"label", "url"}."""
    easy_read_page = apps.get_model("home", "EasyReadPage")
    if getattr(request, "is_preview", False) and isinstance(page, easy_read_page):
        # A draft: its own choice of standard version, which may not be published yet.
        standard = page.standard_version
        if standard is None:
            return None
        return {"label": STANDARD, "url": standard.get_url(request), "easy_read": False}
    pk = getattr(page, "pk", None)
    if pk is None:
        return None
    found = other_versions(request, site_content).get(pk)
    if found is None:
        return None
    return {"label": EASY_READ if found["easy_read"] else STANDARD, **found}
