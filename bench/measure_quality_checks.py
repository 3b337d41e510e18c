"""Run by bench/quality_checks.py in a process with the site's settings: a framework of 20 and
one of 500 standards, each with a self-assessment with ten evidence links a standard (5,000 for
500), then every quality check on it (compliance.quality_checks.findings_for, as the report
runs them), timed and its queries counted.

Prints one tab-separated line per size: standards, evidence links, findings, queries, first
run ms, median ms (of 5 after the first).
"""

import datetime
import statistics
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402  (after setup)
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from measure_compliance import generated_framework  # noqa: E402

from wagtail_minimum_standards.compliance.models import (  # noqa: E402
    EvidenceLink,
    Question,
    Rating,
    SelfAssessment,
)
from wagtail_minimum_standards.compliance.quality_checks import findings_for  # noqa: E402

LINKS_A_STANDARD = 10
PLAIN = "We answer every call within two working days. Standard %d: you can ask us at any time."
HARD = (
    "Standard %d: notwithstanding organisational considerations, comprehensive multidisciplinary "
    "consultation methodologies facilitate individualised statutory documentation."
)


def assessment_of(size: int) -> SelfAssessment:
    framework = generated_framework(size)
    assessment = SelfAssessment.objects.create(
        framework=framework, title=f"Bench {size}", assessed_on=datetime.date(2025, 8, 31)
    )
    assessment.add_missing_ratings()
    met, partly = framework.levels.get(code="C"), framework.levels.get(code="P/C")
    asker = get_user_model().objects.create_user(f"asker{size}")
    ratings = list(assessment.ratings.order_by("pk"))
    for n, rating in enumerate(ratings):
        Rating.objects.filter(pk=rating.pk).update(
            level=partly if n % 4 == 0 else met,
            evidence_notes="" if n % 7 == 0 else f"Evidence for standard {n}.",
            public_summary="" if n % 9 == 0 else (HARD if n % 5 == 0 else PLAIN) % n,
            carried_over=n % 6 == 0,
        )
        if n % 10 == 0:
            Question.objects.create(subject=rating, text=f"Question {n}", asked_by=asker)
    EvidenceLink.objects.bulk_create(
        EvidenceLink(
            rating=rating,
            title=f"Evidence {k} of {n}",
            url="https://example.org/evidence",
            review_by=datetime.date(2024 if k == 0 and n % 3 == 0 else 2030, 3, 31),
            sort_order=k,
        )
        for n, rating in enumerate(ratings)
        for k in range(LINKS_A_STANDARD)
    )
    return assessment


def measure(size: int) -> str:
    assessment = assessment_of(size)
    times = []
    for _ in range(6):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            findings = findings_for(assessment)
        times.append((time.perf_counter() - start) * 1000)
    links = EvidenceLink.objects.filter(rating__assessment=assessment).count()
    return (
        f"{size}\t{links}\t{len(findings)}\t{len(queries)}\t{times[0]:.0f}\t"
        f"{statistics.median(times[1:]):.0f}"
    )


if __name__ == "__main__":
    for size in map(int, sys.argv[1:]):
        print(measure(size))
