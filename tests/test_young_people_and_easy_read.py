"""Pages for children and young people, and easy-read versions linked both ways with the pages
they are the easy-read versions of."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import EasyReadPage, ServiceSettings, YoungPeoplePage

from .factories import (
    EasyReadIndexPageFactory,
    EasyReadPageFactory,
    PolicyPageFactory,
    TopicPageFactory,
    YoungPeoplePageFactory,
)
from .nu_html_checker import html_errors


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def add_page_form(client, parent, model, data):
    return client.post(
        f"/admin/pages/add/home/{model.__name__.lower()}/{parent.pk}/", nested_form_data(data)
    )


def list_block(lines):
    return {
        "count": len(lines),
        **{
            str(i): {"value": line, "deleted": "", "order": str(i), "id": ""}
            for i, line in enumerate(lines)
        },
    }


def picture_and_words(image, alt, lines):
    return ("picture_and_words", {"image": image.pk, "alt": alt, "lines": list_block(lines)})


# Pages for children and young people --------------------------------------------------------


def test_a_young_peoples_page_puts_text_email_and_social_media_before_a_phone_call(
    client, home_page
):
    settings = ServiceSettings.objects.get()
    settings.social_links = [
        {"type": "link", "value": {"name": "Instagram", "url": "https://instagram.example/"}}
    ]
    settings.save()
    page = YoungPeoplePageFactory(title="Your rights at 16 to 25")

    html = html_of(client, page.url)

    assert "<h1>Your rights at 16 to 25</h1>" in html
    assert "For: Young people (16 to 25)" in html
    ways = html[html.index('class="young-contact__ways"') :]
    ways = ways[: ways.index("</ul>")]
    order = [ways.index(s) for s in ("sms:07700900001", "mailto:help@", "instagram", "tel:")]
    assert order == sorted(order), "text, email, social media, then a phone call"
    assert '<p class="one-idea">You can contact us yourself.</p>' in html


def test_a_young_peoples_page_shows_a_film_with_its_transcript(client, home_page):
    url = "https://www.youtube.com/watch?v=our-voices"
    Embed.objects.create(
        url=url,
        max_width=800,
        hash=get_embed_hash(url, 800),
        type="video",
        html='<iframe title="Our voices" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
        provider_name="YouTube",
    )
    film = {"video": url, "title": "Our voices", "transcript": "<p>We made this film.</p>"}
    page = YoungPeoplePageFactory(body=[{"type": "video", "value": film}])

    html = html_of(client, page.url)

    assert '<iframe title="Our voices"' in html
    assert "<figcaption>Our voices</figcaption>" in html and "We made this film." in html


def test_the_home_page_and_the_menu_lead_to_the_sections_for_young_people_and_children(
    client, home_page
):
    section = YoungPeoplePageFactory(title="For children and young people", audience="both")
    section.show_in_menus = True
    section.save_revision().publish()
    young = YoungPeoplePageFactory(parent=section, title="For young people (16–25)")
    children = YoungPeoplePageFactory(parent=section, title="For children", audience="children")
    mine = YoungPeoplePageFactory(parent=young, title="What we do for you")

    home = html_of(client, "/")
    listed = html_of(client, young.url)

    assert f'<a href="{young.url}">Are you a young person (16 to 25)? Information for you</a>' in (
        home
    )
    assert f'<a href="{children.url}">Are you a child? Pages for you</a>' in home
    assert f'href="{section.url}"' in home.split('class="main-menu"')[1]
    assert f'href="{mine.url}">What we do for you</a>' in listed


def test_a_long_sentence_is_refused_with_a_message_and_the_words_kept(
    client, home_page, service_manager
):
    client.force_login(service_manager)
    long = " ".join(["word"] * 30) + "."
    form = client.get(f"/admin/pages/add/home/youngpeoplepage/{home_page.pk}/").content.decode()

    response = add_page_form(
        client,
        home_page,
        YoungPeoplePage,
        {
            "title": "Your rights",
            "slug": "your-rights",
            "audience": "young-people",
            "summary": "What you can decide.",
            "body": streamfield([("idea", long)]),
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "One idea only, in one or two short sentences (up to 25 words each)." in form
    assert "Keep each sentence to 25 words or fewer." in html
    assert long in html
    assert not YoungPeoplePage.objects.exists()


# Easy read ------------------------------------------------------------------------------------


def test_an_easy_read_page_puts_each_picture_with_its_alt_text_beside_its_words(client, home_page):
    page = EasyReadPageFactory(
        body=[
            {
                "type": "picture_and_words",
                "value": {
                    "image": wagtail_factories.ImageFactory().pk,
                    "alt": "A phone",
                    "lines": ["Call us.", "We are open on weekdays."],
                },
            }
        ]
    )

    html = html_of(client, page.url)

    block = html[html.index('<div class="picture-and-words">') :]
    assert block.index('alt="A phone"') < block.index("<li>Call us.</li>")
    assert "<li>We are open on weekdays.</li>" in block


@pytest.mark.parametrize(
    "standard_factory", [TopicPageFactory, PolicyPageFactory, YoungPeoplePageFactory, None]
)
def test_the_two_versions_link_to_each_other_from_any_page_type(
    client, home_page, standard_factory
):
    standard = standard_factory() if standard_factory else home_page
    easy = EasyReadPageFactory(standard_version=standard)

    assert f'<a href="{easy.url}">Easy read version</a>' in html_of(client, standard.url)
    assert f'<a href="{standard.url}">Standard version</a>' in html_of(client, easy.url)


def test_a_page_without_an_easy_read_version_has_no_link(client, home_page):
    EasyReadPageFactory(standard_version=TopicPageFactory())
    other = TopicPageFactory()

    assert "Easy read version" not in html_of(client, other.url)


def queries_for_a_page(client, url, table="home_easyreadpage"):
    with CaptureQueriesContext(connection) as queries:
        html_of(client, url)
    return len(queries), sum(table in q["sql"] for q in queries)


def test_finding_a_pages_other_version_is_one_query_however_many_there_are(client, home_page):
    standard = TopicPageFactory()
    EasyReadPageFactory(standard_version=standard)
    first = queries_for_a_page(client, standard.url)
    others = [TopicPageFactory(parent=standard.get_parent()) for _ in range(30)]
    for other in others:
        EasyReadPageFactory(standard_version=other)
    client.get(others[-1].url)  # a first visit builds what every page keeps
    with_many = queries_for_a_page(client, standard.url)

    assert first[1] == 1  # the whole site's easy-read versions, in one query
    assert with_many[1] <= 1 and with_many[0] <= first[0]  # kept since: nothing per page


def test_a_second_easy_read_version_of_a_page_is_refused_in_the_editor(
    client, home_page, service_manager
):
    client.force_login(service_manager)
    standard = TopicPageFactory(title="EHC plans")
    EasyReadPageFactory(standard_version=standard, title="What is an EHCP?")
    index = EasyReadIndexPageFactory()
    image = wagtail_factories.ImageFactory()

    response = add_page_form(
        client,
        index,
        EasyReadPage,
        {
            "title": "EHC plans in easy read",
            "slug": "ehc-plans-easy",
            "standard_version": standard.pk,
            "summary": "In easy read.",
            "body": streamfield([picture_and_words(image, "A plan", ["A plan for you."])]),
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "“EHC plans” already has an easy-read version: “What is an EHCP?”." in html
    assert EasyReadPage.objects.count() == 1


def test_an_editor_makes_an_easy_read_page_and_each_picture_needs_its_alt_text(
    client, home_page, service_manager
):
    client.force_login(service_manager)
    standard = TopicPageFactory(title="EHC plans")
    index = EasyReadIndexPageFactory()
    image = wagtail_factories.ImageFactory()
    form = {
        "title": "What is an EHCP?",
        "slug": "what-is-an-ehcp",
        "standard_version": standard.pk,
        "summary": "In easy read.",
        "action-publish": "publish",
    }

    without_alt = add_page_form(
        client,
        index,
        EasyReadPage,
        {**form, "body": streamfield([picture_and_words(image, "", ["A plan."])])},
    )
    made = add_page_form(
        client,
        index,
        EasyReadPage,
        {**form, "body": streamfield([picture_and_words(image, "A plan", ["A plan."])])},
    )

    assert without_alt.status_code == 200 and "This field is required" in (
        without_alt.content.decode()
    )
    assert made.status_code == 302
    easy = EasyReadPage.objects.get()
    assert easy.live and easy.standard_version_id == standard.pk
    assert f'<a href="{easy.url}">Easy read version</a>' in html_of(client, standard.url)


def test_an_alias_of_an_easy_read_page_is_not_a_second_version(client, home_page, service_manager):
    client.force_login(service_manager)
    standard = TopicPageFactory(title="EHC plans")
    easy = EasyReadPageFactory(standard_version=standard, title="What is an EHCP?")
    easy.create_alias(update_slug="what-is-an-ehcp-again")
    image = wagtail_factories.ImageFactory()

    edited = client.post(
        f"/admin/pages/{easy.pk}/edit/",
        nested_form_data(
            {
                "title": "What is an EHC plan?",
                "slug": easy.slug,
                "standard_version": standard.pk,
                "summary": "In easy read.",
                "body": streamfield([picture_and_words(image, "A plan", ["A plan."])]),
                "action-publish": "publish",
            }
        ),
    )

    assert edited.status_code == 302
    easy.refresh_from_db()
    assert easy.title == "What is an EHC plan?"
    assert f'<a href="{easy.url}">Easy read version</a>' in html_of(client, standard.url)


def test_a_copy_of_an_easy_read_page_starts_as_the_version_of_no_page(client, home_page):
    standard = TopicPageFactory(title="EHC plans")
    easy = EasyReadPageFactory(standard_version=standard)

    copy = easy.copy(update_attrs={"slug": "a-copy", "title": "A copy"})

    assert copy.specific.standard_version is None
    assert f'<a href="{easy.url}">Easy read version</a>' in html_of(client, standard.url)


def test_the_sitemap_and_the_search_list_both_versions(client, home_page):
    standard = TopicPageFactory(title="EHC plans", summary="Education, health and care plans.")
    easy = EasyReadPageFactory(
        standard_version=standard, title="What is an EHCP?", summary="A plan for care plans."
    )

    sitemap = html_of(client, "/sitemap.xml")
    found = html_of(client, "/search/?q=plans")

    assert f"http://localhost{standard.url}</loc>" in sitemap
    assert f"http://localhost{easy.url}</loc>" in sitemap
    assert f'href="{standard.url}"' in found and f'href="{easy.url}"' in found


def test_the_new_pages_are_kept_by_nginx_like_the_others(client, home_page, settings):
    settings.HTTP_CACHE_SECONDS = 5
    section = YoungPeoplePageFactory()
    pages = [section, YoungPeoplePageFactory(parent=section), EasyReadPageFactory()]
    pages.append(pages[-1].get_parent())

    kept = {page.url: client.get(page.url).get("X-Accel-Expires") for page in pages}

    assert kept == {page.url: "4" for page in pages}


def test_publishing_or_unpublishing_an_easy_read_page_purges_the_standard_page(
    client, home_page, nginx_in_front, commit
):
    standard = TopicPageFactory()
    client.get(standard.url)  # kept, without a link
    easy = EasyReadPageFactory(standard_version=standard)
    easy.unpublish()
    commit()
    nginx_in_front.clear()

    easy.save_revision().publish()
    commit()  # nginx is purged once the change is committed
    purged_on_publish = list(nginx_in_front)
    shown = html_of(client, standard.url)
    nginx_in_front.clear()
    easy.refresh_from_db()
    easy.unpublish()
    commit()
    purged_on_unpublish = list(nginx_in_front)
    hidden = html_of(client, standard.url)

    assert any(url.endswith(standard.url) for url in purged_on_publish)
    assert "Easy read version" in shown
    assert any(url.endswith(standard.url) for url in purged_on_unpublish)
    assert "Easy read version" not in hidden


def queries_to_list(client, url, rows):
    with CaptureQueriesContext(connection) as queries:
        html = html_of(client, url)
    assert html.count('class="card"') == rows
    return len(queries)


@pytest.mark.parametrize(
    ("section_factory", "page_factory"),
    [(EasyReadIndexPageFactory, EasyReadPageFactory), (YoungPeoplePageFactory, None)],
    ids=["easy-read index", "young people's section"],
)
def test_a_listing_takes_as_many_queries_with_500_pages_as_with_1(
    client, home_page, section_factory, page_factory
):
    section = section_factory()
    page_factory = page_factory or YoungPeoplePageFactory
    page_factory(parent=section)
    with_one = queries_to_list(client, section.url, 1)  # the first visit: nothing kept yet
    for _ in range(499):
        page_factory(parent=section)

    with_500 = queries_to_list(client, section.url, 500)  # built again: each publish

    assert (
        with_500 == with_one <= 24
    )  # the header, menu, footer, route, glossary and listing, once each


# The demo ---------------------------------------------------------------------------------------

DEMO_PAGES = [
    "/young-people/",
    "/young-people/16-to-25/",
    "/young-people/16-to-25/what-we-do-for-you/",
    "/young-people/children/who-we-are/",
    "/easy-read/",
    "/easy-read/what-is-an-ehcp/",
    "/send-topics/ehc-plans-and-annual-reviews/",
]


def test_the_demo_has_the_young_peoples_section_its_films_and_three_easy_read_pages(
    client, demo_site, tmp_path
):
    young = YoungPeoplePage.objects.get(slug="16-to-25")
    children = YoungPeoplePage.objects.get(slug="children")
    films = [
        block
        for page in YoungPeoplePage.objects.descendant_of(young)
        for block in page.body
        if block.block_type == "video"
    ]
    pairs = {
        easy.title: easy.standard_version.specific.url
        for easy in EasyReadPage.objects.live().select_related("standard_version")
    }

    assert YoungPeoplePage.objects.child_of(young).live().count() >= 4
    assert YoungPeoplePage.objects.child_of(children).live().count() >= 2
    assert len(films) >= 3 and all(film.value["transcript"] for film in films)
    assert pairs == {
        "About Sendias Bathnes": "/",
        "What is an EHCP?": "/send-topics/ehc-plans-and-annual-reviews/",
        "How to complain about us": "/policies/complaints/",
    }
    home = html_of(client, "/")
    assert "Are you a young person (16 to 25)? Information for you" in home
    assert 'href="/easy-read/about-sendias-bathnes/">Easy read version</a>' in home
    ehcp = html_of(client, "/easy-read/what-is-an-ehcp/")
    assert '<a href="/send-topics/ehc-plans-and-annual-reviews/">Standard version</a>' in ehcp
    assert 'alt="A document"' in ehcp
    film = html_of(client, "/young-people/16-to-25/what-we-do-for-you/")
    assert '<iframe title="Film: Our voices (example)"' in film
    for number, url in enumerate([*DEMO_PAGES, "/"]):
        (tmp_path / f"{number}.html").write_text(html_of(client, url), encoding="utf-8")
    assert html_errors(sorted(tmp_path.glob("*.html"))) == []
