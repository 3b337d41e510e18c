"""The plans' eight heading fields, now their columns (0004 copied them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("minimum_standards_plans", "0004_plan_shapes_data"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='deliveryplan',
            name='actions_heading',
        ),
        migrations.RemoveField(
            model_name='deliveryplan',
            name='area_heading',
        ),
        migrations.RemoveField(
            model_name='deliveryplan',
            name='completion_heading',
        ),
        migrations.RemoveField(
            model_name='deliveryplan',
            name='objective_heading',
        ),
        migrations.RemoveField(
            model_name='deliveryplan',
            name='outcomes_heading',
        ),
        migrations.RemoveField(
            model_name='deliveryplan',
            name='owners_heading',
        ),
        migrations.RemoveField(
            model_name='deliveryplan',
            name='status_heading',
        ),
        migrations.RemoveField(
            model_name='deliveryplan',
            name='timescale_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='actions_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='area_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='completion_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='objective_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='outcomes_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='owners_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='status_heading',
        ),
        migrations.RemoveField(
            model_name='historicaldeliveryplan',
            name='timescale_heading',
        ),
    ]
