"""A password reset someone asked for, waiting for the mail worker (home.password_resets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QueuedPasswordReset(models.Model):
    """Stored whether or not the address belongs to anyone, so that the answer takes the same
    time either way; the mail worker looks the address up, sends, and deletes the row."""

    email = models.EmailField(max_length=254)
    domain = models.CharField(max_length=255)
    use_https = models.BooleanField(default=True)
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("queued password reset")
        verbose_name_plural = _("queued password resets")

    def __str__(self):
        return str(self.requested_at)
