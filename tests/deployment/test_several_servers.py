"""README "Several servers", through the stack: two gunicorn instances behind nginx, sharing
PostgreSQL, Redis (CACHE_URL) and S3-compatible object storage (S3_BUCKET).

`Browser(..., server=n)` speaks to the n-th instance directly, with the headers nginx adds,
so that each test says which server does what; a plain Browser goes through nginx.
Each test uses loopback addresses of its own, so budgets and lockouts never meet."""

import uuid
from pathlib import Path
from urllib.request import urlopen

import pytest

from .browser import Browser
from .stack import BUCKET, DEPLOY, s3_client

FIRST, SECOND = 0, 1


def shell(servers, code: str) -> str:
    """Run Python in the app, under the production settings of both servers."""
    return servers.manage("shell", "--no-imports", "-c", code).stdout.strip()


def signed_in(servers, username: str, source: str, server: int) -> Browser:
    browser = Browser(servers, source, server=server)
    assert browser.sign_in(username, servers.seed["passwords"][username]).status == 302
    return browser


def public_read(url: str) -> tuple[int, bytes]:
    """What anyone on the internet gets from the bucket's address: no key, no signature."""
    try:
        with urlopen(url, timeout=30) as response:  # noqa: S310 (the test's own server)
            return response.status, response.read()
    except OSError as error:
        return getattr(error, "code", 0), b""


def test_nginx_spreads_requests_over_both_servers(servers):
    browser = Browser(servers, "127.0.0.101")
    marker = uuid.uuid4().hex[:8]

    statuses = {browser.get(f"/search/?q={marker}{n}").status for n in range(12)}

    assert statuses == {200}
    for log in ("gunicorn-1.log", "gunicorn-2.log"):
        assert f"/search/?q={marker}" in servers.log(log), log


def test_a_session_made_on_one_server_works_on_the_other(servers):
    person = signed_in(servers, "manager", "127.0.0.102", FIRST)

    elsewhere = person.on(SECOND).get("/admin/")
    through_nginx = person.on(None).get("/admin/")
    signed_out = person.on(SECOND).post("/admin/logout/", {}, form_from="/admin/")
    afterwards = person.on(FIRST).get("/admin/")

    assert elsewhere.status == through_nginx.status == 200
    assert "Sign out" in elsewhere.text or "Log out" in elsewhere.text
    assert signed_out.status == 302
    assert afterwards.status == 302 and "/admin/login/" in afterwards.header("Location")


def test_publishing_through_one_server_is_fresh_on_both_and_through_nginx(servers):
    title = f"Two servers news {uuid.uuid4().hex[:8]}"
    page_id = shell(
        servers,
        "from home.models import NewsIndexPage, NewsArticlePage; import datetime;"
        f"page = NewsArticlePage(title='{title}', slug='two-servers', live=False,"
        "date=datetime.date.today(), summary='Fresh on both');"
        "NewsIndexPage.objects.get().add_child(instance=page); page.save_revision();"
        "print(page.pk)",
    )
    visitor = Browser(servers, "127.0.0.103")
    readers = [visitor, visitor.on(FIRST), visitor.on(SECOND)]
    for reader in readers:  # every copy warm: nginx's, and what the servers keep in Redis
        reader.get("/news/"), reader.get("/sitemap.xml")
    assert visitor.get("/news/").header("X-Cache-Status") == "HIT"
    editor = signed_in(servers, "editor", "127.0.0.104", FIRST)

    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    published = editor.post(publish, {}, form_from=publish)
    after_publishing = [(r.get("/news/").text, r.get("/sitemap.xml").text) for r in readers]
    unpublish = f"/admin/pages/{page_id}/unpublish/"
    unpublished = editor.on(SECOND).post(unpublish, {}, form_from=unpublish)
    after_unpublishing = [r.get("/news/").text for r in readers]

    assert published.status == unpublished.status == 302
    for news, sitemap in after_publishing:
        assert title in news
        assert "/news/two-servers/" in sitemap
    for news in after_unpublishing:
        assert title not in news


def test_the_enquiry_limit_counts_across_both_servers(servers):
    from tests.test_enquiries import answers

    parent = Browser(servers, "127.0.0.105")
    page = servers.seed["enquiry_page"]

    statuses = [parent.on(n % 2).post(page, answers()).status for n in range(6)]
    through_nginx = parent.on(None).post(page, answers()).status

    assert statuses == [302] * 5 + [429]
    assert through_nginx == 429


