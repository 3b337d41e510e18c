"""The "Delivery plans" menu: plans, Advisory Group meetings, and the item editor."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail_modeladmin.options import ModelAdminGroup
from wagtail_modeladmin.views import EditView

from wagtail_minimum_standards.compliance import dates
from wagtail_minimum_standards.compliance.admin_views.modeladmins import (
    HiddenMenuItem,
    TrackerModelAdmin,
)
from wagtail_minimum_standards.compliance.concurrency import OptimisticLockFormMixin, StaleEdit
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting

from ..models import AnnualReport, DeliveryPlan, PlanItem
from . import (
    annual_reports,
    drafts,
    items,
    meeting_record,
    plan_view,
    question_list,
    ratify,
    review_views,
    upload,
)
from .access import can_read
from .plan_form import DeliveryPlanForm

# (route under /admin/minimum_standards_plans/, view, URL name after "minimum_standards_plans_")
EXTRA_VIEWS = [
    ("plan/<int:pk>/", plan_view.plan_view, "plan_view"),
    ("plan/<int:pk>/export/", items.plan_export, "plan_export"),
    ("plan/<int:pk>/history/", items.plan_history, "plan_history"),
    ("plan/upload/", upload.plan_upload, "plan_upload"),
    ("plan/upload/<uuid:token>/", upload.plan_upload_preview, "plan_upload_preview"),
    ("item/<int:pk>/progress/", items.add_update, "item_update"),
    ("item/<int:pk>/history/", items.item_history, "item_history"),
    ("meeting/<int:pk>/review/", review_views.review, "meeting_review"),
    ("meeting/<int:pk>/pack/", review_views.pack, "meeting_pack"),
    ("meeting/<int:pk>/record/", meeting_record.record, "meeting_record"),
    ("meeting/<int:pk>/decision/<str:kind>/", meeting_record.decision, "meeting_decision"),
    ("meeting/<int:pk>/minutes/", meeting_record.minutes, "meeting_minutes"),
    ("meeting/<int:pk>/history/", meeting_record.meeting_history, "meeting_history"),
    ("meeting/<int:pk>/minutes.docx", meeting_record.minutes_word, "meeting_minutes_word"),
    ("assessment/<int:pk>/ratify/", ratify.ratify, "assessment_ratify"),
    ("assessment/<int:pk>/drafts/", drafts.drafts, "assessment_drafts"),
    ("questions/", question_list.question_list_view, "questions"),
    ("annual-reports/", annual_reports.report_list, "annual_reports"),
    ("year/<int:pk>/annual-report/", annual_reports.report_view, "annual_report"),
    ("year/<int:pk>/annual-report/write/", annual_reports.report_write, "annual_report_write"),
    ("year/<int:pk>/annual-report.docx", annual_reports.report_word, "annual_report_word"),
    (
        "year/<int:pk>/annual-report/approve/",
        annual_reports.report_approve,
        "annual_report_approve",
    ),
]


class DeliveryPlanAdmin(TrackerModelAdmin):
    model = DeliveryPlan
    menu_label = gettext_lazy("Plans")
    menu_icon = "list-ol"
    import_view = upload.BUTTON  # "Upload a plan", for the Service manager
    import_label = gettext_lazy("Upload a plan")
    list_display = ("plan_link", "starts", "ends", "status")
    starts = dates.column("period_start", gettext_lazy("period start"))
    ends = dates.column("period_end", gettext_lazy("period end"))
    list_filter = ("status",)
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            FieldPanel("status"),
            FieldPanel("framework"),
            InlinePanel(
                "columns",
                label=gettext_lazy("Columns"),
                help_text=gettext_lazy(
                    "The plan's columns in order, each heading as the plan writes it (up to 255 "
                    "characters, or none) and what it holds. A new plan starts with Appendix 4's."
                ),
                panels=[FieldPanel("position"), FieldPanel("heading"), FieldPanel("meaning")],
            ),
            InlinePanel(
                "statuses",
                label=gettext_lazy("Status words"),
                help_text=gettext_lazy(
                    "The plan's own status words (e.g. Red, Amber, Green) and what each means: "
                    "open items are overdue once past their due date. A new plan starts with "
                    "the 2018 words."
                ),
                panels=[FieldPanel("position"), FieldPanel("label"), FieldPanel("meaning")],
            ),
        ],
        base_form_class=DeliveryPlanForm,
    )
    create_view_class = items.PlanCreateView
    edit_view_class = items.PlanEditView

    def plan_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("minimum_standards_plans_plan_view", args=[obj.pk]),
            obj.title,
        )

    plan_link.short_description = gettext_lazy("Plan")

    def get_admin_urls_for_registration(self):
        label = self.opts.app_label  # the URLs are the app's own, like modeladmin's
        extra = [
            path(f"{label}/{route}", view, name=f"{label}_{name}")
            for route, view, name in EXTRA_VIEWS
        ]
        return (*super().get_admin_urls_for_registration(), *extra)


class PlanItemAdmin(TrackerModelAdmin):
    model = PlanItem
    menu_label = gettext_lazy("Plan items")
    create_view_class = items.PlanItemCreateView
    edit_view_class = items.PlanItemEditView
    edit_handler = ObjectList(
        [
            FieldPanel("plan"),
            FieldPanel("position"),
            FieldPanel("area_of_work"),
            FieldPanel("standards_text"),
            FieldPanel("standards"),
            FieldPanel("objective"),
            InlinePanel(
                "actions",
                label=gettext_lazy("Actions"),
                panels=[FieldPanel("number"), FieldPanel("text"), FieldPanel("done_on")],
            ),
            InlinePanel(
                "outcomes",
                label=gettext_lazy("Outcomes"),
                panels=[FieldPanel("number"), FieldPanel("text")],
            ),
            FieldPanel("owners"),
            FieldPanel("owner_users"),
            FieldRowPanel([FieldPanel("timescale"), FieldPanel("due_date")]),
            FieldPanel("progress"),
            FieldPanel("completion_notes"),
            FieldPanel("status"),
            FieldPanel(
                "extra",
                heading=gettext_lazy("The plan's other columns"),
                help_text=gettext_lazy("Columns the plan keeps as text, under its own headings."),
            ),
        ],
        base_form_class=items.PlanItemForm,
    )

    def get_menu_item(self, order=None):
        return HiddenMenuItem(self, order or self.get_menu_order())


class MeetingForm(OptimisticLockFormMixin, WagtailAdminModelForm):
    """Refused if the meeting changed since the form was opened (its record saved, its minutes
    approved); saving bumps its version, so a record or a decision opened before is refused."""

    version_required = False  # sent without it (by a script): as it was when the request came

    def clean_date(self):
        date, meeting = self.cleaned_data["date"], self.instance
        if meeting.pk and date != meeting.date and meeting.decisions.exists():
            raise ValidationError(
                _(
                    "Decisions were recorded at this meeting on %(date)s: its date is part of "
                    "its record and of what it decided."
                ),
                params={"date": date_format(meeting.date, "j F Y")},
            )
        return date


class MeetingEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        if self.instance.is_locked:
            messages.error(request, _("This meeting's minutes are approved: its record is locked."))
            return redirect("minimum_standards_plans_meeting_record", self.instance.pk)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleEdit as stale:  # nothing was saved
            form.add_error(None, str(stale))
            return self.form_invalid(form)


class MeetingAdmin(TrackerModelAdmin):
    model = AdvisoryGroupMeeting
    menu_label = gettext_lazy("Advisory Group meetings")
    menu_icon = "date"
    list_display = ("title", "day", "links")
    day = dates.column("date", gettext_lazy("date"))
    edit_view_class = MeetingEditView
    # the record has its own page
    edit_handler = ObjectList(
        [FieldPanel("date"), FieldPanel("title")], base_form_class=MeetingForm
    )

    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("minimum_standards_plans_meeting_review", args=[obj.pk]),
            _("Review and meeting pack"),
            reverse("minimum_standards_plans_meeting_record", args=[obj.pk]),
            _("Record, decisions and minutes"),
        )

    links.short_description = gettext_lazy("Before and after")


class AnnualReportAdmin(TrackerModelAdmin):
    """The narrative's form; the reports are listed and read on their years' screens."""

    model = AnnualReport
    permission_helper_class = annual_reports.AnnualReportPermissionHelper
    edit_view_class = annual_reports.AnnualReportEditView
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            InlinePanel(
                "sections",
                label=gettext_lazy("Sections"),
                help_text=gettext_lazy(
                    "The narrative under its headings, in order: rename, reorder, add or "
                    "remove them. Separate paragraphs with a blank line."
                ),
                panels=[FieldPanel("heading"), FieldPanel("text")],
            ),
            FieldPanel("charts", widget=forms.CheckboxSelectMultiple),
            FieldPanel("assessment"),
            FieldPanel("plan"),
        ],
        base_form_class=annual_reports.AnnualReportForm,
    )

    def get_menu_item(self, order=None):
        return HiddenMenuItem(self, order or self.get_menu_order())


class DeliveryPlansGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Delivery plans")
    menu_icon = "list-ol"
    menu_order = 260
    items = (DeliveryPlanAdmin, MeetingAdmin, PlanItemAdmin, AnnualReportAdmin)

    def get_submenu_items(self):
        return [*super().get_submenu_items(), QuestionsMenuItem(), AnnualReportsMenuItem()]


class QuestionsMenuItem(MenuItem):
    """The Advisory Group's questions, for those who read the plans."""

    def __init__(self):
        super().__init__(
            gettext_lazy("Advisory Group questions"),
            reverse_lazy("minimum_standards_plans_questions"),
            name="advisory-group-questions",
            icon_name="help",
            order=10,
        )

    def is_shown(self, request):
        return can_read(request.user)


class AnnualReportsMenuItem(MenuItem):
    """The annual reports, a year each, for those who read the plans."""

    def __init__(self):
        super().__init__(
            gettext_lazy("Annual reports"),
            reverse_lazy("minimum_standards_plans_annual_reports"),
            name="annual-reports",
            icon_name="doc-full",
            order=20,
        )

    def is_shown(self, request):
        return can_read(request.user)
