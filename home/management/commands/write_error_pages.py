"""nginx's own error pages, as static files in the site's look (deploy/nginx/sendias.conf)."""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Site

from home.models import ServiceSettings

# The errors nginx answers itself (its error_page lines): a bad or too large request, a
# file that is not there, too many requests, and the app down, failing or too slow.
STATUSES = (400, 404, 413, 429, 500, 502, 503, 504)


class Command(BaseCommand):
    help = (
        "Write the pages nginx shows for its own errors (400, 404, 413, 429, 500, 502, 503, "
        "504) into STATIC_ROOT/errors/: the site's look, the helpline and the opening hours "
        "as the service settings have them now. Run it at every deploy, after collectstatic."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="the folder to write them to (default: STATIC_ROOT/errors)"
        )

    def handle(self, *args, **options):
        if not options["output"] and not settings.STATIC_ROOT:
            raise CommandError("STATIC_ROOT is not set: give --output.")
        folder = Path(options["output"] or Path(settings.STATIC_ROOT) / "errors")
        context = {"service": _service_settings(), "written": timezone.localdate()}
        with translation.override(settings.LANGUAGE_CODE):
            try:
                pages = {
                    status: render_to_string(f"errors/{status}.html", context)
                    for status in STATUSES
                }
            except ValueError as error:  # the stylesheet's hashed name is not known yet
                raise CommandError(f"{error}: run `manage.py collectstatic` first.") from error
        folder.mkdir(mode=0o755, parents=True, exist_ok=True)
        for status, html in pages.items():
            _write(folder / f"{status}.html", html)
        self.stdout.write(f"Wrote {len(pages)} error pages to {folder}")


def _service_settings() -> ServiceSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return ServiceSettings.for_site(site) if site else ServiceSettings()


def _write(path: Path, text: str) -> None:
    """Whole or not at all (nginx may be serving the old page meanwhile), readable by nginx."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
