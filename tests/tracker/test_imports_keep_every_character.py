"""The framework and self-assessment imports keep every character a cell holds; what they
cannot keep is refused, naming its sheet, row and column, and nothing is saved."""

import pytest
from openpyxl import Workbook

from wagtail_minimum_standards.compliance.models import Framework, SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.assessments import (
    export_assessment,
    import_assessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework

from .framework_books import framework_book, put, saved

ODD_TEXTS = {
    "bracket": "Short breaks (see section B) [and 2.1]",
    "number": "3 drop-in sessions a month",
    "bullet": "• one line, bulleted",
    "numbered": "1. Train 4 volunteers\n2. Run 3 sessions",
    "spaces": "  indented, with spaces after  ",
    "lines": "\nfirst line\n\nthird line\n",
    "unicode": "Ysgol Gymraeg — café, naïve, 😀, 日本語, \u00a0non-breaking, \u200bzero-width",
    "formula-like": "=not a formula, +44 1225 394382, -dash, @handle",
}


def test_a_framework_keeps_every_character_of_its_texts(db):
    texts = list(ODD_TEXTS.values())
    section_title = ODD_TEXTS["bracket"] + "\n(section)"
    standards = [
        ["1", section_title if n == 0 else "", f"1.{n}", text, texts[(n + 3) % len(texts)]]
        for n, text in enumerate(texts)
    ]
    scale = [
        [3, "M", ODD_TEXTS["spaces"], ODD_TEXTS["lines"], "#00703c", "yes", "no"],
        [0, "?", "Not yet rated", "", "#505a5f", "no", "yes"],
    ]
    checklist = [["1.1", "  (a) item with spaces ", ""], ["1.2", "2 lines\nof item", ""]]
    details = {
        "code": "odd",
        "name": ODD_TEXTS["unicode"],
        "version": " 2016 ",
        "source": ODD_TEXTS["numbered"],
        "rating heading": "Evidence (level)",
    }

    framework = import_framework(
        framework_book(standards, scale=scale, checklist=checklist, details=details)
    )

    assert (framework.name, framework.version, framework.source, framework.rating_heading) == (
        ODD_TEXTS["unicode"],
        " 2016 ",
        ODD_TEXTS["numbered"],
        "Evidence (level)",
    )
    stored = {s.code: (s.text, s.public_text) for s in framework.sections.get().standards.all()}
    assert stored == {row[2]: (row[3], row[4]) for row in standards}
    assert framework.sections.get().title == section_title
    level = framework.levels.get(code="M")
    assert (level.label, level.meaning) == (ODD_TEXTS["spaces"], ODD_TEXTS["lines"])
    items = [
        item.text for s in framework.sections.get().standards.all() for item in s.checklist.all()
    ]
    assert items == ["  (a) item with spaces ", "2 lines\nof item"]


@pytest.mark.parametrize(
    ("sheets", "message"),
    [
        (
            {"Standards": [["section", "section title", "code", "wording", "notes"]]},
            "Sheet “Standards”, row 1, column E: “notes” is not a column of this sheet "
            "(it has: section, section title, code, wording, public wording, optional)",
        ),
        (
            {"Standards": [["section", "section title", "code", "wording"],
                           ["1", "One", "1.1", "Wording", "a note under no heading"]]},
            "Sheet “Standards”, row 2, column E: this column has no heading, so it is not read",
        ),
        (
            {"Framework": [["code", "x"], ["name", "X"], ["version", "1"], ["owner", "Us"]]},
            "Sheet “Framework”, row 4, column A: “owner” is not a setting of this sheet "
            "(it has: code, name, rating heading, replaces, source, version)",
        ),
        (
            {"Checklist": [["standard", "item", "site check"], ["1.1", "x" * 301, ""]]},
            "Sheet “Checklist”, row 2, column B: “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is longer "
            "than 300 characters",
        ),
    ],
    ids=["unknown heading", "value under no heading", "unknown setting", "over-long item"],
)  # fmt: skip
def test_what_a_framework_import_cannot_keep_is_refused_by_its_cell(db, sheets, message):
    book = framework_book([["1", "One", "1.1", "Wording", ""]], sheets=sheets)

    with pytest.raises(SheetErrors) as refused:
        import_framework(book)

    assert message in refused.value.errors
    assert not Framework.objects.exists()


def test_a_framework_with_a_formula_is_refused_naming_the_cell(db):
    book = Workbook()
    put(book.active, [["code", "f"], ["name", "F"], ["version", "1"]])
    book.active.title = "Framework"
    put(book.create_sheet("Scale"), [["position", "code", "label", "meaning", "colour",
                                      "counts as met", "not yet rated"]])  # fmt: skip
    standards = book.create_sheet("Standards")
    put(standards, [["section", "section title", "code", "wording"], ["1", "One", "1.1", ""]])
    standards["D2"] = '=CONCAT("Wor", "ding")'

    with pytest.raises(SheetErrors) as refused:
        import_framework(saved(book))

    assert refused.value.errors[0].startswith(
        "Sheet “Standards”, row 2, column D: this cell is a formula"
    )
    assert not Framework.objects.exists()


@pytest.fixture
def odd_framework(db):
    standards = [
        ["1", "One", "1.1", "First", ""],
        ["1", "", "1.2", "Second", ""],
    ]
    checklist = [["1.1", "  spaced item ", ""], ["1.1", "two\nlines", ""], ["1.1", "plain", ""]]
    return import_framework(framework_book(standards, checklist=checklist))


def test_a_self_assessment_keeps_its_notes_and_ticks_as_written(odd_framework):
    assessment = SelfAssessment.objects.create(
        framework=odd_framework, title="  2016 (draft) ", assessed_on="2024-08-31"
    )
    assessment.add_missing_ratings()
    rating = assessment.ratings.get(standard__code="1.1")
    rating.level = odd_framework.levels.get(code="PM")
    rating.evidence_notes = ODD_TEXTS["lines"] + ODD_TEXTS["numbered"] + ODD_TEXTS["spaces"]
    items = list(rating.standard.checklist.all())
    rating.ticked_items = [items[0].pk, items[1].pk]
    rating.save()

    again = import_assessment(saved(export_assessment(assessment)), odd_framework)

    assert again.title == "  2016 (draft) "
    copied = again.ratings.get(standard__code="1.1")
    assert copied.evidence_notes == rating.evidence_notes
    assert copied.level.code == "PM"
    assert sorted(copied.ticked_items) == sorted([items[0].pk, items[1].pk])


def test_a_note_longer_than_a_cell_imports_back_whole(odd_framework):
    assessment = SelfAssessment.objects.create(
        framework=odd_framework, title="Long", assessed_on="2024-08-31"
    )
    assessment.add_missing_ratings()
    rating = assessment.ratings.get(standard__code="1.2")
    rating.evidence_notes = "😀" * 20_000  # 40,000 UTF-16 units: more than one cell holds
    rating.save()
    exported = saved(export_assessment(assessment))

    again = import_assessment(exported, odd_framework)

    assert again.ratings.get(standard__code="1.2").evidence_notes == "😀" * 20_000


def assessment_sheet(*rows):
    book = Workbook()
    put(book.active, [["Title"], ["Standard", "Rating", "Notes"], *rows])
    return saved(book)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["1.1 First\n☑ not an item", "M", ""],
            "Sheet “Sheet”, row 3, column A: a ticked line (☑) names no checklist item of "
            "standard 1.1",
        ),
        (
            ["1.1 First", "M", "notes", "more notes"],
            "Sheet “Sheet”, row 3, column D: only columns A to C are read (Standard, rating, "
            "Notes)",
        ),
    ],
    ids=["tick of no item", "fourth column"],
)
def test_what_a_self_assessment_import_cannot_keep_is_refused(odd_framework, row, message):
    with pytest.raises(SheetErrors) as refused:
        import_assessment(assessment_sheet(row), odd_framework)

    assert message in refused.value.errors
    assert not SelfAssessment.objects.exists()
