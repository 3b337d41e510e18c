"""Taking the tracker out: `manage.py minimum_standards_uninstall` deletes the groups it made,
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
    call_command("minimum_standards_uninstall", *args, stdout=out)
    return out.getvalue()


def test_uninstalling_takes_back_what_the_tracker_gave_and_nothing_else(client, site_groups):
    board, own = site_groups
    member, runner = member_of(ROLES["read"][0], "member"), member_of(ROLES["run"][0], "runner")
    assert reaches_admin(client, member) and reaches_admin(client, runner)
    assert board.permissions.filter(content_type__app_label="minimum_standards_figures").exists()

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
    assert "“wagtail_minimum_standards.figures”" in said  # its third app goes too


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


def test_a_group_the_tracker_made_and_the_site_added_to_is_kept(site_groups):
    runs = Group.objects.get(name=ROLES["run"][0])
    own = Permission.objects.get(content_type__app_label="auth", codename="view_user")
    runs.permissions.add(own)  # given by the site after the tracker made the group

    said = run("--no-input")

    runs.refresh_from_db()
    assert list(runs.permissions.all()) == [own]
    assert "Keep the group “Uninstall: runs it”, which the tracker made, because your site" in said
    assert "since given it auth.view_user" in said


def test_it_says_so_when_the_tables_were_dropped_first(site_groups, monkeypatch):
    from django.db import connection

    tables = connection.introspection.table_names()
    monkeypatch.setattr(
        connection.introspection,
        "table_names",
        lambda *args, **kwargs: [t for t in tables if t != "minimum_standards_rolegroup"],
    )

    with pytest.raises(CommandError, match="tables are gone already") as refused:
        run("--dry-run")

    assert "Uninstall: Advisory Group" in str(refused.value)  # groups holding its permissions


def test_its_public_pages_are_to_be_deleted_before_its_tables(site_groups):
    from wagtail.models import Site

    from wagtail_minimum_standards.compliance.pages.models import HowWeAreDoingPage

    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=HowWeAreDoingPage(title="How we do", slug="how-we-do"))

    said = run("--dry-run")

    assert "Do not drop the tracker's tables yet" in said
    assert "Delete the tracker's “How we are doing” pages" in said and "“How we do”" in said
