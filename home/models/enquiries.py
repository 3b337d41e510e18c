"""The enquiry form and what it stores. Enquiries are personal data: see docs/enquiries.md."""

from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index


class Enquiry(models.Model):
    """What a parent, young person or professional asked, and how they want to be contacted."""

    class Role(models.TextChoices):
        PARENT = "parent", "A parent or carer"
        YOUNG_PERSON = "young-person", "A young person (16 to 25)"
        PROFESSIONAL = "professional", "A professional"

    class AgeGroup(models.TextChoices):
        EARLY_YEARS = "0-4", "0 to 4 (early years)"
        PRIMARY = "5-11", "5 to 11 (primary school)"
        SECONDARY = "11-16", "11 to 16 (secondary school)"
        POST_16 = "16-19", "16 to 19"
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

    class Meta:
        verbose_name_plural = "enquiries"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Enquiry {self.pk} ({self.get_topic_display()})"


class EnquiryPage(RoutablePageMixin, Page):
    """The page with the enquiry form; `thank-you/` confirms a sent enquiry."""

    introduction = models.TextField(blank=True)
    privacy_note = models.TextField(
        help_text="What we do with the details, how long we keep them; links to the privacy notice."
    )
    notification_email = models.EmailField(
        blank=True, help_text="Who is told (without the details) that an enquiry has arrived."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("privacy_note"),
        FieldPanel("notification_email"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "enquiry form page"

    @path("")
    def form(self, request):
        from ..enquiries import handle_enquiry

        return handle_enquiry(self, request)

    @path("thank-you/")
    def thank_you(self, request):
        if request.method != "GET":
            return redirect(self.url)
        return TemplateResponse(
            request,
            "home/enquiry_thank_you.html",
            {**self.get_context(request), "retention_days": settings.ENQUIRY_RETENTION_DAYS},
        )
