"""Dates as a person in England types and reads them, whatever the host site's settings.

Every date the tracker asks for (a meeting, a self-assessment, a plan's period, an item's due
date, an action done, a progress update, an evidence link's review-by date) is typed as
30/06/2027, 30/6/2027, 30 June 2027, 30 Jun 2027 or 2027-06-30, and shown as 30/06/2027.

Why the tracker needs its own field: Wagtail's date picker (AdminDateInput) re-reads what was
typed when the field loses focus, in the format WAGTAIL_DATE_FORMAT gives (2027-06-30 unless a
site sets it), and when it cannot read it, it puts today's date in its place (the picker's
`validateOnBlur`). So 30/06/2027 was saved as today, without a word. Here the picker shows
30/06/2027 and never changes what was typed; the server reads it, and a date it cannot read is
a form error that names the field (nothing else typed is lost).
"""

import argparse
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.widgets import AdminDateInput

SHOWN = "%d/%m/%Y"  # 30/06/2027
# strptime takes 30/6/2027 for %d/%m/%Y and any case of the month's name; %Y wants 4 digits.
TYPED = (SHOWN, "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
EXAMPLES = gettext_lazy("For example, 30/06/2027 or 30 June 2027.")


def read(text: str) -> datetime.date | None:
    """The date `text` is written as, in one of the forms above, or None."""
    text = " ".join(str(text).split())
    for form in TYPED:
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def argument(text: str) -> datetime.date:
    """A date given to a command (argparse's `type`), in the same forms; else the command
    stops, saying so."""
    date = read(text)
    if date is None:
        raise argparse.ArgumentTypeError(
            gettext("“%(typed)s” is not a date we can read: give it as 30/06/2027 or 2027-06-30")
            % {"typed": text}
        )
    return date


def in_words(value) -> str:
    """30 June 2027, its month named in the active language; "" for no date."""
    return date_format(value, "j F Y") if value else ""


def column(name: str, label):
    """A list column (modeladmin's list_display) showing a model's date as 30 June 2027,
    whatever the host's DATE_FORMAT, and sorting by it."""

    def shown(model_admin, obj) -> str:
        return in_words(getattr(obj, name))

    shown.short_description = label
    shown.admin_order_field = name
    return shown


class DateInput(AdminDateInput):
    """Wagtail's date picker, showing 30/06/2027 and leaving what was typed as it was typed."""

    def __init__(self, attrs=None, format=None):  # whatever format is asked for: SHOWN
        super().__init__(attrs=attrs, format=SHOWN)

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DateField(forms.DateField):
    """A date typed in any of the forms above; anything else is refused, naming the field."""

    widget = DateInput

    def __init__(self, **kwargs):
        kwargs.pop("input_formats", None)
        kwargs["help_text"] = kwargs.get("help_text") or EXAMPLES
        super().__init__(**kwargs)

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise ValidationError(
                gettext_lazy("%(field)s: type a date, such as 30/06/2027."),
                code="required",
                params={"field": self.label or gettext_lazy("Date")},
            )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        date = read(value)
        if date is None:
            raise ValidationError(
                gettext_lazy(
                    "%(field)s: “%(typed)s” is not a date we can read. Type it as 30/06/2027 "
                    "or 30 June 2027."
                ),
                code="invalid",
                params={"field": self.label or gettext_lazy("Date"), "typed": value},
            )
        return date


class ModelDateField(models.DateField):
    """A model's date whose form field, in any form made from the model (Wagtail's editors
    included), is DateField above. Migrations see Django's own DateField: nothing to migrate."""

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": DateField, "widget": DateInput})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs
