"""Demo data: the page workflow goes to the Service manager.

Wagtail's starter workflow asks its Moderators group to approve, and this site has no such
group (migrations/0002), so a page submitted to it could never be approved. A small service
has one person who answers for what its website says, the Service manager: an Editor who wants
a second pair of eyes submits a page to them (Editors may still publish directly, as they can
today). So the demo keeps moderation and gives every task nobody could approve to the Service
manager, rather than turning moderation off.
"""

from django.contrib.auth.models import Group

from ..roles import SERVICE_MANAGER
from ..workflows import tasks_nobody_can_approve

STARTER_NAME = "Moderators approval"  # Wagtail's starter workflow and its task
NAME = "Service manager approval"


def load() -> None:
    manager = Group.objects.get(name=SERVICE_MANAGER)
    for workflow, task in tasks_nobody_can_approve():
        task.groups.set([manager])
        if task.name == STARTER_NAME:
            task.name = NAME
            task.save(update_fields=["name"])
        if workflow.name == STARTER_NAME:
            workflow.name = NAME
            workflow.save(update_fields=["name"])
