"""nginx's cache of public pages, through the real stack: what it keeps, what it never keeps,
and that every change a visitor could see on a page reaches them at once (the app purges)."""

import gzip
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from .browser import Browser
from .stack import free_port

TOPIC = "/send-topics/ehc-needs-assessments/"
HOW_WE_ARE_DOING = "/about-us/how-we-are-doing/"


def fetched_twice(browser, path, headers=None):
    """The page, and the page again once nginx has a fresh copy of it: a copy found expired is
    served while nginx asks the app again in the background (STALE, then UPDATING)."""
    first = browser.get(path, headers=headers)
    second = browser.get(path, headers=headers)
    deadline = time.monotonic() + 5
    while second.header("X-Cache-Status") in ("STALE", "UPDATING") and time.monotonic() < deadline:
        time.sleep(0.05)
        second = browser.get(path, headers=headers)
    return first, second


def change(stack, code: str) -> None:
    """Change the site as an editor's request would: in the app, under production settings,
    with its signals (and so its purges) on."""
    result = stack.manage("shell", "-c", code)
    assert "purge" not in (result.stdout + result.stderr).lower()  # every purge went through


def publish_news(stack, slug: str, title: str, attachment: str = "") -> None:
    """A news article published as an editor would (`attachment`: a document's title)."""
    attach = (
        "from home.models import NewsAttachment;"
        "from wagtail.documents import get_document_model;"
        "page.attachments.add(NewsAttachment("
        f"document=get_document_model().objects.get(title={attachment!r})));"
        if attachment
        else ""
    )
    change(
        stack,
        "from home.models import NewsIndexPage, NewsArticlePage; import datetime;"
        f"page = NewsArticlePage(title={title!r}, slug={slug!r}, date=datetime.date.today(),"
        "summary='Fresh');"
        f"{attach}"
        "NewsIndexPage.objects.get().add_child(instance=page); page.save_revision().publish()",
    )


def on_news(stack, slug: str, action: str, env=None) -> None:
    """unpublish(), delete() or republish an article; `env`: the app's settings otherwise."""
    code = (
        f"from home.models import NewsArticlePage; page = NewsArticlePage.objects.get(slug={slug!r});"
        + ("page.save_revision().publish()" if action == "publish" else f"page.{action}()")
    )
    if env is None:
        change(stack, code)
    else:
        stack.manage("shell", "-c", code, env={**stack.env, **env})


def test_a_public_page_is_kept_and_served_again_from_the_cache(stack):
    browser = Browser(stack, "127.0.0.81")

    first, second = fetched_twice(browser, TOPIC)

    assert first.status == second.status == 200
    assert first.header("X-Cache-Status") in ("MISS", "HIT", "STALE", "UPDATING")
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
    # The visitor's copy may have expired while the editor signed in (slow on a busy machine):
    # once nginx has renewed it, it is the visitor's page, not the editor's.
    after = fetched_twice(anonymous, TOPIC)[1]

    assert theirs.header("X-Cache-Status") == "BYPASS"
    assert "wagtail-userbar" in theirs.text  # the editor's own page, with the userbar
    assert after.header("X-Cache-Status") == "HIT"
    assert "wagtail-userbar" not in after.text


def test_publishing_unpublishing_and_deleting_refresh_every_page_that_shows_it(stack):
    visitor = Browser(stack, "127.0.0.88")
    title = f"Cache test news {uuid.uuid4().hex[:8]}"
    article = "/news/cache-test/"
    showing = ["/news/", "/sitemap.xml"]
    for path in showing:
        assert fetched_twice(visitor, path)[1].header("X-Cache-Status") == "HIT"

    publish_news(stack, "cache-test", title)
    published = {path: visitor.get(path) for path in showing}
    kept = fetched_twice(visitor, article)[1]
    on_news(stack, "cache-test", "unpublish")
    unpublished = {path: visitor.get(path) for path in [*showing, article]}
    on_news(stack, "cache-test", "publish")
    republished = fetched_twice(visitor, article)[1]
    on_news(stack, "cache-test", "delete")
    deleted = {path: visitor.get(path) for path in [*showing, article]}

    assert title in published["/news/"].text
    assert "/news/cache-test/" in published["/sitemap.xml"].text
    assert kept.header("X-Cache-Status") == "HIT" and title in kept.text
    assert republished.header("X-Cache-Status") == "HIT"
    for gone in (unpublished, deleted):
        assert gone[article].status == 404
        assert all(title not in response.text for response in gone.values())
        assert "/news/cache-test/" not in gone["/sitemap.xml"].text


