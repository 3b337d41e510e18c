"""Public pages through the production stack, against nginx serving the same bytes as a static
file, and the path that cannot be cached against the code before issue 12. Run: `make bench`
(or `python bench/cached_pages.py`).

Starts the stack of README "Deploying" on loopback, as the deployment tests do (nginx with
deploy/nginx/sendias.conf and its cache -> gunicorn with deploy/gunicorn.conf.py, 2 sync workers
-> a fresh PostgreSQL database on the server DATABASE_URL names, with the demo content), and
beside it gunicorn alone running the project as it was at --before (default BEFORE, the last
commit before the cache; its own database, the same demo content). For each public page:

- wrk speaks HTTPS to nginx, keeping its connections: the page from nginx's cache (what a
  visitor who is not signed in gets), and its ratio to the home page's HTML saved as a static
  file and served by the same nginx (the goal: 50 % or more);
- wrk speaks to each gunicorn directly, with the headers nginx adds: the path that cannot be
  cached, as a visitor (a query string: a cache miss costs the same) and signed in as an
  Editor (a session cookie), before and now, and the ratio (the goal: 2x or more).

Needs wrk, nginx with the cache-purge module, openssl, the PostgreSQL client tools, git and
DATABASE_URL=postgres://...  Options: --duration SECONDS (default 10), --connections N (8),
--before COMMIT ('' to skip).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from serve import load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.deployment import stack as deployment  # noqa: E402
from tests.deployment.browser import Browser  # noqa: E402

PAGES = [
    ("home page", "/"),
    ("topic page", "/send-topics/ehc-needs-assessments/"),
    ("news index", "/news/"),
    ("news article", "/news/annual-report-2021-22/"),
    ("policies", "/policies/"),
    ("policy page", "/policies/complaints/"),
    ("signposting", "/other-help/"),
    ("How we are doing", "/about-us/how-we-are-doing/"),
]
STATIC_COPY = "bench-home-page.html"
BEFORE = "bb212f7"  # the last commit before issue 12: every page rendered for every request


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--before", default=BEFORE)
    args = parser.parse_args()
    missing = deployment.missing_requirements() + ([] if shutil.which("wrk") else ["wrk"])
    if missing:
        print("Skipped the cached pages benchmark: it needs " + ", ".join(missing) + ".")
        return
    server = os.environ["DATABASE_URL"]
    folder = Path(tempfile.mkdtemp(prefix="sendias-before-"))
    running = []
    try:
        running.append(deployment.start(server, by_address=True))
        if args.before:
            code = checkout(args.before, folder)
            running.append(deployment.start(server, code=code, nginx=False))
        run(*running, args=args)
    finally:
        for stack in running:
            deployment.stop(stack, server)
        shutil.rmtree(folder, ignore_errors=True)


def checkout(commit: str, folder: Path) -> Path:
    """The project as it was at `commit`, runnable from this virtualenv: its own `config`
    (site/) comes first on the path, before the one installed from this checkout."""
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    (folder / "config").symlink_to("site")
    return folder


class App:
    """wrk straight to a stack's gunicorn, with the headers nginx adds."""

    def __init__(self, stack, username: str, args):
        self.stack, self.args = stack, args
        self.headers = {
            "Host": deployment.HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.93",
        }
        editor = Browser(stack, "127.0.0.92", server=0)
        assert editor.sign_in(username, stack.seed["passwords"][username]).status == 302
        self.session = {**self.headers, "Cookie": f"sessionid={editor.cookies['sessionid']}"}

    def load(self, path: str, signed_in=False) -> dict:
        url = f"http://127.0.0.1:{self.stack.app_ports[0]}{path}"
        if not signed_in:
            url += "?bench=miss"
        result = load(url, self.args, headers=self.session if signed_in else self.headers)
        assert result["non_2xx"] == 0, url
        return result


def run(stack, earlier=None, args=None) -> None:
    base = f"https://127.0.0.1:{stack.https_port}"
    visitor = Browser(stack, "127.0.0.91")
    home = visitor.get("/")
    static = stack.workdir / "static" / STATIC_COPY
    static.write_bytes(home.body)
    static.chmod(0o644)
    reference = load(f"{base}/static/{STATIC_COPY}", args)
    now = App(stack, "editor", args)
    before = App(earlier, "editor", args) if earlier else None

    print(
        f"nginx -> gunicorn ({os.environ.get('GUNICORN_WORKERS', 2)} sync workers) -> "
        f"PostgreSQL; wrk: 2 threads, {args.connections} connections, {args.duration}s; "
        f"{os.cpu_count()} CPUs; before: {args.before or 'not measured'}"
    )
    print(f"static copy of the home page ({len(home.body):,} bytes): {reference['rps']:,.0f} req/s")
    print()
    print(
        "| page | cached req/s | vs static | p99 ms | uncached before | uncached now | × "
        "| signed in before | signed in now | × |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, path in PAGES:
        assert visitor.get(path).status == 200, path
        cached = load(base + path, args)
        assert cached["non_2xx"] == 0, path
        uncached, signed_in = now.load(path), now.load(path, signed_in=True)
        if before:
            uncached_before = before.load(path)["rps"]
            signed_in_before = before.load(path, signed_in=True)["rps"]
            ratios = (uncached["rps"] / uncached_before, signed_in["rps"] / signed_in_before)
            earlier_figures = (f"{uncached_before:,.0f}", f"{signed_in_before:,.0f}")
            shown = tuple(f"{ratio:.1f}" for ratio in ratios)
        else:
            earlier_figures = shown = ("", "")
        print(
            f"| {label} | {cached['rps']:,.0f} | {cached['rps'] / reference['rps']:.0%} | "
            f"{cached['p99']:.2f} | {earlier_figures[0]} | {uncached['rps']:,.0f} | {shown[0]} "
            f"| {earlier_figures[1]} | {signed_in['rps']:,.0f} | {shown[1]} |"
        )


if __name__ == "__main__":
    main()
