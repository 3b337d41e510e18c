from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "wagtail_minimum_standards.compliance.pages"
    label = "minimum_standards_pages"
    verbose_name = _("“How we are doing” page")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
