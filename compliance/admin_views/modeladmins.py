"""The "Compliance" menu: self-assessments, frameworks, and the rating editor."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.menus import ModelAdminMenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import CreateView, EditView, IndexView

from .. import dates
from ..concurrency import OptimisticLockFormMixin, StaleEdit
from ..models import Framework, FrameworkMapping, Rating, SelfAssessment, Standard
from . import actions, comparison, history, mappings, questions, report
from .access import can_edit_mappings, can_import_framework, can_run
from .line_fields import EvidenceLinesPanel, RatingObjectList
from .rating_forms import RatingEditView, RatingForm

# (route under /admin/minimum_standards/, view, URL name after "minimum_standards_")
EXTRA_VIEWS = [
    ("assessment/<int:pk>/", report.assessment_report, "assessment_report"),
    ("assessment/<int:pk>/export/", actions.export, "assessment_export"),
    ("assessment/<int:pk>/history/", history.assessment_history, "assessment_history"),
    ("assessment/<int:pk>/unlock/", actions.unlock, "assessment_unlock"),
    ("assessment/<int:pk>/next/", actions.start_next, "assessment_start_next"),
    ("assessment/import/", actions.upload_assessment, "assessment_import"),
    ("compare/", comparison.comparison, "compare"),
    ("compare/export/", comparison.comparison_export, "compare_export"),
    ("rating/<int:pk>/history/", history.rating_history, "rating_history"),
    ("framework/import/", actions.upload_framework, "framework_import"),
    ("framework/<int:pk>/export/", actions.framework_export, "framework_export"),
    ("mapping/import/", mappings.mapping_import, "mapping_import"),
    ("mapping/template/", mappings.mapping_template, "mapping_template"),
    ("mapping/<int:pk>/export/", mappings.mapping_export, "mapping_export"),
    ("question/ask/<str:subject>/<int:pk>/", questions.ask, "question_ask"),
    ("question/<int:pk>/", questions.thread, "question"),
]


class ImportButtonIndexView(IndexView):
    """A listing whose header offers the spreadsheet import, to those who may use it."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url_name, permitted = self.model_admin.import_view
        if permitted(self.request.user):
            context["import_url"] = reverse(url_name)
            context["import_label"] = self.model_admin.import_label
        return context


class TrackerModelAdmin(ModelAdmin):
    """The tracker's listings and forms. Their change history is the tracker's own
    (django-simple-history, in the history views above), so wagtail-modeladmin's audit-log
    history screen, which checks no permission, is not served."""

    history_view_enabled = False
    import_view = None  # (URL name, who may use it): a listing with an import button
    import_label = None  # the button's words, if not "Import from a spreadsheet"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every listing loads the tracker's stylesheet (its reflow rules); one with an import
        # gets the button too.
        self.index_template_name = "minimum_standards/admin/index_with_import.html"
        if self.import_view:
            self.index_view_class = ImportButtonIndexView


class SelfAssessmentCreateView(CreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        self.instance.add_missing_ratings()
        return response

    def get_success_url(self):
        return reverse("minimum_standards_assessment_report", args=[self.instance.pk])


class SelfAssessmentForm(OptimisticLockFormMixin, WagtailAdminModelForm):
    """Refused if the self-assessment changed since the form was opened (ratified, unlocked,
    retitled); saving bumps its version, so a decision's form opened before is refused too."""

    version_required = False  # sent without it (by a script): as it was when the request came


class SelfAssessmentEditView(EditView):
    """Title and date only: its ratings belong to its framework, which cannot change."""

    def get_edit_handler(self):
        panels = ObjectList(
            [FieldPanel("title"), FieldPanel("assessed_on")], base_form_class=SelfAssessmentForm
        )
        return panels.bind_to_model(SelfAssessment)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleEdit as stale:  # nothing was saved
            form.add_error(None, str(stale))
            return self.form_invalid(form)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied  # before anything about the record is said
        if self.instance.is_locked:
            messages.error(
                request, _("This self-assessment is ratified and locked: unlock it first.")
            )
            return redirect("minimum_standards_assessment_report", self.instance.pk)
        return super().dispatch(request, *args, **kwargs)


class SelfAssessmentAdmin(TrackerModelAdmin):
    model = SelfAssessment
    menu_label = gettext_lazy("Self-assessments")
    menu_item_name = "self-assessments"  # a name for code: the same in every language
    menu_icon = "tasks"
    list_display = ("report_link", "framework", "day", "status")
    day = dates.column("assessed_on", gettext_lazy("Date"))
    list_filter = ("framework", "status")
    create_view_class = SelfAssessmentCreateView
    edit_view_class = SelfAssessmentEditView
    import_view = ("minimum_standards_assessment_import", can_run)
    panels = [FieldPanel("framework"), FieldPanel("title"), FieldPanel("assessed_on")]

    def report_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("minimum_standards_assessment_report", args=[obj.pk]),
            obj.title,
        )

    report_link.short_description = gettext_lazy("Self-assessment")

    def get_admin_urls_for_registration(self):
        label = self.opts.app_label  # the URLs are the app's own, like modeladmin's
        extra = [
            path(f"{label}/{route}", view, name=f"{label}_{name}")
            for route, view, name in EXTRA_VIEWS
        ]
        return (*super().get_admin_urls_for_registration(), *extra)


class FrameworkPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False  # a framework is imported whole, with its scale and standards


class FrameworkAdmin(TrackerModelAdmin):
    model = Framework
    menu_label = gettext_lazy("Frameworks")
    menu_item_name = "frameworks"
    menu_icon = "list-ul"
    list_display = ("name", "version", "replaces", "code", "rating_heading", "download")
    inspect_view_enabled = True
    permission_helper_class = FrameworkPermissionHelper
    import_view = ("minimum_standards_framework_import", can_import_framework)
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("version"),
        FieldPanel("source"),
        FieldPanel("rating_heading"),
        FieldPanel("replaces"),
    ]

    @admin.display(description=gettext_lazy("Spreadsheet"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("minimum_standards_framework_export", args=[obj.pk]),
            # Translators: a link that downloads the framework as its import template.
            _("Download %(code)s (.xlsx)") % {"code": obj.code},
        )


class FrameworkMappingAdmin(TrackerModelAdmin):
    """How one framework's standards became another's: edited row by row, or uploaded."""

    model = FrameworkMapping
    menu_label = gettext_lazy("Framework mappings")
    menu_item_name = "framework-mappings"
    menu_icon = "resubmit"
    list_display = ("title", "from_framework", "to_framework", "missing", "download")
    list_select_related = ("from_framework", "to_framework")
    import_view = ("minimum_standards_mapping_import", can_edit_mappings)
    edit_handler = ObjectList(
        [
            FieldPanel("from_framework"),
            FieldPanel("to_framework"),
            FieldPanel("title"),
            FieldPanel("notes"),
            InlinePanel(
                "rows",
                label=gettext_lazy("Standards"),
                panels=[
                    FieldPanel("old_standard"),
                    FieldPanel("new_standard"),
                    FieldPanel("relation"),
                    FieldPanel("note"),
                ],
            ),
            InlinePanel(
                "level_rows",
                label=gettext_lazy("Levels"),
                panels=[FieldPanel("old_level"), FieldPanel("new_level")],
            ),
        ],
        base_form_class=mappings.FrameworkMappingForm,
    )

    @admin.display(description=gettext_lazy("Not mapped yet"))
    def missing(self, obj):
        return obj.missing_summary() or _("Complete")

    @admin.display(description=gettext_lazy("Spreadsheet"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("minimum_standards_mapping_export", args=[obj.pk]),
            # Translators: a link that downloads a framework mapping as its template.
            _("Download “%(mapping)s” (.xlsx)") % {"mapping": obj.title},
        )


class StandardPermissionHelper(PermissionHelper):
    """Standards come with their framework: only their plain-English wording is edited here."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class StandardAdmin(TrackerModelAdmin):
    model = Standard
    menu_label = gettext_lazy("Standards' public wording")
    menu_item_name = "standards-public-wording"
    menu_icon = "doc-full"
    list_display = ("code", "official_wording", "public_text", "framework")
    list_filter = ("section__framework",)
    list_select_related = ("section__framework",)
    search_fields = ("code", "text", "public_text")
    permission_helper_class = StandardPermissionHelper
    panels = [FieldPanel("text", read_only=True), FieldPanel("public_text")]

    @admin.display(description=gettext_lazy("Official wording"))
    def official_wording(self, obj):
        return Truncator(obj.text).words(20)

    @admin.display(description=gettext_lazy("Framework"))
    def framework(self, obj):
        return obj.section.framework


class HiddenMenuItem(ModelAdminMenuItem):
    def is_shown(self, request):
        return False


class RatingPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False  # ratings are made with their self-assessment, one per standard


class RatingAdmin(TrackerModelAdmin):
    """Ratings are edited from their self-assessment's report, not listed on their own."""

    model = Rating
    menu_label = gettext_lazy("Ratings")
    menu_item_name = "ratings"
    permission_helper_class = RatingPermissionHelper
    list_display = ("standard", "assessment", "level")
    list_select_related = ("standard", "assessment", "level")
    edit_view_class = RatingEditView
    edit_handler = RatingObjectList(
        [
            FieldPanel("adopted"),
            FieldPanel("level"),
            FieldPanel("evidence_notes"),
            FieldPanel("public_summary"),
            FieldPanel("next_steps"),
            FieldPanel("ticked_items"),
            EvidenceLinesPanel(),
            InlinePanel(
                "evidence_links",
                label=gettext_lazy("Evidence"),
                panels=[
                    FieldPanel("title"),
                    FieldPanel("url"),
                    FieldPanel("document"),
                    FieldPanel("review_by"),
                ],
            ),
        ],
        base_form_class=RatingForm,
    )

    def get_menu_item(self, order=None):
        return HiddenMenuItem(self, order or self.get_menu_order())


class ComplianceGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Compliance")
    menu_item_name = "compliance"
    menu_icon = "tasks"
    menu_order = 250
    items = (SelfAssessmentAdmin, FrameworkAdmin, FrameworkMappingAdmin, StandardAdmin, RatingAdmin)
