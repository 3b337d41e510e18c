from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Delivery plans"

    def ready(self):
        from .roles import declare

        declare()
