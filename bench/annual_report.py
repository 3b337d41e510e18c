"""Building the annual report's Word document with 10 years × 50 measures × 10 breakdown values.
Part of `make bench`; recorded in docs/benchmarks.md.

Loads the demo into a fresh database (its ratified self-assessment and delivery plan are the
appendices), adds ten reporting years and fifty measures, each broken down by a list of ten
values (forty counted by year, five by term, five by month; five with a yearly target), with a
figure for every value of every period of every year (13,000 figures), ten of them drawn as
charts (the seed report draws three; one has a target, so its trend too), then builds the report
as its *Download* gives it (plans.annual_report.annual_report_docx), 3 times, keeping the
median, and counts its queries against those of a report of one measure.

The goal: the document builds in at most 3 s, in as many queries as with one measure.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from serve import ROOT, prepare, site_environment


def main():
    env = site_environment(Path(tempfile.mkdtemp(prefix="sendias-bench-report-")))
    prepare(env)
    script = str(ROOT / "bench" / "measure_annual_report.py")
    run = subprocess.run([sys.executable, script], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                         text=True)  # fmt: skip
    print(run.stdout.strip())
    print("PASS" if run.returncode == 0 else "FAIL")
    sys.exit(run.returncode)


if __name__ == "__main__":
    main()
