"""The events pages of the demo are valid HTML (the Nu Html Checker finds no error)."""

from .nu_html_checker import html_errors

PATHS = {
    "events": "/events/",
    "upcoming": "/events/coffee-and-chat-bath/",
    "mixed": "/events/annual-reviews-information-session/",
    "past": "/events/coffee-and-chat-keynsham/",
    "home": "/",
}


def test_the_events_pages_are_valid_html(client, demo_site, tmp_path):
    files = []
    for name, path in PATHS.items():
        response = client.get(path)
        assert response.status_code == 200, path
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    assert html_errors(files) == []
