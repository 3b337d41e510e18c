from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site and service settings"

    def ready(self):
        from . import cache
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
        cache.connect()
