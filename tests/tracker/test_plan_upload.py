"""The plan upload in the admin (issue 21): the Service manager uploads a workbook, sees what
each column holds and what each row becomes, changes a choice, previews again and imports.
Nothing is saved before Import; a refused file or choice saves nothing."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.roles import READ
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanItem, PlanUpload

from .conftest import user_with
from .test_plan_shapes import RAG_PLAN, WORK_PLAN, saved, workbook

UPLOAD = "/admin/minimum_standards_plans/plan/upload/"
PLANS = "/admin/minimum_standards_plans/deliveryplan/"


class FormReader(HTMLParser):
    """The fields of a page's forms as a browser would send them, and each control's label,
    described-by ids and the ids on the page."""

    def __init__(self, html: str):
        super().__init__()
        self.fields, self.labels, self.described, self.ids = {}, {}, {}, set()
        self.buttons = []
        self._select, self._label, self._label_text = None, None, ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        name = attrs.get("name")
        if tag in ("input", "select") and name and "aria-describedby" in attrs:
            self.described[name] = attrs["aria-describedby"].split()
        if tag == "input" and name and attrs.get("type") not in ("file", "submit"):
            self.fields[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, None)
        elif tag == "option" and self._select:
            if self.fields[self._select] is None or "selected" in attrs:
                self.fields[self._select] = attrs.get("value", "")
        elif tag == "button":
            self.buttons.append(name)
        elif tag == "label" and attrs.get("for"):
            self._label, self._label_text = attrs["for"], ""

    def handle_data(self, data):
        if self._label:
            self._label_text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "label" and self._label:
            self.labels[self._label_text.strip().rstrip("*")] = self._label
            self._label = None


def page(response) -> FormReader:
    assert response.status_code == 200
    return FormReader(response.content.decode())


def name_of(form: FormReader, label: str) -> str:
    """The field's name, found by its label, as a person finds it."""
    return form.labels[label].removeprefix("id_")


def upload(client, rows=RAG_PLAN, name="rag-plan.xlsx", data=None, **fields):
    data = data if data is not None else workbook(rows).getvalue()
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **fields})


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_manager_uploads_a_rag_plan_changes_a_column_and_imports_it(client, manager):
    client.force_login(manager)
    assert f'href="{UPLOAD}"' in client.get(PLANS).content.decode()  # "Upload a plan"
    plans = DeliveryPlan.objects.count()

    uploaded = upload(client)
    preview = client.get(uploaded["Location"])

    form, shown = page(preview), text(preview)
    assert uploaded["Location"].startswith(UPLOAD) and PlanUpload.objects.count() == 1
    assert DeliveryPlan.objects.count() == plans  # nothing saved yet
    assert form.fields[name_of(form, "Row of the headings")] == "2"
    holds = {label: form.fields[name_of(form, label)] for label in form.labels}
    assert holds["Column B, “Priority area”, holds"] == "area"
    assert holds["Column F, “RAG”, holds"] == "status"
    assert holds["Column G, “Update”, holds"] == "progress"
    assert holds["“Amber” means"] == "at-risk" and holds["“Blue” means"] == "done"
    assert "Transitions" in shown and "Summer 2025 → 31 August 2025" in shown
    assert 'Amber → <span class="status status--at-risk">At risk</span>' in shown
    assert "Local offer" in shown and "no status" in shown  # its row has none
    assert "import" in form.buttons

    form.fields[name_of(form, "Column G, “Update”, holds")] = "completion"
    again = client.post(uploaded["Location"], {**form.fields, "preview": "1"})
    form = page(again)
    assert form.fields[name_of(form, "Column G, “Update”, holds")] == "completion"
    assert DeliveryPlan.objects.count() == plans

    imported = client.post(uploaded["Location"], {**form.fields, "import": "1"})

    plan = DeliveryPlan.objects.latest("pk")
    assert imported["Location"] == f"/admin/minimum_standards_plans/plan/{plan.pk}/"
    assert [str(m) for m in get_messages(imported.wsgi_request)] == [
        f"Imported “{RAG_PLAN[0][0]}” with 5 items."
    ]
    assert [(c.heading, c.meaning) for c in plan.columns.all()][5:] == [
        ("RAG", "status"),
        ("Update", "completion"),
    ]
    assert plan.items.get(area_of_work="Transitions").completion_notes == (
        "Pathway mapped; training booked."
    )
    assert PlanUpload.objects.count() == 0  # deleted once imported
    created = PlanItem.history.filter(id__in=list(plan.items.values_list("pk", flat=True)))
    assert {(h.history_type, h.history_user_id) for h in created} == {("+", manager.pk)}
    shown = text(client.get(imported["Location"]))
    assert all(heading in shown for heading in RAG_PLAN[1])  # the plan's own headings

    # Sent again (a second click), it imports nothing more.
    twice = client.post(uploaded["Location"], {**form.fields, "import": "1"}, follow=True)
    assert "That upload was imported, cancelled or is more than a day old" in text(twice)
    assert DeliveryPlan.objects.count() == plans + 1


