"""A reporting year's annual report: its title, the narrative the Service manager writes under
headings of their own, and which self-assessment (Appendix 3) and delivery plan (Appendix 4) it
includes. The figures are the year's own (figures). Approving the report at an Advisory Group
meeting locks the year's figures and this narrative together (ReportingYear.approve)."""

import re

from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from wagtail_minimum_standards.compliance.history import (
    InlineHistoricalRecords,
    TrackerHistoricalRecords,
)
from wagtail_minimum_standards.figures.models import Measure, ReportingYear, YearLocked

from .plans import DeliveryPlan

PARAGRAPH_BREAK = re.compile(r"\r?\n\s*\r?\n")  # a blank line, as browsers send it

# A new report's headings, in order: the manager renames, reorders, adds and removes them.
DEFAULT_SECTIONS = [
    _("Introduction"),
    _("Key achievements"),
    _("Challenges"),
    _("Plans for next year"),
]


def default_title(year: ReportingYear) -> str:
    """ "Annual Report 2021 – 2022" for the year from September 2021."""
    last = year.ends_on.year
    if last == year.starts_on.year:
        return gettext("Annual Report %(year)s") % {"year": last}
    return gettext("Annual Report %(first)s – %(last)s") % {
        "first": year.starts_on.year,
        "last": last,
    }


def _refuse_if_locked(year_id) -> None:  # a list of the year's id, or a query giving it
    """Refused once the year's report is approved: its narrative is locked with its figures.
    The year's row is locked meanwhile, so an approval cannot slip in between."""
    year = ReportingYear.objects.select_for_update().filter(pk__in=year_id).first()
    if year is not None and year.is_locked:
        raise YearLocked(year)


def default_charts() -> list[Measure]:
    """The measures a new report draws: each alone under its table heading (the seed report's
    charts are of Table 4, Table 5 and the contact routes), and each with a target."""
    measures = list(Measure.objects.order_by("position", "pk"))
    headings = [measure.group or measure.name for measure in measures]
    return [
        measure
        for measure, heading in zip(measures, headings, strict=True)
        if headings.count(heading) == 1 or measure.target is not None
    ]


class AnnualReport(ClusterableModel):
    year = models.OneToOneField(
        ReportingYear,
        on_delete=models.PROTECT,
        related_name="annual_report",
        verbose_name=_("reporting year"),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("For example: SEND Partnership Service Annual Report 2021 – 2022."),
    )
    assessment = models.ForeignKey(
        "minimum_standards.SelfAssessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("self-assessment (Appendix 3)"),
        help_text=_("Shown as Appendix 3: the self-assessment the Advisory Group ratified."),
    )
    plan = models.ForeignKey(
        DeliveryPlan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("delivery plan (Appendix 4)"),
    )
    charts = ParentalManyToManyField(
        Measure,
        blank=True,
        related_name="+",
        verbose_name=_("charts"),
        help_text=_(
            "The measures drawn as charts: this year against last year, and for a measure with "
            "a target its trend. Every measure's figures are in the tables whatever is chosen. "
            "A new report starts with each measure that has a table of its own (as Tables 4 "
            "and 5 and the contact routes) or a target."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = TrackerHistoricalRecords(m2m_fields=[charts])

    class Meta:
        ordering = ["-year__starts_on"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        with transaction.atomic():
            _refuse_if_locked([self.year_id])
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            _refuse_if_locked([self.year_id])
            return super().delete(*args, **kwargs)

    def charted_ids(self) -> set[int]:
        """The ids of the measures drawn as charts (one query, or none if prefetched)."""
        return {measure.pk for measure in self.charts.all()}

    def sections_in_order(self) -> list:
        return list(self.sections.all())

    @classmethod
    def unsaved(cls, year: ReportingYear) -> "AnnualReport":
        """What the year's report is before anyone writes it: the default title and headings,
        nothing under them, no appendix."""
        report = cls(year=year, title=default_title(year))
        report.sections = [
            AnnualReportSection(heading=str(heading), sort_order=n)
            for n, heading in enumerate(DEFAULT_SECTIONS)
        ]
        report.charts = default_charts()
        return report

    @classmethod
    def of_year(cls, year: ReportingYear) -> "AnnualReport":
        """The year's report as written, or as it starts (unsaved) if nobody has yet."""
        return cls.objects.filter(year=year).first() or cls.unsaved(year)

    @classmethod
    @transaction.atomic
    def start(cls, year: ReportingYear) -> "AnnualReport":
        """The year's report, made with the default title and headings if there is none."""
        _refuse_if_locked([year.pk])
        found = cls.objects.filter(year=year).first()
        if found:
            return found
        report = cls.unsaved(year)
        report.save()
        return report


class AnnualReportSection(Orderable):
    """One headed part of the narrative: the heading as the report prints it, then its text
    (paragraphs separated by a blank line)."""

    report = ParentalKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("annual report"),
    )
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(
        _("text"), blank=True, help_text=_("Paragraphs separated by a blank line.")
    )

    history = InlineHistoricalRecords()

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        with transaction.atomic():
            year_id = AnnualReport.objects.filter(pk=self.report_id).values("year_id")
            _refuse_if_locked(year_id[:1])
            super().save(*args, **kwargs)

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in PARAGRAPH_BREAK.split(self.text) if p.strip()]
