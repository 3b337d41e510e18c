"""Delivery plans, their items and progress (the Advisory Group's meetings are compliance's)."""

from .plans import DeliveryPlan, PlanAction, PlanItem, PlanOutcome, ProgressUpdate

__all__ = [
    "DeliveryPlan",
    "PlanAction",
    "PlanItem",
    "PlanOutcome",
    "ProgressUpdate",
]
