"""A delivery plan as a spreadsheet in its own shape, and back: read (reading.py), previewed
(preview.py), saved all or nothing (saving.py), exported (export.py). docs/spreadsheets.md."""

from .export import export_plan, fit_sheet_title
from .preview import PlanPreview, prepare
from .saving import save


def import_plan(file, framework=None, title: str = "", **choices):
    """Read and save in one step (SheetErrors, and nothing saved, if anything is wrong);
    `choices` as prepare() takes them."""
    return save(prepare(file, framework, title, **choices))


__all__ = ["PlanPreview", "export_plan", "fit_sheet_title", "import_plan", "prepare", "save"]
