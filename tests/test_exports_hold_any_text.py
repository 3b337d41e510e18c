"""Whatever text was saved, every export opens: nothing is dropped from the middle of a word,
nothing too long is cut, and the commands end with one line, never a traceback."""

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from home.models import Enquiry
from wagtail_minimum_standards.plans.spreadsheets import import_plan

from .test_compliance_admin import rating_form
from .test_enquiries import answers

ROOT = Path(__file__).resolve().parent.parent
PASTED_FROM_WORD = "Meets the\x0bstandard\x01 in full"  # a vertical tab and a stray control
SHOWN_AS = "Meets the\ufffdstandard\ufffd in full"


def opened(response) -> openpyxl.Workbook:
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(content))


def all_text(workbook) -> str:
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_control_characters_in_a_rating_note_and_a_plan_show_as_a_mark(
    client, plans_demo, advisory_member
):
    draft, plan, meeting = plans_demo["draft"], plans_demo["plan"], plans_demo["january"]
    draft.ratings.filter(standard__code="1.1").update(evidence_notes=PASTED_FROM_WORD)
    plan.items.filter(pk=plan.items.first().pk).update(objective=PASTED_FROM_WORD)
    meeting.__class__.objects.filter(pk=meeting.pk).update(title="January\x0b2023")
    client.force_login(advisory_member)

    assessment = all_text(
        opened(client.get(f"/admin/minimum_standards/assessment/{draft.pk}/export/"))
    )
    plan_sheet = all_text(
        opened(client.get(f"/admin/minimum_standards_plans/plan/{plan.pk}/export/"))
    )
    pack = opened(client.get(f"/admin/minimum_standards_plans/meeting/{meeting.pk}/pack/"))

    assert SHOWN_AS in assessment
    assert SHOWN_AS in plan_sheet
    assert pack["Summary"]["A1"].value.startswith("Advisory Group review: January\ufffd2023")


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("message", "Help with\x0bmy EHC plan", "Your question"),
        ("name", "Jo\x00Parent", "Your name"),
        ("name", "Jo\nParent", "Your name"),
        ("contact_times", "after\x1b[31m 3pm", "When is a good time to contact you?"),
    ],
)
def test_the_public_form_refuses_control_characters_naming_the_field(
    client, enquiry_page, field, value, label
):
    response = client.post(enquiry_page.url, answers(**{field: value}))

    assert response.status_code == 400
    assert f"“{label}” holds a character we cannot read" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_line_breaks_and_any_language_are_welcome_in_a_message(client, enquiry_page):
    message = "Line one\r\nLine two\twith a tab — ضمان, 子供, 👩‍👧 and ﬁ ligatures"

    response = client.post(enquiry_page.url, answers(message=message))

    assert response.status_code == 302
    assert Enquiry.objects.get().message == message


def test_the_enquiry_exports_open_whatever_was_stored(client, enquiry_page, service_manager):
    client.post(enquiry_page.url, answers())
    Enquiry.objects.update(message="Stored before the form checked:\x0bhelp", name="=1+1")
    client.force_login(service_manager)

    workbook = opened(client.get("/admin/home_enquiry/?export=xlsx"))
    csv_text = b"".join(client.get("/admin/home_enquiry/?export=csv").streaming_content)

    assert "Stored before the form checked:\ufffdhelp" in all_text(workbook)
    assert "Stored before the form checked:\ufffdhelp".encode() in csv_text
    assert b"'=1+1" in csv_text


def test_a_note_longer_than_a_cell_is_refused_with_a_message(
    client, compliance_demo, service_manager
):
    client.force_login(service_manager)
    rating = compliance_demo["draft"].ratings.get(standard__code="1.3")

    response = client.post(
        f"/admin/minimum_standards/rating/edit/{rating.pk}/",
        rating_form(rating, evidence_notes="x" * 32_768),
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 32767 characters (it has 32768)" in (
        response.content.decode()
    )
    rating.refresh_from_db()
    assert rating.evidence_notes != "x" * 32_768


def test_a_cell_that_would_overflow_carries_on_across_cells_whole(plans_demo, tmp_path):
    item = plans_demo["plan"].items.first()
    texts = [f"{n}" * 20_000 for n in (1, 2, 3)]
    for action, text in zip(item.actions.all()[:3], texts, strict=False):
        action.text = text
        action.save()
    while item.actions.count() < 3:
        item.actions.create(number=item.actions.count() + 1, text=texts[item.actions.count()])

    call_command(
        "minimum_standards_export_plan",
        str(plans_demo["plan"].pk),
        "-o",
        str(tmp_path / "plan.xlsx"),
    )

    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx").active
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[2] and "111" in r[2])
    assert all(len(v) <= 32_767 for v in row if isinstance(v, str))
    first, *rest = [v for v in row[2:] if isinstance(v, str) and v[:1] in "123" and len(v) > 1000]
    assert first.endswith(" … (continued in column H)")  # after Appendix 4's seven
    whole = "".join(part.split(" … (continued in column")[0] for part in [first, *rest])
    for text in texts:
        assert text in whole
    # Imported again, the text is joined whole, and the plan's columns are its own again.
    again = import_plan(tmp_path / "plan.xlsx", plans_demo["framework"])
    assert [a.text for a in again.items.get(position=item.position).actions.all()][:3] == texts
    assert again.columns.count() == plans_demo["plan"].columns.count()


def test_an_export_command_that_cannot_write_ends_with_one_line(compliance_demo):
    with pytest.raises(CommandError, match=r"^Could not write /no/such/folder/x.xlsx: "):
        call_command(
            "minimum_standards_export_assessment", "--latest", "-o", "/no/such/folder/x.xlsx"
        )


def test_commands_never_print_a_traceback(compliance_demo, tmp_path):
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    result = subprocess.run(
        [sys.executable, "manage.py", "minimum_standards_import_framework", str(damaged)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("CommandError: ")
