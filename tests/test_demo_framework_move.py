"""The demo's move between frameworks: its ratified 2017-18 self-assessment on the 2016
Quality Standards starts the next one on the 2018 Minimum Standards through the built-in
mapping, in one form, and carries what the mapping says; the old one is unchanged."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from home.demo.framework_move import TITLE_2017_18
from wagtail_minimum_standards.compliance.models import (
    EvidenceLink,
    Framework,
    FrameworkMapping,
    SelfAssessment,
)

from .factories import ServiceManagerFactory


def state(assessment):
    """Everything of the assessment a move could change, and its history."""
    ratings = list(
        assessment.ratings.order_by("pk").values_list(
            "standard__code", "level__code", "evidence_notes", "public_summary", "carried_over",
            "carry_note", "version",
        )
    )  # fmt: skip
    links = list(
        EvidenceLink.objects.filter(rating__assessment=assessment)
        .order_by("pk")
        .values_list("title", "url")
    )
    history = (
        list(assessment.history.values_list("history_id", flat=True)),
        sorted(
            SelfAssessment.ratings.rel.related_model.history.filter(
                assessment_id=assessment.pk
            ).values_list("history_id", flat=True)
        ),
    )
    stored = SelfAssessment.objects.get(pk=assessment.pk)
    return ratings, links, history, stored.status, stored.version


@pytest.mark.django_db
def test_the_demos_2016_to_2018_move_carries_what_it_should(client):
    call_command("load_demo", stdout=StringIO())
    old = Framework.objects.get(code="iass-2016")
    new = Framework.objects.get(code="iass-2018")
    assert new.replaces == old
    assert FrameworkMapping.objects.get(from_framework=old, to_framework=new).is_complete
    assert "could not be found" in old.source  # said plainly: not the published wording
    assert "neither the wording nor the structure of the 2016 document" in old.source
    assert "“Quality standards for services providing impartial information" in old.source
    assert "A public copy of its full text: https://" in old.source
    previous = SelfAssessment.objects.get(title=TITLE_2017_18)
    assert previous.is_locked
    before = state(previous)
    client.force_login(ServiceManagerFactory())
    url = reverse("minimum_standards_assessment_start_next", args=[previous.pk])

    form = client.get(url).content.decode()
    assert "Minimum Standards for SEND Information" in form  # offered through the mapping

    response = client.post(
        url, {"title": "Self-Assessment 2018-19", "assessed_on": "31/03/2019", "framework": new.pk}
    )

    draft = SelfAssessment.objects.get(title="Self-Assessment 2018-19")
    assert response.status_code == 302 and draft.framework == new
    ratings = {r.standard.code: r for r in draft.ratings.select_related("standard", "level")}
    assert len(ratings) == 20
    same = ratings["1.1"]  # 2016 1.1, Met: same, C through the levels
    assert (same.level.code, same.carried_over) == ("C", True)
    assert same.evidence_notes.startswith("Service level agreement")
    assert same.public_summary == "The council and the NHS fund us together."
    assert "Carried over from 1.1" in same.carry_note
    assert [link.title for link in same.evidence_links.all()] == [
        "Service level agreement 2017 (example)"
    ]
    assert (ratings["1.3"].level.code, ratings["1.3"].carried_over) == ("P/C", True)
    for code in ("1.4", "1.5"):  # 2016 1.4, split
        split = ratings[code]
        assert split.level.is_unrated and "splits into 1.4, 1.5" in split.carry_note
        assert split.evidence_notes.startswith("From 1.4:\nBudget held")
        assert [link.title for link in split.evidence_links.all()] == [
            "Budget statement 2017-18 (example)"
        ]
    merged = ratings["2.1"]  # 2016 2.1 and 2.2, merged
    assert merged.level.is_unrated and "merges into one standard" in merged.carry_note
    assert "From 2.1:\nManager appointed" in merged.evidence_notes
    assert "From 2.2:\nManager's strategic time" in merged.evidence_notes
    blank = ratings["2.2"]  # new
    assert blank.level.is_unrated and not blank.evidence_notes and not blank.carry_note
    assert state(previous) == before  # nothing in the old assessment changed

    report = client.get(reverse("minimum_standards_assessment_report", args=[draft.pk]))
    assert "Carried over from 1.1" in report.content.decode()


@pytest.mark.django_db
def test_the_demos_2017_18_compares_with_the_next_through_the_mapping(client):
    call_command("load_demo", stdout=StringIO())
    previous = SelfAssessment.objects.get(title=TITLE_2017_18)
    new = Framework.objects.get(code="iass-2018")
    client.force_login(ServiceManagerFactory())
    client.post(
        reverse("minimum_standards_assessment_start_next", args=[previous.pk]),
        {"title": "Self-Assessment 2018-19", "assessed_on": "31/03/2019", "framework": new.pk},
    )
    draft = SelfAssessment.objects.get(title="Self-Assessment 2018-19")
    query = {"first": previous.pk, "second": draft.pk}

    html = client.get(reverse("minimum_standards_compare"), query).content.decode()
    book = client.get(reverse("minimum_standards_compare_export"), query)

    assert "Compared through the mapping “2016 Quality Standards to 2018 Minimum Standards”" in (
        html
    )
    for change, count in (("Unchanged", 14), ("Split", 4), ("Merged", 1), ("New", 1)):
        assert f"{change}</span>: <strong>{count}</strong>" in html
    assert "Retired</span>: <strong>1</strong>" in html
    rows = [
        list(row) for row in load_workbook(BytesIO(book.content)).active.iter_rows(values_only=True)
    ]
    changes = {(row[0] or "").split(" ")[0]: row for row in rows[3:24]}
    assert changes["1.1"][2:] == ["Same", "M", "C", "unchanged"]  # carried over: M is C
    assert changes["1.3"][2:] == ["Same", "PM", "P/C", "unchanged"]
    assert changes["1.4"][1].startswith("1.4 ") and changes["1.4"][2:] == [
        "Split", "M", "NYR", "split"
    ]  # fmt: skip
    assert changes["2.1"][1].count("\n") == 1 and changes["2.1"][2] == "Merged"
    assert changes["2.2"][2] == "New"
    retired = rows[23]
    assert retired[0] is None and retired[1].startswith("3.6 ") and retired[2:] == [
        "Retired", "M", None, "retired"
    ]  # fmt: skip
