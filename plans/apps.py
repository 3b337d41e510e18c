from django.apps import AppConfig


class PlansConfig(AppConfig):
    # The migrations' ids are big integers whatever the site's DEFAULT_AUTO_FIELD says.
    default_auto_field = "django.db.models.BigAutoField"
    name = "wagtail_minimum_standards.plans"
    label = "minimum_standards_plans"
    verbose_name = "Delivery plans"

    def ready(self):
        from .questions import register_subjects
        from .roles import declare

        declare()
        register_subjects()
