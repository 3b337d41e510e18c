"""The annual report: the narrative the manager writes for a year, locked with the year's figures
once the Advisory Group approves it, and the Word document: title page, narrative, Performance
monitoring (Tables 1 to 3 with last year in brackets, the target, charts with alt text),
Appendix 3 and Appendix 4."""

import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from wagtail_minimum_standards.figures.models import YearLocked
from wagtail_minimum_standards.plans.annual_report import annual_report_docx
from wagtail_minimum_standards.plans.models import AnnualReport, AnnualReportSection

from .figure_factories import BreakdownListFactory, MeasureFactory, figure, year

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def seed_figures(db):
    """The 2021-22 report's Tables 1 to 3 (part), with 2020-21 to compare."""
    last, this = year(2020), year(2021)
    referrals = MeasureFactory(
        key="new-referrals", name="New referrals", unit="referrals", period="term", group="Table 1"
    )
    for term, (before, now) in enumerate(
        zip([98, 79, 47, 72, 80, 71], [131, 106, 135, 118, 86, 103], strict=True), start=1
    ):
        figure(referrals, last, before, period=term)
        figure(referrals, this, now, period=term)
    caseload = MeasureFactory(
        key="families-supported",
        name="Caseload",
        definition="Families the service supported in the year.",
        target=500,
        group="Table 2",
    )
    figure(caseload, last, 430)
    figure(caseload, this, 493)
    quick_calls = MeasureFactory(
        key="quick-calls", name="Quick calls", unit="calls", group="Table 2"
    )
    figure(quick_calls, last, 210)
    figure(quick_calls, this, 250)
    gender = BreakdownListFactory(key="gender", name="Gender", labels=["Boys", "Girls", "Unknown"])
    by_gender = MeasureFactory(
        key="cyp-by-gender",
        name="Children and young people by gender",
        unit="children and young people",
        breakdown=gender,
        group="Table 3",
    )
    for label, before, now in [("Boys", 260, 301), ("Girls", 150, 172), ("Unknown", 20, 20)]:
        figure(by_gender, last, before, label=label)
        figure(by_gender, this, now, label=label)
    return this


@pytest.fixture
def report(seed_figures, assessment, plan):
    report = AnnualReport.start(seed_figures)
    report.title = "SEND Partnership Service Annual Report 2021 – 2022"
    report.assessment, report.plan = assessment, plan
    report.save()
    introduction = report.sections.get(heading="Introduction")
    introduction.text = "A year of growth.\n\nReferrals rose in every term."
    introduction.save()
    return report


def cell_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_new_report_has_the_default_headings_and_title(seed_figures):
    report = AnnualReport.start(seed_figures)
    assert report.title == "Annual Report 2021 – 2022"
    assert [s.heading for s in report.sections_in_order()] == [
        "Introduction",
        "Key achievements",
        "Challenges",
        "Plans for next year",
    ]
    assert AnnualReport.start(seed_figures) == report  # one a year
    # charted: each measure with a table of its own, and each with a target
    assert {m.key for m in report.charts.all()} == {
        "new-referrals",
        "families-supported",
        "cyp-by-gender",
    }


