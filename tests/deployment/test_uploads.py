"""Spreadsheet uploads through nginx and gunicorn: a hostile workbook is refused with the limit
it broke, and the largest one accepted imports well inside gunicorn's timeout (an answer, not
nginx's 502). Times are in docs/benchmarks.md (bench/uploads.py), not asserted here."""

import re

from tests import workbook_files as files

from .browser import Browser


def manager(stack) -> Browser:
    browser = Browser(stack, "127.0.0.70")
    assert browser.sign_in("manager", stack.seed["passwords"]["manager"]).status == 302
    return browser


def upload_assessment(browser, content: bytes, title: str):
    form = browser.get("/admin/minimum_standards/assessment/import/").text
    framework = re.search(r'<option value="(\d+)"', form).group(1)
    return browser.post(
        "/admin/minimum_standards/assessment/import/",
        {"framework": framework, "title": title, "assessed_on": "2024-07-31"},
        files={"file": ("upload.xlsx", content)},
    )


def test_a_workbook_declaring_a_million_rows_is_refused_with_its_limit(stack):
    response = upload_assessment(manager(stack), files.huge_dimension(), "Huge")

    assert response.status == 200
    assert "declares cells up to XFD1048576" in response.text
    assert "A sheet may have at most 5,000 rows and 50 columns" in response.text


def test_a_workbook_with_a_byte_that_is_not_utf8_is_refused_clearly(stack):
    response = upload_assessment(manager(stack), files.not_utf8(), "Damaged")

    assert response.status == 200
    assert "The workbook is damaged: sheet “Sheet1” cannot be read" in response.text


def test_the_largest_accepted_framework_and_assessment_import(stack):
    browser = manager(stack)

    framework = browser.post(
        "/admin/minimum_standards/framework/import/",
        {},
        files={"file": ("largest.xlsx", files.largest_framework())},
    )
    form = browser.get("/admin/minimum_standards/assessment/import/").text
    largest = re.search(r'<option value="(\d+)">The largest framework', form).group(1)
    assessment = browser.post(
        "/admin/minimum_standards/assessment/import/",
        {"framework": largest, "title": "", "assessed_on": "2024-07-31"},
        files={"file": ("largest.xlsx", files.largest_assessment())},
    )

    assert framework.status == 302, framework.text[-3000:]
    assert assessment.status == 302, assessment.text[-3000:]
    report = browser.get(assessment.header("Location"))
    assert "4998 of 4999 standards rated, 1 not yet rated" in report.text
