"""Measure the Advisory Group review and the meeting pack with a small and a large plan.

The demo's plan (12 items of Appendix 4 and example), then the same plan grown to 1,000
items with about 10,000 history rows of status changes since the last meeting. Each view
is requested 10 times by a signed-in user through Django's test client; the SQL
queries of one request must be the same for both sizes. Part of `make bench`.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from serve import ROOT, prepare, site_environment


def main():
    env = site_environment(Path(tempfile.mkdtemp(prefix="sendias-bench-review-")))
    prepare(env)
    rows = []
    for items, history in ((12, 0), (1000, 10000)):
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "measure_review.py"), str(items), str(history)],
            cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
        rows += [line.split("\t") for line in out.strip().splitlines()]
    print(f"{'view':<14}{'items':>7}{'history':>9}{'queries':>9}{'p50 ms':>9}{'p90 ms':>9}")
    for view, items, history, queries, p50, p90 in rows:
        print(f"{view:<14}{items:>7}{history:>9}{queries:>9}{p50:>9}{p90:>9}")
    by_view = {}
    for view, _items, _history, queries, *_ in rows:
        by_view.setdefault(view, set()).add(queries)
    flat = all(len(counts) == 1 for counts in by_view.values())
    print("query counts flat from 12 to 1,000 items:", "yes" if flat else "NO")


if __name__ == "__main__":
    main()
