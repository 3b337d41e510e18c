"""A figures workbook between its upload and its import: the bytes as uploaded, kept on the
server (never in the session) while the Service manager sees what would change.

Deleted once imported or cancelled, and forgotten a day after it was uploaded (each new
upload forgets the old ones), as a delivery plan's upload is.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEPT_FOR = datetime.timedelta(days=1)


class FiguresUploadQuerySet(models.QuerySet):
    def current(self):
        """Uploads not yet forgotten."""
        return self.filter(uploaded_at__gte=timezone.now() - KEPT_FOR)

    def forget_expired(self) -> int:
        """Delete uploads older than a day; how many went."""
        return self.filter(uploaded_at__lt=timezone.now() - KEPT_FOR).delete()[0]


class FiguresUpload(models.Model):
    # The preview's address: an id nobody can guess or count through.
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data = models.BinaryField(_("workbook"))
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)

    objects = FiguresUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("figures upload")
        verbose_name_plural = _("figures uploads")

    def __str__(self):
        return self.file_name or str(self.token)
