"""A plan uploaded in the admin, previewed, then imported: the Service manager's own
"manage.py minimum_standards_import_plan", with every choice on screen.

1. plan_upload: the .xlsx file, a framework and a title (both optional). A file the upload
   limits or the reading refuse is listed problem by problem, and nothing is kept. Else the
   bytes are kept on the server (PlanUpload, never the session) and the preview opens.
2. plan_upload_preview: the headings, what each column holds and what each status word means
   (suggested, and the manager may change them), what each row becomes, every warning and
   every error. "Preview again" reads the file again with the choices; "Import" saves the plan
   in one transaction and deletes the upload; "Cancel" deletes it.
"""

import io

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance.admin_views.actions import upload_limits
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors

from ..models import PlanUpload, StatusMeaning
from ..spreadsheets import prepare, save
from .access import can_run, requires
from .upload_forms import PlanUploadForm, PreviewForm, choices_from

SHOWN_ROWS = 50  # rows shown on the preview; the rest are counted
PLANS = "minimum_standards_plans_deliveryplan_modeladmin_index"
BUTTON = ("minimum_standards_plans_plan_upload", can_run)  # on the Plans list: who sees it


@requires(can_run)
def plan_upload(request):
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        file, data = form.cleaned_data["file"], form.cleaned_data
        try:
            prepare(file, data["framework"], data["title"])
        except SheetErrors as errors:  # the file itself: its size, shape or a formula
            problems = errors
            form.add_error("file", _("Nothing was kept: see the problems listed on this page."))
        else:
            PlanUpload.objects.forget_expired()
            file.seek(0)
            upload = PlanUpload.objects.create(
                data=file.read(),
                file_name=file.name[:255],
                framework=data["framework"],
                title=data["title"],
                uploaded_by=request.user,
            )
            return redirect("minimum_standards_plans_plan_upload_preview", upload.token)
    context = {
        "title": _("Upload a plan"),
        "form": form,
        "problems": problems,
        "intro": upload_limits(),
        "plans_url": reverse(PLANS),
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/plan_upload.html", context)


@requires(can_run)
def plan_upload_preview(request, token):
    upload = PlanUpload.objects.current().select_related("framework").filter(pk=token).first()
    if upload is None:
        return _gone(request)
    if request.method == "POST" and "cancel" in request.POST:
        upload.delete()
        messages.success(request, _("Upload cancelled: nothing was imported."))
        return redirect(PLANS)
    choices, refused_row = choices_from(request.POST) if request.method == "POST" else ({}, None)
    # Read without a refusal at the upload, so it reads again; the choices' problems are
    # the preview's errors.
    preview = prepare(io.BytesIO(upload.data), upload.framework, upload.title, **choices)
    form = PreviewForm(preview, refused_row=refused_row)
    importable = form.is_valid() and not preview.errors.errors
    if request.method == "POST" and "import" in request.POST:
        if importable:
            plan = _import(upload, preview)
            if plan is None:  # imported or cancelled a moment ago, in another request
                return _gone(request)
            count = len(preview.items)
            messages.success(
                request,
                ngettext(
                    "Imported “%(plan)s” with %(count)s item.",
                    "Imported “%(plan)s” with %(count)s items.",
                    count,
                )
                % {"plan": plan, "count": f"{count:,}"},
            )
            return redirect("minimum_standards_plans_plan_view", plan.pk)
        form.add_error(
            None, _("Nothing was imported: put right the problems listed on this page first.")
        )
    context = {
        "title": _("Preview the upload"),
        "upload": upload,
        "preview": preview,
        "form": form,
        "importable": importable,
        "rows": [_row(preview, item) for item in preview.items[:SHOWN_ROWS]],
        "more_rows": max(len(preview.items) - SHOWN_ROWS, 0),
        "plans_url": reverse(PLANS),
    }
    return TemplateResponse(
        request, "minimum_standards_plans/admin/plan_upload_preview.html", context
    )


def _gone(request):
    messages.error(
        request,
        _("That upload was imported, cancelled or is more than a day old: upload the file "
          "again."),
    )  # fmt: skip
    return redirect("minimum_standards_plans_plan_upload")


def _import(upload, preview):
    """The plan, saved with the upload deleted, all in one transaction; None if another
    request imported (or cancelled) the upload first."""
    with transaction.atomic():
        locked = PlanUpload.objects.select_for_update().filter(pk=upload.pk).first()
        if locked is None:
            return None
        plan = save(preview, user=upload.uploaded_by)  # the history names who uploaded it
        locked.delete()
    return plan


def _row(preview, item) -> dict:
    """What the preview's table shows of an item."""
    fields = item.fields
    status = fields.get("status", "")
    meaning = dict(preview.statuses).get(status, "") if status else ""
    return {
        "row": item.row,
        "what": fields.get("objective") or fields.get("area_of_work", ""),
        "actions": len(item.actions),
        "owners": fields.get("owners", ""),
        "timescale": fields.get("timescale", ""),
        "due_date": item.due_date,
        "status": status,
        "meaning": StatusMeaning(meaning).label if meaning else "",
        "meaning_code": meaning,
    }
