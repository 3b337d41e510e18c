"""An enquiry: what a parent, young person or professional asked. Personal data: see
docs/enquiries.md. Its own module, so that the form and the code that handles it
(home.forms, home.enquiries) import it without the enquiry page, which imports them."""

import secrets

from django.contrib import admin
from django.db import models

REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out


def new_reference() -> str:
    """A random reference such as "K7Q2-M9XD": nothing about the enquiry can be read from it."""
    letters = "".join(secrets.choice(REFERENCE_LETTERS) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


class Enquiry(models.Model):
    """What a parent, young person or professional asked, and how they want to be contacted."""

    class Role(models.TextChoices):
        PARENT = "parent", "A parent or carer"
        YOUNG_PERSON = "young-person", "A young person (16 to 25)"
        PROFESSIONAL = "professional", "A professional"

    class AgeGroup(models.TextChoices):
        # Age at the last birthday; no age in two bands.
        EARLY_YEARS = "0-4", "Under 5 (early years)"
        PRIMARY = "5-10", "5 to 10 (primary school age)"
        SECONDARY = "11-15", "11 to 15 (secondary school age)"
        POST_16 = "16-18", "16 to 18"
        ADULT = "19-25", "19 to 25"

    class Topic(models.TextChoices):
        SEN_SUPPORT = "sen-support", "Support at school, nursery or college (SEN support)"
        ASSESSMENT = "ehc-assessment", "Asking for an EHC needs assessment"
        PLAN = "ehc-plan", "An EHC plan or its annual review"
        EXCLUSION = "exclusion", "Exclusion from school"
        PLACEMENT = "placement", "Choosing a school, college or transport"
        APPEAL = "appeal", "Appeals, mediation or complaints"
        HEALTH_CARE = "health-care", "Health or social care"
        ADULTHOOD = "adulthood", "Preparing for adulthood"
        OTHER = "other", "Something else"

    class ContactMethod(models.TextChoices):
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"
        EMAIL = "email", "Email"

    reference = models.CharField(
        max_length=9,
        unique=True,
        default=new_reference,
        editable=False,
        help_text="Given to the person who sent it, to quote if they call.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    role = models.CharField("I am", max_length=20, choices=Role.choices)
    age_group = models.CharField(
        "Age of the child or young person", max_length=10, choices=AgeGroup.choices
    )
    topic = models.CharField("What is it about?", max_length=20, choices=Topic.choices)
    message = models.TextField("Your question", max_length=3000)
    name = models.CharField("Your name", max_length=100)
    email = models.EmailField("Email address", blank=True)
    phone = models.CharField("Phone number", max_length=30, blank=True)
    contact_method = models.CharField(
        "How should we contact you?", max_length=10, choices=ContactMethod.choices
    )
    contact_times = models.CharField(
        "When is a good time to contact you?", max_length=200, blank=True
    )
    consent_to_store = models.BooleanField(default=False)
    consent_to_contact = models.BooleanField(default=False)
    client_key = models.CharField(
        max_length=64, db_index=True, editable=False, help_text="A keyed hash, for rate limits."
    )
    staff_notified = models.BooleanField(default=False)
    # The token of the form it was sent with (home.forms): the same form sent again finds it.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name_plural = "enquiries"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Enquiry {self.reference} ({self.get_topic_display()})"

    @admin.display(description="Staff notified")
    def staff_notified_yes_no(self) -> str:
        return "Yes" if self.staff_notified else "No"

    @admin.display(description="Agreed to storing and to being contacted")
    def consents_yes_no(self) -> str:
        return "Yes" if self.consent_to_store and self.consent_to_contact else "No"
