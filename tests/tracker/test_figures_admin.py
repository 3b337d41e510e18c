"""The figures' admin: the "Figures" menu (measures, breakdown lists, reporting years) and
the entry form, for each role; the grid's saving, refusals, lock and two people at once."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from wagtail_minimum_standards.compliance.roles import RUN
from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.models import BreakdownList, Figure, Measure, ReportingYear

from .conftest import user_with
from .figure_factories import BreakdownListFactory, MeasureFactory, figure, year

ENTER = "minimum_standards_figures_enter"


@pytest.fixture
def measures(db):
    gender = BreakdownListFactory(key="gender", name="Gender", labels=["Boys", "Girls", "Unknown"])
    return {
        "caseload": MeasureFactory(
            key="caseload", name="Caseload", group="Table 2", definition="Families with a case."
        ),
        "hours": MeasureFactory(
            key="volunteer-hours", name="Volunteer hours", group="Table 2", decimal_places=1
        ),
        "gender": MeasureFactory(
            key="cyp-by-gender", name="Children by gender", group="Table 3", breakdown=gender
        ),
        "referrals": MeasureFactory(key="new-referrals", name="New referrals", period="term"),
    }


@pytest.fixture
def locked_year(db):
    locked = year(2020)
    locked.approve(datetime.date(2021, 10, 12))
    return locked


def grid_url(first_year=2021, period="year"):
    return f"{reverse(ENTER)}?year={first_year}&period={period}"


def page(response) -> str:
    return response.content.decode()


def drawn(response) -> str:
    return html.unescape(re.search(r'name="drawn" value="([^"]*)"', page(response)).group(1))


def cell(measure, label=None) -> str:
    if label is None:
        return f"f{measure.pk}"
    return f"f{measure.pk}-{measure.breakdown.values.get(label=label).pk}"


def post_grid(client, data, first_year=2021, period="year", drawn_as=None):
    form = client.get(grid_url(first_year, period))
    sent = {
        "year": first_year,
        "period": period,
        "drawn": drawn(form) if drawn_as is None else drawn_as,
        **data,
    }
    return client.post(reverse(ENTER), sent)


def values(in_year, measure):
    found = Figure.objects.filter(year=in_year, measure=measure)
    return {
        (f.breakdown_value.label if f.breakdown_value else None): f.value
        for f in found.select_related("breakdown_value")
    }


def refused(response) -> bool:
    """Wagtail's refusal in its admin: back to the dashboard, "Sorry, you do not have
    permission to access this area" (the view's PermissionDenied, a 403 outside the admin)."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def every_url(measures, locked_year):
    """(URL, method, changes something?) for every page this menu adds."""
    measure, breakdown = measures["caseload"], measures["gender"].breakdown
    admin = "minimum_standards_figures_{}_modeladmin_{}"
    return [
        (reverse(admin.format("measure", "index")), "get", False),
        (reverse(admin.format("measure", "create")), "get", True),
        (reverse(admin.format("measure", "edit"), args=[measure.pk]), "get", True),
        (reverse(admin.format("measure", "delete"), args=[measure.pk]), "get", True),
        (reverse("minimum_standards_figures_measure_history", args=[measure.pk]), "get", False),
        (reverse(admin.format("breakdownlist", "index")), "get", False),
        (reverse(admin.format("breakdownlist", "create")), "get", True),
        (reverse(admin.format("breakdownlist", "edit"), args=[breakdown.pk]), "get", True),
        (reverse("minimum_standards_figures_list_history", args=[breakdown.pk]), "get", False),
        (reverse(admin.format("reportingyear", "index")), "get", False),
        (reverse(admin.format("reportingyear", "create")), "get", True),
        (reverse("minimum_standards_figures_year_history", args=[locked_year.pk]), "get", False),
        (reverse("minimum_standards_figures_year_unlock", args=[locked_year.pk]), "get", True),
        (grid_url(), "get", False),
        (reverse(ENTER), "post", True),
    ]


def test_the_public_is_sent_to_sign_in_from_every_figures_page(client, measures, locked_year):
    for url, method, _changes in every_url(measures, locked_year):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"], url


