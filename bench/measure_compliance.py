"""Run by bench/compliance_views.py in a process with the site's settings: build a framework of
N standards with two self-assessments, then time the report, comparison and export views.

Prints one tab-separated line per view: view, standards, queries, p50 ms, p90 ms.
"""

import datetime
import io
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402  (after setup)
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from timing import time_view  # noqa: E402

from wagtail_minimum_standards.compliance.models import Framework, Rating, SelfAssessment  # noqa: E402
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework  # noqa: E402

SITE_CHECKS = [
    "contact-details",
    "opening-hours",
    "response-times",
    "send-topics",
    "signposting",
    "local-offer",
    "key-policies",
]


def generated_framework(size: int) -> Framework:
    """A framework of `size` standards, 25 a section, through the real importer."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Framework"
    for row in [("code", f"bench-{size}"), ("name", "Benchmark"), ("version", "1")]:
        sheet.append(row)
    scale = book.create_sheet("Scale")
    scale.append(
        ["position", "code", "label", "meaning", "colour", "counts as met", "not yet rated"]
    )
    scale.append([2, "C", "Compliant", "", "#00703c", "yes", "no"])
    scale.append([1, "P/C", "Partly", "", "#8a4c00", "no", "no"])
    standards = book.create_sheet("Standards")
    standards.append(["section", "section title", "code", "wording"])
    for n in range(size):
        section = n // 25 + 1
        standards.append(
            [section, f"Section {section}", f"{section}.{n % 25 + 1}", f"Standard {n}"]
        )
    # Standard 1.1 carries the seven live-site checks that 3.3 has in the real framework.
    checklist = book.create_sheet("Checklist")
    checklist.append(["standard", "item", "site check"])
    for check in SITE_CHECKS:
        checklist.append(["1.1", check, check])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return import_framework(buffer)


def assessments(size: int):
    if size == 20:  # the demo's 2018 Minimum Standards
        return (
            SelfAssessment.objects.get(status="ratified", framework__code="iass-2018"),
            SelfAssessment.objects.get(status="draft"),
        )
    framework = generated_framework(size)
    first = SelfAssessment.objects.create(
        framework=framework, title="First", assessed_on=datetime.date(2024, 1, 1)
    )
    first.add_missing_ratings()
    levels = list(framework.levels.all())
    for i, rating in enumerate(first.ratings.all()):
        Rating.objects.filter(pk=rating.pk).update(level=levels[i % 2], evidence_notes=f"Note {i}")
    return first, first.start_next("Second", datetime.date(2025, 1, 1))


def main(size: int):
    first, second = assessments(size)
    user = get_user_model().objects.create_superuser(f"bench{size}", "b@example.org", "x")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    urls = {
        "report": f"/admin/minimum_standards/assessment/{second.pk}/",
        "comparison": f"/admin/minimum_standards/compare/?first={first.pk}&second={second.pk}",
        "export": f"/admin/minimum_standards/assessment/{second.pk}/export/",
    }
    for name, url in urls.items():
        count, p50, p90 = time_view(client, url, repeat=20)
        print(f"{name}\t{size}\t{count}\t{p50:.1f}\t{p90:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
