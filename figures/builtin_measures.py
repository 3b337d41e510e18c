"""Measure sets that ship with the tracker, ready to load:
`manage.py minimum_standards_load_measures --builtin sendiass-2021-22` loads the measures of a
SENDIASS's 2021-22 annual report (referrals a term, families supported against the Service
Level Agreement's 500, caseload, quick calls, outreach, contact routes, children and young
people by gender, school phase and SEND, broad areas of need and needs, and what the website's
enquiries count), with their breakdown lists. Written by packaging/write_builtin_measures.py."""

from pathlib import Path

from .spreadsheets.measures import MeasuresImport, import_measures

MEASURES_DIR = Path(__file__).parent / "measures"
BUILTIN = {"sendiass-2021-22": MEASURES_DIR / "sendiass-2021-22.xlsx"}


def load_builtin(code: str, user=None) -> MeasuresImport:
    """The built-in measure set `code`, imported: measures and lists it names are made, or
    brought back to its wording; nothing else is touched. Loading it again changes nothing."""
    return import_measures(BUILTIN[code], user=user)
