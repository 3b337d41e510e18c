"""Public pages through the production stack, against nginx serving the same bytes as static
files, and the home page that cannot be cached against a minimal Django view; each target of
issue 13 checked. Run: `make bench` (or `python bench/cached_pages.py`).

Starts the stack of README "Deploying" on loopback, as the deployment tests do (nginx with
deploy/nginx/sendias.conf and its cache -> gunicorn with deploy/gunicorn.conf.py, 2 sync
workers -> a fresh PostgreSQL database on the server DATABASE_URL names, with the demo
content) and, beside it, bench/minimal_app.py served by gunicorn with the same configuration.
Then, with wrk (2 threads, a request given up on after 10 s), at 8 and at 32 connections:

- each public page from nginx's cache, and a rotation over them, against the same responses
  (HTML and headers) as static files (bench/page_rates.py);
- the home page that cannot be cached against the minimal view (bench/uncached_rates.py);
- the same home page while each gunicorn worker in turn is recycled, as max_requests does
  (bench/recycling.py); with --cold, again without warming new workers up.

Prints the figures as a table (req/s, p50, p99 and the slowest request in ms, failed
requests: status 400 or more, timeouts, socket errors) and a PASS or FAIL line for each
target (bench/targets.py): cached pages at 85 % or more of static's rate and a p99 at most 3
times static's, at both numbers of connections; no request over 1 s (nor any that failed) in
any measurement; the uncached home page at 20 % or more of the minimal view's rate.

Needs wrk, nginx with the cache-purge module, openssl, the PostgreSQL client tools and
DATABASE_URL=postgres://...  Options: --duration SECONDS (default 5: each measurement; those
straight to gunicorn after 2 s of warming up),
--connections N [N ...] (default 8 32), --cold. About 8 minutes.
"""

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measurements import Measurements  # noqa: E402
from page_rates import (  # noqa: E402
    PAGES,
    ROTATION_SECONDS,
    ROUNDS,
    TURN_SECONDS,
    StaticCopies,
    measure_pages,
    seconds_a_concurrency,
)
from processes import resident  # noqa: E402
from recycling import RECYCLING_SECONDS, measure_recycled, measure_recycled_cold  # noqa: E402
from targets import report  # noqa: E402
from uncached_rates import measure_uncached, minimal_app  # noqa: E402

from tests.deployment import stack as deployment  # noqa: E402
from tests.deployment.browser import Browser  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 32])
    parser.add_argument(
        "--cold",
        action="store_true",
        help="then restart gunicorn with GUNICORN_WARM_PAGES=0 and recycle its workers again",
    )
    args = parser.parse_args()
    missing = deployment.missing_requirements() + ([] if shutil.which("wrk") else ["wrk"])
    if missing:
        print("Skipped the cached pages benchmark: it needs " + ", ".join(missing) + ".")
        return
    server = os.environ["DATABASE_URL"]
    started, load_before = time.monotonic(), os.getloadavg()[0]
    copies = StaticCopies()
    stack = deployment.start(server, by_address=True, nginx_changes=copies.nginx_changes())
    try:
        with minimal_app(stack) as minimal:
            measurements, notes = measure(stack, minimal, copies, args)
        warm_ups = re.findall(r"Warmed up: (\d+) pages in ([\d.]+) s", stack.log("gunicorn-1.log"))
    finally:
        deployment.stop(stack, server)
        shutil.rmtree(copies.folder, ignore_errors=True)
    seconds, load_after = time.monotonic() - started, os.getloadavg()[0]
    print()
    print(
        f"nginx -> gunicorn ({stack.env['GUNICORN_WORKERS']} sync workers, "
        f"deploy/gunicorn.conf.py) -> PostgreSQL; wrk: 2 threads, {args.duration} s a "
        f"measurement straight to gunicorn; cached pages and static files in turn, {ROUNDS} "
        f"turns each ({TURN_SECONDS} s a page, {ROTATION_SECONDS} s the rotation); "
        f"{os.cpu_count()} CPUs, shared by "
        f"all of them; {seconds / 60:.1f} minutes in all; load average {load_before:.2f} "
        f"before, {load_after:.2f} after"
    )
    report(measurements.rows)
    if warm_ups:
        seconds = sorted(float(taken) for _, taken in warm_ups)
        notes.append(
            f"A new worker warmed up (deploy/gunicorn.conf.py post_worker_init) {len(seconds)} "
            f"times, rendering {warm_ups[0][0]} pages in {seconds[0]:.2f} to {seconds[-1]:.2f} s."
        )
    print()
    for note in notes:
        print(note)


def measure(stack, minimal: minimal_app, copies, args) -> tuple[Measurements, list[str]]:
    visitor = Browser(stack, "127.0.0.91")
    pages = {path: visitor.get(path) for _, path in PAGES}
    assert all(page.status == 200 for page in pages.values()), pages
    copies.save(stack, pages)
    site = stack.apps[stack.app_ports[0]].pid
    memory = resident(site)
    measurements = Measurements(args)
    print(f"Measuring (about {estimate(args) / 60:.0f} minutes):", flush=True)
    measure_pages(stack, measurements, pages, copies)
    measure_uncached(stack, measurements, minimal)
    served = stack.log("gunicorn-1.log").count(" HTTP/1.")
    notes = [
        f"The site's gunicorn workers' memory (RSS): {memory} after warming up, "
        f"{resident(site)} after serving {served:,} requests between them."
    ]
    measure_recycled(stack, measurements)
    if args.cold:
        measure_recycled_cold(stack, measurements)
    return measurements, notes


def estimate(args) -> float:
    """Seconds the measurements take."""
    nginx = seconds_a_concurrency()
    recycled = (RECYCLING_SECONDS + 2) * (2 if args.cold else 1)
    return len(args.connections) * (nginx + 2 * (args.duration + 2) + recycled)


if __name__ == "__main__":
    main()
