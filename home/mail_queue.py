"""The mail worker: every email leaves from here, never from inside a request.

Requests put email in the queue (django-mailer's DbBackend stores it in the database, in
the same transaction as whatever asked for it). `manage.py send_queued_mail` runs this loop
(deploy/systemd/sendias-mail.service): it turns queued password resets into emails and sends
what is queued. Two kinds of failure are told apart (handle_delivery_exception):

- the mail server cannot be reached, stalls, or drops the connection: the round stops, every
  message stays queued as it was, and the worker waits before trying again (MAIL_RETRY_FIRST
  seconds, doubling, at most MAIL_RETRY_MOST), so a server that is down costs one
  EMAIL_TIMEOUT a round, not one a message;
- the server refuses one message (a recipient it does not know, say): that message is
  deferred and retried on a back-off of its own, and the others go on being sent.

A message is never dropped: it stays queued until the server takes it.
"""

import logging
import smtplib
import time
from dataclasses import dataclass, field

from django.conf import settings
from mailer import engine
from mailer.models import RESULT_FAILURE, Message, MessageLog

from .password_resets import send_queued_password_resets

logger = logging.getLogger(__name__)

# The server, not the message: nothing sent now would fare better.
SERVER_FAILURES = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
)


class MailServerDown(Exception):
    pass


def handle_delivery_exception(connection, message, exc):
    """django-mailer's MAILER_ERROR_HANDLER: a server failure ends the round (the message is
    left as it was); a message the server refused is deferred, and the round goes on."""
    if isinstance(exc, smtplib.SMTPException) and not isinstance(exc, SERVER_FAILURES):
        message.defer()
        MessageLog.objects.log(message, RESULT_FAILURE, log_message=str(exc))
        logger.warning("The mail server refused a message (%s); it will be tried again", exc)
        return None, "deferred"  # a new connection for the next message
    if isinstance(exc, OSError):
        raise MailServerDown(str(exc) or type(exc).__name__) from exc
    raise exc


@dataclass
class Retries:
    """When to try again: soon after the first failure, then less often."""

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


@dataclass
class Worker:
    server: Retries  # after the server could not be reached
    refused: Retries  # for the messages the server refused


def new_worker() -> Worker:
    first, most = settings.MAIL_RETRY_FIRST, settings.MAIL_RETRY_MOST
    return Worker(server=Retries(first, most), refused=Retries(first, most))


def send_round(worker: Worker) -> dict:
    """One pass; returns what happened, for the log and the tests."""
    outcome = {"resets": send_queued_password_resets(), "sent": False}
    if not worker.server.due():
        return {**outcome, "queued": Message.objects.count()}
    retried = worker.refused.due() and Message.objects.deferred().exists()
    if retried:
        Message.objects.retry_deferred()
    try:
        engine.send_all()
    except MailServerDown as error:
        worker.server.failed()
        logger.warning(
            "The mail server did not answer (%s); %s email(s) stay queued; trying again in %s s",
            error,
            Message.objects.count(),
            worker.server.wait,
        )
        return {**outcome, "queued": Message.objects.count(), "server_down": True}
    worker.server.succeeded()
    refused = Message.objects.deferred().count()
    if not refused:
        worker.refused.succeeded()
    elif retried or not worker.refused.wait:
        worker.refused.failed()
    return {**outcome, "sent": True, "queued": Message.objects.count(), "refused": refused}


def run(poll_seconds: float, rounds: int | None = None) -> None:
    """Send rounds for ever (or `rounds` times), looking for new mail every poll_seconds."""
    worker = new_worker()
    done = 0
    while rounds is None or done < rounds:
        send_round(worker)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(poll_seconds)