def test_the_advisory_group_reads_every_figures_page_and_changes_nothing(
    client, reader, measures, locked_year
):
    client.force_login(reader)
    for url, method, changes in every_url(measures, locked_year):
        response = getattr(client, method)(url)
        assert refused(response) if changes else response.status_code == 200, url
    unlock = client.post(
        reverse("minimum_standards_figures_year_unlock", args=[locked_year.pk]), {"reason": "x"}
    )
    enter = client.post(
        reverse(ENTER), {"year": 2021, "period": "year", f"f{measures['caseload'].pk}": "1"}
    )
    assert refused(unlock) and refused(enter)
    assert not Figure.objects.exists()
    assert ReportingYear.objects.get(pk=locked_year.pk).is_locked
    grid = page(client.get(grid_url()))
    assert "Figures by period" in grid and '<input type="text"' not in grid


def test_the_manager_opens_every_figures_page(client, manager, measures, locked_year):
    client.force_login(manager)
    for url, method, _changes in every_url(measures, locked_year):
        if method == "get":
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["manager", "reader"])
def test_both_roles_find_the_figures_menu(client, db, request, who):
    client.force_login(request.getfixturevalue(who))

    home = page(client.get(reverse("wagtailadmin_home")))

    assert "Figures" in home and "Reporting years" in home and "Breakdown lists" in home
    assert ("Enter figures" in home) == (who == "manager")


def test_a_measure_is_made_with_its_standards_ticked_under_their_section_and_has_a_history(
    client, manager, framework
):
    standard = framework.sections.get(number="1").standards.get(code="1.3")
    client.force_login(manager)
    create = reverse("minimum_standards_figures_measure_modeladmin_create")

    form = page(client.get(create))
    made = client.post(
        create,
        {
            "name": "Families supported",
            "key": "families-supported",
            "definition": "Families with at least one contact in the year.",
            "unit": "families",
            "decimal_places": 0,
            "period": "year",
            "yearly": "total",
            "target": "500",
            "group": "Table 2",
            "position": 1,
            "public": "on",
            "standards": [standard.pk],
        },
    )

    assert 'type="checkbox"' in form and f"{framework}: {standard.section}" in form
    assert made.status_code == 302
    measure = Measure.objects.get(key="families-supported")
    assert list(measure.standards.all()) == [standard] and measure.target == 500
    listing = page(client.get(reverse("minimum_standards_figures_measure_modeladmin_index")))
    assert "Families with at least one contact in the year." in listing
    history = page(
        client.get(reverse("minimum_standards_figures_measure_history", args=[measure.pk]))
    )
    assert "created by Runner" in history and "1.3" in history


def test_a_breakdown_lists_values_are_edited_inline_in_order(client, manager):
    client.force_login(manager)
    data = nested_form_data(
        {
            "name": "School phase",
            "key": "school-phase",
            "values": inline_formset(
                [
                    {"label": "Secondary", "ORDER": 3},
                    {"label": "Pre-School", "ORDER": 1},
                    {"label": "Primary", "ORDER": 2},
                ]
            ),
        }
    )

    made = client.post(reverse("minimum_standards_figures_breakdownlist_modeladmin_create"), data)

    assert made.status_code == 302
    phase = BreakdownList.objects.get(key="school-phase")
    assert [v.label for v in phase.values.all()] == ["Pre-School", "Primary", "Secondary"]
    form = page(
        client.get(
            reverse("minimum_standards_figures_breakdownlist_modeladmin_edit", args=[phase.pk])
        )
    )
    assert form.index('value="Pre-School"') < form.index('value="Secondary"')
    assert "Move up" in form


def test_a_locked_year_is_unlocked_with_a_reason_kept_in_its_history(client, manager, locked_year):
    client.force_login(manager)
    unlock = reverse("minimum_standards_figures_year_unlock", args=[locked_year.pk])
    years = page(client.get(reverse("minimum_standards_figures_reportingyear_modeladmin_index")))

    form = client.get(unlock)
    version = re.search(r'name="versions" value="([^"]*)"', page(form)).group(1)
    done = client.post(unlock, {"reason": "Term 6 referrals were miscounted", "versions": version})

    assert "Unlock" in years and "12 October 2021" in page(form)
    assert done.status_code == 302
    assert not ReportingYear.objects.get(pk=locked_year.pk).is_locked
    history = page(
        client.get(reverse("minimum_standards_figures_year_history", args=[locked_year.pk]))
    )
    assert "Unlocked: Term 6 referrals were miscounted" in history and "Runner" in history
    again = client.get(unlock, follow=True)
    assert "are not locked: there is nothing to unlock" in page(again)