def test_the_login_lockout_counts_across_both_servers(servers):
    attacker = Browser(servers, "127.0.0.106")
    password = servers.seed["passwords"]["advisor"]

    failures = [attacker.on(n % 2).sign_in("advisor", "wrong").status for n in range(5)]
    right_on_each = [attacker.on(n).sign_in("advisor", password).status for n in (0, 1, None)]
    colleague = Browser(servers, "127.0.0.107", server=SECOND).sign_in("advisor", password)

    assert failures == [200, 200, 200, 200, 429]
    assert right_on_each == [429, 429, 429]
    assert colleague.status == 302


def test_the_password_reset_limit_counts_across_both_servers(servers):
    """Counted in the shared cache (Redis): three an hour, whichever server is asked."""
    asker = Browser(servers, "127.0.0.108")
    form = "/admin/password_reset/"
    email = f"nobody-{uuid.uuid4().hex[:6]}@example.org"

    statuses = [asker.on(n % 2).post(form, {"email": email}).status for n in range(4)]

    assert statuses == [302, 302, 302, 429]


def test_a_document_uploaded_on_one_server_opens_on_the_other_and_nowhere_else(servers):
    evidence = shell(
        servers,
        "from wagtail.models import Collection; from home.roles import EVIDENCE;"
        "print(Collection.objects.get(name=EVIDENCE).pk)",
    )
    content = b"%PDF-1.4 minutes of a confidential review " + uuid.uuid4().hex.encode()
    manager = signed_in(servers, "manager", "127.0.0.109", FIRST)

    uploaded = manager.post(
        "/admin/documents/add/",
        {"title": "Confidential review", "collection": evidence},
        files={"file": ("confidential-review.pdf", content)},
    )
    url, key = shell(
        servers,
        "from wagtail.documents import get_document_model;"
        "d = get_document_model().objects.get(title='Confidential review');"
        "print(d.url, d.file.name)",
    ).split()
    opened_elsewhere = manager.on(SECOND).get(url)
    anonymous = Browser(servers, "127.0.0.110").get(url)
    stored = s3_client(servers).get_object(Bucket=BUCKET, Key=key)["Body"].read()
    from_the_bucket = public_read(f"{servers.env['S3_ENDPOINT_URL']}/{BUCKET}/{key}")

    assert uploaded.status == 302
    assert opened_elsewhere.status == 200 and opened_elsewhere.body == content
    assert opened_elsewhere.header("Cache-Control") == "private, no-store"
    assert anonymous.status in (302, 403) and content not in anonymous.body
    assert stored == content  # in the bucket, not on either server's disk
    assert from_the_bucket[0] == 403 and content not in from_the_bucket[1]


@pytest.mark.parametrize(
    ("seeded", "field"), [("image", "original"), ("evidence", "file"), ("leaflet", "file")]
)
def test_the_bucket_gives_the_public_nothing_but_image_renditions(servers, seeded, field):
    key = servers.seed[seeded][field]

    status, _ = public_read(f"{servers.env['S3_ENDPOINT_URL']}/{BUCKET}/{key}")

    assert status == 403


def test_image_renditions_come_from_the_bucket_and_the_policy_allows_them(servers):
    image_id = shell(
        servers,
        "from wagtail.images import get_image_model; print(get_image_model().objects.get(title='Logo').pk)",
    )
    manager = signed_in(servers, "manager", "127.0.0.111", SECOND)

    edit_page = manager.get(f"/admin/images/{image_id}/")  # renders new renditions on server 2
    public = f"{servers.env['S3_ENDPOINT_URL']}/{BUCKET}/images/"
    found = [part for part in edit_page.text.split('"') if part.startswith(public)]
    page = Browser(servers, "127.0.0.112").get("/")

    assert edit_page.status == 200 and found, "the admin shows renditions from the bucket"
    for url in [servers.seed["image"]["rendition"], *found]:
        assert "X-Amz-" not in url  # a plain address: a kept page never holds an expired one
        status, body = public_read(url.replace("&amp;", "&"))
        assert status == 200 and body.startswith(b"\x89PNG"), url
    assert servers.env["S3_ENDPOINT_URL"] in page.header("Content-Security-Policy")


def test_the_nightly_backup_says_the_uploads_are_in_the_bucket(servers, tmp_path):
    made = servers.run([str(DEPLOY / "backup.sh"), str(tmp_path)])

    assert f"Uploaded files are in the bucket {BUCKET}, not in this backup" in made.stderr
    assert (Path(made.stdout.strip().splitlines()[-1]) / "database.dump").stat().st_size > 0
