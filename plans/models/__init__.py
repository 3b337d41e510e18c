"""Delivery plans, their items and progress (the Advisory Group's meetings are compliance's)."""

from .annual_reports import AnnualReport, AnnualReportSection
from .decisions import Decision
from .layout import OPEN_MEANINGS, Meaning, PlanColumn, PlanStatus, StatusMeaning
from .plans import DeliveryPlan, PlanAction, PlanItem, PlanOutcome, ProgressUpdate
from .uploads import PlanUpload

__all__ = [
    "AnnualReport",
    "AnnualReportSection",
    "OPEN_MEANINGS",
    "Decision",
    "DeliveryPlan",
    "Meaning",
    "PlanColumn",
    "PlanStatus",
    "StatusMeaning",
    "PlanAction",
    "PlanItem",
    "PlanOutcome",
    "PlanUpload",
    "ProgressUpdate",
]
