"""Taking the tracker out: `manage.py uninstall_minimum_standards` deletes the groups it made,
takes back what it gave groups the site had before (and nothing else), asks first, and says how
to drop its tables. Afterwards a former Advisory Group member cannot reach the admin."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from wagtail_minimum_standards.compliance.roles import ensure_roles

ROLES = {"run": ["Uninstall: runs it"], "read": ["Uninstall: Advisory Group"]}


@pytest.fixture
def site_groups(db):
    """The read role goes to a group the site had before, holding one permission of its own;
    the run role to a group the tracker makes."""
    board = Group.objects.create(name=ROLES["read"][0])
    own = Permission.objects.get(content_type__app_label="auth", codename="view_group")
    board.permissions.add(own)
    with override_settings(MINIMUM_STANDARDS_ROLES=ROLES):
        ensure_roles()
        yield board, own


def member_of(name: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="pw-Uninstall-1")
    user.groups.add(Group.objects.get(name=name))
    return user


def reaches_admin(client, user) -> bool:
    client.force_login(user)
    return client.get("/admin/").status_code == 200


def run(*args, answer=None, monkeypatch=None) -> str:
    out = io.StringIO()
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    call_command("uninstall_minimum_standards", *args, stdout=out)
    return out.getvalue()


def test_uninstalling_takes_back_what_the_tracker_gave_and_nothing_else(client, site_groups):
    board, own = site_groups
    member, runner = member_of(ROLES["read"][0], "member"), member_of(ROLES["run"][0], "runner")
    assert reaches_admin(client, member) and reaches_admin(client, runner)

    said = run("--no-input")

    assert not Group.objects.filter(name=ROLES["run"][0]).exists()  # the tracker made it
    board.refresh_from_db()
    assert list(board.permissions.all()) == [own]  # the site's group keeps its own
    assert not reaches_admin(client, member)
    assert not reaches_admin(client, runner)
    assert "Delete the group “Uninstall: runs it”, which the tracker made (1 member)." in said
    assert "Keep the group “Uninstall: Advisory Group”" in said
    assert "wagtailadmin.access_admin" in said and "auth.view_group" not in said
    assert "python manage.py migrate minimum_standards zero" in said
    assert "python manage.py remove_stale_contenttypes" in said


def test_a_dry_run_says_what_it_would_do_and_changes_nothing(client, site_groups):
    member = member_of(ROLES["read"][0], "member")

    said = run("--dry-run")

    assert "Dry run: nothing was changed." in said
    assert "Delete the group “Uninstall: runs it”" in said
    assert Group.objects.filter(name=ROLES["run"][0]).exists()
    assert reaches_admin(client, member)


def test_it_asks_first_and_anything_but_yes_changes_nothing(client, site_groups, monkeypatch):
    member = member_of(ROLES["read"][0], "member")

    with pytest.raises(CommandError, match="Nothing was changed"):
        run(answer="y", monkeypatch=monkeypatch)

    assert reaches_admin(client, member)
    run(answer="yes", monkeypatch=monkeypatch)
    assert not reaches_admin(client, member)


def test_tracker_permissions_given_by_hand_are_taken_back_too(site_groups):
    clerk = get_user_model().objects.create_user(username="clerk")
    view = Permission.objects.get(
        content_type__app_label="minimum_standards", codename="view_selfassessment"
    )
    clerk.user_permissions.add(view)

    said = run("--no-input")

    assert not clerk.user_permissions.exists()
    assert "Take the tracker's permissions from clerk" in said


def test_the_groups_are_not_made_again_once_the_tables_are_gone(site_groups):
    """`migrate minimum_standards zero` ends with post_migrate: with the tracker's tables gone
    from the state it leaves, nothing is made again."""

    class StateWithoutTheTracker:
        def get_model(self, app_label, model_name):
            raise LookupError(app_label)

    run("--no-input")
    with override_settings(MINIMUM_STANDARDS_ROLES=ROLES):
        made = ensure_roles(apps=StateWithoutTheTracker())

    assert made == {}
    assert not Group.objects.filter(name=ROLES["run"][0]).exists()
