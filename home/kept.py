"""What every public page shows, kept in Django's cache between requests: `kept(version, name,
compute)` under the site's content version (models.ContentVersion, moved on by home.cache
whenever something a page shows changes) and this release of the code.

Each worker also holds what it has read from the cache, as the same object, until the moment
the cache's copy ends: reading a copy back from the cache (unpickling the site's home page, the
menu, the footer) was a fifth of an uncached page's time, ten times a request. So what
`kept()` returns is shared by the worker's requests: never change it.

Imports nothing of the site but Django's: the modules that build what pages show (the menu,
the glossary, the events, the easy-read links) keep it here, and home.cache, which says when it
changed, imports those modules' models."""

import hashlib
import time
from collections import OrderedDict
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


# What a worker holds of the cache's copies, the most recently used: for a site of a few hundred
# pages, its every page's copies (its route, view restrictions, kept markup).
HELD_AT_MOST = 512
_held: "OrderedDict[str, tuple[float, object]]" = OrderedDict()


def kept(version: int, name: str, compute, *parts, seconds: int = KEPT_FOR):
    """compute(), kept in Django's cache under this content version (and `parts`), for this
    release of the code, for `seconds`; and held by this worker until the cache's copy ends."""
    key = ":".join(("home", release(), name, str(version), *map(str, parts)))
    now = time.time()
    held = _held.get(key)
    if held is None or held[0] <= now:
        held = cache.get(key)
        if held is None or held[0] <= now:  # (a cache on a server whose clock is behind)
            held = (now + seconds, compute())  # ends with the cache's copy, in every worker
            cache.set(key, held, seconds)
        _held[key] = held
        while len(_held) > HELD_AT_MOST:
            _held.popitem(last=False)
    _held.move_to_end(key)
    return held[1]


def forget() -> None:
    """Empty Django's cache and what this worker holds of it (tests)."""
    cache.clear()
    _held.clear()


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
