"""nginx's cache of public pages, through the real stack: what it keeps, what it never keeps,
and that every change a visitor could see on a page reaches them at once (the app purges)."""

import gzip
import uuid

import pytest

from .browser import Browser

TOPIC = "/send-topics/ehc-needs-assessments/"
HOW_WE_ARE_DOING = "/about-us/how-we-are-doing/"


def fetched_twice(browser, path, headers=None):
    return browser.get(path, headers=headers), browser.get(path, headers=headers)


def change(stack, code: str) -> None:
    """Change the site as an editor's request would: in the app, under production settings,
    with its signals (and so its purges) on."""
    result = stack.manage("shell", "-c", code)
    assert "purge" not in (result.stdout + result.stderr).lower()  # every purge went through


def test_a_public_page_is_kept_and_served_again_from_the_cache(stack):
    browser = Browser(stack, "127.0.0.81")

    first, second = fetched_twice(browser, TOPIC)

    assert first.status == second.status == 200
    assert first.header("X-Cache-Status") in ("MISS", "HIT", "EXPIRED")
    assert second.header("X-Cache-Status") == "HIT"
    assert second.body == first.body
    assert second.header("X-Accel-Expires") is None  # for nginx only
    assert second.header("Cache-Control") is None  # browsers ask again; nginx answers
    assert browser.cookies == {}


def test_cached_pages_and_the_sitemap_are_compressed(stack):
    browser = Browser(stack, "127.0.0.82")
    for path in (TOPIC, "/sitemap.xml"):
        _, cached = fetched_twice(browser, path, headers={"Accept-Encoding": "gzip"})

        assert cached.header("X-Cache-Status") == "HIT", path
        assert cached.header("Content-Encoding") == "gzip", path
        assert gzip.decompress(cached.body).strip().endswith((b"</html>", b"</urlset>")), path


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=tribunal",  # search results
        "/news/?page=2",  # any query string
        "/admin/login/",  # the admin (and its form)
        "/no-such-page/",  # not found
    ],
)
def test_what_is_never_kept(stack, path):
    first, second = fetched_twice(Browser(stack, "127.0.0.83"), path)

    assert second.header("X-Cache-Status") != "HIT", path
    assert first.header("X-Cache-Status") != "HIT", path


def test_the_enquiry_form_and_its_token_are_never_kept(stack):
    browser = Browser(stack, "127.0.0.84")

    first, second = fetched_twice(browser, stack.seed["enquiry_page"])

    for response in (first, second):
        assert response.status == 200
        assert response.header("X-Cache-Status") != "HIT"
        assert "private" in response.header("Cache-Control")
        assert "csrftoken=" in (response.header("Set-Cookie") or "")
    assert 'name="csrfmiddlewaretoken"' in second.text


def test_documents_are_never_kept(stack):
    browser = Browser(stack, "127.0.0.85")

    first, second = fetched_twice(browser, stack.seed["leaflet"]["url"])

    assert first.status == second.status == 200
    assert second.header("X-Cache-Status") != "HIT"


def test_the_signed_in_pass_the_cache_by_and_nobody_else_sees_their_page(stack):
    anonymous = Browser(stack, "127.0.0.86")
    editor = Browser(stack, "127.0.0.87")
    anonymous.get(TOPIC)
    assert editor.sign_in("editor", stack.seed["passwords"]["editor"]).status == 302

    theirs = editor.get(TOPIC)
    after = anonymous.get(TOPIC)

    assert theirs.header("X-Cache-Status") == "BYPASS"
    assert "wagtail-userbar" in theirs.text  # the editor's own page, with the userbar
    assert after.header("X-Cache-Status") == "HIT"
    assert "wagtail-userbar" not in after.text


def test_publishing_unpublishing_and_deleting_refresh_every_page_that_shows_it(stack):
    visitor = Browser(stack, "127.0.0.88")
    title = f"Cache test news {uuid.uuid4().hex[:8]}"
    showing = ["/news/", "/sitemap.xml"]
    for path in showing:
        assert fetched_twice(visitor, path)[1].header("X-Cache-Status") == "HIT"

    change(
        stack,
        "from home.models import NewsIndexPage, NewsArticlePage; import datetime;"
        "index = NewsIndexPage.objects.get();"
        f"page = NewsArticlePage(title='{title}', slug='cache-test', date=datetime.date.today(),"
        "summary='Fresh');"
        "index.add_child(instance=page); page.save_revision().publish()",
    )
    published = {path: visitor.get(path) for path in showing}
    change(
        stack,
        "from home.models import NewsArticlePage; NewsArticlePage.objects.get(slug='cache-test').unpublish()",
    )
    unpublished = {path: visitor.get(path) for path in showing}
    change(
        stack,
        "from home.models import NewsArticlePage; NewsArticlePage.objects.get(slug='cache-test').delete()",
    )
    deleted = visitor.get("/news/cache-test/")

    assert title in published["/news/"].text
    assert "/news/cache-test/" in published["/sitemap.xml"].text
    assert all(title not in response.text for response in unpublished.values())
    assert "/news/cache-test/" not in unpublished["/sitemap.xml"].text
    assert deleted.status == 404


def test_the_site_notice_and_a_ratification_show_at_once(stack):
    visitor = Browser(stack, "127.0.0.89")
    notice = f"Closed on Friday {uuid.uuid4().hex[:6]}"
    for path in ("/", TOPIC, HOW_WE_ARE_DOING):
        assert fetched_twice(visitor, path)[1].header("X-Cache-Status") == "HIT"

    change(
        stack,
        "from home.models import ServiceSettings; from wagtail.models import Site;"
        "s = ServiceSettings.for_site(Site.objects.get(is_default_site=True));"
        f"s.site_notice = '{notice}'; s.save()",
    )
    noticed = [visitor.get(path).text for path in ("/", TOPIC)]
    before = visitor.get(HOW_WE_ARE_DOING).text
    change(
        stack,
        "from compliance.models import SelfAssessment, AdvisoryGroupMeeting; import datetime;"
        "draft = SelfAssessment.objects.get(status='draft');"
        "meeting = AdvisoryGroupMeeting.objects.create(date=datetime.date(2023, 9, 20),"
        "title='Cache test');"
        "draft.ratify(meeting, meeting.date)",
    )
    after = visitor.get(HOW_WE_ARE_DOING).text

    assert all(notice in text for text in noticed)
    assert "dated August 2022" in before
    assert "dated July 2023" in after and "ratified by our independent Advisory Group" in after


def test_a_page_made_private_is_no_longer_served_from_the_cache(stack):
    visitor = Browser(stack, "127.0.0.90")
    path = "/policies/safeguarding/"
    assert fetched_twice(visitor, path)[1].header("X-Cache-Status") == "HIT"

    change(
        stack,
        "from wagtail.models import Page, PageViewRestriction;"
        "page = Page.objects.get(url_path__endswith='/policies/safeguarding/');"
        "PageViewRestriction.objects.create(page=page, restriction_type='login')",
    )
    private = visitor.get(path)
    change(
        stack,
        "from wagtail.models import PageViewRestriction; PageViewRestriction.objects.all().delete()",
    )
    public = visitor.get(path)

    assert private.status == 302 and "/login/" in private.header("Location")
    assert public.status == 200
