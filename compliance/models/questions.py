"""The Advisory Group's questions before a meeting, and the answers: the conversation between
the people who own the actions and those who hold them to account, kept with the record.

A question is about one thing: a rating of a self-assessment, an item of a delivery plan (plans
registers it, compliance.questions), or a meeting's review as a whole. Nobody edits or deletes
anyone's words: a correction, a comment and an answer are each a new reply. A question is open
until the Service manager answers it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..history import TrackerHistoricalRecords
from ..people import name_of

WORDS_LIMIT = 3000


class Question(models.Model):
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject type")
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    text = models.TextField(_("Question or comment"), max_length=WORDS_LIMIT)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        permissions = [("answer_question", _("Can answer the Advisory Group's questions"))]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return gettext("Question %(number)s by %(person)s") % {
            "number": self.pk,
            "person": name_of(self.asked_by),
        }

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class Reply(models.Model):
    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        COMMENT = "comment", _("Comment")
        CORRECTION = "correction", _("Correction")

    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="replies", verbose_name=_("question")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("text"), max_length=WORDS_LIMIT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return gettext("%(kind)s to question %(number)s") % {
            "kind": self.get_kind_display(),
            "number": self.question_id,
        }


class EmailChoice(models.Model):
    """Whether a person wants the tracker's emails about questions (each can turn them off)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tracker_emails",
        verbose_name=_("user"),
    )
    question_emails = models.BooleanField(
        _("Email me about the Advisory Group's questions"),
        default=True,
        help_text=_(
            "A new question (if you answer them), or an answer to yours. Each email "
            "holds a link, never the words."
        ),
    )

    class Meta:
        verbose_name = _("email choice")
        verbose_name_plural = _("email choices")

    def __str__(self):
        return gettext("Tracker emails for %(person)s") % {"person": self.user}
