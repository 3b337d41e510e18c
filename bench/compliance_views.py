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


def main():
    workdir = Path(tempfile.mkdtemp(prefix="sendias-bench-compliance-"))
    env = site_environment(workdir)
    prepare(env)
    rows = []
    for size in (20, 500):
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "measure_compliance.py"), str(size)],
            cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
        rows += [line.split("\t") for line in out.strip().splitlines()]
    print(f"{'view':<12}{'standards':>10}{'queries':>9}{'p50 ms':>9}{'p90 ms':>9}")
    for view, size, queries, p50, p90 in rows:
        print(f"{view:<12}{size:>10}{queries:>9}{p50:>9}{p90:>9}")
    by_view = {}
    for view, _size, queries, *_ in rows:
        by_view.setdefault(view, set()).add(queries)
    flat = all(len(counts) == 1 for counts in by_view.values())
    print("query counts flat from 20 to 500 standards:", "yes" if flat else "NO")


if __name__ == "__main__":
    main()
