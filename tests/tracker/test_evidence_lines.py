"""Frameworks as rich as the 2016 IASS Quality Standards: under a standard, several evidence
lines, each rated on the framework's own line scales (an "Evidence" and an "Outcome" level)
with a comment; rated in the rating form, shown in the report, exported and imported."""

import datetime
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import Framework, LineRating, SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.assessments import (
    export_assessment,
    import_assessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.framework_export import export_framework
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework

from .framework_books import STANDARDS_HEADING, cell_values, framework_book, saved
from .test_optional_standards_and_scales import inline_management

LINE_SCALES = [
    ["scale", "position", "code", "label", "counts as met"],
    ["Evidence", 3, "3", "Strong evidence", "yes"],
    ["Evidence", 2, "2", "Some evidence", "no"],
    ["Evidence", 1, "1", "No evidence", "no"],
    ["Outcome", 3, "A", "Achieved", "yes"],
    ["Outcome", 2, "B", "Partly achieved", "no"],
    ["Outcome", 1, "C", "Not achieved", "no"],
]
LINES = [
    ["standard", "line"],
    ["1.1", "1.1a The service has a written offer (see Appendix 2)."],
    ["1.1", "  1.1b 3 drop-in sessions a month\n• in Bath\n• in Keynsham"],
    ["1.1", "1.1c Feedback is collected — and acted on."],
    ["1.2", "1.2a Staff are trained."],
]
STANDARDS = [
    ["1", "Access", "1.1", "The service is easy to reach.", "", "no"],
    ["1", "", "1.2", "Staff know SEND law.", "", "no"],
    ["2", "Extras", "2.1", "A helpline runs at weekends.", "", "yes"],
]


def quality_2016():
    return framework_book(
        STANDARDS,
        standards_heading=[*STANDARDS_HEADING, "optional"],
        details={"code": "lines-2016", "name": "IASS Quality Standards", "version": "2016"},
        sheets={"Line scales": LINE_SCALES, "Evidence lines": LINES},
    )


@pytest.fixture
def framework_2016(db):
    return import_framework(quality_2016())


@pytest.fixture
def draft(framework_2016):
    assessment = SelfAssessment.objects.create(
        framework=framework_2016, title="2016", assessed_on=datetime.date(2016, 7, 31)
    )
    assessment.add_missing_ratings()
    return assessment


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_2016_framework_loads_its_line_scales_and_lines_as_written(framework_2016):
    scales = [
        (scale.name, [(lv.code, lv.label, lv.counts_as_met) for lv in scale.levels.all()])
        for scale in framework_2016.line_scales.all()
    ]
    standard = framework_2016.sections.get(number="1").standards.get(code="1.1")

    assert scales == [
        ("Evidence", [("3", "Strong evidence", True), ("2", "Some evidence", False),
                      ("1", "No evidence", False)]),
        ("Outcome", [("A", "Achieved", True), ("B", "Partly achieved", False),
                     ("C", "Not achieved", False)]),
    ]  # fmt: skip
    assert [line.text for line in standard.evidence_lines.all()] == [r[1] for r in LINES[1:4]]


def test_the_framework_round_trips_with_its_lines(framework_2016):
    first = export_framework(framework_2016)
    Framework.objects.all().delete()
    second = export_framework(import_framework(saved(first)))

    values = cell_values(first)
    assert values == cell_values(second)
    assert values["Line scales"] == [tuple(row) for row in LINE_SCALES]
    assert values["Evidence lines"] == [tuple(row) for row in LINES]


def rate_lines(client, rating, choices):
    """Post the rating form with `choices`: {line number: (evidence, outcome, comment)}."""
    edit = reverse("minimum_standards_rating_modeladmin_edit", args=[rating.pk])
    form = client.get(edit).content.decode()
    scales = {s.name: s for s in rating.assessment.framework.line_scales.all()}
    data = {
        "level": rating.level_id,
        "version": type(rating).objects.get(pk=rating.pk).version,
        **inline_management(),
    }
    lines = list(rating.standard.evidence_lines.all())
    for number, (evidence, outcome, comment) in choices.items():
        line = lines[number - 1]
        for scale, code in (("Evidence", evidence), ("Outcome", outcome)):
            level = scales[scale].levels.get(code=code).pk if code else ""
            data[f"line-{line.pk}-scale-{scales[scale].pk}"] = level
        data[f"line-{line.pk}-comment"] = comment
    return form, client.post(edit, data)


def test_the_manager_rates_each_line_and_the_report_shows_it(client, manager, draft):
    rating = draft.ratings.get(standard__code="1.1")
    client.force_login(manager)

    form, saved_form = rate_lines(
        client,
        rating,
        {1: ("3", "A", "Offer on the website.\n(2 pages)"), 2: ("2", "", ""), 3: ("", "", "")},
    )

    assert saved_form.status_code == 302
    assert form.count('<fieldset class="evidence-line">') == 3
    assert "Line 1:" in form and "Line 3:" in form
    stored = {
        lr.line.text[:4]: (lr.comment, sorted(lr.levels.values()))
        for lr in LineRating.objects.filter(rating=rating).select_related("line")
    }
    assert set(stored) == {"1.1a", "  1."}  # line 3 was left empty: nothing stored
    assert stored["1.1a"][0] == "Offer on the website.\n(2 pages)"
    report = text_of(client.get(reverse("minimum_standards_assessment_report", args=[draft.pk])))
    assert (
        "1.1a The service has a written offer (see Appendix 2). Evidence: 3 (Strong evidence) "
        "Outcome: A (Achieved) Offer on the website. (2 pages)"
    ) in report
    assert "Evidence: 2 (Some evidence) Outcome: Not rated" in report
    history = client.get(reverse("minimum_standards_rating_history", args=[rating.pk]))
    assert history.status_code == 200


def test_a_standard_without_lines_has_no_line_fields(client, manager, draft):
    rating = draft.ratings.get(standard__code="2.1")
    client.force_login(manager)

    form = client.get(reverse("minimum_standards_rating_modeladmin_edit", args=[rating.pk]))

    assert 'class="evidence-line"' not in form.content.decode()
    assert 'name="line-' not in form.content.decode()


def test_the_reader_cannot_rate_a_line(client, reader, draft):
    """The rating form's server-side permission covers its lines."""
    rating = draft.ratings.get(standard__code="1.1")
    client.force_login(reader)
    line = rating.standard.evidence_lines.first()

    response = client.post(
        reverse("minimum_standards_rating_modeladmin_edit", args=[rating.pk]),
        {f"line-{line.pk}-comment": "written by a reader"},
    )

    assert response.status_code in (302, 403)  # Wagtail sends to the admin home, or refuses
    assert not LineRating.objects.exists()


def test_a_ratified_self_assessment_refuses_a_line_rating(client, manager, draft, meetings):
    rating = draft.ratings.get(standard__code="1.1")
    client.force_login(manager)
    draft.ratify(meetings[0], datetime.date(2024, 10, 9))

    _form, response = rate_lines(client, rating, {1: ("3", "A", "too late")})

    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("minimum_standards_assessment_report", args=[draft.pk])
    )
    assert not LineRating.objects.exists()


