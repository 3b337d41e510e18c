"""Exporting a delivery plan of 1,000 items against openpyxl alone writing the same cells.
Part of `make bench`; recorded in docs/benchmarks.md.

Loads the demo into a fresh database, grows the Operational Delivery Plan to 1,000 items (each
with three standards, three numbered actions and two outcomes, with text as long as the annual
report's), then times, 5 times each, keeping the median:

- the export as the plan's *Download* gives it (plans.spreadsheets.export_plan, saved to bytes):
  its queries, its cells made formula-safe and whole, its styles;
- openpyxl alone: a new workbook, the exported cells' values appended row by row, saved.

The goal: the export takes at most 3 times what openpyxl alone needs.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from serve import ROOT, prepare, site_environment


def main():
    env = site_environment(Path(tempfile.mkdtemp(prefix="sendias-bench-export-")))
    prepare(env)
    script = str(ROOT / "bench" / "measure_plan_export.py")
    print(subprocess.run([sys.executable, script, "1000"], cwd=ROOT, env=env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout.strip())  # fmt: skip


if __name__ == "__main__":
    main()
