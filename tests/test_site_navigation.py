"""A newcomer finds every page by following links, each page describes itself to search
engines, and the pages that list things say plainly when a page of the list does not exist."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from wagtail.models import Page


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.description = [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content")


def parsed(response) -> Links:
    links = Links()
    links.feed(response.content.decode())
    return links


def sitemap_paths(client) -> set[str]:
    xml = client.get("/sitemap.xml").content.decode()
    return {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)}


def crawl(client, start="/"):
    """{path: {the paths of the pages linking to it}} for every page reached from `start`."""
    linked_from, queue, seen = {start: set()}, deque([start]), {start}
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for href in parsed(response).hrefs:
            target = urlsplit(urldefrag(href)[0])
            if target.scheme not in ("", "http", "https") or target.netloc not in ("", "localhost"):
                continue  # another site, a phone number, an email address
            if not target.path.startswith("/") or target.path.startswith(("/admin", "/documents")):
                continue
            linked_from.setdefault(target.path, set()).add(path)
            if target.path not in seen:
                seen.add(target.path)
                queue.append(target.path)
    return linked_from


def test_every_published_page_is_linked_from_another_page(client, demo_site):
    pages = sitemap_paths(client)
    linked_from = crawl(client)

    assert len(pages) >= 30
    unreachable = sorted(path for path in pages if path not in linked_from)
    assert unreachable == []
    only_from_itself = sorted(path for path in pages - {"/"} if not (linked_from[path] - {path}))
    assert only_from_itself == []


def test_about_us_lists_every_page_in_its_section(client, demo_site):
    html = client.get("/about-us/").content.decode()
    section = html.split('id="in-this-section"', 1)[1]

    for title in ("Who we help", "Advisory Group", "You said, we did", "How we are doing"):
        assert title in section, title


def test_every_page_has_a_meta_description(client, demo_site):
    missing = [
        path for path in sorted(sitemap_paths(client)) if not parsed(client.get(path)).description
    ]

    assert missing == []
    home = parsed(client.get("/")).description
    assert home == Page.objects.get(depth=2).specific.search_description or home


@pytest.mark.parametrize("query", ["?page=999", "?page=0", "?page=abc", "?page=2"])
def test_a_page_of_news_that_does_not_exist_is_not_found(client, demo_site, query):
    response = client.get("/news/" + query)

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_the_first_page_of_news_is_found(client, demo_site):
    assert client.get("/news/").status_code == 200
    assert client.get("/news/?page=1").status_code == 200


def test_a_page_of_search_results_that_does_not_exist_is_not_found(client, demo_site):
    assert client.get("/search/?q=EHC").status_code == 200
    assert client.get("/search/?q=EHC&page=99").status_code == 404
