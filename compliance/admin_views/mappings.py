"""Framework mappings in the admin: the editor's checks (the same rules as the upload), the
spreadsheet's download, blank template and upload with a preview (nothing saved until
*Import*)."""

import base64
import binascii

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from wagtail.admin.forms import WagtailAdminModelForm

from ..mapping_rules import Row, cycle_problem, level_problems, row_problems
from ..models import Framework, FrameworkMapping, Relation, Standard
from ..spreadsheets.errors import SheetErrors
from ..spreadsheets.mappings import blank_mapping, export_mapping, read_mapping, save_mapping
from ..spreadsheets.workbooks import MAX_FILE_BYTES
from .access import can_edit_mappings, can_read, requires
from .actions import _validated_upload, upload_limits
from .responses import xlsx_response


class FrameworkMappingForm(WagtailAdminModelForm):
    """A mapping and its rows, checked by the rules the upload uses (compliance/mapping_rules.py):
    each problem names its row. A partial mapping may be saved; what it leaves out is shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        standards = Standard.objects.select_related("section__framework").order_by(
            "section__framework__name", "section__position", "position"
        )
        for name in ("rows",):
            for form in self.formsets[name].forms + [self.formsets[name].empty_form]:
                for field in ("old_standard", "new_standard"):
                    form.fields[field].queryset = standards
                    form.fields[field].label_from_instance = _standard_label

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        old, new = self.cleaned_data["from_framework"], self.cleaned_data["to_framework"]
        loop = cycle_problem(old, new, mapping_pk=self.instance.pk)
        if loop:
            self.add_error("to_framework", loop)
            return False
        rows, numbers = self._kept("rows")
        problems = row_problems(
            old,
            new,
            [
                Row(f.cleaned_data.get("old_standard"), f.cleaned_data.get("new_standard"),
                    f.cleaned_data.get("relation") or "")
                for f in rows
            ],
        )  # fmt: skip
        levels, level_numbers = self._kept("level_rows")
        pairs = [(f.cleaned_data.get("old_level"), f.cleaned_data.get("new_level")) for f in levels]
        level_found = level_problems(old, new, pairs)
        for problem in problems:
            self.add_error(None, _row(_("Standards"), numbers[problem.index], problem.message))
        for problem in level_found:
            self.add_error(None, _row(_("Levels"), level_numbers[problem.index], problem.message))
        return not (problems or level_found)

    def _kept(self, name):
        """The formset's forms that are kept (not deleted, not left empty), and their numbers."""
        kept = [
            (number, form)
            for number, form in enumerate(self.formsets[name].forms, start=1)
            if form.has_changed() or form.instance.pk
            if not form.cleaned_data.get("DELETE")
        ]
        return [form for _n, form in kept], [n for n, _f in kept]


def _row(part, number, message) -> str:
    return _("%(part)s, row %(row)s: %(message)s") % {
        "part": part,
        "row": number,
        "message": message,
    }


def _standard_label(standard) -> str:
    return f"{standard.code} {standard.text[:60]} ({standard.section.framework})"


@requires(can_read)
@require_safe
def mapping_export(request, pk):
    mapping = get_object_or_404(FrameworkMapping, pk=pk)
    return xlsx_response(export_mapping(mapping), mapping.title)


class TemplateForm(forms.Form):
    from_framework = forms.ModelChoiceField(
        Framework.objects.all(), label=gettext_lazy("From framework (the earlier)")
    )
    to_framework = forms.ModelChoiceField(
        Framework.objects.all(), label=gettext_lazy("To framework (the later)")
    )

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("from_framework"), cleaned.get("to_framework")
        if old and new and old == new:
            raise ValidationError(_("Choose two different frameworks."))
        return cleaned


@requires(can_read)
@require_safe
def mapping_template(request):
    """Choose two frameworks; download their blank mapping template."""
    form = TemplateForm(request.GET or None)
    if form.is_valid():
        old, new = form.cleaned_data["from_framework"], form.cleaned_data["to_framework"]
        return xlsx_response(blank_mapping(old, new), f"mapping-{old.code}-{new.code}")
    intro = _(
        "Every standard of both frameworks is listed, the relation left blank: fill in each row "
        "(docs/spreadsheets.md) and upload it."
    )
    context = {"title": _("Download a blank mapping template"), "form": form, "intro": intro,
               "method": "get"}  # fmt: skip
    return TemplateResponse(request, "minimum_standards/admin/form_page.html", context)


class MappingUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"), help_text=gettext_lazy("The template in docs/spreadsheets.md.")
    )


@requires(can_edit_mappings)
def mapping_import(request):
    """Upload: the preview of what will be created or replaced; saved only by *Import*, whole,
    in one transaction (the workbook travels with the preview's form and is read again)."""
    form = MappingUploadForm(request.POST or None, request.FILES or None)
    problems, plan, data = None, None, ""
    if request.method == "POST" and "workbook" in request.POST:
        try:
            data = request.POST["workbook"]
            workbook = base64.b64decode(data.encode("ascii"), validate=True)
            if len(workbook) > MAX_FILE_BYTES:
                raise ValueError
            plan = read_mapping(_Upload(workbook))
        except (ValueError, binascii.Error, UnicodeEncodeError):
            messages.error(request, _("The preview's workbook was damaged: upload it again."))
            return redirect("minimum_standards_mapping_import")
        except SheetErrors as errors:
            problems, plan = errors, None
        else:
            mapping = save_mapping(plan)
            messages.success(
                request,
                _("Imported the mapping “%(mapping)s”: %(rows)s rows.")
                % {"mapping": mapping, "rows": len(plan.rows)},
            )
            missing = mapping.missing_summary()
            if missing:
                messages.warning(request, missing)
            return redirect("minimum_standards_frameworkmapping_modeladmin_index")
    elif request.method == "POST" and form.is_valid():
        try:
            upload = _validated_upload(form)
            workbook = upload.read(MAX_FILE_BYTES + 1)
            plan = read_mapping(_Upload(workbook))
        except ValidationError as error:
            form.add_error("file", error)
        except SheetErrors as errors:
            problems = errors
            form.add_error("file", _("Nothing was imported: see the problems listed above."))
        else:
            data = base64.b64encode(workbook).decode("ascii")
    context = {
        "title": _("Import a framework mapping"),
        "form": form,
        "problems": problems,
        "intro": upload_limits(),
        "plan": plan,
        "workbook": data,
        "relations": [
            (label, (plan.counts() if plan else {}).get(value, 0))
            for value, label in Relation.choices
        ],
    }
    return TemplateResponse(request, "minimum_standards/admin/mapping_upload.html", context)


class _Upload:
    """Bytes read as the upload they came from (open_workbook reads a file-like object)."""

    def __init__(self, data: bytes):
        import io

        self._buffer = io.BytesIO(data)
        self.read, self.seek = self._buffer.read, self._buffer.seek
