"""Minimum Standard 3.3 checked against the live site: is each thing the website must have there?

A framework's checklist item names one of these checks in its `site_check`. Each
check looks at the service settings and the live pages, and says what it found
and where to fix it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Site


def _nobody(user) -> bool:
    return False


@dataclass
class SiteCheckResult:
    present: bool
    found: str
    fix_url: str
    fix_label: str
    may_fix: Callable = _nobody  # may_fix(user): is the fix link of use to this user?

    def for_user(self, user) -> "SiteCheckResult":
        """The result as `user` sees it: the fix link only if they may follow it."""
        return self if self.may_fix(user) else SiteCheckResult(self.present, self.found, "", "")


def _settings_url(site) -> str:
    return reverse("wagtailsettings:edit", args=["home", "servicesettings", site.pk])


def _may_change_settings(user) -> bool:
    return user.has_perm("home.change_servicesettings")


def _may_add_under(page):
    return lambda user: page.permissions_for_user(user).can_add_subpage()


def _may_edit(page):
    return lambda user: page.permissions_for_user(user).can_edit()


def _add_page_url(site, model_name: str) -> str:
    return reverse("wagtailadmin_pages:add", args=["home", model_name, site.root_page_id])


def _live(model, site):
    return model.objects.live().public().descendant_of(site.root_page)


def contact_details(site, settings) -> SiteCheckResult:
    channels = [name for name, value in [("phone", settings.phone), ("text", settings.text_number),
                ("email", settings.email), ("post", settings.postal_address)] if value]  # fmt: skip
    return SiteCheckResult(
        bool(settings.phone and settings.email), ", ".join(channels) or "none",
        _settings_url(site), "Service settings: contact details", _may_change_settings,
    )  # fmt: skip


def opening_hours(site, settings) -> SiteCheckResult:
    periods = len(settings.opening_hours)
    return SiteCheckResult(
        periods > 0,
        f"{periods} opening period(s)",
        _settings_url(site),
        "Service settings: opening hours",
        _may_change_settings,
    )


def response_times(site, settings) -> SiteCheckResult:
    return SiteCheckResult(
        bool(settings.response_times.strip()),
        "stated" if settings.response_times.strip() else "not stated",
        _settings_url(site),
        "Service settings: response times",
        _may_change_settings,
    )


def send_topics(site, settings) -> SiteCheckResult:
    from home.models import TopicIndexPage, TopicPage

    count = _live(TopicPage, site).count()
    index = _live(TopicIndexPage, site).first()
    fix = (
        reverse("wagtailadmin_pages:add", args=["home", "topicpage", index.pk])
        if index
        else _add_page_url(site, "topicindexpage")
    )
    return SiteCheckResult(
        count >= 3,
        f"{count} live SEND topic page(s)",
        fix,
        "Add a SEND topic page",
        _may_add_under(index or site.root_page),
    )


def signposting(site, settings) -> SiteCheckResult:
    from home.models import Signpost, SignpostingPage

    pages = _live(SignpostingPage, site)
    groups = set(Signpost.objects.filter(page__in=pages).values_list("group", flat=True))
    needed = {"parent-groups", "youth-forums", "national-helplines"}
    missing = sorted(Signpost.Group(g).label for g in needed - groups)
    page = pages.first()
    fix = (
        reverse("wagtailadmin_pages:edit", args=[page.pk])
        if page
        else _add_page_url(site, "signpostingpage")
    )
    found = "all three groups" if not missing else "missing: " + ", ".join(missing)
    may_fix = _may_edit(page) if page else _may_add_under(site.root_page)
    return SiteCheckResult(not missing, found, fix, "Signposting page", may_fix)


def local_offer(site, settings) -> SiteCheckResult:
    from home.models import Signpost, SignpostingPage

    listed = Signpost.objects.filter(
        page__in=_live(SignpostingPage, site), group="local-offer"
    ).exists()
    present = bool(settings.local_offer_url) or listed
    return SiteCheckResult(
        present,
        "linked" if present else "no link",
        _settings_url(site),
        "Service settings: Local Offer address",
        _may_change_settings,
    )


def key_policies(site, settings) -> SiteCheckResult:
    from home.models import PolicyIndexPage, PolicyPage

    types = set(_live(PolicyPage, site).values_list("policy_type", flat=True))
    index = _live(PolicyIndexPage, site).first()
    fix = (
        reverse("wagtailadmin_pages:add", args=["home", "policypage", index.pk])
        if index
        else _add_page_url(site, "policyindexpage")
    )
    complaints = "published" if "complaints" in types else "missing"
    found = f"{len(types)} policy type(s); complaints procedure {complaints}"
    return SiteCheckResult(
        "complaints" in types,
        found,
        fix,
        "Add a policy page",
        _may_add_under(index or site.root_page),
    )


SITE_CHECKS = {
    "contact-details": contact_details,
    "opening-hours": opening_hours,
    "response-times": response_times,
    "send-topics": send_topics,
    "signposting": signposting,
    "local-offer": local_offer,
    "key-policies": key_policies,
}


def check_items(items) -> list[tuple]:
    """[(checklist item, SiteCheckResult or None)] for a checklist, on the default site."""
    from home.models import ServiceSettings

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return [(item, None) for item in items]
    settings = ServiceSettings.for_site(site)
    return [
        (
            item,
            SITE_CHECKS[item.site_check](site, settings)
            if item.site_check in SITE_CHECKS
            else None,
        )
        for item in items
    ]
