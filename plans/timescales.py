"""From a timescale as people write it ("Apr 2022", "Summer 2023") to a due date.

The rule (docs/delivery-plans.md): a month means its last day; a season means the
last day of its last month (spring: May, summer: August, autumn: November,
winter: February of the next year); a year alone means 31 December; "on-going",
"ongoing", "termly" and the like have no due date. A full date ("12/01/2023",
"2023-01-12") is that date. The derived date can be changed by hand.
"""

import calendar
import datetime
import re

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
        calendar.month_abbr[number].lower() + "t",  # "sept"
    }
}
SEASON_END = {
    "spring": (5, 0),
    "summer": (8, 0),
    "autumn": (11, 0),
    "fall": (11, 0),
    "winter": (2, 1),
}


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def due_date_for(timescale: str) -> datetime.date | None:
    try:
        return _due_date(timescale)
    except ValueError:  # "31/02/2023", "12/31/2023": not a date; no due date
        return None


def _due_date(timescale: str) -> datetime.date | None:
    text = timescale.strip().lower().replace(",", " ")
    full = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})", text)
    if full:
        day, month, year = (int(part) for part in full.groups())
        return datetime.date(year + 2000 if year < 100 else year, month, day)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return datetime.date(*(int(part) for part in iso.groups()))
    words = re.findall(r"[a-z]+|\d{4}", text)
    years = [int(w) for w in words if w.isdigit()]
    if not years:
        return None
    year = years[-1]
    names = [w for w in words if not w.isdigit()]
    if names and names[-1] in MONTHS:
        return _last_day(year, MONTHS[names[-1]])
    if names and names[-1] in SEASON_END:
        month, years_on = SEASON_END[names[-1]]
        return _last_day(year + years_on, month)
    if not names:
        return datetime.date(year, 12, 31)
    return None
