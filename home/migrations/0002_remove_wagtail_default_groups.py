"""Remove Wagtail's starter "Editors" and "Moderators" groups while nobody is in them.

This service has its own roles (home/roles.py): "Service manager", "Editor" and
"Advisory Group". Two more groups, one called "Editors", would only confuse.
"""

from django.db import migrations


def remove_unused_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(remove_unused_default_groups, migrations.RunPython.noop)]
