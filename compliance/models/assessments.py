"""Self-assessments: a rating, evidence and next steps per standard, ratified then locked."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from simple_history.utils import bulk_create_with_history

from ..concurrency import locked, write
from ..dates import ModelDateField
from ..history import TrackerHistoricalRecords
from ..spreadsheets.cells import CELL_LIMIT
from .frameworks import Framework, RatingLevel, Standard

# The ratings that count towards met and not met: all but optional standards not adopted.
NOT_ADOPTED_EXCLUDED = models.Q(adopted=True) | models.Q(standard__optional=False)


class AssessmentLocked(ValidationError):
    """Raised on any change to a ratified self-assessment or its ratings."""

    def __init__(self, assessment):
        super().__init__(
            gettext(
                "“%(assessment)s” was ratified and is locked. Unlock it (the unlock is "
                "recorded) before changing it."
            )
            % {"assessment": assessment}
        )


class SelfAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in-review", _("In review")
        RATIFIED = "ratified", _("Ratified")

    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("framework"),
    )
    title = models.CharField(_("title"), max_length=200)
    assessed_on = ModelDateField(_("Date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    ratified_on = ModelDateField(_("ratified on"), null=True, blank=True)
    ratified_at = models.ForeignKey(
        "minimum_standards.AdvisoryGroupMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratified_assessments",
        verbose_name=_("Ratified at (Advisory Group meeting)"),
    )
    started_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started from"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("self assessment")
        verbose_name_plural = _("self assessments")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_lock_change", False):
            stored = SelfAssessment.objects.filter(pk=self.pk).values_list("status", flat=True)
            if stored and stored[0] == self.Status.RATIFIED:
                raise AssessmentLocked(self)
        super().save(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.RATIFIED

    @transaction.atomic
    def ratify(self, meeting, on_date, user=None, drawn_version=None, acknowledgement=""):
        """Ratified at a meeting, once. Decided on the row as stored, locked while this is
        decided: only its status and where and when it was ratified are written (an edit made
        meanwhile is kept). Refused if it was ratified already, or (StaleEdit) if it changed
        after a form drawn at `drawn_version` showed it. An `acknowledgement` (why the meeting
        ratified it despite its quality checks' warnings) is kept in its history's reason."""
        stored = locked(self, drawn_version)
        if stored.is_locked:
            raise AssessmentLocked(stored)
        stored._lock_change = True
        write(
            stored,
            {"status": self.Status.RATIFIED, "ratified_at": meeting, "ratified_on": on_date},
            _ratified_reason(meeting, acknowledgement),
        )
        self.refresh_from_db()

    @transaction.atomic
    def unlock(self, reason: str, user=None, drawn_version=None):
        """Reopen a ratified assessment for changes; the reason goes into its history. Only its
        status is written, on the row as stored (locked while this is decided); refused if it
        is not ratified, or (StaleEdit) if it changed after a form drawn at `drawn_version`
        showed it."""
        if not reason.strip():
            raise ValidationError(
                gettext("Say why the ratified self-assessment is being unlocked.")
            )
        stored = locked(self, drawn_version)
        if not stored.is_locked:
            raise ValidationError(
                gettext("“%(assessment)s” is not ratified: there is nothing to unlock.")
                % {"assessment": stored}
            )
        stored._lock_change = True
        write(
            stored,
            {"status": self.Status.IN_REVIEW},
            gettext("Unlocked: %(reason)s") % {"reason": reason.strip()},
        )
        self.refresh_from_db()

    @transaction.atomic
    def start_next(self, title: str, assessed_on) -> "SelfAssessment":
        """A new draft with this one's ratings and notes as its baseline, marked carried over.
        (On another framework, through a mapping: compliance/carry_across.py, start_across.)"""
        draft = SelfAssessment.objects.create(
            framework=self.framework, title=title, assessed_on=assessed_on, started_from=self
        )
        ratings = list(self.ratings.all())
        carried_over = gettext("Carried over from %(assessment)s") % {"assessment": self}
        bulk_create_with_history(
            [
                Rating(
                    assessment=draft,
                    standard_id=r.standard_id,
                    level_id=r.level_id,
                    evidence_notes=r.evidence_notes,
                    public_summary=r.public_summary,
                    next_steps=r.next_steps,
                    ticked_items=r.ticked_items,
                    adopted=r.adopted,
                    carried_over=True,
                )
                for r in ratings
            ],
            Rating,
            default_change_reason=carried_over,
        )
        copies = dict(draft.ratings.values_list("standard_id", "pk"))
        # The evidence links and the evidence lines' ratings (models/evidence_links.py and
        # models/evidence_lines.py, which build on this module), by the relation rather than
        # an import back.
        EvidenceLink = Rating._meta.get_field("evidence_links").related_model  # noqa: N806
        bulk_create_with_history(
            [
                EvidenceLink(
                    rating_id=copies[link.rating.standard_id],
                    title=link.title,
                    url=link.url,
                    document_id=link.document_id,
                    review_by=link.review_by,
                    sort_order=link.sort_order,
                )
                for link in EvidenceLink.objects.filter(rating__assessment=self).select_related(
                    "rating"
                )
            ],
            EvidenceLink,
            default_change_reason=carried_over,
        )
        LineRating = Rating._meta.get_field("line_ratings").related_model  # noqa: N806

        bulk_create_with_history(
            [
                LineRating(
                    rating_id=copies[line_rating.rating.standard_id],
                    line_id=line_rating.line_id,
                    levels=line_rating.levels,
                    comment=line_rating.comment,
                )
                for line_rating in LineRating.objects.filter(
                    rating__assessment=self
                ).select_related("rating")
            ],
            LineRating,
            default_change_reason=carried_over,
        )
        draft.add_missing_ratings()
        return draft

    def rated_summary(self) -> str:
        """ "17 of 20 standards rated, 3 not yet rated": only real ratings count as rated."""
        counted = self.ratings.filter(NOT_ADOPTED_EXCLUDED)
        total = counted.count()
        rated = counted.exclude(level__is_unrated=True).count()
        if rated == total:
            summary = ngettext(
                "%(rated)d of %(total)d standard rated",
                "%(rated)d of %(total)d standards rated",
                total,
            )
        else:
            summary = ngettext(
                "%(rated)d of %(total)d standard rated, %(unrated)d not yet rated",
                "%(rated)d of %(total)d standards rated, %(unrated)d not yet rated",
                total,
            )
        return summary % {"rated": rated, "total": total, "unrated": total - rated}

    def add_missing_ratings(self) -> None:
        """Give every standard of the framework a rating, "Not yet rated" where there is none."""
        unrated = self.framework.unrated_level()
        have = set(self.ratings.values_list("standard_id", flat=True))
        bulk_create_with_history(
            [
                Rating(assessment=self, standard=standard, level=unrated)
                for standard in Standard.objects.filter(section__framework=self.framework)
                if standard.pk not in have
            ],
            Rating,
            default_change_reason=gettext("Not yet rated"),
        )


class Rating(ClusterableModel):
    """How the service rates itself against one standard, and why.

    Evidence notes are confidential; the public summary is what the website shows.
    """

    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("assessment"),
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("standard")
    )
    level = models.ForeignKey(
        RatingLevel, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("level")
    )
    evidence_notes = models.TextField(
        _("evidence notes"),
        blank=True,
        max_length=CELL_LIMIT,
        help_text=_("Confidential: never shown on the public website."),
    )
    public_summary = models.TextField(
        _("public summary"),
        blank=True,
        max_length=CELL_LIMIT,
        help_text=_("Shown on the public “How we are doing” page once ratified."),
    )
    next_steps = models.TextField(_("next steps"), blank=True, max_length=CELL_LIMIT)
    ticked_items = models.JSONField(
        _("Checklist: what is in place"),
        default=list,
        blank=True,
        help_text=_(
            "The standard's checklist items ticked by hand (those the site does not check)."
        ),
    )
    adopted = models.BooleanField(
        _("Adopted"),
        default=True,
        help_text=_(
            "This standard is optional: untick it if the service has not adopted it. A standard "
            "not adopted is shown as such and left out of the counts."
        ),
    )
    carried_over = models.BooleanField(
        _("carried over"),
        default=False,
        help_text=_("Copied from the previous self-assessment and not re-checked yet."),
    )
    carry_note = models.TextField(
        _("where it came from"),
        blank=True,
        max_length=CELL_LIMIT,
        help_text=_(
            "Started from a self-assessment on another framework: where this rating and its "
            "evidence came from, and what to do."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["standard__section__position", "standard__position"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "standard"], name="one_rating_a_standard"
            ),
        ]

    def __str__(self):
        return gettext("%(standard)s in %(assessment)s") % {
            "standard": self.standard.code,
            "assessment": self.assessment,
        }

    def clean(self):
        same_framework = (
            not (self.level_id and self.standard_id)
            or self.level.framework_id == self.standard.section.framework_id
        )
        if not same_framework:
            raise ValidationError({"level": gettext("Choose a level from this framework's scale.")})

    def save(self, *args, **kwargs):
        """Saved with its assessment's row locked: refused once the assessment is ratified
        (however close the two come), and the assessment's version moved on, so that a
        decision on it drawn before (ratifying what the Advisory Group saw) is refused."""
        with transaction.atomic():
            assessments = SelfAssessment.objects.select_for_update().filter(pk=self.assessment_id)
            if list(assessments.values_list("status", flat=True)) == ["ratified"]:
                raise AssessmentLocked(self.assessment)
            assessments.update(version=F("version") + 1)
            super().save(*args, **kwargs)

    @property
    def is_counted(self) -> bool:
        """Whether it counts towards met and not met: not an optional standard not adopted."""
        return self.adopted or not self.standard.optional

    def mark_reviewed(self, user):
        self.reviewed_by, self.reviewed_at, self.carried_over = user, timezone.now(), False


def _ratified_reason(meeting, acknowledgement: str) -> str:
    if acknowledgement.strip():
        return gettext("Ratified at %(meeting)s. %(acknowledgement)s") % {
            "meeting": meeting,
            "acknowledgement": acknowledgement.strip(),
        }
    return gettext("Ratified at %(meeting)s") % {"meeting": meeting}
