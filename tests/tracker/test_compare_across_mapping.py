"""Comparing two self-assessments on different frameworks through the mapping between them: the
comparison page and its spreadsheet, in the admin, at any size in a fixed number of queries."""

import datetime
import re
from html import unescape
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework
from wagtail_minimum_standards.compliance.spreadsheets.mappings import import_mapping

from .framework_books import framework_book
from .mapping_books import NEW_SCALE, OLD_SCALE, ROWS, mapping_book, old_and_new

# 1.1, 1.2 same; 1.3 split into 1.3 and 1.4; 2.1 the same; 2.2 retired; 2.2 new.
WITH_RETIRED = [*ROWS[:4], ["2.1", "2.1", "same", ""], ["2.2", "", "retired", ""], ROWS[6]]


def rated(framework, title, levels, on):
    assessment = SelfAssessment.objects.create(
        framework=framework, title=title, assessed_on=datetime.date(on, 3, 31)
    )
    assessment.add_missing_ratings()
    scale = {level.code: level for level in framework.levels.all()}
    for rating in assessment.ratings.select_related("standard"):
        if rating.standard.code in levels:
            rating.level = scale[levels[rating.standard.code]]
            rating.save()
    return assessment


@pytest.fixture
def two_years(db):
    old, new = old_and_new()
    earlier = rated(old, "2017-18", {"1.1": "M", "1.2": "NM", "1.3": "PM", "2.1": "M"}, 2018)
    later = rated(new, "2018-19", {"1.1": "P/C", "1.2": "P/C", "2.1": "C", "2.2": "C"}, 2019)
    return earlier, later


