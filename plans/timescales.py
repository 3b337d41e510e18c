"""From a timescale as people write it ("Apr 2022", "Summer 2023") to a due date.

The rule (docs/delivery-plans.md):
- a date is that date: "12/01/2023", "12-01-2023", "12.01.23" (day first, as in the UK),
  "2023-01-12", "2023/1/12" (year first), "12 January 2023", "12th Jan 2023",
  "January 12, 2023", or a date cell in a spreadsheet;
- a month means its last day: "Apr 2022", "Sept 2022", "January 2023", "04/2022";
- a season means the last day of its last month (spring: May, summer: August, autumn:
  November, winter: February of the next year); a school term its last month (autumn term:
  December, spring term: March, summer term: July);
- a year alone means 31 December: "2024";
- a range means its end: "Sept 2022 - July 2023", "Sept 2022 to July 2023";
- "by", "end of", "the", "before" and "in" may come first;
- "ongoing", "termly", "as required" and the like have no due date, and that is understood.

Month names may also be written in the active language ("12 Ionawr 2023" in Welsh), as a
spreadsheet's date cell reads when the site speaks it; the other words are English.

A date written in numbers that is no real date ("31/02/2023", "06/30/2023" written month
first) is refused where it is typed or imported (impossible_date), naming it. Anything else
("2023/24", "Q1 2023", "45000", "soon") gets no due date and is flagged "timescale not
understood", never given a wrong date. The due date can be changed by hand.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cache

from django.utils import dates
from django.utils.translation import get_language
from django.utils.translation import gettext as _

MONTHS = {
    name + stop: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
        calendar.month_abbr[number].lower() + "t",  # "sept"
    }
    for stop in ("", ".")
}
SEASON_END = {"spring": (5, 0), "summer": (8, 0), "autumn": (11, 0), "fall": (11, 0)}
SEASON_END["winter"] = (2, 1)  # winter 2023 runs into February 2024
TERM_END = {"autumn": 12, "spring": 3, "summer": 7}
OPEN_ENDED = {
    "ongoing",
    "on-going",
    "on going",
    "continuous",
    "continual",
    "termly",
    "weekly",
    "monthly",
    "quarterly",
    "annually",
    "annual",
    "yearly",
    "regularly",
    "as required",
    "as needed",
    "when required",
    "when needed",
    "throughout",
    "tbc",
    "tba",
    "to be confirmed",
    "n/a",
}
LEADING_WORDS = re.compile(r"^(?:(?:by|end|of|the|before|in)\s+)+")
RANGE = re.compile(r"\s+(?:-|–|—|to|until)\s+|\s*[–—]\s*")
FIRST_YEAR, LAST_YEAR = 1990, 2100

DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")
MONTH_NUMBER_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
WORD = r"([^\W\d_]+\.?)"  # a month's name in any language, perhaps abbreviated
DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{WORD}\s+(\d{{4}})")
MONTH_DAY_YEAR = re.compile(rf"{WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+(\d{{4}})")
MONTH_YEAR = re.compile(rf"{WORD}\s+(\d{{4}})")
SEASON_YEAR = re.compile(r"([a-z]+)(\s+term)?\s+(\d{4})")
YEAR = re.compile(r"(\d{4})")


@dataclass(frozen=True)
class Timescale:
    due_date: datetime.date | None
    understood: bool


def _parts(text: str) -> list[str]:
    """A timescale's dates: one, or a range's two, without "by", "end of" and the like."""
    words = " ".join(text.lower().replace(",", " ").split()).rstrip(".;:!")
    if not words or words in OPEN_ENDED:
        return []
    return [LEADING_WORDS.sub("", part) for part in RANGE.split(words)]


def read_timescale(text: str) -> Timescale:
    """What a timescale as written says about when the item is due."""
    parts = _parts(text)
    if not parts:
        return Timescale(None, True)
    due = None
    for part in parts:  # a range is due at its end; every part must still be a date
        due = _date(part)
        if due is None:
            return Timescale(None, False)
    return Timescale(due, True)


def impossible_date(text: str) -> str | None:
    """The part of a timescale written as a date in numbers (30/06/2027, 2027-06-30) that is no
    real date ("31/02/2027"; "06/30/2027", month first), or None."""
    for part in _parts(text):
        numeric = DAY_FIRST.fullmatch(part) or YEAR_FIRST.fullmatch(part)
        if numeric and _date(part) is None:
            return part
    return None


def not_a_date(text: str) -> str:
    """What is wrong with impossible_date's answer, in the active language."""
    return _(
        "“%(text)s” is not a real date: write the day first, then the month, then the year, "
        "such as 30/06/2027 or 30 June 2027"
    ) % {"text": text}


def due_date_for(timescale: str) -> datetime.date | None:
    return read_timescale(timescale).due_date


def _date(text: str) -> datetime.date | None:
    for pattern, make in READERS:
        found = pattern.fullmatch(text)
        if not found:
            continue
        try:
            return make(*found.groups())
        except KeyError:  # not a month ("summer 2023"): perhaps a season
            continue
        except ValueError:  # 31/02/2023, a year out of range: not a date at all
            return None
    return None


def _month(name: str) -> int:
    """A month's number from its name or abbreviation, in English or in the active language;
    KeyError if it names no month."""
    if name in MONTHS:
        return MONTHS[name]
    return _months_in(get_language())[name]


@cache
def _months_in(language) -> dict[str, int]:
    """The month names Django knows in `language` (the active one when called), lower case,
    each with and without a full stop."""
    names = {}
    for table in (dates.MONTHS, dates.MONTHS_3, dates.MONTHS_AP, dates.MONTHS_ALT):
        for number, name in table.items():
            name = str(name).lower().rstrip(".")
            names[name] = names[f"{name}."] = number
    return names


def _year(text: str) -> int:
    year = int(text) + 2000 if len(text) == 2 else int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year} is not a plausible year")
    return year


def _day(year, month, day) -> datetime.date:
    return datetime.date(_year(year), int(month), int(day))


def _end_of_month(year, month) -> datetime.date:
    year, month = _year(str(year)), int(month)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _season(name, term, year) -> datetime.date:
    if term:
        return _end_of_month(year, TERM_END[name])
    month, years_on = SEASON_END[name]
    return _end_of_month(str(_year(year) + years_on), month)


READERS = [
    (YEAR_FIRST, lambda y, m, d: _day(y, m, d)),
    (DAY_FIRST, lambda d, m, y: _day(y, m, d)),
    (MONTH_NUMBER_YEAR, lambda m, y: _end_of_month(y, m)),
    (DAY_MONTH_YEAR, lambda d, m, y: _day(y, _month(m), d)),
    (MONTH_DAY_YEAR, lambda m, d, y: _day(y, _month(m), d)),
    (MONTH_YEAR, lambda m, y: _end_of_month(y, _month(m))),
    (SEASON_YEAR, _season),
    (YEAR, lambda y: _end_of_month(y, 12)),
]
