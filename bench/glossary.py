"""The jargon buster's cost on a page: a demo topic page (EHC plans and annual reviews) rendered
with its glossary words explained and without (the reference), with the demo's 44 words and
with 500 more. Part of `make bench`; recorded in docs/benchmarks.md.

In a fresh database with the demo loaded, in a process with the site's production settings
(bench/measure_glossary.py): the median of 30 renders through Django's test client (the cases
in turn, after 3 rounds to warm up), and the queries of one.

The goal: with 500 more words, no more queries than the reference, and the content searched
afresh (a worker's first render of it) at most 10 ms more than the reference.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from serve import ROOT, prepare, site_environment

EXTRA_WORDS = 500
GOAL_MS = 10


def main():
    env = site_environment(Path(tempfile.mkdtemp(prefix="sendias-bench-glossary-")))
    prepare(env)
    script = str(ROOT / "bench" / "measure_glossary.py")
    out = subprocess.run([sys.executable, script, str(EXTRA_WORDS)], cwd=ROOT, env=env,
                         check=True, stdout=subprocess.PIPE, text=True).stdout  # fmt: skip
    rows = [line.split("\t") for line in out.strip().splitlines()]
    print(f"{'case':<42}{'words':>7}{'queries':>9}{'median ms':>11}")
    for case, words, queries, ms in rows:
        print(f"{case:<42}{words:>7}{queries:>9}{ms:>11}")
    many = rows[len(rows) // 2 :]
    reference, kept, searched = (float(r[3]) for r in many[:3])
    flat = many[0][2] == many[1][2]
    fast = searched - reference <= GOAL_MS
    print(f"queries with {many[0][1]} words, with and without the markup: "
          f"{many[1][2]} and {many[0][2]} ({'same' if flat else 'MORE'})")  # fmt: skip
    print(f"content searched afresh: +{searched - reference:.2f} ms (goal: at most {GOAL_MS} ms); "
          f"kept: +{kept - reference:.2f} ms")  # fmt: skip
    print("PASS" if flat and fast else "FAIL")
    sys.exit(0 if flat and fast else 1)


if __name__ == "__main__":
    main()
