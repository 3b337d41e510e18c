"""The public “How we are doing” page: ratings and public summaries, never evidence notes."""

from wagtail_minimum_standards.compliance.pages.models import HowWeAreDoingPage


def make_page(home):
    page = home.add_child(
        instance=HowWeAreDoingPage(title="How we are doing", slug="how-we-are-doing")
    )
    page.save_revision().publish()
    return page


def test_shows_the_latest_ratified_assessment_without_evidence_notes(
    client, home_page, compliance_demo
):
    page = make_page(home_page)

    html = client.get(page.url).content.decode()

    assert "ratified by our independent Advisory Group" in html
    assert "Compliant (C)" in html and "Partially compliant (P/C)" in html
    assert "Our new website launched on 1 September 2022." in html  # 3.3's public summary
    for rating in compliance_demo["ratified"].ratings.exclude(evidence_notes=""):
        assert rating.evidence_notes[:40] not in html
    draft_only = compliance_demo["draft"].ratings.get(standard__code="4.2").evidence_notes
    assert draft_only not in html  # the draft is not public


def test_before_any_ratification_it_says_so(client, home_page, compliance_demo):
    compliance_demo["ratified"].unlock("redo")
    page = make_page(home_page)

    assert "once our Advisory Group has ratified it" in client.get(page.url).content.decode()


def test_its_query_count_does_not_grow_with_standards(
    client, home_page, compliance_demo, django_assert_max_num_queries
):
    page = make_page(home_page)
    client.get(page.url)

    with django_assert_max_num_queries(16):  # none per standard: see docs/benchmarks.md
        client.get(page.url)


def test_standards_read_in_plain_english_with_their_checklists(client, home_page, compliance_demo):
    page = make_page(home_page)
    standard_3_3 = compliance_demo["framework"].sections.get(number="3").standards.get(code="3.3")

    html = client.get(page.url).content.decode()

    assert "We have our own website that everyone can use. It includes:" in html
    assert "The website includes;" not in html  # the official wording, for commissioners
    checklist = html.split("We have our own website that everyone can use.", 1)[1]
    checklist = checklist.split("</ul>", 1)[0]
    for item in standard_3_3.checklist.all():
        assert f"<li>{item.text}</li>" in checklist
    assert "CFA 2014" not in html and "IASS" not in html
    # A standard without a plain-English wording shows its official one.
    standard_3_3.public_text = ""
    standard_3_3.save()
    assert "The website includes;" in client.get(page.url).content.decode()


def test_each_rating_shows_its_scales_colour(client, home_page, compliance_demo):
    page = make_page(home_page)
    partly = compliance_demo["framework"].levels.get(code="P/C")

    html = client.get(page.url).content.decode()

    assert f'<rect width="14" height="14" fill="{partly.colour}"/>' in html
    assert "style=" not in html.split("<main", 1)[1]  # the CSP allows no inline styles


def test_what_it_shows_of_the_framework_changes_at_once(client, home_page, compliance_demo):
    """The report is kept between requests (home.cache): every change it shows moves it on."""
    page = make_page(home_page)
    framework = compliance_demo["framework"]
    assert "Partially compliant (P/C)" in client.get(page.url).content.decode()  # kept now
    shown = []

    level = framework.levels.get(code="P/C")
    level.label = "Part met"
    level.save()
    shown.append("Part met (P/C)" in client.get(page.url).content.decode())
    section = framework.sections.get(number="3")
    section.title = "Our reach, renamed"
    section.save()
    shown.append("3. Our reach, renamed" in client.get(page.url).content.decode())
    item = framework.sections.get(number="3").standards.get(code="3.3").checklist.first()
    item.delete()
    shown.append(f"<li>{item.text}</li>" not in client.get(page.url).content.decode())

    assert shown == [True, True, True]


def test_a_new_ratification_and_an_unlocking_show_at_once(client, home_page, compliance_demo):
    page = make_page(home_page)
    ratified = compliance_demo["ratified"]
    before = client.get(page.url).content.decode()

    ratified.unlock("redo")
    after = client.get(page.url).content.decode()

    assert "ratified by our independent Advisory Group" in before
    assert "once our Advisory Group has ratified it" in after


def test_the_report_card_follows_the_figures_at_once(client, home_page, compliance_demo):
    """Measures flagged public, the latest year with figures against last year and the target;
    a change to a figure or a measure moves the kept report on (home.cache: the same change
    purges nginx's copies once committed)."""
    from decimal import Decimal

    from wagtail_minimum_standards.figures.models import Figure, Measure, ReportingYear

    page = make_page(home_page)
    families = Measure.objects.create(
        key="families-supported", name="Families supported", unit="families", target=500,
        public=True, definition="Families with an open case during the year.",
    )  # fmt: skip
    private = Measure.objects.create(key="caseload", name="Caseload", unit="cases")
    last, this = (ReportingYear.objects.create(starts_on=f"{y}-09-01") for y in (2020, 2021))
    Figure.objects.create(measure=families, year=last, value=Decimal(430))
    Figure.objects.create(measure=private, year=this, value=Decimal(612))
    before = client.get(page.url).content.decode()  # kept now

    Figure.objects.create(measure=families, year=this, value=Decimal(493))
    after = client.get(page.url).content.decode()

    assert "Our figures for 2020-21" in before and "493" not in before
    assert "Our figures for 2021-22" in after
    assert "Families with an open case during the year." in after
    row = after.split('<th scope="row">Families supported', 1)[1].split("</tr>", 1)[0]
    assert ">493<" in row and ">430<" in row and "+63 (+14.7 %)" in row and "Not met" in row
    assert "Caseload" not in after and "612" not in after  # not flagged public

    families.public = False
    families.save()
    assert "Families supported" not in client.get(page.url).content.decode()
