"""The public feedback form ("How did we do?"): no name, no contact details unless the person
wants a reply. What it shares with the enquiry form (the robot trap, the token that makes a
form sent twice one submission, no unreadable characters) is home.forms.SentOnceMixin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import SentOnceMixin
from .models.feedback import Feedback

CONSENT_REFUSED = _(
    "Tick the box to agree that we may keep and use your feedback as this page says. If you "
    "would rather not, you can tell us how we did by phone instead."
)
RATING_REQUIRED = _("Choose how we did, from very good to very poor")
TEXT_LIMIT = 2000
TOO_LONG = _("“%(label)s” can be up to 2,000 characters. Please shorten it.")


class FeedbackForm(SentOnceMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the service may keep and use my feedback as described above"),
        error_messages={"required": CONSENT_REFUSED},
    )
    multi_line_fields = {"could_be_better", "went_well"}

    class Meta:
        model = Feedback
        fields = [
            "rating",
            "could_be_better",
            "went_well",
            "age_group",
            "given_by",
            "email",
            "consent",
        ]
        widgets = {
            "rating": forms.RadioSelect,
            "age_group": forms.RadioSelect,
            "given_by": forms.RadioSelect,
            "could_be_better": forms.Textarea(attrs={"rows": 5}),
            "went_well": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "could_be_better": _("Up to 2,000 characters. Please leave out names."),
            "went_well": _("Up to 2,000 characters."),
            "email": _("Only if you would like us to reply. You do not need to give it."),
        }
        error_messages = {"rating": {"required": RATING_REQUIRED}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("rating", "age_group", "given_by"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        for name in ("could_be_better", "went_well"):
            label = self.fields[name].label
            self.fields[name].error_messages["max_length"] = TOO_LONG % {"label": label}
