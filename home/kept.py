"""What every public page shows, kept in Django's cache between requests: `kept(version, name,
compute)` under the site's content version (models.ContentVersion, moved on by home.cache
whenever something a page shows changes) and this release of the code.

Imports nothing of the site but Django's: the modules that build what pages show (the menu,
the glossary, the events, the easy-read links) keep it here, and home.cache, which says when it
changed, imports those modules' models."""

import hashlib
from functools import cache as once
from importlib import import_module
from importlib.metadata import distributions
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache

# Seconds. A change made through the app moves the content version on and shows at once; one
# made around it (SQL, a data migration) shows within this.
KEPT_FOR = 5 * 60


def kept(version: int, name: str, compute, *parts, seconds: int = KEPT_FOR):
    """compute(), kept in Django's cache under this content version (and `parts`), for this
    release of the code."""
    key = ":".join(("home", release(), name, str(version), *map(str, parts)))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


@once
def release() -> str:
    """A fingerprint of this release: the project's own code and templates (its apps, its
    configuration and URLs) and every installed package's version. With a cache shared by
    several servers, or kept across an update, no server reads what another release built
    (old markup or links during a rolling update, or after it)."""
    root = Path(settings.BASE_DIR)
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(config.path) for config in apps.get_app_configs()]
    folders.append(Path(import_module(settings.ROOT_URLCONF).__file__).parent)
    digest = hashlib.sha256()
    for folder in sorted({f for f in folders if f.parent == root}):  # not installed packages
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html") and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for package in sorted(f"{d.name}=={d.version}" for d in distributions()):
        digest.update(package.encode() + b"\0")
    return digest.hexdigest()[:12]
