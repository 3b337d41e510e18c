from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    # The migrations' ids are big integers whatever the site's DEFAULT_AUTO_FIELD says.
    default_auto_field = "django.db.models.BigAutoField"
    name = "wagtail_minimum_standards.figures"
    label = "minimum_standards_figures"
    verbose_name = _("Figures")

    def ready(self):
        from . import checks  # noqa: F401 (registers the system check)
        from .questions import register_subjects
        from .roles import declare

        declare()
        register_subjects()
