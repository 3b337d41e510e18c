"""The quality checks of a self-assessment of 500 standards with 5,000 evidence links, against
one of 20 (the 2018 Minimum Standards' size). Part of `make bench`; recorded in
docs/benchmarks.md.

In a fresh database with the demo loaded (its site, so that the live-site checks run too), a
generated framework of each size and a self-assessment with ten evidence links a standard (a
third of the standards with one past its review-by date), a quarter partly met, some without
evidence notes, public summaries or with a hard one, some carried over, a tenth with an open
Advisory Group question. Every configured check is run as the report runs them
(compliance.quality_checks.findings_for): the first run (which loads textstat's word list), then
the median of five.

The goal: at most 200 ms with 500 standards, in as many queries as with 20.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from serve import ROOT, prepare, site_environment

GOAL_MS = 200


def main():
    env = site_environment(Path(tempfile.mkdtemp(prefix="sendias-bench-checks-")))
    prepare(env)
    script = str(ROOT / "bench" / "measure_quality_checks.py")
    out = subprocess.run([sys.executable, script, "20", "500"], cwd=ROOT, env=env,
                         check=True, stdout=subprocess.PIPE, text=True).stdout  # fmt: skip
    rows = [line.split("\t") for line in out.strip().splitlines()]
    print(f"{'standards':>10}{'links':>8}{'findings':>10}{'queries':>9}{'first ms':>10}"
          f"{'median ms':>11}")  # fmt: skip
    for row in rows:
        print(
            "".join(
                f"{cell:>{width}}" for cell, width in zip(row, (10, 8, 10, 9, 10, 11), strict=True)
            )
        )
    flat = rows[0][3] == rows[1][3]
    fast = float(rows[1][5]) <= GOAL_MS
    print(f"queries flat from 20 to 500 standards: {'yes' if flat else 'NO'}")
    print(f"500 standards: {rows[1][5]} ms (goal: at most {GOAL_MS} ms)")
    print("PASS" if flat and fast else "FAIL")
    sys.exit(0 if flat and fast else 1)


if __name__ == "__main__":
    main()
