"""Seeing the figures: the charts as accessible SVG, the Figures screen for the Advisory Group
and the Service manager (in a fixed number of queries), and the public report card on the
“How we are doing” page (measures flagged public only)."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from wagtail_minimum_standards.figures import charts
from wagtail_minimum_standards.figures.book import Book
from wagtail_minimum_standards.figures.models import Figure, Measure

from .figure_factories import BreakdownListFactory, MeasureFactory, figure, year

SCREEN = "/admin/minimum_standards_figures/"


@pytest.fixture
def seed(db):
    """Table 1's referrals by term, Table 2's families against the SLA's 500, contact routes."""
    last, this = year(2020), year(2021)
    referrals = MeasureFactory(
        key="new-referrals", name="New referrals", unit="referrals", period="term",
        group="Table 1", definition="Families referred to us for the first time.",
    )  # fmt: skip
    for term, (before, now) in enumerate(
        zip([98, 79, 47, 72, 80, 71], [131, 106, 135, 118, 86, 103], strict=True), start=1
    ):
        figure(referrals, last, before, period=term)
        figure(referrals, this, now, period=term)
    families = MeasureFactory(
        key="families-supported", name="Families supported", target=500, public=True,
        group="Table 2", definition="Families with an open case during the year.",
    )  # fmt: skip
    figure(families, last, 430)
    figure(families, this, 493)
    routes = BreakdownListFactory(key="contact-route", labels=["Web form", "Voice mail", "Email"])
    contacts = MeasureFactory(
        key="contact-routes", name="How people contacted us", unit="contacts",
        breakdown=routes, public=True,
    )  # fmt: skip
    for label, before, now in [("Web form", 41, 60), ("Voice mail", 140, 128), ("Email", 200, 233)]:
        figure(contacts, last, before, label=label)
        figure(contacts, this, now, label=label)
    return {"last": last, "this": this, "referrals": referrals, "families": families,
            "contacts": contacts}  # fmt: skip


def row_cells(page, label) -> list[str]:
    """The cells of the year's table row headed `label` (its definition aside)."""
    for row in page.select("table.figures-table > tbody > tr"):
        heading = row.find("th")
        if heading and str(heading.contents[0]).strip() == label:
            return [cell.text.strip() for cell in row.find_all("td")]
    raise AssertionError(f"no row {label}")


def render_chart(chart) -> BeautifulSoup:
    html = Template("{% load minimum_standards_figures %}{% figures_chart chart %}").render(
        Context({"chart": chart})
    )
    return BeautifulSoup(html, "html.parser")


def test_a_chart_is_an_svg_image_named_by_its_title_and_description_with_its_data(seed):
    book = Book.for_years([seed["last"], seed["this"]])
    chart = charts.against_last_year(book, seed["contacts"], seed["this"])

    page = render_chart(chart)
    svg = page.find("svg")

    assert svg["role"] == "img" and "viewbox" in svg.attrs and svg["width"] == "100%"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert page.find(id=title_id).name == "title"
    assert page.find(id=title_id).text == "How people contacted us"
    description = page.find(id=desc_id).text
    assert description == (
        "How people contacted us, in contacts. 2020-21: Web form (41), Voice mail (140), "
        "Email (200); 2021-22: Web form (60), Voice mail (128), Email (233)."
    )
    # each bar's value at its end, and a legend naming both years
    texts = [t.text for t in svg.find_all("text")]
    assert {"2020-21", "2021-22", "60", "128", "233", "41", "140", "200"} <= set(texts)
    # the years differ in pattern, not only in colour: last year's bars hatched
    fills = {rect.get("fill") for rect in svg.find_all("rect")}
    assert any(f.startswith("url(#") for f in fills)
    # the data as a table
    rows = [[c.text for c in tr.find_all(["th", "td"])] for tr in page.find("table").find_all("tr")]
    assert rows == [
        ["Category", "2020-21", "2021-22"],
        ["Web form", "41", "60"],
        ["Voice mail", "140", "128"],
        ["Email", "200", "233"],
    ]
    assert "<script" not in str(page)


def test_a_trend_is_bars_by_year(seed):
    book = Book.for_years([seed["last"], seed["this"]])
    page = render_chart(charts.trend(book, seed["referrals"]))

    assert page.find("title").text == "New referrals, year by year"
    assert [[c.text for c in tr.find_all(["th", "td"])] for tr in page.find_all("tr")][1:] == [
        ["2020-21", "447"],
        ["2021-22", "679"],
    ]


def test_the_figures_screen_asks_anyone_else_to_sign_in(client, seed, db):
    response = client.get(SCREEN)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("who", ["reader", "manager"])
