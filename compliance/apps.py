from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "wagtail_minimum_standards.compliance"
    label = "minimum_standards"
    verbose_name = _("Compliance")
    # The migrations' ids are big integers whatever the site's DEFAULT_AUTO_FIELD says.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, questions  # noqa: F401 (checks registers the system checks)
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
        questions.register_subject(
            "rating",
            "minimum_standards.Rating",
            describe=describe_rating,
            url=lambda rating: rating_url(rating),
            related=("standard", "assessment"),
        )


def describe_rating(rating) -> str:
    return gettext("Standard %(code)s in “%(assessment)s”") % {
        "code": rating.standard.code,
        "assessment": rating.assessment,
    }


def rating_url(rating) -> str:
    from django.urls import reverse

    report = reverse("minimum_standards_assessment_report", args=[rating.assessment_id])
    return f"{report}#standard-{rating.standard.code}"
