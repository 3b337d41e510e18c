"""Frameworks of standards, and the service's yearly self-assessments against them."""

from .assessments import AssessmentLocked, EvidenceLink, Rating, SelfAssessment
from .frameworks import ChecklistItem, Framework, RatingLevel, Section, Standard

__all__ = [
    "AssessmentLocked",
    "ChecklistItem",
    "EvidenceLink",
    "Framework",
    "Rating",
    "RatingLevel",
    "Section",
    "SelfAssessment",
    "Standard",
]
