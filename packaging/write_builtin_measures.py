"""Writes figures/measures/sendiass-2021-22.xlsx, the built-in measure set, in the measures
template (docs/figures.md, "Spreadsheets"): the measures of a SENDIASS's 2021-22 annual report,
defined in the report's words. The workbook is the data; this script is how it was written.

    .venv/bin/python packaging/write_builtin_measures.py

Run it again after changing what it lists; tests/tracker/test_figures_spreadsheets.py checks the
workbook holds what the script writes.
"""

import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from wagtail_minimum_standards.figures.spreadsheets.template import (
    LIST_COLUMNS,
    LISTS,
    MEASURE_COLUMNS,
    MEASURES,
    OPTIONAL_MEASURE_COLUMNS,
)

OUT = Path(__file__).resolve().parent.parent / "figures" / "measures" / "sendiass-2021-22.xlsx"

LIST_VALUES = {
    "gender": ("Gender", ["Boys", "Girls", "Unknown"]),
    "school-phase": (
        "School phase",
        ["Pre-School", "Primary", "Secondary", "Post-16", "Post-19", "Unknown"],
    ),
    "send": ("SEND or not", ["SEND", "Non-SEND"]),
    "need": (
        "Need, as the family reports it",
        [
            "Mental health difficulties",
            "Behavioural difficulties",
            "Attachment Difficulties",
            "Attention Deficit Disorder/Attention Deficit Hyperactive Disorder",
            "Sensory processing",
            "Physical disability",
            "Medical",
            "Hearing and visual impairment",
            "Speech and language difficulties",
            "Social communication difficulties",
            "Autistic Spectrum Disorder",
            "Specific learning difficulties",
            "Learning difficulties",
        ],
    ),
    "broad-area-of-need": (
        "Broad area of need (SEND Code of Practice)",
        [
            "Communication and interaction",
            "Cognition and learning",
            "Social, emotional and mental health",
            "Sensory and/or physical needs",
        ],
    ),
    "contact-route": (
        "Contact route",
        [
            "Web form",
            "Voice mail",
            "Text",
            "Telephone",
            "Social Media",
            "Outreach",
            "Meeting",
            "Face to Face",
            "Email",
        ],
    ),
    "outreach-parents": (
        "Outreach events for parents and carers",
        [
            "First Steps Bath",
            "Step-By-Step",
            "Step into School",
            "PC Coffee Mornings",
            "PC Coffee Mornings: SEN governor",
            "PC Event",
            "EHE",
            "Families HERs Open Day",
            "Butterflies",
            "Transitions Workshop",
            "SASS Coffee Morning",
        ],
    ),
    "outreach-professionals": (
        "Outreach events for professionals",
        [
            "SENCO Conference",
            "SALT Team",
            "Mental Health Support Team",
            "EHE",
            "Professionals Mentoring + Training sessions",
            "SEN Governor Training",
            "HERs Open Day",
            "Butterflies",
            "SASS Coffee Morning",
        ],
    ),
    # The labels of the website's enquiry form (the site's home/models/enquiry.py): the
    # enquiries count by them.
    "age-group": (
        "Age group (the enquiry form's)",
        [
            "Under 5 (early years)",
            "5 to 10 (primary school age)",
            "11 to 15 (secondary school age)",
            "16 to 18",
            "19 to 25",
        ],
    ),
    "enquiry-topic": (
        "What the enquiry is about (the enquiry form's)",
        [
            "Support at school, nursery or college (SEN support)",
            "Asking for an EHC needs assessment",
            "An EHC plan or its annual review",
            "Exclusion from school",
            "Choosing a school, college or transport",
            "Appeals, mediation or complaints",
            "Health or social care",
            "Preparing for adulthood",
            "Something else",
        ],
    ),
    "enquirer-role": (
        "Who made the enquiry (the enquiry form's)",
        ["A parent or carer", "A young person (16 to 25)", "A professional"],
    ),
}