def test_the_figures_screen_shows_the_year_against_last_year_and_the_target(
    client, seed, request, who
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(SCREEN)
    page = BeautifulSoup(response.content, "html.parser")

    assert response.status_code == 200
    assert "2021-22" in page.find("h1").parent.text or "2021-22" in page.title.text
    text = " ".join(page.text.split())
    assert "Families with an open case during the year." in text  # the definition
    assert row_cells(page, "Families supported") == [
        "493",
        "430",
        "+63 (+14.7 %)",
        "500",
        "Not met",
    ]
    # Table 1's terms, this year against last
    periods = page.find("caption", string="New referrals by period").find_parent("table")
    rows = [[c.text for c in tr.find_all(["th", "td"])] for tr in periods.find_all("tr")]
    assert rows[0] == ["Year", "Term 1", "Term 2", "Term 3", "Term 4", "Term 5", "Term 6"]
    assert rows[2] == ["2021-22", "131", "106", "135", "118", "86", "103"]
    # the breakdown, its chart and the trend
    assert row_cells(page, "Web form")[:3] == ["60", "41", "+19 (+46.3 %)"]
    titles = [t.text for t in page.find_all("title")]
    assert "How people contacted us" in titles and "New referrals, year by year" in titles


def test_the_figures_screen_shows_an_earlier_year_when_asked(client, seed, reader):
    client.force_login(reader)
    html = client.get(SCREEN, {"year": seed["last"].pk}).content.decode()
    assert "<title>Figures: 2020-21" in html
    assert client.get(SCREEN, {"year": "x"}).status_code == 404


def test_the_figures_screen_is_refused_to_others(client, db, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(SCREEN)  # Wagtail's answer to a refusal: back to the dashboard
    assert response.status_code == 302 and response["Location"] == "/admin/"


def many_figures(years: int, measures: int, values: int) -> None:
    labels = [f"Value {n}" for n in range(values)]
    in_years = [year(2021 - n) for n in range(years)]
    rows = []
    for m in range(measures):
        breakdown = BreakdownListFactory(labels=labels) if values else None
        measure = MeasureFactory(breakdown=breakdown, period="term" if m % 2 else "year")
        for in_year in in_years:
            for period in measure.period_numbers():
                for value in breakdown.values.all() if breakdown else [None]:
                    rows.append(
                        Figure(measure=measure, year=in_year, period=period,
                               breakdown_value=value, value=Decimal(m + period))
                    )  # fmt: skip
    Figure.objects.bulk_create(rows)


def test_the_figures_screen_costs_the_same_queries_for_ten_years_of_fifty_measures(client, reader):
    client.force_login(reader)
    many_figures(1, 2, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(SCREEN).status_code == 200
    Figure.objects.all().delete()
    Measure.objects.all().delete()
    many_figures(10, 50, 10)

    with CaptureQueriesContext(connection) as many:
        response = client.get(SCREEN)

    assert response.status_code == 200
    charts_drawn = response.content.decode().count('<svg role="img" aria-labelledby=')
    assert charts_drawn == 100  # a chart and a trend for each measure
    assert len(many) == len(few)


pages_installed = pytest.mark.skipif(
    not apps.is_installed("wagtail_minimum_standards.compliance.pages"),
    reason="the site has not added the tracker's page type (an optional app)",
)


@pages_installed
def test_the_public_page_shows_the_measures_flagged_public_and_no_other(client, seed):
    from wagtail_minimum_standards.compliance.pages.models import HowWeAreDoingPage

    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(instance=HowWeAreDoingPage(title="How we are doing", slug="how-we-do"))
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert "Our figures for 2021-22" in html
    assert row_cells(soup, "Families supported") == [
        "493",
        "430",
        "+63 (+14.7 %)",
        "500",
        "Not met",
    ]
    assert soup.find("svg", attrs={"role": "img"}).find("title").text == "How people contacted us"
    assert "New referrals" not in html  # not flagged public
    assert "Families referred to us for the first time." not in html


def test_the_advisory_group_asks_about_a_measure_from_the_figures_screen(client, seed, reader):
    from wagtail_minimum_standards.compliance.models import Question

    client.force_login(reader)
    page = BeautifulSoup(client.get(SCREEN).content, "html.parser")
    families = seed["families"]
    ask = page.select_one(f"#measure-{families.pk} a")
    assert ask.text.strip() == "Ask a question about Families supported"

    response = client.post(ask["href"], {"text": "Why 493 against a target of 500?"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.subject == families and question.asked_by == reader
    listed = client.get("/admin/minimum_standards_plans/questions/").content.decode()
    assert "The figures for “Families supported”" in listed
    assert f"{SCREEN}#measure-{families.pk}" in listed
