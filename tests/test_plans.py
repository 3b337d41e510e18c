"""Delivery plans: Appendix 4 in and out, due dates, progress, history, concurrency."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.demo import delivery_plans as plans_demo_data
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.plans.models import (
    DeliveryPlan,
    PlanAction,
    PlanItem,
    ProgressUpdate,
)
from wagtail_minimum_standards.plans.spreadsheets import export_plan, import_plan

DEMO = Path(__file__).resolve().parent.parent / "home" / "demo" / "files"


def saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def rows(workbook_file):
    return [tuple(row) for row in load_workbook(workbook_file).active.iter_rows(values_only=True)]


def text_rows(workbook_file):
    """Each row's cells as text, an empty cell as ""."""
    return [tuple("" if cell is None else cell for cell in row) for row in rows(workbook_file)]


def test_the_exported_plan_is_appendix_4_word_for_word(plans_demo):
    exported = text_rows(saved(export_plan(plans_demo["plan"])))
    appendix_4 = text_rows(DEMO / "operational-delivery-plan-2022-23.xlsx")

    assert len(appendix_4) - 2 == 11
    # Title, headings and every cell of its 11 rows, character for character; then the
    # item the demo added between meetings.
    assert exported[:13] == appendix_4
    item_3_3 = plans_demo["plan"].items.get(area_of_work="Operational Functions (3.3)")
    assert [s.code for s in item_3_3.standards.all()] == ["3.3"]
    assert item_3_3.actions.count() == 6 and item_3_3.outcomes.count() == 7
    both = plans_demo["plan"].items.filter(standards__code="1.6").filter(standards__code="3.3")
    assert both.count() == 1  # "(1.6 and 3.3)" links to both standards


def test_an_exported_plan_imports_back_the_same(plans_demo):
    """The plan's own sheet brings back every cell; a full copy the rest too: statuses set in
    the tracker (Appendix 4 has no status column), links made by hand, progress updates,
    actions done, due dates and owners who are users."""
    plan = plans_demo["plan"]
    plan.items.first().owner_users.add(get_user_model().objects.create(username="ali"))
    again = import_plan(saved(export_plan(plan, full=True)), plans_demo["framework"], "Copy")

    def shape(plan):
        return [
            (i.area_of_work, i.objective, [s.code for s in i.standards.all()],
             [(a.lead, a.text) for a in i.actions.all()], [(o.lead, o.text) for o in i.outcomes.all()],
             i.owners, i.timescale, i.due_date, i.completion_notes, i.status, i.status_meaning)
            for i in plan.items.prefetch_related("standards", "actions", "outcomes")
        ]  # fmt: skip

    assert shape(again) == shape(plan)

    def more(plan):
        return [
            ([u.username for u in i.owner_users.all()], [(a.number, a.done_on) for a in i.actions.all()],
             [(u.date, u.text, u.new_status, u.by_id) for u in i.updates.all()])
            for i in plan.items.prefetch_related("owner_users", "actions", "updates")
        ]  # fmt: skip

    assert more(again) == more(plan)
    assert any(done for _o, actions, _u in more(plan) for _n, done in actions)
    assert sum(len(updates) for *_r, updates in more(plan)) >= 10
    plain = import_plan(saved(export_plan(plan)), plans_demo["framework"], "Plain")
    cells = [[i.text_in(c) for c in p.columns.all()] for p in (plan, plain) for i in p.items.all()]
    assert cells[: plan.items.count()] == cells[plan.items.count() :]
    assert [(c.heading, c.meaning) for c in again.columns.all()] == [
        (c.heading, c.meaning) for c in plans_demo["plan"].columns.all()
    ]


def test_a_strategy_work_plan_fits_with_its_own_headings(plans_demo):
    strategy = plans_demo["strategy"]

    assert [(c.heading, c.meaning) for c in strategy.columns.all()] == [
        ("Area of work", "area"),
        ("Objective", "objective"),
        ("Work outstanding", "actions"),
        ("Outcome", "outcomes"),
        ("Who?", "owners"),
        ("Timescale", "timescale"),
        ("Progress so far (as of September 2020)", "progress"),
        ("On track?", "status"),
    ]
    assert strategy.items.count() == 6
    assert strategy.items.filter(status="Ongoing", status_meaning="ongoing").count() == 2
    transitions = strategy.items.get(objective__startswith="Improve the experience")
    assert transitions.actions.count() == 3  # bullets, one running over two lines


