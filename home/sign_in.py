"""A budget of failed sign-ins for each client address, whatever usernames it tries.

django-axes locks one username at one address after a few failures (AXES_FAILURE_LIMIT), so
a person who mistypes is stopped without locking colleagues out. A password sprayer tries one
or two passwords on many usernames and never trips that, so here each client address also has
a budget across all usernames: after SIGN_IN_SLOW_AFTER failures in SIGN_IN_WINDOW_MINUTES it
must wait SIGN_IN_SLOW_SECONDS between attempts (refused, not held: no worker waits), and after
SIGN_IN_FAILURES_PER_ADDRESS it is refused until the window ends. Colleagues at other
addresses are not affected. Counted in the database (home.limits), across every worker.
(django-axes has one limit for every parameter it locks by: counting by address alone there
would lock a whole office out after five mistakes.)
"""

from datetime import timedelta

from axes.helpers import get_client_ip_address as client_address
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .limits import Budget


def failures_budget() -> Budget:
    return Budget(
        "sign-in-failures",
        settings.SIGN_IN_FAILURES_PER_ADDRESS,
        timedelta(minutes=settings.SIGN_IN_WINDOW_MINUTES),
    )


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        failures_budget().spend(client_address(request))


class SignInBudgetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == reverse("wagtailadmin_login"):
            address = client_address(request)
            wait = seconds_to_wait(address)
            if wait:
                return _paused(request, wait, stopped=failures_budget().spent(address))
        return self.get_response(request)


def seconds_to_wait(address: str) -> int:
    """0 if this address may try to sign in now; otherwise how long it must wait."""
    budget = failures_budget()
    failures, last = budget.used(address)
    now = timezone.now()
    if failures >= budget.limit:
        window = int(budget.window.total_seconds())
        return max(1, window - int(now.timestamp()) % window)
    if failures >= settings.SIGN_IN_SLOW_AFTER and last is not None:
        remaining = settings.SIGN_IN_SLOW_SECONDS - (now - last).total_seconds()
        return max(0, int(remaining + 0.999))
    return 0


def _paused(request, wait: int, stopped: bool):
    context = {"minutes": (wait + 59) // 60, "seconds": wait, "stopped": stopped}
    response = TemplateResponse(request, "sign_in_paused.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response.render()
