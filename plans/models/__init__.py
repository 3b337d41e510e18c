"""Delivery plans, their items and progress (the Advisory Group's meetings are compliance's)."""

from .decisions import Decision
from .plans import DeliveryPlan, PlanAction, PlanItem, PlanOutcome, ProgressUpdate

__all__ = [
    "Decision",
    "DeliveryPlan",
    "PlanAction",
    "PlanItem",
    "PlanOutcome",
    "ProgressUpdate",
]