def table_rows(html: str) -> list[list[str]]:
    """The comparison table's body rows, each cell's text as a reader sees it."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows.append([" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return rows


def compared(client, first, second):
    return client.get(
        reverse("minimum_standards_compare"), {"first": first.pk, "second": second.pk}
    )


def test_the_page_compares_through_the_mapping_rows_following_the_later_framework(
    client, reader, two_years
):
    import_mapping(mapping_book(WITH_RETIRED))
    earlier, later = two_years
    client.force_login(reader)

    response = compared(client, earlier, later)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Compared through the mapping “2016 to 2018”" in html
    rows = table_rows(html)
    assert [row[0].split()[0] for row in rows] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "2.1",
        "2.2",
        "None:",
    ]
    # Standard | came from | relation | earlier | later | change
    assert rows[0][1:] == ["1.1 The service is easy to reach.", "Same", "M Met", "P/C Partially compliant", "Worsened"]  # fmt: skip
    # NM is not in the mapping's levels: not met on both scales, and P/C is higher on its own
    assert rows[1][3:] == ["NM Not met", "P/C Partially compliant", "Improved"]
    assert rows[2][1:3] == ["1.3 Leaflets and a website.", "Split"] and rows[2][5] == "Split"
    assert rows[3][1:3] == ["1.3 Leaflets and a website.", "Split"]
    assert rows[4][3:] == ["M Met", "C Compliant", "Unchanged"]  # M is C through the levels
    assert rows[5][1:3] == ["None: new", "New"] and rows[5][5] == "New"
    assert rows[6] == [
        "None: retired", "2.2 Training for parents.", "Retired",
        "? Not yet rated", "", "Retired",
    ]  # fmt: skip
    assert "Retired</span>: <strong>1</strong>" in html
    assert "Split</span>: <strong>2</strong>" in html


def test_merged_standards_show_each_earlier_standard_and_its_level(client, reader, two_years):
    import_mapping(mapping_book())
    earlier, later = two_years
    client.force_login(reader)

    rows = table_rows(compared(client, earlier, later).content.decode())

    merged = rows[4]
    assert merged[0].startswith("2.1 Training and feedback.")
    assert merged[1:3] == [
        "2.1 A helpline runs at weekends. 2.2 Training for parents.",
        "Merged",
    ]
    assert merged[3] == "2.1 M Met 2.2 ? Not yet rated" and merged[5] == "Merged"


def test_the_later_assessment_chosen_first_still_compares_earlier_to_later(
    client, reader, two_years
):
    import_mapping(mapping_book())
    earlier, later = two_years
    client.force_login(reader)

    html = compared(client, later, earlier).content.decode()

    assert "From 2017-18 to 2018-19" in html
    assert table_rows(html)[0][-1] == "Worsened"


def test_two_frameworks_without_a_mapping_are_refused_plainly(client, reader, two_years):
    earlier, later = two_years
    client.force_login(reader)

    response = compared(client, earlier, later)
    download = client.get(
        reverse("minimum_standards_compare_export"), {"first": earlier.pk, "second": later.pk}
    )

    assert response.status_code == 200 and download.status_code == 200
    for page in (response, download):
        html = unescape(page.content.decode())
        assert "are on different frameworks" in html
        assert "with no mapping between them, so they cannot be compared" in html
        assert "<tbody>" not in html


def test_the_spreadsheet_has_the_same_columns(client, reader, two_years):
    import_mapping(mapping_book(WITH_RETIRED))
    earlier, later = two_years
    client.force_login(reader)

    response = client.get(
        reverse("minimum_standards_compare_export"), {"first": earlier.pk, "second": later.pk}
    )

    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "2017-18 compared with 2018-19"
    assert rows[1][0] == "Mapping: 2016 to 2018"
    assert rows[2] == ["Standard", "Came from", "Relation", "2017-18", "2018-19", "Change"]
    assert rows[3] == [
        "1.1 The service is easy to reach, all year.", "1.1 The service is easy to reach.",
        "Same", "M", "P/C", "worsened",
    ]  # fmt: skip
    assert rows[6][1:3] == ["1.3 Leaflets and a website.", "Split"]
    assert rows[8][1:] == [None, "New", None, "C", "new"]
    assert rows[9] == [None, "2.2 Training for parents.", "Retired", "?", None, "retired"]
    totals = {row[0]: row[1] for row in rows[11:]}
    assert totals == {"Change": "Standards", "improved": 1, "new": 1, "retired": 1,
                      "split": 2, "unchanged": 1, "worsened": 1}  # fmt: skip


def sized_pair(size: int):
    """Two frameworks of `size` standards each, every one mapped as the same, with one
    self-assessment on each."""
    standards = [["1", "Only", f"1.{n}", f"Standard {n}.", ""] for n in range(1, size + 1)]
    old = import_framework(
        framework_book(
            standards, scale=OLD_SCALE, details={"code": "old", "name": "Old", "version": "1"}
        )  # fmt: skip
    )
    new = import_framework(
        framework_book(
            standards, scale=NEW_SCALE, details={"code": "new", "name": "New", "version": "2"}
        )  # fmt: skip
    )
    rows = [[f"1.{n}", f"1.{n}", "same", ""] for n in range(1, size + 1)]
    import_mapping(mapping_book(rows))
    earlier = rated(old, "Earlier", {f"1.{n}": "M" for n in range(1, size + 1, 2)}, 2018)
    later = rated(new, "Later", {f"1.{n}": "P/C" for n in range(1, size + 1, 3)}, 2019)
    return earlier, later


def queries(client, earlier, later) -> int:
    with CaptureQueriesContext(connection) as counted:
        page = compared(client, earlier, later)
        download = client.get(
            reverse("minimum_standards_compare_export"), {"first": earlier.pk, "second": later.pk}
        )
    assert page.status_code == 200 and download.status_code == 200
    return len(counted)


@pytest.mark.django_db
def test_a_fixed_number_of_queries_whatever_the_size(client, reader):
    client.force_login(reader)
    few = queries(client, *sized_pair(4))
    SelfAssessment.objects.all().delete()
    from wagtail_minimum_standards.compliance.models import Framework, FrameworkMapping

    FrameworkMapping.objects.all().delete()
    Framework.objects.all().delete()
    many = queries(client, *sized_pair(60))

    assert few == many
