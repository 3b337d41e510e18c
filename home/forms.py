"""The public enquiry form."""

import unicodedata
import uuid

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from .models.enquiry import Enquiry

CONSENT_TO_STORE_REFUSED = (
    "Tick the box to agree that we may store your details: we cannot answer an enquiry "
    "without keeping it. If you would rather not leave your details, phone us instead."
)
CONSENT_TO_CONTACT_REFUSED = (
    "Tick the box to agree that we may contact you in the way you chose, so that we can "
    "reply. If you would rather contact us yourself, phone us instead."
)
# Each error says what to do, naming the question, as the list at the top of the page shows
# them away from their questions.
REQUIRED = {
    "role": "Choose who you are: a parent or carer, a young person or a professional",
    "age_group": "Choose the age of the child or young person",
    "topic": "Choose what your question is about",
    "message": "Write your question",
    "name": "Give your name, so that we know who we are replying to",
    "contact_method": "Choose how we should contact you",
}


# Line breaks and tabs belong in a message; no other control character belongs anywhere.
MULTI_LINE_FIELDS = {"message"}
LINE_BREAKS = {"\t", "\n", "\r"}


def unreadable_characters(text: str, multi_line: bool) -> bool:
    """True if the text holds a control character, a lone surrogate or a non-character."""
    for character in text:
        if multi_line and character in LINE_BREAKS:
            continue
        if unicodedata.category(character) in ("Cc", "Cs") or character in "\ufffe\uffff":
            return True
    return False


def unreadable_message(label) -> str:
    return (
        f"“{label}” holds a character we cannot read (a control character, often pasted in "
        "by accident). Please retype it."
    )


def submission_token(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class DescribedFieldsMixin:
    """Ties each control to its hint and error text (aria-describedby, aria-invalid)."""

    def _describe(self):
        errors = self._errors or {}  # None until the form is cleaned
        for name, field in self.fields.items():
            ids = [f"id_{name}-hint"] if field.help_text else []
            if name in errors:
                ids.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self._describe()


class SentOnceMixin(DescribedFieldsMixin):
    """What every public form that stores what it is sent shares (the enquiry form, the
    feedback form): a hidden trap field for robots, no unreadable characters, and a token per
    form drawn, so that the same form sent twice is stored once."""

    multi_line_fields: set[str] = set()
    conditional_fields: tuple[str, ...] = ()  # optional fields the label does not call optional

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A trap for robots: hidden from people (and screen readers) by the stylesheet.
        self.fields["website"] = forms.CharField(
            required=False,
            label="Leave this empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        for field in self.fields.values():  # Django's own check, worded like ours
            field.validators = [
                ProhibitNullCharactersValidator(message=unreadable_message(field.label))
                if isinstance(validator, ProhibitNullCharactersValidator)
                else validator
                for validator in field.validators
            ]
        self._describe()
        # One token per form drawn, sent back with it (a hidden field): the same form sent
        # twice (a double click, back and send again, a proxy's retry) is stored once.
        self.submission = submission_token(self.data.get("submission")) if self.is_bound else None
        self.submission_token = self.submission or uuid.uuid4()

    @property
    def is_robot(self) -> bool:
        """True when the hidden trap field was filled in: only robots see it."""
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and unreadable_characters(
                value, multi_line=name in self.multi_line_fields
            ):
                self.add_error(name, unreadable_message(self.fields[name].label))
        return cleaned


class EnquiryForm(SentOnceMixin, forms.ModelForm):
    consent_to_store = forms.BooleanField(
        label="I agree that the service may store the details I give on this form",
        error_messages={"required": CONSENT_TO_STORE_REFUSED},
    )
    consent_to_contact = forms.BooleanField(
        label="I agree that the service may contact me in the way I chose",
        error_messages={"required": CONSENT_TO_CONTACT_REFUSED},
    )
    multi_line_fields = MULTI_LINE_FIELDS

    class Meta:
        model = Enquiry
        fields = [
            "role",
            "age_group",
            "topic",
            "message",
            "name",
            "email",
            "phone",
            "contact_method",
            "contact_times",
            "consent_to_store",
            "consent_to_contact",
        ]
        widgets = {
            "role": forms.RadioSelect,
            "age_group": forms.RadioSelect,
            "contact_method": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }
        help_texts = {
            "message": ("Up to 3,000 characters. Please leave out medical details we don't need."),
            "phone": "Needed if you choose a phone call or a text message.",
            "email": "Needed if you choose email.",
            "contact_times": 'For example "weekday mornings" or "after 3pm".',
        }
        error_messages = {name: {"required": message} for name, message in REQUIRED.items()}

    # Optional, unless the contact method chosen needs them: their hints say so, and the
    # label does not call them optional.
    conditional_fields = ("phone", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("role", "age_group", "contact_method"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["topic"].choices = [("", "Choose one"), *Enquiry.Topic.choices]

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        if method in (Enquiry.ContactMethod.PHONE, Enquiry.ContactMethod.TEXT) and not cleaned.get(
            "phone"
        ):
            self.add_error("phone", "Give a phone number so that we can call or text you.")
        if method == Enquiry.ContactMethod.EMAIL and not cleaned.get("email"):
            self.add_error("email", "Give an email address so that we can email you.")
        return cleaned
