"""Framework versions and mappings: a mapping's rules, its spreadsheet (export, blank template,
upload with every problem named), and the next self-assessment started across it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wagtail_minimum_standards.compliance.carry_across import start_across
from wagtail_minimum_standards.compliance.models import (
    EvidenceLink,
    FrameworkMapping,
    SelfAssessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.mappings import (
    blank_mapping,
    export_mapping,
    import_mapping,
)

from .framework_books import saved
from .mapping_books import ROWS, mapping_book, old_and_new


@pytest.fixture
def frameworks(db):
    return old_and_new()


def cells(book):
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def refused(book) -> list[str]:
    with pytest.raises(SheetErrors) as caught:
        import_mapping(book)
    return caught.value.errors


def test_an_exported_mapping_imports_back_and_exports_identically(frameworks):
    first = export_mapping(import_mapping(mapping_book()))
    again = export_mapping(import_mapping(saved(first)))
    assert cells(again) == cells(first)
    assert cells(first)["Standards"][1:] == ROWS
    assert FrameworkMapping.objects.count() == 1  # the second import replaced the first


def test_the_blank_template_lists_every_standard_with_the_relation_blank(frameworks):
    old, new = frameworks
    book = cells(blank_mapping(old, new))
    assert book["Mapping"][:2] == [["from framework", "old"], ["to framework", "new"]]
    rows = book["Standards"][1:]
    assert [r[0] for r in rows if r[0]] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert [r[1] for r in rows if r[1]] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2"]
    assert all(not r[2] for r in rows)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [*ROWS, ["9.9", "", "retired", ""]],
            "Sheet “Standards”, row 9, column A: there is no standard “9.9” in "
            "Quality Standards (2016)",
        ),
        (
            [*ROWS, ["1.1", "1.1", "same", ""]],
            "Sheet “Standards”, row 9: the same as row 1 (1.1 → 1.1)",
        ),
        (
            [["1.4", "1.1", "same", ""], *ROWS[1:]],
            "Sheet “Standards”, row 2, column A: 1.4 is not a standard of Quality Standards "
            "(2016), the framework mapped from",
        ),
        (
            [*ROWS[:3], ["1.3", "1.4", "same", ""], *ROWS[4:]],
            "Sheet “Standards”, row 5, column C: 1.3 is in rows 3, 4 with different relations "
            "(same, split)",
        ),
        (
            [*ROWS[:6], ["", "2.2", "moved", ""]],
            "Sheet “Standards”, row 8, column C: “moved” is not a relation",
        ),
        (
            ROWS[:6],
            "Sheet “Standards”, row 8: these standards of Minimum Standards (2018) are in no "
            "row: 2.2",
        ),
    ],
)
def test_a_bad_row_is_refused_naming_its_sheet_row_and_column(frameworks, rows, expected):
    errors = refused(mapping_book(rows))
    assert any(error.startswith(expected) for error in errors), errors
    assert not FrameworkMapping.objects.exists()


def test_a_mapping_that_loops_back_is_refused(frameworks):
    import_mapping(mapping_book())
    backwards = {"from framework": "new", "to framework": "old", "title": "Back", "notes": ""}
    errors = refused(mapping_book(rows=[], levels=[], details=backwards))
    assert errors[0].startswith("Sheet “Mapping”, row 2, column B: This mapping would make a loop")


def test_a_chain_of_versions_that_loops_is_refused(frameworks):
    old, new = frameworks
    new.replaces = old
    new.full_clean()
    new.save()
    old.replaces = new
    with pytest.raises(ValidationError) as caught:
        old.full_clean()
    assert "a chain of versions cannot loop" in str(caught.value)


def ratified_on_old(old):
    assessment = SelfAssessment.objects.create(
        framework=old, title="2017-18", assessed_on=datetime.date(2018, 3, 31)
    )
    assessment.add_missing_ratings()
    met, partly = old.levels.get(code="M"), old.levels.get(code="PM")
    for code, level, notes in [
        ("1.1", met, "Open all year."),
        ("1.2", old.levels.get(code="NM"), "Training booked."),
        ("1.3", partly, "Leaflets only."),
        ("2.1", met, "Weekend helpline."),
        ("2.2", partly, "Two courses."),
    ]:
        rating = assessment.ratings.get(standard__code=code)
        rating.level, rating.evidence_notes = level, notes
        rating.public_summary = f"Summary of {code}"
        rating.save()
        EvidenceLink.objects.create(
            rating=rating, title=f"Evidence for {code}", url=f"https://example.org/{code}"
        )
    assessment.status = SelfAssessment.Status.RATIFIED
    assessment.save()
    return assessment


def snapshot(assessment):
    ratings = [
        (r.standard.code, r.level.code, r.evidence_notes, r.carried_over, r.carry_note)
        for r in assessment.ratings.select_related("standard", "level")
    ]
    links = list(
        EvidenceLink.objects.filter(rating__assessment=assessment).values_list("title", "url")
    )
    history = assessment.history.count() + sum(r.history.count() for r in assessment.ratings.all())
    return ratings, links, history, assessment.status


def test_starting_across_a_mapping_carries_what_the_mapping_says(frameworks):
    old, new = frameworks
    import_mapping(mapping_book())
    previous = ratified_on_old(old)
    before = snapshot(previous)
    draft = start_across(previous, "2018-19", datetime.date(2019, 3, 31), new)
    ratings = {r.standard.code: r for r in draft.ratings.select_related("standard", "level")}
    assert draft.framework == new and sorted(ratings) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2"]
    same = ratings["1.1"]
    assert (same.level.code, same.evidence_notes, same.carried_over) == (
        "C",
        "Open all year.",
        True,
    )
    assert same.public_summary == "Summary of 1.1"
    assert "Carried over from 1.1 in “2017-18”" in same.carry_note
    assert [link.title for link in same.evidence_links.all()] == ["Evidence for 1.1"]
    # NM is in no levels row: matched by its code on the new scale
    assert ratings["1.2"].level.code == "NM"
    for code in ("1.3", "1.4"):
        split = ratings[code]
        assert split.level.is_unrated and not split.carried_over
        assert split.evidence_notes == "From 1.3:\nLeaflets only."
        assert "splits into 1.3, 1.4" in split.carry_note
        assert [link.title for link in split.evidence_links.all()] == ["Evidence for 1.3"]
    merged = ratings["2.1"]
    assert merged.level.is_unrated
    assert merged.evidence_notes == "From 2.1:\nWeekend helpline.\n\nFrom 2.2:\nTwo courses."
    assert sorted(link.title for link in merged.evidence_links.all()) == [
        "Evidence for 2.1",
        "Evidence for 2.2",
    ]
    blank = ratings["2.2"]
    assert blank.level.is_unrated and blank.evidence_notes == "" and blank.carry_note == ""
    assert snapshot(SelfAssessment.objects.get(pk=previous.pk)) == before


def test_a_level_with_no_match_leaves_the_rating_unrated_with_a_note(frameworks):
    old, new = frameworks
    import_mapping(mapping_book(levels=[["PM", "P/C"]]))
    previous = ratified_on_old(old)
    draft = start_across(previous, "2018-19", datetime.date(2019, 3, 31), new)
    rating = draft.ratings.get(standard__code="1.1")  # M: no levels row, no level "M"
    assert rating.level.is_unrated
    assert "M (Met), has no match on this scale" in rating.carry_note


def test_starting_across_an_incomplete_mapping_is_refused_naming_the_standards(frameworks):
    old, new = frameworks
    mapping = import_mapping(mapping_book())
    mapping.rows.filter(new_standard__code="2.2").delete()
    previous = ratified_on_old(old)
    with pytest.raises(ValidationError) as caught:
        start_across(previous, "2018-19", datetime.date(2019, 3, 31), new)
    assert "2.2 of Minimum Standards (2018)" in caught.value.messages[0]
    assert SelfAssessment.objects.count() == 1
