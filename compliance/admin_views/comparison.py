"""Two self-assessments side by side (of one framework, or of two through the mapping between
them), and every assessment's counts as a chart."""

from django import forms
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from ..models import SelfAssessment
from ..reports import NoMapping, compare, counts_across, mapping_for
from ..spreadsheets.assessments import export_comparison
from .access import can_read, requires
from .responses import xlsx_response

CHART_BAR_HEIGHT = 18


class CompareForm(forms.Form):
    first = forms.ModelChoiceField(
        SelfAssessment.objects.select_related("framework"), label=gettext_lazy("Earlier")
    )
    second = forms.ModelChoiceField(
        SelfAssessment.objects.select_related("framework"), label=gettext_lazy("Later")
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("first"), cleaned.get("second")
        if first and second and first.pk == second.pk:
            raise forms.ValidationError(_("Choose two different self-assessments."))
        if first and second and first.framework_id != second.framework_id:
            try:
                mapping_for(first, second)
            except NoMapping as problem:
                raise forms.ValidationError(str(problem)) from None
        return cleaned


def chart(levels, rows) -> dict:
    """Bars for an SVG chart: one row per assessment, one segment per level, widths in %."""
    bars = []
    for position, (assessment, counts) in enumerate(rows):
        total = sum(counts) or 1
        x = 0.0
        segments = []
        for level, count in zip(levels, counts, strict=True):
            width = 100.0 * count / total
            segments.append({"level": level, "count": count, "x": x, "width": width})
            x += width
        bars.append(
            {
                "assessment": assessment,
                "y": position * (CHART_BAR_HEIGHT + 14),
                "segments": segments,
            }
        )
    return {
        "bars": bars,
        "height": len(rows) * (CHART_BAR_HEIGHT + 14),
        "bar_height": CHART_BAR_HEIGHT,
    }


@requires(can_read)
@require_safe
def comparison(request):
    form = CompareForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        first, second = form.cleaned_data["first"], form.cleaned_data["second"]
        comparison = compare(first, second)
        # Across a mapping, the counts are the later framework's, whose standards the rows follow.
        levels, rows = counts_across(comparison.second.framework)
        context.update(
            comparison=comparison,
            levels=levels,
            # Each count beside its level, so that a stacked row names its column.
            rows=[(row, list(zip(levels, counts, strict=True))) for row, counts in rows],
            chart=chart(levels, rows),
        )
    return TemplateResponse(request, "minimum_standards/admin/comparison.html", context)


@requires(can_read)
@require_safe
def comparison_export(request) -> HttpResponse:
    form = CompareForm(request.GET)
    if not form.is_valid():
        return comparison(request)
    first, second = form.cleaned_data["first"], form.cleaned_data["second"]
    # Translators: the name of a downloaded file (made into a slug, e.g. "comparison-3-5").
    name = _("comparison-%(first)s-%(second)s") % {"first": first.pk, "second": second.pk}
    return xlsx_response(export_comparison(first, second), name)
