"""Workbooks as an attacker or a damaged disk would make them, for the import tests and bench."""

import io
import zipfile

from openpyxl import Workbook

SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"
SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook_bytes(rows=(("Standard", "C/PC", "Notes"),), title="Sheet1") -> bytes:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(data: bytes, name: str, content: bytes | None = None, size: int | None = None):
    """The workbook with one part replaced (or added): by `content`, or by `size` bytes of
    repeated XML text that compresses to almost nothing."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as part:
            if content is not None:
                part.write(content)
            else:
                _write_repeated(part, size)
    return buffer.getvalue()


def _write_repeated(part, size: int) -> None:
    head = f'<sst xmlns="{SPREADSHEET_NS}" count="1" uniqueCount="1"><si><t>'.encode()
    tail = b"</t></si></sst>"
    part.write(head)
    block = b"a" * (1024 * 1024)
    left = size - len(head) - len(tail)
    while left > 0:
        part.write(block[: min(left, len(block))])
        left -= len(block)
    part.write(tail)


def huge_dimension() -> bytes:
    """4.9 KB that declares a cell at XFD1048576: a million rows of 16,384 columns."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SPREADSHEET_NS}">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Standard</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return with_part(workbook_bytes(), SHEET_PART, sheet)


def rows_beyond_the_limit(rows: int) -> bytes:
    """A sheet without a dimension whose rows simply go on."""
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, rows + 1))
    sheet = f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>{body}</sheetData></worksheet>'
    return with_part(workbook_bytes(), SHEET_PART, sheet.encode())


def shared_strings_bomb(size: int) -> bytes:
    """A small file whose shared strings unpack to `size` bytes."""
    return with_part(workbook_bytes(), STRINGS_PART, size=size)


def not_utf8(data: bytes | None = None) -> bytes:
    """A workbook with a byte that is not UTF-8 inside its sheet's XML."""
    data = data or workbook_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET_PART)
    damaged = sheet.replace(b"<sheetData>", b"<sheetData>\xff\xfe", 1)
    return with_part(data, SHEET_PART, damaged)


def with_doctype() -> bytes:
    """A sheet that declares entities (the "billion laughs" attack)."""
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>'
    ).encode()
    return with_part(workbook_bytes(), SHEET_PART, sheet)


def workbook_of_sheets(sheets: dict) -> bytes:
    """A workbook with the given sheets: {title: [row, ...]}."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


LARGEST = 4_999  # data rows under a heading row: a sheet at the 5,000-row limit


def largest_framework(code: str = "largest") -> bytes:
    """A framework at the limit: 4,999 standards in 50 sections, on the 2018 scale."""
    return workbook_of_sheets(
        {
            "Framework": [("code", code), ("name", "The largest framework"), ("version", "1")],
            "Scale": [
                ("position", "code", "label", "meaning", "colour", "counts as met",
                 "not yet rated"),
                (3, "C", "Compliant", "", "#00703c", "yes", "no"),
                (2, "P/C", "Partially compliant", "", "#8a4c00", "no", "no"),
                (0, "NYR", "Not yet rated", "", "#505a5f", "no", "yes"),
            ],
            "Standards": [
                ("section", "section title", "code", "wording"),
                *(
                    (str(n // 100 + 1), f"Section {n // 100 + 1}", f"{n // 100 + 1}.{n % 100 + 1}",
                     f"Standard {n}: " + "the service does what it should. " * 10)
                    for n in range(LARGEST)
                ),
            ],
        }
    )  # fmt: skip


def largest_assessment(title: str = "Largest") -> bytes:
    """A self-assessment of the largest framework: every standard rated, with notes."""
    rows = [(title, None, None), ("Standard", "C/PC", "Notes")]
    rows += [
        (f"{n // 100 + 1}.{n % 100 + 1} Standard {n}", "P/C", "Evidence noted. " * 40)
        for n in range(LARGEST - 1)
    ]
    return workbook_bytes(rows)


def rows_out_of_order() -> bytes:
    """Every row numbered 1: openpyxl would read them all, yielding none past the first."""
    body = '<row r="1"><c r="A1"><v>1</v></c></row>' * 3
    sheet = f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>{body}</sheetData></worksheet>'
    return with_part(workbook_bytes(), SHEET_PART, sheet.encode())


def many_styles(count: int = 25_000) -> bytes:
    """A style sheet of `count` cell formats: slow for openpyxl to read, in a small file."""
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    styles = (
        f'<styleSheet xmlns="{SPREADSHEET_NS}"><fonts count="1"><font/></fonts>'
        f'<cellXfs count="{count}">{xf * count}</cellXfs></styleSheet>'
    )
    return with_part(workbook_bytes(), "xl/styles.xml", styles.encode())


def many_strings(count: int = 300_000) -> bytes:
    """Shared strings of `count` one-letter strings: small, but many elements to parse."""
    strings = f'<sst xmlns="{SPREADSHEET_NS}">{"<si><t>a</t></si>" * count}</sst>'
    return with_part(workbook_bytes(), STRINGS_PART, strings.encode())


def sheet_named_in_capitals() -> bytes:
    """The sheet's part renamed to ".XML" (its relation too), declaring a million rows."""
    data = huge_dimension()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename).replace(b"sheet1.xml", b"sheet1.XML")
            target.writestr(item.filename.replace("sheet1.xml", "sheet1.XML"), content)
    return buffer.getvalue()


def most_elements_accepted() -> bytes:
    """The costliest sheet the checks let through: 5,000 rows of 49 numbers (495,000
    elements, under the 500,000 allowed): what the slowest accepted upload parses."""
    from openpyxl.utils import get_column_letter

    columns = [get_column_letter(n) for n in range(1, 50)]
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in columns) + "</row>"
        for r in range(1, 5001)
    )
    sheet = f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>{rows}</sheetData></worksheet>'
    return with_part(workbook_bytes(), SHEET_PART, sheet.encode())
