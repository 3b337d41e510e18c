"""Uploads are bounded and read right: oversized, damaged or hostile workbooks are refused with
the limit they broke, before anything parses them, and what is accepted means what it says."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from wagtail_minimum_standards.compliance.models import Framework, SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework
from wagtail_minimum_standards.plans.models import DeliveryPlan
from wagtail_minimum_standards.plans.spreadsheets import export_plan, import_plan

from . import workbook_files as files
from .test_compliance_spreadsheets import NUMERIC_SCALE, framework_workbook, saved
from .test_plans import rows

ASSESSMENT_IMPORT = "/admin/minimum_standards/assessment/import/"
FRAMEWORK_IMPORT = "/admin/minimum_standards/framework/import/"


def upload(client, url, data: bytes, framework=None):
    fields = {"file": SimpleUploadedFile("upload.xlsx", data)}
    if framework:
        fields.update(framework=framework.pk, title="", assessed_on="2024-07-31")
    return client.post(url, fields)


HOSTILE = {
    "a cell at XFD1048576": (
        files.huge_dimension,
        "sheet “Sheet1” declares cells up to XFD1048576 (1,048,576 rows, 16,384 columns). "
        "A sheet may have at most 5,000 rows and 50 columns (up to AX5000).",
    ),
    "rows past the limit": (
        lambda: files.rows_beyond_the_limit(5_001),
        "sheet “Sheet1” has a row 5,001",
    ),
    "shared strings that unpack to 60 MB": (
        lambda: files.shared_strings_bomb(60 * 1024 * 1024),
        "The workbook's part “xl/sharedStrings.xml” unpacks to 60 MB; the most one part may "
        "hold is 10 MB.",
    ),
    "a byte that is not UTF-8": (
        files.not_utf8,
        "The workbook is damaged: sheet “Sheet1” cannot be read (not well-formed (invalid token)",
    ),
    "entities in a document type": (
        files.with_doctype,
        "sheet “Sheet1” declares a document type, which workbooks never do",
    ),
    "every row numbered 1": (
        files.rows_out_of_order,
        "The workbook is damaged: sheet “Sheet1” has row 1 after row 1.",
    ),
    "25,000 cell formats": (
        files.many_styles,
        "its styles hold more than 20,000 elements",
    ),
    "300,000 shared strings": (
        files.many_strings,
        "it holds more than 500,000 cells, strings and styles in all",
    ),
    "a sheet part named in capitals": (
        files.sheet_named_in_capitals,
        "declares cells up to XFD1048576",
    ),
    "half a file": (
        lambda: files.workbook_bytes()[:2000],
        "The file is not an Excel workbook (.xlsx).",
    ),
    "a CSV file": (lambda: b"Standard,C/PC\n1.1,C\n", "The file is not an Excel workbook"),
    "over 5 MB": (lambda: b"PK" + b"\0" * (5 * 1024 * 1024), "The file is larger than 5 MB."),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_workbooks_are_refused_in_the_admin_with_the_limit_they_broke(
    client, compliance_demo, service_manager, case
):
    make, message = HOSTILE[case]
    client.force_login(service_manager)
    before = (SelfAssessment.objects.count(), Framework.objects.count())

    assessment = upload(client, ASSESSMENT_IMPORT, make(), compliance_demo["framework"])
    framework = upload(client, FRAMEWORK_IMPORT, make())

    for response in (assessment, framework):
        assert response.status_code == 200
        html = response.content.decode().replace("&#x27;", "'")
        assert "Nothing was imported" in html
        assert message in html
    assert (SelfAssessment.objects.count(), Framework.objects.count()) == before


@pytest.mark.parametrize("case", ["a byte that is not UTF-8", "a cell at XFD1048576"])
@pytest.mark.parametrize(
    "command",
    [
        "minimum_standards_import_framework",
        "minimum_standards_import_plan",
        "minimum_standards_import_assessment",
    ],
)
def test_commands_refuse_them_with_a_command_error(compliance_demo, tmp_path, case, command):
    # manage.py prints a CommandError as one "CommandError: ..." line, without a traceback
    # (tests/test_exports_hold_any_text.py runs one to see).
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(HOSTILE[case][0]())
    extra = ["--framework", "iass-2018"] if command.endswith("import_assessment") else []

    with pytest.raises(CommandError) as raised:
        call_command(command, str(path), *extra)

    assert str(raised.value).startswith("Nothing was imported.")
    assert HOSTILE[case][1][:40] in str(raised.value)


def test_ten_thousand_problems_are_listed_fifty_at_a_time(client, compliance_demo, service_manager):
    rows = [("Title",), ("Standard", "C/PC", "Notes")]
    rows += [(f"9.{n} Not a standard", "C", "") for n in range(4_990)]
    client.force_login(service_manager)

    response = upload(
        client, ASSESSMENT_IMPORT, files.workbook_bytes(rows), compliance_demo["framework"]
    )

    html = response.content.decode()
    assert "Nothing was imported: 4990 problems found" in html
    assert html.count("has no standard 9.") == 50
    assert "… and 4940 more." in html
    assert len(html) < 100_000


def test_the_largest_accepted_assessment_imports_in_the_admin(
    client, compliance_demo, service_manager
):
    framework = compliance_demo["framework"]
    codes = list(framework.sections.values_list("standards__code", flat=True))
    rows = [("Largest", None, None), ("Standard", "C/PC", "Notes")]
    rows += [(f"{code} wording", "P/C", "note " * 1_000) for code in codes]
    rows += [("", "", "")] * (5_000 - len(rows))
    client.force_login(service_manager)

    response = upload(client, ASSESSMENT_IMPORT, files.workbook_bytes(rows), framework)

    assert response.status_code == 302
    imported = SelfAssessment.objects.get(title="Largest")
    assert imported.ratings.filter(level__code="P/C").count() == 20


def test_standards_missing_from_an_import_are_not_yet_rated_and_counted_so(
    client, compliance_demo, service_manager
):
    rows = [("Partial", None, None), ("Standard", "C/PC", "Notes")]
    rows += [("1.1 x", "C", ""), ("1.2 x", "P/C", ""), ("3.3 x", "NYR", "")]
    client.force_login(service_manager)

    response = upload(
        client, ASSESSMENT_IMPORT, files.workbook_bytes(rows), compliance_demo["framework"]
    )
    page = client.get(response["Location"]).content.decode()

    partial = SelfAssessment.objects.get(title="Partial")
    assert partial.ratings.count() == 20
    assert partial.ratings.filter(level__is_unrated=True).count() == 18
    assert "Imported “Partial” as a draft: 2 of 20 standards rated, 18 not yet rated." in page


def test_a_scale_may_have_only_one_not_yet_rated_level(db):
    scale = [*NUMERIC_SCALE, (0, "-", "Unrated", "", "#505a5f", "no", "yes")]
    scale += [(0, "?", "Also unrated", "", "#505a5f", "no", "yes")]

    with pytest.raises(SheetErrors) as raised:
        import_framework(framework_workbook(scale, [("A", "Access", "A1", "Open")]))

    assert raised.value.errors == [
        "Sheet “Scale”, row 6, column G: only one level may be “not yet rated”; row 5 is already"
    ]


def test_a_section_keeps_the_title_its_first_row_gives(db):
    standards = [("A", "Access", "A1", "Open"), ("A", "Accessibility", "A2", "All year")]

    with pytest.raises(SheetErrors) as raised:
        import_framework(framework_workbook(NUMERIC_SCALE, standards))

    assert raised.value.errors == [
        "Sheet “Standards”, row 3, column B: section A is called “Access” on row 2, not "
        "“Accessibility”"
    ]
    assert not Framework.objects.exists()


def plan_with_timescales(timescales) -> io.BytesIO:
    book = Workbook()
    book.active.append(["Timescales"])
    book.active.append(
        ["Area of work", "Objective", "Action", "Outcome", "Who?", "Timescale", "Done"]
    )
    for n, timescale in enumerate(timescales):
        book.active.append(["Area", f"Objective {n}", "", "", "", timescale, ""])
    book.active["F3"].number_format = "DD/MM/YYYY"
    return saved(book)


def test_timescales_give_their_date_or_say_they_were_not_understood(
    client, plans_demo, service_manager
):
    written = [
        datetime.datetime(2023, 1, 12),  # a date cell
        "2023/01/12",
        "12-01-2023",
        "2023-1-12",
        "12th January 2023",
        "Sept 2022 - July 2023",
        45000,
        "2023/24",
        "Q1 2023",
        "On-going",
    ]
    plan = import_plan(plan_with_timescales(written))
    items = list(plan.items.order_by("position"))

    assert [item.due_date for item in items] == [datetime.date(2023, 1, 12)] * 5 + [
        datetime.date(2023, 7, 31),
        None,
        None,
        None,
        None,
    ]
    assert items[0].timescale == "12/01/2023"  # a date cell, written the British way
    assert [item.timescale_not_understood for item in items] == [False] * 6 + [True] * 3 + [False]
    client.force_login(service_manager)
    html = client.get(f"/admin/minimum_standards_plans/plan/{plan.pk}/").content.decode()
    assert html.count("Timescale not understood") == 3


def test_a_timescale_written_as_a_date_that_is_no_date_refuses_the_file(db):
    written = ["30/06/2027", "31/02/2027", "By 06/30/2027", "Sept 2026 - 2027-02-30"]

    with pytest.raises(SheetErrors) as refused:
        import_plan(plan_with_timescales(written))

    not_a_date = (
        "is not a real date: write the day first, then the month, then the year, such as "
        "30/06/2027 or 30 June 2027"
    )
    assert refused.value.errors == [
        f"Sheet “Sheet”, row 4, column F: “31/02/2027” {not_a_date}",
        f"Sheet “Sheet”, row 5, column F: “06/30/2027” {not_a_date}",
        f"Sheet “Sheet”, row 6, column F: “2027-02-30” {not_a_date}",
    ]
    assert not DeliveryPlan.objects.exists()


def test_typed_and_date_cell_timescales_survive_export_import_export(db):
    written = [
        datetime.datetime(2027, 6, 30),  # a real Excel date cell: taken as it is
        "30/06/2027",
        "30/6/2027",
        "30 June 2027",
        "30 Jun 2027",
        "2027-06-30",
    ]
    plan = import_plan(plan_with_timescales(written))
    items = list(plan.items.order_by("position"))
    assert [item.due_date for item in items] == [datetime.date(2027, 6, 30)] * 6

    exported = rows(saved(export_plan(plan)))
    again = import_plan(saved(export_plan(plan)))
    assert rows(saved(export_plan(again))) == exported
    assert [row[5] for row in exported[2:]] == ["30/06/2027", *written[1:]]
    assert [i.due_date for i in again.items.order_by("position")] == [
        datetime.date(2027, 6, 30)
    ] * 6


def test_an_import_command_names_the_file_it_cannot_open(db):
    with pytest.raises(CommandError, match="The file cannot be opened: No such file"):
        call_command("minimum_standards_import_plan", "/no/such/plan.xlsx")
    assert not DeliveryPlan.objects.exists()


@pytest.mark.parametrize("position", [2**63, "፩", "²", "9" * 5000, -1, 1.5])
def test_a_scale_position_is_a_small_whole_number(db, position):
    scale = [(position, "3", "Good", "", "#00703c", "yes", "no")]

    with pytest.raises(SheetErrors) as raised:
        import_framework(framework_workbook(scale, [("A", "Access", "A1", "Open")]))

    assert raised.value.errors == [
        "Sheet “Scale”, row 2, column A: the position must be a whole number, 0 to 999"
    ]


def test_a_scale_using_every_usual_unrated_code_still_gets_one(db):
    codes = ["NYR", "N/R", "NR", "-", "?", "0"]
    scale = [(n, code, f"Level {code}", "", "#00703c", "no", "no") for n, code in enumerate(codes)]

    framework = import_framework(framework_workbook(scale, [("A", "Access", "A1", "Open")]))

    assert framework.unrated_level().code == "NYR2"


def test_a_title_from_the_command_line_that_is_not_utf8_is_cleaned(compliance_demo, tmp_path):
    path = tmp_path / "assessment.xlsx"
    path.write_bytes(files.workbook_bytes([("Title",), ("Standard", "C/PC", "Notes")]))

    # Python reads the argument byte b"\xff" as the lone surrogate "\udcff".
    call_command(
        "minimum_standards_import_assessment",
        str(path),
        "--framework",
        "iass-2018",
        "--title",
        "A\udcff",
    )

    assert SelfAssessment.objects.filter(title="A\ufffd").exists()


def test_a_zip_from_an_unknown_version_is_refused(compliance_demo):
    data = bytearray(files.workbook_bytes())
    central = data.rindex(b"PK\x01\x02")  # a central directory entry: "version needed" at +6
    data[central + 6] = 64

    with pytest.raises(SheetErrors, match="The file is not an Excel workbook"):
        import_framework(io.BytesIO(bytes(data)))
