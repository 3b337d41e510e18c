"""A measure's form: the standards it evidences as boxes to tick, grouped under their
framework and section (a framework's 40 standards in one list say nothing of where they are)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from wagtail_minimum_standards.compliance.models import Standard


def grouped_standards() -> list:
    """[(framework: section, [(pk, "1.3 wording…"), …]), …], in the frameworks' order: one query."""
    groups: dict = {}
    found = Standard.objects.select_related("section__framework").order_by(
        "section__framework__name", "section__framework_id", "section__position", "position"
    )
    for standard in found:
        section = standard.section
        heading = f"{section.framework}: {section}"
        groups.setdefault(heading, []).append((standard.pk, f"{standard.code} {standard.text}"))
    return list(groups.items())


class MeasureForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "standards" in self.fields:
            field = self.fields["standards"]
            field.widget = forms.CheckboxSelectMultiple()
            field.choices = grouped_standards()  # still checked against the field's queryset
