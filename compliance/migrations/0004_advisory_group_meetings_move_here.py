"""Advisory Group meetings move from `plans` to `compliance`, their data kept.

A meeting ratifies self-assessments (compliance) and reviews delivery plans (plans, which
builds on compliance), so it belongs to the lower app. Three steps, with no row copied:
1. here, Django is told the model is compliance's, still in the table plans made
   (state only), and ratifications point to it;
2. plans 0004 forgets it (state only);
3. compliance 0005 renames the tables to compliance's, and moves the content types (and so
   the permissions, and Wagtail's log entries) with them.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MEETING_FIELDS = [
    ("date", models.DateField()),
    ("title", models.CharField(max_length=200)),
    ("notes", models.TextField(blank=True, max_length=32767)),
]


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0003_standard_public_wording"),
        ("plans", "0003_cell_limits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AdvisoryGroupMeeting",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        *MEETING_FIELDS,
                    ],
                    options={"ordering": ["-date"], "db_table": "plans_advisorygroupmeeting"},
                ),
                migrations.CreateModel(
                    name="HistoricalAdvisoryGroupMeeting",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        *MEETING_FIELDS,
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                        ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "historical advisory group meeting",
                        "verbose_name_plural": "historical advisory group meetings",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                        "db_table": "plans_historicaladvisorygroupmeeting",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="ratified_at",
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="compliance.advisorygroupmeeting", verbose_name="Ratified at (Advisory Group meeting)"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="ratified_at",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="ratified_assessments", to="compliance.advisorygroupmeeting", verbose_name="Ratified at (Advisory Group meeting)"),
                ),
            ],
        ),
    ]
