"""Keeping the HTTP cache's public pages fresh (config.http_cache marks what it may keep).

Every public page shows others: the menu, the footer and the site-wide notice are on all of
them, the home page lists quick links and news, indexes list their children, the sitemap lists
everything, and *How we are doing* shows the latest ratified self-assessment. So any change
that can show anywhere purges every live page, the sitemap and robots.txt, through Wagtail's
frontend cache invalidation (WAGTAILFRONTENDCACHE), once the change is committed:

- a page published, unpublished, moved, renamed (its slug) or deleted;
- the service settings (which hold the site-wide notice) saved;
- a self-assessment saved (ratified, unlocked, retitled) or a standard's public wording changed.

A small site has tens of pages: one purge request each to nginx on this machine.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from compliance.models import SelfAssessment, Standard

from .models.service_settings import ServiceSettings

SITE_PATHS = ("/sitemap.xml", "/robots.txt")


def purge_everything() -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().exclude(depth=1).specific(defer=True))
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in SITE_PATHS)
    batch.purge()


def _after_commit(**kwargs) -> None:
    transaction.on_commit(purge_everything)


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        _after_commit()


def connect() -> None:
    for name, signal in [
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("slug", page_slug_changed),
        ("moved", post_page_move),
    ]:
        signal.connect(_after_commit, dispatch_uid=f"home.cache.page_{name}")
    post_delete.connect(_page_deleted, dispatch_uid="home.cache.page_deleted")
    for model in (ServiceSettings, SelfAssessment, Standard):
        post_save.connect(_after_commit, sender=model, dispatch_uid=f"home.cache.{model.__name__}")
