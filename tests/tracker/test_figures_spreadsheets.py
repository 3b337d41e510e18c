"""The figures' spreadsheets (docs/figures.md, "Spreadsheets"): the measures template and the
built-in measure set; a year's figures exported in long form and imported back, each refusal
naming its cell and a half-right file saving nothing."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.figures.builtin_measures import BUILTIN, load_builtin
from wagtail_minimum_standards.figures.models import BreakdownList, Measure
from wagtail_minimum_standards.figures.spreadsheets.measures import import_measures
from wagtail_minimum_standards.figures.spreadsheets.measures_export import export_measures
from wagtail_minimum_standards.figures.spreadsheets.template import (
    LIST_COLUMNS,
    MEASURE_COLUMNS,
)

from .figure_factories import BreakdownListFactory, MeasureFactory, figure, year

BUILTIN_KEYS = [
    "new-referrals",
    "families-supported",
    "caseload",
    "quick-calls",
    "professionals",
    "parent-champion-contacts",
    "outreach-parents",
    "outreach-professionals",
    "contact-routes",
    "cyp-by-gender",
    "cyp-by-phase",
    "cyp-by-send",
    "exclusions",
    "broad-areas-of-need",
    "needs",
    "enquiries-by-age-group",
    "enquiries-by-topic",
    "enquiries-by-role",
]


def cells(book) -> dict:
    """Every sheet's cell values, as a workbook read back holds them."""
    saved = io.BytesIO()
    book.save(saved)
    read = load_workbook(io.BytesIO(saved.getvalue()))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in read.worksheets}


def as_file(book) -> io.BytesIO:
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    return saved


def measures_book(measure_rows, list_rows=()):
    book = Workbook()
    sheet = book.active
    sheet.title = "Measures"
    sheet.append(MEASURE_COLUMNS)
    for row in measure_rows:
        sheet.append(row)
    lists = book.create_sheet("Breakdown lists")
    lists.append(LIST_COLUMNS)
    for row in list_rows:
        lists.append(row)
    return as_file(book)


def a_measure(**changed) -> list:
    row = dict(
        zip(
            MEASURE_COLUMNS,
            [
                "visits",
                "Visits",
                "Home visits.",
                "visits",
                "term",
                "total",
                "",
                40,
                0,
                "",
                "T",
                "no",
                "no",
                "no",
            ],  # fmt: skip
            strict=True,
        )
    )
    row.update(changed)
    return list(row.values())


def refused(file, **kwargs) -> list[str]:
    with pytest.raises(SheetErrors) as caught:
        import_measures(file, **kwargs)
    return caught.value.errors


# The measures template and the built-in set


@pytest.mark.django_db
def test_the_builtin_set_loads_with_every_key_and_the_reports_definitions():
    done = load_builtin("sendiass-2021-22")
    assert [m.key for m in Measure.objects.order_by("position")] == BUILTIN_KEYS
    assert len(done.created) == len(BUILTIN_KEYS)
    quick = Measure.objects.get(key="quick-calls")
    assert quick.definition.startswith(
        "Quick calls are calls involving only one or two contacts lasting less than 30 minutes."
    )
    caseload = Measure.objects.get(key="caseload")
    assert caseload.definition == (
        "Caseload is the number of referrals which require in-depth casework support."
    )
    families = Measure.objects.get(key="families-supported")
    assert (families.target, families.public, families.group) == (Decimal(500), True, "Table 2")
    assert Measure.objects.get(key="new-referrals").period == "term"
    routes = Measure.objects.get(key="contact-routes")
    assert (routes.breakdown.key, routes.public, routes.counted_from_enquiries) == (
        "contact-route",
        True,
        True,
    )
    assert list(routes.breakdown.values.values_list("label", flat=True)) == [
        "Web form", "Voice mail", "Text", "Telephone", "Social Media", "Outreach", "Meeting",
        "Face to Face", "Email",
    ]  # fmt: skip
    assert BreakdownList.objects.get(key="need").values.count() == 13
    assert list(BreakdownList.objects.get(key="gender").values.values_list("label", flat=True)) == [
        "Boys",
        "Girls",
        "Unknown",
    ]
    for key in ("school-phase", "send", "broad-area-of-need", "outreach-parents",
                "outreach-professionals", "age-group", "enquiry-topic", "enquirer-role"):  # fmt: skip
        assert BreakdownList.objects.filter(key=key).exists(), key
    assert Measure.objects.get(key="enquiries-by-topic").period == "month"


@pytest.mark.django_db
def test_loading_the_builtin_set_again_changes_nothing_and_its_commands_say_so():
    out = io.StringIO()
    call_command("minimum_standards_load_measures", "--builtin", "sendiass-2021-22", stdout=out)
    assert "18 new" in out.getvalue()
    history = Measure.history.count()
    out = io.StringIO()
    call_command("minimum_standards_load_measures", "--builtin", "sendiass-2021-22", stdout=out)
    assert "0 new, 0 updated" in out.getvalue()
    assert Measure.history.count() == history