def test_a_framework_and_title_given_at_upload_are_the_plans(client, manager, framework):
    client.force_login(manager)
    uploaded = upload(
        client, WORK_PLAN, "work.xlsx", framework=framework.pk, title="Local Offer work plan"
    )
    form = page(client.get(uploaded["Location"]))

    imported = client.post(uploaded["Location"], {**form.fields, "import": "1"})

    plan = DeliveryPlan.objects.get(title="Local Offer work plan")
    assert imported.status_code == 302 and plan.framework == framework
    assert plan.items.count() == 2


def test_problems_are_shown_linked_to_their_choices_and_nothing_is_imported(client, manager):
    rows = [["Objective", "Who?", "On track?"], ["Recruit", "Manager", "Maybe"]]
    client.force_login(manager)
    location = upload(client, rows, "work.xlsx")["Location"]

    response = client.get(location)

    form, shown = page(response), text(response)
    status = name_of(form, "“Maybe” means")
    assert form.fields[status] == ""  # nobody has said
    assert "“Maybe” means: Choose what it means." in shown  # in the summary, linked
    assert "say what the status “Maybe” means (open, at risk, off track, ongoing or done)" in shown
    assert f"id_{status}-errors" in form.described[status] and f"id_{status}-errors" in form.ids
    assert f'href="#id_{status}"' in shown  # the summary links to the choice
    assert "import" not in form.buttons

    form.fields[name_of(form, "Column C, “On track?”, holds")] = "owners"  # Who? holds them
    forced = client.post(location, {**form.fields, "import": "1"})

    form, shown = page(forced), text(forced)
    column = name_of(form, "Column C, “On track?”, holds")
    assert "Nothing was imported: put right the problems listed on this page first." in shown
    assert "column B holds the owners already: keep one as text" in shown
    assert f"id_{column}-errors" in form.described[column]
    assert DeliveryPlan.objects.count() == 0 and PlanUpload.objects.count() == 1

    form.fields[column] = "status"
    form = page(client.post(location, {**form.fields, "preview": "1"}))
    form.fields[name_of(form, "“Maybe” means")] = "at-risk"
    form = page(client.post(location, {**form.fields, "preview": "1"}))
    assert "import" in form.buttons
    client.post(location, {**form.fields, "import": "1"})
    assert DeliveryPlan.objects.get().statuses.get(label="Maybe").meaning == "at-risk"


def test_a_changed_heading_row_reads_the_columns_again(client, manager):
    client.force_login(manager)
    location = upload(client)["Location"]
    form = page(client.get(location))

    form.fields[name_of(form, "Row of the headings")] = "1"
    response = client.post(location, {**form.fields, "preview": "1"})

    form = page(response)
    assert form.fields[name_of(form, "Row of the headings")] == "1"
    assert f"Column A, “{RAG_PLAN[0][0]}”, holds" in form.labels
    form.fields[name_of(form, "Row of the headings")] = "no"
    refused = client.post(location, {**form.fields, "preview": "1"})
    assert "Give the row&#x27;s number, from 1 to 5,000." in refused.content.decode()


