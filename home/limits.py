"""Budgets that hold across every worker and server: "at most N of these in this window".

Each budget is counted in one database row per fixed window (home.models.UsageCount), taken
and counted in one transaction under the row's lock, so concurrent requests on any number of
workers can never together exceed it (a check followed by a separate write could). What is
counted is stored as a keyed hash, never as the address or email itself.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from axes.helpers import get_client_ip_address as client_address
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models.limits import UsageCount


@dataclass(frozen=True)
class Budget:
    name: str
    limit: int
    window: timedelta

    def _row_key(self, subject: str, now: datetime) -> tuple[str, datetime]:
        seconds = int(self.window.total_seconds())
        number = int(now.timestamp()) // seconds
        message = f"{self.name}\0{subject}\0{number}".encode()
        digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
        ends = datetime.fromtimestamp((number + 1) * seconds, tz=UTC)
        return digest, ends

    def spend(self, subject: str) -> bool:
        """Count one use by `subject`; False (and nothing more is counted) once the budget
        for this window is spent."""
        now = timezone.now()
        key, ends = self._row_key(subject, now)
        with transaction.atomic():
            row = _locked_row(key, ends, now)
            if row.count >= self.limit:
                return False
            UsageCount.objects.filter(pk=row.pk).update(count=F("count") + 1, last_used_at=now)
        return True

    def used(self, subject: str) -> tuple[int, datetime | None]:
        """How many times `subject` used the budget in this window, and when it last did."""
        key, _ends = self._row_key(subject, timezone.now())
        row = UsageCount.objects.filter(key=key).values_list("count", "last_used_at").first()
        return row or (0, None)

    def spent(self, subject: str) -> bool:
        return self.used(subject)[0] >= self.limit


def _locked_row(key: str, ends: datetime, now: datetime) -> UsageCount:
    row = UsageCount.objects.select_for_update().filter(key=key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():  # a savepoint: another request may create it first
            UsageCount.objects.create(key=key, last_used_at=now, expires_at=ends)
    except IntegrityError:
        pass
    return UsageCount.objects.select_for_update().get(key=key)


def forget_expired() -> int:
    """Delete the counts of windows that have ended (the daily clean-up runs this)."""
    return UsageCount.objects.filter(expires_at__lt=timezone.now()).delete()[0]


def client_key(request) -> str:
    """A keyed hash of the client's address, stored with what it sent (an enquiry, feedback):
    enough to count, never the address itself."""
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
