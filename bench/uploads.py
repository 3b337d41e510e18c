"""Spreadsheet uploads through the production stack: how long a hostile workbook takes to be
refused, and how long the largest accepted workbooks take to import. Run: `make bench`.

Starts the stack of README "Deploying" on loopback, as the deployment tests do (nginx with
deploy/nginx/sendias.conf -> gunicorn with deploy/gunicorn.conf.py -> a fresh PostgreSQL
database on the server DATABASE_URL names), signs in as the Service manager and uploads each
workbook through the admin, over HTTPS, timing what the manager waits for: the form's page (for
its CSRF token) and the upload. Needs nginx, openssl, the
PostgreSQL client tools and DATABASE_URL=postgres://...

Options: --repeat N (default 3): each refusal is timed N times and the slowest kept.
"""

import argparse
import html
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import workbook_files as files  # noqa: E402
from tests.deployment import stack as deployment  # noqa: E402
from tests.deployment.browser import Browser  # noqa: E402

MB = 1024 * 1024
HOSTILE = [
    ("a cell at XFD1048576", files.huge_dimension),
    ("shared strings unpacking to 2.1 GB", lambda: files.shared_strings_bomb(2150 * MB)),
    ("5,001 rows", lambda: files.rows_beyond_the_limit(5_001)),
    ("a byte that is not UTF-8", files.not_utf8),
    ("a document type with entities", files.with_doctype),
    ("every row numbered 1", files.rows_out_of_order),
    ("25,000 cell formats", files.many_styles),
    ("300,000 shared strings", files.many_strings),
    ("5,000 rows of 49 numbers (the most elements accepted)", files.most_elements_accepted),
    (
        "4,998 rows, each a problem",
        lambda: files.workbook_bytes(
            [("Title",), ("Standard", "C/PC", "Notes")]
            + [(f"9.{n} Not a standard", "C", "") for n in range(4_998)]
        ),
    ),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    missing = deployment.missing_requirements()
    if missing:
        print("Skipped the uploads benchmark: it needs " + ", ".join(missing) + ".")
        return
    server = os.environ["DATABASE_URL"]
    stack = deployment.start(server)
    try:
        run(stack, args.repeat)
    finally:
        deployment.stop(stack, server)


def run(stack, repeat: int) -> None:
    browser = Browser(stack, "127.0.0.90")
    assert browser.sign_in("manager", stack.seed["passwords"]["manager"]).status == 302
    framework_2018 = _framework_id(browser, "Minimum Standards")
    print("| workbook | file size | status | refused in (s) | says |")
    print("|---|---:|---:|---:|---|")
    for label, make in HOSTILE:
        content = make()
        slowest, response = 0.0, None
        for _ in range(repeat):
            seconds, response = _timed(
                lambda c=content: _upload_assessment(browser, framework_2018, c)
            )
            slowest = max(slowest, seconds)
        says = re.search(r"<li>([^<]{0,90})|<div class=\"error-message\">\s*<p>([^<]{0,90})",
                         response.text)  # fmt: skip
        said = html.unescape((says.group(1) or says.group(2)).strip()) if says else ""
        print(f"| {label} | {len(content) / 1024:,.1f} KB | {response.status} | {slowest:.2f} | "
              f"{said} |")  # fmt: skip

    framework = files.largest_framework()
    seconds, response = _timed(
        lambda: browser.post(
            "/admin/minimum_standards/framework/import/", {}, files={"file": ("f.xlsx", framework)}
        )
    )
    print()
    print("| largest accepted upload | file size | status | imported in (s) |")
    print("|---|---:|---:|---:|")
    print(f"| framework, 4,999 standards | {len(framework) / 1024:,.0f} KB | "
          f"{response.status} | {seconds:.2f} |")  # fmt: skip
    assessment = files.largest_assessment()
    largest = _framework_id(browser, "The largest framework")
    seconds, response = _timed(lambda: _upload_assessment(browser, largest, assessment))
    print(f"| self-assessment, 4,998 ratings with notes | {len(assessment) / 1024:,.0f} KB | "
          f"{response.status} | {seconds:.2f} |")  # fmt: skip


def _timed(action):
    start = time.perf_counter()
    response = action()
    return time.perf_counter() - start, response


def _framework_id(browser, name: str) -> str:
    form = browser.get("/admin/minimum_standards/assessment/import/").text
    return re.search(rf'<option value="(\d+)">{re.escape(name)}', form).group(1)


def _upload_assessment(browser, framework: str, content: bytes):
    return browser.post(
        "/admin/minimum_standards/assessment/import/",
        {"framework": framework, "title": "", "assessed_on": "2024-07-31"},
        files={"file": ("upload.xlsx", content)},
    )


if __name__ == "__main__":
    main()
