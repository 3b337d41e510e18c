"""Bad input, many times: generated workbooks and enquiries are refused cleanly or taken whole.

Hypothesis makes hundreds of inputs for each spreadsheet importer, for the admin upload and for
the public enquiry form: odd Unicode (control characters, lone surrogates, U+FFFE and U+FFFF,
right-to-left overrides, emoji, combining marks), huge and empty cells, numbers, dates and
booleans where text belongs, whole rows of garbage, and truncated or garbled files. Whatever
the input:

- an importer returns what it made or raises SheetErrors, whose messages are readable text;
  the form and the admin answer without a server error or a traceback;
- nothing is half saved: a refusal leaves every table of the compliance and plans apps (and
  the enquiries) as it was; an acceptance adds exactly one object with its children.

openpyxl cannot write C0 control characters or lone surrogates into a cell, so cells carry them
in Excel's escaped form ("_x000B_"), which openpyxl 3.1 reads back as that literal text; raw,
they reach the importers inside a sheet's XML written here by hand (and the check before
parsing refuses them). Each example removes what it imported, so examples do not meet.
"""

import datetime
import functools
import io
import re
import unicodedata
import zipfile
from urllib.parse import urlencode
from xml.sax.saxutils import escape, quoteattr

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, event, given, note, reject, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from home.models import Enquiry, UsageCount
from wagtail_minimum_standards.compliance.models import ChecklistItem, SelfAssessment, Standard
from wagtail_minimum_standards.compliance.spreadsheets.assessments import import_assessment
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors, cell_text
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import (
    CHECKLIST_COLUMNS,
    SCALE_COLUMNS,
    STANDARD_COLUMNS,
    YES,
    import_framework,
)
from wagtail_minimum_standards.plans.models import PlanAction, PlanOutcome
from wagtail_minimum_standards.plans.spreadsheets import import_plan

from .test_enquiries import answers as valid_answers
from .workbook_files import SHEET_PART, SPREADSHEET_NS, with_part

MANY = settings(
    max_examples=200,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],  # no "explain": a failure shows all
    deadline=None,
    database=None,  # no example files written into the project
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # each example undoes what it saved
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# The 2018 Minimum Standards that `minimum_standards_demo` loads, and its scale.
CODES_2018 = [
    *(f"1.{n}" for n in range(1, 9)),
    *(f"2.{n}" for n in range(1, 4)),
    *(f"3.{n}" for n in range(1, 7)),
    *(f"4.{n}" for n in range(1, 4)),
]
LEVELS_2018 = ["C", "P/C", "NC", "NYR"]


# Values ----------------------------------------------------------------------------------

ODD_PIECES = [
    "\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f",  # C0 and C1 controls
    "\ud800", "\udfff", "\ufffe", "\uffff", "\U0010ffff",  # surrogates and non-characters
    "\u202e", "\u202d", "\u2067", "\u200f", "\u200b", "\ufeff",  # direction, zero width, BOM
    "e\u0301", "\u0301", "\u0e47\u0e47\u0e47",  # combining marks, with and without a base
    "😀", "👩\u200d👩\u200d👧", "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",
    "²", "٣", "①", "İ", "ß", "ﷺ", "\u00a0", "\u2028", "\t", "\n", "\r\n", " ",
    "=1+1", "@SUM(A1)", "-", "_x000B_", "<t>", "&amp;", "]]>", "1.1", "C", "P/C", "yes",
]  # fmt: skip
any_character = st.characters(codec=None, categories=None)  # surrogates and controls too
odd_piece = st.sampled_from(ODD_PIECES)
odd_text = st.lists(
    st.one_of(odd_piece, odd_piece, st.text(any_character, max_size=12)), max_size=6
).map("".join)
XML_FORBIDS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
xml_text = st.one_of(odd_text, odd_text.map(lambda text: XML_FORBIDS.sub("", text)))
digits_of_any_script = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=6)


def long_text(largest: int):
    """Text of up to `largest` characters: a piece repeated (drawing each would be slow)."""
    return st.builds(
        lambda piece, size: (piece * size)[:size],
        st.one_of(odd_piece, st.text(any_character, min_size=1, max_size=4)),
        st.integers(0, largest),
    )


