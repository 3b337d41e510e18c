"""The meetings' tables get compliance's names, and their content types (with the permissions
and log entries that hang on them) move from plans to compliance."""

from django.db import migrations

MODELS = ["advisorygroupmeeting", "historicaladvisorygroupmeeting"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label="plans", model=model).first()
        if old is None:
            continue  # a new database: post_migrate makes compliance's
        ContentType.objects.filter(app_label="compliance", model=model).delete()
        old.app_label = "compliance"
        old.save()


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="compliance", model__in=MODELS).update(
        app_label="plans"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0004_advisory_group_meetings_move_here"),
        ("plans", "0004_advisory_group_meetings_moved"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="advisorygroupmeeting", table=None),
        migrations.AlterModelTable(name="historicaladvisorygroupmeeting", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
