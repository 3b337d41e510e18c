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
public again; a site's settings; the service settings (which hold the site-wide notice) saved;
a self-assessment saved (ratified, unlocked, retitled); a framework's wording, sections,
standards, checklists or rating scale changed.
"""

import hashlib
from functools import cache as once
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from compliance.models import (
    ChecklistItem,
    Framework,
    RatingLevel,
    Section,
    SelfAssessment,
    Standard,
)

from .models import ContentVersion, ServiceSettings

SITE_PATHS = ("/sitemap.xml", "/robots.txt")
KEPT_FOR = 24 * 60 * 60  # seconds; a new content version makes new keys long before


def kept(version: int, name: str, compute, *parts, seconds: int = KEPT_FOR):
    """compute(), kept in Django's cache under this content version (and `parts`), for this
    release of the code."""
    key = ":".join(("home", release(), name, str(version), *map(str, parts)))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


@once
def release() -> str:
    """A fingerprint of this checkout's own apps and templates. With a cache shared by several
    servers, or kept across an update, no server reads what another release of the code
    built (old markup during a rolling update, or after it)."""
    root = Path(settings.BASE_DIR)
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(config.path) for config in apps.get_app_configs()]
    digest = hashlib.sha256()
    for folder in sorted({f for f in folders if f.parent == root}):  # not installed packages
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html") and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def changed(**kwargs) -> None:
    ContentVersion.bump()
    if not _purge_waiting():  # deleting a branch of pages or importing a framework signals
        transaction.on_commit(purge_everything)  # once for every row


def _purge_waiting() -> bool:
    """Is a purge already waiting for this transaction to commit?"""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        entry[1] is purge_everything for entry in connection.run_on_commit
    )


def purge_everything() -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().exclude(depth=1).specific(defer=True))
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in SITE_PATHS)
    batch.purge()


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        changed()


def connect() -> None:
    for name, signal in [
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("slug", page_slug_changed),
        ("moved", post_page_move),
    ]:
        signal.connect(changed, dispatch_uid=f"home.cache.page_{name}")
    post_delete.connect(_page_deleted, dispatch_uid="home.cache.page_deleted")
    # The site and its settings; what "How we are doing" shows (the latest ratified
    # self-assessment, the framework's wording, sections, scale and checklists); a page made
    # private or public again (its view restriction).
    for model in (
        Site,
        ServiceSettings,
        SelfAssessment,
        Framework,
        Section,
        Standard,
        ChecklistItem,
        RatingLevel,
        PageViewRestriction,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, dispatch_uid=f"home.cache.{model.__name__}.{id(signal)}"
            )
