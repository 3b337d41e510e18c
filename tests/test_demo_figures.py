"""`load_demo` loads the built-in measures and the 2021-22 annual report's figures, through the
figures upload: the tables the report prints come back out of them, number for number."""

import datetime
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from wagtail_minimum_standards.figures.book import Book
from wagtail_minimum_standards.figures.models import Figure, Measure, ReportingYear
from wagtail_minimum_standards.figures.tables import period_table, year_tables


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def years() -> dict:
    return {y.label: y for y in ReportingYear.objects.all()}


def texts(table) -> dict:
    return {row.label: row.with_last_year() for row in table.rows if not row.is_breakdown}


def test_the_demo_has_the_reports_table_1(demo):
    book = Book.for_years(list(ReportingYear.objects.all()))
    referrals = Measure.objects.get(key="new-referrals")
    table = period_table(book, referrals, [years()["2020-21"], years()["2021-22"]])
    assert table.headings == ["Term 1", "Term 2", "Term 3", "Term 4", "Term 5", "Term 6"]
    assert [(year.label, values) for year, values in table.texts()] == [
        ("2020-21", ["98", "79", "47", "72", "80", "71"]),
        ("2021-22", ["131", "106", "135", "118", "86", "103"]),
    ]


def test_the_demo_has_table_2_with_last_year_in_brackets_and_the_target(demo):
    book = Book.for_years(list(ReportingYear.objects.all()))
    tables = {t.heading: t for t in year_tables(book, years()["2021-22"])}
    table_2 = tables["Table 2"]
    shown = {row.label: row.with_last_year() for row in table_2.rows}
    assert shown["Caseload (Families)"] == "493 (430)"
    assert shown["Quick calls"] == "98 (85)"
    assert shown["Professionals"] == "96 (58)"
    assert shown["Parent Champions - parents contacted at group events & individually"] == "7 (8)"
    assert shown["Families provided with information, advice and support"] == "771 (636)"
    families = next(r for r in table_2.rows if r.measure.key == "families-supported")
    assert families.met_target is True  # the SLA's 500 families
    assert shown["SENCO Conference"] == "50" and shown["Step-By-Step"] == "18"
    outreach = next(r for r in table_2.rows if r.label == "Outreach - professionals")
    assert outreach.this_year == 136  # the events' counts, summed


def test_the_demo_has_table_3_whose_totals_are_the_reports(demo):
    book = Book.for_years(list(ReportingYear.objects.all()))
    for label, total in (("2019-20", 493), ("2020-21", 430), ("2021-22", 493)):
        year = years()[label]
        for key in ("cyp-by-gender", "cyp-by-send"):
            assert book.year_value(Measure.objects.get(key=key), year) == total, (key, label)
    phase = Measure.objects.get(key="cyp-by-phase")
    # The report's own school phases: 2019-20's add up to 490, as printed.
    assert [book.year_value(phase, years()[y]) for y in ("2019-20", "2020-21", "2021-22")] == [
        490,
        430,
        493,
    ]
    tables = {t.heading: t for t in year_tables(book, years()["2021-22"])}
    shown = {(r.measure.key, r.label): r.with_last_year() for r in tables["Table 3"].rows}
    assert shown[("cyp-by-gender", "Boys")] == "238 (259)"
    assert shown[("cyp-by-phase", "Post-19")] == "4 (21)"
    assert shown[("exclusions", "Exclusions")] == "48 (32)"


def test_the_demo_has_table_5_and_the_contact_routes(demo):
    book = Book.for_years(list(ReportingYear.objects.all()))
    needs = Measure.objects.get(key="needs")
    autism = needs.breakdown.values.get(label="Autistic Spectrum Disorder")
    trend = book.trend(needs, autism)  # later years hold only the demo feedback's counts
    assert [value for year, value in trend if year.label <= "2021-22"][-3:] == [163, 176, 212]
    routes = Measure.objects.get(key="contact-routes")
    by_route = {
        v.label: book.year_value(routes, years()["2021-22"], v)
        for v in routes.breakdown.values.all()
    }
    assert by_route == {
        "Web form": 60, "Voice mail": 128, "Text": 17, "Telephone": 54, "Social Media": 3,
        "Outreach": 3, "Meeting": 2, "Face to Face": 5, "Email": 172,
    }  # fmt: skip


def test_loading_the_demo_again_changes_no_figure(demo):
    figures, history = Figure.objects.count(), Figure.history.count()
    call_command("load_demo", stdout=StringIO())
    assert (Figure.objects.count(), Figure.history.count()) == (figures, history)


def test_the_demo_loads_again_once_a_years_report_is_approved(demo):
    years()["2021-22"].approve(datetime.date(2022, 10, 12))
    figures = {(f.pk, f.value) for f in Figure.objects.all()}
    call_command("load_demo", stdout=StringIO())
    assert {(f.pk, f.value) for f in Figure.objects.all()} == figures


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_the_demos_2021_22_annual_report_holds_tables_1_to_3_the_charts_and_both_appendices(
    demo, tmp_path
):
    """Issue 22's "done when": the demo's report, as the Service manager downloads it, holds
    the seed report's Tables 1 to 3, its charts (with alt text) and Appendices 3 and 4, and
    LibreOffice opens it (where soffice is installed: CI installs it)."""
    import io
    import subprocess

    from docx import Document

    from wagtail_minimum_standards.plans.annual_report import annual_report_docx
    from wagtail_minimum_standards.plans.models import AnnualReport

    report = AnnualReport.objects.get(year=years()["2021-22"])
    assert report.assessment is not None and report.plan is not None
    data = annual_report_docx(report)
    document = Document(io.BytesIO(data))
    cells = [
        " ".join(cell.text.split())
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]
    # Table 1, both years' terms
    for value in ["131", "106", "135", "118", "86", "103", "98", "79", "47", "72", "80", "71"]:
        assert value in cells, value
    # Table 2, last year in brackets
    for value in ["493 (430)*", "98 (85)", "96 (58)", "7 (8)", "771 (636)*"]:
        assert any(cell.startswith(value.rstrip("*")) for cell in cells), value
    # Table 3, this year with last year's
    for value in ["238 (259)", "137 (158)", "118 (13)", "196 (162)", "490 (427)", "48 (32)"]:
        assert value in cells, value
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Appendix 3" in text and "Appendix 4" in text
    pictures = document.inline_shapes
    assert len(pictures) >= 1
    assert all(shape._inline.docPr.get("descr") for shape in pictures)
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: Debian's libreoffice-writer-nogui")
    source = tmp_path / "report.docx"
    source.write_bytes(data)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    from pypdf import PdfReader

    pages = [
        " ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "report.pdf").pages
    ]
    assert len(pages) >= 5
    assert "493 (430)" in " ".join(pages)
