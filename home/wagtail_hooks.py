from functools import partial

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Site
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from wagtail_minimum_standards.compliance.pages.models import PUBLIC_REPORT_HOOK
from wagtail_minimum_standards.compliance.site_checks import HOOK as SITE_CHECKS_HOOK

from .admin_views import EnquiryViewSet, ReadOnlyPermissionPolicy
from .feedback_admin import FeedbackPermissionPolicy, ThemePermissionPolicy
from .glossary_admin import GlossaryTermViewSet
from .models import Enquiry, Feedback, FeedbackTheme

register_permission_policy(Enquiry, ReadOnlyPermissionPolicy(Enquiry), exact_class=True)
register_permission_policy(Feedback, FeedbackPermissionPolicy(Feedback), exact_class=True)
register_permission_policy(FeedbackTheme, ThemePermissionPolicy(FeedbackTheme), exact_class=True)
register_snippet(GlossaryTermViewSet)


@hooks.register(SITE_CHECKS_HOOK)
def site_checks():
    """What this website can check for Minimum Standard 3.3, on its own pages and settings."""
    from .site_checks import SITE_CHECKS

    return SITE_CHECKS


@hooks.register(PUBLIC_REPORT_HOOK)
def keep_how_we_are_doing(page, request, build):
    """The tracker's “How we are doing” report, built again only when the content version moves
    on (a self-assessment ratified or unlocked, a framework's wording changed: home.cache)."""
    from .site_content import SiteContent

    return SiteContent.for_request(request).kept_for_page(page, "how-we-are-doing", build)


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return EnquiryViewSet("home_enquiry")


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    from .feedback_admin import FeedbackGroup

    return FeedbackGroup()


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    from .feedback_admin import THEMES_LOGGED, ThemesLogged

    actions.register_action(THEMES_LOGGED)(ThemesLogged)


def _protect_site_root(request, page):
    """Only an administrator may delete, unpublish or move a site's home page."""
    if request.user.is_superuser or not Site.objects.filter(root_page=page).exists():
        return None
    messages.error(
        request, "The home page holds up the whole site: only an administrator can do that."
    )
    return redirect("wagtailadmin_explore", page.pk)


@hooks.register("before_delete_page")
def protect_home_from_deletion(request, page):
    return _protect_site_root(request, page)


@hooks.register("before_unpublish_page")
def protect_home_from_unpublishing(request, page):
    return _protect_site_root(request, page)


@hooks.register("before_move_page")
def protect_home_from_moving(request, page, destination):
    return _protect_site_root(request, page)


@hooks.register("before_serve_page")
def keep_view_restrictions(page, request, serve_args, serve_kwargs):
    """Wagtail checks who may see a page (its on_serve_page hook, which runs after this) by
    reading the view restrictions of the page and every page above it: two queries on every
    page served. They are kept under the content version instead, which a restriction added,
    changed or removed, or a page moved, moves on (home.cache)."""
    from wagtail.models import Page

    from .site_content import SiteContent

    restrictions = SiteContent.for_request(request).kept_for_page(
        page, "view-restrictions", lambda: list(Page.get_view_restrictions(page))
    )
    # On this copy of the page (the site's home page is kept and held by the worker with the
    # restrictions of the same content version).
    page.get_view_restrictions = partial(list, restrictions)
