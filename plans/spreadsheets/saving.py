"""A previewed upload saved as a delivery plan: all of it in one transaction, or nothing.

A plan of 1,000 items is a few queries per table, not per item: the items, their actions and
outcomes, their links and their change history are each created in bulk.
"""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

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
def save(preview: PlanPreview) -> DeliveryPlan:
    preview.errors.raise_if_any()
    plan = DeliveryPlan.objects.create(title=preview.title, framework=preview.framework)
    bulk_create_with_history(
        [
            PlanColumn(plan=plan, position=n, heading=heading, meaning=meaning)
            for n, (heading, meaning) in enumerate(preview.columns)
        ],
        PlanColumn,
    )
    bulk_create_with_history(
        [
            PlanStatus(plan=plan, position=n, label=word, meaning=meaning)
            for n, (word, meaning) in enumerate(preview.statuses)
        ],
        PlanStatus,
    )
    meanings = dict(preview.statuses)
    items = bulk_create_with_history(
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
        ],
        PlanItem,
    )
    if not all(item.pk for item in items):  # a database that returns no ids (not PostgreSQL)
        items = list(plan.items.order_by("position"))
    _links(items, preview)
    for model, listed in ((PlanAction, "actions"), (PlanOutcome, "outcomes")):
        bulk_create_with_history(
            [
                model(item=item, number=number, lead=lead, text=text, **_done(model, found, number))
                for item, found in zip(items, preview.items, strict=True)
                for number, (lead, text) in enumerate(getattr(found, listed), start=1)
            ],
            model,
        )
    updates = [
        ProgressUpdate(item=item, **update)
        for item, found in zip(items, preview.items, strict=True)
        for update in found.updates
    ]
    bulk_create_with_history(updates, ProgressUpdate)  # as they were: statuses are the items'
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
