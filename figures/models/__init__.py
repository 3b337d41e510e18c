from .figures import Figure, YearLocked
from .measures import BreakdownList, BreakdownValue, Measure
from .uploads import FiguresUpload
from .years import ReportingYear

__all__ = [
    "BreakdownList",
    "BreakdownValue",
    "Figure",
    "FiguresUpload",
    "Measure",
    "ReportingYear",
    "YearLocked",
]
