"""The annual report as a Word document: the title page; the narrative under its headings;
"Performance monitoring", the year's tables of figures (this year with last year in brackets,
the target and whether it was met, a measure's periods by year) and their charts as images with
alt text; Appendix 3, the self-assessment as the spreadsheet export lays it out; Appendix 4, the
delivery plan in its own columns.

The figures of every measure and of up to ten years are read in one query (figures.book.Book),
so the queries do not grow with the number of measures."""

import io
from itertools import count

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from wagtail_minimum_standards.compliance.reports import by_section, ratings_of
from wagtail_minimum_standards.compliance.spreadsheets.assessments import standard_text
from wagtail_minimum_standards.compliance.spreadsheets.cells import writable
from wagtail_minimum_standards.figures import charts, periods
from wagtail_minimum_standards.figures.book import Book, years_up_to
from wagtail_minimum_standards.figures.models import Measure
from wagtail_minimum_standards.figures.tables import number, period_table, year_tables

from .report_charts import WIDTH, chart_png
from .spreadsheets.export import plan_cells

TABLE_STYLE = "Table Grid"


def text(value) -> str:
    """Text a document can hold: any character it cannot shows as �."""
    return writable(str(value))


def _repeat_as_heading(row) -> None:
    """The row is the table's header: repeated on each page, and read as headers by screen
    readers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _bold(cell) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.bold = True


def _table(document, headings: list[str], rows: list[list[str]]):
    """A Word table: a header row, then the rows, every cell as text. Made whole at once and its
    cells listed once (python-docx works out a row's cells from the whole table each time)."""
    width = len(headings)
    table = document.add_table(rows=1 + len(rows), cols=width)
    table.style = TABLE_STYLE
    _repeat_as_heading(table.rows[0])
    cells = table._cells  # row by row, left to right
    for cell, heading in zip(cells[:width], headings, strict=True):
        cell.text = text(heading)
        _bold(cell)
    for n, values in enumerate(rows, start=1):
        for cell, value in zip(cells[n * width : (n + 1) * width], values, strict=True):
            cell.text = text(value)
    return table


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


class _Captions:
    def __init__(self):
        self.numbers = count(1)

    def chart(self, document, chart) -> None:
        """The chart as an image, its description as the image's alt text, then its caption."""
        document.add_paragraph().add_run().add_picture(
            io.BytesIO(chart_png(chart)), width=Inches(WIDTH)
        )
        picture = document.inline_shapes[-1]
        picture._inline.docPr.set("descr", text(chart.description))
        picture._inline.docPr.set("title", text(chart.title))
        document.add_paragraph(
            text(
                _("Chart %(number)d: %(title)s")
                % {"number": next(self.numbers), "title": chart.title}
            ),
            style="Caption",
        )


def _title_page(document, report) -> None:
    year = report.year
    document.add_paragraph(text(report.title), style="Title")
    document.add_paragraph(
        text(
            _("The reporting year %(year)s: %(start)s to %(end)s")
            % {
                "year": year.label,
                "start": date_format(year.starts_on, "j F Y"),
                "end": date_format(year.ends_on, "j F Y"),
            }
        )
    )
    if year.is_locked and year.approved_at_id:
        approved = _("Approved by the Advisory Group at %(meeting)s.") % {
            "meeting": year.approved_at
        }
    elif year.is_locked:
        approved = _("Approved by the Advisory Group on %(date)s.") % {
            "date": date_format(year.approved_on, "j F Y") if year.approved_on else "–"
        }
    else:
        approved = _("Draft: not yet approved by the Advisory Group.")
    document.add_paragraph(text(approved))
    _page_break(document)


def _narrative(document, report) -> None:
    for section in report.sections_in_order():
        document.add_heading(text(section.heading), level=1)
        for paragraph in section.paragraphs():
            document.add_paragraph(text(paragraph))


def _target_note(row) -> str:
    measure = row.measure
    words = _("met") if row.met_target else _("not met")
    return _("* Target: %(target)s %(unit)s a year: %(met)s.") % {
        "target": number(measure.target, measure.decimal_places),
        "unit": measure.unit,
        "met": words,
    }


def _performance(document, book: Book, year, charted: set, captions: _Captions) -> None:
    document.add_heading(_("Performance monitoring"), level=1)
    last_year = book.previous(year)
    if last_year is not None:
        document.add_paragraph(
            text(_("(Comparative figures for %(year)s in brackets)") % {"year": last_year.label})
        )
    years = book.years
    for table in year_tables(book, year):
        document.add_heading(text(table.heading), level=2)
        headings = [
            "",
            f"{year.label} ({last_year.label})" if last_year else year.label,
            _("Change"),
        ]
        rows, notes = [], []
        for row in table.rows:
            shown = row.with_last_year()
            if not row.is_breakdown and row.met_target is not None:
                shown += "*"
                notes.append(_target_note(row))
            label = f"    {row.label}" if row.is_breakdown else row.label
            rows.append([label, shown, row.change_text()])
        cells = _table(document, headings, rows)._cells
        for n, row in enumerate(table.rows, start=1):
            if not row.is_breakdown:
                _bold(cells[n * len(headings)])
        for note in notes:
            document.add_paragraph(text(note))
        measures = list(dict.fromkeys(row.measure for row in table.rows))
        for measure in measures:
            if measure.definition:
                document.add_paragraph(text(f"{measure.name}: {measure.definition}"))
        for measure in measures:
            if measure.period != periods.YEAR:
                _periods_table(document, book, measure, years)
            if measure.pk not in charted:
                continue
            chart = charts.against_last_year(book, measure, year)
            if chart is not None:
                captions.chart(document, chart)
            if measure.target is not None:
                trend = charts.trend(book, measure)
                if trend is not None:
                    captions.chart(document, trend)


def _periods_table(document, book, measure, years) -> None:
    shown = [y for y in years if book.has_figures(measure, y)][-3:]  # as Table 1: recent years
    if not shown:
        return
    table = period_table(book, measure, shown)
    by = _("by month") if measure.period == Measure.Period.MONTH else _("by term")
    document.add_paragraph(text(f"{measure.name}, {by}"), style="Heading 3")
    rows = [
        [y.label, *values, number(book.year_value(measure, y), measure.decimal_places)]
        for y, values in table.texts()
    ]
    _table(document, [_("Year"), *table.headings, _("Whole year")], rows)


def _appendix_3(document, assessment) -> None:
    document.add_heading(_("Appendix 3: the self-assessment"), level=1)
    if assessment is None:
        document.add_paragraph(_("No self-assessment is chosen for this report."))
        return
    document.add_paragraph(text(assessment.title), style="Heading 2")
    if not assessment.is_locked:
        document.add_paragraph(_("Draft: not yet ratified by the Advisory Group."))
    elif assessment.ratified_at_id:
        document.add_paragraph(
            text(_("Ratified at %(meeting)s.") % {"meeting": assessment.ratified_at})
        )
    headings = [_("Standard"), assessment.framework.rating_heading, _("Notes")]
    table = document.add_table(rows=1, cols=3)
    table.style = TABLE_STYLE
    _repeat_as_heading(table.rows[0])
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text(heading)
        _bold(cell)
    for section, ratings in by_section(ratings_of(assessment)):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[2])
        merged.text = text(f"{section.number}. {section.title}")
        _bold(merged)
        for rating in ratings:
            cells = table.add_row().cells
            cells[0].text = text(standard_text(rating.standard, set(rating.ticked_items)))
            cells[1].text = text(rating.level.code)
            cells[2].text = text(rating.evidence_notes)
            if rating.level.colour:
                _shade(cells[1], rating.level.colour)


def _appendix_4(document, plan) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)  # the plan's columns need the width
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(_("Appendix 4: the delivery plan"), level=1)
    if plan is None:
        document.add_paragraph(_("No delivery plan is chosen for this report."))
        return
    document.add_paragraph(text(plan.title), style="Heading 2")
    headings, rows = plan_cells(plan)
    if headings:
        _table(document, headings, rows)


def annual_report_docx(report) -> bytes:
    """The report as a Word document, from the year's figures and up to nine years before."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    year = report.year
    book = Book.for_years(years_up_to(year, 10))
    _title_page(document, report)
    _narrative(document, report)
    _performance(document, book, year, report.charted_ids(), _Captions())
    _page_break(document)
    _appendix_3(document, report.assessment)
    _appendix_4(document, report.plan)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
