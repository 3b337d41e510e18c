"""Measure the Advisory Group review and the meeting pack with a small and a large plan.

The demo's plan (Appendix 4 and the strategy's work plan, with the demo's three questions), then
the same plan grown to 1,000 items with about 10,000 history rows of status changes since the
last meeting and 5,000 questions from the Advisory Group. Each view
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
    for items, history, questions in ((0, 0, 0), (1000, 10000, 5000)):
        script = str(ROOT / "bench" / "measure_review.py")
        out = subprocess.run(
            [sys.executable, script, str(items), str(history), str(questions)],
            cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
        rows += [line.split("\t") for line in out.strip().splitlines()]
    header = ("view", "items", "history", "questions", "queries", "p50 ms", "p90 ms")
    print(f"{header[0]:<14}" + "".join(f"{h:>11}" for h in header[1:]))
    for view, *figures in rows:
        print(f"{view:<14}" + "".join(f"{f:>11}" for f in figures))
    by_view = {}
    for view, _items, _history, _questions, queries, *_ in rows:
        by_view.setdefault(view, set()).add(queries)
    flat = all(len(counts) == 1 for counts in by_view.values())
    print("query counts the same as with the demo:", "yes" if flat else "NO")


if __name__ == "__main__":
    main()