def test_the_grid_has_a_row_a_measure_a_box_a_breakdown_value_and_the_figures_filled_in(
    client, manager, measures
):
    figure(measures["gender"], year(2021), 137, label="Girls")
    figure(measures["caseload"], year(2021), 493)
    client.force_login(manager)

    grid = page(client.get(grid_url()))

    assert grid.index("Table 2") < grid.index("Caseload") < grid.index("Table 3")
    assert "Families with a case." in grid
    for label in ["Boys", "Girls", "Unknown"]:
        assert f">{label}</label>" in grid
    assert f'name="{cell(measures["gender"], "Girls")}" value="137"' in grid
    assert f'name="{cell(measures["caseload"])}" value="493"' in grid
    assert f'name="{cell(measures["gender"])}"' not in grid  # no total typed where broken down
    assert "New referrals" not in grid  # counted by term: another period
    terms = page(client.get(grid_url(period="term-1")))
    assert "New referrals" in terms and "Caseload" not in terms
    assert "Term 1 (September to October 2021)" in terms


def test_the_grid_saves_changes_and_deletes_a_cleared_figure_each_in_its_history(
    client, manager, measures
):
    this = year(2021)
    figure(measures["caseload"], this, 430)
    figure(measures["gender"], this, 5, label="Unknown")
    client.force_login(manager)

    saved = post_grid(
        client,
        {
            cell(measures["caseload"]): "493",
            cell(measures["hours"]): "12.5",
            cell(measures["gender"], "Boys"): "238",
            cell(measures["gender"], "Girls"): "1,137",
            cell(measures["gender"], "Unknown"): "",
        },
    )

    assert saved.status_code == 302
    assert values(this, measures["caseload"]) == {None: 493}
    assert values(this, measures["hours"]) == {None: Decimal("12.5")}
    assert values(this, measures["gender"]) == {"Boys": 238, "Girls": 1137}
    shown = page(client.get(saved["Location"]))
    assert "Saved 5 figures for 2021-22." in shown
    history = page(
        client.get(
            reverse("minimum_standards_figures_measure_history", args=[measures["gender"].pk])
        )
    )
    assert "deleted by Runner" in history and "Entered for 2021-22" in history
    caseload = page(
        client.get(
            reverse("minimum_standards_figures_measure_history", args=[measures["caseload"].pk])
        )
    )
    assert "<del>430.00</del> → <ins>493.00</ins>" in caseload


@pytest.mark.parametrize(
    "typed, why",
    [
        ("-3", "A figure cannot be negative"),
        ("twelve", "Enter a number"),
        ("1.5", "Enter a whole number"),
        ("1e3", "Enter a number"),
    ],
)
def test_each_bad_figure_is_refused_naming_its_box_and_the_rest_typed_is_kept(
    client, manager, measures, typed, why
):
    this = year(2021)
    figure(measures["caseload"], this, 430)
    client.force_login(manager)

    refused = post_grid(
        client,
        {
            cell(measures["caseload"]): "493",
            cell(measures["hours"]): "2.25",  # one place more than it allows
            cell(measures["gender"], "Girls"): typed,
        },
    )

    shown = page(refused)
    assert refused.status_code == 200
    assert f"Children by gender, Girls: {why}" in shown
    assert "Volunteer hours: Enter at most 1 decimal place." in shown
    assert f'value="{html.escape(typed)}"' in shown and 'value="493"' in shown
    assert 'aria-invalid="true"' in shown
    assert values(this, measures["caseload"]) == {None: 430}  # all or nothing
    assert values(this, measures["gender"]) == {}


