"""Wagtail's user screens, with each staff email address used by one account only.

A password reset goes to the account whose address was typed; two accounts sharing an address
(compared without regard to case) would make that ambiguous. Migration
home 0009_report_shared_staff_emails lists any that predate this check.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.users import forms as wagtail_forms
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

EMAIL_TAKEN = _(
    "Another account already uses this email address. Each person needs an address of their "
    "own, so that password resets reach the right person."
)


class UniqueEmailMixin:
    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if email:
            others = get_user_model()._default_manager.filter(email__iexact=email.strip())
            if self.instance.pk is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email


class UserCreationForm(UniqueEmailMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(UniqueEmailMixin, wagtail_forms.UserEditForm):
    pass


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
