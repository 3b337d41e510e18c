"""The mail worker: every email leaves from here, never from inside a request.

Requests put email in the queue (django-mailer's DbBackend stores it in the database, in
the same transaction as whatever asked for it). `manage.py send_queued_mail` runs this loop
(deploy/systemd/sendias-mail.service): it turns queued password resets into emails, sends
what is queued, and retries what the mail server refused or failed to take, waiting longer
after each failed round (MAIL_RETRY_FIRST seconds, doubling, at most MAIL_RETRY_MOST). A
message is never dropped: it stays queued, deferred, until the server takes it. Each
connection gives up after EMAIL_TIMEOUT seconds, so a stalled server costs the worker that
long, and nobody else anything.
"""

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from mailer import engine
from mailer.models import Message

from .password_resets import send_queued_password_resets

logger = logging.getLogger(__name__)


@dataclass
class Retries:
    """When to try deferred messages again: soon after the first failure, then less often."""

    first: float
    most: float
    wait: float = 0.0
    next_at: float = 0.0
    clock: object = field(default=time.monotonic, repr=False)

    def due(self) -> bool:
        return self.clock() >= self.next_at

    def failed(self) -> None:
        self.wait = min(self.most, self.wait * 2 if self.wait else self.first)
        self.next_at = self.clock() + self.wait

    def succeeded(self) -> None:
        self.wait = 0.0
        self.next_at = 0.0


def deferred_count() -> int:
    return Message.objects.deferred().count()


def send_round(retries: Retries) -> dict:
    """One pass: queued resets become emails; then, unless waiting after a failed round,
    deferred messages are queued again and everything queued is sent. A round stops at the
    first message the server does not take (MAILER_EMAIL_MAX_DEFERRED = 1), so a server that
    is down costs one EMAIL_TIMEOUT a round, not one a message."""
    resets = send_queued_password_resets()
    if not retries.due():
        return {"resets": resets, "sent": False, "deferred": deferred_count()}
    Message.objects.retry_deferred()
    engine.send_all()
    left = deferred_count()
    if left:
        retries.failed()
        logger.warning("%s email(s) could not be sent; trying again in %s s", left, retries.wait)
    else:
        retries.succeeded()
    return {"resets": resets, "sent": True, "deferred": left}


def new_retries() -> Retries:
    return Retries(first=settings.MAIL_RETRY_FIRST, most=settings.MAIL_RETRY_MOST)


def run(poll_seconds: float, rounds: int | None = None) -> None:
    """Send rounds for ever (or `rounds` times), looking for new mail every poll_seconds."""
    retries = new_retries()
    done = 0
    while rounds is None or done < rounds:
        send_round(retries)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(poll_seconds)
