"""Plan items drafted from a self-assessment's gaps (issue 23): the "not met, and no plan item"
check, the drafts offered, accepting them one by one or together, and who may."""

import datetime
import io
import re
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail_minimum_standards.compliance.models import Framework, Question, SelfAssessment
from wagtail_minimum_standards.compliance.quality_checks import findings_for
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanItem

from .factories import AdvisoryGroupMemberFactory


@pytest.fixture(autouse=True)
def checks_that_read_only_the_data(settings):
    """The live website is not checked here: only what the test gives."""
    settings.MINIMUM_STANDARDS_QUALITY_CHECKS = {"site-check-failing": "off"}


@pytest.fixture
def framework(db):
    call_command(
        "minimum_standards_import_framework", "--builtin", "iass-2018", stdout=io.StringIO()
    )
    return Framework.objects.get(code="iass-2018")


def assessment_of(framework, levels: dict, title="2026 self-assessment"):
    """Every standard compliant, with evidence and a public summary, but those in `levels`."""
    assessment = SelfAssessment.objects.create(
        framework=framework, title=title, assessed_on=datetime.date(2026, 8, 31)
    )
    assessment.add_missing_ratings()
    assessment.ratings.update(
        level=framework.levels.get(code="C"),
        evidence_notes="Seen by the manager.",
        public_summary="We do this.",
    )
    for code, level in levels.items():
        assessment.ratings.filter(standard__code=code).update(
            level=framework.levels.get(code=level)
        )
    return assessment


@pytest.fixture
def assessment(framework, service_manager):
    assessment = assessment_of(framework, {"1.1": "NC", "1.2": "P/C"})
    # 2.1: compliant, but no evidence (a blocker); 2.2: an open question (drafted from none)
    assessment.ratings.filter(standard__code="2.1").update(evidence_notes="")
    Question.objects.create(
        subject=assessment.ratings.get(standard__code="2.2"),
        asked_by=service_manager,
        text="Is this still true?",
    )
    return assessment


@pytest.fixture
def plan(framework):
    plan = DeliveryPlan.objects.create(title="Delivery plan 2026-27", framework=framework)
    plan.add_defaults()
    item = PlanItem(plan=plan, position=4, objective="Answer every enquiry within a week")
    item.standards.set([framework_standard(framework, "1.2")])
    item.save()
    return plan


def framework_standard(framework, code):
    return framework.sections.get(standards__code=code).standards.get(code=code)


def drafts_url(assessment, plan=None):
    url = reverse("minimum_standards_plans_assessment_drafts", args=[assessment.pk])
    return f"{url}?plan={plan.pk}" if plan else url


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def drafted_codes(response) -> list[str]:
    return re.findall(r'<li class="draft" id="draft-\d+">\s*<h3[^>]*><span class="standard-code">'
                      r"([^<]+)</span>", response.content.decode())  # fmt: skip


def fields_of(response, standard) -> dict:
    """The draft's fields as the page fills them in."""
    html = response.content.decode()
    prefix = f"draft-{standard.pk}-"
    found = {}
    for name, value in re.findall(rf'<input[^>]*name="{prefix}(\w+)"[^>]*value="([^"]*)"', html):
        found[name] = value
    for name, value in re.findall(
        rf'<textarea[^>]*name="{prefix}(\w+)"[^>]*>\s*([^<]*)</textarea>', html
    ):
        found[name] = value
    return {
        name: found.get(name, "") for name in ("area_of_work", "objective", "owners", "timescale")
    }


def posted(response, standards, **changes) -> dict:
    data = {"plan": re.search(r'name="plan" value="(\d+)"', response.content.decode())[1]}
    for standard in standards:
        for name, value in fields_of(response, standard).items():
            data[f"draft-{standard.pk}-{name}"] = value
    data.update(changes)
    return data


def test_the_check_finds_a_gap_no_active_plan_serves(assessment, plan, framework):
    findings = findings_for(assessment).of("warning")
    gaps = [f for f in findings if f.check.id == "gap-without-plan-item"]

    assert [f.standard.code for f in gaps] == ["1.1"]  # 1.2 is in the plan
    assert gaps[0].fix_label == "Draft a plan item for 1.1"
    assert gaps[0].fix_url == drafts_url(assessment) + f"#draft-{gaps[0].standard.pk}"
    plan.status = DeliveryPlan.Status.CLOSED
    plan.save()
    gaps = [f for f in findings_for(assessment) if f.check.id == "gap-without-plan-item"]
    assert [f.standard.code for f in gaps] == ["1.1", "1.2"]  # a closed plan serves nothing


