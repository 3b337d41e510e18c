"""Confidential documents are never served by URL: only Wagtail's document view hands them
out, after checking who is asking. Public documents download for everyone."""

import pytest

from .browser import Browser

CONFIDENTIAL = b"confidential safeguarding audit"


def paths_to_the_file(stack) -> list[str]:
    """Every way a guesser might reach the evidence document's file on disk."""
    file = stack.seed["evidence"]["file"]  # documents/safeguarding-audit-2024.pdf
    name = file.rsplit("/", 1)[-1]
    return [
        f"/media/{file}",
        f"/media//{file}",
        f"/media/./{file}",
        f"/media/images/../{file}",
        f"/media/images/..%2F{file}",
        f"/media/%64ocuments/{name}",
        f"/static/../media/{file}",
        f"/static/..%2Fmedia/{file}",
        f"/media/{file.upper()}",
        f"/media/documents/{name}?download=1",
        f"/documents/{name}",
        f"/{name}",
    ]


def signed_in(stack, username, source):
    browser = Browser(stack, source)
    assert browser.sign_in(username, stack.seed["passwords"][username]).status == 302
    return browser


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_the_public_and_editors_get_no_evidence_by_any_path(stack, who):
    browser = (
        Browser(stack, "127.0.0.60")
        if who == "anonymous"
        else signed_in(stack, "editor", "127.0.0.61")
    )

    through_the_view = browser.get(stack.seed["evidence"]["url"])
    assert through_the_view.status in (302, 403)
    assert CONFIDENTIAL not in through_the_view.body
    for path in paths_to_the_file(stack):
        response = browser.get(path)
        assert response.status in (400, 403, 404), path
        assert CONFIDENTIAL not in response.body, path


@pytest.mark.parametrize(
    ("username", "source"), [("manager", "127.0.0.62"), ("advisor", "127.0.0.63")]
)
def test_the_manager_and_the_advisory_group_open_it(stack, username, source):
    response = signed_in(stack, username, source).get(stack.seed["evidence"]["url"])

    assert response.status == 200
    assert response.body == b"%PDF-1.4 " + CONFIDENTIAL
    assert response.header("Content-Security-Policy") == "default-src 'none'"
    assert response.header("Cache-Control") == "private, no-store"  # no cache keeps it
    assert response.header("Content-Encoding") is None


def test_public_documents_still_download_for_everyone(stack):
    response = Browser(stack, "127.0.0.64").get(stack.seed["leaflet"]["url"])

    assert response.status == 200
    assert response.body == b"%PDF-1.4 public leaflet"


def test_no_uploaded_original_is_served_from_disk(stack):
    browser = Browser(stack, "127.0.0.65")

    assert browser.get(f"/media/{stack.seed['leaflet']['file']}").status == 404
    assert browser.get(f"/media/{stack.seed['image']['original']}").status == 404