def test_a_formula_cell_is_refused_at_upload_and_nothing_is_kept(client, manager):
    book = load_workbook(workbook(WORK_PLAN))
    book.active["B3"] = "=CONCAT(A3, A2)"
    client.force_login(manager)

    response = upload(client, name="formula.xlsx", data=saved(book).getvalue())

    shown = text(response)
    assert response.status_code == 200 and PlanUpload.objects.count() == 0
    assert "Nothing was kept: 1 problem found" in shown
    assert "Sheet “Sheet”, row 3, column B: this cell is a formula" in shown
    assert "Nothing was kept: see the problems listed on this page." in shown


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.csv", b"Objective,Action\n", "Upload an Excel workbook (.xlsx)."),
        ("plan.xlsx", b"not a zip", "The file is not an Excel workbook (.xlsx)."),
        ("plan.xlsx", b"x" * (5 * 1024 * 1024 + 1), "The file is larger than 5 MB."),
    ],
)
def test_a_file_the_upload_limits_refuse_is_named_and_not_kept(
    client, manager, name, data, message
):
    client.force_login(manager)

    response = upload(client, name=name, data=data)

    assert response.status_code == 200 and message in text(response)
    assert PlanUpload.objects.count() == 0


def test_an_upload_is_cancelled_or_forgotten_after_a_day(client, manager):
    client.force_login(manager)
    cancelled = upload(client)["Location"]
    old = upload(client)["Location"]
    PlanUpload.objects.filter(pk=old.rstrip("/").rsplit("/", 1)[-1]).update(
        uploaded_at=timezone.now() - datetime.timedelta(hours=25)
    )

    gone = client.post(cancelled, {"cancel": "1"})
    expired = client.get(old, follow=True)

    assert gone["Location"] == PLANS
    assert "more than a day old: upload the file again" in text(expired)
    assert PlanUpload.objects.count() == 1  # the old one, until the next upload or clean-up
    upload(client)
    assert PlanUpload.objects.count() == 1 and DeliveryPlan.objects.count() == 0


@pytest.mark.parametrize("who", ["anonymous", "no role", "reader"])
def test_only_the_service_manager_may_upload_or_preview(client, manager, who):
    client.force_login(manager)
    preview = upload(client)["Location"]
    client.logout()
    if who == "reader":
        client.force_login(user_with(READ, "reader"))
    elif who == "no role":
        client.force_login(get_user_model().objects.create_user("nobody"))

    for url in (UPLOAD, preview):
        for response in (
            client.get(url),
            client.post(url, {"file": SimpleUploadedFile("p.xlsx", workbook(RAG_PLAN).read())}),
            client.post(url, {"import": "1", "heading_row": "2", "drawn_row": "2"}),
            client.post(url, {"cancel": "1"}),
        ):
            assert response.status_code == 302, url
            if who == "reader":  # in the admin: Wagtail's "you do not have permission"
                assert response["Location"] == "/admin/", url
            else:  # not in the admin at all: sent to sign in
                assert response["Location"].startswith("/admin/login/"), url
    assert f'href="{UPLOAD}"' not in client.get(PLANS).content.decode()
    assert PlanUpload.objects.count() == 1 and DeliveryPlan.objects.count() == 0


def test_a_status_word_keeps_its_line_break_through_the_preview(client, manager):
    rows = [["Objective", "Status"], ["Recruit", "Not\nsure"]]
    client.force_login(manager)
    location = upload(client, rows, "work.xlsx")["Location"]
    form = page(client.get(location))

    form.fields[name_of(form, "“Not\nsure” means")] = "at-risk"
    form = page(client.post(location, {**form.fields, "preview": "1"}))
    client.post(location, {**form.fields, "import": "1"})

    item = DeliveryPlan.objects.get().items.get()
    assert (item.status, item.status_meaning) == ("Not\nsure", "at-risk")


def test_the_preview_shows_the_first_50_rows_and_counts_the_rest(client, manager):
    rows = [["Objective", "Action"], *([f"Objective {n}", "Do it"] for n in range(1, 56))]
    client.force_login(manager)
    location = upload(client, rows, "long.xlsx")["Location"]

    shown = text(client.get(location))

    assert "Objective 50<" in shown and "Objective 51<" not in shown
    assert "… and 5 more rows, imported the same way." in shown
    assert "Import the plan and its 55 items" in shown
