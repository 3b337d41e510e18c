"""The meeting pack: the review for a meeting as an Excel workbook, one sheet per part."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from wagtail_minimum_standards.compliance.people import name_of
from wagtail_minimum_standards.compliance.spreadsheets.cells import append_row

from .question_list import open_questions
from .review_checks import in_framework_order
from .spreadsheets import fit_sheet_title


def _sheet(book, title, headings, rows, widths):
    sheet = book.create_sheet(fit_sheet_title(title))
    for column, width in zip("ABCDEFG", widths, strict=False):
        sheet.column_dimensions[column].width = width
    append_row(sheet, headings, Font(bold=True))
    for values in rows:
        append_row(sheet, values)


def _item(item):
    return [item.plan.title, item.area_of_work, item.objective, item.owners]


def _summary(review, unanswered) -> list[str]:
    """The first sheet's lines: the title, then how much there is of each part."""
    meeting_date = date_format(review.meeting.date, "j F Y")
    if review.previous:
        changes = _("Changes since %(since)s, to %(date)s") % {
            "since": date_format(review.previous.date, "j F Y"),
            "date": meeting_date,
        }
    else:
        changes = _("Changes since the start, to %(date)s") % {"date": meeting_date}
    return [
        _("Advisory Group review: %(meeting)s") % {"meeting": review.meeting},
        changes,
        _("New items: %(count)d") % {"count": len(review.new_items)},
        _("Status changes: %(count)d") % {"count": len(review.status_changes)},
        _("Progress updates: %(count)d") % {"count": len(review.updates)},
        _("Actions completed: %(count)d") % {"count": len(review.completed_actions)},
        _("Rating changes: %(count)d") % {"count": len(review.rating_changes)},
        _("Overdue: %(count)d") % {"count": len(review.overdue)},
        (
            _("Due before the next meeting, %(date)s: %(count)d")
            if review.next
            else _("No next meeting recorded. Due in the 13 weeks to %(date)s: %(count)d")
        )
        % {"date": date_format(review.next_date, "j F Y"), "count": len(review.due_before_next)},
        _("Questions: %(count)d (%(open)d open)")
        % {"count": len(review.questions), "open": len(review.open_questions)},
        _("Unanswered questions, whenever asked: %(count)d") % {"count": len(unanswered)},
        _("Agreed at the last meeting: %(count)d") % {"count": len(review.agreed_last_time)},
        _("Evidence due for review: %(count)d") % {"count": len(review.evidence_due)},
        _checks_line(review),
        _figures_line(review.figures),
    ]


def _checks_line(review) -> str:
    if review.assessment is None:
        return _("Quality checks: no self-assessment to check")
    counts = ", ".join(f"{words}: {count}" for _severity, words, count in review.findings.summary())
    return _("Quality checks on %(assessment)s: %(counts)s") % {
        "assessment": review.assessment,
        "counts": counts or _("nothing found"),
    }


def _figures_line(figures) -> str:
    if figures.year is None:
        return _("Figures: none for this year yet")
    return _("Figures: %(year)s to %(date)s, against the same periods of the year before") % {
        "year": figures.year.label,
        "date": date_format(figures.upto_day, "j F Y"),
    }


def _figures_rows(figures) -> list:
    """The year to date's tables: a row for each measure and each of its breakdown values."""
    return [
        [
            table.heading,
            row.label if not row.is_breakdown else f"{row.measure.name}: {row.label}",
            row.this_year,
            row.last_year,
            row.change.difference if row.change else None,
            row.change.percent if row.change else None,
        ]
        for table in figures.tables
        for row in table.rows
    ]


