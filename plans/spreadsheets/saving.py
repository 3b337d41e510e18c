"""A previewed upload saved as a delivery plan: all of it in one transaction, or nothing.

A plan of 1,000 items is a few queries per table, not per item: the items, their actions and
outcomes and their links are each created in bulk, and each table's change history ("created",
by whoever uploaded it) in one statement (compliance/history.py).
"""

from django.db import transaction

from wagtail_minimum_standards.compliance.history import record_created

from ..models import (
    DeliveryPlan,
    PlanAction,
    PlanColumn,
    PlanItem,
    PlanOutcome,
    PlanStatus,
    ProgressUpdate,
)
from .preview import PlanPreview


@transaction.atomic
def save(preview: PlanPreview, user=None) -> DeliveryPlan:
    preview.errors.raise_if_any()
    plan = DeliveryPlan(title=preview.title, framework=preview.framework)
    plan._history_user = user
    plan.save()
    PlanColumn.objects.bulk_create(
        PlanColumn(plan=plan, position=n, heading=heading, meaning=meaning)
        for n, (heading, meaning) in enumerate(preview.columns)
    )
    PlanStatus.objects.bulk_create(
        PlanStatus(plan=plan, position=n, label=word, meaning=meaning)
        for n, (word, meaning) in enumerate(preview.statuses)
    )
    meanings = dict(preview.statuses)
    items = PlanItem.objects.bulk_create(
        [
            PlanItem(
                plan=plan,
                position=position,
                **found.fields,
                status_meaning=meanings.get(found.fields.get("status", ""), ""),
                extra=found.extra,
                due_date=found.due_date,
            )
            for position, found in enumerate(preview.items, start=1)
        ]
    )
    if not all(item.pk for item in items):  # a database that returns no ids (not PostgreSQL)
        items = list(plan.items.order_by("position"))
    _links(items, preview)
    for model, listed in ((PlanAction, "actions"), (PlanOutcome, "outcomes")):
        model.objects.bulk_create(
            model(item=item, number=number, lead=lead, text=text, **_done(model, found, number))
            for item, found in zip(items, preview.items, strict=True)
            for number, (lead, text) in enumerate(getattr(found, listed), start=1)
        )
    ProgressUpdate.objects.bulk_create(  # as they were: the items' statuses are set above
        ProgressUpdate(item=item, **update)
        for item, found in zip(items, preview.items, strict=True)
        for update in found.updates
    )
    for model, rows in (
        (PlanColumn, plan.columns.all()),
        (PlanStatus, plan.statuses.all()),
        (PlanItem, plan.items.all()),
        (PlanAction, PlanAction.objects.filter(item__plan=plan)),
        (PlanOutcome, PlanOutcome.objects.filter(item__plan=plan)),
        (ProgressUpdate, ProgressUpdate.objects.filter(item__plan=plan)),
    ):
        record_created(model, rows.order_by("pk"), user)
    return plan


def _done(model, found, number) -> dict:
    return {"done_on": found.done.get(number)} if model is PlanAction else {}


def _links(items, preview: PlanPreview) -> None:
    for field_name, attribute in (("standards", "standards"), ("owner_users", "owner_users")):
        through = getattr(PlanItem, field_name).through
        source, target = _through_columns(through)
        through.objects.bulk_create(
            through(**{source: item.pk, target: linked.pk})
            for item, found in zip(items, preview.items, strict=True)
            for linked in getattr(found, attribute)
        )


def _through_columns(through) -> tuple[str, str]:
    """The through table's two id columns: the item's, then the other's."""
    keys = [f for f in through._meta.fields if f.is_relation]
    item = next(f for f in keys if f.related_model is PlanItem)
    other = next(f for f in keys if f is not item)
    return item.attname, other.attname
