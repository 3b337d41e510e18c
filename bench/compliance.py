"""Measure the compliance tracker's heavy views with 20 and with 500 standards. Run: `make bench`.

For each size: a framework of that many standards (the 2018 Minimum Standards for
20; generated for 500), two self-assessments of it, then the self-assessment
report, the comparison and the spreadsheet export, each requested by a signed-in
Service manager through Django's test client: median and 90th percentile time
over 20 requests, and the SQL queries of one request. The queries must not grow
with the number of standards.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from serve import ROOT, prepare, site_environment

MEASURE = r"""
import sys, time, io, datetime
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from openpyxl import Workbook
from compliance.models import Framework, SelfAssessment, Rating
from compliance.spreadsheets.frameworks import import_framework

size = int(sys.argv[1])
if size == 20:
    framework = Framework.objects.get(code="iass-2018")
    first = SelfAssessment.objects.get(status="ratified")
    second = SelfAssessment.objects.get(status="draft")
else:
    book = Workbook(); sheet = book.active; sheet.title = "Framework"
    for row in [("code", f"bench-{size}"), ("name", "Benchmark"), ("version", "1")]:
        sheet.append(row)
    scale = book.create_sheet("Scale")
    scale.append(["position", "code", "label", "meaning", "colour", "counts as met", "not yet rated"])
    scale.append([2, "C", "Compliant", "", "#00703c", "yes", "no"])
    scale.append([1, "P/C", "Partly", "", "#8a4c00", "no", "no"])
    standards = book.create_sheet("Standards")
    standards.append(["section", "section title", "code", "wording"])
    for n in range(size):
        section = n // 25 + 1
        standards.append([section, f"Section {section}", f"{section}.{n % 25 + 1}", f"Standard number {n}"])
    # Standard 1.1 carries the seven live-site checks that 3.3 has in the real framework.
    checklist = book.create_sheet("Checklist")
    checklist.append(["standard", "item", "site check"])
    for check in ["contact-details", "opening-hours", "response-times", "send-topics",
                  "signposting", "local-offer", "key-policies"]:
        checklist.append(["1.1", check, check])
    buffer = io.BytesIO(); book.save(buffer); buffer.seek(0)
    framework = import_framework(buffer)
    first = SelfAssessment.objects.create(framework=framework, title="First", assessed_on=datetime.date(2024, 1, 1))
    first.add_missing_ratings()
    levels = list(framework.levels.all())
    for i, rating in enumerate(first.ratings.all()):
        Rating.objects.filter(pk=rating.pk).update(level=levels[i % 2], evidence_notes=f"Note {i}")
    second = first.start_next("Second", datetime.date(2025, 1, 1))
user = get_user_model().objects.create_superuser(f"bench{size}", "b@example.org", "x")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
urls = {
    "report": f"/admin/compliance/assessment/{second.pk}/",
    "comparison": f"/admin/compliance/compare/?first={first.pk}&second={second.pk}",
    "export": f"/admin/compliance/assessment/{second.pk}/export/",
}
for name, url in urls.items():
    assert client.get(url, secure=True).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    count = len(queries)  # now: the log empties when the connection closes
    times = []
    for _ in range(20):
        start = time.perf_counter(); client.get(url, secure=True); times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{name}\t{size}\t{count}\t{times[len(times)//2]:.1f}\t{times[int(len(times)*0.9)]:.1f}")
"""


def main():
    workdir = Path(tempfile.mkdtemp(prefix="sendias-bench-compliance-"))
    env = site_environment(workdir)
    prepare(env)
    rows = []
    for size in (20, 500):
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, str(size)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        rows += [line.split("\t") for line in out.strip().splitlines()]
    print(f"{'view':<12}{'standards':>10}{'queries':>9}{'p50 ms':>9}{'p90 ms':>9}")
    for view, size, queries, p50, p90 in rows:
        print(f"{view:<12}{size:>10}{queries:>9}{p50:>9}{p90:>9}")
    by_view = {}
    for view, size, queries, *_ in rows:
        by_view.setdefault(view, set()).add(queries)
    flat = all(len(counts) == 1 for counts in by_view.values())
    print("query counts flat from 20 to 500 standards:", "yes" if flat else "NO")


if __name__ == "__main__":
    main()
