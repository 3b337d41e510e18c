"""The three roles exist after `migrate`, with what each may do in the admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from home.roles import ensure_roles

from .factories import InformationPageFactory, UserFactory


def test_roles_exist_and_wagtails_starter_groups_are_gone(db):
    names = set(Group.objects.values_list("name", flat=True))

    assert {"Service manager", "Editor", "Advisory Group"} <= names
    assert not {"Editors", "Moderators"} & names


def test_ensure_roles_keeps_permissions_an_administrator_added(db):
    group = Group.objects.get(name="Advisory Group")
    extra = Permission.objects.get(codename="add_document")
    group.permissions.add(extra)

    ensure_roles()

    assert group.permissions.filter(pk=extra.pk).exists()


@pytest.mark.parametrize(
    ("role_fixture", "dashboard", "edit_pages", "settings"),
    [
        ("service_manager", 200, 200, 200),
        ("editor", 200, 200, 302),
        ("advisory_member", 200, 302, 302),
    ],
)
def test_what_each_role_may_open(
    client, home_page, request, role_fixture, dashboard, edit_pages, settings
):
    client.force_login(request.getfixturevalue(role_fixture))

    assert client.get("/admin/").status_code == dashboard
    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code == edit_pages
    site_id = Site.objects.get(is_default_site=True).pk
    assert client.get(f"/admin/settings/home/servicesettings/{site_id}/").status_code == settings


def test_user_without_a_role_cannot_enter_the_admin(client, db):
    client.force_login(UserFactory())

    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("role_fixture", ["editor", "service_manager"])
def test_only_an_administrator_may_delete_unpublish_or_move_the_home_page(
    client, home_page, request, role_fixture
):
    client.force_login(request.getfixturevalue(role_fixture))

    other = InformationPageFactory(parent=home_page)

    assert client.get(f"/admin/pages/{home_page.pk}/delete/").status_code == 302
    for url in (
        f"/admin/pages/{home_page.pk}/delete/",
        f"/admin/pages/{home_page.pk}/unpublish/",
        f"/admin/pages/{home_page.pk}/move/{other.pk}/confirm/",
    ):
        assert client.post(url).status_code == 302, url

    home_page.refresh_from_db()
    assert home_page.live and home_page.depth == 2  # still there, still published, not moved
    assert Site.objects.filter(root_page=home_page).exists()


def test_the_tracker_roles_are_this_sites_groups(db):
    from wagtail_minimum_standards.compliance.roles import PERMISSIONS, READ, RUN

    for role, group in ((RUN, "Service manager"), (READ, "Advisory Group")):
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=group).permissions.all()
        }
        assert set(PERMISSIONS[role]) <= held, role
    editor = Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    assert not [c for c in editor if "rating" in c or "planitem" in c]


def test_a_site_that_maps_no_roles_gets_the_trackers_own_groups(db, settings):
    from wagtail_minimum_standards.compliance.roles import DEFAULT_GROUPS, ensure_roles

    del settings.MINIMUM_STANDARDS_ROLES

    ensure_roles()

    for names in DEFAULT_GROUPS.values():
        assert Group.objects.filter(name=names[0]).exists()
    assert (
        Group.objects.get(name="Minimum standards reader")
        .permissions.filter(codename="view_selfassessment")
        .exists()
    )


def test_uninstalling_the_tracker_keeps_this_sites_groups_and_warns_of_its_migrations(db):
    """This site's own migrations depend on the tracker's (home 0004 linked a page to a
    framework): dropping the tracker's tables would unapply them, so the command says not yet."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("minimum_standards_uninstall", "--dry-run", stdout=out)
    said = out.getvalue()

    assert "Keep the group “Service manager”" in said and "Delete the group" not in said
    assert "Do not drop the tracker's tables yet" in said
    assert "home.0004_howwearedoingpage" in said and "home.0007_" in said
