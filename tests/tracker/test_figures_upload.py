"""A year's figures as a spreadsheet, a row a figure: exported, filled in and imported back;
every bad cell refused by name, a half-right file saving nothing, a locked year refused."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.figures.builtin_measures import load_builtin
from wagtail_minimum_standards.figures.models import Figure, Measure, ReportingYear
from wagtail_minimum_standards.figures.spreadsheets.figures_export import export_figures
from wagtail_minimum_standards.figures.spreadsheets.figures_import import (
    import_figures,
    prepare,
)
from wagtail_minimum_standards.figures.spreadsheets.template import FIGURE_COLUMNS

from .figure_factories import figure, on, year


def rows_of(book) -> list[list]:
    saved = io.BytesIO()
    book.save(saved)
    sheet = load_workbook(io.BytesIO(saved.getvalue())).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def figures_book(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(FIGURE_COLUMNS)
    for row in rows:
        sheet.append(row)
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    return saved


def refused(rows) -> list[str]:
    with pytest.raises(SheetErrors) as caught:
        import_figures(figures_book(rows))
    return caught.value.errors


@pytest.fixture
def measures(db):
    load_builtin("sendiass-2021-22")
    return {m.key: m for m in Measure.objects.all()}


def test_a_years_export_lists_every_figure_it_can_have_blank_where_there_is_none(measures):
    this = year(2021)
    figure(measures["new-referrals"], this, 131, period=1)
    figure(measures["contact-routes"], this, 60, label="Web form")
    rows = rows_of(export_figures(this))
    assert rows[0] == FIGURE_COLUMNS
    assert rows[1:7] == [
        ["new-referrals", "New referrals", "2021-22", "Term 1", None, 131],
        *[
            ["new-referrals", "New referrals", "2021-22", f"Term {n}", None, None]
            for n in range(2, 7)
        ],
    ]
    assert [
        "contact-routes",
        "How people contacted us",
        "2021-22",
        "2021-22",
        "Web form",
        60,
    ] in rows
    age = [r for r in rows if r[0] == "enquiries-by-age-group"]
    assert len(age) == 12 * 5 and age[0][3] == "September 2021" and age[-1][3] == "August 2022"


def test_a_filled_in_export_imports_back_and_exports_the_same(measures):
    this = year(2021)
    rows = rows_of(export_figures(this))
    filled = [
        [
            *row[:5],
            {"Term 1": 131, "Term 2": 106}.get(row[3]) if row[0] == "new-referrals" else row[5],
        ]
        for row in rows[1:]
    ]
    filled = [
        r[:5] + [60] if r[0] == "contact-routes" and r[4] == "Web form" else r for r in filled
    ]
    preview = import_figures(figures_book(filled))
    assert len(preview.changes) == 3
    assert Figure.objects.get(measure__key="new-referrals", period=2).value == Decimal(106)
    again = rows_of(export_figures(this))
    assert again[1:] == filled
    assert rows_of(export_figures())[1:] == [
        ["new-referrals", "New referrals", "2021-22", "Term 1", None, 131],
        ["new-referrals", "New referrals", "2021-22", "Term 2", None, 106],
        ["contact-routes", "How people contacted us", "2021-22", "2021-22", "Web form", 60],
    ]


def test_the_preview_says_what_changes_from_what_to_what_and_saves_nothing(measures):
    this = year(2021)
    figure(measures["caseload"], this, 490)
    figure(measures["quick-calls"], this, 98)
    figure(measures["professionals"], this, 96)
    preview = prepare(
        figures_book(
            [
                ["caseload", "", "2021-22", "2021-22", "", 493],
                ["quick-calls", "", "2021-22", "2021-22", "", 98],
                ["professionals", "", "2021-22", "2021-22", "", None],
                ["exclusions", "", "2021-22", "2021-22", "", 48],
            ]
        )
    )
    assert not preview.errors.errors
    assert [(c.row, c.measure.key, c.old, c.new) for c in preview.changes] == [
        (2, "caseload", Decimal(490), Decimal(493)),
        (4, "professionals", Decimal(96), None),
        (5, "exclusions", None, Decimal(48)),
    ]
    assert preview.unchanged == 1
    assert Figure.objects.get(measure__key="caseload").value == 490
    assert not Figure.objects.filter(measure__key="exclusions").exists()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["caseload", "", "2021-22", "2021-22", "", -4],
         "column F: a figure cannot be negative (“-4”)"),
        (["caseload", "", "2021-22", "2021-22", "", "lots"], "column F: “lots” is not a number"),
        (["caseload", "", "2021-22", "2021-22", "", 4.5],
         "column F: “4.5” has more decimal places than “caseload” keeps (0)"),
        (["cyp-by-gender", "", "2021-22", "2021-22", "Cats", 4],
         "column E: “Cats” is not in the list “Gender”: Boys, Girls, Unknown"),
        (["caseload", "", "2021-22", "2021-22", "Boys", 4],
         "column E: “caseload” is not broken down"),
        (["new-referrals", "", "2021-22", "Term 7", "", 4],
         "column D: “Term 7” is not a period of 2021-22 for “new-referrals”"),
        (["enquiries-by-role", "", "2021-22", "September 2022", "A professional", 4],
         "column D: “September 2022” is not a period of 2021-22"),
        (["no-such-thing", "", "2021-22", "2021-22", "", 4], "column A: no measure “no-such-thing”"),
        (["caseload", "", "2021-2022", "2021-22", "", 4],
         "column C: “2021-2022” is not a reporting year: write it as 2021-22"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_refused_by_name_and_a_half_right_file_saves_nothing(measures, row, expected):
    good = ["caseload", "Caseload (Families)", "2021-22", "2021-22", "", 493]
    errors = refused([good, row])
    assert errors == [f"Sheet “Figures”, row 3, {expected}"] or errors[0].startswith(
        f"Sheet “Figures”, row 3, {expected}"
    ), errors
    assert not Figure.objects.exists()


def test_a_figure_given_twice_is_refused(measures):
    row = ["caseload", "", "2021-22", "2021-22", "", 493]
    assert refused([row, row]) == [
        "Sheet “Figures”, row 3, column F: row 2 gives this figure already"
    ]


def test_a_locked_year_is_refused(measures):
    locked = year(2021)
    figure(measures["caseload"], locked, 493)
    locked.approve(on("15/10/2022"))
    errors = refused([["caseload", "", "2021-22", "2021-22", "", 500]])
    assert errors[0].startswith(
        "Sheet “Figures”, row 2, column C: The figures for 2021-22 are locked"
    )
    assert Figure.objects.get().value == 493


def test_a_year_not_yet_made_is_made_and_the_history_names_who(measures, manager):
    import_figures(figures_book([["caseload", "", "2019-20", "2019-20", "", 430]]), user=manager)
    assert ReportingYear.objects.get().label == "2019-20"
    assert Figure.history.get().history_user == manager


def test_the_commands_export_and_import(measures, tmp_path):
    path = tmp_path / "figures.xlsx"
    call_command(
        "minimum_standards_export_figures", str(path), "--year", "2021-22", stdout=io.StringIO()
    )
    book = load_workbook(path)
    sheet = book.worksheets[0]
    sheet["F2"] = 131
    book.save(path)
    out = io.StringIO()
    call_command("minimum_standards_import_figures", str(path), stdout=out)
    assert "1 figure changed, 0 as they were." in out.getvalue()  # blanks are no figures
    sheet["F3"] = -1
    book.save(path)
    with pytest.raises(CommandError, match="row 3, column F: a figure cannot be negative"):
        call_command("minimum_standards_import_figures", str(path))
    with pytest.raises(CommandError, match="not a reporting year"):
        call_command("minimum_standards_export_figures", str(path), "--year", "21-22")
