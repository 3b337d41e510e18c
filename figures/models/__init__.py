from .figures import Figure, YearLocked
from .measures import BreakdownList, BreakdownValue, Measure
from .years import ReportingYear

__all__ = [
    "BreakdownList",
    "BreakdownValue",
    "Figure",
    "Measure",
    "ReportingYear",
    "YearLocked",
]