@pytest.mark.parametrize(
    ("timescale", "due"),
    [
        ("Apr 2022", datetime.date(2022, 4, 30)),
        ("Sept 2022", datetime.date(2022, 9, 30)),
        ("Summer 2023", datetime.date(2023, 8, 31)),
        ("Spring 2023", datetime.date(2023, 5, 31)),
        ("January 2023", datetime.date(2023, 1, 31)),
        ("Winter 2023", datetime.date(2024, 2, 29)),
        ("2024", datetime.date(2024, 12, 31)),
        ("12/01/2023", datetime.date(2023, 1, 12)),
        ("On-going", None),
    ],
)
def test_due_dates_come_from_the_timescale_as_written(plans_demo, timescale, due):
    item = PlanItem.objects.create(plan=plans_demo["plan"], objective="x", timescale=timescale)

    assert item.due_date == due


def test_a_due_date_set_by_hand_is_kept(plans_demo):
    item = PlanItem.objects.create(
        plan=plans_demo["plan"],
        objective="x",
        timescale="Summer 2023",
        due_date=datetime.date(2023, 7, 1),
    )

    assert item.due_date == datetime.date(2023, 7, 1)


def test_overdue_and_due_soon(plans_demo):
    item = PlanItem.objects.create(
        plan=plans_demo["plan"], objective="x", timescale="Sept 2022", status="On track"
    )

    assert item.is_overdue(datetime.date(2022, 10, 1))
    assert item.is_due_soon(datetime.date(2022, 9, 15)) and not item.is_overdue(
        datetime.date(2022, 9, 15)
    )
    item.status = "Complete"
    item.save()
    assert not item.is_overdue(datetime.date(2022, 10, 1))


def test_an_item_with_no_status_is_never_overdue_nor_not_started(plans_demo):
    item = PlanItem.objects.create(plan=plans_demo["plan"], objective="x", timescale="Sept 2022")

    assert (item.status, item.status_meaning, item.status_or_none) == ("", "", "No status")
    assert not item.is_overdue(datetime.date(2022, 10, 1))


def test_a_bad_plan_import_names_its_problems_and_saves_nothing(plans_demo):
    book = load_workbook(DEMO / "operational-delivery-plan-2022-23.xlsx")
    book.active.cell(row=2, column=8).value = "Status"
    book.active.cell(row=4, column=6).value = "31/02/2023"
    book.active.cell(row=5, column=8).value = "Nearly"
    before = DeliveryPlan.objects.count()

    with pytest.raises(SheetErrors) as raised:
        import_plan(saved(book), plans_demo["framework"])

    assert raised.value.errors == [
        "Sheet “Delivery plan”, row 4, column F: “31/02/2023” is not a real date: write the day "
        "first, then the month, then the year, such as 30/06/2027 or 30 June 2027",
        "Sheet “Delivery plan”, row 5, column H: say what the status “Nearly” means (open, at "
        "risk, off track, ongoing or done)",
    ]
    assert DeliveryPlan.objects.count() == before


def test_plan_cells_never_run_as_formulas(plans_demo):
    item = plans_demo["plan"].items.first()
    item.objective = "=cmd|' /C calc'!A0"
    item.save()

    sheet = load_workbook(saved(export_plan(plans_demo["plan"]))).active

    assert sheet.cell(row=3, column=2).data_type == "s"
    assert sheet.cell(row=3, column=2).value == "=cmd|' /C calc'!A0"


def test_progress_moves_the_status_and_is_in_the_history(plans_demo, service_manager, client):
    client.force_login(service_manager)
    item = plans_demo["plan"].items.get(standards__code="1.2")

    response = client.post(
        f"/admin/minimum_standards_plans/item/{item.pk}/progress/",
        {"date": "2023-02-01", "text": "Young people's panel met twice.", "new_status": "On track"},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.status_meaning) == ("On track", "open")
    update = ProgressUpdate.objects.get(item=item, text="Young people's panel met twice.")
    assert update.by == service_manager
    history = client.get(f"/admin/minimum_standards_plans/item/{item.pk}/history/").content.decode()
    # The plan's own words; and what the update said.
    assert "<del>On track</del>" not in history  # it had no status before
    assert "<ins>On track</ins>" in history
    assert "What happened: Young people&#x27;s panel met twice." in history
    assert "New status: On track" in history


