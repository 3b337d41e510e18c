"""Demo accounts, one per role. Known passwords only where settings.DEMO_PASSWORDS is on."""

from django.conf import settings
from django.contrib.auth import get_user_model

from ..roles import ADVISORY_GROUP, EDITOR, SERVICE_MANAGER, ensure_roles

DEMO_USERS = [
    # username, first name, last name, role, password (dev only)
    ("manager", "Sam", "Manager", SERVICE_MANAGER, "demo-manager-pass"),
    ("advisor", "Alex", "Advisory", ADVISORY_GROUP, "demo-advisor-pass"),
    ("editor", "Eden", "Editor", EDITOR, "demo-editor-pass"),
]


def load() -> list[tuple[str, str, str | None]]:
    """Create or update the demo users; return (username, role, password or None)."""
    groups = ensure_roles()
    with_passwords = getattr(settings, "DEMO_PASSWORDS", False)
    created = []
    for username, first_name, last_name, role, password in DEMO_USERS:
        user, _ = get_user_model().objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@sendias-bathnes.example",
                "is_active": True,
            },
        )
        if with_passwords:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.set([groups[role]])
        created.append((username, role, password if with_passwords else None))
    return created


def link_plan_owners() -> int:
    """The demo manager owns the plan items whose owners, as written, name a manager, so that
    "My actions" shows them. Returns how many items they own."""
    from wagtail_minimum_standards.plans.models import PlanItem

    manager = get_user_model().objects.get(username="manager")
    owned = PlanItem.owner_users.through
    for item in PlanItem.objects.filter(owners__icontains="manager"):
        owned.objects.get_or_create(planitem=item, user=manager)
    return owned.objects.filter(user=manager).count()
