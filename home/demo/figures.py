"""Demo data: the service's figures, as its 2021-22 annual report gives them.

The measures are the tracker's built-in set (sendiass-2021-22). The figures are the report's
own, quoted exactly: Table 1 (referrals a term, 2020-21 and 2021-22), Table 2 (2021-22 with
2020-21 in brackets, and the outreach events' counts for 2021-22), Table 3 and Table 5 (three
years, Sep 19 – Aug 20 to Sep 21 – Aug 22) and the contact routes of 2021-22. They go in through
the same figures upload the Service manager uses (a workbook in long form, built here), so
loading them again changes nothing.

Two things the report leaves to reading: its "PC Coffee Mornings: 5 + 1 SEN gov." is kept as two
counts, 5 and 1; and its 2019-20 school phases add up to 490, not the 493 of the year's total
(its genders and SEND/non-SEND give 493), as printed.
"""

import io

from openpyxl import Workbook

from wagtail_minimum_standards.figures.builtin_measures import load_builtin
from wagtail_minimum_standards.figures.models import ReportingYear
from wagtail_minimum_standards.figures.spreadsheets.figures_import import import_figures
from wagtail_minimum_standards.figures.spreadsheets.template import FIGURE_COLUMNS

MEASURES = "sendiass-2021-22"
YEARS_3 = ("2019-20", "2020-21", "2021-22")

# Table 1 – referrals received per term in 2021-22 compared with 2020-21
NEW_REFERRALS = {
    "2020-21": [98, 79, 47, 72, 80, 71],
    "2021-22": [131, 106, 135, 118, 86, 103],
}

# Table 2 Numbers of families provided with Information, Advice and Support (2020-21 in
# brackets): 2021-22, 2020-21.
TABLE_2 = {
    "families-supported": (771, 636),
    "caseload": (493, 430),
    "quick-calls": (98, 85),
    "professionals": (96, 58),
    "parent-champion-contacts": (7, 8),
}
OUTREACH_2021_22 = {
    "outreach-parents": [
        ("First Steps Bath", 5),
        ("Step-By-Step", 18),
        ("Step into School", 5),
        ("PC Coffee Mornings", 5),
        ("PC Coffee Mornings: SEN governor", 1),
        ("PC Event", 14),
        ("EHE", 4),
        ("Families HERs Open Day", 10),
        ("Butterflies", 14),
        ("Transitions Workshop", 6),
        ("SASS Coffee Morning", 1),
    ],
    "outreach-professionals": [
        ("SENCO Conference", 50),
        ("SALT Team", 15),
        ("Mental Health Support Team", 9),
        ("EHE", 4),
        ("Professionals Mentoring + Training sessions", 21),
        ("SEN Governor Training", 32),
        ("HERs Open Day", 2),
        ("Butterflies", 2),
        ("SASS Coffee Morning", 1),
    ],
}

# Table 3 referrals by age group and gender: Sep 19 – Aug 20, Sep 20 – Aug 21, Sep 21 – Aug 22
TABLE_3 = {
    "cyp-by-gender": [
        ("Boys", (295, 259, 238)),
        ("Girls", (160, 158, 137)),
        ("Unknown", (38, 13, 118)),
    ],
    "cyp-by-phase": [
        ("Pre-School", (22, 13, 26)),
        ("Primary", (165, 162, 196)),
        ("Secondary", (148, 155, 128)),
        ("Post-16", (23, 17, 18)),
        ("Post-19", (12, 21, 4)),
        ("Unknown", (120, 62, 121)),
    ],
    "cyp-by-send": [
        ("SEND", (487, 427, 490)),
        ("Non-SEND", (6, 3, 3)),
    ],
}
EXCLUSIONS = (39, 32, 48)

# Table 5: areas of need in 2020, 2021 and 2022 (the years ending then)
NEEDS = [
    ("Mental health difficulties", (112, 159, 153)),
    ("Behavioural difficulties", (86, 94, 72)),
    ("Attachment Difficulties", (24, 23, 14)),
    ("Attention Deficit Disorder/Attention Deficit Hyperactive Disorder", (74, 89, 109)),
    ("Sensory processing", (53, 78, 90)),
    ("Physical disability", (15, 22, 24)),
    ("Medical", (43, 41, 32)),
    ("Hearing and visual impairment", (11, 18, 13)),
    ("Speech and language difficulties", (93, 69, 44)),
    ("Social communication difficulties", (59, 43, 33)),
    ("Autistic Spectrum Disorder", (163, 176, 212)),
    ("Specific learning difficulties", (58, 76, 48)),
    ("Learning difficulties", (60, 75, 44)),
]

# How our users got in contact with us, 2021-22
CONTACT_ROUTES = [
    ("Web form", 60),
    ("Voice mail", 128),
    ("Text", 17),
    ("Telephone", 54),
    ("Social Media", 3),
    ("Outreach", 3),
    ("Meeting", 2),
    ("Face to Face", 5),
    ("Email", 172),
]


def rows() -> list[list]:
    """The figures in long form: measure key, measure name (left blank), year, period,
    breakdown value, value."""
    found = []
    for year, terms in NEW_REFERRALS.items():
        for term, value in enumerate(terms, start=1):
            found.append(["new-referrals", "", year, f"Term {term}", "", value])
    for key, (this, last) in TABLE_2.items():
        found += [
            [key, "", "2021-22", "2021-22", "", this],
            [key, "", "2020-21", "2020-21", "", last],
        ]
    for key, events in OUTREACH_2021_22.items():
        found += [[key, "", "2021-22", "2021-22", label, value] for label, value in events]
    for key, labels in TABLE_3.items():
        for label, values in labels:
            found += [[key, "", y, y, label, v] for y, v in zip(YEARS_3, values, strict=True)]
    found += [["exclusions", "", y, y, "", v] for y, v in zip(YEARS_3, EXCLUSIONS, strict=True)]
    for label, values in NEEDS:
        found += [["needs", "", y, y, label, v] for y, v in zip(YEARS_3, values, strict=True)]
    found += [["contact-routes", "", "2021-22", "2021-22", label, v] for label, v in CONTACT_ROUTES]
    return found


def workbook() -> io.BytesIO:
    """The rows, but for years whose annual report was approved since: their figures are
    locked (and were loaded before)."""
    locked = {y.label for y in ReportingYear.objects.filter(status=ReportingYear.Status.APPROVED)}
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(FIGURE_COLUMNS)
    for row in rows():
        if row[2] not in locked:
            sheet.append(row)
    file = io.BytesIO()
    book.save(file)
    file.seek(0)
    return file


def load() -> None:
    """The built-in measures and the report's figures; run again, it changes nothing."""
    load_builtin(MEASURES)
    import_figures(workbook())
