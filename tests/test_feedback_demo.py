"""The demo's feedback: themes, about twenty made-up submissions (some tagged), and the measures
that count them, which the annual report's tables then show."""

import io

from django.utils import timezone
from docx import Document

from home.demo import feedback as demo_feedback
from home.models import Feedback, FeedbackPage, FeedbackTheme
from wagtail_minimum_standards.figures.models import Figure, ReportingYear
from wagtail_minimum_standards.plans.annual_report import annual_report_docx
from wagtail_minimum_standards.plans.models import AnnualReport


def test_the_demo_has_themes_tagged_example_feedback_and_its_counts(demo_site):
    demo_feedback.load()  # again: nothing more

    assert FeedbackPage.objects.live().count() == 1
    assert "Getting through on the phone" in FeedbackTheme.objects.values_list("name", flat=True)
    assert Feedback.objects.count() == 20
    words = [
        w for pair in Feedback.objects.values_list("could_be_better", "went_well") for w in pair
    ]
    assert all(w.startswith("Example: ") for w in words if w)
    assert Feedback.objects.filter(themes__isnull=False).distinct().count() >= 10
    by_theme = sum(
        Figure.objects.filter(measure__key="feedback-by-theme").values_list("value", flat=True)
    )
    tags = Feedback.themes.through.objects.count()
    assert by_theme == tags
    by_rating = sum(
        Figure.objects.filter(measure__key="feedback-by-rating").values_list("value", flat=True)
    )
    assert by_rating == 20


def test_the_annual_report_shows_the_feedback_counts_in_its_tables(demo_site):
    year = ReportingYear.objects.for_day(timezone.localdate())
    report = (
        AnnualReport.of_year(year)
        if AnnualReport.objects.filter(year=year).exists()
        else (AnnualReport.start(year))
    )

    document = Document(io.BytesIO(annual_report_docx(report)))

    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Feedback by rating" in " ".join(texts)
    assert "Getting through on the phone" in " ".join(texts)
