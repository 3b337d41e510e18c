"""Every admin URL of the tracker, as every role: the matrix is read from Django's URL resolver,
so a URL added later is in it (and fails here until someone says who may open it)."""

import datetime
import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from wagtail_minimum_standards.compliance.models import Framework, FrameworkMapping, Question
from wagtail_minimum_standards.figures.models import (
    BreakdownList,
    FiguresUpload,
    Measure,
    ReportingYear,
)
from wagtail_minimum_standards.plans.models import AnnualReport, PlanUpload

from .factories import UserFactory
from .workbook_files import workbook_bytes

TRACKER_APPS = ("minimum_standards", "minimum_standards_plans", "minimum_standards_figures")

# What the Advisory Group may open: reading and exporting, nothing that changes anything.
ADVISORY_GROUP_READS = {
    "minimum_standards_selfassessment_modeladmin_index",
    "minimum_standards_framework_modeladmin_index",
    "minimum_standards_framework_modeladmin_inspect",
    "minimum_standards_rating_modeladmin_index",
    "minimum_standards_standard_modeladmin_index",
    "minimum_standards_assessment_report",
    "minimum_standards_assessment_export",
    "minimum_standards_framework_export",
    "minimum_standards_frameworkmapping_modeladmin_index",
    "minimum_standards_mapping_export",
    "minimum_standards_mapping_template",
    "minimum_standards_assessment_history",
    "minimum_standards_compare",
    "minimum_standards_compare_export",
    "minimum_standards_rating_history",
    "minimum_standards_plans_deliveryplan_modeladmin_index",
    "minimum_standards_plans_planitem_modeladmin_index",
    "minimum_standards_advisorygroupmeeting_modeladmin_index",
    "minimum_standards_plans_plan_view",
    "minimum_standards_plans_plan_export",
    "minimum_standards_plans_plan_history",
    "minimum_standards_plans_item_history",
    "minimum_standards_plans_meeting_review",
    "minimum_standards_plans_meeting_pack",
    "minimum_standards_plans_meeting_record",
    "minimum_standards_plans_meeting_minutes",
    "minimum_standards_plans_meeting_minutes_word",
    "minimum_standards_plans_meeting_history",
    "minimum_standards_question",
    "minimum_standards_question_ask",
    "minimum_standards_plans_questions",
    "minimum_standards_plans_annual_reports",
    "minimum_standards_plans_annual_report",
    "minimum_standards_plans_annual_report_word",
    "minimum_standards_plans_annualreport_modeladmin_index",
    "minimum_standards_figures_measure_modeladmin_index",
    "minimum_standards_figures_breakdownlist_modeladmin_index",
    "minimum_standards_figures_reportingyear_modeladmin_index",
    "minimum_standards_figures_measure_history",
    "minimum_standards_figures_list_history",
    "minimum_standards_figures_year_history",
    "minimum_standards_figures_enter",
    "minimum_standards_figures_screen",
    "minimum_standards_figures_spreadsheets",
    "minimum_standards_figures_measures_export",
    "minimum_standards_figures_export",
    "minimum_standards_figures_export_year",
}
# What the Advisory Group may send: its questions, comments and corrections; nothing else.
ADVISORY_GROUP_WRITES = {"minimum_standards_question", "minimum_standards_question_ask"}
# What even the Service manager may not do: nothing in the tracker is deleted by hand (its
# history would lose its subject), frameworks are imported whole and never edited, and ratings
# come with their self-assessment.
SERVICE_MANAGER_REFUSED = {
    "minimum_standards_selfassessment_modeladmin_delete",
    "minimum_standards_framework_modeladmin_create",
    "minimum_standards_framework_modeladmin_edit",
    "minimum_standards_framework_modeladmin_delete",
    "minimum_standards_frameworkmapping_modeladmin_delete",
    "minimum_standards_rating_modeladmin_create",
    "minimum_standards_rating_modeladmin_delete",
    "minimum_standards_standard_modeladmin_create",
    "minimum_standards_standard_modeladmin_delete",
    "minimum_standards_plans_deliveryplan_modeladmin_delete",
    "minimum_standards_plans_planitem_modeladmin_delete",
    "minimum_standards_advisorygroupmeeting_modeladmin_delete",
    "minimum_standards_plans_annualreport_modeladmin_create",  # made from its year's screen
    "minimum_standards_plans_annualreport_modeladmin_delete",
    # a reporting year has nothing to edit (approved and unlocked by their own actions), and
    # one whose report was approved is kept
    "minimum_standards_figures_reportingyear_modeladmin_edit",
    "minimum_standards_figures_reportingyear_modeladmin_delete",
}
# What answers only a form's POST (a GET is 405): writing the year's annual report.
POST_ONLY = {
    "minimum_standards_plans_annual_report_write",
    "minimum_standards_figures_load_builtin",
}
# The object a URL's id stands for: by its model (wagtail-modeladmin's names) or its route.
OBJECT_BY_NAME = {
    "selfassessment": "draft",
    "assessment": "draft",
    "framework": "framework",
    "frameworkmapping": "mapping",
    "mapping": "mapping",
    "rating": "rating",
    "standard": "standard",
    "deliveryplan": "plan",
    "plan": "plan",
    "planitem": "item",
    "item": "item",
    "advisorygroupmeeting": "meeting",
    "meeting": "meeting",
    "question": "question",
    "year": "year",
    "annualreport": "annual_report",
    "measure": "measure",
    "breakdownlist": "breakdown_list",
    "list": "breakdown_list",
    "reportingyear": "approved_year",
}
# URLs whose id is not the object their route names: a question is asked about a rating.
# A plan's upload is opened by its token.
OBJECT_BY_URL = {
    "minimum_standards_question_ask": "rating",
    "minimum_standards_plans_plan_upload_preview": "upload",
    "minimum_standards_figures_upload_preview": "figures_upload",
    "minimum_standards_figures_export_year": "year",
    # a year's unlock and history: the year whose report was approved (the annual report's
    # URLs open the year still open)
    "minimum_standards_figures_year_unlock": "approved_year",
    "minimum_standards_figures_year_history": "approved_year",
}
# Other parts of a route, as its links give them.
ROUTE_VALUES = {"subject": "rating", "kind": "other"}
# Query strings a read opens with, as its links give them.
QUERIES = {
    "minimum_standards_compare": "?first={ratified}&second={draft}",
    "minimum_standards_compare_export": "?first={ratified}&second={draft}",
    "minimum_standards_plans_plan_view": "?overdue=1&status=on-track",
    "minimum_standards_plans_planitem_modeladmin_create": "?plan={plan}",
}
SECRET = "Limited funding"  # in the demo's evidence notes: never shown to those refused


