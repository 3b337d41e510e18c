"""Feedback: what someone told us about the help they had (Minimum Standard 4.2), and the
themes staff tag it with. Confidential: only the roles that read enquiries read it
(home.roles); it is never shown, searched or cached on the public site. Its own module, so
that the form and the code that handles it (home.feedback_form, home.feedback) import it
without the feedback page, which imports them."""

from django.contrib import admin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .enquiry import Enquiry


class FeedbackTheme(models.Model):
    """What several people said, in a few words ("Getting through on the phone")."""

    name = models.CharField(_("theme"), max_length=120)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("feedback theme")
        verbose_name_plural = _("feedback themes")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="home_feedbacktheme_name_unique",
                violation_error_message=_("There is already a theme with this name."),
            )
        ]

    def __str__(self):
        return self.name

    @admin.display(description=_("Feedback tagged"))
    def feedback_tagged(self) -> int:
        """How many pieces of feedback carry it (annotated by the admin's listing)."""
        found = getattr(self, "feedback_count", None)
        return self.feedback.count() if found is None else found

    @admin.display(description=_("“You said, we did”"))
    def you_said_we_did_link(self) -> str:
        url = reverse("home_feedbacktheme:you_said_we_did", args=[self.pk])
        return format_html('<a href="{}">{}</a>', url, _("Add to “You said, we did”"))


class Feedback(models.Model):
    """One person's answers to "How did we do?": no name, an email address only if they want
    a reply."""

    class Rating(models.IntegerChoices):
        VERY_GOOD = 5, _("Very good")
        GOOD = 4, _("Good")
        ALL_RIGHT = 3, _("All right")
        POOR = 2, _("Poor")
        VERY_POOR = 1, _("Very poor")

    class From(models.TextChoices):
        YOUNG_PERSON = "young-person", _("A young person")
        PARENT = "parent", _("A parent or carer")
        PROFESSIONAL = "professional", _("A professional")
        OTHER = "other", _("Someone else")

    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    rating = models.PositiveSmallIntegerField(_("How did we do?"), choices=Rating.choices)
    could_be_better = models.TextField(_("What could we do better?"), max_length=2000, blank=True)
    went_well = models.TextField(_("What went well?"), max_length=2000, blank=True)
    age_group = models.CharField(
        _("Age of the child or young person"),
        max_length=10,
        choices=Enquiry.AgeGroup.choices,
        blank=True,
    )
    given_by = models.CharField(
        _("Are you a young person or a parent or carer?"),
        max_length=20,
        choices=From.choices,
        blank=True,
    )
    email = models.EmailField(_("Email address, if you would like a reply"), blank=True)
    consent = models.BooleanField(default=False)
    themes = models.ManyToManyField(
        FeedbackTheme, blank=True, related_name="feedback", verbose_name=_("themes")
    )
    client_key = models.CharField(
        max_length=64, db_index=True, editable=False, help_text="A keyed hash, for rate limits."
    )
    staff_notified = models.BooleanField(_("staff notified"), default=False)
    # The token of the form it was sent with (home.forms): the same form sent again finds it.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return _("Feedback %(number)s (%(rating)s)") % {
            "number": self.pk,
            "rating": self.get_rating_display(),
        }

    @admin.display(description=_("Themes"))
    def theme_names(self) -> str:
        return ", ".join(theme.name for theme in self.themes.all()) or "-"

    @admin.display(description=_("Wants a reply"))
    def wants_reply(self) -> str:
        return _("Yes") if self.email else _("No")