def test_a_moved_or_renamed_page_is_not_served_at_its_old_address(stack):
    """The page and the pages under it: at once, their old addresses redirect to the new
    (Wagtail's own redirects) instead of serving the kept copy."""
    visitor = Browser(stack, "127.0.0.93")
    change(
        stack,
        "from home.models import HomePage, InformationPage; home = HomePage.objects.get()\n"
        "def add(parent, slug): page = InformationPage(title=slug.title(), slug=slug,"
        " summary='Moves'); parent.add_child(instance=page); page.save_revision().publish();"
        " return page\n"
        "add(add(home, 'moving-section'), 'moving-child'); add(home, 'destination')",
    )
    old = ["/moving-section/", "/moving-section/moving-child/"]
    kept = [fetched_twice(visitor, path)[1] for path in old]

    change(
        stack,
        "from wagtail.models import Page; page = Page.objects.get(slug='moving-section');"
        "page.move(Page.objects.get(slug='destination'), pos='last-child')",
    )
    moved = [visitor.get(path) for path in old]
    new = ["/destination/moving-section/", "/destination/moving-section/moving-child/"]
    kept_again = [fetched_twice(visitor, path)[1] for path in new]
    change(
        stack,
        "from wagtail.models import Page;"
        "page = Page.objects.get(slug='moving-section').specific; page.slug = 'renamed-section';"
        "page.save_revision().publish()",
    )
    renamed = [visitor.get(path) for path in new]
    change(stack, "from wagtail.models import Page; Page.objects.get(slug='destination').delete()")

    assert [r.header("X-Cache-Status") for r in kept + kept_again] == ["HIT"] * 4
    for response in moved + renamed:
        assert response.status == 301, response.status
        assert "/renamed-section/" in response.header("Location") or response in moved


