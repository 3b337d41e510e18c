"""Self-assessments: the demo matches Appendix 3, ratified ones lock, drafts start from the last."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wagtail_minimum_standards.compliance.models import AssessmentLocked, EvidenceLink, Rating


def codes(assessment):
    return {
        r.standard.code: r.level.code
        for r in assessment.ratings.select_related("standard", "level")
    }


def test_august_2022_is_appendix_3(compliance_demo):
    ratified = compliance_demo["ratified"]
    ratings = codes(ratified)

    assert len(ratings) == 20
    assert sorted(c for c, level in ratings.items() if level == "P/C") == [
        "1.2", "1.7", "3.1", "3.2", "3.3", "3.6", "4.1", "4.2", "4.3",
    ]  # fmt: skip
    assert list(ratings.values()).count("C") == 11
    note = ratified.ratings.get(standard__code="1.7").evidence_notes
    assert note == "Yet to establish a young people's voice in the service's governance."
    assert ratified.is_locked and ratified.ratified_at is not None
    framework = compliance_demo["framework"]
    assert [s.title for s in framework.sections.all()][0] == (
        "Commissioning, governance and management arrangements"
    )
    assert framework.sections.get(number="3").standards.get(code="3.3").checklist.count() == 7


def test_a_ratified_assessment_cannot_change_without_a_recorded_unlock(compliance_demo):
    ratified = compliance_demo["ratified"]
    rating = ratified.ratings.get(standard__code="3.3")

    rating.evidence_notes = "Changed after ratification"
    with pytest.raises(AssessmentLocked):
        rating.save()
    ratified.title = "Renamed"
    with pytest.raises(AssessmentLocked):
        ratified.save()
    with pytest.raises(ValidationError):
        ratified.unlock("   ")

    ratified.refresh_from_db()
    ratified.unlock("Typo in 3.3's notes")
    rating.save()

    assert ratified.history.first().history_change_reason == "Unlocked: Typo in 3.3's notes"
    assert Rating.objects.get(pk=rating.pk).evidence_notes == "Changed after ratification"


def test_the_next_assessment_starts_from_the_last_marked_carried_over(compliance_demo):
    ratified = compliance_demo["ratified"]
    rating = ratified.ratings.get(standard__code="3.3")
    ratified.unlock("add evidence")
    EvidenceLink.objects.create(
        rating=rating,
        title="Website launch",
        url="https://example.org/",
        review_by=datetime.date(2024, 9, 1),
    )

    draft = ratified.start_next("2024", datetime.date(2024, 7, 31))

    assert draft.status == "draft" and draft.started_from == ratified
    assert codes(draft) == codes(ratified)
    copied = draft.ratings.get(standard__code="3.3")
    assert copied.carried_over and copied.evidence_notes == rating.evidence_notes
    copied_links = {link.title: link.review_by for link in copied.evidence_links.all()}
    assert copied_links["Website launch"] == datetime.date(2024, 9, 1)  # its review date too
    assert copied.history.first().history_change_reason == f"Carried over from {ratified}"


def test_the_2023_draft_changed_a_few_ratings(compliance_demo):
    before, after = codes(compliance_demo["ratified"]), codes(compliance_demo["draft"])

    changed = {code for code in before if before[code] != after[code]}
    assert changed == {"3.3", "4.2", "3.1", "1.6"}
    assert compliance_demo["draft"].ratings.filter(carried_over=True).count() == 16


def test_every_change_to_a_rating_and_its_evidence_is_in_the_history(
    compliance_demo, service_manager
):
    rating = compliance_demo["draft"].ratings.get(standard__code="1.2")
    rating.evidence_notes = "Young people's panel set up"
    rating._history_user = service_manager
    rating.save()
    link = EvidenceLink.objects.create(
        rating=rating, title="Panel minutes", url="https://example.org/m"
    )
    link.delete()

    assert rating.history.first().evidence_notes == "Young people's panel set up"
    assert rating.history.first().history_user == service_manager
    assert [h.history_type for h in EvidenceLink.history.filter(rating_id=rating.pk)] == ["-", "+"]
