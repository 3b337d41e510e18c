"""A framework in its own shape: a scale of its own words ("Met / Partly met / Not met", or
1 to 4), where only the levels marked "counts as met" count as met, and optional standards,
which a service may adopt or not; one not adopted is in no count."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.assessments import (
    export_assessment,
    import_assessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.framework_export import export_framework
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework

from .framework_books import STANDARDS_HEADING, cell_values, framework_book, saved

STANDARDS = [
    ["1", "Access", "1.1", "People can reach the service.", "", "no"],
    ["1", "", "1.2", "It is open all year.", "", ""],
    ["1", "", "1.3", "It answers within a day.", "", "no"],
    ["2", "Extras", "2.1", "A drop-in runs each month.", "", "yes"],
]
ONE_TO_FOUR = [
    [4, "4", "Outstanding", "", "#00703c", "yes", "no"],
    [3, "3", "Good", "", "#1d70b8", "yes", "no"],
    [2, "2", "Requires improvement", "", "#8a4c00", "no", "no"],
    [1, "1", "Inadequate", "", "#b10e1e", "no", "no"],
]


def rated_assessment(framework, levels, adopted=True):
    assessment = SelfAssessment.objects.create(
        framework=framework, title="2024", assessed_on=datetime.date(2024, 8, 31)
    )
    assessment.add_missing_ratings()
    for code, level in levels.items():
        assessment.ratings.filter(standard__code=code).update(
            level=framework.levels.get(code=level)
        )
    assessment.ratings.filter(standard__code="2.1").update(adopted=adopted)
    return assessment


@pytest.fixture
def met_framework(db):
    return import_framework(
        framework_book(STANDARDS, standards_heading=[*STANDARDS_HEADING, "optional"])
    )


def report_text(client, assessment) -> str:
    html = client.get(reverse("minimum_standards_assessment_report", args=[assessment.pk]))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.content.decode()))


def test_the_optional_column_marks_a_standard_optional(met_framework):
    optional = {
        s.code: s.optional
        for section in met_framework.sections.all()
        for s in section.standards.all()
    }

    assert optional == {"1.1": False, "1.2": False, "1.3": False, "2.1": True}
    assert [row[5] for row in cell_values(export_framework(met_framework))["Standards"]] == [
        "optional",
        "no",
        "no",
        "no",
        "yes",
    ]


def test_an_optional_standard_not_adopted_is_shown_so_and_left_out_of_the_counts(
    client, manager, met_framework
):
    assessment = rated_assessment(
        met_framework, {"1.1": "M", "1.2": "PM", "1.3": "NM", "2.1": "M"}, adopted=False
    )
    client.force_login(manager)

    text = report_text(client, assessment)

    assert "1 of 3 standards met." in text
    assert "1 optional standard was not adopted and is left out of the counts." in text
    assert "Optional standard: not adopted" in text
    assert "Met: 1 " in text and "Partly met: 1 " in text and "Not met: 1 " in text
    comparison = client.get(
        reverse("minimum_standards_compare"), {"first": assessment.pk, "second": assessment.pk}
    )
    assert comparison.status_code == 200


def test_once_adopted_it_counts_again(client, manager, met_framework):
    assessment = rated_assessment(
        met_framework, {"1.1": "M", "1.2": "PM", "1.3": "NM", "2.1": "M"}, adopted=True
    )
    client.force_login(manager)

    text = report_text(client, assessment)

    assert "2 of 4 standards met." in text
    assert "Optional standard: adopted" in text
    assert "left out of the counts" not in text


def test_the_rating_form_asks_about_adoption_only_for_an_optional_standard(
    client, manager, met_framework
):
    assessment = rated_assessment(met_framework, {})
    optional = assessment.ratings.get(standard__code="2.1")
    required = assessment.ratings.get(standard__code="1.1")
    client.force_login(manager)
    edit = "minimum_standards_rating_modeladmin_edit"

    optional_form = client.get(reverse(edit, args=[optional.pk])).content.decode()
    required_form = client.get(reverse(edit, args=[required.pk])).content.decode()

    assert 'name="adopted"' in optional_form
    assert 'name="adopted"' not in required_form
    level = met_framework.levels.get(code="M").pk
    for rating in (optional, required):  # "adopted" left out: unticked, where it is asked
        version = assessment.ratings.get(pk=rating.pk).version
        response = client.post(
            reverse(edit, args=[rating.pk]),
            {"level": level, "version": version, **inline_management()},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    assert assessment.ratings.get(pk=optional.pk).adopted is False
    assert assessment.ratings.get(pk=required.pk).adopted is True  # not the form's to change


def inline_management():
    prefix = "evidence_links"
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_adoption_goes_out_and_comes_back_in_the_self_assessment_spreadsheet(met_framework):
    assessment = rated_assessment(met_framework, {"2.1": "PM"}, adopted=False)

    exported = saved(export_assessment(assessment))
    rows = list(load_workbook(exported).active.iter_rows(values_only=True))
    again = import_assessment(exported, met_framework)

    assert rows[1] == ("Standard", "Rating", "Notes", "Adopted")
    assert rows[-1][1:] == ("PM", None, "no")
    assert rows[3][3] is None  # 1.1 is not optional: nothing to say
    assert again.ratings.get(standard__code="2.1").adopted is False
    assert again.ratings.get(standard__code="2.1").level.code == "PM"
    assert again.rated_summary() == "0 of 3 standards rated, 3 not yet rated"  # 2.1 not adopted


def test_a_standard_that_is_not_optional_cannot_be_left_unadopted(met_framework):
    exported = load_workbook(saved(export_assessment(rated_assessment(met_framework, {}))))
    exported.active["D4"] = "no"  # 1.1's row

    with pytest.raises(SheetErrors) as refused:
        import_assessment(saved(exported), met_framework)

    assert refused.value.errors == [
        "Sheet “Self-assessment”, row 4, column D: standard 1.1 is not optional: it cannot be left unadopted"
    ]


def test_a_one_to_four_scale_counts_as_met_what_it_says(client, manager, db):
    standards = [row[:5] for row in STANDARDS[:3]]
    framework = import_framework(framework_book(standards, scale=ONE_TO_FOUR))
    assessment = rated_assessment(framework, {"1.1": "4", "1.2": "3", "1.3": "2"})
    client.force_login(manager)

    text = report_text(client, assessment)

    # 3 and 4 count as met; the scale's own "not yet rated" was added by the import.
    assert "2 of 3 standards met." in text
    assert "Outstanding: 1 " in text and "Good: 1 " in text and "Inadequate: 0 " in text
    rows = list(load_workbook(io.BytesIO(saved(export_assessment(assessment)).read())).active)
    assert rows[1][1].value == "Rating"


def test_the_public_page_shows_a_standard_not_adopted_as_such_outside_the_counts(
    client, met_framework, meetings
):
    from django.apps import apps

    if not apps.is_installed("wagtail_minimum_standards.compliance.pages"):
        pytest.skip("the site has not added the tracker's page type (an optional app)")
    from .test_how_we_are_doing_page import publish_page

    assessment = rated_assessment(
        met_framework, {"1.1": "M", "1.2": "M", "1.3": "NM", "2.1": "M"}, adopted=False
    )
    assessment.ratify(meetings[0], datetime.date(2024, 10, 9))

    html = re.sub(r"\s+", " ", client.get(publish_page().url).content.decode())

    assert "Optional standard: not adopted" in html
    assert "Met: <strong>2</strong> standards" in html
    assert "Not met: <strong>1</strong> standard" in html
