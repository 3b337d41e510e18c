"""When nginx asks again for a copy that has expired (`X-Cache-Status: EXPIRED`, set by
deploy/nginx/sendias.conf) and the app's answer is one nginx will not keep, the app purges the
old copy (config.http_cache): otherwise nginx would go on serving it while it asks again,
every time. tests/deployment/test_caching.py checks it through nginx."""

from django.test import Client

from .factories import InformationPageFactory


def renewing(path, **extra):
    return Client().get(path, HTTP_X_CACHE_STATUS="EXPIRED", **extra)


def test_an_answer_nginx_keeps_replaces_the_old_copy_itself(home_page, nginx_in_front):
    page = InformationPageFactory(parent=home_page, slug="kept")

    response = renewing(page.url)

    assert response.status_code == 200 and response["X-Accel-Expires"] == "4"
    assert nginx_in_front == []


def test_an_answer_nginx_does_not_keep_purges_the_old_copy(home_page, nginx_in_front):
    page = InformationPageFactory(parent=home_page, slug="café-mornings")
    page.unpublish()

    gone = renewing("/caf%C3%A9-mornings/")
    redirected = renewing("/no-such-page")  # to /no-such-page/ (APPEND_SLASH)

    assert gone.status_code == 404 and redirected.status_code == 301
    assert "X-Accel-Expires" not in gone
    assert nginx_in_front == [
        "https://testserver/caf%C3%A9-mornings/",
        "https://testserver/no-such-page",
    ]


def test_only_a_renewal_purges(home_page, nginx_in_front):
    Client().get("/no-such-page/")
    Client().get("/no-such-page/", HTTP_X_CACHE_STATUS="MISS")

    assert nginx_in_front == []
