"""Run under the production settings by tests/test_security.py, in a child process.

Migrates a throwaway database, collects static files, then asks the site for a
few pages through Django's test client and prints what came back, as JSON.
"""

import json
import re

import django
from django.core.management import call_command
from django.test import Client

django.setup()
call_command("migrate", verbosity=0)
call_command("collectstatic", verbosity=0, interactive=False)

from django.contrib.auth import get_user_model  # noqa: E402  (after setup)

get_user_model().objects.create_superuser("probe", "probe@example.org", "a long probe password")
host = {"HTTP_HOST": "sendias.example"}
client = Client(**host)


def cookie(response, name):
    morsel = response.cookies.get(name)
    return (
        None
        if morsel is None
        else {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}
    )


plain = client.get("/admin/login/", secure=False)
login_page = client.get("/admin/login/", secure=True)
signed_in = client.post(
    "/admin/login/",
    {"username": "probe", "password": "a long probe password"},
    secure=True,
)
dashboard = client.get("/admin/", secure=True)
stylesheet = re.search(r'href="(/static/[^"]+\.css)"', login_page.content.decode()).group(1)
static = client.get(stylesheet, secure=True)
print(
    json.dumps(
        {
            "http_status": plain.status_code,
            "http_location": plain.get("Location"),
            "hsts": login_page.get("Strict-Transport-Security"),
            "admin_cache_control": dashboard.get("Cache-Control"),
            "admin_status": dashboard.status_code,
            "csrf_cookie": cookie(login_page, "csrftoken"),
            "session_cookie": cookie(signed_in, "sessionid"),
            "stylesheet": stylesheet,
            "static_status": static.status_code,
            "static_cache_control": static.get("Cache-Control"),
        }
    )
)
