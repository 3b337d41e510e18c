"""The server, not only the form, refuses to ratify past the quality checks (issue 23):
`plans.meeting_record.decide` refuses a blocker and changes nothing, and ratifies past
warnings only with a reason, which the self-assessment's history keeps."""

import pytest
from django.core.exceptions import ValidationError

from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.plans.meeting_record import decide
from wagtail_minimum_standards.plans.models import Decision

REASON = "The public summaries are written for next year's page."


def rated_with_evidence(assessment):
    """Every standard rated C, with its evidence notes: no blocker, only warnings left (no
    public summaries)."""
    met = assessment.framework.levels.get(code="C")
    assessment.ratings.update(level=met, evidence_notes="Case files sampled.", public_summary="")


def test_a_blocker_is_refused_and_nothing_changes(manager, assessment, meetings):
    with pytest.raises(ValidationError) as refused:
        decide(meetings[0], Decision.Kind.RATIFY, "Ratified.", manager, assessment=assessment,
               acknowledgement=REASON)  # fmt: skip

    assert "cannot be ratified until these are put right: 1.1: Not rated yet;" in str(refused.value)
    stored = SelfAssessment.objects.get(pk=assessment.pk)
    assert stored.status != SelfAssessment.Status.RATIFIED and stored.ratified_at is None
    assert not Decision.objects.exists()
    assert not any(
        (reason or "").startswith("Ratified")
        for reason in stored.history.values_list("history_change_reason", flat=True)
    )


@pytest.mark.parametrize("reason", ["", " \t\n "])
def test_warnings_without_a_reason_are_refused(manager, assessment, meetings, reason):
    rated_with_evidence(assessment)

    with pytest.raises(ValidationError) as refused:
        decide(meetings[0], Decision.Kind.RATIFY, "Ratified.", manager, assessment=assessment,
               acknowledgement=reason)  # fmt: skip

    assert refused.value.error_list[0].code == "acknowledgement"
    assert not SelfAssessment.objects.get(pk=assessment.pk).is_locked
    assert not Decision.objects.exists()


def test_with_a_reason_the_warnings_and_the_reason_are_kept(manager, assessment, meetings):
    rated_with_evidence(assessment)

    decision = decide(meetings[0], Decision.Kind.RATIFY, "Ratified.", manager,
                      assessment=assessment, acknowledgement=REASON)  # fmt: skip

    assessment.refresh_from_db()
    assert assessment.is_locked and decision.acknowledgement == REASON
    assert "Warning, 1.1: No public summary" in decision.acknowledged_checks
    reason = assessment.history.latest("history_date").history_change_reason
    assert reason.startswith("Ratified at Autumn (9 October 2024). Warnings acknowledged: ")
    assert reason.endswith(f"Why: {REASON}")


def test_a_check_turned_off_no_longer_blocks(manager, assessment, meetings, settings):
    settings.MINIMUM_STANDARDS_QUALITY_CHECKS = {
        "not-rated": "off",
        "no-public-summary": "off",
        "site-check-failing": "off",
        "gap-without-plan-item": "off",
    }
    assessment.ratings.update(evidence_notes="Case files sampled.")

    decide(meetings[0], Decision.Kind.RATIFY, "Ratified.", manager, assessment=assessment)

    assert SelfAssessment.objects.get(pk=assessment.pk).is_locked
