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
from simple_history.models import HistoricalRecords

WORDS_LIMIT = 3000


class Question(models.Model):
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    text = models.TextField("Question or comment", max_length=WORDS_LIMIT)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        permissions = [("answer_question", "Can answer the Advisory Group's questions")]

    def __str__(self):
        return f"Question {self.pk} by {self.asked_by}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class Reply(models.Model):
    class Kind(models.TextChoices):
        ANSWER = "answer", "Answer"
        COMMENT = "comment", "Comment"
        CORRECTION = "correction", "Correction"

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="replies")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(max_length=WORDS_LIMIT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name_plural = "replies"

    def __str__(self):
        return f"{self.get_kind_display()} to question {self.question_id}"


class EmailChoice(models.Model):
    """Whether a person wants the tracker's emails about questions (each can turn them off)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_emails"
    )
    question_emails = models.BooleanField(
        "Email me about the Advisory Group's questions",
        default=True,
        help_text="A new question (if you answer them), or an answer to yours. Each email "
        "holds a link, never the words.",
    )

    def __str__(self):
        return f"Tracker emails for {self.user}"
