"""The figures' spreadsheets in the admin: the Service manager downloads a year's figures,
fills them in, uploads them, sees which figures change from what to what and imports them;
nothing is saved before Import. The Advisory Group downloads, and is refused the upload."""

import io
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from wagtail_minimum_standards.figures.builtin_measures import load_builtin
from wagtail_minimum_standards.figures.models import Figure, FiguresUpload, Measure

from .figure_factories import figure, on, year
from .test_figures_upload import figures_book

HUB = "/admin/minimum_standards_figures/spreadsheets/"
UPLOAD = HUB + "upload/"
MEASURES = HUB + "measures.xlsx"


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def xlsx(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def measures(db):
    load_builtin("sendiass-2021-22")
    return {m.key: m for m in Measure.objects.all()}


def test_the_manager_downloads_fills_in_previews_and_imports_a_years_figures(
    client, manager, measures
):
    this = year(2021)
    figure(measures["caseload"], this, 490)
    client.force_login(manager)
    hub = text(client.get(HUB))
    assert "Download the figures for 2021-22 (.xlsx)" in hub and f'href="{UPLOAD}"' in hub
    download = client.get(f"{HUB}figures/{this.pk}.xlsx")
    assert download["Content-Disposition"] == 'attachment; filename="figures-2021-22.xlsx"'
    book = load_workbook(io.BytesIO(download.content))
    sheet = book.worksheets[0]
    rows = {(r[0].value, r[3].value, r[4].value): r for r in sheet.iter_rows(min_row=2)}
    rows[("caseload", "2021-22", None)][5].value = 493
    rows[("new-referrals", "Term 1", None)][5].value = 131
    rows[("contact-routes", "2021-22", "Web form")][5].value = 60
    filled = io.BytesIO()
    book.save(filled)

    uploaded = client.post(UPLOAD, {"file": xlsx("filled.xlsx", filled.getvalue())})
    assert uploaded.status_code == 302 and FiguresUpload.objects.count() == 1
    preview = client.get(uploaded["Location"])
    shown = text(preview)
    assert "3 figures change" in shown
    assert 'Caseload (Families)</td> <td data-label="Year">2021-22' in shown
    assert '<td data-label="From">490</td> <td data-label="To">493</td>' in shown
    assert '<td data-label="From">no figure</td> <td data-label="To">131</td>' in shown
    assert "Web form" in shown and "Import 3 changes" in shown
    assert Figure.objects.count() == 1 and Figure.objects.get().value == 490  # nothing yet

    before = Figure.history.count()
    imported = client.post(uploaded["Location"], {"import": "1"})
    assert imported["Location"] == HUB
    assert [str(m) for m in get_messages(imported.wsgi_request)] == ["Imported: 3 figures changed."]
    assert Figure.objects.get(measure__key="caseload").value == Decimal(493)
    assert Figure.objects.get(measure__key="new-referrals", period=1).value == 131
    made = Figure.history.order_by("history_id")[before:]
    assert sorted(h.history_type for h in made) == ["+", "+", "~"]
    assert {h.history_user for h in made} == {manager}  # who uploaded them
    assert FiguresUpload.objects.count() == 0
    again = client.post(uploaded["Location"], {"import": "1"}, follow=True)
    assert "That upload was imported, cancelled or is more than a day old" in text(again)


def test_a_preview_with_problems_names_each_cell_and_offers_no_import(client, manager, measures):
    client.force_login(manager)
    file = figures_book(
        [
            ["caseload", "", "2021-22", "2021-22", "", 493],
            ["cyp-by-gender", "", "2021-22", "2021-22", "Cats", 4],
            ["new-referrals", "", "2021-22", "Term 1", "", -2],
        ]
    )
    uploaded = client.post(UPLOAD, {"file": xlsx("bad.xlsx", file.getvalue())})
    shown = text(client.get(uploaded["Location"]))
    assert "Nothing can be imported: 2 problems to put right" in shown
    assert "Sheet “Figures”, row 3, column E: “Cats” is not in the list “Gender”" in shown
    assert "Sheet “Figures”, row 4, column F: a figure cannot be negative" in shown
    assert 'name="import"' not in shown
    client.post(uploaded["Location"], {"import": "1"})
    assert not Figure.objects.exists()  # a half-right file saves nothing
    cancelled = client.post(uploaded["Location"], {"cancel": "1"})
    assert cancelled["Location"] == HUB and not FiguresUpload.objects.exists()


def test_a_file_that_is_no_workbook_is_refused_and_not_kept(client, manager, measures):
    client.force_login(manager)
    refused = client.post(UPLOAD, {"file": xlsx("figures.xlsx", b"not a zip")})
    assert refused.status_code == 200
    assert "Nothing was imported: 1 problem found" in text(refused)
    assert "The file is not an Excel workbook (.xlsx)" in text(refused)
    assert not FiguresUpload.objects.exists()


def test_a_year_locked_meanwhile_imports_nothing(client, manager, measures):
    this = year(2021)
    client.force_login(manager)
    file = figures_book([["caseload", "", "2021-22", "2021-22", "", 493]])
    uploaded = client.post(UPLOAD, {"file": xlsx("f.xlsx", file.getvalue())})
    this.approve(on("15/10/2022"))
    refused = client.post(uploaded["Location"], {"import": "1"}, follow=True)
    assert "The figures for 2021-22 are locked" in text(refused)
    assert not Figure.objects.exists()


def test_the_advisory_group_downloads_but_is_refused_the_upload(client, reader, measures):
    this = year(2021)
    figure(measures["caseload"], this, 493)
    client.force_login(reader)
    hub = client.get(HUB)
    assert hub.status_code == 200 and f'href="{UPLOAD}"' not in text(hub)
    measures_file = client.get(MEASURES)
    assert measures_file.status_code == 200
    sheet = load_workbook(io.BytesIO(measures_file.content))["Measures"]
    assert sheet["A2"].value == "new-referrals"
    every = load_workbook(io.BytesIO(client.get(HUB + "figures.xlsx").content)).worksheets[0]
    assert [c.value for c in every[2]] == [
        "caseload", "Caseload (Families)", "2021-22", "2021-22", None, 493
    ]  # fmt: skip
    file = figures_book([["caseload", "", "2021-22", "2021-22", "", 1]])
    upload = FiguresUpload.objects.create(data=file.getvalue(), file_name="f.xlsx")
    for response in (
        client.get(UPLOAD),
        client.post(UPLOAD, {"file": xlsx("f.xlsx", file.getvalue())}),
        client.get(f"{UPLOAD}{upload.token}/"),
        client.post(f"{UPLOAD}{upload.token}/", {"import": "1"}),
    ):
        # Refused (PermissionDenied): in the admin, Wagtail's "you do not have permission"
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Figure.objects.get().value == 493 and FiguresUpload.objects.count() == 1


def test_people_without_a_tracker_role_see_nothing(client, django_user_model, measures):
    nobody = django_user_model.objects.create_user(username="editor", is_staff=True)
    client.force_login(nobody)
    for url in (HUB, MEASURES, HUB + "figures.xlsx", UPLOAD):
        response = client.get(url)
        assert response.status_code == 302, url  # not in the admin at all: sent to sign in
        assert response["Location"].startswith("/admin/login/"), url


def test_the_manager_loads_the_built_in_measures_in_one_click_and_only_while_there_are_none(
    client, manager, reader, db
):
    hub = "/admin/minimum_standards_figures/spreadsheets/"
    client.force_login(reader)
    assert "Load the built-in measures" not in client.get(hub).content.decode()
    refused = client.post(hub + "built-in/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not Measure.objects.exists()

    client.force_login(manager)
    page = client.get(hub).content.decode()
    assert "Load the built-in measures" in page
    response = client.post(hub + "built-in/", follow=True)
    assert Measure.objects.filter(key="families-supported", target=500).exists()
    count = Measure.objects.count()
    assert f"Loaded {count} measures, the 2021-22 annual report’s" in response.content.decode()
    assert Measure.objects.get(key="caseload").history.first().history_user == manager
    assert "Load the built-in measures" not in response.content.decode()

    Measure.objects.filter(key="caseload").update(name="Caseload (our words)")
    again = client.post(hub + "built-in/", follow=True)
    assert "nothing was loaded" in again.content.decode()
    assert Measure.objects.get(key="caseload").name == "Caseload (our words)"