text_values = st.one_of(
    odd_text, odd_text, st.just(""), st.sampled_from([" ", "\n", "\u00a0"]),
    digits_of_any_script, st.integers().map(str), long_text(40_000),
)  # fmt: skip
# Numbers at the edges: 32- and 64-bit limits, beyond them, fractions, negatives.
edge_numbers = st.sampled_from([0, -1, 0.5, -0.0, 2**31, 2**63, 10**20, 1e300, 1e-300])
cell_values = st.one_of(
    text_values,
    text_values,
    edge_numbers,
    st.integers(),
    st.floats(allow_nan=True),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.booleans(),
    st.none(),
)


# Workbooks -------------------------------------------------------------------------------

UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # openpyxl refuses these
NONCHARACTERS = re.compile("[\ufffe\uffff]")  # openpyxl writes these, XML forbids them
FRAMEWORK_CODE = "fuzz-framework"  # free again after each example: its framework is removed


def escaped(match) -> str:
    return f"_x{ord(match.group()):04X}_"


def for_a_cell(value, raw_noncharacters: bool):
    if not isinstance(value, str):
        return value
    value = UNWRITABLE.sub(escaped, value)
    return value if raw_noncharacters else NONCHARACTERS.sub(escaped, value)


def workbook(sheets: dict, raw_noncharacters: bool = False) -> bytes:
    """The sheets {title: rows} as .xlsx bytes, written by openpyxl as Excel would.

    What openpyxl refuses to write is not an input: the example is dropped."""
    book = Workbook()
    book.remove(book.active)
    buffer = io.BytesIO()
    try:
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append([for_a_cell(value, raw_noncharacters) for value in row])
        book.save(buffer)
    except (IllegalCharacterError, ValueError, TypeError, OverflowError) as error:
        event(f"openpyxl would not write it: {type(error).__name__}")
        reject()
    return buffer.getvalue()


@st.composite
def damaged(draw, sheets: dict, most: int = 4):
    """The sheets with some of their cells replaced by any value (none, a few or many), then
    up to `most` garbage rows put in, cells set beyond the rows, or a sheet taken away."""
    rate = draw(st.sampled_from([0, "one", 3, 10, 30]))  # percent of the cells replaced
    if rate == "one":  # one wrong value in an otherwise valid workbook
        title = draw(st.sampled_from(sorted(sheets)))
        rows = sheets[title] = [list(row) for row in sheets[title]]
        row = draw(st.sampled_from(rows[1:] or rows))
        row[draw(st.integers(0, len(row) - 1))] = draw(cell_values)
        rate = 0
    sheets = {
        title: [[draw(cell_values) if draw(st.integers(0, 99)) >= 100 - rate else value
                 for value in row] for row in rows]
        for title, rows in sheets.items()
    }  # fmt: skip
    for _ in range(draw(st.integers(0, most))):
        title = draw(st.sampled_from(sorted(sheets)))
        rows = sheets[title]
        kind = draw(st.sampled_from(["cell", "row", "empty row", "no sheet"]))
        if kind == "cell":
            number = draw(st.integers(0, len(rows)))
            column = draw(st.integers(0, 8))
            if number == len(rows):
                rows.append([])
            rows[number] += [None] * (column + 1 - len(rows[number]))
            rows[number][column] = draw(cell_values)
        elif kind == "row":
            rows.insert(draw(st.integers(0, len(rows))), draw(st.lists(cell_values, max_size=9)))
        elif kind == "empty row":
            rows.insert(draw(st.integers(0, len(rows))), [])
        elif len(sheets) > 1:
            del sheets[title]
    return sheets


SCALE = [
    (3, "C", "Compliant", "Meets it in full", "#00703c", "yes", "no"),
    (2, "P/C", "Partially compliant", "", "#8a4c00", "no", "no"),
    (1, "NC", "Not compliant", "", "#b10e1e", "no", "no"),
    (0, "NYR", "Not yet rated", "", "#505a5f", "no", "yes"),
]
SECTIONS = {"1": "Access", "2": "Quality of advice", "A": "Annex"}