CYP = "children and young people"
TABLE_3 = (
    "Referrals by age group and gender. This table includes referrals relating to long term "
    "fixed, and permanent exclusions."
)
ENQUIRIES = "Enquiries through the website"
# key, name, definition, unit, counted by, the year's figure, broken down by, target,
# decimal places, standards, table, public, counted from enquiries
MEASURE_ROWS = [
    ["new-referrals", "New referrals",
     "Referrals received per term. Parents and young people self-refer to the service or may "
     "receive assistance from others to make the initial contact. We do not accept referrals "
     "from professionals.",
     "referrals", "term", "total", "", "", 0, "", "Table 1", "no", "no"],
    ["families-supported", "Families provided with information, advice and support",
     "The number of families provided with information, advice and support in the year. The "
     "Service Level Agreement with the LA and the ICB requires that the service supports 500 "
     "families per year with information, advice and support.",
     "families", "year", "total", "", 500, 0, "", "Table 2", "yes", "no"],
    ["caseload", "Caseload (Families)",
     "Caseload is the number of referrals which require in-depth casework support.",
     "families", "year", "total", "", "", 0, "", "Table 2", "no", "no"],
    ["quick-calls", "Quick calls",
     "Quick calls are calls involving only one or two contacts lasting less than 30 minutes. "
     "This may have involved providing families with links to information and resources to "
     "enable them to self-serve or signposting to other organisations e.g., the Carers Centre "
     "or Contact A Family for specific information and advice.",
     "calls", "year", "total", "", "", 0, "", "Table 2", "no", "no"],
    ["professionals", "Professionals",
     "Professionals provided with information, advice and support.",
     "professionals", "year", "total", "", "", 0, "", "Table 2", "no", "no"],
    ["parent-champion-contacts",
     "Parent Champions - parents contacted at group events & individually",
     "Parents contacted by Parent Champions at group events and individually.",
     "parents", "year", "total", "", "", 0, "", "Table 2", "no", "no"],
    ["outreach-parents", "Outreach – parent/carers",
     "Parents and carers met at each outreach event.",
     "parents and carers", "year", "total", "outreach-parents", "", 0, "", "Table 2", "no", "no"],
    ["outreach-professionals", "Outreach - professionals",
     "Professionals met at each outreach event or training session.",
     "professionals", "year", "total", "outreach-professionals", "", 0, "", "Table 2", "no",
     "no"],
    ["contact-routes", "How people contacted us",
     "How our users got in contact with us. Each enquiry sent through the website's form "
     "counts as a web form contact when it is received; the other routes are entered by hand.",
     "contacts", "year", "total", "contact-route", "", 0, "", "Contact routes", "yes", "yes"],
    ["cyp-by-gender", "Children and young people supported, by gender", TABLE_3,
     CYP, "year", "total", "gender", "", 0, "", "Table 3", "no", "no"],
    ["cyp-by-phase", "Children and young people supported, by school phase", TABLE_3,
     CYP, "year", "total", "school-phase", "", 0, "", "Table 3", "no", "no"],
    ["cyp-by-send", "Children and young people supported, SEND or not", TABLE_3,
     CYP, "year", "total", "send", "", 0, "", "Table 3", "no", "no"],
    ["exclusions", "Exclusions",
     "Referrals relating to long term fixed, and permanent exclusions.",
     CYP, "year", "total", "", "", 0, "", "Table 3", "no", "no"],
    ["broad-areas-of-need", "Cases by broad area of need",
     "Breakdown of cases into the 4 broad areas of need as identified by the SEND Code of "
     "Practice (children and young people frequently have needs that cover more than one of "
     "these broad areas).",
     "cases", "year", "total", "broad-area-of-need", "", 0, "", "Table 4", "no", "no"],
    ["needs", "Additional needs",
     "A breakdown of case work identifying the child’s or young person’s additional need as "
     "identified by the family (families often report multiple needs).",
     "cases", "year", "total", "need", "", 0, "", "Table 5", "no", "no"],
    ["enquiries-by-age-group", "Enquiries by the child's or young person's age",
     "Enquiries sent through the website's form, by the age group it gives: counted when "
     "each is received, and kept when the enquiry is deleted.",
     "enquiries", "month", "total", "age-group", "", 0, "", ENQUIRIES, "no", "yes"],
    ["enquiries-by-topic", "Enquiries by what they are about",
     "Enquiries sent through the website's form, by what it says the enquiry is about: "
     "counted when each is received, and kept when the enquiry is deleted.",
     "enquiries", "month", "total", "enquiry-topic", "", 0, "", ENQUIRIES, "no", "yes"],
    ["enquiries-by-role", "Enquiries by who made them",
     "Enquiries sent through the website's form, by who it says made it (a parent or carer, "
     "a young person, a professional): counted when each is received, and kept when the "
     "enquiry is deleted.",
     "enquiries", "month", "total", "enquirer-role", "", 0, "", ENQUIRIES, "no", "yes"],
]  # fmt: skip


def write(path: Path = OUT) -> Path:
    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = MEASURES
    # The set counts nothing from feedback: the optional column is left out, "no" for each.
    sheet.append([c for c in MEASURE_COLUMNS if c not in OPTIONAL_MEASURE_COLUMNS])
    for row in MEASURE_ROWS:
        sheet.append(row)
    lists = book.create_sheet(LISTS)
    lists.append(LIST_COLUMNS)
    for key, (name, labels) in LIST_VALUES.items():
        for label in labels:
            lists.append([key, name, label])
    for each in (sheet, lists):
        for cell in each[1]:
            cell.font = bold
    # A fixed date, so that writing it again changes the file only if its data changed.
    book.properties.created = book.properties.modified = datetime.datetime(2026, 1, 1)
    book.save(path)
    return path


if __name__ == "__main__":
    print(write())
