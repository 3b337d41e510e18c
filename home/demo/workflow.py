"""Demo data: the page workflow goes to the Service manager.

Wagtail's starter workflow asks its Moderators group to approve, and this site has no such
group (migrations/0002), so a page submitted to it could never be approved. A small service
has one person who answers for what its website says, the Service manager: an Editor who wants
a second pair of eyes submits a page to them (Editors may still publish directly, as they can
today). So the demo keeps moderation and gives every task nobody could approve to the Service
manager, rather than turning moderation off. On a flushed database (`manage.py flush`, the
browser tests), where the starter workflow's migration has been undone, the demo makes it.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

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
    root = Page.get_first_root_node()
    if root is not None and not WorkflowPage.objects.filter(page=root).exists():
        workflow, _ = Workflow.objects.get_or_create(name=NAME)
        task, _ = GroupApprovalTask.objects.get_or_create(name=NAME)
        task.groups.set([manager])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.create(page=root, workflow=workflow)
