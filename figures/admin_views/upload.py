"""Figures uploaded in the admin, previewed, then imported: the Service manager's own
"manage.py minimum_standards_import_figures", with what changes on screen first.

1. figures_upload: the .xlsx file. A file the upload limits refuse is listed problem by
   problem, and nothing is kept. Else the bytes are kept on the server (FiguresUpload, never
   the session) and the preview opens.
2. figures_upload_preview: every problem, each naming its cell, or which figures change from
   what to what. "Import" saves them all in one transaction (read again, against the figures
   as they are then) and deletes the upload; "Cancel" deletes it. Nothing is saved before.
"""

import io

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail_minimum_standards.compliance.admin_views.actions import upload_limits
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors

from ..models import FiguresUpload, YearLocked
from ..spreadsheets.figures_import import prepare, save
from .access import can_run, requires

SHOWN_CHANGES = 200  # changes listed on the preview; the rest are counted
HUB = "minimum_standards_figures_spreadsheets"


class FiguresUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A row a figure under the headings measure key, measure name, year, period, "
            "breakdown value and value: download a year's figures to fill in. A blank value "
            "means no figure."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an Excel workbook (.xlsx)."))
        return upload


@requires(can_run)
def figures_upload(request):
    form = FiguresUploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            prepare(file)
        except SheetErrors as errors:  # the file itself: its size, shape or a formula
            problems = errors
        else:
            FiguresUpload.objects.forget_expired()
            file.seek(0)
            upload = FiguresUpload.objects.create(
                data=file.read(), file_name=file.name[:255], uploaded_by=request.user
            )
            return redirect("minimum_standards_figures_upload_preview", upload.token)
    intro = " ".join(
        [
            _(
                "Step 1 of 2: choose the workbook. Nothing is imported until you have seen "
                "which figures change and chosen Import."
            ),
            upload_limits(),
        ]
    )
    context = {"title": _("Upload figures"), "form": form, "problems": problems, "intro": intro}
    return TemplateResponse(request, "minimum_standards/admin/upload.html", context)


@requires(can_run)
def figures_upload_preview(request, token):
    upload = FiguresUpload.objects.current().filter(pk=token).first()
    if upload is None:
        return _gone(request)
    if request.method == "POST" and "cancel" in request.POST:
        upload.delete()
        messages.success(request, _("Upload cancelled: nothing was imported."))
        return redirect(HUB)
    preview = prepare(io.BytesIO(upload.data))
    importable = not preview.errors.errors
    if request.method == "POST" and "import" in request.POST and importable:
        try:
            changed = _import(upload)
        except (SheetErrors, YearLocked) as refused:  # changed meanwhile by another request
            problem = refused.messages[0] if isinstance(refused, YearLocked) else str(refused)
            messages.error(request, _("Nothing was imported: %(problem)s") % {"problem": problem})
            return redirect("minimum_standards_figures_upload_preview", upload.token)
        if changed is None:
            return _gone(request)
        messages.success(
            request,
            ngettext(
                "Imported: %(count)s figure changed.",
                "Imported: %(count)s figures changed.",
                changed,
            )
            % {"count": f"{changed:,}"},
        )
        return redirect(HUB)
    context = {
        "title": _("Preview the figures"),
        "upload": upload,
        "preview": preview,
        "importable": importable,
        "changes": preview.changes[:SHOWN_CHANGES],
        "more_changes": max(len(preview.changes) - SHOWN_CHANGES, 0),
        "hub_url": reverse(HUB),
    }
    return TemplateResponse(
        request, "minimum_standards_figures/admin/figures_upload_preview.html", context
    )


def _gone(request):
    messages.error(
        request,
        _("That upload was imported, cancelled or is more than a day old: upload the file "
          "again."),
    )  # fmt: skip
    return redirect("minimum_standards_figures_upload")


def _import(upload) -> int | None:
    """The figures saved with the upload deleted, all in one transaction, read again against
    the figures as they are now; None if another request imported (or cancelled) it first."""
    with transaction.atomic():
        locked = FiguresUpload.objects.select_for_update().filter(pk=upload.pk).first()
        if locked is None:
            return None
        preview = prepare(io.BytesIO(locked.data))
        changed = save(preview, user=locked.uploaded_by)  # the history names who uploaded it
        locked.delete()
    return changed
