"""Add the settings block of docs/plugin.md ("Install") to a project's settings file, as a
service would copy it: the bare-project test uses exactly what the documentation says.

    python packaging/apply_plugin_settings.py docs/plugin.md PROJECT/settings/base.py
"""

import re
import sys
from pathlib import Path

MARKER = "# wagtail-minimum-standards: the compliance and delivery-plan tracker"


def settings_block(docs: str) -> str:
    for block in re.findall(r"```python\n(.*?)```", docs, re.S):
        if block.startswith(MARKER):
            return block
    raise SystemExit(f"docs/plugin.md has no ```python block starting {MARKER!r}")


if __name__ == "__main__":
    docs, settings = Path(sys.argv[1]), Path(sys.argv[2])
    settings.write_text(settings.read_text() + "\n\n" + settings_block(docs.read_text()))
    print(f"Added the tracker's settings to {settings}")
