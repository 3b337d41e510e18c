"""Page moderation that can finish: who could approve each task of Wagtail's active workflows,
and the system check that warns when nobody could (home.W001).

Wagtail's starter workflow, "Moderators approval", asks its Moderators group to approve, and
this site removes that group (migrations/0002): a page submitted to it would stay locked,
waiting for someone who does not exist. The check says so before anyone submits a page; the
demo (demo/workflow.py) gives the task to the Service manager.
"""

from django.contrib.auth import get_user_model
from django.core.checks import Warning, register
from django.db import DatabaseError
from django.db.models import Q


def approvers(task):
    """The active people who could approve `task` (a Wagtail GroupApprovalTask): members of
    its groups, and superusers, as Wagtail's own rule has it."""
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__in=task.groups.all()), is_active=True)
        .distinct()
    )


def tasks_nobody_can_approve() -> list:
    """[(workflow, task)] for each active group-approval task of an active workflow that no
    active person could approve."""
    from wagtail.models import GroupApprovalTask, WorkflowTask

    stuck = []
    steps = WorkflowTask.objects.filter(workflow__active=True, task__active=True).select_related(
        "workflow"
    )
    tasks = GroupApprovalTask.objects.in_bulk([step.task_id for step in steps])
    for step in steps:
        task = tasks.get(step.task_id)
        if task is not None and not approvers(task).exists():
            stuck.append((step.workflow, task))
    return stuck


@register()
def workflows_can_finish(app_configs=None, **kwargs) -> list:
    try:
        stuck = tasks_nobody_can_approve()
    except DatabaseError:  # no database yet, or not migrated: nothing to check
        return []
    return [
        Warning(
            f"The task “{task.name}” of the workflow “{workflow.name}” has nobody who could "
            "approve it: a page submitted to it would stay locked.",
            hint="In the admin, Settings → Workflow tasks: give the task a group with active "
            "members (such as the Service manager), or turn the workflow off (Settings → "
            "Workflows).",
            obj=task,
            id="home.W001",
        )
        for workflow, task in stuck
    ]
