"""Public pages through the production stack, against nginx serving the same bytes as a static
file. Run: `make bench` (or `python bench/cached_pages.py`).

Starts the stack of README "Deploying" on loopback, as the deployment tests do (nginx with
deploy/nginx/sendias.conf and its cache -> gunicorn with deploy/gunicorn.conf.py, 2 sync workers
-> a fresh PostgreSQL database on the server DATABASE_URL names, with the demo content). wrk
speaks HTTPS to nginx, keeping its connections, for each public page:

- from nginx's cache (what a visitor who is not signed in gets), and its ratio to the home
  page's HTML saved as a static file and served by the same nginx: the goal is 50 % or more;
- past the cache to the app: with a query string (a cache miss costs the same), and signed in
  as an Editor (a session cookie: the cache is passed by).

Needs wrk, nginx with the cache-purge module, openssl, the PostgreSQL client tools and
DATABASE_URL=postgres://...  Options: --duration SECONDS (default 10), --connections N (8).
"""

import argparse
import os
import shutil
import sys
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    missing = deployment.missing_requirements() + ([] if shutil.which("wrk") else ["wrk"])
    if missing:
        print("Skipped the cached pages benchmark: it needs " + ", ".join(missing) + ".")
        return
    server = os.environ["DATABASE_URL"]
    stack = deployment.start(server, by_address=True)
    try:
        run(stack, args)
    finally:
        deployment.stop(stack, server)


def run(stack, args) -> None:
    base = f"https://127.0.0.1:{stack.https_port}"
    visitor = Browser(stack, "127.0.0.91")
    home = visitor.get("/")
    static = stack.workdir / "static" / STATIC_COPY
    static.write_bytes(home.body)
    static.chmod(0o644)
    reference = load(f"{base}/static/{STATIC_COPY}", args)

    editor = Browser(stack, "127.0.0.92")
    assert editor.sign_in("editor", stack.seed["passwords"]["editor"]).status == 302
    session = {"Cookie": f"sessionid={editor.cookies['sessionid']}"}

    print(
        f"nginx -> gunicorn ({os.environ.get('GUNICORN_WORKERS', 2)} sync workers) -> "
        f"PostgreSQL; wrk: 2 threads, {args.connections} connections, {args.duration}s, HTTPS; "
        f"{os.cpu_count()} CPUs"
    )
    print(f"static copy of the home page ({len(home.body):,} bytes): {reference['rps']:,.0f} req/s")
    print()
    print("| page | cached req/s | vs static | p99 ms | cache miss req/s | signed in req/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, path in PAGES:
        assert visitor.get(path).status == 200, path
        cached = load(base + path, args)
        miss = load(base + path + "?bench=miss", args)
        signed_in = load(base + path, args, headers=session)
        assert cached["non_2xx"] == miss["non_2xx"] == signed_in["non_2xx"] == 0, path
        print(
            f"| {label} | {cached['rps']:,.0f} | {cached['rps'] / reference['rps']:.0%} | "
            f"{cached['p99']:.2f} | {miss['rps']:,.0f} | {signed_in['rps']:,.0f} |"
        )


if __name__ == "__main__":
    main()
