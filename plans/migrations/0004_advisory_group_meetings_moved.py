"""Advisory Group meetings are now compliance's (see compliance 0004 and 0005): plans
forgets them, leaving their tables and rows where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_cell_limits"),
        ("compliance", "0004_advisory_group_meetings_move_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="HistoricalAdvisoryGroupMeeting"),
                migrations.DeleteModel(name="AdvisoryGroupMeeting"),
            ],
        ),
    ]
