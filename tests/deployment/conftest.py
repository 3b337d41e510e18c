"""The deployment suite: the README's production stack (nginx -> gunicorn -> PostgreSQL),
started once for the session; every test here speaks HTTP to nginx. test_several_servers.py
has a stack of its own: README "Several servers" (two gunicorn instances, Redis, S3).

It needs Debian's nginx, openssl, PostgreSQL's client tools and DATABASE_URL naming a
PostgreSQL server (CI has all four). Without them it is skipped on a developer's machine,
with a message saying what is missing, and fails on CI (where CI is set).
"""

import os

import pytest

from . import stack as deployment


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/deployment/" in item.nodeid:
            item.add_marker(pytest.mark.deployment)


def started(**options):
    missing = deployment.missing_requirements(shared=options.get("shared", False))
    if missing:
        message = "the deployment suite needs " + ", ".join(missing) + " (README, Testing)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = os.environ["DATABASE_URL"]
    running = deployment.start(server, **options)
    yield running
    deployment.stop(running, server)


@pytest.fixture(scope="session")
def stack():
    yield from started()


@pytest.fixture(scope="module")
def servers():
    """Two application servers behind nginx, sharing PostgreSQL, Redis and object storage."""
    yield from started(app_servers=2, shared=True)


@pytest.fixture
def browser(stack):
    from .browser import Browser

    return Browser(stack)
