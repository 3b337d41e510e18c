"""What every public page shows besides its own content (the service settings, the menu, the
footer), kept in Django's cache under the site's content version (home.cache), so
that a page asks the database for one small number instead of building them again.

In templates as `site_content` (home.context_processors.site_content): nothing is fetched
until a template reads it, and then once per request.
"""

from functools import cached_property

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from wagtail.models import Site

from .kept import kept
from .models.content_version import ContentVersion
from .models.service_settings import ServiceSettings


class SiteContent:
    def __init__(self, request):
        self.request = request

    @classmethod
    def for_request(cls, request) -> "SiteContent":
        """One per request, whoever asks first (a template, the page routing)."""
        found = getattr(request, "_site_content", None)
        if found is None:
            found = request._site_content = cls(request)
        return found

    def route(self, root, path_components: list[str], default):
        """Wagtail's route from the site's root page to a page, in one query once it is known.

        The first request for a path routes as Wagtail does (`default()`: a query or two for
        each level); if that leads straight to a page (no sub-route of a routable page), the
        page's content type and id are kept under the content version, and later requests
        fetch just that page and let it route itself (it is still live, or it is a 404).
        """
        if not path_components or self.site is None:
            return default()
        path = "/".join(path_components)
        wanted = f"{root.url_path}{path}/"

        def found():
            result = default()
            page = result[0]
            if result[1] or result[2] or page.url_path != wanted:
                return False  # a routable page's sub-route, or elsewhere: route as Wagtail does
            return (page.content_type_id, page.pk)

        known = self._kept(f"route-{root.pk}", found, path_components=path)
        if not known:
            return default()
        content_type, pk = known
        model = ContentType.objects.get_for_id(content_type).model_class()
        page = model._default_manager.filter(pk=pk).first()
        return page.route(self.request, []) if page is not None else default()

    @cached_property
    def version(self) -> int:
        return ContentVersion.current()

    def kept_for_page(self, page, name: str, compute, *parts):
        """compute() for one page (what it lists or reports, rendered) on this site (its links
        are the site's), kept under the content version; built afresh in a preview, where the
        page may be an unsaved draft."""
        if getattr(self.request, "is_preview", False) or self.site is None:
            return compute()
        return kept(self.version, f"{name}-{page.pk}", compute, self.site.pk, *parts)

    @cached_property
    def site(self):
        """Wagtail's site for this request (its own rules: host name, then port, then the
        default), kept with its root page as its own type: the one query Wagtail makes for
        the site, and the one for the root page, only once per content version."""
        hostname = split_domain_port(self.request._get_raw_host())[0]
        port = self.request.get_port()

        def find():
            site = Site._find_for_request(self.request)
            if site is None:
                return False
            site.root_page = site.root_page.specific
            return site

        return kept(self.version, "site", find, hostname, port) or None

    def _kept(self, name, compute, empty=(), path_components=""):
        """compute() for this site, kept under the content version; `empty` without a site."""
        if self.site is None:
            return list(empty)
        return kept(self.version, name, compute, self.site.pk, path_components)

    @cached_property
    def service(self):
        if self.site is None:
            return None
        # By the site's id: the settings keep no copy of this request's site and pages.
        return self._kept(
            "service", lambda: ServiceSettings.objects.get_or_create(site_id=self.site.pk)[0]
        )

    @cached_property
    def menu(self) -> list[dict]:
        """The live, public pages under the site's home ticked "Show in menus"."""
        return self._kept(
            "menu",
            lambda: [
                {"title": p.title, "url": p.get_url(self.request), "path": p.path}
                for p in self.site.root_page.get_children().live().public().in_menu()
            ],
        )

    @cached_property
    def policies(self) -> list[dict]:
        """The service's key policies: live, public policy pages of the site. The page types
        import this module (their routing and listings are kept here), so it asks Django's
        app registry for theirs rather than importing them."""
        policy_page = apps.get_model("home", "PolicyPage")
        return self._kept(
            "policies",
            lambda: [
                {"title": p.title, "url": p.get_url(self.request)}
                for p in policy_page.objects.live()
                .public()
                .descendant_of(self.site.root_page)
                .only("title", "url_path")
            ],
        )

    @cached_property
    def footer(self) -> str:
        """The footer, the same on every page of the site (contact details, opening hours,
        links, the policies), rendered once per content version: building the settings' opening
        hours and links from their stored form was a third of a page's time."""

        def render():
            context = {"service": self.service, "site_content": self, "request": self.request}
            return render_to_string("includes/footer.html", context)

        return render() if self.site is None else self._kept("footer", render)

    def breadcrumbs(self, page) -> list[dict]:
        """The pages above `page`, from the site's home page down."""
        if page.depth <= self.site.root_page.depth:
            return []
        return self.kept_for_page(
            page,
            "breadcrumbs",
            lambda: [
                {"title": a.title, "url": a.get_url(self.request)}
                for a in page.get_ancestors().filter(depth__gte=self.site.root_page.depth)
            ],
        )


class SiteMiddleware:
    """Pages find their site (and its root page) in the kept copy: Wagtail reads
    request._wagtail_site before looking for the site itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.resolver_match and request.resolver_match.url_name == "wagtail_serve":
            request._wagtail_site = SiteContent.for_request(request).site
