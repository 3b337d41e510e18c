"""Serve the site with gunicorn on 127.0.0.1 and measure it. Run: `make bench`.

For each page: requests per second and latency (wrk; gunicorn's sync workers
close each connection, so requests spread evenly over the workers), and the
SQL queries one request makes. In the same run, a minimal Django view served
the same way, and the ratio between the two.

The site runs with its production settings (DEBUG off, WhiteNoise, HTTPS
redirect off for plain-HTTP loopback) on a fresh SQLite file with the demo
content, or on a fresh database on the PostgreSQL server DATABASE_URL names.
Needs `wrk` (Debian: apt-get install wrk).

Options: --duration SECONDS (default 10), --connections N (default 8).
"""

import argparse
import atexit
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2  # one per core on the reference machine

HOME = ("home page", "/")
TOPIC = ("topic page", "/send-topics/ehc-needs-assessments/")
NEWS = ("news index", "/news/")
NOT_FOUND = ("page not found", "/no-such-page/")

# (news items on the site, pages measured). The second run shows whether the
# cost of a page grows with the content: it must not.
SCENARIOS = [(10, [HOME, TOPIC, NEWS, NOT_FOUND]), (200, [HOME, NEWS])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="sendias-bench-"))
    env = site_environment(workdir)
    prepare(env)

    rows = []
    for news_items, pages in SCENARIOS:
        add_news(env, news_items)
        queries = count_queries(env, pages)
        with gunicorn("config.wsgi:application", env) as base_url:
            for label, path in pages:
                result = load(base_url + path, args)
                rows.append((f"{label} ({news_items} news)", path, result, queries[path]))
    minimal_env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT / "bench")}
    with gunicorn("minimal_app:application", minimal_env) as base_url:
        minimal = load(base_url + "/", args)

    report(rows, minimal, args)
    shutil.rmtree(workdir, ignore_errors=True)


def fresh_database(workdir: Path) -> str:
    """A database of the bench's own, so that runs never meet: a new one on the PostgreSQL
    server DATABASE_URL names (dropped when the bench ends), else a new SQLite file."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    from tests.deployment.stack import create_database, drop_database

    name = f"sendias_bench_{secrets.token_hex(4)}"
    atexit.register(drop_database, server, name)
    return create_database(server, name)


def site_environment(workdir: Path) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(workdir)),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": fresh_database(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "false",
    }


def prepare(env: dict):
    commands = (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo", "--force"])
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for path in sys.argv[1:]:
    client.get(path)  # the first request fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    counts[path] = len(queries)
print(json.dumps(counts))
"""


NEWS_FILLER = """
import sys
import django
django.setup()
from home.models import NewsArticlePage, NewsIndexPage
index = NewsIndexPage.objects.get()
have = NewsArticlePage.objects.child_of(index).count()
for n in range(have, int(sys.argv[1])):
    article = NewsArticlePage(title=f"Benchmark news item {n}", slug=f"bench-{n}", summary="x")
    index.add_child(instance=article)
    article.save_revision().publish()
"""


def add_news(env: dict, total: int):
    """Add news articles until the news index holds `total`."""
    subprocess.run([sys.executable, "-c", NEWS_FILLER, str(total)], cwd=ROOT, env=env, check=True)


def count_queries(env: dict, pages) -> dict:
    """SQL queries per request, counted in a process with the site's settings."""
    result = subprocess.run(
        [sys.executable, "-c", QUERY_COUNTER, *[path for _, path in pages]],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class gunicorn:  # noqa: N801  (used as a context manager, like open())
    """Serve a WSGI application with gunicorn on a free loopback port."""

    def __init__(self, app: str, env: dict):
        self.app, self.env = app, env

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", self.app,
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(WORKERS), "--worker-class", "sync",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310
                return url
            except urllib.error.HTTPError:
                return url
            except OSError:
                time.sleep(0.1)
        self.process.terminate()
        raise RuntimeError(f"gunicorn did not start serving {self.app}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)


WRK_REPORT = Path(__file__).with_name("wrk_report.lua")


def load(url: str, args, headers=None, connections=None, duration=None, warmup=2, paths=()) -> dict:
    """Warm up for `warmup` seconds, then measure with wrk (2 threads, `connections` or
    args.connections, sending `headers` too; with `paths`, each thread asks for them in turn
    on `url`'s server). A request is given up on after 10 s (wrk's timeout), so anything
    slower than a second is in the latency figures. Returns req/s, p50, p90, p99 and the
    slowest request in ms, and how many requests failed: `non_2xx` (status 400 or more),
    `timeouts`, `socket_errors` (connect, read, write)."""
    connections = connections or args.connections
    wrk = ["wrk", "--threads", "2", "--connections", str(connections), "--timeout", "10s"]
    wrk += ["--script", str(WRK_REPORT)]
    for name, value in (headers or {}).items():
        wrk += ["--header", f"{name}: {value}"]
    env = {**os.environ, "WRK_PATHS": ",".join(paths)}
    if warmup:
        subprocess.run(
            [*wrk, "--duration", f"{warmup}s", url], check=True, capture_output=True, env=env
        )
    out = subprocess.run(
        [*wrk, "--duration", f"{duration or args.duration}s", url],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    figures = json.loads(re.search(r"^WRK_JSON (.+)$", out, re.MULTILINE).group(1))
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "requests": figures["requests"],
        "p50": figures["p50_us"] / 1000,
        "p90": figures["p90_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "max": figures["max_us"] / 1000,
        "non_2xx": figures["status"],
        "timeouts": figures["timeout"],
        "socket_errors": figures["connect"] + figures["read"] + figures["write"],
    }


def report(rows, minimal, args):
    print(
        f"gunicorn: {WORKERS} sync workers; wrk: 2 threads, "
        f"{args.connections} connections, {args.duration}s; {os.cpu_count()} CPUs"
    )
    print(f"{'page':<28}{'path':<38}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
          f"{'queries':>9}{'vs minimal':>12}")  # fmt: skip
    for label, path, result, queries in rows:
        ratio = result["rps"] / minimal["rps"]
        print(
            f"{label:<28}{path:<38}{result['rps']:>9.0f}{result['p50']:>9.2f}"
            f"{result['p90']:>9.2f}{result['p99']:>9.2f}{queries:>9}{ratio:>11.2f}x"
        )
    print(
        f"{'minimal view':<28}{'/':<38}{minimal['rps']:>9.0f}{minimal['p50']:>9.2f}"
        f"{minimal['p90']:>9.2f}{minimal['p99']:>9.2f}{0:>9}{1:>11.2f}x"
    )


if __name__ == "__main__":
    main()
