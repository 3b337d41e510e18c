"""The compliance tracker in the admin: who may open what, the report, editing, history."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, EvidenceLink, Rating

ADMIN = "/admin/minimum_standards"


def test_the_report_reads_like_the_annual_report(client, compliance_demo, service_manager):
    client.force_login(service_manager)
    ratified = compliance_demo["ratified"]

    html = client.get(f"{ADMIN}/assessment/{ratified.pk}/").content.decode()

    assert "1. Commissioning, governance and management arrangements" in html
    assert "Limited funding from Children’s Social Care" in html
    assert "11 of 20 standards met." in html
    assert (
        "Compliant: <strong>11</strong>" in html
        and "Partially compliant: <strong>9</strong>" in html
    )
    assert "locked" in html and "Edit<span" not in html  # ratified: no edit buttons

    only_pc = client.get(f"{ADMIN}/assessment/{ratified.pk}/?section=4&level=P/C").content.decode()
    assert "4.1" in only_pc and 'id="standard-1.1"' not in only_pc


def test_standard_3_3_is_checked_against_the_live_site(
    client, compliance_demo, demo_site, service_manager
):
    client.force_login(service_manager)
    draft = compliance_demo["draft"]

    html = client.get(f"{ADMIN}/assessment/{draft.pk}/?section=3").content.decode()

    assert "Opening hours: present" in html
    assert "Key policies including a complaints procedure: present" in html
    assert "/admin/settings/home/servicesettings/" in html  # where to fix it

    from home.models import ServiceSettings

    ServiceSettings.objects.update(response_times="")
    html = client.get(f"{ADMIN}/assessment/{draft.pk}/?section=3").content.decode()
    assert "Response times: missing" in html


def test_the_advisory_group_sees_the_checks_without_links_it_cannot_use(
    client, compliance_demo, demo_site, advisory_member
):
    client.force_login(advisory_member)
    draft = compliance_demo["draft"]

    html = client.get(f"{ADMIN}/assessment/{draft.pk}/?section=3").content.decode()
    html = html.split('<table class="compliance-table', 1)[1]

    assert "Opening hours: present" in html
    assert "Signposting to the Local Offer: present" in html
    for link in ("/admin/settings/", "/admin/pages/", "Add a SEND topic page", "Signposting page"):
        assert link not in html, link
    assert 'colspan="4"' in html and 'colspan="5"' not in html  # no Actions column for them


def rating_form(rating, **changes):
    data = {
        "level": rating.level_id,
        "evidence_notes": rating.evidence_notes,
        "public_summary": rating.public_summary,
        "next_steps": rating.next_steps,
        "version": rating.version,
        "evidence_links": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_manager_rates_a_standard_with_evidence_and_the_history_shows_it(
    client, compliance_demo, service_manager
):
    client.force_login(service_manager)
    rating = compliance_demo["draft"].ratings.select_related("level").get(standard__code="1.2")
    compliant = compliance_demo["framework"].levels.get(code="C")
    link = {
        "title": "Young people's panel notes",
        "url": "https://example.org/panel",
        "document": "",
    }

    response = client.post(
        f"{ADMIN}/rating/edit/{rating.pk}/",
        rating_form(
            rating,
            level=compliant.pk,
            evidence_notes="Panel set up",
            evidence_links=inline_formset([link]),
        ),
    )

    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.level == compliant and not rating.carried_over
    assert rating.reviewed_by == service_manager and rating.version == 2
    assert EvidenceLink.objects.get(rating=rating).history.first().history_user == service_manager
    history = client.get(f"{ADMIN}/rating/{rating.pk}/history/").content.decode()
    assert "<del>P/C (Partially compliant)</del> → <ins>C (Compliant)</ins>" in history
    assert "<del>Carried over, not re-checked</del> → <ins>Re-checked</ins>" in history
    assert "Web address: https://example.org/panel" in history  # what the new evidence held
    assert "Evidence “Young people&#x27;s panel notes”</strong> created" in history


def test_a_second_save_of_the_same_rating_is_refused(client, compliance_demo, service_manager):
    client.force_login(service_manager)
    rating = compliance_demo["draft"].ratings.get(standard__code="2.1")
    opened = rating_form(rating, evidence_notes="First editor")
    second = rating_form(rating, evidence_notes="Second editor, opened at the same time")

    assert client.post(f"{ADMIN}/rating/edit/{rating.pk}/", opened).status_code == 302
    response = client.post(f"{ADMIN}/rating/edit/{rating.pk}/", second)

    assert response.status_code == 200
    assert "Someone else saved this since you opened it" in response.content.decode()
    assert Rating.objects.get(pk=rating.pk).evidence_notes == "First editor"


def test_a_ratified_rating_cannot_be_opened_for_editing(client, compliance_demo, service_manager):
    client.force_login(service_manager)
    rating = compliance_demo["ratified"].ratings.first()

    response = client.post(
        f"{ADMIN}/rating/edit/{rating.pk}/", rating_form(rating, evidence_notes="x")
    )

    assert response.status_code == 302
    assert Rating.objects.get(pk=rating.pk).evidence_notes == rating.evidence_notes


def test_ratify_then_unlock_with_a_reason(
    client, compliance_demo, service_manager, without_quality_checks
):
    client.force_login(service_manager)
    draft = compliance_demo["draft"]
    too_early = compliance_demo["ratified"].ratified_at  # before the draft's date
    meeting = AdvisoryGroupMeeting.objects.create(date="2023-09-20", title="Autumn 2023")
    decide = f"/admin/minimum_standards_plans/meeting/{meeting.pk}/decision/ratify/?assessment={draft.pk}"

    carried = draft.ratings.filter(carried_over=True).count()
    report = client.get(f"{ADMIN}/assessment/{draft.pk}/").content.decode()
    form = client.get(decide).content.decode()
    unconfirmed = client.post(decide, {"assessment": draft.pk, "text": "Ratified."})
    assert "Ratify at an Advisory Group meeting" in report  # a decision of the meeting
    assert carried > 0
    assert f"{carried} ratings carried over, not re-checked" in form
    assert "Re-check the ratings listed, or tick to ratify them as they are." in (
        unconfirmed.content.decode()
    )
    draft.refresh_from_db()
    assert not draft.is_locked

    forged = client.post(decide, {"assessment": f"+{draft.pk}", "text": "Ratified."})
    for odd in ("²", "9" * 30, "9" * 5000):  # a digit to isdigit(), too big for any database
        page = (
            f"/admin/minimum_standards_plans/meeting/{meeting.pk}/decision/ratify/?assessment={odd}"
        )
        assert client.get(page).status_code == 200
        assert client.post(page, {"assessment": odd, "text": "x"}).status_code == 200
    early = client.post(
        f"/admin/minimum_standards_plans/meeting/{too_early.pk}/decision/ratify/",
        {"assessment": draft.pk, "text": "Ratified.", "ratify_carried_over": "on"},
    )
    assert "tick to ratify them as they are" in forged.content.decode()
    assert "after this meeting" in early.content.decode()
    draft.refresh_from_db()
    assert not draft.is_locked

    client.post(decide, {"assessment": draft.pk, "text": "Ratified.", "ratify_carried_over": "on"})
    draft.refresh_from_db()
    assert draft.is_locked and draft.ratified_at == meeting
    assert meeting.decisions.get(assessment=draft).text == "Ratified."

    client.post(f"{ADMIN}/assessment/{draft.pk}/unlock/", {"reason": "Correct 4.3"})
    draft.refresh_from_db()
    assert draft.status == "in-review"
    history = client.get(f"{ADMIN}/assessment/{draft.pk}/history/").content.decode()
    assert "Unlocked: Correct 4.3" in history and "Ratified at" in history


def test_comparison_shows_what_improved_and_worsened(client, compliance_demo, advisory_member):
    client.force_login(advisory_member)
    first, second = compliance_demo["ratified"], compliance_demo["draft"]

    html = client.get(f"{ADMIN}/compare/?first={first.pk}&second={second.pk}").content.decode()

    assert "Improved</span>: <strong>3</strong>" in html
    assert "Worsened</span>: <strong>1</strong>" in html
    assert "Unchanged</span>: <strong>16</strong>" in html
    assert "<svg" in html and 'role="img"' in html


def test_a_ratified_assessment_cannot_be_edited_in_the_admin(
    client, compliance_demo, service_manager
):
    client.force_login(service_manager)
    ratified = compliance_demo["ratified"]

    response = client.post(
        f"{ADMIN}/selfassessment/edit/{ratified.pk}/",
        {"framework": ratified.framework_id, "title": "Renamed", "assessed_on": "2022-08-31"},
    )

    assert response.status_code == 302
    ratified.refresh_from_db()
    assert ratified.title == "Self-Assessment Minimum Standards August 2022"


def test_a_new_self_assessment_gets_every_standard_not_yet_rated(
    client, compliance_demo, service_manager
):
    client.force_login(service_manager)
    framework = compliance_demo["framework"]

    response = client.post(
        f"{ADMIN}/selfassessment/create/",
        {"framework": framework.pk, "title": "From scratch", "assessed_on": "2024-07-31"},
    )

    assert response.status_code == 302
    fresh = framework.assessments.get(title="From scratch")
    assert fresh.ratings.count() == 20
    assert set(fresh.ratings.values_list("level__code", flat=True)) == {"NYR"}


def test_frameworks_are_imported_whole_and_ratings_are_never_added_by_hand(
    client, compliance_demo, service_manager
):
    client.force_login(service_manager)

    # A framework comes with its scale and standards: from a spreadsheet, never an empty form.
    assert client.get(f"{ADMIN}/framework/create/").status_code in (302, 403)
    assert f'href="{ADMIN}/framework/import/"' in client.get(f"{ADMIN}/framework/").content.decode()
    listing = client.get(f"{ADMIN}/selfassessment/").content.decode()
    assert f'href="{ADMIN}/assessment/import/"' in listing
    assert client.get(f"{ADMIN}/rating/create/").status_code in (302, 403)
    assert client.get(f"{ADMIN}/rating/").status_code == 200


def test_a_self_assessments_framework_cannot_be_changed(client, compliance_demo, service_manager):
    client.force_login(service_manager)
    draft = compliance_demo["draft"]

    html = client.get(f"{ADMIN}/selfassessment/edit/{draft.pk}/").content.decode()
    response = client.post(
        f"{ADMIN}/selfassessment/edit/{draft.pk}/",
        {"title": "Renamed draft", "assessed_on": "2023-07-31"},
    )

    assert 'name="framework"' not in html
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Renamed draft" and draft.framework == compliance_demo["framework"]


def test_the_manager_gives_a_standard_plain_english_public_wording(
    client, compliance_demo, service_manager, home_page
):
    standard = compliance_demo["framework"].sections.get(number="1").standards.get(code="1.4")
    client.force_login(service_manager)

    form = client.get(f"{ADMIN}/standard/edit/{standard.pk}/").content.decode()
    response = client.post(
        f"{ADMIN}/standard/edit/{standard.pk}/", {"public_text": "We have our own budget."}
    )

    assert "ring-fenced budget" in form  # the official wording, shown, not editable
    assert 'name="text"' not in form
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.public_text == "We have our own budget."
    assert "ring-fenced budget" in standard.text  # unchanged
    assert standard.history.first().history_user == service_manager


def test_the_rating_form_shows_the_standard_and_says_saving_re_checks_it(
    client, compliance_demo, service_manager
):
    client.force_login(service_manager)
    rating = compliance_demo["draft"].ratings.filter(carried_over=True).first()

    html = client.get(f"{ADMIN}/rating/edit/{rating.pk}/").content.decode()

    assert f"Rating for standard {rating.standard.code}" in html
    assert f"{rating.standard.code} {rating.standard.code}" not in html
    assert rating.standard.text[:60] in html
    assert "Carried over from the previous self-assessment, not re-checked yet." in html
    assert "Saving this form marks the rating as re-checked by you" in html


def test_the_reports_markup_groups_sections_and_starts_cells_with_their_text(
    client, compliance_demo, advisory_member
):
    import re

    client.force_login(advisory_member)
    ratified = compliance_demo["ratified"]

    html = client.get(f"{ADMIN}/assessment/{ratified.pk}/").content.decode()
    table = html.split('<table class="compliance-table', 1)[1].split("</table>", 1)[0]

    # Each section is its own row group, so its heading's scope="rowgroup" is true.
    assert table.count("<tbody>") == table.count('scope="rowgroup"') == 4
    # A cell's own text keeps its line breaks; the template's white space does not.
    assert re.search(r'class="notes">\s', table) is None
    # The history link does not print.
    assert re.search(r'<div class="no-print"><a href="[^"]*/history/">History', table)

    history = client.get(f"{ADMIN}/assessment/{ratified.pk}/history/").content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', history)
    assert stamps
    for stamp in stamps:  # a whole second and its offset, never microseconds
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", stamp), stamp
