"""Frameworks that ship with the tracker, ready to load:
`manage.py minimum_standards_import_framework --builtin iass-2018` loads the 2018 Minimum
Standards for SEND Information, Advice and Support Services (20 standards in four sections,
rated C / P/C / NC, with 3.3's website checklist)."""

from pathlib import Path

from .models import Framework
from .spreadsheets.frameworks import import_framework

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
BUILTIN = {"iass-2018": FRAMEWORKS_DIR / "iass-minimum-standards-2018.xlsx"}


def load_builtin(code: str) -> tuple[Framework, bool]:
    """The built-in framework `code`, imported if it is not loaded yet; (framework, new?)."""
    existing = Framework.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    return import_framework(BUILTIN[code]), True
