"""The meeting pack: the review for a meeting as an Excel workbook, one sheet per part."""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from wagtail_minimum_standards.compliance.spreadsheets.cells import append_row


def _sheet(book, title, headings, rows, widths):
    sheet = book.create_sheet(title)
    for column, width in zip("ABCDEFG", widths, strict=False):
        sheet.column_dimensions[column].width = width
    append_row(sheet, headings, Font(bold=True))
    for values in rows:
        append_row(sheet, values)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "a former member"


def _item(item):
    return [item.plan.title, item.area_of_work, item.objective, item.owners]


def meeting_pack(review) -> Workbook:
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    since = review.previous.date.strftime("%-d %B %Y") if review.previous else "the start"
    lines = [
        f"Advisory Group review: {review.meeting}",
        f"Changes since {since}, to {review.meeting.date:%-d %B %Y}",
        f"New items: {len(review.new_items)}",
        f"Status changes: {len(review.status_changes)}",
        f"Progress updates: {len(review.updates)}",
        f"Actions completed: {len(review.completed_actions)}",
        f"Rating changes: {len(review.rating_changes)}",
        f"Overdue: {len(review.overdue)}",
        f"Due before {review.next_date:%-d %B %Y}: {len(review.due_before_next)}",
        f"Questions: {len(review.questions)} ({len(review.open_questions)} open)",
        f"Agreed at the last meeting: {len(review.agreed_last_time)}",
        f"Evidence due for review: {len(review.evidence_due)}",
    ]
    append_row(summary, lines[:1], Font(bold=True, size=14))
    for line in lines[1:]:
        append_row(summary, [line])
    summary.column_dimensions["A"].width = 70
    item_headings = ["Plan", "Area of work", "Objective", "Who?"]
    _sheet(book, "New items", item_headings, [_item(i) for i in review.new_items], [30, 30, 60, 30])
    _sheet(
        book,
        "Status changes",
        ["When", *item_headings, "Before", "After"],
        [
            [timezone.localdate(c.when), *_item(c.subject), c.before, c.after]
            for c in review.status_changes
            if c.subject
        ],
        [12, 30, 30, 50, 24, 12, 12],
    )
    _sheet(
        book,
        "Progress updates",
        ["Date", "Plan", "Objective", "What happened", "New status"],
        [
            [u.date, u.item.plan.title, u.item.objective, u.text, u.get_new_status_display()]
            for u in review.updates
        ],
        [12, 30, 50, 60, 14],
    )
    _sheet(
        book,
        "Actions completed",
        ["Done on", "Plan", "Objective", "Action"],
        [
            [a.done_on, a.item.plan.title, a.item.objective, f"{a.number}. {a.text}"]
            for a in review.completed_actions
        ],
        [12, 30, 50, 60],
    )
    _sheet(
        book,
        "Rating changes",
        ["When", "Self-assessment", "Standard", "Before", "After"],
        [
            [
                timezone.localdate(c.when),
                str(c.subject.assessment),
                c.subject.standard.code,
                c.before,
                c.after,
            ]
            for c in review.rating_changes
            if c.subject
        ],
        [12, 40, 10, 10, 10],
    )
    _sheet(
        book,
        "Questions",
        ["Asked", "By", "About", "Question", "Answered", "Replies"],
        [
            [
                timezone.localdate(q.asked_at),
                _name(q.asked_by),
                q.about_text,
                q.text,
                timezone.localdate(q.answered_at) if q.answered_at else "open",
                "\n".join(
                    f"{r.get_kind_display()} ({_name(r.written_by)}): {r.text}" for r in q.thread
                ),
            ]
            for q in review.questions
        ],
        [12, 20, 30, 50, 12, 60],
    )
    _sheet(
        book,
        "Agreed last time",
        ["Decision", *item_headings, "Status now"],
        [
            [d.text, *_item(d.plan_item), d.plan_item.get_status_display()]
            for d in review.agreed_last_time
            if d.plan_item
        ],
        [40, 30, 30, 50, 24, 12],
    )
    _sheet(
        book,
        "Evidence due for review",
        ["Review by", "Self-assessment", "Standard", "Evidence"],
        [
            [e.review_by, str(e.rating.assessment), e.rating.standard.code, e.title]
            for e in review.evidence_due
        ],
        [12, 40, 10, 50],
    )
    for title, items in (
        ("Overdue", review.overdue),
        ("Due before next meeting", review.due_before_next),
    ):
        _sheet(
            book,
            title,
            [*item_headings, "Timescale", "Due", "Status"],
            [[*_item(i), i.timescale, i.due_date, i.get_status_display()] for i in items],
            [30, 30, 50, 24, 14, 12, 12],
        )
    return book
