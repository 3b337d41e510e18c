import secrets

from django.db import migrations, models

import home.models.enquiries

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# The old bands overlapped (11, 16 and 19 were each in two); each old band goes to the new
# one that starts where it started.
NEW_AGE_GROUPS = {"5-11": "5-10", "11-16": "11-15", "16-19": "16-18"}


def give_references(apps, schema_editor):
    Enquiry = apps.get_model("home", "Enquiry")
    used = set()
    for enquiry in Enquiry.objects.filter(reference__isnull=True).only("pk"):
        reference = None
        while reference is None or reference in used:
            letters = "".join(secrets.choice(LETTERS) for _ in range(8))
            reference = f"{letters[:4]}-{letters[4:]}"
        used.add(reference)
        Enquiry.objects.filter(pk=enquiry.pk).update(reference=reference)


def new_age_groups(apps, schema_editor):
    Enquiry = apps.get_model("home", "Enquiry")
    for old, new in NEW_AGE_GROUPS.items():
        Enquiry.objects.filter(age_group=old).update(age_group=new)


def old_age_groups(apps, schema_editor):
    Enquiry = apps.get_model("home", "Enquiry")
    for old, new in NEW_AGE_GROUPS.items():
        Enquiry.objects.filter(age_group=new).update(age_group=old)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_howwearedoingpage"),
    ]

    operations = [
        migrations.AddField(
            model_name="enquiry",
            name="reference",
            field=models.CharField(editable=False, max_length=9, null=True),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="enquiry",
            name="reference",
            field=models.CharField(
                default=home.models.enquiries.new_reference,
                editable=False,
                help_text="Given to the person who sent it, to quote if they call.",
                max_length=9,
                unique=True,
            ),
        ),
        migrations.RunPython(new_age_groups, old_age_groups),
        migrations.AlterField(
            model_name="enquiry",
            name="age_group",
            field=models.CharField(
                choices=[
                    ("0-4", "Under 5 (early years)"),
                    ("5-10", "5 to 10 (primary school age)"),
                    ("11-15", "11 to 15 (secondary school age)"),
                    ("16-18", "16 to 18"),
                    ("19-25", "19 to 25"),
                ],
                max_length=10,
                verbose_name="Age of the child or young person",
            ),
        ),
    ]
