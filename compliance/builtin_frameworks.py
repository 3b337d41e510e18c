"""Frameworks that ship with the tracker, ready to load:
`manage.py minimum_standards_import_framework --builtin iass-2018` loads the 2018 Minimum
Standards for SEND Information, Advice and Support Services (20 standards in four sections,
rated C / P/C / NC, with 3.3's website checklist); `--builtin iass-2016` an outline of the 2016
Quality Standards they replaced (its published wording was not available: its `source` says
so), and `manage.py minimum_standards_import_mapping --builtin iass-2016-to-2018` the mapping
from the one to the other."""

from pathlib import Path

from .models import Framework, FrameworkMapping
from .spreadsheets.frameworks import import_framework
from .spreadsheets.mappings import import_mapping

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
BUILTIN = {
    "iass-2018": FRAMEWORKS_DIR / "iass-minimum-standards-2018.xlsx",
    "iass-2016": FRAMEWORKS_DIR / "iass-quality-standards-2016.xlsx",
}
# A built-in mapping: (its workbook, the built-in frameworks it maps from and to)
BUILTIN_MAPPINGS = {
    "iass-2016-to-2018": (
        FRAMEWORKS_DIR / "iass-2016-to-2018-mapping.xlsx",
        "iass-2016",
        "iass-2018",
    ),
}


def load_builtin(code: str) -> tuple[Framework, bool]:
    """The built-in framework `code`, imported if it is not loaded yet; (framework, new?)."""
    existing = Framework.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    return import_framework(BUILTIN[code]), True


def load_builtin_mapping(code: str) -> tuple[FrameworkMapping, bool]:
    """The built-in mapping `code`, its two frameworks loaded first if they are not;
    (mapping, new?)."""
    path, old_code, new_code = BUILTIN_MAPPINGS[code]
    old, _ = load_builtin(old_code)
    new, _ = load_builtin(new_code)
    existing = FrameworkMapping.objects.filter(from_framework=old, to_framework=new).first()
    if existing is not None:
        return existing, False
    return import_mapping(path), True
