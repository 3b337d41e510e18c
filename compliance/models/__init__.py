"""Frameworks of standards, and the service's yearly self-assessments against them."""

from .assessments import AssessmentLocked, EvidenceLink, Rating, SelfAssessment
from .evidence_lines import EvidenceLine, LineLevel, LineRating, LineScale
from .frameworks import ChecklistItem, Framework, RatingLevel, Section, Standard
from .meetings import AdvisoryGroupMeeting, MeetingLocked
from .questions import EmailChoice, Question, Reply
from .roles import RoleGroup

__all__ = [
    "AdvisoryGroupMeeting",
    "AssessmentLocked",
    "EmailChoice",
    "MeetingLocked",
    "Question",
    "Reply",
    "RoleGroup",
    "ChecklistItem",
    "EvidenceLine",
    "EvidenceLink",
    "LineLevel",
    "LineRating",
    "LineScale",
    "Framework",
    "Rating",
    "RatingLevel",
    "Section",
    "SelfAssessment",
    "Standard",
]
