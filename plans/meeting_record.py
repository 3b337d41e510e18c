"""Recording what an Advisory Group meeting decided, each decision doing what it says in the
same step: a ratification ratifies (and locks) the self-assessment, an agreed action becomes
a plan item, a change or a closure is written into the item's progress, and approving an
earlier meeting's minutes locks that meeting's record. All or nothing, and never on a meeting
whose own minutes are approved. A ratification is refused while the self-assessment's quality
checks find a blocker, and past their warnings needs the meeting's reason (ratify_checks).

A decision about a record (the self-assessment, the plan item, the earlier meeting) is taken on
the record as stored, its row locked, and writes only what it decides; it is refused if the
record changed after the form was drawn (`drawn_version`, compliance.concurrency)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.concurrency import locked
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, MeetingLocked

from .models import Decision, PlanItem, ProgressUpdate, StatusMeaning
from .ratify_checks import acknowledge


@dataclass
class NewAction:
    plan: object
    objective: str
    area_of_work: str = ""
    standards: list = field(default_factory=list)
    owners: str = ""
    owner_users: list = field(default_factory=list)
    timescale: str = ""


@transaction.atomic
def decide(meeting, kind, text, user, *, assessment=None, plan_item=None, minutes_of=None,
           new_action: NewAction | None = None, drawn_version: int | None = None,
           acknowledgement: str = "") -> Decision:  # fmt: skip
    meeting = AdvisoryGroupMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_locked:
        raise MeetingLocked(meeting)
    decision = Decision(meeting=meeting, kind=kind, text=text, recorded_by=user)
    if kind == Decision.Kind.RATIFY:
        # Its quality checks first: a blocker refuses it, warnings need the meeting's reason.
        acknowledged = acknowledge(assessment, acknowledgement, user)
        assessment.ratify(
            meeting,
            meeting.date,
            drawn_version=drawn_version,
            acknowledgement=acknowledged.history_reason,
        )
        decision.assessment = assessment
        decision.acknowledged_checks = acknowledged.checks
        decision.acknowledgement = acknowledged.reason
    elif kind == Decision.Kind.NEW_ACTION:
        decision.plan_item = _agree(new_action, meeting, text)
    elif kind in (Decision.Kind.CHANGE_ITEM, Decision.Kind.CLOSE_ITEM):
        closing = kind == Decision.Kind.CLOSE_ITEM
        done = plan_item.plan.word_for(StatusMeaning.DONE)
        if closing and not done:
            raise ValidationError(
                _("“%(plan)s” has no status word that means done: add one to the plan first.")
                % {"plan": plan_item.plan}
            )
        plan_item = locked(plan_item, drawn_version)  # its status is written with the update
        ProgressUpdate.objects.create(
            item=plan_item,
            date=meeting.date,
            text=_("Advisory Group, %(date)s: %(text)s")
            % {"date": date_format(meeting.date, "j F Y"), "text": text},
            new_status=done if closing else "",
            by=user,
        )
        decision.plan_item = plan_item
    elif kind == Decision.Kind.APPROVE_MINUTES:
        minutes_of.approve_minutes(at=meeting, drawn_version=drawn_version)
        decision.minutes_of = minutes_of
    decision.save()
    return decision


def _agree(action: NewAction, meeting, text) -> PlanItem:
    item = PlanItem(
        plan=action.plan,
        position=action.plan.items.count() + 1,
        area_of_work=action.area_of_work,
        objective=action.objective,
        owners=action.owners,
        timescale=action.timescale,
        status=action.plan.word_for(StatusMeaning.OPEN),  # agreed: open from today
        completion_notes=_("Agreed at %(meeting)s: %(text)s") % {"meeting": meeting, "text": text},
    )
    item.standards.set(action.standards)
    item.owner_users.set(action.owner_users)
    item._change_reason = _("Agreed at %(meeting)s") % {"meeting": meeting}
    item.save()
    return item


def previous_meeting(meeting):
    return AdvisoryGroupMeeting.objects.filter(date__lt=meeting.date).order_by("date").last()
