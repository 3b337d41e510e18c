"""What the Advisory Group may ask about in the figures: a measure (its figures, its definition,
its target). compliance.questions keeps the questions, and the Figures screen links to them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import questions


def measure_url(measure) -> str:
    return reverse("minimum_standards_figures_screen") + f"#measure-{measure.pk}"


def register_subjects() -> None:
    questions.register_subject(
        "measure",
        "minimum_standards_figures.Measure",
        describe=lambda measure: _("The figures for “%(measure)s”") % {"measure": measure},
        url=measure_url,
    )