def meeting_pack(review) -> Workbook:
    book = Workbook()
    summary = book.active
    summary.title = fit_sheet_title(_("Summary"))
    unanswered = open_questions()  # whenever asked: the list the admin home counts
    lines = _summary(review, unanswered)
    append_row(summary, lines[:1], Font(bold=True, size=14))
    for line in lines[1:]:
        append_row(summary, [line])
    summary.column_dimensions["A"].width = 70
    item_headings = [_("Plan"), _("Area of work"), _("Objective"), _("Who?")]
    _sheet(
        book,
        _("New items"),
        item_headings,
        [_item(i) for i in review.new_items],
        [30, 30, 60, 30],
    )
    _sheet(
        book,
        _("Status changes"),
        [_("When"), *item_headings, _("Before"), _("After")],
        [
            [timezone.localdate(c.when), *_item(c.subject), c.before, c.after]
            for c in review.status_changes
            if c.subject
        ],
        [12, 30, 30, 50, 24, 12, 12],
    )
    _sheet(
        book,
        _("Progress updates"),
        [_("Date"), _("Plan"), _("Objective"), _("What happened"), _("New status")],
        [
            [u.date, u.item.plan.title, u.item.objective, u.text, u.new_status]
            for u in review.updates
        ],
        [12, 30, 50, 60, 14],
    )
    _sheet(
        book,
        _("Actions completed"),
        [_("Done on"), _("Plan"), _("Objective"), _("Action")],
        [
            [a.done_on, a.item.plan.title, a.item.objective, f"{a.number}. {a.text}"]
            for a in review.completed_actions
        ],
        [12, 30, 50, 60],
    )
    _sheet(
        book,
        _("Rating changes"),
        [_("When"), _("Self-assessment"), _("Standard"), _("Before"), _("After")],
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
        _("Questions"),
        [_("Asked"), _("By"), _("About"), _("Question"), _("Answered"), _("Replies")],
        [
            [
                timezone.localdate(q.asked_at),
                name_of(q.asked_by),
                q.about_text,
                q.text,
                timezone.localdate(q.answered_at)
                if q.answered_at
                else pgettext("a question's state", "open"),
                "\n".join(
                    f"{r.get_kind_display()} ({name_of(r.written_by)}): {r.text}" for r in q.thread
                ),
            ]
            for q in review.questions
        ],
        [12, 20, 30, 50, 12, 60],
    )
    _sheet(
        book,
        _("Unanswered questions"),
        [_("Asked"), _("By"), _("About"), _("Question"), _("Replies")],
        [
            [
                timezone.localdate(q.asked_at),
                name_of(q.asked_by),
                q.about_text,
                q.text,
                "\n".join(
                    f"{r.get_kind_display()} ({name_of(r.written_by)}): {r.text}" for r in q.thread
                ),
            ]
            for q in unanswered
        ],
        [12, 20, 30, 50, 60],
    )
    _sheet(
        book,
        _("Agreed last time"),
        [_("Decision"), *item_headings, _("Status now")],
        [
            [d.text, *_item(d.plan_item), d.plan_item.status_or_none]
            for d in review.agreed_last_time
            if d.plan_item
        ],
        [40, 30, 30, 50, 24, 12],
    )
    _sheet(
        book,
        _("Evidence due for review"),
        [_("Review by"), _("Self-assessment"), _("Standard"), _("Evidence")],
        [
            [e.review_by, str(e.rating.assessment), e.rating.standard.code, e.title]
            for e in review.evidence_due
        ],
        [12, 40, 10, 50],
    )
    _sheet(
        book,
        _("Checks"),
        [_("Standard"), _("Check"), _("Severity"), _("Message")],
        [
            [f.standard.code, str(f.check.title), f.severity_words, f.message]
            for f in in_framework_order(review.findings)
        ],
        [10, 36, 12, 80],
    )
    this_year = review.figures.year.label if review.figures.year else _("This year")
    last_year = review.figures.last_year.label if review.figures.last_year else _("Last year")
    _sheet(
        book,
        _("Figures"),
        [
            _("Table"),
            _("Measure"),
            _("%(year)s to date") % {"year": this_year},
            _("%(year)s same periods") % {"year": last_year},
            _("Change"),
            _("Change (%)"),
        ],
        _figures_rows(review.figures),
        [24, 50, 16, 16, 12, 12],
    )
    for title, items in (
        (_("Overdue"), review.overdue),
        (_("Due before next meeting"), review.due_before_next),
    ):
        _sheet(
            book,
            title,
            [*item_headings, _("Timescale"), _("Due"), _("Status")],
            [[*_item(i), i.timescale, i.due_date, i.status_or_none] for i in items],
            [30, 30, 50, 24, 14, 12, 12],
        )
    return book
