"""Run by bench/plan_export.py with the site's settings: grow the demo's plan to N items, then
time its export against openpyxl alone writing the same cells (see plan_export.py)."""

import gc
import io
import statistics
import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402  (after setup)
from django.test.utils import CaptureQueriesContext  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from wagtail_minimum_standards.compliance.models import Standard  # noqa: E402
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanAction, PlanItem, PlanOutcome  # noqa: E402
from wagtail_minimum_standards.plans.spreadsheets import export_plan  # noqa: E402

WORDS = "Review the service level agreement with the local authority and the ICB, and agree "


def grow(plan, items: int) -> None:
    standards = list(Standard.objects.filter(section__framework=plan.framework)[:3])
    have = plan.items.count()
    new = PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan, position=n, area_of_work="Operational functions",
            objective=f"{WORDS}objective {n}", owners="Manager, I&A Officers",
            timescale="Sept 2022 - July 2023", completion_notes=WORDS * 3, status="On track",
            status_meaning="open",
        )
        for n in range(have, items)
    )  # fmt: skip
    PlanItem.standards.through.objects.bulk_create(
        PlanItem.standards.through(planitem_id=item.pk, standard_id=s.pk)
        for item in new
        for s in standards
    )
    PlanAction.objects.bulk_create(
        PlanAction(
            item=item, number=k, lead=f"\n{k}. " if k > 1 else "1. ", text=f"{WORDS}action {k}"
        )
        for item in new
        for k in (1, 2, 3)
    )
    PlanOutcome.objects.bulk_create(
        PlanOutcome(
            item=item, number=k, lead=f"\n{k}. " if k > 1 else "1. ", text=f"Outcome {k}: {WORDS}"
        )
        for item in new
        for k in (1, 2)
    )


def exported(plan) -> bytes:
    buffer = io.BytesIO()
    export_plan(plan).save(buffer)
    return buffer.getvalue()


def openpyxl_alone(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def median_seconds(action, repeat=5) -> float:
    """The median time of `action`, timed as timeit times: garbage collected before each run
    and not during it. A full collection of this process's heap (Django's and Wagtail's
    objects) takes about 120 ms here, and fell inside two runs in five, of either side."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return statistics.median(times)


def main(items: int) -> None:
    plan = DeliveryPlan.objects.get(title__startswith="SPS Operational")
    grow(plan, items)
    with CaptureQueriesContext(connection) as queries:
        content = exported(plan)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    ours = median_seconds(lambda: exported(plan))
    alone = median_seconds(lambda: openpyxl_alone(rows))
    cells = sum(1 for row in rows for value in row if value is not None)
    print(f"plan of {plan.items.count():,} items: {len(rows):,} rows, {cells:,} cells, "
          f"{len(content) / 1024:,.0f} KB, {len(queries)} queries")  # fmt: skip
    print(f"export_plan, saved: {ours * 1000:,.0f} ms (median of 5)")
    print(f"openpyxl alone, the same cells: {alone * 1000:,.0f} ms (median of 5)")
    print(f"ratio: {ours / alone:.2f}x (goal: at most 3x)")


if __name__ == "__main__":
    main(int(sys.argv[1]))
