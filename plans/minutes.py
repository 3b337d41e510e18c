"""A meeting's minutes, drafted from its record: who came, apologies, the questions the
Advisory Group raised before it and their answers, notes, and what it decided (a ratification
with the quality checks' warnings it was ratified despite, and why). Printed from
the admin, or downloaded as a Word document (services circulate minutes as Word files)."""

import io
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.shared import Pt

from wagtail_minimum_standards.compliance import questions
from wagtail_minimum_standards.compliance.people import name_of
from wagtail_minimum_standards.compliance.spreadsheets.cells import writable

from .meeting_record import previous_meeting
from .review import end_of


@dataclass
class Minutes:
    meeting: object
    present: list[str]
    apologies: list[str]
    questions: list
    decisions: list

    @property
    def status(self) -> str:
        approved = self.meeting.minutes_approved_at
        if approved:
            return _("Approved at %(meeting)s") % {"meeting": approved}
        return _("Draft: for approval at the next meeting")


def minutes_for(meeting) -> Minutes:
    previous = previous_meeting(meeting)
    present = [name_of(u) for u in meeting.attendees.all()]
    return Minutes(
        meeting=meeting,
        present=[*present, *meeting.lines("guests")],
        apologies=meeting.lines("apologies"),
        questions=questions.raised(
            end_of(previous.date) if previous else None, end_of(meeting.date)
        ),
        decisions=list(meeting.decisions.select_related("assessment", "plan_item", "minutes_of")),
    )


def minutes_docx(minutes: Minutes) -> bytes:
    """The minutes as a Word document. Any character a document cannot hold shows as �."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    meeting = minutes.meeting

    def text(value) -> str:
        return writable(str(value))

    document.add_heading(text(_("Minutes: %(title)s") % {"title": meeting.title}), level=1)
    document.add_paragraph(text(f"{date_format(meeting.date, 'l j F Y')}. {minutes.status}."))
    document.add_heading(_("Present"), level=2)
    for person in minutes.present or [_("No one recorded.")]:
        document.add_paragraph(text(person), style="List Bullet")
    document.add_heading(_("Apologies"), level=2)
    for person in minutes.apologies or [_("None.")]:
        document.add_paragraph(text(person), style="List Bullet")
    document.add_heading(_("Questions raised before the meeting"), level=2)
    if not minutes.questions:
        document.add_paragraph(_("None."))
    for question in minutes.questions:
        state = (
            pgettext("a question's state", "open")
            if question.is_open
            else pgettext("a question's state", "answered")
        )
        document.add_paragraph(
            text(f"{question.about_text} ({state}): {question.text}"), style="List Number"
        )
        for reply in question.thread:
            document.add_paragraph(text(f"{reply.get_kind_display()}: {reply.text}"))
    if meeting.notes:
        document.add_heading(_("Notes"), level=2)
        for paragraph in re.split(r"\r?\n\s*\r?\n", meeting.notes):  # as browsers send them
            document.add_paragraph(text(paragraph))
    document.add_heading(_("Decisions"), level=2)
    if not minutes.decisions:
        document.add_paragraph(_("None."))
    for decision in minutes.decisions:
        document.add_paragraph(
            text(f"{decision.get_kind_display()}: {decision.text}"), style="List Number"
        )
        if decision.acknowledged_checks:
            document.add_paragraph(_("Ratified despite the quality checks' warnings:"))
            for line in decision.acknowledged_checks.splitlines():
                document.add_paragraph(text(line), style="List Bullet 2")
            why = _("Why: %(reason)s") % {"reason": decision.acknowledgement}
            document.add_paragraph(text(why))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
