"""Page moderation can finish: the demo's workflow goes to the Service manager, who approves
what an Editor submits; and `manage.py check` warns of a workflow task nobody could approve
(home.W001) before anyone submits a page to it."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Workflow, WorkflowState

from home import demo
from home.demo import users as demo_users
from home.demo import workflow as demo_workflow
from home.models import TopicIndexPage
from home.workflows import workflows_can_finish


def check_output() -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("check", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def demo_with_users(db):
    demo.load()
    demo_users.load()
    return {user.username: user for user in demo_users.get_user_model().objects.all()}


def test_wagtails_starter_workflow_without_its_moderators_is_flagged(db):
    (warning,) = workflows_can_finish()

    assert warning.id == "home.W001" and not warning.is_serious()
    assert "“Moderators approval” has nobody who could approve it" in warning.msg
    assert "home.W001" in check_output()


def test_the_demo_gives_page_approval_to_the_service_manager(demo_with_users):
    demo_workflow.load()

    assert workflows_can_finish() == []
    assert "home.W001" not in check_output()
    workflow = Workflow.objects.get(active=True)
    assert workflow.name == "Service manager approval"
    (task,) = workflow.tasks.specific()
    assert [group.name for group in task.groups.all()] == ["Service manager"]


def test_a_workflow_whose_approvers_all_left_is_flagged(demo_with_users):
    demo_workflow.load()
    demo_with_users["manager"].is_active = False
    demo_with_users["manager"].save()

    (warning,) = workflows_can_finish()

    assert "“Service manager approval”" in warning.msg


def page_form(page, **changes) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **changes,
    }


def test_an_editor_submits_a_page_and_the_service_manager_approves_it(client, demo_with_users):
    demo_workflow.load()
    page = TopicIndexPage.objects.get()
    edit = f"/admin/pages/{page.pk}/edit/"
    client.force_login(demo_with_users["editor"])
    assert "Submit to Service manager approval" in client.get(edit).content.decode()

    submitted = client.post(
        edit, page_form(page, introduction="Checked by the manager.", **{"action-submit": "1"})
    )

    assert submitted.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Page.objects.get(pk=page.pk).specific.introduction != "Checked by the manager."
    client.force_login(demo_with_users["manager"])
    dashboard = client.get("/admin/").content.decode()
    assert page.title in dashboard  # "Awaiting your review"
    task_state = state.current_task_state
    approve = f"/admin/pages/{page.pk}/edit/"

    approved = client.post(
        approve,
        page_form(
            page,
            introduction="Checked by the manager.",
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
    )

    assert approved.status_code == 302, approved.content.decode()[:2000]
    state.refresh_from_db()
    task_state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert task_state.finished_by == demo_with_users["manager"]
    page.refresh_from_db()
    assert page.introduction == "Checked by the manager."  # published on approval
    assert "Checked by the manager." in client.get(page.url).content.decode()


def test_on_a_flushed_database_the_demo_makes_the_workflow_itself(demo_with_users):
    """`manage.py flush` (and the browser tests' live server) undoes the starter workflow's
    migration: the demo makes its own, so that a page can still be submitted and approved."""
    Workflow.objects.all().delete()

    demo_workflow.load()

    workflow = Page.get_first_root_node().get_workflow()
    (task,) = [step.task.specific for step in workflow.workflow_tasks.all()]
    assert workflow.name == task.name == "Service manager approval" and workflow.active
    assert [group.name for group in task.groups.all()] == ["Service manager"]
    assert TopicIndexPage.objects.get().get_workflow() == workflow
    assert workflows_can_finish() == []
