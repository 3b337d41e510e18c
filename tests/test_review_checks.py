"""The quality checks in the Advisory Group's review and its meeting pack (issue 23): the
self-assessment the meeting covers, a summary by severity and every finding; the fix links
only for those who may put them right (the review is read by members who do not edit); a
Checks sheet in the pack, standard by standard."""

import datetime
import io
import re

from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import EvidenceLink

ADMIN = "/admin/minimum_standards_plans"


def checks_section(html: str) -> str:
    found = re.search(r'<section aria-labelledby="checks">.*?</section>', html, re.S)
    assert found, "no quality checks in the review"
    return found.group(0)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_members_see_the_checks_without_fix_links(client, plans_demo, advisory_member):
    client.force_login(advisory_member)
    meeting = plans_demo["january"]

    html = client.get(f"{ADMIN}/meeting/{meeting.pk}/review/").content.decode()

    section = checks_section(html)
    text = text_of(section)
    assert f"Quality checks on {plans_demo['draft']}" in text
    assert re.search(r"Blocker : 5, Warning : \d+", text)
    assert "1.3 Blocker Rated C, with no evidence notes" in text
    assert "4.1 Warning No public summary: the public page shows" in text
    assert "/rating/edit/" not in section and "Edit the rating" not in section


def test_the_manager_sees_the_fix_links(client, plans_demo, service_manager):
    client.force_login(service_manager)
    meeting = plans_demo["january"]
    rating = plans_demo["draft"].ratings.get(standard__code="1.3")

    section = checks_section(client.get(f"{ADMIN}/meeting/{meeting.pk}/review/").content.decode())

    assert f'href="/admin/minimum_standards/rating/edit/{rating.pk}/"' in section
    assert "Edit the rating of 1.3" in section


def test_the_pack_has_a_checks_sheet_in_framework_order(client, plans_demo, advisory_member):
    draft = plans_demo["draft"]
    EvidenceLink.objects.create(
        rating=draft.ratings.get(standard__code="1.2"),
        title="Minutes\x1b of the forum",  # no character a workbook cannot hold stops the pack
        url="https://example.org/minutes",
        review_by=datetime.date(2020, 2, 1),
    )
    client.force_login(advisory_member)
    meeting = plans_demo["january"]

    response = client.get(f"{ADMIN}/meeting/{meeting.pk}/pack/")

    pack = load_workbook(io.BytesIO(response.content))
    rows = [[cell.value for cell in row] for row in pack["Checks"].iter_rows()]
    assert rows[0] == ["Standard", "Check", "Severity", "Message"]
    assert ["1.3", "Met, but no evidence", "Blocker",
            "Rated C, with no evidence notes and no evidence links."] in rows  # fmt: skip
    codes = [row[0] for row in rows[1:]]
    order = [rating.standard.code for rating in draft.ratings.order_by(
        "standard__section__position", "standard__position")]  # fmt: skip
    assert codes == sorted(codes, key=order.index)  # standard by standard, not by severity
    assert {row[2] for row in rows[1:]} <= {"Blocker", "Warning", "Note"}
    overdue = next(row for row in rows if row[0] == "1.2" and "review-by" in row[3])
    assert "Minutes" in overdue[3] and "of the forum" in overdue[3]
    summary = [cell.value for cell in pack["Summary"]["A"]]
    assert any(line.startswith(f"Quality checks on {draft}: Blocker: 5") for line in summary)
