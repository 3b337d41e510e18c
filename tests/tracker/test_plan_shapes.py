"""Every plan in its own shape, and no import that changes a word (issue 21): a council's RAG
plan, a four-column work plan, text that used to be changed, and what is refused."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from wagtail_minimum_standards.compliance.spreadsheets.cells import write_text
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.plans.models import (
    DeliveryPlan,
    PlanAction,
    PlanColumn,
    PlanItem,
    PlanStatus,
)
from wagtail_minimum_standards.plans.spreadsheets import (
    export_plan,
    import_plan,
    prepare,
    save,
)

RAG_PLAN = [
    ["Anytown SEND Improvement Plan 2025-27 (RAG as at 1 May 2025)"],
    ["Ref", "Priority area", "What we will do", "Lead officer", "By when", "RAG", "Update"],
    ["1.1", "Short breaks (see section B)", "· Review the short breaks offer", "Head of SEND",
     "31/03/2026", "Green", ""],
    ["1.2", "Transitions", "1. Map the pathway\n2. Train 4 volunteers\n3 drop-in sessions a month",
     "Head of SEND; Lead for Adults", "Summer 2025", "Amber", "Pathway mapped; training booked."],
    ["1.3", "EHC plans on time", "Recruit 2 or 3 caseworkers", "Principal EP", "March 2025",
     "Red", ""],
    ["1.4", "Local offer", "Refresh the pages", "Comms", "2025", "", "Not yet planned"],
    ["1.5", "Preparing for adulthood", "Run a survey", "", "April 2025", "Blue", "Done."],
]  # fmt: skip
WORK_PLAN = [
    ["Objective", "Action", "Lead", "Date"],
    ["Improve the Local Offer", "Co-produce the pages with the parent carer forum", "LO lead",
     "Sept 2026"],
    ["Better annual reviews", "- audit 20 reviews\n- share findings\n- repeat in spring",
     "SENCo network", "Spring 2027"],
]  # fmt: skip


def workbook(rows, **sheets) -> io.BytesIO:
    """The rows as a workbook, each cell written as text (never run as a formula)."""
    book = Workbook()
    for name, sheet_rows in {"Plan": rows, **sheets}.items():
        sheet = book.active if name == "Plan" else book.create_sheet(name)
        for r, row in enumerate(sheet_rows, start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    write_text(sheet.cell(row=r, column=c), value)
    return saved(book)


def saved(book) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def replaced(file, old: bytes, new: bytes) -> io.BytesIO:
    """The workbook with `old` replaced in its parts, as another program might write it."""
    out = io.BytesIO()
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            target.writestr(part, source.read(part).replace(old, new))
    out.seek(0)
    return out


def cells(file, sheet=0) -> list[list[str]]:
    book = load_workbook(file)
    found = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    rows = [["" if v is None else str(v) for v in row] for row in found.iter_rows(values_only=True)]
    return [row[: max((n for n, v in enumerate(row, 1) if v), default=0)] for row in rows]


def test_a_rag_plan_keeps_its_columns_words_and_statuses(db):
    plan = import_plan(workbook(RAG_PLAN))

    assert plan.title == RAG_PLAN[0][0]
    assert [(c.heading, c.meaning) for c in plan.columns.all()] == [
        ("Ref", "text"),
        ("Priority area", "area"),
        ("What we will do", "actions"),
        ("Lead officer", "owners"),
        ("By when", "timescale"),
        ("RAG", "status"),
        ("Update", "progress"),
    ]
    assert [(s.label, s.meaning) for s in plan.statuses.all()] == [
        ("Green", "open"),
        ("Amber", "at-risk"),
        ("Red", "off-track"),
        ("Blue", "done"),
    ]
    short_breaks, transitions, ehc, local_offer, adulthood = plan.items.all()
    assert short_breaks.area_of_work == "Short breaks (see section B)"
    assert [(a.lead, a.text) for a in short_breaks.actions.all()] == [
        ("· ", "Review the short breaks offer")
    ]
    assert [a.text for a in transitions.actions.all()] == [
        "Map the pathway",
        "Train 4 volunteers\n3 drop-in sessions a month",
    ]
    assert [a.text for a in ehc.actions.all()] == ["Recruit 2 or 3 caseworkers"]
    assert (local_offer.status, local_offer.status_meaning) == ("", "")  # no status
    assert ehc.is_overdue(datetime.date(2025, 4, 1)) and not adulthood.is_overdue(
        datetime.date(2025, 5, 1)
    )
    assert short_breaks.due_date == datetime.date(2026, 3, 31)
    assert ehc.extra == {"0": "1.3"}
    # Out again: the same cells, the same headings, in the same order.
    assert cells(saved(export_plan(plan))) == cells(workbook(RAG_PLAN))


def test_a_four_column_work_plan_without_a_title_round_trips(db):
    plan = import_plan(workbook(WORK_PLAN), title="Local Offer work plan 2026-27")

    assert [c.meaning for c in plan.columns.all()] == [
        "objective",
        "actions",
        "owners",
        "timescale",
    ]
    assert plan.items.count() == 2
    reviews = plan.items.get(objective="Better annual reviews")
    assert [(a.lead, a.text) for a in reviews.actions.all()] == [
        ("- ", "audit 20 reviews"),
        ("\n- ", "share findings"),
        ("\n- ", "repeat in spring"),
    ]
    exported = cells(saved(export_plan(plan)))
    assert exported == [["Local Offer work plan 2026-27"], *WORK_PLAN]
    again = import_plan(saved(export_plan(plan)))
    assert cells(saved(export_plan(again))) == exported


def test_a_title_that_starts_like_a_heading_blank_headings_and_long_headings(db):
    heading = "Area " + "x" * 250  # 255 characters: the most a heading may have
    rows = [["Area-wide SEND plan"], [heading, "", "Action"], ["Everything", "no heading", "Do it"]]

    plan = import_plan(workbook(rows))

    assert plan.title == "Area-wide SEND plan"
    assert [c.heading for c in plan.columns.all()] == [heading, "", "Action"]
    assert plan.items.get().extra == {"1": "no heading"}
    assert cells(saved(export_plan(plan))) == rows

    rows[1][0] += "x"
    with pytest.raises(SheetErrors, match="row 2, column A: a heading may be at most 255"):
        import_plan(workbook(rows))


def test_what_cannot_be_kept_is_refused_by_row_and_column_and_nothing_is_saved(db):
    book = load_workbook(workbook(WORK_PLAN))
    book.active["B3"] = "=CONCAT(A3, A2)"  # a formula
    book.active["C4"] = "LONG"  # made longer than a cell holds below (openpyxl cuts it)
    book.active["A1"] = "Objective"
    book.active["E1"] = "A title below nothing"
    plans = DeliveryPlan.objects.count()

    with pytest.raises(SheetErrors) as formula:
        import_plan(saved(book))
    book.active["B3"] = "Co-produce"
    with pytest.raises(SheetErrors) as too_long:
        import_plan(replaced(saved(book), b">LONG<", b">" + b"x" * 40_000 + b"<"))

    assert formula.value.errors == [
        "Sheet “Sheet”, row 3, column B: this cell is a formula, and an import keeps only what "
        "was written. Copy the cells and paste them as values (Paste Special, Values), then "
        "upload the workbook again."
    ]
    assert too_long.value.errors == [
        "Sheet “Sheet”, row 4, column C: this cell holds more than 32,767 characters, more than "
        "Excel keeps in a cell, and an import keeps every character: split it over two cells or "
        "shorten it"
    ]
    assert DeliveryPlan.objects.count() == plans


def test_cells_above_the_headings_besides_the_title_are_refused(db):
    rows = [["My plan", "updated May"], ["Objective", "Action"], ["A", "B"]]

    with pytest.raises(SheetErrors, match="row 1, column B: only the plan's title"):
        import_plan(workbook(rows), heading_row=2)


def test_a_status_word_nobody_explained_is_refused_until_it_is(db):
    rows = [["Objective", "On track?"], ["Recruit", "Maybe"], ["Train", "yes"]]

    with pytest.raises(SheetErrors) as refused:
        import_plan(workbook(rows))
    plan = import_plan(workbook(rows), status_meanings={"Maybe": "at-risk"})

    assert refused.value.errors == [
        "Sheet “Sheet”, row 2, column B: say what the status “Maybe” means (open, at risk, off "
        "track, ongoing or done)"
    ]
    assert [(s.label, s.meaning) for s in plan.statuses.all()] == [
        ("Maybe", "at-risk"),
        ("yes", "done"),
    ]


def test_each_meaning_but_text_fills_one_column(db):
    rows = [["Objective", "Who?", "Owner"], ["Recruit", "Manager", "Chair"]]

    with pytest.raises(SheetErrors, match="row 1, column C: column B holds the owners already"):
        import_plan(workbook(rows), meanings=["objective", "owners", "owners"])
    plan = import_plan(workbook(rows))  # suggested: the second is kept as text

    assert [c.meaning for c in plan.columns.all()] == ["objective", "owners", "text"]


def test_a_tick_for_an_action_the_item_does_not_have_is_refused(db):
    plan = import_plan(workbook(WORK_PLAN), title="Ticks")
    exported = load_workbook(saved(export_plan(plan, full=True)))
    exported["Actions done"].append([3, 1, "01/10/2026"])  # row 3 has one action
    exported["Actions done"].append([3, 2, "01/10/2026"])

    with pytest.raises(SheetErrors) as refused:
        import_plan(saved(exported))

    assert refused.value.errors == [
        "Sheet “Actions done”, row 3, column B: a tick for action “2”, but the item in row 3 "
        "has 1 actions"
    ]


def test_standards_are_read_beside_the_text_and_unknown_ones_flagged(db, framework):
    rows = [["Area of work", "Objective"], ["Governance (1.1 and 9.9)", "Review the SLA"]]

    preview = prepare(workbook(rows), framework)
    plan = import_plan(workbook(rows), framework)

    assert preview.warnings == [
        f"Row 2, column A: {framework} has no standard 9.9, so it is not linked; the text is "
        "kept as written."
    ]
    item = plan.items.get()
    assert item.area_of_work == "Governance (1.1 and 9.9)"
    assert [s.code for s in item.standards.all()] == ["1.1"]


def test_renaming_a_status_word_renames_it_on_the_items_and_keeps_its_history(db):
    plan = import_plan(workbook(RAG_PLAN))
    amber = plan.statuses.get(label="Amber")
    amber.label, amber.meaning = "Amber (at risk)", "off-track"
    amber.save()

    plan.apply_status_words({"Amber": "Amber (at risk)"})

    item = plan.items.get(area_of_work="Transitions")
    assert (item.status, item.status_meaning) == ("Amber (at risk)", "off-track")
    assert [h.status for h in PlanItem.history.filter(id=item.pk)][:2] == [
        "Amber (at risk)",
        "Amber",
    ]


def test_an_import_is_in_the_history_of_every_record_it_made(db, django_user_model):
    manager = django_user_model.objects.create(username="sam")

    plan = save(prepare(workbook(RAG_PLAN)), user=manager)

    for model, rows in (
        (PlanColumn, plan.columns.all()),
        (PlanStatus, plan.statuses.all()),
        (PlanItem, plan.items.all()),
        (PlanAction, PlanAction.objects.filter(item__plan=plan)),
    ):
        history = model.history.filter(id__in=list(rows.values_list("pk", flat=True)))
        assert history.count() == rows.count() > 0, model
        assert {(h.history_type, h.history_user_id) for h in history} == {("+", manager.pk)}
    transitions = PlanItem.history.get(area_of_work="Transitions")
    assert (transitions.status, transitions.progress) == (
        "Amber",
        "Pathway mapped; training booked.",
    )


def test_the_import_command_says_what_it_kept_and_flagged(db, framework, tmp_path):
    rows = [["Area of work", "Objective", "RAG"], ["Governance (1.1 and 9.9)", "Review", "Blue"]]
    (tmp_path / "plan.xlsx").write_bytes(workbook(rows).getvalue())
    out = io.StringIO()

    call_command(
        "minimum_standards_import_plan",
        str(tmp_path / "plan.xlsx"),
        "--framework",
        framework.code,
        "--status",
        "Blue=done",
        stdout=out,
    )

    said = out.getvalue()
    assert "has no standard 9.9, so it is not linked; the text is kept as written." in said
    assert "with 1 item." in said
    assert DeliveryPlan.objects.get(title="Imported delivery plan").items.get().status_meaning == (
        "done"
    )


def test_an_empty_sheet_is_refused_and_headings_alone_are_an_empty_plan(db):
    with pytest.raises(SheetErrors, match="row 1: the sheet is empty: no headings and no rows"):
        import_plan(workbook([]))
    plan = import_plan(workbook([["Objective", "Action"]]))

    assert plan.items.count() == 0 and plan.columns.count() == 2
