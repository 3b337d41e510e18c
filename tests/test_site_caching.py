"""What the app keeps of the public site (settings, menu, footer, breadcrumbs, the way to each
page, the userbar) is never stale or someone else's: each change a visitor could see shows on
the next request, and each person gets their own userbar."""

import datetime

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from home.models import HomePage, InformationPage, NewsArticlePage, Signpost

from .factories import (
    NewsArticlePageFactory,
    NewsIndexPageFactory,
    SignpostingPageFactory,
    UserFactory,
)


@pytest.fixture
def about(home_page):
    page = home_page.add_child(instance=HomePage(title="About us", slug="about", introduction="x"))
    page.show_in_menus = True
    page.save_revision().publish()
    return page


def test_unpublishing_moving_and_renaming_a_page_show_at_once(client, home_page, about):
    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    assert client.get("/about/team/").status_code == 200
    assert "Our team" in client.get("/about/team/").content.decode()  # kept now

    child.slug = "people"
    child.save_revision().publish()
    renamed = (client.get("/about/team/").status_code, client.get("/about/people/").status_code)
    child.refresh_from_db()
    child.move(home_page, pos="last-child")
    old_address = client.get("/about/people/")
    moved = (old_address.status_code, old_address["Location"], client.get("/people/").status_code)
    child.refresh_from_db()
    child.unpublish()
    unpublished = client.get("/people/").status_code

    assert renamed == (404, 200)
    assert moved == (301, "/people/", 200)  # Wagtail's redirect from where it was
    assert unpublished == 404


def test_the_menu_and_breadcrumbs_follow_a_new_title(client, about):
    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    client.get("/about/team/")

    about.title = "Who we are"
    about.save_revision().publish()
    page = client.get("/about/team/").content.decode()

    assert page.count("Who we are") >= 2  # in the menu and in the breadcrumbs
    assert "About us" not in page


def test_a_page_made_private_is_not_shown_from_what_was_kept(client, about):
    assert client.get("/about/").status_code == 200

    PageViewRestriction.objects.create(page=about, restriction_type="login")
    private = client.get("/about/")
    menu = client.get("/").content.decode()

    assert private.status_code == 302 and "/login/" in private["Location"]
    assert 'href="/about/"' not in menu  # the menu lists public pages only


def test_who_may_see_a_page_follows_its_restrictions_and_those_above_it(client, about):
    """The view restrictions Wagtail checks are kept too: each change applies at once, to the
    page and the pages under it, and a password given is still honoured."""
    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    assert client.get("/about/team/").status_code == 200  # kept: no restrictions

    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type="password", password="let-me-in"
    )
    asked = client.get("/about/team/")
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{child.pk}/",
        {"password": "let-me-in", "return_url": "/about/team/"},
    )
    after_password = Client().get("/about/team/"), client.get("/about/team/")
    restriction.delete()
    public_again = Client().get("/about/team/")

    assert asked.status_code == 200 and 'name="password"' in asked.content.decode()
    assert 'name="password"' in after_password[0].content.decode()  # someone else: asked
    assert "Who works here." in after_password[1].content.decode()  # who gave it: the page
    assert public_again.status_code == 200
    assert 'name="password"' not in public_again.content.decode()


def test_each_person_gets_their_own_userbar(client, about, editor):
    client.force_login(editor)
    editors = client.get("/about/").content.decode()
    without_admin = Client()
    without_admin.force_login(UserFactory())
    others = without_admin.get("/about/").content.decode()
    anonymous = Client().get("/about/").content.decode()

    assert "wagtail-userbar" in editors
    assert "wagtail-userbar" not in others and "wagtail-userbar" not in anonymous


def test_lists_on_pages_follow_what_is_published_under_them(client, home_page):
    """Section lists, news listings and signposts are kept between requests: each publish
    or unpublish shows on the next one."""
    about = home_page.add_child(
        instance=InformationPage(title="About us", slug="about", summary="Who we are.")
    )
    about.save_revision().publish()
    news = NewsIndexPageFactory()
    NewsArticlePageFactory.create_batch(11, parent=news)
    signposting = SignpostingPageFactory()
    pages = ("/about/", news.url, news.url + "?page=2", signposting.url)
    before = [client.get(url).content.decode() for url in pages]  # all kept now

    child = about.add_child(
        instance=InformationPage(title="Our team", slug="team", summary="Who works here.")
    )
    child.save_revision().publish()
    section = client.get("/about/").content.decode()
    article = news.add_child(
        instance=NewsArticlePage(
            title="Newest news", slug="newest", summary="New.", date=datetime.date(2030, 1, 1)
        )
    )
    article.save_revision().publish()
    first, second = (client.get(url).content.decode() for url in pages[1:3])
    article.unpublish()
    after_unpublishing = client.get(news.url).content.decode()
    signposting.signposts.add(Signpost(group="parent-groups", name="New group", description="x"))
    signposting.save_revision().publish()
    signposts = client.get(signposting.url).content.decode()

    assert "Our team" not in before[0] and "Our team" in section
    assert "Newest news" in first and "Page 1 of 2" in first
    assert "Page 2 of 2" in second and second != before[2]  # everything moved down one
    assert "Newest news" not in after_unpublishing
    assert "New group" not in before[3] and "New group" in signposts


def test_a_preview_shows_the_draft_not_the_kept_copy(client, home_page):
    signposting = SignpostingPageFactory()
    client.get(signposting.url)  # kept
    signposting.signposts.add(Signpost(group="parent-groups", name="Draft group", description="x"))

    preview = signposting.make_preview_request().content.decode()
    live = client.get(signposting.url).content.decode()

    assert "Draft group" in preview  # not the kept copy of the live page
    assert "Draft group" not in live  # and the draft did not become the kept copy
