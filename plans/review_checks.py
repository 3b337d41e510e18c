"""The quality checks (compliance.quality_checks) in the Advisory Group's review and its
meeting pack: those of the self-assessment the meeting covers, the one it ratified or else the
latest not yet ratified. Two queries more than the checks' own, however many there are."""

from django.db.models import Q

from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.compliance.quality_checks import SEVERITIES, Findings, findings_for


def covered_assessment(meeting):
    """The self-assessment ratified at `meeting`, or else the latest not yet ratified."""
    candidates = list(
        SelfAssessment.objects.filter(
            Q(ratified_at=meeting) | ~Q(status=SelfAssessment.Status.RATIFIED)
        ).order_by("-assessed_on", "-pk")
    )
    ratified_here = [a for a in candidates if a.ratified_at_id == meeting.pk]
    return (ratified_here or candidates or [None])[0]


def checks_for(meeting, user=None) -> tuple[object, Findings]:
    assessment = covered_assessment(meeting)
    if assessment is None:
        return None, Findings()
    return assessment, findings_for(assessment, user=user)


def in_framework_order(findings: Findings) -> list:
    """Standard by standard, as the framework orders them; the most severe first within one."""
    ranks = list(SEVERITIES)
    return sorted(
        findings,
        key=lambda f: (f.standard.section.position, f.standard.position, ranks.index(f.severity)),
    )
