"""This website's checks for Minimum Standard 3.3 ("the website includes ..."): each looks at
the service settings and the live pages, says what it found, and where to fix it. Registered
with the tracker by home/wagtail_hooks.py (the names are the 2018 framework's `site check`s).
"""

from django.urls import reverse

from wagtail_minimum_standards.compliance.site_checks import SiteCheckResult

from .models import (
    PolicyIndexPage,
    PolicyPage,
    ServiceSettings,
    Signpost,
    SignpostingPage,
    TopicIndexPage,
    TopicPage,
)


def _settings(site) -> ServiceSettings:
    """The site's service settings, read once for all the checks of one report."""
    if not hasattr(site, "_service_settings"):
        site._service_settings = ServiceSettings.for_site(site)
    return site._service_settings


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


def contact_details(site) -> SiteCheckResult:
    settings = _settings(site)
    channels = [name for name, value in [("phone", settings.phone), ("text", settings.text_number),
                ("email", settings.email), ("post", settings.postal_address)] if value]  # fmt: skip
    return SiteCheckResult(
        bool(settings.phone and settings.email), ", ".join(channels) or "none",
        _settings_url(site), "Service settings: contact details", _may_change_settings,
    )  # fmt: skip


def opening_hours(site) -> SiteCheckResult:
    settings = _settings(site)
    periods = len(settings.opening_hours)
    return SiteCheckResult(
        periods > 0,
        f"{periods} opening period(s)",
        _settings_url(site),
        "Service settings: opening hours",
        _may_change_settings,
    )


def response_times(site) -> SiteCheckResult:
    settings = _settings(site)
    return SiteCheckResult(
        bool(settings.response_times.strip()),
        "stated" if settings.response_times.strip() else "not stated",
        _settings_url(site),
        "Service settings: response times",
        _may_change_settings,
    )


def send_topics(site) -> SiteCheckResult:
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


def signposting(site) -> SiteCheckResult:
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


def local_offer(site) -> SiteCheckResult:
    settings = _settings(site)
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


def key_policies(site) -> SiteCheckResult:
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


SITE_CHECKS = {  # the names a framework's checklist uses
    "contact-details": contact_details,
    "opening-hours": opening_hours,
    "response-times": response_times,
    "send-topics": send_topics,
    "signposting": signposting,
    "local-offer": local_offer,
    "key-policies": key_policies,
}