def test_the_site_notice_and_a_ratification_show_at_once(stack):
    visitor = Browser(stack, "127.0.0.89")
    notice = f"Closed on Friday {uuid.uuid4().hex[:6]}"
    thank_you = stack.seed["enquiry_page"] + "thank-you/"  # a route of the enquiry page
    for path in ("/", TOPIC, HOW_WE_ARE_DOING, thank_you):
        assert fetched_twice(visitor, path)[1].header("X-Cache-Status") == "HIT"

    change(
        stack,
        "from home.models import ServiceSettings; from wagtail.models import Site;"
        "s = ServiceSettings.for_site(Site.objects.get(is_default_site=True));"
        f"s.site_notice = '{notice}'; s.save()",
    )
    noticed = [visitor.get(path).text for path in ("/", TOPIC, thank_you)]
    before = visitor.get(HOW_WE_ARE_DOING).text
    change(
        stack,
        "from wagtail_minimum_standards.compliance.models import SelfAssessment, AdvisoryGroupMeeting; import datetime;"
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


def test_every_spelling_of_a_page_is_purged_with_it(stack):
    """An empty query string or a percent-encoded letter asks for the same page; a copy kept
    under that spelling would outlive the purge of the page's own address."""
    visitor = Browser(stack, "127.0.0.91")
    spellings = ["/news/", "/news/?", "/n%65ws/", "/news/%3F"]
    for path in spellings:
        fetched_twice(visitor, path)
    title = f"Spelling test news {uuid.uuid4().hex[:8]}"

    publish_news(stack, "spelling-test", title)
    after = {path: visitor.get(path) for path in spellings}
    on_news(stack, "spelling-test", "delete")

    for path, response in after.items():
        assert response.status == 200 or (path.endswith("%3F") and response.status == 404), path
        if response.status == 200:
            assert title in response.text, path


def test_a_page_with_letters_beyond_ascii_in_its_address_is_purged_however_they_are_escaped(
    stack,
):
    visitor = Browser(stack, "127.0.0.92")
    publish_news(stack, "café-mornings", "Café mornings")
    spellings = ["/news/caf%C3%A9-mornings/", "/news/caf%c3%a9-mornings/"]
    kept = [fetched_twice(visitor, path)[1] for path in spellings]

    on_news(stack, "café-mornings", "unpublish")
    after = [visitor.get(path) for path in spellings]
    on_news(stack, "café-mornings", "delete")

    assert [response.status for response in kept] == [200, 200]
    assert kept[1].header("X-Cache-Status") == "HIT"
    assert [response.status for response in after] == [404, 404]


def test_a_document_retitled_shows_at_once_on_the_page_that_offers_it(stack):
    visitor = Browser(stack, "127.0.0.94")
    publish_news(stack, "leaflet-news", "Our new leaflet", attachment="Our leaflet")
    kept = fetched_twice(visitor, "/news/leaflet-news/")[1]

    change(
        stack,
        "from wagtail.documents import get_document_model;"
        "d = get_document_model().objects.get(title='Our leaflet'); d.title = 'Our leaflet (2026)'; d.save()",
    )
    after = visitor.get("/news/leaflet-news/")
    on_news(stack, "leaflet-news", "delete")
    change(
        stack,
        "from wagtail.documents import get_document_model;"
        "d = get_document_model().objects.get(title='Our leaflet (2026)'); d.title = 'Our leaflet'; d.save()",
    )

    assert kept.header("X-Cache-Status") == "HIT" and "Our leaflet" in kept.text
    assert "Our leaflet (2026)" in after.text


def test_what_no_purge_reaches_is_at_most_five_seconds_old(stack):
    """A change no purge reaches (here, one straight in the database; in life, say, a page
    rendered from the old content while a change commits) lasts HTTP_CACHE_SECONDS at most in
    nginx's cache."""
    visitor = Browser(stack, "127.0.0.95")
    path = "/policies/safeguarding/"
    title = f"Safeguarding {uuid.uuid4().hex[:6]}"
    deadline = time.monotonic() + 10
    while visitor.get(path).header("X-Cache-Status") not in ("MISS", "STALE"):
        assert time.monotonic() < deadline, "the copy never expired"
        time.sleep(0.1)  # until nginx makes a copy (an expired one is renewed in the background)
    while visitor.get(path).header("X-Cache-Status") != "HIT":
        assert time.monotonic() < deadline, "the copy was not renewed"
        time.sleep(0.02)  # ...and holds it

    with psycopg.connect(stack.env["DATABASE_URL"], autocommit=True) as database:
        database.execute(
            "UPDATE wagtailcore_page SET title = %s WHERE url_path LIKE %s", (title, f"%{path}")
        )
    changed_at = time.monotonic()
    responses = [visitor.get(path)]
    while time.monotonic() - changed_at < 8 and title not in responses[-1].text:
        time.sleep(0.1)
        responses.append(visitor.get(path))
    fresh_after = time.monotonic() - changed_at
    with psycopg.connect(stack.env["DATABASE_URL"], autocommit=True) as database:
        database.execute(
            "UPDATE wagtailcore_page SET title = 'Safeguarding' WHERE url_path LIKE %s",
            (f"%{path}",),
        )

    assert title not in responses[0].text  # the old copy was served...
    assert responses[0].header("X-Cache-Status") == "HIT"
    assert title in responses[-1].text  # ...for at most HTTP_CACHE_SECONDS
    assert fresh_after <= 5.5, fresh_after


def test_a_page_unpublished_when_the_purge_fails_is_served_only_until_the_app_is_asked_again(
    stack,
):
    """nginx restarting, say: the unpublished page's copy outlives the purge. Once it has
    expired, nginx serves it while it asks the app again (proxy_cache_use_stale updating):
    to the request that found it expired and those arriving meanwhile, however many ask at
    once. The app's 404 is not kept, so it would replace nothing: the app purges the old
    copy instead (site/http_cache.py), and from then on every request gets the 404."""
    visitor = Browser(stack, "127.0.0.96")
    publish_news(stack, "by-mistake", "Published by mistake")
    kept = fetched_twice(visitor, "/news/by-mistake/")[1]
    on_news(
        stack,
        "by-mistake",
        "unpublish",
        env={"HTTP_CACHE_PURGE_URL": f"http://127.0.0.1:{free_port()}"},
    )
    time.sleep(5.1)

    def burst():
        with ThreadPoolExecutor(max_workers=6) as pool:
            return list(
                pool.map(
                    lambda n: Browser(stack, f"127.0.0.{97 + n}").get("/news/by-mistake/"), range(6)
                )
            )

    first = burst()
    # The app answers the background request in its own time (slower on a busy machine):
    # until it has, visitors get the old copy; once one gets the 404, all do.
    meanwhile, deadline = [], time.monotonic() + 10
    while (answer := visitor.get("/news/by-mistake/")).status == 200:
        meanwhile.append(answer)
        assert time.monotonic() < deadline, "the old copy outlived the app's answer"
        time.sleep(0.05)
    later = [burst(), burst()]
    on_news(stack, "by-mistake", "delete")

    assert kept.header("X-Cache-Status") == "HIT"
    for response in first + meanwhile:  # the old copy while the app was asked
        if response.status == 200:
            assert response.header("X-Cache-Status") in ("STALE", "UPDATING")
            assert response.body == kept.body
        else:
            assert response.status == 404 and "Published by mistake" not in response.text
    assert [response.header("X-Cache-Status") for response in first].count("STALE") == 1
    assert "Published by mistake" not in answer.text
    for answers in later:
        assert [response.status for response in answers] == [404] * 6
        assert all("Published by mistake" not in response.text for response in answers)
