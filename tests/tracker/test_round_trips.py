"""Property tests: a framework, and a self-assessment of it, each survive import → export →
import → export unchanged, with any text. The two exports hold the same cell values in every
sheet (a fixed point), and every string the first workbook held is in the database as written.

Texts are drawn from all of Unicode that a workbook can hold, with line breaks, tabs, spaces
around them, brackets, bullets and leading numbers favoured; codes and numbers (the keys that
other cells name) from the characters such keys are written in."""

import datetime

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from wagtail_minimum_standards.compliance.models import Framework, LineRating, SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.assessments import (
    export_assessment,
    import_assessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.framework_export import export_framework
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework

from .framework_books import STANDARDS_HEADING, cell_values, framework_book, saved

HEADING = [*STANDARDS_HEADING, "optional"]
LINE_SCALE_HEADING = ["scale", "position", "code", "label", "counts as met"]

ROUND_TRIPS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # each example deletes what it made
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Every character a workbook can hold: no surrogates, no controls but tab, line feed and
# carriage return, no U+FFFE or U+FFFF.
ANY_CHARACTER = st.characters(
    exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
) | st.sampled_from("\t\n\r ()[]{}•·-–—*1234567890.'\"=+@☐☑…")
LEADS = st.sampled_from(["", "", " ", "\n", "1. ", "3 ", "(a) ", "• ", "- ", "=", "  "])


def texts(max_size, blank=True):
    text = st.builds(
        lambda lead, body: lead + body, LEADS, st.text(ANY_CHARACTER, max_size=max_size - 4)
    )
    return text if blank else text.filter(str.strip)


KEY = st.text("ABCDEFGHJKMNPQRSTUVWXYZ0123456789", min_size=1, max_size=3)
SCALE_NAME = (
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -()", max_size=20)
    .map(str.strip)
    .filter(lambda name: name and name.casefold() not in {"standard", "line", "comment"})
)
LEVEL_CODE = st.text("ABCDEFGHJKMNPQRSTUVWXYZ0123456789/+-?", min_size=1, max_size=4)


@st.composite
def frameworks(draw):
    """A framework template's rows: settings, scale, standards and checklist."""
    details = {
        "code": "property",
        "name": draw(texts(200, blank=False)),
        "version": draw(texts(50, blank=False)),
        "source": draw(texts(120)),
        "rating heading": draw(texts(30, blank=False)),
    }
    codes = draw(st.lists(LEVEL_CODE, min_size=1, max_size=5, unique_by=str.upper))
    unrated = draw(st.sampled_from([None, *range(len(codes))]))
    scale = [
        [
            draw(st.integers(0, 999)),
            code,
            draw(texts(60, blank=False)),
            draw(texts(200)),
            "#" + draw(st.text("0123456789abcdefABCDEF", min_size=6, max_size=6)),
            draw(st.sampled_from(["yes", "no"])),
            "yes" if n == unrated else "no",
        ]
        for n, code in enumerate(codes)
    ]
    standards, checklist, lines = [], [], []
    for number in draw(st.lists(KEY, min_size=1, max_size=3, unique=True)):
        title = draw(texts(200, blank=False))
        for position in range(1, draw(st.integers(1, 3)) + 1):
            code = f"{number}.{position}"
            wording, public = draw(texts(120, blank=False)), draw(texts(120))
            optional = draw(st.sampled_from(["yes", "no", ""]))
            standards.append(
                [number, title if position == 1 else "", code, wording, public, optional]
            )
            items = draw(st.lists(texts(120, blank=False), max_size=2))
            checklist += [[code, item, ""] for item in items]
            lines += [[code, line] for line in draw(st.lists(texts(120, blank=False), max_size=2))]
    line_scales = []
    for name in draw(st.lists(SCALE_NAME, max_size=2, unique_by=str.casefold)):
        for code in draw(st.lists(LEVEL_CODE, min_size=1, max_size=4, unique_by=str.upper)):
            line_scales.append(
                [
                    name,
                    draw(st.integers(0, 999)),
                    code,
                    draw(texts(60, blank=False)),
                    draw(st.sampled_from(["yes", "no"])),
                ]
            )
    return details, scale, standards, checklist, line_scales, lines


def assert_stored_as_written(framework, details, scale, standards, checklist, line_scales, lines):
    assert (
        framework.name,
        framework.version,
        framework.source,
        framework.rating_heading,
    ) == (details["name"], details["version"], details["source"], details["rating heading"])
    levels = {level.code: level for level in framework.levels.all()}
    for position, code, label, meaning, colour, met, unrated in scale:
        level = levels[code]
        assert (level.position, level.label, level.meaning, level.colour) == (
            position,
            label,
            meaning,
            colour,
        )
        assert (level.counts_as_met, level.is_unrated) == (met == "yes", unrated == "yes")
    stored = {
        standard.code: (
            section.number,
            section.title,
            standard.text,
            standard.public_text,
            "yes" if standard.optional else "no",
        )
        for section in framework.sections.all()
        for standard in section.standards.all()
    }
    titles = {row[0]: row[1] for row in standards if row[1]}
    assert stored == {
        row[2]: (row[0], titles[row[0]], row[3], row[4], row[5] or "no") for row in standards
    }
    items = [
        [standard.code, item.text, item.site_check]
        for section in framework.sections.all()
        for standard in section.standards.all()
        for item in standard.checklist.all()
    ]
    order = [row[2] for row in standards]
    assert items == sorted(checklist, key=lambda row: order.index(row[0]))
    stored_lines = [
        [standard.code, line.text]
        for section in framework.sections.all()
        for standard in section.standards.all()
        for line in standard.evidence_lines.all()
    ]
    assert stored_lines == lines
    stored_scales = sorted(
        [
            scale.name,
            level.position,
            level.code,
            level.label,
            "yes" if level.counts_as_met else "no",
        ]
        for scale in framework.line_scales.all()
        for level in scale.levels.all()
    )
    assert stored_scales == sorted(line_scales)


def book_of(details, scale, standards, checklist, line_scales, lines):
    sheets = {}
    if line_scales:
        sheets["Line scales"] = [LINE_SCALE_HEADING, *line_scales]
    if lines:
        sheets["Evidence lines"] = [["standard", "line"], *lines]
    return framework_book(
        standards, scale, checklist, details, sheets=sheets, standards_heading=HEADING
    )


@ROUND_TRIPS
@given(frameworks())
def test_a_framework_round_trips_to_a_fixed_point_keeping_every_string(db, drawn):
    details, scale, standards, checklist, line_scales, lines = drawn
    try:
        framework = import_framework(book_of(*drawn))
        assert_stored_as_written(framework, *drawn)
        first = export_framework(framework)
        framework.delete()  # its code is unique: the copy takes it

        copy = import_framework(saved(first))
        assert_stored_as_written(copy, *drawn)
        second = export_framework(copy)

        assert cell_values(second) == cell_values(first)
    finally:
        Framework.objects.all().delete()


@st.composite
def rated(draw, framework):
    """For each standard: a level, notes, the checklist items ticked, and whether adopted."""
    levels = list(framework.levels.all())
    scales = list(framework.line_scales.all())
    return {
        standard: (
            draw(st.sampled_from(levels)),
            draw(texts(200)),
            [item.pk for item in standard.checklist.all() if draw(st.booleans())],
            draw(st.booleans()) if standard.optional else True,
            [
                (
                    line,
                    {
                        str(scale.pk): level.pk
                        for scale in scales
                        if (level := draw(st.sampled_from([None, *scale.levels.all()])))
                    },
                    draw(texts(200)),
                )
                for line in standard.evidence_lines.all()
            ],
        )
        for section in framework.sections.all()
        for standard in section.standards.all()
    }


def ratings_of(assessment):
    return {
        rating.standard.code: (
            rating.level.code,
            rating.evidence_notes,
            sorted(rating.ticked_items),
        )
        for rating in assessment.ratings.select_related("standard", "level")
    }


@ROUND_TRIPS
@given(frameworks(), st.data())
def test_a_self_assessment_round_trips_to_a_fixed_point_keeping_every_string(db, drawn, data):
    details, scale, standards, checklist, line_scales, lines = drawn
    try:
        framework = import_framework(book_of(*drawn))
        title = data.draw(texts(200, blank=False).filter(lambda t: t.strip() != "Standard"))
        assessment = SelfAssessment.objects.create(
            framework=framework, title=title, assessed_on=datetime.date(2016, 3, 31)
        )
        assessment.add_missing_ratings()
        for standard, (level, notes, ticked, adopted, lines) in data.draw(rated(framework)).items():
            ratings = assessment.ratings.filter(standard=standard)
            ratings.update(level=level, evidence_notes=notes, ticked_items=ticked, adopted=adopted)
            LineRating.objects.bulk_create(
                LineRating(rating=ratings.get(), line=line, levels=chosen, comment=comment)
                for line, chosen, comment in lines
                if chosen or comment
            )
        first = export_assessment(assessment)
        note(repr(cell_values(first)))

        copy = import_assessment(saved(first), framework)
        second = export_assessment(copy)

        assert copy.title == title
        assert ratings_of(copy) == ratings_of(assessment)
        assert cell_values(second) == cell_values(first)
    finally:
        LineRating.objects.all().delete()
        SelfAssessment.objects.all().delete()
        Framework.objects.all().delete()
