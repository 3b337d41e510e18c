"""The rating form's evidence lines: for each line of the standard, a level on each of the
framework's line scales and a comment, in a fieldset of its own (EvidenceLinesPanel)."""

from django import forms
from django.db.models import Prefetch
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import ObjectList, Panel

from ..models import EvidenceLine, LineLevel, LineRating, LineScale
from ..spreadsheets.cells import CELL_LIMIT

PREFIX = "line-"


def add_line_fields(form) -> None:
    """Give a rating form the fields of its standard's evidence lines (none if it has none);
    form.line_fieldsets lists them, line by line."""
    rating = form.instance
    lines = list(EvidenceLine.objects.filter(standard_id=rating.standard_id))
    form.line_fieldsets = []
    if not lines:
        return
    scales = list(
        LineScale.objects.filter(framework_id=rating.assessment.framework_id).prefetch_related(
            Prefetch("levels", queryset=LineLevel.objects.order_by("-position", "pk"))
        )
    )
    stored = {lr.line_id: lr for lr in LineRating.objects.filter(rating_id=rating.pk)}
    for line in lines:
        given = stored.get(line.pk)
        chosen = given.level_ids() if given else {}
        names = []
        for scale in scales:
            name = f"{PREFIX}{line.pk}-scale-{scale.pk}"
            form.fields[name] = forms.TypedChoiceField(
                label=scale.name,
                choices=[("", _("Not rated")), *((lv.pk, str(lv)) for lv in scale.levels.all())],
                coerce=int,
                empty_value=None,
                required=False,
                initial=chosen.get(scale.pk),
            )
            names.append(name)
        name = f"{PREFIX}{line.pk}-comment"
        form.fields[name] = forms.CharField(
            label=_("Comment"),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
            strip=False,
            max_length=CELL_LIMIT,
            initial=given.comment if given else "",
        )
        names.append(name)
        form.line_fieldsets.append((line, scales, names))


def save_lines(form) -> None:
    """Store what the form's line fields say; a line's rating changes only where they do."""
    rating = form.instance
    stored = {lr.line_id: lr for lr in LineRating.objects.filter(rating_id=rating.pk)}
    for line, scales, names in form.line_fieldsets:
        levels = {
            str(scale.pk): form.cleaned_data[name]
            for scale, name in zip(scales, names, strict=False)
            if form.cleaned_data[name] is not None
        }
        comment = form.cleaned_data[names[-1]]
        given = stored.get(line.pk)
        if given is None:
            if levels or comment:
                LineRating(rating=rating, line=line, levels=levels, comment=comment).save()
        elif (given.levels, given.comment) != (levels, comment):
            given.levels, given.comment = levels, comment
            given.save()


def clean_lines(form) -> None:
    """A level chosen must be one of its own scale's (the choices say so; checked again)."""
    for _line, scales, names in getattr(form, "line_fieldsets", []):
        for scale, name in zip(scales, names, strict=False):
            level = form.cleaned_data.get(name)
            if level is not None and level not in {lv.pk for lv in scale.levels.all()}:
                form.add_error(name, _("Choose a level of this scale."))


class EvidenceLinesPanel(Panel):
    """A fieldset per evidence line: its wording as the legend, a level per line scale and a
    comment. Shown only for a standard that has lines."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Evidence lines"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "minimum_standards/admin/_evidence_lines.html"

        def is_shown(self):
            return bool(getattr(self.form, "line_fieldsets", None))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["fieldsets"] = [
                (line, [self.form[name] for name in names])
                for line, _scales, names in self.form.line_fieldsets
            ]
            return context


class RatingObjectList(ObjectList):
    """The rating form's panels; the evidence lines' fields are the EvidenceLinesPanel's to
    render, never appended raw at the end of the form."""

    class BoundPanel(ObjectList.BoundPanel):
        def render_missing_fields(self):
            claimed = self.panel.get_form_options().get("fields", [])
            return mark_safe(  # noqa: S308 - Django's own rendering of the form's fields
                "".join(
                    str(self.form[name])
                    for name in self.form.fields
                    if name not in claimed and not name.startswith(PREFIX)
                )
            )