def test_drafts_are_offered_for_gaps_and_findings_but_not_twice(
    client, assessment, plan, framework, service_manager
):
    client.force_login(service_manager)

    response = client.get(drafts_url(assessment))

    assert response.status_code == 200
    assert drafted_codes(response) == ["1.1", "1.2", "2.1"]  # not 2.2: its question is answered
    text = text_of(response)
    assert "Rated NC: Not compliant." in text
    assert "Blocker: Rated C, with no evidence notes and no evidence links." in text
    assert "Already in the plan: item 4" in text  # 1.2
    in_plan = framework_standard(framework, "1.2")
    assert f'name="draft-{in_plan.pk}-objective"' not in response.content.decode()
    standard = framework_standard(framework, "1.1")
    fields = fields_of(response, standard)
    assert fields["area_of_work"] == f"{standard.section.title} (1.1)"
    assert fields["objective"].startswith("Meet standard 1.1: ")
    assert (fields["owners"], fields["timescale"]) == ("", "")
    # The plan's own headings label the fields
    assert "Area of work (link to Standard)" in text and "Task objective" in text
    assert PlanItem.objects.count() == 1  # a GET adds nothing


def test_accepting_one_draft_adds_one_item_in_the_plans_words(
    client, assessment, plan, framework, service_manager
):
    client.force_login(service_manager)
    page = client.get(drafts_url(assessment))
    standard = framework_standard(framework, "1.1")

    response = client.post(
        drafts_url(assessment),
        posted(page, [standard], **{
            "accept": str(standard.pk),
            f"draft-{standard.pk}-owners": "Service Manager",
            f"draft-{standard.pk}-timescale": "March 2027",
        }),
    )  # fmt: skip

    assert response.status_code == 302
    item = plan.items.get(standards=standard)
    assert item.position == 5  # after the last
    assert item.objective == f"Meet standard 1.1: {standard.text}"
    assert item.area_of_work == f"{standard.section.title} (1.1)"
    assert (item.owners, item.timescale, item.due_date) == (
        "Service Manager", "March 2027", datetime.date(2027, 3, 31)
    )  # fmt: skip
    assert (item.status, item.status_meaning) == ("Not started", "open")
    assert item.history.first().history_change_reason == (
        "Drafted from the self-assessment “2026 self-assessment”"
    )
    assert plan.items.count() == 2  # 2.1 was not ticked nor accepted
    after = client.get(response.url)
    assert "Added 1 item to “Delivery plan 2026-27”: 1.1." in text_of(after)
    assert "Already in the plan: item 5" in text_of(after)


def test_accepting_the_ticked_drafts_adds_them_together(
    client, assessment, plan, framework, service_manager
):
    client.force_login(service_manager)
    page = client.get(drafts_url(assessment))
    first, second = (framework_standard(framework, code) for code in ("1.1", "2.1"))

    response = client.post(
        drafts_url(assessment),
        posted(page, [first, second], **{
            "accept": "ticked",
            f"draft-{first.pk}-tick": "on",
            f"draft-{second.pk}-tick": "on",
            f"draft-{second.pk}-objective": "Keep the evidence for 2.1",
        }),
    )  # fmt: skip

    assert response.status_code == 302
    added = plan.items.filter(position__gt=4).order_by("position")
    assert [([s.code for s in i.standards.all()], i.objective) for i in added] == [
        (["1.1"], f"Meet standard 1.1: {first.text}"),
        (["2.1"], "Keep the evidence for 2.1"),
    ]


def test_nothing_ticked_or_a_draft_without_objective_adds_nothing(
    client, assessment, plan, framework, service_manager
):
    client.force_login(service_manager)
    page = client.get(drafts_url(assessment))
    standard = framework_standard(framework, "1.1")

    none_ticked = client.post(drafts_url(assessment), posted(page, [standard], accept="ticked"))
    emptied = client.post(
        drafts_url(assessment),
        posted(page, [standard], **{"accept": str(standard.pk), f"draft-{standard.pk}-objective": ""}),
    )  # fmt: skip

    assert none_ticked.status_code == 200
    assert "Tick the drafts to add first" in text_of(none_ticked)
    assert emptied.status_code == 200
    assert "1.1, Task objective: This field is required." in text_of(emptied)
    assert plan.items.count() == 1


def test_a_second_accept_of_the_same_draft_adds_nothing(
    client, assessment, plan, framework, service_manager
):
    client.force_login(service_manager)
    page = client.get(drafts_url(assessment))
    standard = framework_standard(framework, "1.1")
    data = posted(page, [standard], accept=str(standard.pk))

    client.post(drafts_url(assessment), data)
    again = client.post(drafts_url(assessment), data)  # a double click, or a second tab

    assert plan.items.filter(standards=standard).count() == 1
    assert again.status_code == 200  # the draft is gone: nothing chosen
    assert "Already in the plan: item 5" in text_of(again)


