from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail_modeladmin.options import modeladmin_register

from .admin_views.modeladmins import ComplianceGroup
from .models import EmailChoice

modeladmin_register(ComplianceGroup)


class EmailChoiceForm(forms.ModelForm):
    class Meta:
        model = EmailChoice
        fields = ["question_emails"]


class QuestionEmailsPanel(BaseSettingsPanel):
    """Account → Notifications: each person turns the emails about questions on or off."""

    name = "tracker_emails"
    title = _("The Advisory Group's questions")
    tab = notifications_tab
    order = 500
    form_class = EmailChoiceForm

    def is_active(self):
        return self.user.has_perm("minimum_standards.add_question") or self.user.has_perm(
            "minimum_standards.answer_question"
        )

    def get_form(self):
        choice, _created = EmailChoice.objects.get_or_create(user=self.user)
        data = self.request.POST if self.request.method == "POST" else None
        return self.form_class(data, instance=choice, prefix=self.name)


@hooks.register("register_account_settings_panel")
def question_emails_panel(request, user, profile):
    return QuestionEmailsPanel(request, user, profile)