@st.composite
def framework_sheets(draw):
    """The documented template, valid, then damaged."""
    levels = draw(st.lists(st.sampled_from(SCALE), min_size=1, max_size=4, unique=True))
    standards = []
    for number in draw(st.lists(st.sampled_from(sorted(SECTIONS)), min_size=1, max_size=5)):
        code = f"{number}.{sum(row[0] == number for row in standards) + 1}"
        standards.append((number, SECTIONS[number], code, f"Standard {code}: it is done well."))
    checklist = [
        (draw(st.sampled_from([row[2] for row in standards])), f"Evidence {n}", check)
        for n, check in enumerate(
            draw(st.lists(st.sampled_from(["", "opening-hours", "signposting"]), max_size=3))
        )
    ]
    sheets = {
        "Framework": [
            ("code", FRAMEWORK_CODE),
            ("name", "Quality framework"),
            ("version", "2025"),
            ("source", "Generated"),
            ("rating heading", "Score"),
        ],
        "Scale": [SCALE_COLUMNS, *levels],
        "Standards": [STANDARD_COLUMNS, *standards],
    }
    if draw(st.booleans()):
        sheets["Checklist"] = [CHECKLIST_COLUMNS, *checklist]
    return draw(damaged(sheets))


@st.composite
def assessment_sheets(draw):
    """Appendix 3's layout for the 2018 standards, valid, then damaged."""
    rows = [["Self-assessment 2024"], ["Standard", "C/PC", "Notes"]]
    section = None
    for code in draw(st.lists(st.sampled_from(CODES_2018), unique=True, max_size=8)):
        if code.split(".")[0] != section:
            section = code.split(".")[0]
            rows.append([f"{section}. Section {section}"])
        level = draw(st.sampled_from([*LEVELS_2018, "c", " p/c "]))
        rows.append([f"{code} The standard's wording", level, draw(st.sampled_from(["", "Met."]))])
    return draw(damaged({"Self-assessment": rows}))


PLAN_HEADINGS = [
    "Area of work (link to Standard)",
    "Task objective",
    "Action",
    "Outcome",
    "Who?",
    "Timescale",
    "Actual Completion",
]
TIMESCALES = ["Summer 2023", "Apr 2022", "12/01/2023", "Sept 2022 - July 2023", "ongoing", "2024",
              "31/02/2023", "Q1 2023", ""]  # fmt: skip
STATUSES = ["", "Not started", "On track", "at risk", "Complete"]


@st.composite
def plan_sheets(draw):
    """Appendix 4's layout, valid for the 2018 framework, then damaged."""
    status_column = draw(st.booleans())
    rows = [["Delivery plan 2024"], PLAN_HEADINGS + (["Status"] if status_column else [])]
    for n in range(draw(st.integers(0, 4))):
        codes = draw(st.lists(st.sampled_from(CODES_2018), max_size=2))
        area = f"Area {n} ({' and '.join(codes)})" if codes else f"Area {n}"
        row = [area, f"Objective {n}", "1. Review it\n2. Agree it", "1. Better", "Manager",
               draw(st.sampled_from(TIMESCALES)), ""]  # fmt: skip
        rows.append(row + ([draw(st.sampled_from(STATUSES))] if status_column else []))
    return draw(damaged({"Delivery plan": rows}))


# Structural damage to a whole file.


@st.composite
def sheet_xml(draw) -> bytes:
    """A worksheet part written by hand: odd attributes, cell types and values, any characters."""
    numbers = st.one_of(
        st.integers(-5, 6_000).map(str), digits_of_any_script, xml_text, st.sampled_from(["", "0"])
    )
    refs = st.one_of(
        st.sampled_from(["A1", "B2", "$C$3", "ax5000", "AY1", "XFD1048576", "A0", "1A", ""]),
        st.builds("{}{}".format, st.sampled_from(["A", "Z", "zz"]), numbers),
        xml_text,
    )
    types = st.sampled_from(["n", "s", "str", "inlineStr", "b", "e", "d", "", "x"])
    body = []
    for _ in range(draw(st.integers(0, 5))):
        cells = []
        for _ in range(draw(st.integers(0, 4))):
            value = escape(draw(st.one_of(xml_text, numbers)))
            kind = draw(types)
            content = f"<is><t>{value}</t></is>" if kind == "inlineStr" else f"<v>{value}</v>"
            cells.append(f"<c r={quoteattr(draw(refs))} t={quoteattr(kind)}>{content}</c>")
        body.append(f"<row r={quoteattr(draw(numbers))}>{''.join(cells)}</row>")
    dimension = f"<dimension ref={quoteattr(draw(refs))}/>" if draw(st.booleans()) else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SPREADSHEET_NS}">'
        f"{dimension}<sheetData>{''.join(body)}</sheetData></worksheet>"
    )
    return xml.encode("utf-8", "surrogatepass")


