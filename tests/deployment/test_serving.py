"""What nginx in front of gunicorn serves: HTTPS only, compressed pages and stylesheets, static
files cached for a year under hashed names, public images, and nothing for unknown hosts."""

import gzip
import http.client
import re

import pytest

from .browser import Browser


def test_plain_http_is_sent_to_https(browser, stack):
    response = browser.get("/news/?page=2", https=False)

    assert response.status == 301
    assert response.header("Location") == f"https://www.example.org:{stack.https_port}/news/?page=2"


def test_pages_come_over_https_with_the_security_headers(browser):
    response = browser.get("/")

    assert response.status == 200
    assert response.header("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "default-src 'self'" in response.header("Content-Security-Policy")
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Server") == "nginx"  # no version given away


def test_html_and_css_are_compressed(browser):
    page = browser.get("/", headers={"Accept-Encoding": "gzip"})
    html = gzip.decompress(page.body).decode()
    stylesheet_path = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
    stylesheet = browser.get(stylesheet_path, headers={"Accept-Encoding": "gzip"})

    assert page.header("Content-Encoding") == "gzip" and "</html>" in html
    assert stylesheet.header("Content-Encoding") == "gzip"
    assert b"{" in gzip.decompress(stylesheet.body)


def test_static_files_with_hashed_names_are_cached_for_a_year(browser):
    html = browser.get("/").text
    stylesheet_path = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html).group(1)

    hashed = browser.get(stylesheet_path)
    plain = browser.get(re.sub(r"\.[0-9a-f]{12}\.css$", ".css", stylesheet_path))

    assert hashed.status == 200
    assert hashed.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert hashed.header("Strict-Transport-Security").startswith("max-age=31536000")
    assert plain.status == 200 and plain.header("Cache-Control") == "public, max-age=3600"


def test_public_images_are_served_from_media(browser, stack):
    rendition = browser.get(stack.seed["image"]["rendition"])

    assert rendition.status == 200
    assert rendition.body.startswith(b"\x89PNG")
    assert rendition.header("Cache-Control") == "public, max-age=2592000"
    assert "sandbox" in rendition.header("Content-Security-Policy")


@pytest.mark.parametrize("https", [True, False])
def test_unknown_host_names_get_no_answer(stack, https):
    # nginx closes the connection without a word (444): no page, no server version.
    with pytest.raises(http.client.RemoteDisconnected):
        Browser(stack).get("/", headers={"Host": "evil.example"}, https=https)


def test_a_page_that_does_not_exist_is_the_sites_404(browser):
    response = browser.get("/no-such-page/")

    assert response.status == 404
    assert "<h1>Page not found</h1>" in response.text


def test_the_sitemap_gives_the_sites_public_address(browser):
    sitemap = browser.get("/sitemap.xml", headers={"Accept-Encoding": "gzip"})

    locations = re.findall(r"<loc>([^<]+)</loc>", gzip.decompress(sitemap.body).decode())
    assert sitemap.header("Content-Encoding") == "gzip"
    assert len(locations) >= 30
    assert all(loc.startswith("https://www.example.org/") for loc in locations)


def test_a_clients_own_scheme_headers_change_nothing(browser):
    response = browser.get("/", headers={"X-Forwarded-Ssl": "off", "X-Forwarded-Protocol": "http"})

    assert response.status == 200