def item_form(item, **changes):
    data = {
        "plan": item.plan_id,
        "position": item.position,
        "area_of_work": item.area_of_work,
        "standards": [s.pk for s in item.standards.all()],
        "objective": item.objective,
        "actions": inline_formset(
            [
                {"id": a.pk, "number": a.number, "text": a.text, "done_on": ""}
                for a in item.actions.all()
            ],
            initial=item.actions.count(),
        ),
        "outcomes": inline_formset(
            [{"id": o.pk, "number": o.number, "text": o.text} for o in item.outcomes.all()],
            initial=item.outcomes.count(),
        ),
        "owners": item.owners,
        "owner_users": [],
        "timescale": item.timescale,
        "due_date": item.due_date.isoformat() if item.due_date else "",
        "completion_notes": item.completion_notes,
        "status": item.status,
        "version": item.version,
    }
    data.update(changes)
    return nested_form_data(data)


def test_the_manager_ticks_off_an_action_and_the_history_names_them(
    plans_demo, service_manager, client
):
    client.force_login(service_manager)
    item = plans_demo["plan"].items.get(standards__code="1.7")
    first = item.actions.get(number=1)
    actions = inline_formset(
        [{"id": a.pk, "number": a.number, "text": a.text, "done_on": "2023-02-02" if a.pk == first.pk else ""}
         for a in item.actions.all()],
        initial=item.actions.count(),
    )  # fmt: skip

    response = client.post(
        f"/admin/minimum_standards_plans/planitem/edit/{item.pk}/", item_form(item, actions=actions)
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    first.refresh_from_db()
    assert first.done_on == datetime.date(2023, 2, 2)
    assert PlanAction.history.filter(id=first.pk).first().history_user == service_manager


def test_two_people_editing_one_item_cannot_overwrite_each_other(
    plans_demo, service_manager, client
):
    client.force_login(service_manager)
    item = plans_demo["plan"].items.get(standards__code="2.3")
    first, second = item_form(item, owners="First"), item_form(item, owners="Second")

    assert (
        client.post(f"/admin/minimum_standards_plans/planitem/edit/{item.pk}/", first).status_code
        == 302
    )
    refused = client.post(f"/admin/minimum_standards_plans/planitem/edit/{item.pk}/", second)

    assert "Someone else saved this since you opened it" in refused.content.decode()
    assert PlanItem.objects.get(pk=item.pk).owners == "First"


def test_commands(plans_demo, tmp_path):
    out = io.StringIO()
    call_command(
        "minimum_standards_export_plan", "--latest", "-o", str(tmp_path / "plan.xlsx"), stdout=out
    )
    call_command(
        "minimum_standards_import_plan",
        str(tmp_path / "plan.xlsx"),
        "--framework",
        "iass-2018",
        "--title",
        "Again",
        stdout=out,
    )
    call_command(
        "minimum_standards_meeting_pack",
        "--meeting",
        str(plans_demo["january"].pk),
        "-o",
        str(tmp_path / "pack.xlsx"),
        stdout=out,
    )

    assert DeliveryPlan.objects.get(title="Again").items.count() == 12
    assert load_workbook(tmp_path / "pack.xlsx").sheetnames[0] == "Summary"
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("minimum_standards_import_plan", str(tmp_path / "pack.xlsx"))
    for command in (
        "minimum_standards_import_plan",
        "minimum_standards_export_plan",
        "minimum_standards_meeting_pack",
        "minimum_standards_send_review_reminders",
    ):
        with pytest.raises(SystemExit):
            call_command(command, "--help", stdout=out)


def test_the_manager_adds_an_item_to_a_plan(plans_demo, service_manager, client):
    client.force_login(service_manager)
    plan = plans_demo["plan"]
    blank = PlanItem(plan=plan, objective="")

    assert (
        client.get(f"/admin/minimum_standards_plans/planitem/create/?plan={plan.pk}").status_code
        == 200
    )
    assert client.get("/admin/minimum_standards_plans/planitem/create/?plan=abc").status_code == 200
    response = client.post(
        "/admin/minimum_standards_plans/planitem/create/",
        item_form(
            blank,
            objective="Run a survey of professionals",
            timescale="Summer 2024",
            version="",
            status="Not started",
            position=20,
        ),
    )

    assert response.status_code == 302
    added = plan.items.get(objective="Run a survey of professionals")
    assert added.due_date == datetime.date(2024, 8, 31)


def test_a_timescale_that_is_not_a_date_gets_no_due_date(plans_demo):
    item = PlanItem.objects.create(plan=plans_demo["plan"], objective="x", timescale="31/02/2023")

    assert item.due_date is None


def test_a_progress_update_makes_an_open_edit_form_stale(plans_demo, service_manager, client):
    client.force_login(service_manager)
    item = plans_demo["plan"].items.get(standards__code="2.3")
    opened = item_form(item, owners="Edited after the update")

    ProgressUpdate.objects.create(item=item, text="Moved on", new_status="Complete")
    refused = client.post(f"/admin/minimum_standards_plans/planitem/edit/{item.pk}/", opened)

    assert "Someone else saved this since you opened it" in refused.content.decode()
    assert PlanItem.objects.get(pk=item.pk).status == "Complete"


def test_a_long_timescale_is_kept_whole(plans_demo):
    book = load_workbook(DEMO / "operational-delivery-plan-2022-23.xlsx")
    written = "When the new SLA has been agreed by everybody involved in it, " * 2
    book.active.cell(row=3, column=6).value = written

    plan = import_plan(saved(book), plans_demo["framework"])

    assert plan.items.get(position=1).timescale == written


def test_the_plans_own_history(plans_demo, service_manager, client):
    client.force_login(service_manager)
    plan = plans_demo["plan"]
    plan._history_user = service_manager
    plan.status = "closed"
    plan.save()

    html = client.get(f"/admin/minimum_standards_plans/plan/{plan.pk}/history/").content.decode()

    assert "<del>Active</del> → <ins>Closed</ins>" in html
    assert (
        "Produce key information in easy read and audio formats (example).”</strong> created"
        in html
    )


def test_the_progress_form_starts_at_today(plans_demo, service_manager, client):
    client.force_login(service_manager)
    item = plans_demo["plan"].items.first()

    html = client.get(f"/admin/minimum_standards_plans/item/{item.pk}/progress/").content.decode()

    assert f'name="date" value="{datetime.date.today():%d/%m/%Y}"' in html  # 30/06/2027


def test_each_standards_rating_says_where_it_comes_from(plans_demo, advisory_member, client):
    ratified, draft = plans_demo["ratified"], plans_demo["draft"]
    plan = plans_demo["plan"]
    client.force_login(advisory_member)
    in_plan = {s.pk for item in plan.items.all() for s in item.standards.all()}
    differs = [
        r.standard.code
        for r in draft.ratings.select_related("standard")
        if r.standard_id in in_plan
        and r.level_id != ratified.ratings.get(standard_id=r.standard_id).level_id
    ]

    html = client.get(f"/admin/minimum_standards_plans/plan/{plan.pk}/").content.decode()

    assert f"Ratings beside each standard: from “{ratified}”, ratified" in html
    assert f"where the draft “{draft}” rates a standard differently" in html
    assert differs, "the demo draft changes a rating of a standard in the plan"
    assert html.count("<small>draft:</small>") >= len(differs)
    assert '<input type="text" id="f-owner" name="owner"' in html  # the Owner filter shows


def test_my_actions_are_the_items_a_user_owns(db, client):
    call_command("load_demo", stdout=io.StringIO())
    manager = get_user_model().objects.get(username="manager")
    plan = DeliveryPlan.objects.get(title=plans_demo_data.OPERATIONAL)
    written = plan.items.filter(owners__icontains="manager")
    client.force_login(manager)

    html = client.get(f"/admin/minimum_standards_plans/plan/{plan.pk}/?mine=1").content.decode()

    assert written.count() >= 3
    shown = {int(pk) for pk in re.findall(r'<tr id="item-(\d+)"', html)}
    assert set(written.values_list("pk", flat=True)) == shown
