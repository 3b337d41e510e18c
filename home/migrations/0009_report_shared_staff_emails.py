"""Lists accounts that share an email address (compared without regard to case), which the
user screens now refuse (home.users): a password reset for such an address is ambiguous.
Nothing is changed: the service manager gives each person an address of their own."""

from django.conf import settings
from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower


def report_shared_emails(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    shared = (
        User.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(accounts=Count("pk"))
        .filter(accounts__gt=1)
        .order_by("address")
    )
    for row in shared:
        accounts = User.objects.filter(email__iexact=row["address"]).order_by("pk")
        names = ", ".join(str(getattr(user, "username", user.pk)) for user in accounts)
        print(  # noqa: T201 (a migration's report to whoever runs it)
            f"\n  Accounts sharing the email address {row['address']}: {names}. Give each "
            "person an address of their own (Settings > Users), so that a password reset "
            "reaches the right person."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_queued_mail_and_shared_limits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(report_shared_emails, migrations.RunPython.noop)]
