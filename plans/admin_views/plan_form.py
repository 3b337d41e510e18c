"""The plan's form: its columns and status words, checked as a whole before anything is saved."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import Meaning


def _kept(formset):
    """The forms of an inline formset that will be saved (not deleted, not left empty)."""
    return [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class DeliveryPlanForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        columns, statuses = self.formsets.get("columns"), self.formsets.get("statuses")
        if columns is not None:
            meanings = Counter(f.cleaned_data["meaning"] for f in _kept(columns))
            twice = [m for m, n in meanings.items() if n > 1 and m != Meaning.TEXT]
            for meaning in twice:
                self.add_error(
                    None,
                    _("Only one column may hold the %(meaning)s: keep the others as text.")
                    % {"meaning": str(Meaning(meaning).label).lower()},
                )
        if statuses is not None:
            kept = _kept(statuses)
            words = Counter(f.cleaned_data["label"] for f in kept)
            for word in (w for w, n in words.items() if n > 1):
                self.add_error(
                    None, _("The status word “%(word)s” is there twice.") % {"word": word}
                )
            if self.instance.pk:
                self._check_words_in_use(statuses, {f.instance.pk for f in kept})
        return cleaned

    def _check_words_in_use(self, statuses, kept_ids):
        """A word some items have may be renamed (they follow) but not taken away."""
        for form in statuses.forms:
            old = form.instance
            if not old.pk or old.pk in kept_ids:
                continue
            count = self.instance.items.filter(status=old.label).count()
            if count:
                self.add_error(
                    None,
                    ValidationError(
                        ngettext(
                            "“%(word)s” is the status of %(count)s item: give it another status "
                            "first, or rename the word.",
                            "“%(word)s” is the status of %(count)s items: give them another "
                            "status first, or rename the word.",
                            count,
                        )
                        % {"word": old.label, "count": count}
                    ),
                )
