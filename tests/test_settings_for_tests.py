"""The test run keeps to itself: what the tests upload never lands in the project's media/."""

from pathlib import Path

from django.conf import settings

from .factories import DocumentFactory

PROJECT_MEDIA = Path(__file__).resolve().parent.parent / "media"


def test_uploads_go_to_a_temporary_folder(db):
    before = set(PROJECT_MEDIA.rglob("*")) if PROJECT_MEDIA.exists() else set()

    document = DocumentFactory()

    assert Path(document.file.path).is_relative_to(settings.MEDIA_ROOT)
    assert not Path(settings.MEDIA_ROOT).is_relative_to(PROJECT_MEDIA.parent)
    after = set(PROJECT_MEDIA.rglob("*")) if PROJECT_MEDIA.exists() else set()
    assert after == before


def test_debug_false_make_run_shows_the_sites_own_error_pages(tmp_path):
    """README: `DEBUG=false make run` shows the site's own 404 page, styled."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    root = PROJECT_MEDIA.parent
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True, timeout=300
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=5)  # noqa: S310
            except urllib.error.HTTPError as error:
                page = error.read().decode()
                status = error.code
                break
            except OSError:
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.3)
        stylesheet = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/css/site.css", timeout=5
        )  # noqa: S310
    finally:
        server.terminate()
        server.wait(timeout=10)

    assert status == 404
    assert "<h1>Page not found</h1>" in page
    assert stylesheet.status == 200
