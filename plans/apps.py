from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    # The migrations' ids are big integers whatever the site's DEFAULT_AUTO_FIELD says.
    default_auto_field = "django.db.models.BigAutoField"
    name = "wagtail_minimum_standards.plans"
    label = "minimum_standards_plans"
    verbose_name = _("Delivery plans")

    def ready(self):
        from .questions import register_subjects
        from .roles import declare

        declare()
        register_subjects()
