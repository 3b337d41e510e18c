"""Project middleware."""

import hashlib

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.urls import reverse

from .client_address import client_address


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under ADMIN_PATH_PREFIX.

    The public site gets the strict CONTENT_SECURITY_POLICY; the Wagtail admin
    gets ADMIN_CONTENT_SECURITY_POLICY, because its editor needs inline styles.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY)
        return parts


class PasswordResetLimitMiddleware:
    """Password reset emails, at most PASSWORD_RESET_LIMIT an hour for one client address and
    for one email address: nobody can flood a colleague's inbox, or the mail server, with
    them. Counted in the cache (shared by every worker when the cache is shared)."""

    WINDOW = 60 * 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == reverse("wagtailadmin_password_reset"):
            keys = [
                "password-reset:client:" + client_address(request),
                "password-reset:email:" + request.POST.get("email", "").strip().lower()[:254],
            ]
            if any(self._spent(key) for key in keys):
                return TemplateResponse(request, "password_reset_limited.html", status=429).render()
        return self.get_response(request)

    def _spent(self, key: str) -> bool:
        key = "sendias:" + hashlib.sha256(key.encode()).hexdigest()
        cache.add(key, 0, self.WINDOW)
        try:
            return cache.incr(key) > settings.PASSWORD_RESET_LIMIT
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.WINDOW)
            return False
