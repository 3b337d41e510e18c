"""Two people editing the same record: the second save is refused, nothing is overwritten.

A model with a `version` field is edited through a form with this mixin. The form
carries the version it was opened at; saving succeeds only if the record still has
that version, and then bumps it, in one conditional UPDATE.
"""

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _


class StaleEdit(Exception):
    pass


class OptimisticLockFormMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def stale_message(self) -> str:
        last = self.instance.history.select_related("history_user").first()
        user = last.history_user if last else None
        if user is None:
            return _(
                "Someone else saved this since you opened it. Nothing you typed was saved: "
                "copy your changes, reload the page to see theirs, and try again."
            )
        return _(
            "Someone else saved this since you opened it (%(person)s). Nothing you typed was "
            "saved: copy your changes, reload the page to see theirs, and try again."
        ) % {"person": user.get_full_name() or user.get_username()}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned  # a new record: nobody else can have saved it
        opened_at = cleaned.get("version")
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
