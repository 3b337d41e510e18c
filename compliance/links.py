"""Full addresses of the tracker's screens, for emails: built from WAGTAILADMIN_BASE_URL when
the site sets it, otherwise from the address the request came to, otherwise from the default
Wagtail Site's root URL. A site without the setting gets a system check warning
(`minimum_standards.W001`), never an error while someone is asking a question."""

from django.conf import settings
from wagtail.models import Site


def base_url(request=None) -> str:
    """The scheme and host that links start with, without a closing slash ("" if unknown)."""
    configured = getattr(settings, "WAGTAILADMIN_BASE_URL", None)
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else ""