def test_the_document_holds_the_narrative_the_tables_the_charts_and_both_appendices(report):
    document = Document(io.BytesIO(annual_report_docx(report)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "SEND Partnership Service Annual Report 2021 – 2022"
    assert "Draft: not yet approved by the Advisory Group." in paragraphs
    assert paragraphs.index("Introduction") < paragraphs.index("Referrals rose in every term.")
    assert paragraphs.index("Key achievements") < paragraphs.index("Performance monitoring")
    assert "(Comparative figures for 2020-21 in brackets)" in paragraphs
    assert "* Target: 500 families a year: not met." in paragraphs
    assert "Caseload: Families the service supported in the year." in paragraphs

    tables = [cell_texts(t) for t in document.tables]
    table_1 = next(t for t in tables if t[0][0] == "" and t[1][0] == "New referrals")
    assert table_1[0][1] == "2021-22 (2020-21)"
    assert table_1[1][1:] == ["679 (447)", "+232 (+51.9 %)"]
    periods_1 = next(t for t in tables if t[0][:2] == ["Year", "Term 1"])
    assert periods_1[0][-1] == "Whole year"
    assert periods_1[1:] == [
        ["2020-21", "98", "79", "47", "72", "80", "71", "447"],
        ["2021-22", "131", "106", "135", "118", "86", "103", "679"],
    ]
    table_2 = next(t for t in tables if t[1][0] == "Caseload")
    assert table_2[1][1:] == ["493 (430)*", "+63 (+14.7 %)"]
    assert table_2[2][:2] == ["Quick calls", "250 (210)"]
    table_3 = next(t for t in tables if t[1][0] == "Children and young people by gender")
    assert table_3[1][1] == "493 (430)"
    assert [row[:2] for row in table_3[2:]] == [
        ["    Boys", "301 (260)"],
        ["    Girls", "172 (150)"],
        ["    Unknown", "20 (20)"],
    ]

    pictures = document.inline_shapes
    descriptions = [p._inline.docPr.get("descr") for p in pictures]
    assert (
        "Children and young people by gender, in children and young people. "
        "2020-21: Boys (260), Girls (150), Unknown (20); "
        "2021-22: Boys (301), Girls (172), Unknown (20)." in descriptions
    )
    assert any(
        d.startswith("New referrals, in referrals. 2020-21: Term 1 (98)") for d in descriptions
    )
    assert any(d.startswith("Caseload, year by year") for d in descriptions)  # the target's trend
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(pictures) == 3
    assert captions[0].startswith("Chart 1: ")
    for picture in pictures:  # PNG images, in the document itself
        blip = picture._inline.graphic.graphicData.pic.blipFill.blip
        part = document.part.related_parts[blip.get(qn("r:embed"))]
        assert part.content_type == "image/png" and part.blob[:4] == b"\x89PNG"

    appendix_3 = next(t for t in tables if t[0][0] == "Standard")
    assert appendix_3[0][1:] == [report.assessment.framework.rating_heading, "Notes"]
    row_1_7 = next(row for row in appendix_3 if row[0].startswith("1.7 "))
    assert row_1_7[1:] == ["P/C", "Answerphone out of hours only."]
    appendix_4 = next(
        t for t in tables if "Recruit two parent members to the Advisory Group" in sum(t, [])
    )
    assert appendix_4[0] == [c.heading for c in report.plan.columns.all()]
    assert "Appendix 3: the self-assessment" in paragraphs
    assert "Appendix 4: the delivery plan" in paragraphs
    assert document.sections[-1].page_width > document.sections[-1].page_height  # landscape


def test_approving_the_report_locks_the_narrative_and_the_figures_until_the_year_is_unlocked(
    report, meetings
):
    year = report.year
    year.approve(meetings[0].date, meetings[0])
    report.refresh_from_db()
    report.title = "Changed afterwards"
    with pytest.raises(YearLocked):
        report.save()
    section = report.sections.first()
    section.text = "Changed afterwards"
    with pytest.raises(YearLocked):
        section.save()
    with pytest.raises(YearLocked):
        AnnualReportSection.objects.create(report=report, heading="Late", sort_order=9)
    report.refresh_from_db()
    document = Document(io.BytesIO(annual_report_docx(report)))
    assert "Approved by the Advisory Group at Autumn (9 October 2024)." in [
        p.text for p in document.paragraphs
    ]

    year.unlock("A figure was wrong")
    report.title = "Changed afterwards"
    report.save()  # open again
    assert report.history.first().title == "Changed afterwards"


def test_the_build_reads_the_same_number_of_queries_however_many_measures(report):
    with CaptureQueriesContext(connection) as few:
        annual_report_docx(report)
    values = BreakdownListFactory(key="ten", name="Ten", labels=[f"Value {n}" for n in range(10)])
    for n in range(6):
        measure = MeasureFactory(key=f"more-{n}", breakdown=values, group=f"Table {n}")
        figure(measure, report.year, 5, label="Value 3")
        figure(measure, year(2020), 4, label="Value 3")
    with CaptureQueriesContext(connection) as more:
        annual_report_docx(report)
    assert len(more) == len(few)


def urls(year_pk):
    """Every annual report URL, and whether it changes anything (a POST)."""
    return [
        (reverse("minimum_standards_plans_annual_reports"), "get"),
        (reverse("minimum_standards_plans_annual_report", args=[year_pk]), "get"),
        (reverse("minimum_standards_plans_annual_report_word", args=[year_pk]), "get"),
        (reverse("minimum_standards_plans_annual_report_write", args=[year_pk]), "post"),
        (reverse("minimum_standards_plans_annual_report_approve", args=[year_pk]), "get"),
    ]


def test_the_public_never_reaches_an_annual_report(client, report):
    for url, method in urls(report.year_id):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_advisory_group_reads_and_downloads_but_writes_and_approves_nothing(
    client, reader, report
):
    client.force_login(reader)
    allowed, refused = urls(report.year_id)[:3], urls(report.year_id)[3:]
    for url, _method in allowed:
        assert client.get(url).status_code == 200, url
    for url, method in refused:  # Wagtail's admin sends a refusal home, saying so
        response = getattr(client, method)(url)
        assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert not report.year.history.filter(history_change_reason="Annual report approved").exists()
    edit = reverse("minimum_standards_plans_annualreport_modeladmin_edit", args=[report.pk])
    assert client.get(edit).status_code in (302, 403)
    assert client.post(edit, {"title": "Mine"}).status_code in (302, 403)
    report.refresh_from_db()
    assert report.title == "SEND Partnership Service Annual Report 2021 – 2022"
    page = client.get(urls(report.year_id)[1][0]).content.decode()
    assert "Referrals rose in every term." in page
    assert "Approve the report" not in page and "Edit the narrative" not in page


def test_one_click_downloads_the_word_document(client, reader, report):
    client.force_login(reader)
    page = client.get(reverse("minimum_standards_plans_annual_report", args=[report.year_id]))
    download = reverse("minimum_standards_plans_annual_report_word", args=[report.year_id])
    assert f'href="{download}"' in page.content.decode()
    response = client.get(download)
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        'attachment; filename="send-partnership-service-annual-report-2021-2022.docx"'
    )
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "SEND Partnership Service Annual Report 2021 – 2022"


def test_the_manager_writes_renames_and_adds_sections_then_approves_and_the_year_locks(
    client, manager, report, meetings
):
    client.force_login(manager)
    year_url = reverse("minimum_standards_plans_annual_report", args=[report.year_id])
    write = client.post(
        reverse("minimum_standards_plans_annual_report_write", args=[report.year_id])
    )
    edit = reverse("minimum_standards_plans_annualreport_modeladmin_edit", args=[report.pk])
    assert write["Location"] == edit
    sections = report.sections_in_order()
    data = {
        "title": "SEND Partnership Service Annual Report 2021 – 2022",
        "assessment": report.assessment_id,
        "plan": report.plan_id,
        "version": report.version,
        "sections-TOTAL_FORMS": len(sections) + 1,
        "sections-INITIAL_FORMS": len(sections),
        "sections-MIN_NUM_FORMS": 0,
        "sections-MAX_NUM_FORMS": 1000,
    }
    for n, section in enumerate(sections):
        data |= {
            f"sections-{n}-id": section.pk,
            f"sections-{n}-heading": section.heading,
            f"sections-{n}-text": section.text,
            f"sections-{n}-ORDER": 2 * n + 1,
            f"sections-{n}-DELETE": "",
        }
    data["sections-3-heading"] = "Next year"  # renamed
    data["sections-2-DELETE"] = "1"  # "Challenges" removed
    new = len(sections)
    data |= {
        f"sections-{new}-id": "",
        f"sections-{new}-heading": "Thanks",
        f"sections-{new}-text": "To our volunteers.",
        f"sections-{new}-ORDER": 2,  # after the introduction
        f"sections-{new}-DELETE": "",
    }
    data["charts"] = [report.charts.get(key="cyp-by-gender").pk]  # one chart only
    response = client.post(edit, data)
    assert response.status_code == 302 and response["Location"] == year_url, response.content[:3000]
    report.refresh_from_db()
    assert [s.heading for s in report.sections_in_order()] == [
        "Introduction",
        "Thanks",
        "Key achievements",
        "Next year",
    ]
    assert report.sections.model.history.filter(heading="Challenges", history_type="-").exists()
    document = Document(io.BytesIO(client.get(f"{year_url[:-1]}.docx").content))
    assert [p._inline.docPr.get("title") for p in document.inline_shapes] == [
        "Children and young people by gender"
    ]

    approve = reverse("minimum_standards_plans_annual_report_approve", args=[report.year_id])
    form = client.get(approve)
    assert form.status_code == 200
    versions = form.context["form"]["versions"].value()
    response = client.post(approve, {"meeting": meetings[1].pk, "versions": versions})
    assert response.status_code == 302
    report.year.refresh_from_db()
    assert report.year.is_locked and report.year.approved_at == meetings[1]
    assert report.year.approved_on == meetings[1].date
    page = client.get(year_url, follow=True).content.decode()
    assert "Approved at Winter" in page or "approved at Winter" in page
    assert "Edit the narrative" not in page

    refused = client.get(edit, follow=True)
    assert refused.redirect_chain[-1][0] == year_url
    assert "its narrative and figures are locked" in refused.content.decode()
    data["title"] = "Changed after approval"
    client.post(edit, data)
    report.refresh_from_db()
    assert report.title == "SEND Partnership Service Annual Report 2021 – 2022"
    again = client.post(approve, {"meeting": meetings[0].pk}, follow=True)
    assert "its narrative and figures are locked" in again.content.decode()
    report.year.refresh_from_db()
    assert report.year.approved_at == meetings[1]


def test_a_form_drawn_before_the_year_was_approved_is_refused(client, manager, report, meetings):
    client.force_login(manager)
    approve = reverse("minimum_standards_plans_annual_report_approve", args=[report.year_id])
    versions = client.get(approve).context["form"]["versions"].value()
    report.year.approve(meetings[0].date, meetings[0])
    report.year.unlock("One figure was wrong")  # open again, but not as the form saw it
    response = client.post(approve, {"meeting": meetings[1].pk, "versions": versions})
    assert response.status_code == 200
    assert "changed after you opened this form" in response.content.decode()
    report.year.refresh_from_db()
    assert not report.year.is_locked


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: Debian's libreoffice-writer-nogui (CI has it)",
)
def test_libreoffice_opens_the_document_and_prints_every_part(report, tmp_path):
    PdfReader = pytest.importorskip("pypdf").PdfReader  # the project's dev dependency

    source = tmp_path / "annual-report.docx"
    source.write_bytes(annual_report_docx(report))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",  # its own: others may run one
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = PdfReader(tmp_path / "annual-report.pdf")
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]  # lines rejoined
    assert len(pages) >= 5  # title page, narrative and figures, Appendix 3, Appendix 4
    assert "SEND Partnership Service Annual Report 2021 – 2022" in pages[0]
    assert "Introduction" not in pages[0]  # the title page stands alone
    assert "Introduction" in pages[1] and "Referrals rose in every term." in pages[1]
    everything = "\n".join(pages)
    for text in [
        "Performance monitoring",
        "(Comparative figures for 2020-21 in brackets)",
        "493 (430)*",
        "679 (447)",
        "Chart 1:",
        "Appendix 3: the self-assessment",
        "Answerphone out of hours only.",
    ]:
        assert text in everything, text
    appendix_4 = next(n for n, page in enumerate(pages) if "Appendix 4: the delivery plan" in page)
    assert appendix_4 > next(n for n, p in enumerate(pages) if "Appendix 3: the self" in p)
    assert "Recruit two parent members" in "\n".join(pages[appendix_4:])
    box = pdf.pages[appendix_4].mediabox
    assert box.width > box.height  # the plan's page is landscape
    first = pdf.pages[0].mediabox
    assert first.height > first.width
    assert len({image.name for page in pdf.pages for image in page.images}) == 3  # the charts
