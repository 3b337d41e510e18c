"""Two small frameworks, an old and a new, and mapping workbooks between them, for the tracker's
mapping tests."""

from openpyxl import Workbook

from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework

from .framework_books import framework_book, put, saved

OLD_STANDARDS = [
    ["1", "Access", "1.1", "The service is easy to reach.", ""],
    ["1", "", "1.2", "Staff know SEND law.", ""],
    ["1", "", "1.3", "Leaflets and a website.", ""],
    ["2", "Extras", "2.1", "A helpline runs at weekends.", ""],
    ["2", "", "2.2", "Training for parents.", ""],
]
NEW_STANDARDS = [
    ["1", "Access", "1.1", "The service is easy to reach, all year.", ""],
    ["1", "", "1.2", "Staff complete the legal training.", ""],
    ["1", "", "1.3", "Branded leaflets.", ""],
    ["1", "", "1.4", "A website everyone can use.", ""],
    ["2", "Together", "2.1", "Training and feedback.", ""],
    ["2", "", "2.2", "An Advisory Group.", ""],
]
OLD_SCALE = [
    [3, "M", "Met", "", "#00703c", "yes", "no"],
    [2, "PM", "Partly met", "", "#8a4c00", "no", "no"],
    [1, "NM", "Not met", "", "#b10e1e", "no", "no"],
    [0, "?", "Not yet rated", "", "#505a5f", "no", "yes"],
]
NEW_SCALE = [
    [3, "C", "Compliant", "", "#00703c", "yes", "no"],
    [2, "P/C", "Partially compliant", "", "#8a4c00", "no", "no"],
    [1, "NM", "Not compliant", "", "#b10e1e", "no", "no"],
    [0, "NYR", "Not yet rated", "", "#505a5f", "no", "yes"],
]
# 1.1 same, 1.2 same, 1.3 split into 1.3 and 1.4, 2.1 + 2.2 merged into 2.1, 2.2 new.
ROWS = [
    ["1.1", "1.1", "same", ""],
    ["1.2", "1.2", "same", "Now names the training."],
    ["1.3", "1.3", "split", ""],
    ["1.3", "1.4", "split", ""],
    ["2.1", "2.1", "merged", ""],
    ["2.2", "2.1", "merged", ""],
    ["", "2.2", "new", ""],
]
LEVELS = [["M", "C"], ["PM", "P/C"]]


def old_and_new():
    old = import_framework(
        framework_book(
            OLD_STANDARDS,
            scale=OLD_SCALE,
            details={"code": "old", "name": "Quality Standards", "version": "2016"},
        )
    )
    new = import_framework(
        framework_book(
            NEW_STANDARDS,
            scale=NEW_SCALE,
            details={"code": "new", "name": "Minimum Standards", "version": "2018"},
        )
    )
    return old, new


def mapping_book(rows=ROWS, levels=LEVELS, details=None, sheets=None):
    book = Workbook()
    book.active.title = "Mapping"
    settings = details or {
        "from framework": "old",
        "to framework": "new",
        "title": "2016 to 2018",
        "notes": "",
    }
    put(book["Mapping"], settings.items())
    put(book.create_sheet("Standards"), [["old code", "new code", "relation", "note"], *rows])
    if levels:
        put(book.create_sheet("Levels"), [["old level", "new level"], *levels])
    for title, sheet_rows in (sheets or {}).items():
        put(book.create_sheet(title), sheet_rows)
    return saved(book)
