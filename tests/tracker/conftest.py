"""Fixtures for the tracker's own suite: it needs nothing of this site (no `home`, no site
factories), so that CI can run it in a bare Wagtail project with the tracker's wheel
installed (docs/plugin.md). Users get the tracker's roles through the groups the site maps
them to (compliance.roles)."""

import datetime
import io

import pytest

try:
    import hypothesis  # noqa: F401
except ImportError:  # a bare project (packaging/test_in_bare_project.py) has no Hypothesis:
    # the property tests run in the project's own suite (make test)
    collect_ignore = [
        "test_plan_properties.py",
        "test_round_trips.py",
        "test_mapping_round_trips.py",
    ]
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    Framework,
    SelfAssessment,
)
from wagtail_minimum_standards.compliance.roles import READ, RUN, group_names
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanAction, PlanItem


def user_with(role: str, username: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@tracker.example", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group_names(role)[0]))
    return user


@pytest.fixture
def manager(db):
    return user_with(RUN, "runner")


@pytest.fixture
def reader(db):
    return user_with(READ, "reader")


@pytest.fixture
def framework(db):
    call_command(
        "minimum_standards_import_framework", "--builtin", "iass-2018", stdout=io.StringIO()
    )
    return Framework.objects.get(code="iass-2018")


@pytest.fixture
def meetings(db):
    return [
        AdvisoryGroupMeeting.objects.create(date=datetime.date(2024, 10, 9), title="Autumn"),
        AdvisoryGroupMeeting.objects.create(date=datetime.date(2025, 1, 15), title="Winter"),
    ]


@pytest.fixture
def assessment(framework):
    assessment = SelfAssessment.objects.create(
        framework=framework, title="Self-assessment 2024", assessed_on=datetime.date(2024, 8, 31)
    )
    assessment.add_missing_ratings()
    partly = framework.levels.get(code="P/C")
    assessment.ratings.filter(standard__code__in=["1.3", "1.7"]).update(
        level=partly, evidence_notes="Answerphone out of hours only."
    )
    return assessment


@pytest.fixture
def plan(framework):
    plan = DeliveryPlan.objects.create(title="Delivery plan 2024-25", framework=framework)
    plan.add_defaults()  # Appendix 4's columns, the 2018 status words
    item = PlanItem(
        plan=plan,
        area_of_work="Governance",
        objective="Recruit two parent members to the Advisory Group",
        owners="Service manager",
        timescale="Spring 2025",
        status="On track",
    )
    item.standards.set(framework.sections.get(number="1").standards.filter(code="1.7"))
    item.save()
    PlanAction.objects.create(item=item, number=1, lead="1. ", text="Ask the parent carer forum")
    return plan


@pytest.fixture
def without_quality_checks(settings):
    """Every quality check turned off, as a service may (MINIMUM_STANDARDS_QUALITY_CHECKS): for
    tests of ratifying that are about something else, on assessments the checks would stop."""
    from wagtail_minimum_standards.compliance.quality_checks import all_checks

    settings.MINIMUM_STANDARDS_QUALITY_CHECKS = {check.id: "off" for check in all_checks()}
