"""Importing a delivery plan of 1,000 items with 12 columns against openpyxl alone reading the
same workbook. Part of `make bench`; recorded in docs/benchmarks.md.

Loads the demo into a fresh database (for the 2018 framework the rows' standards link to), makes
a council's plan in its own shape (a title, 12 headings, 1,000 rows as long as the annual
report's, with a RAG status), then times, 5 times each, keeping the median:

- the import as an upload gives it (plans.spreadsheets.import_plan): the workbook checked and
  read, every cell kept, meanings read beside the text, and the plan saved in one transaction;
- openpyxl alone: the workbook opened read-only and every cell's value read.

The goal: the import takes at most 3 times what openpyxl alone needs.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from serve import ROOT, prepare, site_environment


def main():
    env = site_environment(Path(tempfile.mkdtemp(prefix="sendias-bench-import-")))
    prepare(env)
    script = str(ROOT / "bench" / "measure_plan_import.py")
    print(subprocess.run([sys.executable, script, "1000"], cwd=ROOT, env=env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout.strip())  # fmt: skip


if __name__ == "__main__":
    main()
