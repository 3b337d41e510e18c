"""Two people acting on the same record: the second is refused, nothing is overwritten.

A record that people edit and decide on has a `version`, bumped by every change to it.

- An edit form (OptimisticLockFormMixin) carries the version it was opened at; saving succeeds
  only if the record still has that version, and then bumps it, in one conditional UPDATE.
- A decision (ratify, unlock, approve minutes, close a plan item, ...) is drawn as a form that
  carries the version of each record it may decide on (DrawnVersionsMixin). It is taken with
  the record's row locked (`locked`), refused if the record changed after the form was drawn,
  and writes only the fields it decides, bumping the version (`write`): every other field is
  kept as stored, and the history records the decision with them.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .people import name_of


class StaleEdit(Exception):
    pass


def _last_changed_by(record) -> str | None:
    last = record.history.select_related("history_user").first()
    user = last.history_user if last else None
    return name_of(user) if user else None


def stale_message(record) -> str:
    """An edit refused: someone saved the record after the form was opened."""
    person = _last_changed_by(record)
    if person is None:
        return _(
            "Someone else saved this since you opened it. Nothing you typed was saved: "
            "copy your changes, reload the page to see theirs, and try again."
        )
    return _(
        "Someone else saved this since you opened it (%(person)s). Nothing you typed was "
        "saved: copy your changes, reload the page to see theirs, and try again."
    ) % {"person": person}


def stale_decision_message(record) -> str:
    """A decision refused: the record it decides on changed after the form was drawn."""
    person = _last_changed_by(record)
    if person is None:
        return _(
            "“%(record)s” changed after you opened this form. Nothing was decided: copy what "
            "you wrote, reload the page to see the change, and decide again."
        ) % {"record": record}
    return _(
        "“%(record)s” changed after you opened this form (%(person)s). Nothing was decided: "
        "copy what you wrote, reload the page to see the change, and decide again."
    ) % {"record": record, "person": person}


class OptimisticLockFormMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A form sent without its version is refused; False takes it as opened when the request
    # came (for forms that requests made without drawing them still send).
    version_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def stale_message(self) -> str:
        return stale_message(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned  # a new record: nobody else can have saved it
        opened_at = cleaned.get("version")
        if opened_at is None and not self.version_required:
            opened_at = cleaned["version"] = self.instance.version
        current = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
        )
        if self.instance.pk and (opened_at is None or list(current) != [opened_at]):
            raise forms.ValidationError(self.stale_message(), code="stale")
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None:
            return super().save(commit=commit)
        opened_at = self.cleaned_data["version"]
        with transaction.atomic():
            model = type(self.instance)
            claimed = model.objects.filter(pk=self.instance.pk, version=opened_at).update(
                version=F("version") + 1
            )
            if not claimed:
                raise StaleEdit(self.stale_message())
            self.instance.version = opened_at + 1
            return super().save(commit=commit)


def locked(record, drawn_version: int | None = None):
    """`record` as stored, its row locked until the transaction ends (call it in one). Refused
    (StaleEdit) if it changed after a form drawn at `drawn_version` showed it; None (no form
    said, as from a script) takes it as it is now."""
    stored = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if drawn_version is not None and stored.version != drawn_version:
        raise StaleEdit(stale_decision_message(stored))
    return stored


def write(stored, values: dict, reason: str):
    """A decision written onto the locked row `stored` (from `locked`): only `values`, and the
    version bumped, so that every other field stays as stored and any form opened before is
    refused; the history records the row as it now is, with `reason`."""
    for name, value in values.items():
        setattr(stored, name, value)
    stored.version += 1
    stored._change_reason = reason
    stored.save(update_fields=[*values, "version"])
    return stored


NUMBER = re.compile("[0-9]{1,18}")


class DrawnVersionsMixin(forms.Form):
    """A decision's form: it carries the version of each record it may decide on as the form
    was drawn, so that the decision is refused if the record changed since.

    The record is either the one given (`record=`), or the one chosen in the form's field
    named `decides_on` (a ModelChoiceField), out of those it offered."""

    versions = forms.CharField(widget=forms.HiddenInput, required=False)
    decides_on = ""

    def __init__(self, *args, record=None, **kwargs):
        self.record = record
        super().__init__(*args, **kwargs)
        # Worked out as the form is drawn, once every __init__ has set the choices.
        self.fields["versions"].initial = self._versions_now

    def _versions_now(self) -> str:
        if self.record is not None:
            drawn = [(self.record.pk, self.record.version)]
        else:
            drawn = self.fields[self.decides_on].queryset.values_list("pk", "version")
        return " ".join(f"{pk}:{version}" for pk, version in drawn)

    def clean_versions(self):
        if self.add_prefix("versions") not in self.data:
            return None  # sent without drawing the form: the records are taken as they are
        drawn = {}
        for pair in self.cleaned_data["versions"].split():
            pk, _, version = pair.partition(":")
            if NUMBER.fullmatch(pk) and NUMBER.fullmatch(version):
                drawn[int(pk)] = int(version)
        return drawn

    def record_decided(self):
        """The record the decision is about, as stored now (even if no longer among the
        choices); None if there is none."""
        if self.record is not None:
            return self.record
        chosen = str(self.data.get(self.add_prefix(self.decides_on), ""))
        if not NUMBER.fullmatch(chosen):
            return None
        model = self.fields[self.decides_on].queryset.model
        return model._default_manager.filter(pk=int(chosen)).first()

    def drawn_version(self, record) -> int | None:
        """The version `record` had when the form was drawn: None if the form was sent without
        being drawn; 0 (no version's number: refused as changed) if it was not offered."""
        drawn = self.cleaned_data.get("versions")
        return None if drawn is None else drawn.get(record.pk, 0)

    def clean(self):
        cleaned = super().clean()
        if "versions" not in cleaned:
            return cleaned
        record = self.record_decided()
        if record is not None and self.drawn_version(record) not in (None, record.version):
            # "Select a valid choice" would not say why: it changed (ratified, closed, ...).
            self._errors.pop(self.decides_on, None)
            raise ValidationError(stale_decision_message(record), code="stale")
        return cleaned
