"""How much of a limited thing (sign-in failures, password resets, enquiries) one client has
used in the current window: one row per budget and window, counted in the database so that
every worker and every server sees the same figure (home.limits)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UsageCount(models.Model):
    # A keyed hash of what is counted (a client's address, an email address): never the
    # address itself.
    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("usage count")
        verbose_name_plural = _("usage counts")

    def __str__(self):
        return f"{self.key[:12]}…: {self.count}"
