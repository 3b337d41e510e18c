"""Keeping what the public site caches fresh: nginx's copies of whole pages (config.http_cache
marks what it may keep) and the app's own copies of what every page shows (the service
settings, the menu, the footer's policies).

Every public page shows others: the menu, the footer and the site-wide notice are on all of
them, indexes list their children, the sitemap lists everything, and *How we are doing* shows
the latest ratified self-assessment. So any change that can show anywhere

- moves the site's content version on (models.ContentVersion, in the same transaction), under
  which the app's copies are kept: every worker on every server sees the new number and builds
  them again;
- purges every live page, the sitemap and robots.txt from nginx once it is committed, through
  Wagtail's frontend cache invalidation (WAGTAILFRONTENDCACHE): a small site has tens of pages,
  one purge request each to nginx on this machine.

The changes: a page published, unpublished, moved, renamed (its slug), deleted, made private or
public again (an unpublished, deleted, moved or renamed page's old addresses are purged too);
a site's settings; the service settings (which hold the site-wide notice) saved; an image or a
document saved or deleted; a self-assessment saved (ratified, unlocked, retitled); a
framework's wording, sections, standards, checklists or rating scale changed; a measure, a
breakdown list, a reporting year or a figure saved or deleted (the public report card).

nginx keeps a page for at most HTTP_CACHE_SECONDS (5 by default): the bound for what no purge
reaches, such as a page rendered from the old content while a change was being committed, or a
purge that failed (nginx restarting). What the app keeps lasts at most KEPT_FOR (home.kept, 5
minutes), the bound for a change made around the app, straight in the database.
"""

import copy

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from wagtail_minimum_standards.compliance.models import (
    ChecklistItem,
    Framework,
    RatingLevel,
    Section,
    SelfAssessment,
    Standard,
)
from wagtail_minimum_standards.figures.models import (
    BreakdownList,
    BreakdownValue,
    Figure,
    Measure,
    ReportingYear,
)

from .models.content_version import ContentVersion
from .models.glossary import GlossaryTerm
from .models.service_settings import ServiceSettings

SITE_PATHS = ("/sitemap.xml", "/robots.txt", "/site-address.css")


def _figure_changed(sender, instance, **kwargs) -> None:
    """A figure entered, changed or deleted; not one counted from an enquiry (figures'
    add_one marks it `counted`): a crowd of enquiries purges nothing, and the public report
    card shows the counts from the next change, or the daily clean-up's refresh
    (delete_old_enquiries)."""
    if not getattr(instance, "counted", False):
        changed()


def changed(gone=(), **kwargs) -> None:
    """Something a public page shows changed: a new content version, and every public page
    purged once the transaction commits, with `gone`, the addresses pages were served at
    before the change (an unpublished or deleted page's, a moved or renamed page's old ones).
    """
    ContentVersion.bump()
    # Deleting a branch of pages or importing a framework signals once for every row: one
    # purge for the transaction (at once outside one).
    waiting = _purge_waiting()
    purge = waiting or Purge()
    purge.gone.update(gone)
    if waiting is None:
        transaction.on_commit(purge)


class Purge:
    """One purge of nginx's copies: every live page at each of its addresses (its
    get_cached_paths), the sitemap and robots.txt of every site, and what was served at
    addresses that are gone."""

    def __init__(self):
        self.gone: set[str] = set()

    def __call__(self) -> None:
        if not settings.WAGTAILFRONTENDCACHE:
            return
        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().exclude(depth=1).specific(defer=True))
        for site in Site.objects.all():
            batch.add_urls(site.root_url + path for path in SITE_PATHS)
        batch.add_urls(sorted(self.gone))
        batch.purge()


def _purge_waiting() -> Purge | None:
    """The purge already waiting for this transaction to commit, if any."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    return next((e[1] for e in connection.run_on_commit if isinstance(e[1], Purge)), None)


def served_at(page) -> list[str]:
    """The addresses nginx may hold `page` under: its URL on each site, with each of its
    cached paths (a routable page's own routes). Read from the instance alone, so it also
    works for a page deleted a moment ago."""
    site_root_paths = Site.get_site_root_paths()
    urls = []
    for root in site_root_paths:
        if page.url_path.startswith(root.root_path) and root.root_url:
            path = reverse("wagtail_serve", args=(page.url_path[len(root.root_path) :],))
            urls += [root.root_url + path + p.lstrip("/") for p in page.get_cached_paths()]
    return urls


def _unpublished(sender, instance, **kwargs) -> None:
    changed(gone=served_at(instance))


def _page_created_live(sender, instance, created, raw=False, **kwargs) -> None:
    """An alias of a live page is created live, and Wagtail sends no page_published for it."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        changed()


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        changed(gone=served_at(instance))


def _moved(sender, instance, url_path_before, url_path_after, **kwargs) -> None:
    """The page and every live page under it are no longer at their old addresses."""
    gone = []
    if url_path_before != url_path_after:
        pages = [copy.copy(instance), *instance.get_descendants().live().specific(defer=True)]
        for page in pages:  # as they were: Wagtail's own way (contrib.redirects)
            page.url_path = url_path_before + page.url_path[len(url_path_after) :]
            gone += served_at(page)
    changed(gone=gone)


def _slug_changed(sender, instance, instance_before, **kwargs) -> None:
    _moved(sender, instance, instance_before.url_path, instance.url_path)


def connect() -> None:
    page_published.connect(changed, dispatch_uid="home.cache.page_published")
    page_unpublished.connect(_unpublished, dispatch_uid="home.cache.page_unpublished")
    page_slug_changed.connect(_slug_changed, dispatch_uid="home.cache.page_slug")
    post_page_move.connect(_moved, dispatch_uid="home.cache.page_moved")
    post_save.connect(_page_created_live, dispatch_uid="home.cache.page_created_live")
    post_delete.connect(_page_deleted, dispatch_uid="home.cache.page_deleted")
    # The site and its settings; what "How we are doing" shows (the latest ratified
    # self-assessment, the framework's wording, sections, scale and checklists; the figures'
    # report card: its measures, their lists, years and figures); a page made
    # private or public again (its view restriction); an image or a document pages show
    # (replaced, retitled, deleted).
    for model in (
        get_image_model(),
        get_document_model(),
        Site,
        ServiceSettings,
        SelfAssessment,
        Framework,
        Section,
        Standard,
        ChecklistItem,
        RatingLevel,
        PageViewRestriction,
        Measure,
        BreakdownList,
        BreakdownValue,
        ReportingYear,
        GlossaryTerm,  # its words are explained on every page, and listed A to Z
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, dispatch_uid=f"home.cache.{model.__name__}.{id(signal)}"
            )
    for signal in (post_save, post_delete):
        signal.connect(
            _figure_changed, sender=Figure, dispatch_uid=f"home.cache.Figure.{id(signal)}"
        )
