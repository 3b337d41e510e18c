"""What every page shows is kept in Django's cache under the content version, and each worker
holds what it read of it (home.kept) until the moment the cache's copy ends: never longer,
whichever worker made it, and at most HELD_AT_MOST copies."""

from types import SimpleNamespace

import pytest

from home import kept as keeping


class Clock:
    """The site's clock (Django's cache keeps its own: a copy outlives its end there)."""

    def __init__(self, monkeypatch):
        self.now = 1_000_000.0
        monkeypatch.setattr(keeping, "time", SimpleNamespace(time=lambda: self.now))


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


class Counted:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"built": self.calls}


def test_a_copy_is_built_once_and_the_same_one_given_until_it_ends(clock):
    build = Counted()

    first = keeping.kept(7, "menu", build, seconds=60)
    clock.now += 59
    again = keeping.kept(7, "menu", build, seconds=60)
    clock.now += 1
    rebuilt = keeping.kept(7, "menu", build, seconds=60)

    assert again is first and build.calls == 2
    assert rebuilt == {"built": 2}


def test_a_copy_another_worker_made_is_held_only_until_that_copy_ends(clock):
    build = Counted()
    keeping.kept(7, "footer", build, seconds=60)  # another worker built it...
    keeping._held.clear()  # ...and this worker holds nothing yet
    clock.now += 50

    read = keeping.kept(7, "footer", build, seconds=60)  # read from the cache
    clock.now += 10  # the copy's end, wherever it is held or kept
    after = keeping.kept(7, "footer", build, seconds=60)

    assert read == {"built": 1} and after == {"built": 2} and build.calls == 2


def test_a_new_content_version_is_a_new_copy_at_once(clock):
    build = Counted()

    before = keeping.kept(7, "menu", build)
    after = keeping.kept(8, "menu", build)

    assert before == {"built": 1} and after == {"built": 2}


def test_a_worker_holds_at_most_so_many_copies_the_least_used_going_first(clock, monkeypatch):
    monkeypatch.setattr(keeping, "HELD_AT_MOST", 3)
    for name in ("a", "b", "c"):
        keeping.kept(1, name, Counted())
    keeping.kept(1, "a", Counted())  # used again
    keeping.kept(1, "d", Counted())

    assert [key.split(":")[2] for key in keeping._held] == ["c", "a", "d"]


def test_nothing_kept_is_a_value_too(clock):
    build = Counted()
    nothing = lambda: build() and None  # noqa: E731

    assert keeping.kept(1, "none", nothing) is None
    assert keeping.kept(1, "none", nothing) is None
    assert build.calls == 1