@pytest.mark.django_db
def test_the_builtin_workbook_is_what_its_script_writes(tmp_path):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "packaging" / "write_builtin_measures.py"
    if not script.exists():  # a bare project has the workbook, not the script
        pytest.skip("the script is in the project's repository")
    spec = importlib.util.spec_from_file_location("write_builtin_measures", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.write(tmp_path / "again.xlsx")
    assert cells(load_workbook(written)) == cells(load_workbook(BUILTIN["sendiass-2021-22"]))


@pytest.mark.django_db
def test_export_import_export_of_the_measures_is_the_same_file(tmp_path):
    load_builtin("sendiass-2021-22")
    BreakdownListFactory(key="empty-list", name="No values yet")
    first = cells(export_measures())
    Measure.objects.all().delete()
    BreakdownList.objects.all().delete()
    import_measures(as_file(export_measures_from(first)))
    assert cells(export_measures()) == first


def export_measures_from(sheets) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    return book


@pytest.mark.django_db
def test_an_import_of_a_key_that_exists_updates_it_names_who_and_deletes_nothing(manager):
    load_builtin("sendiass-2021-22")
    row = a_measure(key="caseload", name="Caseload", target=450, **{"counted by": "year"})
    done = import_measures(
        measures_book([row], [["gender", "Gender", "Girls"], ["gender", "Gender", "Boys"]]),
        user=manager,
    )
    caseload = Measure.objects.get(key="caseload")
    assert (caseload.name, caseload.target) == ("Caseload", Decimal(450))
    assert caseload.history.first().history_user == manager
    assert done.updated == ["caseload"]
    assert Measure.objects.count() == len(BUILTIN_KEYS)  # the others kept
    assert "quick-calls" in done.notices[-1]
    gender = BreakdownList.objects.get(key="gender")
    assert list(gender.values.values_list("label", flat=True)) == ["Girls", "Boys", "Unknown"]
    assert any("Unknown" in notice for notice in done.notices)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changed", "lists", "expected"),
    [
        ({"broken down by": "colours"}, [],
         "Sheet “Measures”, row 2, column G: no breakdown list “colours”"),
        ({"counted by": "fortnight"}, [],
         "Sheet “Measures”, row 2, column E: write month or term or year, not “fortnight”"),
        ({"target": -5}, [], "Sheet “Measures”, row 2, column H: the target cannot be negative"),
        ({"target": "lots"}, [], "Sheet “Measures”, row 2, column H: “lots” is not a number"),
        ({"decimal places": 3}, [], "Sheet “Measures”, row 2, column I: decimal places are 0"),
        ({"key": "two words"}, [], "Sheet “Measures”, row 2, column A: “two words” is not a key"),
        ({"public": "maybe"}, [], "Sheet “Measures”, row 2, column L: write yes or no"),
        ({"unit": ""}, [], "Sheet “Measures”, row 2, column D: give the measure's unit"),
        ({"the year's figure": "median"}, [],
         "Sheet “Measures”, row 2, column F: write total or average, not “median”"),
        ({"standards": "1.1"}, [], "Sheet “Measures”, row 2, column J: say which framework"),
        ({}, [["sizes", "Sizes", "Big"], ["sizes", "Sizes", "Big"]],
         "Sheet “Breakdown lists”, row 3, column C: “Big” is in the list “sizes” twice"),
        ({}, [["sizes", "Sizes", "Big"], ["sizes", "Sizing", "Small"]],
         "Sheet “Breakdown lists”, row 3, column B: the list “sizes” is called “Sizes” on row 2"),
    ],
)  # fmt: skip
def test_a_bad_measures_file_is_refused_naming_the_cell_and_nothing_is_saved(
    changed, lists, expected
):
    errors = refused(measures_book([a_measure(**changed)], lists))
    assert any(error.startswith(expected) for error in errors), errors
    assert not Measure.objects.exists() and not BreakdownList.objects.exists()


@pytest.mark.django_db
def test_a_key_twice_and_a_missing_sheet_are_refused():
    errors = refused(measures_book([a_measure(), a_measure(name="Again")]))
    assert errors == [
        "Sheet “Measures”, row 3, column A: the key “visits” is on row 2 too",
    ]
    book = Workbook()
    book.active.title = "Something else"
    assert refused(as_file(book)) == ["Sheet “Measures”, row 1: this sheet is missing"]


@pytest.mark.django_db
def test_standards_are_named_by_their_codes_in_the_only_framework(framework):
    import_measures(measures_book([a_measure(standards="3.3, 1.1")]))
    codes = set(Measure.objects.get(key="visits").standards.values_list("code", flat=True))
    assert codes == {"1.1", "3.3"}
    errors = refused(measures_book([a_measure(standards="9.9")]))
    assert errors[0].startswith("Sheet “Measures”, row 2, column J: ")
    assert "9.9" in errors[0]


@pytest.mark.django_db
def test_a_measure_with_figures_keeps_its_period_and_list():
    visits = MeasureFactory(key="visits", period="term")
    figure(visits, year(2021), 4, period=1)
    errors = refused(measures_book([a_measure(**{"counted by": "month"})]))
    assert errors[0].startswith("Sheet “Measures”, row 2, column E: “visits” has figures")


@pytest.mark.django_db
def test_the_load_command_refuses_a_bad_file_with_its_cell(tmp_path):
    path = tmp_path / "measures.xlsx"
    path.write_bytes(measures_book([a_measure(target=-1)]).getvalue())
    with pytest.raises(CommandError, match="row 2, column H"):
        call_command("minimum_standards_load_measures", "--file", str(path))
    out = tmp_path / "out.xlsx"
    load_builtin("sendiass-2021-22")
    call_command("minimum_standards_export_measures", str(out), stdout=io.StringIO())
    assert cells(load_workbook(out))["Measures"][1][0] == "new-referrals"
