"""The plan's columns kept as text (PlanItem.extra), edited in the item's form: one labelled text
area for each, headed as the plan heads it."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.spreadsheets.cells import CELL_LIMIT

from ..models import Meaning


class TextColumnsWidget(forms.Widget):
    def __init__(self, columns, attrs=None):
        super().__init__(attrs)
        self.columns = columns  # (position, heading)

    def render(self, name, value, attrs=None, renderer=None):
        value = value or {}
        if not self.columns:
            return format_html("<p>{}</p>", _("This plan has no columns kept as text."))
        return format_html_join(
            "",
            '<div class="w-field__wrapper"><label class="w-field__label" for="id_{0}_{1}">{2}'
            '</label><textarea id="id_{0}_{1}" name="{0}_{1}" rows="2" cols="40" '
            'maxlength="{4}">{3}</textarea></div>',
            (
                (name, position, heading or _("Column %(n)s") % {"n": position + 1},
                 value.get(str(position), ""), CELL_LIMIT)
                for position, heading in self.columns
            ),
        )  # fmt: skip

    def value_from_datadict(self, data, files, name):
        return {
            str(position): data.get(f"{name}_{position}", "").replace("\r\n", "\n")
            for position, _heading in self.columns
        }

    def id_for_label(self, id_):
        return None  # each text area has its own label


class TextColumnsField(forms.Field):
    """{position: text} for the plan's text columns; what the item holds for other columns
    (a plan's columns may have been changed since) is kept as it was."""

    def __init__(self, columns, kept=None, **kwargs):
        self.kept = kept or {}
        super().__init__(widget=TextColumnsWidget(columns), required=False, **kwargs)

    def prepare_value(self, value):
        return value  # the widget shows the dict itself

    def to_python(self, value):
        value = value if isinstance(value, dict) else {}
        too_long = [k for k, text in value.items() if len(text) > CELL_LIMIT]
        if too_long:
            raise forms.ValidationError(
                _("A text may hold at most %(limit)s characters.") % {"limit": f"{CELL_LIMIT:,}"}
            )
        return {**self.kept, **value}

    def has_changed(self, initial, data):
        return (initial or {}) != self.to_python(data)


def text_columns_field(item, label) -> TextColumnsField:
    plan = item.plan if item.plan_id else None
    columns = (
        [(c.position, c.heading) for c in plan.columns.filter(meaning=Meaning.TEXT)] if plan else []
    )
    kept = {k: v for k, v in (item.extra or {}).items() if int(k) not in dict(columns)}
    return TextColumnsField(columns, kept=kept, label=label)
