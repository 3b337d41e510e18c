"""What several application servers must share, taken from the environment (production.py).

- The cache: `CACHE_URL` (or `REDIS_URL`) names a Redis server, used through Django's own
  Redis backend; without either, each worker keeps its own cache in memory, which is right
  for one server. What the site keeps there is always correct (home.cache keys it under the
  content version in the database), but only a shared cache counts the password-reset limit
  across every worker and server, and builds the menu once rather than once per worker.
- Uploaded files: `S3_BUCKET` puts documents, images and their renditions in S3-compatible
  object storage through django-storages; without it they stay under MEDIA_ROOT. The bucket
  stays private: documents (evidence among them) and original images are only ever read by
  the app, which checks who asks (WAGTAILDOCS_SERVE_METHOD = "serve_view"); the public reads
  only image renditions (`images/`), which deploy/s3/public-images-policy.json opens.
"""

import hashlib
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = ("redis", "rediss", "unix")
REDIS_TIMEOUT = 2  # seconds: an unreachable Redis fails a request fast, not at gunicorn's 30 s
RENDITIONS = "renditions"  # the STORAGES alias for public image renditions
SIGNED_URL_SECONDS = 300  # how long a signed address of a private file stays valid


def cache_settings(environ: Mapping[str, str]) -> dict:
    """CACHES: Redis from CACHE_URL or REDIS_URL, else each worker's own memory.

    Keys are prefixed with a digest of SECRET_KEY, so two sites sharing one Redis (a host's
    several services, or a staging copy restored from production, with the same page ids)
    never read each other's copies; CACHE_KEY_PREFIX sets the prefix instead."""
    url = (environ.get("CACHE_URL") or environ.get("REDIS_URL") or "").strip()
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    scheme = urlsplit(url).scheme.lower()
    if scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"CACHE_URL must name a Redis server (redis://, rediss:// or unix://), not {url!r}."
        )
    secret = environ.get("SECRET_KEY", "").encode()
    prefix = environ.get("CACHE_KEY_PREFIX", "").strip() or hashlib.sha256(secret).hexdigest()[:12]
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }


class ObjectStorage:
    """The S3 settings from the environment, or None when S3_BUCKET is not set.

    S3_BUCKET           the bucket (required to use object storage at all)
    S3_ENDPOINT_URL     an S3-compatible service's address; addressed by path (bucket after
                        the host), which every such service understands. Empty: Amazon S3
    S3_REGION           the bucket's region (required for Amazon S3)
    S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY
                        the app's key; empty: boto3's own (an instance role, ~/.aws)
    S3_PUBLIC_URL       where browsers fetch image renditions from (a CDN, say); default
                        the bucket's own address
    """

    def __init__(self, environ: Mapping[str, str]):
        def get(name: str) -> str:
            return environ.get(name, "").strip()

        self.bucket = get("S3_BUCKET")
        self.endpoint_url = get("S3_ENDPOINT_URL").rstrip("/")
        self.region = get("S3_REGION")
        if not self.endpoint_url and not self.region:
            raise ImproperlyConfigured("S3_BUCKET on Amazon S3 needs S3_REGION too.")
        for name in ("S3_ENDPOINT_URL", "S3_PUBLIC_URL"):
            if get(name) and urlsplit(get(name)).scheme not in ("http", "https"):
                raise ImproperlyConfigured(f"{name} must be an http:// or https:// address.")
        self.access_key, self.secret_key = get("S3_ACCESS_KEY_ID"), get("S3_SECRET_ACCESS_KEY")
        self.public_url = get("S3_PUBLIC_URL").rstrip("/") or (
            f"{self.endpoint_url}/{self.bucket}"
            if self.endpoint_url
            else f"https://{self.bucket}.s3.{self.region}.amazonaws.com"
        )

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> "ObjectStorage | None":
        return cls(environ) if environ.get("S3_BUCKET", "").strip() else None

    @property
    def public_origin(self) -> str:
        """For the Content-Security-Policy's img-src."""
        parts = urlsplit(self.public_url)
        return f"{parts.scheme}://{parts.netloc}"

    def storages(self) -> dict:
        """STORAGES entries: "default" private and signed, RENDITIONS public and plain."""
        common = {
            "bucket_name": self.bucket,
            "endpoint_url": self.endpoint_url or None,
            "region_name": self.region or None,
            "access_key": self.access_key or None,
            "secret_key": self.secret_key or None,
            "addressing_style": "path" if self.endpoint_url else None,
            "default_acl": None,  # the bucket's own rules: private, but for images/
            "file_overwrite": False,
        }
        public = urlsplit(self.public_url)
        backend = "storages.backends.s3.S3Storage"
        return {
            "default": {
                "BACKEND": backend,
                "OPTIONS": {
                    **common,
                    "querystring_auth": True,
                    "querystring_expire": SIGNED_URL_SECONDS,
                },
            },
            RENDITIONS: {
                "BACKEND": backend,
                "OPTIONS": {
                    **common,
                    "querystring_auth": False,
                    "custom_domain": public.netloc + public.path,
                    "url_protocol": f"{public.scheme}:",
                },
            },
        }
