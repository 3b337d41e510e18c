"""How easy a page is to read, on every page's edit screen: reading age and sentence length,
with a warning above the aim (SITE_READING_AGE_WARNING, or a page type's own)."""

import re

import pytest

from home.models import InformationPage, TopicPage

from .factories import InformationPageFactory, TopicPageFactory

EASY = "<p>We can help. Call us. We will call you back. It is free.</p>"
MEDIUM = (
    "<p>When a school cannot meet your child's needs, you can ask the council to look at them.</p>"
)
HARD = (
    "<p>Notwithstanding the aforementioned statutory considerations, the local authority's "
    "determination regarding the commissioning of specialist educational provision necessitates "
    "comprehensive multidisciplinary documentation substantiating the individualised "
    "requirements identified throughout the assessment procedure.</p>"
)


def paragraph(html):
    return [{"type": "paragraph", "value": html}]


def panel_of(client, user, page) -> str:
    client.force_login(user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    start = html.index("data-readability")
    return " ".join(html[start : html.index("</div>\n</div>", start)].split())


def test_an_easy_page_shows_its_reading_age_and_sentence_length(client, admin_user, home_page):
    page = TopicPageFactory(summary="Help with SEND.", body=paragraph(EASY))

    panel = panel_of(client, admin_user, page)

    age = int(re.search(r"Reading age: about (\d+)\.", panel)[1])
    assert 5 <= age <= 9
    assert "Average sentence: 3.2 words." in panel  # 16 words, 5 sentences (the summary too)
    assert "The aim: a reading age of 12 or under." in panel
    assert "Harder to read than the aim" not in panel


def test_a_hard_page_is_warned_about(client, admin_user, home_page):
    page = TopicPageFactory(summary="Specialist provision.", body=paragraph(HARD))

    panel = panel_of(client, admin_user, page)

    age = int(re.search(r"Reading age: about (\d+)\.", panel)[1])
    assert age > 12
    assert "Harder to read than the aim." in panel
    assert f"A reading age of {age} is above 12." in panel


def test_the_aim_is_a_setting_and_a_page_type_may_aim_lower(
    client, admin_user, home_page, settings, monkeypatch
):
    page = TopicPageFactory(summary="Help.", body=paragraph(MEDIUM))  # a reading age of 10
    assert "Harder to read than the aim." not in panel_of(client, admin_user, page)

    settings.SITE_READING_AGE_WARNING = 8
    panel = panel_of(client, admin_user, page)
    assert "The aim: a reading age of 8 or under." in panel
    assert "A reading age of 10 is above 8." in panel

    settings.SITE_READING_AGE_WARNING = 16
    monkeypatch.setattr(TopicPage, "reading_age_target", 9, raising=False)
    panel = panel_of(client, admin_user, page)
    assert "The aim: a reading age of 9 or under." in panel
    assert "A reading age of 10 is above 9." in panel


def test_headings_and_list_items_count_as_sentences_and_choices_do_not(
    client, admin_user, home_page
):
    body = [
        {"type": "heading", "value": {"text": "What happens next", "level": "h2"}},
        {"type": "paragraph", "value": "<ul><li>Call us</li><li>Write to us</li></ul>"},
    ]
    page = TopicPageFactory(summary="We help.", body=body)

    panel = panel_of(client, admin_user, page)

    # "What happens next." "Call us." "Write to us." "We help.": 10 words, 4 sentences.
    assert "Average sentence: 2.5 words." in panel


def test_every_page_type_shows_it_and_a_new_page_asks_for_text(client, admin_user, home_page):
    from home.models import HomePage

    client.force_login(admin_user)
    for page in (home_page, InformationPageFactory()):
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "How easy it is to read" in html, type(page)

    add = client.get(f"/admin/pages/add/home/informationpage/{home_page.pk}/").content.decode()
    assert "Save a draft with some text to see how easy it is to read." in add
    assert all(
        any(type(panel).__name__ == "ReadabilityPanel" for panel in model.content_panels)
        for model in (HomePage, InformationPage, TopicPage)
    )


@pytest.mark.parametrize("role", ["editor", "service_manager"])
def test_editors_see_it_too(client, home_page, role, request):
    page = TopicPageFactory(summary="Help.", body=paragraph(HARD))

    assert "Harder to read than the aim." in panel_of(client, request.getfixturevalue(role), page)