# Where the fields of a zip's headers lie: (signature, {field: (offset, size)}).
ZIP_HEADERS = {
    "local": (b"PK\x03\x04", {"version": (4, 2), "flags": (6, 2), "method": (8, 2),
                                "crc": (14, 4), "compressed": (18, 4), "size": (22, 4),
                                "name length": (26, 2), "extra length": (28, 2)}),
    "central": (b"PK\x01\x02", {"made by": (4, 2), "version": (6, 2), "flags": (8, 2),
                                  "method": (10, 2), "crc": (16, 4), "compressed": (20, 4),
                                  "size": (24, 4), "name length": (28, 2),
                                  "extra length": (30, 2), "comment length": (32, 2),
                                  "offset": (42, 4)}),
    "end": (b"PK\x05\x06", {"disk": (4, 2), "entries here": (8, 2), "entries": (10, 2),
                              "directory size": (12, 4), "directory offset": (16, 4),
                              "comment length": (20, 2)}),
}  # fmt: skip


@st.composite
def zip_field(draw):
    """One field of one of the zip's headers set to any value: a version, a size, an offset."""
    header = draw(st.sampled_from(sorted(ZIP_HEADERS)))
    field = draw(st.sampled_from(sorted(ZIP_HEADERS[header][1])))
    size = ZIP_HEADERS[header][1][field][1]
    largest = 256**size - 1
    value = draw(
        st.one_of(
            st.integers(0, largest),
            st.sampled_from([0, 1, 20, 45, 63, 64, 99, largest, largest // 2 + 1]),
        )
    )
    return ("zip field", header, draw(st.integers(0, 30)), field, value)


@st.composite
def structural_damage(draw):
    """What a damaged disk, a half-finished download or an attacker does to a whole file."""
    kinds = ["none", "truncated", "bytes", "zip field", "zip field", "part", "sheet xml"]
    kind = draw(st.sampled_from(kinds))
    if kind == "truncated":
        return ("truncated", draw(st.integers(0, 20_000)))
    if kind == "bytes":  # counted from the end too: that is where the zip's directory is
        places = st.tuples(st.integers(-2_000, 20_000), st.integers(0, 255))
        return ("bytes", draw(st.lists(places, min_size=1, max_size=4)))
    if kind == "zip field":
        return draw(zip_field())
    if kind == "part":
        content = draw(
            st.one_of(
                st.binary(max_size=300),
                xml_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
                st.sampled_from([b"", b"<", b"<?xml version='1.0'?>", b"<a><b></a>"]),
            )
        )
        return ("part", draw(st.integers(0, 50)), content)
    if kind == "sheet xml":
        return ("sheet xml", draw(sheet_xml()))
    return ("none",)


def damage_file(data: bytes, damage) -> bytes:
    kind = damage[0]
    if kind == "truncated":
        return data[: damage[1] % (len(data) + 1)]
    if kind == "bytes":
        damaged_data = bytearray(data)
        for position, value in damage[1]:
            damaged_data[position % len(data)] = value
        return bytes(damaged_data)
    if kind == "zip field":
        _, header, which, field, value = damage
        signature, fields = ZIP_HEADERS[header]
        starts = [found.start() for found in re.finditer(re.escape(signature), data)]
        offset, size = fields[field]
        at = starts[which % len(starts)] + offset
        return data[:at] + value.to_bytes(size, "little") + data[at + size :]
    if kind == "part":
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        return with_part(data, names[damage[1] % len(names)], damage[2])
    if kind == "sheet xml":
        return with_part(data, SHEET_PART, damage[1])
    return data


# Counting every table --------------------------------------------------------------------


def all_models():
    """Every model of the compliance and plans apps (with history and many-to-many tables)."""
    return [
        model
        for app in ("minimum_standards", "minimum_standards_plans")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]


def table_counts(models) -> dict:
    return {model._meta.label: model._base_manager.count() for model in models}


def changes(before: dict, after: dict) -> dict:
    return {
        label: after[label] - before[label] for label in before if after[label] != before[label]
    }


def history_of(label: str) -> str:
    return label.replace(".Historical", ".", 1)


def assert_readable(refusal: SheetErrors) -> None:
    assert refusal.errors
    for message in [*refusal.errors, str(refusal)]:
        assert isinstance(message, str) and message.strip()
        assert "Traceback" not in message


def all_or_nothing(run, owned, removed, sheet_says=None):
    """Run an import: a refusal changes no table; an acceptance adds one object and children.

    `owned(created)` counts the children the created object owns, by model label;
    `sheet_says` is what the workbook, read independently, says they should be; `removed`
    deletes what was created so that the next example starts from the same tables.
    """
    models = all_models()
    before = table_counts(models)
    created = None
    try:
        created = run()
    except SheetErrors as refusal:
        event("refused")
        assert_readable(refusal)
        assert changes(before, table_counts(models)) == {}, "a refused import saved something"
        return None
    except Exception:
        try:
            note(f"tables changed by the failed import: {changes(before, table_counts(models))}")
        except Exception as error:  # the database itself may be the trouble
            note(f"could not count the tables: {error!r}")
        raise
    else:
        event("accepted")
        made = changes(before, table_counts(models))
        expected = {label: n for label, n in owned(created).items() if n}
        plain = {label: n for label, n in made.items() if ".Historical" not in label}
        assert plain == expected, "an accepted import saved more, or less, than one object"
        assert all(history_of(label) in expected for label in made if label not in plain)
        if sheet_says is not None:
            assert expected == {label: n for label, n in sheet_says().items() if n}
        return created
    finally:
        if created is not None:
            removed(created)


def read_back(data: bytes) -> dict:
    """The workbook's sheets as rows of values, read by openpyxl without the importers."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def listed(rows, columns) -> list[dict]:
    """The template's data rows under a heading row naming `columns`, blank rows skipped."""
    heading = [cell_text(value).lower() for value in (rows[0] if rows else ())]
    index = {name: heading.index(name) for name in columns}
    found = []
    for values in rows[1:]:
        cells = {n: cell_text(values[i]) if i < len(values) else "" for n, i in index.items()}
        if any(cells.values()):
            found.append(cells)
    return found


# The three importers, each checked the same way.


def framework_import(data: bytes):
    def owned(framework):
        assert framework.levels.filter(is_unrated=True).count() == 1
        return {
            "minimum_standards.Framework": 1,
            "minimum_standards.RatingLevel": framework.levels.count(),
            "minimum_standards.Section": framework.sections.count(),
            "minimum_standards.Standard": Standard.objects.filter(
                section__framework=framework
            ).count(),
            "minimum_standards.ChecklistItem": ChecklistItem.objects.filter(
                standard__section__framework=framework
            ).count(),
        }

    def sheet_says():
        sheets = read_back(data)
        scale = listed(sheets["Scale"], SCALE_COLUMNS)
        standards = listed(sheets["Standards"], STANDARD_COLUMNS)
        checklist = listed(sheets["Checklist"], CHECKLIST_COLUMNS) if "Checklist" in sheets else []
        unrated_added = not any(level["not yet rated"].lower() in YES for level in scale)
        return {
            "minimum_standards.Framework": 1,
            "minimum_standards.RatingLevel": len(scale) + unrated_added,
            "minimum_standards.Section": len({standard["section"] for standard in standards}),
            "minimum_standards.Standard": len(standards),
            "minimum_standards.ChecklistItem": len(checklist),
        }

    all_or_nothing(
        lambda: import_framework(io.BytesIO(data)), owned, lambda f: f.delete(), sheet_says
    )


def assessment_import(data: bytes, framework, title="", assessed_on=None):
    def owned(assessment):
        assert assessment.status == SelfAssessment.Status.DRAFT
        return {
            "minimum_standards.SelfAssessment": 1,
            "minimum_standards.Rating": assessment.ratings.count(),
        }

    def sheet_says():  # every standard is rated: those not on the sheet as not yet rated
        return {"minimum_standards.SelfAssessment": 1, "minimum_standards.Rating": len(CODES_2018)}

    all_or_nothing(
        lambda: import_assessment(io.BytesIO(data), framework, title, assessed_on),
        owned,
        lambda assessment: assessment.delete(),
        sheet_says,
    )


def plan_import(data: bytes, framework=None, title=""):
    def owned(plan):
        return {
            "minimum_standards_plans.DeliveryPlan": 1,
            "minimum_standards_plans.PlanItem": plan.items.count(),
            "minimum_standards_plans.PlanAction": PlanAction.objects.filter(
                item__plan=plan
            ).count(),
            "minimum_standards_plans.PlanOutcome": PlanOutcome.objects.filter(
                item__plan=plan
            ).count(),
            "minimum_standards_plans.PlanItem_standards": sum(
                item.standards.count() for item in plan.items.all()
            ),
            "minimum_standards_plans.PlanColumn": plan.columns.count(),
            "minimum_standards_plans.PlanStatus": plan.statuses.count(),
        }

    def sheet_says():
        """Items: the rows with anything in them under the headings, the first row with two
        cells or more (docs/spreadsheets.md)."""
        rows = list(read_back(data).values())[0]
        written = [sum(value is not None and str(value) != "" for value in row) for row in rows]
        heading = next((n for n, count in enumerate(written) if count >= 2), None)
        if heading is None:
            heading = next((n for n, count in enumerate(written) if count), 0)
        return {"minimum_standards_plans.PlanItem": sum(map(bool, written[heading + 1 :]))}

    def items_match(plan):
        counted = owned(plan)
        assert (
            counted["minimum_standards_plans.PlanItem"]
            == sheet_says()["minimum_standards_plans.PlanItem"]
        )
        return counted

    all_or_nothing(
        lambda: import_plan(io.BytesIO(data), framework, title), items_match, lambda p: p.delete()
    )


# The importers over generated cells ------------------------------------------------------


@MANY
@given(sheets=framework_sheets(), raw_noncharacters=st.booleans())
def test_a_framework_workbook_of_any_cells_is_imported_whole_or_refused(
    db, sheets, raw_noncharacters
):
    framework_import(workbook(sheets, raw_noncharacters))


any_number = st.one_of(
    edge_numbers,
    st.integers(),
    st.floats(allow_nan=True),
    digits_of_any_script,
    st.integers().map(str),
    st.booleans(),
    st.dates(),
)


@MANY
@given(
    positions=st.lists(st.one_of(st.integers(0, 9), any_number), min_size=1, max_size=4),
    raw_noncharacters=st.booleans(),
)
def test_a_scale_whose_positions_are_any_numbers_is_imported_whole_or_refused(
    db, positions, raw_noncharacters
):
    # The only number column of the three templates: big, negative, fractional, other scripts.
    levels = [(position, *SCALE[n][1:]) for n, position in enumerate(positions)]
    sheets = {
        "Framework": [("code", FRAMEWORK_CODE), ("name", "Quality"), ("version", "1")],
        "Scale": [SCALE_COLUMNS, *levels],
        "Standards": [STANDARD_COLUMNS, ("1", "Access", "1.1", "People can reach us.")],
    }

    framework_import(workbook(sheets, raw_noncharacters))


@MANY
@given(
    sheets=assessment_sheets(),
    raw_noncharacters=st.booleans(),
    assessed_on=st.one_of(st.none(), st.dates()),
)
def test_a_self_assessment_of_any_cells_is_imported_whole_or_refused(
    compliance_demo, sheets, raw_noncharacters, assessed_on
):
    framework = compliance_demo["framework"]
    codes = Standard.objects.filter(section__framework=framework).values_list("code", flat=True)
    assert sorted(codes) == sorted(CODES_2018)

    assessment_import(workbook(sheets, raw_noncharacters), framework, "", assessed_on)


@MANY
@given(sheets=plan_sheets(), raw_noncharacters=st.booleans(), with_framework=st.booleans())
def test_a_delivery_plan_of_any_cells_is_imported_whole_or_refused(
    compliance_demo, sheets, raw_noncharacters, with_framework
):
    framework = compliance_demo["framework"] if with_framework else None

    plan_import(workbook(sheets, raw_noncharacters), framework)


@MANY
@given(kind=st.sampled_from(["assessment", "plan"]), title=st.one_of(odd_text, long_text(300)))
def test_an_import_given_a_title_of_any_text_is_imported_whole_or_refused(
    compliance_demo, kind, title
):
    # The title comes from the admin's form or from the command line, where Python reads
    # bytes that are not UTF-8 as lone surrogates (b"\xff" as "\udcff").
    framework = compliance_demo["framework"]
    if kind == "assessment":
        assessment_import(valid_file("assessment"), framework, title)
    else:
        plan_import(valid_file("plan"), framework, title)


# The importers over damaged files.


@functools.cache
def valid_file(kind: str) -> bytes:
    """A valid workbook of each kind, made once: its bytes are the same in every example."""
    return VALID_FILES[kind]()


VALID_FILES = {
    "framework": lambda: workbook(
        {
            "Framework": [("code", FRAMEWORK_CODE), ("name", "Quality"), ("version", "1")],
            "Scale": [SCALE_COLUMNS, *SCALE],
            "Standards": [
                STANDARD_COLUMNS,
                *((code[0], f"Section {code[0]}", code, f"The service does what {code} asks.")
                  for code in CODES_2018),
            ],
            "Checklist": [CHECKLIST_COLUMNS, ("1.1", "Opening hours", "opening-hours")],
        }
    ),
    "assessment": lambda: workbook(
        {
            "Self-assessment": [
                ("Self-assessment 2024",),
                ("Standard", "C/PC", "Notes"),
                *((f"{code} The standard's wording", "P/C", f"Evidence for {code}.")
                  for code in CODES_2018),
            ]
        }
    ),
    "plan": lambda: workbook(
        {
            "Plan": [
                ("Delivery plan 2024",),
                PLAN_HEADINGS,
                *((f"Area {n} (1.{n})", f"Objective {n}", "1. Review\n2. Agree", "1. Better",
                   "Manager", TIMESCALES[n], "") for n in range(1, 8)),
            ]
        }
    ),
}  # fmt: skip


@MANY
@given(kind=st.sampled_from(sorted(VALID_FILES)), damage=structural_damage())
def test_a_truncated_or_garbled_file_is_imported_whole_or_refused_by_every_importer(
    compliance_demo, kind, damage
):
    data = damage_file(valid_file(kind), damage)
    event(f"damage: {damage[0]}")

    framework_import(data)
    assessment_import(data, compliance_demo["framework"])
    plan_import(data, compliance_demo["framework"])


# The admin upload ------------------------------------------------------------------------

ASSESSMENT_IMPORT = "/admin/minimum_standards/assessment/import/"
no_surrogates = st.characters(codec=None, categories=None, exclude_categories=["Cs"])


@pytest.fixture
def manager_client(client, service_manager):
    client.force_login(service_manager)
    return client


@MANY
@given(
    damage=structural_damage(),
    title=st.one_of(st.just(""), st.text(no_surrogates, max_size=250)),
    assessed_on=st.one_of(st.just("2024-07-31"), st.text(no_surrogates, max_size=12)),
    name=st.sampled_from(["upload.xlsx", "UPLOAD.XLSX", "résumé 😀 ‮.xlsx", "ratings.csv"]),
)
def test_the_admin_upload_answers_any_garbled_file_without_a_server_error(
    manager_client, compliance_demo, damage, title, assessed_on, name
):
    data = damage_file(valid_file("assessment"), damage)
    models = all_models()
    before = table_counts(models)
    earlier = set(SelfAssessment.objects.values_list("pk", flat=True))
    fields = {
        "framework": compliance_demo["framework"].pk,
        "title": title,
        "assessed_on": assessed_on,
        "file": SimpleUploadedFile(name, data),
    }

    response = manager_client.post(ASSESSMENT_IMPORT, fields)

    event(f"status {response.status_code}")
    assert response.status_code in (200, 302)
    assert b"Traceback" not in response.content
    made = changes(before, table_counts(models))
    plain = {label: n for label, n in made.items() if ".Historical" not in label}
    if response.status_code == 302:
        assert plain == {
            "minimum_standards.SelfAssessment": 1,
            "minimum_standards.Rating": len(CODES_2018),
        }
        SelfAssessment.objects.exclude(pk__in=earlier).delete()
    else:
        assert made == {}


# The enquiry form ------------------------------------------------------------------------

# The enquiry tests' answers, as a person would give them (consents and the trap field apart).
VALID_ANSWERS = {
    name: value
    for name, value in valid_answers(phone="01225 394382").items()
    if not name.startswith("consent_to_") and name != "website"
}
CHOICES = {
    "role": Enquiry.Role.values,
    "age_group": Enquiry.AgeGroup.values,
    "topic": Enquiry.Topic.values,
    "contact_method": Enquiry.ContactMethod.values,
}
TEXT_FIELDS = ["message", "name", "email", "phone", "contact_times"]
form_text = st.one_of(odd_text, st.text(any_character, max_size=200), long_text(5_000))


@st.composite
def enquiries(draw):
    """Valid answers with a few of them (or none) replaced by anything, a consent perhaps
    missing, and now and then the robots' hidden field filled in."""
    answers = {**VALID_ANSWERS, "consent_to_store": "on", "consent_to_contact": "on"}
    for name in draw(st.sets(st.sampled_from([*answers, "website"]), max_size=4)):
        if name in CHOICES:
            answers[name] = draw(st.one_of(st.sampled_from(CHOICES[name]), form_text))
        elif name.startswith("consent_to_"):
            answers[name] = draw(st.one_of(st.none(), form_text))
        else:
            answers[name] = draw(form_text)
    answers.setdefault("website", "")
    return {name: value for name, value in answers.items() if value is not None}


def as_received(value: str, urlencoded: bool) -> str:
    """What Django reads: sent as UTF-8, a lone surrogate's bytes decode as U+FFFD each."""
    if urlencoded:
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return value


def unreadable(text: str, multi_line: bool) -> bool:
    allowed = {"\t", "\n", "\r"} if multi_line else set()
    return any(
        unicodedata.category(c) in ("Cc", "Cs") and c not in allowed or c in "\ufffe\uffff"
        for c in text
    )


@MANY
@given(answers=enquiries(), urlencoded=st.booleans())
def test_the_enquiry_form_answers_any_input_and_stores_exactly_what_it_accepts(
    client, enquiry_page, answers, urlencoded
):
    urlencoded = urlencoded or any("\ud800" <= c <= "\udfff" for v in answers.values() for c in v)
    received = {name: as_received(value, urlencoded) for name, value in answers.items()}
    before = set(Enquiry.objects.values_list("pk", flat=True))
    if urlencoded:  # the test client's multipart body cannot carry a lone surrogate
        body = urlencode(answers, encoding="utf-8", errors="surrogatepass")
        response = client.post(enquiry_page.url, body, "application/x-www-form-urlencoded")
    else:
        response = client.post(enquiry_page.url, answers)
    new = Enquiry.objects.exclude(pk__in=before)
    stored = list(new)
    new.delete()
    UsageCount.objects.all().delete()  # the next example is not held back by the limit of five an hour
    mail.outbox.clear()

    event(f"status {response.status_code}")
    assert response.status_code in (200, 302, 400, 413, 429)
    assert b"Traceback" not in response.content
    robot = bool(received["website"])
    if robot:
        assert response.status_code in (302, 413)
    all_valid = (
        all(answers[name] == VALID_ANSWERS[name] for name in TEXT_FIELDS)
        and all(answers[name] in values for name, values in CHOICES.items())
        and answers.get("consent_to_store") == answers.get("consent_to_contact") == "on"
    )  # every answer as a person would give it
    if all_valid and not robot:
        assert response.status_code == 302
    if "consent_to_store" not in answers or "consent_to_contact" not in answers:
        assert response.status_code != 302 or robot
    if response.status_code != 302 or robot:
        event("robot thanked" if response.status_code == 302 else "nothing stored")
        assert stored == []
        return
    (enquiry,) = stored
    event("stored" if all_valid else "stored, with generated answers")
    for name in CHOICES:
        assert getattr(enquiry, name) == received[name]
    for name in TEXT_FIELDS:
        assert getattr(enquiry, name) == received[name].strip()
        assert not unreadable(getattr(enquiry, name), multi_line=name == "message")
    assert enquiry.consent_to_store and enquiry.consent_to_contact


def test_generated_cells_reach_the_importers_as_the_strategies_intend():
    """Control characters and surrogates go in escaped and come back as that literal text
    (openpyxl 3.1 does not unescape); dates, big numbers and booleans come back as such."""
    data = workbook({"S": [["a\x0bb\ud800", datetime.date(2024, 7, 31), 10**20, True]]})

    (row,) = read_back(data)["S"]

    assert row[0] == "a_x000B_b_xD800_"
    assert row[1] == datetime.datetime(2024, 7, 31)
    assert row[2] == 10**20 and row[3] is True
