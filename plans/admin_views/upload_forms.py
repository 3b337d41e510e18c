"""The plan upload's two forms: the file (step 1), and what the columns and status words hold
(step 2, drawn from the preview). Each control is tied to its hint and its errors
(aria-describedby, aria-invalid), so a screen reader hears why a choice was refused."""

import json

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from wagtail_minimum_standards.compliance.models import Framework
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.workbooks import MAX_ROWS

from ..models import Meaning, StatusMeaning
from ..models.layout import FIELD_OF_MEANING, LISTED_MEANINGS
from ..spreadsheets.listed import joined


class DescribedFieldsMixin:
    """Each control names its hint and error text (aria-describedby), and says it is invalid."""

    def full_clean(self):
        super().full_clean()
        self.describe()

    def describe(self) -> None:
        errors = self._errors or {}
        for name, field in self.fields.items():
            bound = self[name]
            ids = [f"{bound.auto_id}-helptext"] if field.help_text else []
            field.widget.attrs.pop("aria-invalid", None)
            if name in errors:
                ids.append(f"{bound.auto_id}-errors")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class PlanUploadForm(DescribedFieldsMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "The plan's first sheet: a title (optional), a row of headings, then a row per "
            "item, in any columns."
        ),
    )
    framework = forms.ModelChoiceField(
        Framework.objects.all(),
        label=gettext_lazy("Framework"),
        required=False,
        help_text=gettext_lazy("The framework whose standards the plan names, if any."),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Defaults to the title above the headings, if the sheet has one."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an Excel workbook (.xlsx)."))
        return upload


def column_field(position: int) -> str:
    return f"column_{position}"


def status_field(position: int) -> str:
    return f"status_{position}"


def word_field(position: int) -> str:
    return f"word_{position}"


class PreviewForm(DescribedFieldsMixin, forms.Form):
    """The choices a preview was drawn with, as the manager may change them: the heading row,
    what each column holds and what each status word means. Drawn from the preview itself, so
    the selects show what the preview shows; the preview's errors at a heading are that
    column's errors."""

    heading_row = forms.IntegerField(
        label=gettext_lazy("Row of the headings"),
        min_value=1,
        max_value=MAX_ROWS,
        help_text=gettext_lazy(
            "Change it if the headings are in another row; each column's choice is then "
            "suggested again."
        ),
    )
    drawn_row = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, preview, *args, refused_row: str | None = None, **kwargs):
        self.preview, self.refused_row = preview, refused_row
        row = preview.heading_row if refused_row is None else refused_row
        data = {"heading_row": row, "drawn_row": preview.heading_row}
        super().__init__(data, *args, **kwargs)
        first = preview.items[0] if preview.items else None
        for position, (heading, meaning) in enumerate(preview.columns):
            letter = get_column_letter(position + 1)
            name = column_field(position)
            self.fields[name] = forms.ChoiceField(
                label=(
                    _("Column %(letter)s, “%(heading)s”, holds")
                    % {"letter": letter, "heading": heading}
                    if heading.strip()
                    else _("Column %(letter)s (no heading) holds") % {"letter": letter}
                ),
                choices=Meaning.choices,
                help_text=_first_cell(preview, first, position),
            )
            data[name] = meaning if meaning in Meaning.values else ""
        for position, (word, meaning) in enumerate(preview.statuses):
            self.fields[word_field(position)] = forms.CharField(
                widget=forms.HiddenInput, strip=False
            )
            data[word_field(position)] = json.dumps(word)  # a line break survives the form
            self.fields[status_field(position)] = forms.ChoiceField(
                label=_("“%(word)s” means") % {"word": word},
                choices=[("", _("Say what it means")), *StatusMeaning.choices],
                required=False,
            )
            data[status_field(position)] = meaning

    @property
    def column_fields(self):
        return [self[column_field(n)] for n in range(len(self.preview.columns))]

    @property
    def status_fields(self):
        return [self[status_field(n)] for n in range(len(self.preview.statuses))]

    def clean(self):
        preview = self.preview
        if self.refused_row is not None:  # one message, whatever was typed
            self.errors.pop("heading_row", None)
            self.add_error(
                "heading_row",
                _("Give the row's number, from 1 to %(most)s.") % {"most": f"{MAX_ROWS:,}"},
            )
        for position, (_said, meaning) in enumerate(preview.statuses):
            if not meaning:
                self.add_error(status_field(position), _("Choose what it means."))
        for position in range(len(preview.columns)):
            place = SheetErrors()
            place.add(preview.sheet, preview.heading_row, position + 1, "")
            prefix = place.errors[0]
            for error in preview.errors.errors:
                if error.startswith(prefix):
                    self.add_error(column_field(position), error[len(prefix) :])
        return self.cleaned_data


def _first_cell(preview, first, position: int) -> str:
    """The column's cell in the first item's row, as a hint of what it holds."""
    if first is None:
        return ""
    meaning = preview.columns[position][1]
    if meaning in FIELD_OF_MEANING:
        cell = first.fields.get(FIELD_OF_MEANING[meaning], "")
    elif meaning in LISTED_MEANINGS:
        cell = joined(getattr(first, LISTED_MEANINGS[meaning]))
    else:
        cell = first.extra.get(str(position), "")
    if not cell.strip():
        return _("In row %(row)s: empty.") % {"row": first.row}
    return _("In row %(row)s: “%(text)s”") % {
        "row": first.row,
        "text": Truncator(" ".join(cell.split())).chars(60),
    }


def choices_from(data) -> tuple[dict, str | None]:
    """What the manager chose, from a posted preview form: the keywords prepare() takes, and
    the heading row as typed if it is no row's number. A changed heading row starts the
    columns' choices afresh (the columns may be others)."""
    typed = data.get("heading_row", "")
    row = _number(typed)
    drawn = _number(data.get("drawn_row"))
    refused = None if row and 1 <= row <= MAX_ROWS else typed
    meanings = []
    while column_field(len(meanings)) in data:
        meanings.append(data[column_field(len(meanings))])
    statuses = {}
    position = 0
    while word_field(position) in data:
        meaning = data.get(status_field(position), "")
        if meaning in StatusMeaning.values:
            word = _word(data[word_field(position)])
            if word is not None:
                statuses[word] = meaning
        position += 1
    if refused is not None:
        row = drawn
    elif row != drawn:
        meanings = []
    choices = {
        "heading_row": row,
        "meanings": [m if m in Meaning.values else "" for m in meanings] or None,
        "status_meanings": statuses,
    }
    return choices, refused


def _word(sent: str) -> str | None:
    try:
        word = json.loads(sent)
    except ValueError:
        return None
    return word if isinstance(word, str) else None


def _number(text):
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None
