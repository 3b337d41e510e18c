"""The tracker's public page type, in any site: the latest ratified self-assessment as the public
may see it (plain-English standards, ratings, public summaries), never the evidence notes, and
nothing before the Advisory Group ratifies."""

import datetime

import pytest
from django.apps import apps
from wagtail.models import Site

pytestmark = pytest.mark.skipif(
    not apps.is_installed("wagtail_minimum_standards.compliance.pages"),
    reason="the site has not added the tracker's page type (an optional app)",
)


def publish_page(**fields):
    from wagtail_minimum_standards.compliance.pages.models import HowWeAreDoingPage

    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(
        instance=HowWeAreDoingPage(title="How we are doing", slug="how-we-are-doing", **fields)
    )
    page.save_revision().publish()
    return page


def test_before_ratification_it_says_so(client, assessment):
    page = publish_page(introduction="Every year we rate ourselves.")

    html = client.get(page.url).content.decode()

    assert "Every year we rate ourselves." in html
    assert "once our Advisory Group has ratified it" in html
    assert "Answerphone out of hours only." not in html


def test_once_ratified_it_shows_ratings_and_summaries_never_evidence_notes(
    client, assessment, meetings
):
    rating = assessment.ratings.get(standard__code="1.3")
    rating.public_summary = "You can leave a message at any time."
    rating.save()
    assessment.ratify(meetings[0], datetime.date(2024, 10, 9))
    page = publish_page()

    html = client.get(page.url).content.decode()

    assert "ratified by our independent Advisory Group on 9 October 2024" in html
    assert "Partially compliant (P/C)" in html
    assert "You can leave a message at any time." in html
    assert "Answerphone out of hours only." not in html  # the confidential evidence notes
    assert html.count('class="standard"') == 20
