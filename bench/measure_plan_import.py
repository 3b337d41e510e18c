"""Run by bench/plan_import.py with the site's settings: time importing a plan of N items with
12 columns against openpyxl alone reading the same workbook (see plan_import.py)."""

import io
import sys

import django

django.setup()

from django.db import connection  # noqa: E402  (after setup)
from django.test.utils import CaptureQueriesContext  # noqa: E402
from measure_plan_export import WORDS, median_seconds  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from wagtail_minimum_standards.compliance.models import Framework  # noqa: E402
from wagtail_minimum_standards.plans.models import DeliveryPlan  # noqa: E402
from wagtail_minimum_standards.plans.spreadsheets import import_plan  # noqa: E402

HEADINGS = [
    "Ref", "Area of work (link to Standard)", "Task objective", "Action", "Outcome", "Who?",
    "Timescale", "RAG", "Progress update", "Actual Completion", "Notes", "Budget",
]  # fmt: skip
RAG = ["Green", "Amber", "Red", "Blue", ""]


def workbook(items: int) -> bytes:
    """A council's plan: a title, 12 headings, `items` rows as long as the annual report's."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Anytown SEND improvement plan 2025-27"])
    sheet.append(HEADINGS)
    for n in range(items):
        sheet.append([
            f"{n // 10 + 1}.{n % 10 + 1}", f"Operational functions ({n % 4 + 1}.{n % 3 + 1})",
            f"{WORDS}objective {n}",
            "\n".join(f"{k}. {WORDS}action {k}" for k in (1, 2, 3)),
            "\n".join(f"{k}. Outcome {k}: {WORDS}" for k in (1, 2)),
            "Manager, I&A Officers", "Sept 2022 - July 2023", RAG[n % 5], WORDS * 2, WORDS * 3,
            "See the SLA (section B)", f"£{n * 10:,}",
        ])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def imported(content: bytes, framework) -> DeliveryPlan:
    return import_plan(io.BytesIO(content), framework)


def openpyxl_alone(content: bytes) -> int:
    """openpyxl reading every cell's value, as the import opens a workbook (read-only)."""
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))


def main(items: int) -> None:
    framework = Framework.objects.get(code="iass-2018")
    content = workbook(items)
    with CaptureQueriesContext(connection) as queries:
        plan = imported(content, framework)
    count = plan.items.count()
    made = []
    ours = median_seconds(lambda: made.append(imported(content, framework)))
    for plan in made:
        plan.delete()
    alone = median_seconds(lambda: openpyxl_alone(content))
    print(f"plan of {count:,} items, {len(HEADINGS)} columns: {len(content) / 1024:,.0f} KB, "
          f"{len(queries)} queries")  # fmt: skip
    print(f"import_plan (read, checked, saved): {ours * 1000:,.0f} ms (median of 5)")
    print(f"openpyxl alone, reading it: {alone * 1000:,.0f} ms (median of 5)")
    print(f"ratio: {ours / alone:.2f}x (goal: at most 3x)")


if __name__ == "__main__":
    main(int(sys.argv[1]))
