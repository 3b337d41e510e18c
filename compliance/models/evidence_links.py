"""The documents and web addresses that back up a rating, each with its review-by date."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model_string

from ..dates import ModelDateField
from ..history import InlineHistoricalRecords
from .assessments import Rating


class EvidenceLink(models.Model):
    """A document or web address that backs up a rating."""

    rating = ParentalKey(
        Rating, on_delete=models.CASCADE, related_name="evidence_links", verbose_name=_("rating")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("Web address"), blank=True)
    # The site's own document model, whatever it is (WAGTAILDOCS_DOCUMENT_MODEL).
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    review_by = ModelDateField(
        _("Review by"),
        null=True,
        blank=True,
        help_text=_("When this evidence should be checked again (e.g. a policy's review date)."),
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.url and not self.document_id:
            raise ValidationError(gettext("Give a web address or choose a document."))

    def is_overdue(self, on) -> bool:
        return bool(self.review_by and self.review_by < on)

    @property
    def href(self) -> str:
        return self.document.url if self.document_id else self.url
