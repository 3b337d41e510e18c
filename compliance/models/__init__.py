"""Frameworks of standards, and the service's yearly self-assessments against them."""

from .assessments import AssessmentLocked, Rating, SelfAssessment
from .evidence_lines import EvidenceLine, LineLevel, LineRating, LineScale
from .evidence_links import EvidenceLink
from .frameworks import ChecklistItem, Framework, RatingLevel, Section, Standard
from .mappings import FrameworkMapping, LevelMapping, Relation, StandardMapping
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
    "FrameworkMapping",
    "LevelMapping",
    "Relation",
    "StandardMapping",
    "Rating",
    "RatingLevel",
    "Section",
    "SelfAssessment",
    "Standard",
]
