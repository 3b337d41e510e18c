"""Editing one rating: its level on the framework's own scale, notes, next steps, evidence."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail_modeladmin.views import EditView

from .. import questions
from ..concurrency import OptimisticLockFormMixin, StaleEdit
from ..models import AssessmentLocked, RatingLevel
from ..site_checks import registered_checks
from .line_fields import add_line_fields, clean_lines, save_lines


class RatingForm(OptimisticLockFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "level" in self.fields:
            framework_id = self.instance.assessment.framework_id
            self.fields["level"].queryset = RatingLevel.objects.filter(
                framework_id=framework_id
            ).order_by("-position")
        if "ticked_items" in self.fields:
            self._checklist_field()
        if "adopted" in self.fields and not self.instance.standard.optional:
            del self.fields["adopted"]  # only an optional standard may be left unadopted
        add_line_fields(self)

    def clean(self):
        cleaned = super().clean()
        clean_lines(self)
        return cleaned

    def _checklist_field(self):
        """Ticks for the standard's checklist items that the site does not check itself; no
        field at all (and so no panel) where there are none."""
        checks = registered_checks()
        items = [
            item
            for item in self.instance.standard.checklist.order_by("position")
            if item.site_check not in checks
        ]
        if not items:
            del self.fields["ticked_items"]
            return
        self.fields["ticked_items"] = forms.TypedMultipleChoiceField(
            label=_("Checklist: what is in place"),
            help_text=_(
                "Tick what the service has; the checks the site makes itself are not here."
            ),
            choices=[(item.pk, item.text) for item in items],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=self.instance.ticked_items,
        )


class RatingEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied  # before anything about the record is said
        if self.instance.assessment.is_locked:
            messages.error(
                request, _("This self-assessment is ratified and locked: unlock it first.")
            )
            return redirect("minimum_standards_assessment_report", self.instance.assessment_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Rating for standard %(code)s") % {"code": self.instance.standard.code}

    def get_page_subtitle(self):
        return str(self.instance.assessment)

    def get_template_names(self):
        return ["minimum_standards/admin/rating_edit.html"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_questions=questions.about([self.instance]).get(self.instance.pk, []), **kwargs
        )

    def get_success_url(self):
        report = reverse("minimum_standards_assessment_report", args=[self.instance.assessment_id])
        return f"{report}#standard-{self.instance.standard.code}"

    def form_valid(self, form):
        form.instance.mark_reviewed(self.request.user)
        try:
            with transaction.atomic():  # the rating and its evidence lines, or nothing
                self.instance = form.save()
                save_lines(form)
        except StaleEdit as stale:
            form.add_error(None, str(stale))
            return self.form_invalid(form)
        except AssessmentLocked as locked:  # ratified while the form was open
            form.add_error(None, locked.messages[0])
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Saved the rating for %(code)s.") % {"code": self.instance.standard.code},
        )
        return redirect(self.get_success_url())
