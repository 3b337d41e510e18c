"""The figures upload in a browser: the Service manager opens Figures spreadsheets, uploads a
workbook of figures, sees which change from what to what, and imports them. The spreadsheets
page and both steps have no axe violations and nothing cut off at 1280 px, at 320 px and at
200 % zoom."""

import re

import pytest

from tests.tracker.test_figures_upload import figures_book
from wagtail_minimum_standards.figures.models import Figure, FiguresUpload

from .conftest import sign_in
from .test_plan_upload_in_browser import problems_on
from .test_reflow import REFLOW

pytestmark = pytest.mark.browser

HUB = "/admin/minimum_standards_figures/spreadsheets/"
UPLOAD = HUB + "upload/"


def test_the_manager_uploads_figures_sees_the_changes_and_imports_them(person, demo_server):
    page = person("manager")
    page.goto(demo_server + "/admin/")
    page.get_by_role("button", name="Figures").click()  # the sidebar's Figures menu
    page.get_by_role("link", name="Spreadsheets").click()
    page.wait_for_url(demo_server + HUB)
    assert problems_on(page) == []
    page.get_by_role("link", name="Upload figures").click()
    page.wait_for_url(demo_server + UPLOAD)
    assert problems_on(page) == []

    file = figures_book(
        [
            ["caseload", "Caseload (Families)", "2021-22", "2021-22", "", 500],
            ["quick-calls", "Quick calls", "2021-22", "2021-22", "", 98],
        ]
    )
    page.get_by_label("File").set_input_files(
        {
            "name": "figures.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": file.getvalue(),
        }
    )
    page.get_by_role("button", name="Upload figures").click()
    page.wait_for_url(re.compile(re.escape(demo_server + UPLOAD) + r"[0-9a-f-]{36}/$"))
    preview = page.url
    assert problems_on(page) == []
    changes = page.get_by_role("region", name="1 figure changes")
    assert re.sub(r"\s+", " ", changes.inner_text()).count("493") == 1
    assert "1 figure is as it was." in page.inner_text(".nice-padding")
    assert Figure.objects.get(measure__key="caseload", year__starts_on__year=2021).value == 493

    for size, viewport in REFLOW.items():
        context = page.context.browser.new_context(**viewport)
        other = context.new_page()
        sign_in(other, demo_server, "manager", "demo-manager-pass")
        for step in (demo_server + HUB, demo_server + UPLOAD, preview):
            other.goto(step)
            assert problems_on(other) == [], (size, step)
        context.close()

    page.get_by_role("button", name="Import 1 change").click()
    page.wait_for_url(demo_server + HUB)
    assert "Imported: 1 figure changed." in page.get_by_role("status").inner_text()
    assert Figure.objects.get(measure__key="caseload", year__starts_on__year=2021).value == 500
    assert not FiguresUpload.objects.exists()
