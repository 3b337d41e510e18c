"""Spreadsheets: the export matches Appendix 3, imports are all or nothing, cells are safe."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from wagtail_minimum_standards.compliance.models import Framework, SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.assessments import (
    export_assessment,
    import_assessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework

DEMO = Path(__file__).resolve().parent.parent / "home" / "demo" / "files"


def values(workbook):
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def saved(workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_export_is_appendix_3_cell_for_cell(compliance_demo):
    exported = values(load_workbook(saved(export_assessment(compliance_demo["ratified"]))))
    appendix_3 = values(load_workbook(DEMO / "self-assessment-august-2022.xlsx"))

    assert exported == [tuple(v if v != "" else None for v in row) for row in appendix_3]
    assert exported[1] == ("Standard", "C/PC", "Notes")
    assert exported[2][0] == "1. Commissioning, governance and management arrangements"


def test_exported_cells_never_run_as_formulas(compliance_demo):
    draft = compliance_demo["draft"]
    for code, text in [
        ("1.1", '=HYPERLINK("http://evil.example")'),
        ("1.2", "+1"),
        ("1.3", "-x"),
        ("1.4", "@SUM(A1)"),
    ]:
        rating = draft.ratings.get(standard__code=code)
        rating.evidence_notes = text
        rating.save()

    sheet = load_workbook(saved(export_assessment(draft))).active

    notes = {row[0].value.split()[0]: row[2] for row in sheet.iter_rows(min_row=3) if row[1].value}
    for code in ("1.1", "1.2", "1.3", "1.4"):
        assert notes[code].data_type == "s", code
    assert notes["1.1"].value == '=HYPERLINK("http://evil.example")'


def test_an_exported_assessment_imports_back(compliance_demo):
    framework = compliance_demo["framework"]
    buffer = saved(export_assessment(compliance_demo["draft"]))

    copy = import_assessment(buffer, framework, title="Round trip")

    assert copy.status == "draft"
    original = {
        r.standard.code: (r.level.code, r.evidence_notes)
        for r in compliance_demo["draft"].ratings.all()
    }
    again = {r.standard.code: (r.level.code, r.evidence_notes) for r in copy.ratings.all()}
    assert again == original


def appendix_3_with(changes):
    book = load_workbook(DEMO / "self-assessment-august-2022.xlsx")
    for (row, column), value in changes.items():
        book.active.cell(row=row, column=column).value = value
    return saved(book)


def test_a_bad_import_names_every_problem_and_saves_nothing(compliance_demo):
    before = SelfAssessment.objects.count()
    # Row 4 is standard 1.1, row 5 is 1.2, row 6 is 1.3.
    bad = appendix_3_with({(4, 2): "Q", (5, 1): "9.9 A standard nobody wrote", (6, 1): "1.1 Again"})

    with pytest.raises(SheetErrors) as raised:
        import_assessment(bad, compliance_demo["framework"])

    assert raised.value.errors == [
        "Sheet “Self-assessment”, row 4, column B: “Q” is not a rating on this scale (C, P/C, NC, NYR)",
        f"Sheet “Self-assessment”, row 5, column A: {compliance_demo['framework']} has no standard 9.9",
        "Sheet “Self-assessment”, row 6, column A: standard 1.1 is also on row 4",
    ]
    assert SelfAssessment.objects.count() == before


def test_not_a_workbook_is_a_clear_error(compliance_demo):
    with pytest.raises(SheetErrors, match="not an Excel workbook"):
        import_assessment(io.BytesIO(b"name,rating\n1.1,C\n"), compliance_demo["framework"])


def framework_workbook(scale, standards, checklist=(), code="numeric-1-3"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Framework"
    for row in [
        ("code", code),
        ("name", "Quality framework"),
        ("version", "2025"),
        ("rating heading", "Score"),
    ]:
        sheet.append(row)
    book.create_sheet("Scale").append(
        ["position", "code", "label", "meaning", "colour", "counts as met", "not yet rated"]
    )
    for row in scale:
        book["Scale"].append(row)
    book.create_sheet("Standards").append(["section", "section title", "code", "wording"])
    for row in standards:
        book["Standards"].append(row)
    book.create_sheet("Checklist").append(["standard", "item", "site check"])
    for row in checklist:
        book["Checklist"].append(row)
    return saved(book)


NUMERIC_SCALE = [
    (3, "3", "Good", "", "#00703c", "yes", "no"),
    (2, "2", "Adequate", "", "#8a4c00", "no", "no"),
    (1, "1", "Inadequate", "", "#b10e1e", "no", "no"),
]


def test_another_framework_with_a_numeric_scale_loads_without_code(db):
    book = framework_workbook(
        NUMERIC_SCALE,
        [
            ("A", "Access", "A1", "People can reach the service."),
            ("A", "Access", "A2", "It is open all year."),
        ],
        [
            ("A1", "Evidence: call statistics", ""),
            ("A1", "Evidence: survey", ""),
            ("A2", "Evidence: rota", ""),
        ],
    )

    framework = import_framework(book)

    # The template left out a "not yet rated" level: one is added, and the import says so.
    assert [level.code for level in framework.levels.all()] == ["3", "2", "1", "NYR"]
    assert framework.import_notices == [
        "The scale had no “not yet rated” level, so one was added: NYR (Not yet rated). "
        "Standards start at it until someone rates them."
    ]
    assert framework.sections.get().standards.get(code="A1").checklist.count() == 2
    sheet = Workbook()
    for row in [
        ("Quality 2025",),
        ("Standard", "Score", "Notes"),
        ("A. Access",),
        ("A1 People can reach the service.", 2, "Calls answered"),
    ]:
        sheet.active.append(row)
    assessment = import_assessment(saved(sheet), framework)
    assert assessment.ratings.get(standard__code="A1").level.label == "Adequate"
    # A2 is not on the sheet: it is not yet rated, never the lowest real level.
    assert assessment.ratings.get(standard__code="A2").level.label == "Not yet rated"


def test_a_bad_framework_names_its_problems_and_saves_nothing(db):
    book = framework_workbook(
        [
            (3, "3", "Good", "", "green", "maybe", "no"),
            (2, "3", "Twice", "", "#123456", "no", "no"),
        ],
        [("A", "", "A1", "Wording")],
        [("Z9", "An item", "the Weather!")],
    )

    with pytest.raises(SheetErrors) as raised:
        import_framework(book)

    assert (
        "Sheet “Scale”, row 2, column E: “green” is not a colour like #1d70b8"
        in raised.value.errors
    )
    assert "Sheet “Scale”, row 2, column F: write yes or no, not “maybe”" in raised.value.errors
    assert "Sheet “Scale”, row 3, column B: the code “3” is used twice" in raised.value.errors
    assert "Sheet “Standards”, row 2, column B: give section A's title" in raised.value.errors
    assert (
        "Sheet “Checklist”, row 2, column A: no standard “Z9” on the Standards sheet"
        in raised.value.errors
    )
    assert any("“the Weather!” is not a check's name" in e for e in raised.value.errors)
    assert not Framework.objects.exists()


def test_commands_import_and_export(compliance_demo, tmp_path):
    out = io.StringIO()
    call_command(
        "minimum_standards_export_assessment",
        "--latest",
        "-o",
        str(tmp_path / "latest.xlsx"),
        stdout=out,
    )
    call_command(
        "minimum_standards_export_assessment",
        str(compliance_demo["draft"].pk),
        "-o",
        str(tmp_path / "draft.xlsx"),
        stdout=out,
    )
    call_command(
        "minimum_standards_import_assessment",
        str(tmp_path / "latest.xlsx"),
        "--framework",
        "iass-2018",
        "--title",
        "Copy",
        stdout=out,
    )

    assert "Self-Assessment Minimum Standards August 2022" in out.getvalue()
    assert SelfAssessment.objects.get(title="Copy").ratings.filter(level__code="C").count() == 11
    with pytest.raises(CommandError, match="No framework “nope”"):
        call_command(
            "minimum_standards_import_assessment",
            str(tmp_path / "latest.xlsx"),
            "--framework",
            "nope",
        )
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "minimum_standards_import_framework", str(DEMO / "self-assessment-august-2022.xlsx")
        )


@pytest.mark.parametrize(
    "command",
    [
        "minimum_standards_import_framework",
        "minimum_standards_import_assessment",
        "minimum_standards_export_assessment",
    ],
)
def test_commands_explain_themselves(command, capsys):
    with pytest.raises(SystemExit):
        call_command(command, "--help")
    assert "usage:" in capsys.readouterr().out


def test_uploads_are_validated(client, compliance_demo, service_manager):
    client.force_login(service_manager)
    framework = compliance_demo["framework"]
    text = io.BytesIO(b"not a spreadsheet")
    text.name = "ratings.csv"

    response = client.post(
        "/admin/minimum_standards/assessment/import/",
        {"framework": framework.pk, "assessed_on": "2024-07-31", "file": text},
    )
    bad = appendix_3_with({(4, 2): "Q"})
    bad.name = "appendix.xlsx"
    refused = client.post(
        "/admin/minimum_standards/assessment/import/",
        {"framework": framework.pk, "assessed_on": "2024-07-31", "file": bad},
    )
    good = appendix_3_with({})
    good.name = "appendix.xlsx"
    accepted = client.post(
        "/admin/minimum_standards/assessment/import/",
        {"framework": framework.pk, "assessed_on": "2024-07-31", "title": "Uploaded", "file": good},
    )

    assert "Upload an Excel workbook (.xlsx)." in response.content.decode()
    assert "row 4, column B: “Q” is not a rating" in refused.content.decode()
    assert accepted.status_code == 302
    assert SelfAssessment.objects.filter(title="Uploaded").exists()


def test_overlong_cells_are_named_not_a_database_error(db):
    book = framework_workbook(
        [(3, "VERY-LONG-CODE", "Good", "", "#00703c", "yes", "no")],
        [("A", "Access", "A1", "People can reach the service.")],
    )

    with pytest.raises(SheetErrors) as raised:
        import_framework(book)

    assert raised.value.errors == [
        "Sheet “Scale”, row 2, column B: “VERY-LONG-CODE…” is longer than 10 characters"
    ]
    assert not Framework.objects.exists()
