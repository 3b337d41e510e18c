"""Every setting the tracker reads is checked by `manage.py check`: a mistake is a clear error
with a hint, never a KeyError later or a group for each letter of a string."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from wagtail_minimum_standards.compliance.checks import (
    admin_base_url,
    roles_setting,
    wagtail_date_formats,
)


def ids(problems) -> list[str]:
    return [problem.id for problem in problems]


@pytest.mark.parametrize(
    ("value", "expected", "words"),
    [
        (["Service manager"], "minimum_standards.E001", "must be a dict"),
        ({"run": ["A"], "read": ["B"], "write": ["C"]}, "minimum_standards.E002", "write"),
        ({"run": ["A"]}, "minimum_standards.E003", "gives no groups for: read"),
        ({"run": "Service manager", "read": ["B"]}, "minimum_standards.E004", "is a string"),
        ({"run": ["A", 3], "read": ["B"]}, "minimum_standards.E005", "list of group names"),
        ({"run": ["A", "  "], "read": ["B"]}, "minimum_standards.E005", "list of group names"),
        ({"run": [], "read": ["B"]}, "minimum_standards.E006", "is empty"),
        ({"run": ["x" * 151], "read": ["B"]}, "minimum_standards.E007", "150 characters"),
    ],
)
def test_a_malformed_roles_setting_is_an_error_that_says_what_is_wrong(value, expected, words):
    with override_settings(MINIMUM_STANDARDS_ROLES=value):
        problems = roles_setting()

    assert expected in ids(problems)
    problem = next(p for p in problems if p.id == expected)
    assert words in problem.msg and problem.hint
    assert problem.is_serious()


def test_a_string_for_a_role_names_the_list_it_should_be():
    with override_settings(MINIMUM_STANDARDS_ROLES={"run": "Staff", "read": ["Board"]}):
        (problem,) = roles_setting()

    assert problem.hint == 'Write ["Staff"], not "Staff".'


def test_one_group_with_both_roles_is_a_warning():
    with override_settings(MINIMUM_STANDARDS_ROLES={"run": ["Staff"], "read": ["Staff", "B"]}):
        problems = roles_setting()

    assert ids(problems) == ["minimum_standards.W002"]
    assert not problems[0].is_serious()


def test_a_good_setting_and_no_setting_pass():
    with override_settings(MINIMUM_STANDARDS_ROLES={"run": ("Staff",), "read": ["Board"]}):
        assert roles_setting() == []
    with override_settings():
        from django.conf import settings

        del settings.MINIMUM_STANDARDS_ROLES
        assert roles_setting() == []


def test_check_and_migrate_stop_on_a_malformed_setting_before_making_any_group(db):
    before = Group.objects.count()
    with override_settings(MINIMUM_STANDARDS_ROLES={"run": "Service manager", "read": ["B"]}):
        with pytest.raises(SystemCheckError, match="minimum_standards.E004"):
            call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
        with pytest.raises(SystemCheckError, match="minimum_standards.E004"):
            call_command("migrate", skip_checks=False, stdout=io.StringIO(), stderr=io.StringIO())

    assert Group.objects.count() == before  # not one group for each letter


@pytest.mark.parametrize("value", [None, ""])
def test_no_admin_base_url_is_a_warning_not_an_error(value):
    with override_settings(WAGTAILADMIN_BASE_URL=value):
        (problem,) = admin_base_url()

    assert problem.id == "minimum_standards.W001" and not problem.is_serious()
    assert "from the address the request came to" in problem.hint


@pytest.mark.parametrize("value", ["www.example.org", "ftp://example.org", 42])
def test_an_admin_base_url_that_is_not_a_web_address_is_an_error(value):
    with override_settings(WAGTAILADMIN_BASE_URL=value):
        (problem,) = admin_base_url()

    assert problem.id == "minimum_standards.E008"


def test_a_web_address_passes():
    with override_settings(WAGTAILADMIN_BASE_URL="https://sendias.example"):
        assert admin_base_url() == []


@pytest.mark.parametrize(
    "name", [" Service manager", "Service manager ", "\u200bBoard", "Advisory\nGroup", "e\u0301"]
)
def test_a_group_name_with_something_hidden_in_it_is_an_error(name):
    with override_settings(MINIMUM_STANDARDS_ROLES={"run": [name], "read": ["Board"]}):
        (problem,) = roles_setting()

    assert problem.id == "minimum_standards.E009"
    assert ascii(name) in problem.msg


def test_a_blank_string_for_a_role_is_not_told_to_become_a_blank_list():
    with override_settings(MINIMUM_STANDARDS_ROLES={"run": " ", "read": ["Board"]}):
        (problem,) = roles_setting()

    assert problem.id == "minimum_standards.E004"
    assert problem.hint == 'Give a list of group names, e.g. ["Service manager"].'


@pytest.mark.parametrize(
    "value", ["http://", " https://example.org", "https://example.org?x=1", "https://ex ample.org"]
)
def test_an_admin_base_url_that_would_make_broken_links_is_an_error(value):
    with override_settings(WAGTAILADMIN_BASE_URL=value):
        (problem,) = admin_base_url()

    assert problem.id == "minimum_standards.E008"


def test_with_the_checks_skipped_a_malformed_setting_still_makes_no_group(db):
    """call_command("migrate") and a test database skip the checks: the roles refuse it too."""
    from django.core.exceptions import ImproperlyConfigured

    from wagtail_minimum_standards.compliance.roles import ensure_roles

    before = Group.objects.count()
    malformed = override_settings(MINIMUM_STANDARDS_ROLES={"run": "Service manager", "read": ["B"]})
    with malformed, pytest.raises(ImproperlyConfigured, match="minimum_standards.E004"):
        ensure_roles()

    assert Group.objects.count() == before


@pytest.mark.parametrize(
    ("settings", "shown"),
    [
        ({"WAGTAIL_DATE_FORMAT": "d/m/Y"}, "“d/m/Y”"),  # Django's template form, not Python's
        ({"WAGTAIL_DATE_FORMAT": "%d/%m/%Y", "LANGUAGE_CODE": "en-us"}, "“05/06/2027”"),
        ({"WAGTAIL_DATETIME_FORMAT": "%m/%d/%Y %H:%M", "LANGUAGE_CODE": "en-gb"}, "06/05/2027"),
    ],
)
def test_a_wagtail_date_format_the_site_would_misread_is_a_warning(settings, shown):
    unset = {"WAGTAIL_DATE_FORMAT": None, "WAGTAIL_DATETIME_FORMAT": None}
    with override_settings(FORMAT_MODULE_PATH=None, **{**unset, **settings}):
        problems = wagtail_date_formats()

    assert ids(problems) == ["minimum_standards.W003"]
    assert shown in problems[0].msg and "tracker's own date fields are not affected" in (
        problems[0].msg
    )
    assert not problems[0].is_serious()


@pytest.mark.parametrize(
    "settings",
    [
        {},  # Wagtail's defaults, 2027-06-05 and 2027-06-05 14:30
        {
            "WAGTAIL_DATE_FORMAT": "%d/%m/%Y",
            "WAGTAIL_DATETIME_FORMAT": "%d/%m/%Y %H:%M",
            "LANGUAGE_CODE": "en-gb",  # a host's own may be en-us (wagtail start's)
        },
        {"WAGTAIL_DATE_FORMAT": "%m/%d/%Y", "LANGUAGE_CODE": "en-us"},
    ],
)
def test_a_wagtail_date_format_the_site_reads_back_is_fine(settings):
    unset = {"WAGTAIL_DATE_FORMAT": None, "WAGTAIL_DATETIME_FORMAT": None}
    with override_settings(FORMAT_MODULE_PATH=None, **{**unset, **settings}):
        assert wagtail_date_formats() == []


def test_this_sites_british_date_formats_pass_the_check():
    assert wagtail_date_formats() == []


@pytest.mark.parametrize("value", [0, 13, "9", 9.0, True, None])
def test_a_year_start_month_that_is_no_month_is_an_error(value):
    from wagtail_minimum_standards.figures.checks import year_start_month

    with override_settings(MINIMUM_STANDARDS_YEAR_START_MONTH=value):
        problems = year_start_month()
    assert ids(problems) == ["minimum_standards_figures.E001"]
    assert "must be a month's number, 1 to 12" in problems[0].msg


@pytest.mark.parametrize("value", [1, 4, 9, 12])
def test_a_year_start_month_passes(value):
    from wagtail_minimum_standards.figures.checks import year_start_month

    with override_settings(MINIMUM_STANDARDS_YEAR_START_MONTH=value):
        assert year_start_month() == []
