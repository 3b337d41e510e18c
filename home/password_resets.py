"""Password resets that tell nothing and hold nothing up.

- The form stores every request (QueuedPasswordReset), known address or not, and the page
  says the same thing either way: the answer takes the same time whether or not the address
  is anyone's, so it cannot be used to find out who has an account.
- The mail worker (`manage.py send_queued_mail`) looks the address up and sends the email
  through the mail queue: no mail server is ever spoken to inside a request.
- At most PASSWORD_RESET_LIMIT requests an hour from one client address (counted in the
  database, across every worker and server), and at most PASSWORD_RESET_EMAILS_PER_HOUR
  emails an hour to one address: nobody can flood a colleague's inbox. A reset cannot be
  blocked from another address: the budget that refuses requests is the asker's own, and a
  person whose inbox was flooded already holds working links (the newest is as good as new).
"""

from datetime import timedelta

from axes.helpers import get_client_ip_address as client_address
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView

from .limits import Budget
from .models import QueuedPasswordReset

HOUR = timedelta(hours=1)


def requests_budget() -> Budget:
    return Budget("password-reset-requests", settings.PASSWORD_RESET_LIMIT, HOUR)


def emails_budget() -> Budget:
    return Budget("password-reset-emails", settings.PASSWORD_RESET_EMAILS_PER_HOUR, HOUR)


class QueuedPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM) that queues the reset."""

    def save(self, request=None, use_https=False, **options):
        QueuedPasswordReset.objects.create(
            email=self.cleaned_data["email"],
            domain=request.get_host() if request else "",
            use_https=use_https,
        )


class PasswordResetLimitMiddleware:
    """Refuses a client address its fourth reset request in an hour (PASSWORD_RESET_LIMIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = request.method == "POST" and (
            request.path_info == reverse("wagtailadmin_password_reset")
        )
        if asked and not requests_budget().spend(client_address(request)):
            return TemplateResponse(request, "password_reset_limited.html", status=429).render()
        return self.get_response(request)


def send_queued_password_resets() -> int:
    """Turn each queued request into an email in the mail queue; how many were handled.

    Each row is taken under a lock that other workers skip, so two workers never send the
    same reset twice."""
    handled = 0
    while True:
        with transaction.atomic():
            queued = (
                QueuedPasswordReset.objects.select_for_update(skip_locked=True)
                .order_by("pk")
                .first()
            )
            if queued is None:
                return handled
            _send(queued)
            queued.delete()
        handled += 1


def _send(queued: QueuedPasswordReset) -> None:
    email = queued.email.strip().lower()
    form = DjangoPasswordResetForm({"email": queued.email})
    if not form.is_valid() or not any(form.get_users(queued.email)):
        return
    if not emails_budget().spend(email):
        return  # this hour's emails already reached the address: its newest link works
    DjangoPasswordResetForm.save(
        form,
        domain_override=queued.domain,
        use_https=queued.use_https,
        subject_template_name=PasswordResetView.subject_template_name,
        email_template_name=PasswordResetView.email_template_name,
    )
