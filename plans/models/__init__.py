"""Delivery plans, their items and progress, and the Advisory Group meetings that review them."""

from .meetings import AdvisoryGroupMeeting
from .plans import DeliveryPlan, PlanAction, PlanItem, PlanOutcome, ProgressUpdate

__all__ = [
    "AdvisoryGroupMeeting",
    "DeliveryPlan",
    "PlanAction",
    "PlanItem",
    "PlanOutcome",
    "ProgressUpdate",
]
