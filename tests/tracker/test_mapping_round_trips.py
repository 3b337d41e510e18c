"""Property test: a framework mapping survives export → import → export unchanged, for generated
mappings between generated frameworks: random codes, titles and notes with any text a workbook
can hold, and every relation (same, split, merged, new, retired) in every example, with a
levels part of any size. The two exports hold the same cell values in every sheet (a fixed
point), and every row and note the upload held is in the database as written."""

from hypothesis import given, settings
from hypothesis import strategies as st

from wagtail_minimum_standards.compliance.models import Framework, FrameworkMapping
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework
from wagtail_minimum_standards.compliance.spreadsheets.mappings import (
    export_mapping,
    import_mapping,
)

from .framework_books import cell_values, framework_book, saved
from .mapping_books import NEW_SCALE, OLD_SCALE, mapping_book
from .test_round_trips import ROUND_TRIPS, texts

CODE = st.text("ABCDEFGHJKMNPQRSTUVWXYZabcdefxyz0123456789.-/", min_size=1, max_size=6).filter(
    lambda code: code.strip(".-/")
)
RELATIONS = ["same", "split", "merged", "new", "retired"]
# How many old and new standards a group of rows of each relation links.
SHAPES = {
    "same": (st.just(1), st.just(1)),
    "split": (st.just(1), st.integers(2, 3)),
    "merged": (st.integers(2, 3), st.just(1)),
    "new": (st.just(0), st.just(1)),
    "retired": (st.just(1), st.just(0)),
}


@st.composite
def mappings(draw):
    """(old codes, new codes, mapping rows, level rows, title, notes): every relation at least
    once, each standard of either framework in the rows its relation allows."""
    relations = draw(st.permutations(RELATIONS)) + draw(
        st.lists(st.sampled_from(RELATIONS), max_size=4)
    )
    groups = [(r, draw(SHAPES[r][0]), draw(SHAPES[r][1])) for r in relations]
    old_count = sum(olds for _r, olds, _n in groups)
    new_count = sum(news for _r, _o, news in groups)
    old_codes = draw(st.lists(CODE, min_size=old_count, max_size=old_count, unique=True))
    new_codes = draw(st.lists(CODE, min_size=new_count, max_size=new_count, unique=True))
    rows, olds, news = [], iter(old_codes), iter(new_codes)
    for relation, old_n, new_n in groups:
        group_old = [next(olds) for _ in range(old_n)] or [""]
        group_new = [next(news) for _ in range(new_n)] or [""]
        for old in group_old:
            for new in group_new:
                rows.append([old, new, relation, draw(texts(200))])
    pairs = [(o[1], n[1]) for o, n in zip(OLD_SCALE, NEW_SCALE, strict=True)]
    levels = draw(st.lists(st.sampled_from(pairs), unique_by=lambda pair: pair[0]))
    return (
        old_codes,
        new_codes,
        rows,
        [list(pair) for pair in levels],
        draw(texts(200, blank=False)),
        draw(texts(500)),
    )


def framework_of(code, codes, scale):
    standards = [["1", "Only", standard, f"Standard {n}.", ""] for n, standard in enumerate(codes)]
    return import_framework(
        framework_book(standards, scale=scale, details={"code": code, "name": code, "version": "1"})
    )


@settings(ROUND_TRIPS, max_examples=60)
@given(mappings())
def test_a_mapping_round_trips_to_a_fixed_point_keeping_every_string(db, drawn):
    old_codes, new_codes, rows, levels, title, notes = drawn
    try:
        framework_of("old", old_codes, OLD_SCALE)
        framework_of("new", new_codes, NEW_SCALE)
        details = {"from framework": "old", "to framework": "new", "title": title, "notes": notes}
        mapping = import_mapping(mapping_book(rows, levels, details))
        assert (mapping.title, mapping.notes) == (title, notes)
        stored = [
            [
                row.old_standard.code if row.old_standard_id else "",
                row.new_standard.code if row.new_standard_id else "",
                row.relation,
                row.note,
            ]
            for row in mapping.rows.select_related("old_standard", "new_standard")
        ]
        assert stored == rows
        assert mapping.is_complete
        first = export_mapping(mapping)

        again = import_mapping(saved(first))  # replaces the one of the same two frameworks
        second = export_mapping(again)

        assert cell_values(second) == cell_values(first)
        assert FrameworkMapping.objects.count() == 1
        assert {row.relation for row in again.rows.all()} == set(RELATIONS)
    finally:
        FrameworkMapping.objects.all().delete()
        Framework.objects.all().delete()
