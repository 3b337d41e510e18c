"""Security that holds from the start: production settings, CSP, login throttling, caching."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from .factories import PASSWORD, ServiceManagerFactory

ROOT = Path(__file__).resolve().parent.parent


def run_with_production_settings(tmp_path, args, **env):
    # A clean environment, as a server would have: nothing from the test run leaks in.
    environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_env(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "sendias.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_environment(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]

    result = run_with_production_settings(tmp_path, ["manage.py", "check"], **env)

    assert result.returncode != 0
    assert f"Production settings need the environment variable {missing}." in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path):
    result = run_with_production_settings(
        tmp_path,
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production_env(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_serves_https_only_with_secure_cookies(tmp_path):
    result = run_with_production_settings(
        tmp_path, ["tests/production_probe.py"], **production_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])

    assert probe["http_status"] == 301
    assert probe["http_location"] == "https://sendias.example/admin/login/"
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["csrf_cookie"] == {"secure": True, "httponly": True}
    assert probe["session_cookie"] == {"secure": True, "httponly": True}
    assert probe["admin_status"] == 200
    assert "no-store" in probe["admin_cache_control"]
    assert "private" in probe["admin_cache_control"]
    # WhiteNoise serves static files under hashed names, cached for ever.
    assert re.search(r"\.[0-9a-f]{12}\.css$", probe["stylesheet"])
    assert probe["static_status"] == 200
    assert "immutable" in probe["static_cache_control"]


def test_public_pages_carry_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    # Scripts and styles fall back to default-src: only the site's own, never inline.
    assert "script-src" not in policy and "style-src" not in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy


def test_admin_has_its_own_policy_and_is_never_cached(client, home_page, service_manager):
    login_page = client.get("/admin/login/")
    assert "no-store" in login_page["Cache-Control"]
    assert "private" in login_page["Cache-Control"]

    client.force_login(service_manager)
    dashboard = client.get("/admin/")

    assert dashboard.status_code == 200
    assert "no-store" in dashboard["Cache-Control"] and "private" in dashboard["Cache-Control"]
    # The admin's own policy: Wagtail's editor needs inline styles; the public site does not.
    assert "style-src 'self' 'unsafe-inline'" in dashboard["Content-Security-Policy"]
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]


@override_settings(AXES_ENABLED=True)
def test_repeated_failed_admin_logins_are_throttled(client, db):
    ServiceManagerFactory(username="sam")

    for _ in range(4):
        failed = client.post("/admin/login/", {"username": "sam", "password": "wrong"})
        assert failed.status_code == 200  # the form again, with its error
    fifth = client.post("/admin/login/", {"username": "sam", "password": "wrong"})
    locked = client.post("/admin/login/", {"username": "sam", "password": PASSWORD})

    assert fifth.status_code == 429
    assert locked.status_code == 429  # even the right password, for the cool-off time
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert client.get("/admin/").status_code == 302  # still not signed in


@override_settings(AXES_ENABLED=True)
def test_a_correct_password_signs_in_before_the_limit(client, db):
    ServiceManagerFactory(username="sam")

    client.post("/admin/login/", {"username": "sam", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "sam", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_password_resets_are_limited_per_address_and_never_blocked_from_elsewhere(client, db):
    from django.core import mail

    from home.password_resets import send_queued_password_resets

    ServiceManagerFactory(username="sam", email="sam@sendias.example")

    statuses = [
        client.post("/admin/password_reset/", {"email": "sam@sendias.example"}).status_code
        for _ in range(5)
    ]
    sams_own = client.post(
        "/admin/password_reset/", {"email": "Sam@Sendias.example"}, REMOTE_ADDR="192.0.2.9"
    )
    send_queued_password_resets()

    assert statuses == [302, 302, 302, 429, 429]
    assert sams_own.status_code == 302  # another address's requests do not block Sam's own
    assert [message.to for message in mail.outbox] == [["sam@sendias.example"]] * 4
    assert (
        "Too many password resets asked for"
        in client.post(
            "/admin/password_reset/", {"email": "other@sendias.example"}
        ).content.decode()
    )  # and this address has had its share


def test_one_inbox_gets_at_most_ten_reset_emails_an_hour_from_any_number_of_addresses(client, db):
    from django.core import mail

    from home.password_resets import send_queued_password_resets

    ServiceManagerFactory(username="sam", email="sam@sendias.example")

    statuses = [
        client.post(
            "/admin/password_reset/", {"email": "sam@sendias.example"}, REMOTE_ADDR=f"192.0.2.{n}"
        ).status_code
        for n in range(12)
    ]
    send_queued_password_resets()

    assert statuses == [302] * 12
    assert len(mail.outbox) == 10  # the newest of them works as well as a new one would
