"""Who changed what, when, from which value to which: per self-assessment and per rating."""

from dataclasses import dataclass
from itertools import groupby

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_safe

from ..lookups import by_pk
from ..models import ChecklistItem, EvidenceLink, Rating, RatingLevel, SelfAssessment
from .access import can_read, requires

ASSESSMENT_FIELDS = ["title", "assessed_on", "status", "ratified_on", "ratified_at_id"]
RATING_FIELDS = [
    "level_id",
    "evidence_notes",
    "public_summary",
    "next_steps",
    "ticked_items",
    "carried_over",
]
LINK_FIELDS = ["title", "url", "document_id", "review_by"]
ACTIONS = {
    "+": pgettext_lazy("history of a record", "created"),
    "~": pgettext_lazy("history of a record", "changed"),
    "-": pgettext_lazy("history of a record", "deleted"),
}
PER_PAGE = 50


@dataclass
class Entry:
    when: object
    who: object
    subject: str
    action: str
    reason: str
    changes: list  # [(field label, old, new)]: what a change changed
    values: list  # [(field label, value)]: what a new record held


# Yes and No, in the words of the field where plain Yes and No would not say enough.
BOOLEAN_WORDS = {
    "carried_over": (gettext_lazy("Carried over, not re-checked"), gettext_lazy("Re-checked"))
}
EMPTY = "—"


def display_value(field, value):
    """A value as the forms show it: choices by their label, yes/no in words, a dash for
    nothing. Related records are shown by `entries`, which looks them up together."""
    if value in (None, ""):
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        yes, no = BOOLEAN_WORDS.get(field.name, (_("Yes"), _("No")))
        return str(yes if value else no)
    return value


def entries(records, fields, subject, show=None, labels=None):
    """Entries for one model's history rows: each compared with the one before it; a new
    record with what it held. `show(name, value)` may show some fields its own way. A name
    that is not a field is an attribute the caller set on each row (e.g. who attended, from
    many-to-many history), labelled by `labels[name]` if given (translatable), else by its
    name."""
    records = sorted(records, key=lambda r: (r.id, r.history_date))
    shown = _shower_for(records, fields, show)
    labels = labels or {}
    result = []
    for _id, versions in groupby(records, key=lambda r: r.id):
        previous = None
        for record in versions:
            if previous is None:
                changes = []
                values = [
                    (_label(record, name, labels), shown(name, getattr(record, name)))
                    for name in fields
                    if getattr(record, name) not in (None, "")
                ]
            else:
                values = []
                changes = [
                    (
                        _label(record, name, labels),
                        shown(name, getattr(previous, name)),
                        shown(name, getattr(record, name)),
                    )
                    for name in fields
                    if getattr(previous, name) != getattr(record, name)
                ]
            if previous is None or changes or record.history_type != "~":
                result.append(
                    Entry(record.history_date, record.history_user, subject(record),
                          str(ACTIONS[record.history_type]), record.history_change_reason or "",
                          changes, values)
                )  # fmt: skip
            previous = record
    return result


def _shower_for(records, fields, show):
    """show(name, value) for these records: related records by name, fetched in one query
    per field; everything else as display_value shows it, unless `show` shows it."""
    model = records[0]._meta.model if records else None
    related = {}
    for name in fields:
        field = _field(model, name) if model else None
        if name.endswith("_id") and field is not None and field.related_model is not None:
            ids = {getattr(r, name) for r in records}
            related[name] = by_pk(field.related_model._default_manager, ids)

    def shown(name, value):
        if show is not None:
            custom = show(name, value)
            if custom is not NotImplemented:
                return custom
        if name in related:
            return str(related[name].get(value, value)) if value is not None else EMPTY
        field = _field(model, name)
        if field is None:
            return value if value not in (None, "") else EMPTY
        return display_value(field, value)

    return shown


def _field(model, name):
    try:
        return model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return None


def _label(record, name, labels):
    field = _field(record._meta.model, name)
    if field is not None:
        return str(field.verbose_name).capitalize()
    return str(labels.get(name, name.replace("_", " "))).capitalize()


def _shower(framework_id):
    """Rating levels by code and label, as the scale names them; ticked items by their text."""
    levels = {
        lv.pk: f"{lv.code} ({lv.label})"
        for lv in RatingLevel.objects.filter(framework_id=framework_id)
    }

    items = dict(
        ChecklistItem.objects.filter(standard__section__framework_id=framework_id).values_list(
            "pk", "text"
        )
    )

    def show(name, value):
        if name == "level_id":
            return levels.get(value, value)
        if name == "ticked_items":
            return "; ".join(items.get(pk, "?") for pk in value or []) or EMPTY
        return NotImplemented

    return show


def history_page(request, title, back_url, all_entries):
    """The history page: entries newest first, a page of them at a time."""
    all_entries.sort(key=lambda e: e.when, reverse=True)
    page = Paginator(all_entries, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "minimum_standards/admin/history.html",
        {"title": title, "back_url": back_url, "entries": page},
    )


def _rating_entries(ratings_filter, links_filter, show, codes):
    rating_rows = Rating.history.filter(**ratings_filter).select_related("history_user")
    link_rows = EvidenceLink.history.filter(**links_filter).select_related("history_user")
    return [
        *entries(
            rating_rows,
            RATING_FIELDS,
            lambda r: _("Standard %(code)s") % {"code": codes.get(r.standard_id, "?")},
            show,
        ),
        *entries(
            link_rows, LINK_FIELDS, lambda r: _("Evidence “%(title)s”") % {"title": r.title}, show
        ),
    ]


@requires(can_read)
@require_safe
def assessment_history(request, pk):
    assessment = get_object_or_404(SelfAssessment, pk=pk)
    show = _shower(assessment.framework_id)
    ratings = dict(assessment.ratings.values_list("pk", "standard__code"))
    codes = dict(assessment.ratings.values_list("standard_id", "standard__code"))
    own = SelfAssessment.history.filter(id=pk).select_related("history_user")
    all_entries = [
        *entries(own, ASSESSMENT_FIELDS, lambda r: _("Self-assessment"), show),
        *_rating_entries({"assessment_id": pk}, {"rating_id__in": list(ratings)}, show, codes),
    ]
    return history_page(
        request,
        _("History of “%(assessment)s”") % {"assessment": assessment},
        reverse("minimum_standards_assessment_report", args=[pk]),
        all_entries,
    )


@requires(can_read)
@require_safe
def rating_history(request, pk):
    rating = get_object_or_404(Rating.objects.select_related("standard", "assessment"), pk=pk)
    show = _shower(rating.assessment.framework_id)
    codes = {rating.standard_id: rating.standard.code}
    return history_page(
        request,
        _("History of %(code)s in “%(assessment)s”")
        % {"code": rating.standard.code, "assessment": rating.assessment},
        reverse("minimum_standards_assessment_report", args=[rating.assessment_id]),
        _rating_entries({"id": pk}, {"rating_id": pk}, show, codes),
    )
