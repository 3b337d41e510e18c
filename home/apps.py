from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig as BaseWagtailUsersAppConfig


class HomeConfig(AppConfig):
    default = True  # this module also holds the users app's configuration
    name = "home"
    verbose_name = "Site and service settings"

    def ready(self):
        # sign_in counts failed sign-ins; workflows holds a system check (home.W001); dates
        # puts British date fields in the admin (below)
        from . import cache, dates, sign_in, workflows  # noqa: F401
        from .readability import add_readability_panel
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
        cache.connect()
        dates.register()
        add_readability_panel()  # on every page type's edit screen


class WagtailUsersAppConfig(BaseWagtailUsersAppConfig):
    """Wagtail's users app, whose screens refuse an email address another account has."""

    user_viewset = "home.users.UserViewSet"