def test_the_plan_is_chosen_by_framework_and_may_be_changed(
    client, assessment, plan, framework, service_manager
):
    other = DeliveryPlan.objects.create(title="Strategy", period_start=datetime.date(2030, 1, 1))
    other.add_defaults()
    client.force_login(service_manager)

    chosen = client.get(drafts_url(assessment))
    changed = client.get(drafts_url(assessment, other))

    assert "3 drafts for “Delivery plan 2026-27”" in text_of(chosen)
    assert "3 drafts for “Strategy”" in text_of(changed)
    assert "Already in the plan" not in text_of(changed)  # 1.2 is in the other plan only


def test_the_report_offers_drafting_to_the_service_manager_only(
    client, assessment, plan, service_manager
):
    report = reverse("minimum_standards_assessment_report", args=[assessment.pk])
    client.force_login(service_manager)
    assert drafts_url(assessment) in client.get(report).content.decode()

    client.force_login(AdvisoryGroupMemberFactory())
    assert drafts_url(assessment) not in client.get(report).content.decode()


def test_only_the_service_manager_may_draft(client, assessment, plan, framework):
    standard = framework_standard(framework, "1.1")
    data = {"plan": plan.pk, "accept": str(standard.pk), f"draft-{standard.pk}-objective": "x"}

    anonymous = client.post(drafts_url(assessment), data)
    client.force_login(AdvisoryGroupMemberFactory())
    member_get = client.get(drafts_url(assessment))
    member_post = client.post(drafts_url(assessment), data)

    assert anonymous.status_code == 302 and anonymous.url.startswith("/admin/login/")
    # Wagtail sends the signed-in without permission to the dashboard, with "Sorry, ..."
    assert [(r.status_code, r.url) for r in (member_get, member_post)] == [(302, "/admin/")] * 2
    assert plan.items.count() == 1


def test_the_drafts_take_the_same_queries_however_many_gaps(
    client, framework, plan, service_manager
):
    few = assessment_of(framework, {"1.1": "NC"}, title="Few")
    many = assessment_of(
        framework, dict.fromkeys(("1.1", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2"), "NC"),
        title="Many",
    )  # fmt: skip
    client.force_login(service_manager)
    counts = []
    for assessment in (few, many):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(drafts_url(assessment))
        assert response.status_code == 200
        counts.append(len(queries))

    assert len(drafted_codes(client.get(drafts_url(many)))) == 7
    assert counts[0] == counts[1]


def test_the_demo_draft_offers_drafts_and_one_is_accepted(client, plans_demo, service_manager):
    draft = plans_demo["draft"]
    client.force_login(service_manager)

    page = client.get(drafts_url(draft))

    assert page.status_code == 200
    codes = drafted_codes(page)
    assert codes
    html = page.content.decode()
    offered = re.findall(r'name="draft-(\d+)-objective"', html)
    assert offered
    standard = draft.ratings.get(standard_id=offered[0]).standard
    plan = DeliveryPlan.objects.get(pk=re.search(r'name="plan" value="(\d+)"', html)[1])
    before = plan.items.count()
    response = client.post(drafts_url(draft), posted(page, [standard], accept=str(standard.pk)))
    assert response.status_code == 302
    assert plan.items.count() == before + 1
    assert plan.items.filter(standards=standard).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_accepts_at_once_add_one_item(framework, monkeypatch):
    """The second accept waits for the first's lock on the plan's row, then finds the item."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite locks the whole database)")
    from wagtail_minimum_standards.plans import drafting

    assessment = assessment_of(framework, {"1.1": "NC"})
    plan = DeliveryPlan.objects.create(title="Delivery plan 2026-27", framework=framework)
    plan.add_defaults()
    standard = framework_standard(framework, "1.1")
    holding, release = threading.Event(), threading.Event()
    real_items_serving = drafting.items_serving

    def first_holds_the_lock(plan, standard_ids):
        found = real_items_serving(plan, standard_ids)
        if not holding.is_set():
            holding.set()  # the first accept has the plan's row locked
            assert release.wait(10)
        return found

    monkeypatch.setattr(drafting, "items_serving", first_holds_the_lock)
    results, failures = [], []

    def in_thread():
        def run():
            try:
                values = {"objective": "Meet standard 1.1"}
                results.append(drafting.accept(plan, assessment, [(standard, values)]))
            except Exception as error:  # noqa: BLE001 (reported by the test)
                failures.append(error)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    first = in_thread()
    assert holding.wait(10)
    second = in_thread()
    second.join(0.5)
    waited = second.is_alive()  # the second waits for the first's lock
    release.set()
    first.join(10)
    second.join(10)

    assert not failures and waited
    assert plan.items.filter(standards=standard).count() == 1
    assert sorted((len(added), len(there)) for added, there in results) == [(0, 1), (1, 0)]