def test_line_ratings_go_out_and_come_back_in_the_self_assessment_spreadsheet(
    client, manager, draft, framework_2016
):
    client.force_login(manager)
    rate_lines(client, draft.ratings.get(standard__code="1.1"), {1: ("3", "A", " kept ")})
    rate_lines(client, draft.ratings.get(standard__code="1.2"), {1: ("", "C", "")})

    exported = export_assessment(draft)
    sheet = cell_values(exported)["Evidence lines"]
    again = import_assessment(saved(exported), framework_2016)

    assert sheet[0] == ("Standard", "Line", "Evidence", "Outcome", "Comment")
    assert sheet[1] == ("1.1", LINES[1][1], "3", "A", " kept ")
    assert sheet[4] == ("1.2", LINES[4][1], None, "C", None)
    assert cell_values(export_assessment(again)) == cell_values(exported)
    copied = LineRating.objects.filter(rating__assessment=again)
    assert sorted(lr.comment for lr in copied) == ["", " kept "]


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("C2", "9", "Sheet “Evidence lines”, row 2, column C: “9” is not a level of “Evidence” "
                    "(3, 2, 1)"),
        ("B3", "1.1b reworded", "Sheet “Evidence lines”, row 3, column B: this is not line 2 of "
                                "standard 1.1 as the framework words it"),
        ("A2", "9.9", "Sheet “Evidence lines”, row 2, column A: IASS Quality Standards (2016) "
                      "has no standard 9.9"),
        ("F2", "extra", "Sheet “Evidence lines”, row 2, column F: this column has no heading"),
    ],
)  # fmt: skip
def test_what_the_lines_sheet_cannot_say_is_refused_by_its_cell(draft, cell, value, message):
    book = load_workbook(saved(export_assessment(draft)))
    book["Evidence lines"][cell] = value

    with pytest.raises(SheetErrors) as refused:
        import_assessment(saved(book), draft.framework)

    assert message in refused.value.errors
    assert SelfAssessment.objects.count() == 1


def test_a_bad_line_scale_is_refused_by_its_cell(db):
    scales = [*LINE_SCALES, ["Evidence", 1, "3", "Again", "maybe"]]
    book = framework_book(
        STANDARDS,
        standards_heading=[*STANDARDS_HEADING, "optional"],
        sheets={"Line scales": scales, "Evidence lines": [*LINES, ["7.7", "", ""]]},
    )

    with pytest.raises(SheetErrors) as refused:
        import_framework(book)

    assert refused.value.errors == [
        "Sheet “Line scales”, row 8, column C: the code “3” is used twice in the scale “Evidence”",
        "Sheet “Line scales”, row 8, column E: write yes or no, not “maybe”",
        "Sheet “Evidence lines”, row 6, column A: no standard “7.7” on the Standards sheet",
        "Sheet “Evidence lines”, row 6, column B: the line is empty",
    ]
    assert not Framework.objects.exists()


def test_starting_the_next_self_assessment_carries_the_lines_over(client, manager, draft, meetings):
    client.force_login(manager)
    rate_lines(client, draft.ratings.get(standard__code="1.1"), {2: ("2", "B", "as before")})
    draft.ratify(meetings[0], datetime.date(2024, 10, 9))

    following = draft.start_next("2017", datetime.date(2017, 7, 31))

    carried = LineRating.objects.get(rating__assessment=following)
    assert (carried.comment, carried.line.text) == ("as before", LINES[2][1])