def tracker_patterns():
    """(URL name, route) of every URL the tracker adds to the admin."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield pattern.name, (prefix + str(pattern.pattern)).replace("^", "")

    return [
        (name, route)
        for name, route in walk(get_resolver().url_patterns)
        if route.startswith(tuple(f"admin/{app}/" for app in TRACKER_APPS))
    ]


PATTERNS = tracker_patterns()


@pytest.fixture
def objects(plans_demo):
    year = ReportingYear.objects.for_day(plans_demo["january"].date)
    return {
        "draft": plans_demo["draft"],
        "ratified": plans_demo["ratified"],
        "framework": plans_demo["framework"],
        "rating": plans_demo["draft"].ratings.get(standard__code="1.4"),
        "standard": plans_demo["framework"].sections.get(number="3").standards.get(code="3.3"),
        "plan": plans_demo["plan"],
        "item": plans_demo["plan"].items.first(),
        "meeting": plans_demo["january"],
        "question": Question.objects.create(
            subject=plans_demo["draft"].ratings.get(standard__code="1.5"), text="Why P/C?"
        ),
        "upload": PlanUpload.objects.create(data=workbook_bytes((("Objective", "Action"),))),
        "figures_upload": FiguresUpload.objects.create(
            data=workbook_bytes((("Measure key", "Value"),))
        ),
        "year": year,
        "annual_report": AnnualReport.start(year),
        "measure": Measure.objects.create(key="caseload", name="Caseload", unit="families"),
        "breakdown_list": BreakdownList.objects.create(key="gender", name="Gender"),
        "approved_year": approved_year(),
        "mapping": FrameworkMapping.objects.create(
            from_framework=Framework.objects.create(code="earlier", name="Earlier", version="1"),
            to_framework=plans_demo["framework"],
            title="Earlier to now",
        ),
    }


def approved_year():
    year = ReportingYear.objects.create(starts_on=datetime.date(2021, 9, 1))
    year.approve(datetime.date(2022, 10, 12))
    return year


def url_for(name, route, objects) -> str:
    parameters = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    kwargs = {}
    for parameter in (a or b for a, b in parameters):
        if parameter in ROUTE_VALUES:
            kwargs[parameter] = ROUTE_VALUES[parameter]
            continue
        if name in OBJECT_BY_URL:
            kwargs[parameter] = objects[OBJECT_BY_URL[name]].pk
            continue
        model = re.search(r"admin/\w+/(\w+)/", route).group(1)
        assert model in OBJECT_BY_NAME, f"{name}: say which object “{model}” URLs open"
        kwargs[parameter] = objects[OBJECT_BY_NAME[model]].pk
    query = QUERIES.get(name, "").format(**{key: obj.pk for key, obj in objects.items()})
    return reverse(name, kwargs=kwargs) + query


def test_the_matrix_covers_every_tracker_url():
    names = {name for name, _ in PATTERNS}

    assert len(names) == len(PATTERNS), "every tracker URL has a name of its own"
    assert names >= ADVISORY_GROUP_READS and names >= SERVICE_MANAGER_REFUSED
    assert len(PATTERNS) >= 40
    # wagtail-modeladmin's audit-log history screen checked no permission: it is not served.
    assert not any(name.endswith("_modeladmin_history") for name in names)


def refused(response) -> bool:
    body = response.content.decode(errors="replace") if not response.streaming else ""
    # Wagtail sends the signed-out to sign in, and the signed-in without permission to the
    # dashboard with "Sorry, you do not have permission to access this area".
    sent_away = response.status_code == 302 and (
        response["Location"].startswith("/admin/login/") or response["Location"] == "/admin/"
    )
    return (sent_away or response.status_code in (403, 404)) and SECRET not in body


def tracker_counts():
    """Rows in every tracker table and its history: a refused POST changes none of them."""
    return {
        model._meta.label: model._default_manager.count()
        for app in TRACKER_APPS
        for model in apps.get_app_config(app).get_models()
    }


@pytest.mark.parametrize("who", ["anonymous", "editor", "no_role"])
def test_those_without_the_trackers_permissions_open_nothing(client, objects, request, who):
    if who == "editor":
        client.force_login(request.getfixturevalue("editor"))
    elif who == "no_role":
        client.force_login(UserFactory())
    before = tracker_counts()

    for name, route in PATTERNS:
        url = url_for(name, route, objects)
        assert refused(client.get(url)), f"GET {url} ({name})"
        assert refused(client.post(url, {"title": "x", "reason": "x", "text": "x"})), url

    assert tracker_counts() == before


def test_the_advisory_group_reads_and_exports_and_changes_nothing(client, objects, advisory_member):
    client.force_login(advisory_member)
    before = tracker_counts()

    for name, route in PATTERNS:
        url = url_for(name, route, objects)
        response = client.get(url)
        if name in ADVISORY_GROUP_READS:
            assert response.status_code == 200, f"GET {url} ({name})"
            if name not in ADVISORY_GROUP_WRITES:  # a read is not a way to write
                posted = client.post(url, {"title": "x", "notes": "x", "text": "x"})
                assert refused(posted) or posted.status_code == 405, f"POST {url} ({name})"
        else:
            assert refused(response), f"GET {url} ({name})"
            assert refused(client.post(url, {"title": "x", "reason": "x", "text": "x"})), url

    assert tracker_counts() == before


def test_what_the_advisory_group_may_send_is_its_questions_and_replies(
    client, objects, advisory_member
):
    client.force_login(advisory_member)
    asked = Question.objects.count()

    for name, route in PATTERNS:
        if name in ADVISORY_GROUP_WRITES:
            url = url_for(name, route, objects)
            response = client.post(url, {"text": "A question", "kind": "comment"})
            assert response.status_code == 302, f"POST {url} ({name})"

    assert Question.objects.count() == asked + 1
    assert objects["question"].replies.get().text == "A question"
    assert objects["question"].is_open  # a comment is not an answer


def test_the_service_manager_opens_everything_but_deleting(client, objects, service_manager):
    client.force_login(service_manager)

    for name, route in PATTERNS:
        url = url_for(name, route, objects)
        response = client.get(url)
        if name in SERVICE_MANAGER_REFUSED:
            assert refused(response), f"GET {url} ({name})"
        elif name in POST_ONLY:
            assert response.status_code == 405, f"GET {url} ({name})"
        elif name in (
            "minimum_standards_rating_modeladmin_edit",
            "minimum_standards_plans_assessment_ratify",
        ):
            assert response.status_code == 200, f"GET {url} ({name})"  # the draft: not locked
        else:
            assert response.status_code == 200, f"GET {url} ({name})"


def test_wagtails_site_history_shows_editors_nothing_of_the_tracker(
    client, objects, editor, service_manager
):
    managers_browser = Client()
    managers_browser.force_login(service_manager)
    created = managers_browser.post(
        "/admin/minimum_standards/advisorygroupmeeting/create/",
        {"date": "2030-01-01", "title": "Confidential strategy day", "notes": ""},
    )
    assert created.status_code == 302
    history = managers_browser.get("/admin/reports/site-history/").content.decode()
    assert "Confidential strategy day" in history  # Wagtail logs it ...
    client.force_login(editor)

    response = client.get("/admin/reports/site-history/")

    assert "Confidential strategy day" not in response.content.decode()  # ... for its readers


def test_those_without_permission_learn_nothing_of_what_is_locked(client, plans_demo, editor):
    ratified = plans_demo["ratified"]
    client.force_login(editor)

    for url in (
        f"/admin/minimum_standards/selfassessment/edit/{ratified.pk}/",
        f"/admin/minimum_standards/rating/edit/{ratified.ratings.first().pk}/",
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain[0][0] == "/admin/", url  # as for anything else refused
        assert "ratified and locked" not in response.content.decode(), url