def test_a_locked_year_shows_its_figures_read_only_and_refuses_a_save(client, manager, measures):
    locked_year = year(2020)
    figure(measures["caseload"], locked_year, 430, period=periods.WHOLE_YEAR)
    locked_year.approve(datetime.date(2021, 10, 12))
    client.force_login(manager)

    grid = page(client.get(grid_url(2020)))
    refused = client.post(
        reverse(ENTER),
        {"year": 2020, "period": "year", "drawn": "", cell(measures["caseload"]): "1"},
        follow=True,
    )

    assert "The figures for 2020-21 are locked" in grid and "12 October 2021" in grid
    assert '<input type="text"' not in grid and ">430</output>" in grid
    assert "Nothing was saved." in page(refused)
    assert values(locked_year, measures["caseload"]) == {None: 430}


def test_a_figure_someone_else_changed_since_the_grid_was_drawn_is_refused_naming_them(
    client, manager, measures
):
    this = year(2021)
    caseload = figure(measures["caseload"], this, 430)
    girls = figure(measures["gender"], this, 100, label="Girls")
    client.force_login(manager)
    opened = drawn(client.get(grid_url()))
    other = user_with(RUN, "colleague")
    for changed, value in [(caseload, 450), (girls, 120)]:
        changed.value = value
        changed._history_user = other
        changed.save()

    refused = post_grid(
        client,
        {cell(measures["caseload"]): "493", cell(measures["gender"], "Girls"): "100"},
        drawn_as=opened,
    )

    shown = page(refused)
    assert "Caseload: Colleague changed this after you opened the form: it is now 450" in shown
    assert values(this, measures["caseload"]) == {None: 450}
    # Girls was left as drawn: the colleague's 120 is shown, not overwritten with the old 100
    assert f'name="{cell(measures["gender"], "Girls")}" value="120"' in shown
    again = post_grid(
        client,
        {cell(measures["caseload"]): "493", cell(measures["gender"], "Girls"): "120"},
        drawn_as=drawn(refused),
    )
    assert again.status_code == 302 and values(this, measures["caseload"]) == {None: 493}


def _queries_for_grid(client, count_measures, count_values):
    labels = [f"Value {n}" for n in range(count_values)]
    breakdown = BreakdownListFactory(labels=labels)
    this = year(2021)
    for _n in range(count_measures):
        measure = MeasureFactory(breakdown=breakdown, group="Table")
        for label in labels:
            figure(measure, this, 3, label=label)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(grid_url())
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_grid_is_drawn_in_as_many_queries_for_100_boxes_as_for_4(client):
    manager = user_with(RUN, "runner")
    client.force_login(manager)
    client.get(grid_url())  # the session and the menu, once
    small = _queries_for_grid(client, 2, 2)
    Figure.objects.all().delete()
    Measure.objects.all().delete()
    large = _queries_for_grid(client, 10, 10)
    assert large == small


def test_a_terms_figures_are_saved_for_that_term_and_named_by_it_in_the_history(
    client, manager, measures
):
    referrals = measures["referrals"]
    year(2021)
    client.force_login(manager)

    saved = post_grid(client, {cell(referrals): "106"}, period="term-2")

    assert saved.status_code == 302
    stored = Figure.objects.get(measure=referrals)
    assert (stored.year.label, stored.period, stored.value) == ("2021-22", 2, 106)
    assert "Saved 1 figure for Term 2, 2021-22." in page(client.get(saved["Location"]))
    history = page(
        client.get(reverse("minimum_standards_figures_measure_history", args=[referrals.pk]))
    )
    assert "Figure for 2021-22, Term 2" in history and "Entered for Term 2, 2021-22" in history


@pytest.mark.parametrize(
    "sent, named",
    [
        ({"year": 1999, "period": "year"}, "Reporting year “1999”"),
        ({"year": 2021, "period": "term-7"}, "Period “term-7”"),
        ({"year": 2021, "period": "month-3"}, "Period “month-3”"),  # no measure is monthly
    ],
)
def test_a_year_or_period_the_form_does_not_offer_is_refused_by_name(
    client, manager, measures, sent, named
):
    year(2021)
    client.force_login(manager)

    refused = client.post(reverse(ENTER), {**sent, cell(measures["caseload"]): "493"}, follow=True)

    assert f"Nothing was saved: {named} is not one this form offers." in page(refused)
    assert not Figure.objects.exists()
