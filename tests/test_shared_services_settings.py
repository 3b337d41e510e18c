"""The production settings for several servers (README "Several servers"), read the way a
server reads them: a child process with only its environment. What each setting does to a
running site is tested through the stack in tests/deployment/test_several_servers.py."""

import json

import pytest

from .test_security import production_env, run_with_production_settings

REPORT = """
import json
from django.conf import settings
from django.core.files.storage import storages
from wagtail.images.models import get_rendition_storage
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "cache_prefix": settings.CACHES["default"].get("KEY_PREFIX"),
    "cache_options": settings.CACHES["default"].get("OPTIONS"),
    "storage": type(storages["default"]).__name__,
    "private_url": storages["default"].url("documents/audit.pdf"),
    "rendition_url": get_rendition_storage().url("images/logo.width-20.png"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "admin_img_src": settings.ADMIN_CONTENT_SECURITY_POLICY["img-src"],
    "docs_serve": settings.WAGTAILDOCS_SERVE_METHOD,
    "purges": sorted(v["LOCATION"] for v in settings.WAGTAILFRONTENDCACHE.values()),
}))
"""

S3 = {
    "S3_BUCKET": "sendias-media",
    "S3_REGION": "eu-west-2",
    "S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "S3_SECRET_ACCESS_KEY": "not-a-real-secret",
}


def settings_with(tmp_path, **env):
    result = run_with_production_settings(
        tmp_path,
        ["manage.py", "shell", "--no-imports", "-c", REPORT],
        **production_env(tmp_path),
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def refused(tmp_path, **env) -> str:
    result = run_with_production_settings(
        tmp_path, ["manage.py", "check"], **production_env(tmp_path), **env
    )
    assert result.returncode != 0
    return result.stderr


def test_one_server_by_default_memory_cache_and_local_files(tmp_path):
    found = settings_with(tmp_path)

    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["storage"] == "FileSystemStorage"
    assert found["private_url"] == "/media/documents/audit.pdf"  # never served: nginx 404s it
    assert found["rendition_url"] == "/media/images/logo.width-20.png"
    assert found["img_src"] == ["'self'", "data:"]
    assert found["docs_serve"] == "serve_view"
    assert found["purges"] == []


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("CACHE_URL", "redis://10.0.0.5:6379/2"),
        ("REDIS_URL", "rediss://:secret@redis.example.net:6380/0"),
        ("CACHE_URL", "unix:///run/redis/redis-server.sock?db=1"),
    ],
)
def test_a_redis_address_gives_a_shared_cache_that_fails_fast(tmp_path, name, url):
    found = settings_with(tmp_path, **{name: url})

    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["cache_location"] == url
    assert found["cache_options"] == {"socket_connect_timeout": 2, "socket_timeout": 2}


def test_two_sites_on_one_redis_never_share_keys(tmp_path):
    """Each site's keys are prefixed by a digest of its own SECRET_KEY (a staging copy of
    production, with the same page ids, has another), or by CACHE_KEY_PREFIX."""
    redis = {"CACHE_URL": "redis://10.0.0.5:6379/0"}
    one, other = (settings_with(tmp_path, **redis) for _ in range(2))  # two secret keys
    named = settings_with(tmp_path, **redis, CACHE_KEY_PREFIX="staging")

    assert one["cache_prefix"] and other["cache_prefix"]
    assert one["cache_prefix"] != other["cache_prefix"]
    assert named["cache_prefix"] == "staging"


@pytest.mark.parametrize("url", ["memcached://10.0.0.5:11211", "10.0.0.5:6379", "locmem://"])
def test_a_cache_that_is_not_redis_is_refused_by_name(tmp_path, url):
    assert "CACHE_URL must name a Redis server" in refused(tmp_path, CACHE_URL=url)


def test_amazon_s3_keeps_files_private_and_renditions_public(tmp_path):
    found = settings_with(tmp_path, **S3)

    assert found["storage"] == "S3Storage"
    assert found["private_url"].startswith("https://sendias-media.s3.")
    assert "amazonaws.com/documents/audit.pdf?" in found["private_url"]
    assert "X-Amz-Signature=" in found["private_url"]
    assert "X-Amz-Expires=300" in found["private_url"]
    assert found["rendition_url"] == (
        "https://sendias-media.s3.eu-west-2.amazonaws.com/images/logo.width-20.png"
    )
    origin = "https://sendias-media.s3.eu-west-2.amazonaws.com"
    assert found["img_src"] == ["'self'", "data:", origin]
    assert origin in found["admin_img_src"]
    assert found["docs_serve"] == "serve_view"  # documents never redirect to the bucket


def test_an_s3_compatible_service_and_a_cdn_for_images(tmp_path):
    found = settings_with(
        tmp_path,
        **S3,
        S3_ENDPOINT_URL="https://objects.example.net/",
        S3_PUBLIC_URL="https://media.example.org",
    )

    assert found["private_url"].startswith(
        "https://objects.example.net/sendias-media/documents/audit.pdf?"
    )
    assert found["rendition_url"] == "https://media.example.org/images/logo.width-20.png"
    assert found["img_src"] == ["'self'", "data:", "https://media.example.org"]
    assert "https://media.example.org" in found["admin_img_src"]
    assert "objects.example.net" not in " ".join(found["img_src"] + found["admin_img_src"])


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"S3_BUCKET": "sendias-media"}, "S3_BUCKET on Amazon S3 needs S3_REGION too."),
        ({**S3, "S3_ENDPOINT_URL": "ftp://x"}, "S3_ENDPOINT_URL must be an http:// or https://"),
        ({**S3, "S3_PUBLIC_URL": "media.example.org"}, "S3_PUBLIC_URL must be an http://"),
    ],
)
def test_incomplete_object_storage_settings_are_refused_by_name(tmp_path, env, says):
    assert says in refused(tmp_path, **env)


def test_each_servers_cache_is_purged_when_several_are_named(tmp_path):
    found = settings_with(
        tmp_path, HTTP_CACHE_PURGE_URL="http://10.0.0.11:8081, http://10.0.0.12:8081,"
    )

    assert found["purges"] == ["http://10.0.0.11:8081", "http://10.0.0.12:8081"]
