"""What every public page shows besides its own content (the service settings, the menu, the
footer's policies), kept in Django's cache under the site's content version (home.cache), so
that a page asks the database for one small number instead of building them again.

In templates as `site_content` (home.context_processors.site_content): nothing is fetched
until a template reads it, and then once per request.
"""

from functools import cached_property

from wagtail.models import Site

from .cache import kept
from .models import ContentVersion, PolicyPage, ServiceSettings


class SiteContent:
    def __init__(self, request):
        self.request = request

    @cached_property
    def version(self) -> int:
        return ContentVersion.current()

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    def _kept(self, name, compute):
        site_id = self.site.pk if self.site else None
        return kept(self.version, name, compute, site_id) if site_id else compute()

    @cached_property
    def service(self):
        return self._kept("service", lambda: ServiceSettings.for_site(self.site))

    @cached_property
    def menu(self) -> list[dict]:
        """The live, public pages under the site's home ticked "Show in menus"."""
        if self.site is None:
            return []
        pages = self.site.root_page.get_children().live().public().in_menu()
        return self._kept(
            "menu",
            lambda: [
                {"title": p.title, "url": p.get_url(self.request), "path": p.path} for p in pages
            ],
        )

    @cached_property
    def policies(self) -> list[dict]:
        """The service's key policies: live, public policy pages of the site."""
        if self.site is None:
            return []
        pages = PolicyPage.objects.live().public().descendant_of(self.site.root_page)
        return self._kept(
            "policies",
            lambda: [
                {"title": p.title, "url": p.get_url(self.request)}
                for p in pages.only("title", "url_path")
            ],
        )
