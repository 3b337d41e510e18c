"""How the tracker names a person: their full name, or their username when they gave none.
One helper for every place a person is chosen or shown (who asked, who answered, who rated,
who changed what, who came, who owns an item), so the same person reads the same everywhere.
"""

from django import forms
from django.utils.translation import gettext as _


def name_of(user, missing: str | None = None) -> str:
    """A person's full name, else their username; `missing` (default: "a former member") when
    there is nobody (an account since deleted)."""
    if user is None:
        return _("a former member") if missing is None else missing
    return user.get_full_name().strip() or user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return name_of(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return name_of(obj)


def name_people(form, *field_names) -> None:
    """Label the choices of a form's person fields by name (e.g. a model form's many-to-many
    field to users, which Django labels by username)."""
    for field_name in field_names:
        form.fields[field_name].label_from_instance = name_of
