"""The tracker as a plugin: what a service sees in any Wagtail site that installs it, with
nothing of this site's own (run in a bare project by CI, see docs/plugin.md)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from wagtail_minimum_standards.compliance.models import ChecklistItem, Rating
from wagtail_minimum_standards.compliance.roles import PERMISSIONS, READ, RUN, group_names
from wagtail_minimum_standards.plans.models import ProgressUpdate


def workbook(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content))


def test_each_role_has_a_group_with_what_it_needs(db):
    for role in (RUN, READ):
        group = Group.objects.get(name=group_names(role)[0])
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert set(PERMISSIONS[role]) <= held, role
    read = set(PERMISSIONS[READ])
    assert (
        "minimum_standards_plans.view_planitem" in read
        and "minimum_standards.view_selfassessment" in read
    )
    changes = {p for p in read if p.split(".")[1].startswith(("add_", "change_", "delete_"))}
    assert changes == {
        "minimum_standards.add_question",
        "minimum_standards.add_reply",
    }  # asking, only


def test_the_2018_minimum_standards_load_with_one_command(db):
    first, again = io.StringIO(), io.StringIO()

    call_command("minimum_standards_import_framework", "--builtin", "iass-2018", stdout=first)
    call_command("minimum_standards_import_framework", "--builtin", "iass-2018", stdout=again)

    assert "4 sections, 20 standards, 4 rating levels" in first.getvalue()
    assert "loaded already" in again.getvalue()
    from wagtail_minimum_standards.compliance.models import Framework

    framework = Framework.objects.get(code="iass-2018")
    assert [level.code for level in framework.levels.all()] == ["C", "P/C", "NC", "NYR"]
    assert ChecklistItem.objects.filter(standard__code="3.3").count() == 7


@pytest.mark.parametrize("who", ["manager", "reader"])
def test_both_roles_find_the_tracker_in_the_admin_menu(client, db, request, who):
    client.force_login(request.getfixturevalue(who))

    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Compliance" in home and "Delivery plans" in home


def test_the_manager_rates_a_standard_ticks_its_checklist_and_the_history_shows_it(
    client, manager, assessment
):
    rating = assessment.ratings.get(standard__code="1.3")
    answerphone = ChecklistItem.objects.create(
        standard=rating.standard, text="A 24-hour answerphone", position=1
    )  # no site checks it: ticked by hand
    compliant = assessment.framework.levels.get(code="C")
    client.force_login(manager)
    edit = reverse("minimum_standards_rating_modeladmin_edit", args=[rating.pk])

    form = client.get(edit).content.decode()
    data = nested_form_data(
        {
            "level": compliant.pk,
            "evidence_notes": "Answerphone checked weekly.",
            "public_summary": "",
            "next_steps": "",
            "version": rating.version,
            "evidence_links": inline_formset([]),
        }
    )
    saved = client.post(edit, {**data, "ticked_items": [answerphone.pk]})

    assert "A 24-hour answerphone" in form and "Saving this form marks the rating" in form
    assert saved.status_code == 302
    rating.refresh_from_db()
    assert rating.level == compliant and rating.ticked_items == [answerphone.pk]
    report = client.get(reverse("minimum_standards_assessment_report", args=[assessment.pk]))
    assert "☑</span> A 24-hour answerphone" in report.content.decode()
    history = client.get(
        reverse("minimum_standards_rating_history", args=[rating.pk])
    ).content.decode()
    assert "→ <ins>C (Compliant)</ins>" in history
    assert "<del>—</del> → <ins>A 24-hour answerphone</ins>" in history


def test_the_report_links_each_standard_to_the_plan_items_serving_it(
    client, reader, assessment, plan
):
    item = plan.items.get()
    client.force_login(reader)

    html = client.get(reverse("minimum_standards_assessment_report", args=[assessment.pk])).content
    html = html.decode()

    assert "In the delivery plan:" in html
    assert f"{reverse('minimum_standards_plans_plan_view', args=[plan.pk])}#item-{item.pk}" in html


def test_the_plan_the_review_and_every_export_open(client, reader, assessment, plan, meetings):
    client.force_login(reader)
    autumn, winter = meetings
    ProgressUpdate.objects.create(item=plan.items.get(), text="Forum asked", new_status="")

    plan_page = client.get(reverse("minimum_standards_plans_plan_view", args=[plan.pk]))
    review = client.get(reverse("minimum_standards_plans_meeting_review", args=[winter.pk]))
    pack = workbook(client.get(reverse("minimum_standards_plans_meeting_pack", args=[winter.pk])))
    plan_sheet = workbook(
        client.get(reverse("minimum_standards_plans_plan_export", args=[plan.pk]))
    )
    assessment_sheet = workbook(
        client.get(reverse("minimum_standards_assessment_export", args=[assessment.pk]))
    )

    assert "Recruit two parent members" in plan_page.content.decode()
    assert review.status_code == 200 and "Winter" in review.content.decode()
    assert pack["Summary"]["A1"].value.startswith("Advisory Group review: Winter")
    assert plan_sheet.active["A1"].value == "Delivery plan 2024-25"
    assert assessment_sheet.active["A2"].value == "Standard"


def test_the_reader_reads_but_changes_nothing(client, reader, assessment):
    rating = assessment.ratings.get(standard__code="1.7")
    client.force_login(reader)

    report = client.get(reverse("minimum_standards_assessment_report", args=[assessment.pk]))
    edit = client.post(
        reverse("minimum_standards_rating_modeladmin_edit", args=[rating.pk]),
        {"evidence_notes": "changed", "version": rating.version},
    )

    assert report.status_code == 200
    assert edit.status_code in (302, 403)
    assert Rating.objects.get(pk=rating.pk).evidence_notes == "Answerphone out of hours only."


def test_the_public_is_sent_to_sign_in(client, assessment):
    response = client.get(reverse("minimum_standards_assessment_report", args=[assessment.pk]))

    assert response.status_code == 302 and "login" in response["Location"]


def test_ratifying_is_a_decision_of_the_meeting_and_locks_the_self_assessment(
    client, manager, assessment, meetings, without_quality_checks
):
    client.force_login(manager)
    report = reverse("minimum_standards_assessment_report", args=[assessment.pk])
    choose = reverse("minimum_standards_plans_assessment_ratify", args=[assessment.pk])

    offered = choose in client.get(report).content.decode()
    decision_form = client.get(choose, {"meeting": meetings[0].pk})
    recorded = client.post(
        decision_form["Location"],
        {"assessment": assessment.pk, "text": "Ratified as presented."},
    )

    assert offered and recorded.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_locked and assessment.ratified_at == meetings[0]
    decision = meetings[0].decisions.get()
    assert decision.kind == "ratify" and decision.assessment == assessment
