"""Public pages through the production stack, against nginx serving the same bytes as a static
file, and the home page that cannot be cached against a minimal Django view; each target of
issue 13 checked. Run: `make bench` (or `python bench/cached_pages.py`).

Starts the stack of README "Deploying" on loopback, as the deployment tests do (nginx with
deploy/nginx/sendias.conf and its cache -> gunicorn with deploy/gunicorn.conf.py, 2 sync
workers -> a fresh PostgreSQL database on the server DATABASE_URL names, with the demo
content) and, beside it, bench/minimal_app.py served by gunicorn with the same configuration.
Then, with wrk (2 threads, a request given up on after 10 s), at 8 and at 32 connections:

- each public page as a visitor who is not signed in gets it (nginx's cache, over HTTPS with
  kept connections), against static: the home page's HTML saved as a static file and served
  by the same nginx, measured before and after each page (the page is compared with the
  mean of the two, so that the machine's drift in between counts for neither);
- a rotation: each of wrk's connections asks for the public pages in turn, for long enough
  that every page's copy expires several times (HTTP_CACHE_SECONDS, 5 s); against the same
  bytes saved as static files and asked for the same way (wrk's script, one path after the
  other), before and after;
- the home page that cannot be cached: with a query string, straight to gunicorn with the
  headers nginx adds, against the minimal view served the same way; with the CPU time the
  workers used a request, which other processes on the machine disturb less than the rate;
- the same home page while each gunicorn worker in turn is recycled (as max_requests does).

Prints the figures as a table (req/s, p50, p99 and the slowest request in ms, failed
requests: status 400 or more, timeouts, socket errors) and a PASS or FAIL line for each
target: cached pages at 85 % or more of static's rate and a p99 at most 3 times static's, at
both numbers of connections; no request over 1 s (nor any that failed) in any measurement;
the uncached home page at 20 % or more of the minimal view's rate.

Needs wrk, nginx with the cache-purge module, openssl, the PostgreSQL client tools and
DATABASE_URL=postgres://...  Options: --duration SECONDS (default 5: each measurement; those
straight to gunicorn after 2 s of warming up), --rotation SECONDS (default 15),
--connections N [N ...] (default 8 32). About 6 minutes.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
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
STATIC = "static, the home page's bytes"
ROTATION = "rotation of the 8 pages"
STATIC_ROTATION = "static, the 8 pages' bytes in turn"
UNCACHED = "home page, uncached"
RECYCLED = "home page, uncached, each worker recycled"
MINIMAL = "minimal Django view"
RECYCLING_SECONDS = 16

# The targets (issue 13).
RATE_OF_STATIC = 0.85
P99_OF_STATIC = 3.0
SLOWEST_MS = 1000.0
RATE_OF_MINIMAL = 0.20


@dataclass(eq=False)  # a row is itself: a key for its own figures
class Row:
    label: str
    connections: int
    figures: dict
    kind: str  # "static", "cached", "uncached", "minimal", "recycled"
    yardstick: str = ""  # what it is compared with, measured in the same run
    against: dict | None = None  # the yardstick's figures (a mean, if measured more than once)

    @property
    def failed(self) -> int:
        return sum(self.figures[key] for key in ("non_2xx", "timeouts", "socket_errors"))

    def compare(self, yardstick: str, *rows: "Row") -> None:
        self.yardstick = yardstick
        self.against = {
            key: sum(row.figures[key] for row in rows) / len(rows)
            for key in ("rps", "p50", "p99", "cpu_ms")
            if all(key in row.figures for row in rows)
        }

    @property
    def rate(self) -> float:
        return self.figures["rps"] / self.against["rps"]

    @property
    def p99_ratio(self) -> float:
        return self.figures["p99"] / self.against["p99"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rotation", type=int, default=15)
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
    stack = deployment.start(server, by_address=True)
    try:
        with minimal_app(stack) as minimal:
            rows, notes = measure(stack, minimal, args)
        warm_ups = re.findall(r"Warmed up: (\d+) pages in ([\d.]+) s", stack.log("gunicorn-1.log"))
    finally:
        deployment.stop(stack, server)
    seconds, load_after = time.monotonic() - started, os.getloadavg()[0]
    print()
    print(
        f"nginx -> gunicorn ({stack.env['GUNICORN_WORKERS']} sync workers, "
        f"deploy/gunicorn.conf.py) -> PostgreSQL; wrk: 2 threads, {args.duration} s a "
        f"measurement ({args.rotation} s for the rotation); {os.cpu_count()} CPUs, shared by "
        f"all of them; {seconds / 60:.1f} minutes in all; load average {load_before:.2f} "
        f"before, {load_after:.2f} after"
    )
    report(rows)
    if warm_ups:
        seconds = sorted(float(taken) for _, taken in warm_ups)
        notes.append(
            f"A new worker warmed up (deploy/gunicorn.conf.py post_worker_init) {len(seconds)} "
            f"times, rendering {warm_ups[0][0]} pages in {seconds[0]:.2f} to {seconds[-1]:.2f} s."
        )
    print()
    for note in notes:
        print(note)


class minimal_app:  # noqa: N801  (a context manager, like open())
    """bench/minimal_app.py served as the stack serves the site: the ExecStart of
    deploy/systemd/sendias.service, so deploy/gunicorn.conf.py, with 2 workers, logging to
    a file."""

    def __init__(self, stack):
        self.stack = stack

    def __enter__(self) -> "minimal_app":
        port = deployment.free_port()
        command = deployment.unit_exec_start("sendias.service")
        command[command.index("config.wsgi")] = "minimal_app:application"
        self.log = open(self.stack.workdir / "minimal-gunicorn.log", "w")  # noqa: SIM115
        env = {
            "PATH": os.environ["PATH"],
            "PYTHONPATH": str(ROOT / "bench"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": self.stack.env["GUNICORN_WORKERS"],
        }
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deployment._wait_for_port(port)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def measure(stack, minimal: "minimal_app", args) -> tuple[list[Row], list[str]]:
    base = f"https://127.0.0.1:{stack.https_port}"
    visitor = Browser(stack, "127.0.0.91")
    bodies = {}
    for _, path in PAGES:
        page = visitor.get(path)
        assert page.status == 200, path
        bodies[path] = page.body
    # The static yardsticks: the home page's HTML, and each page's for the rotation's.
    copies = {STATIC_COPY: bodies["/"]}
    copies.update({f"bench-page-{n}.html": bodies[path] for n, (_, path) in enumerate(PAGES)})
    for name, body in copies.items():
        static = stack.workdir / "static" / name
        static.write_bytes(body)
        static.chmod(0o644)
    app = f"http://127.0.0.1:{stack.app_ports[0]}"
    headers = {  # what nginx adds (deploy/nginx/sendias.conf)
        "Host": deployment.HOST,
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "127.0.0.93",
    }
    site = stack.apps[stack.app_ports[0]].pid
    memory = [resident(site)]
    rows = []

    def run(label, kind, connections, url, size=None, workers_of=None, **options) -> Row:
        """Measure, and for a gunicorn (`workers_of`, its master's process id) the CPU time
        its workers used a request, which the other processes on the machine do not change
        as much as they change the rate."""
        if workers_of:  # warmed up here, then measured
            load(url, args, connections=connections, duration=2, warmup=0, **options)
            options["warmup"] = 0
            before = cpu_seconds(workers(workers_of))
        figures = load(url, args, connections=connections, **options)
        if workers_of:
            used = cpu_seconds(workers(workers_of)) - before
            figures["cpu_ms"] = used * 1000 / max(1, figures["requests"])
        figures["bytes"] = size
        row = Row(label, connections, figures, kind)
        rows.append(row)
        print(f"  {label}, {connections} connections: {figures['rps']:,.0f} req/s", flush=True)
        return row

    print(f"Measuring (about {estimate(args) / 60:.0f} minutes):", flush=True)
    # No warming up before each run: wrk's connections are its own in each run, and each page
    # is in nginx's cache (kept for a day, served while it is renewed once it has expired).
    # Only once, the pages in turn for a second: wrk names the host 127.0.0.1, so its copies
    # in nginx's cache are not those the checks above made (the key is host and path), and
    # the first requests of a run would find none and wait for nginx's lock.
    # Static before and after each page: the page against their mean, so that the machine's
    # drift in between counts for neither.
    static, home = f"{base}/static/{STATIC_COPY}", len(bodies["/"])
    pages = [path for _, path in PAGES]
    load(base, args, connections=8, duration=1, warmup=0, paths=pages)
    for connections in args.connections:
        before = run(STATIC, "static", connections, static, home, warmup=0)
        for label, path in PAGES:
            page = run(label, "cached", connections, base + path, len(bodies[path]), warmup=0)
            after = run(STATIC, "static", connections, static, home, warmup=0)
            page.compare(STATIC, before, after)
            before = after
        # Not a yardstick: the largest page's own bytes as a static file, beside the last
        # static copy of the home page, to tell its size from its cache.
        largest = max(range(len(PAGES)), key=lambda n: len(bodies[PAGES[n][1]]))
        label, path = PAGES[largest]
        own = run(
            f"static, {label}'s bytes",
            "static, other",
            connections,
            f"{base}/static/bench-page-{largest}.html",
            len(bodies[path]),
            warmup=0,
        )
        own.compare(STATIC, before)
        # The rotation against the same bytes as static files, asked for the same way.
        copies = [f"/static/bench-page-{n}.html" for n in range(len(PAGES))]
        first = run(STATIC_ROTATION, "static", connections, base, paths=copies, warmup=0)
        rotation = run(
            ROTATION, "cached", connections, base, paths=pages, duration=args.rotation, warmup=0
        )
        last = run(STATIC_ROTATION, "static", connections, base, paths=copies, warmup=0)
        rotation.compare(STATIC_ROTATION, first, last)
    for connections in args.connections:
        uncached = run(
            UNCACHED,
            "uncached",
            connections,
            f"{app}/?bench=miss",
            headers=headers,
            workers_of=site,
        )
        yardstick = run(
            MINIMAL,
            "minimal",
            connections,
            f"{minimal.url}/",
            headers=headers,
            workers_of=minimal.process.pid,
        )
        uncached.compare(MINIMAL, yardstick)
    served = stack.log("gunicorn-1.log").count(" HTTP/1.")
    notes = [
        f"The site's gunicorn workers' memory (RSS): {memory[0]} after warming up, "
        f"{resident(site)} after serving {served:,} requests between them."
    ]

    def recycled(label, warm_up_first=False):
        for connections in args.connections:
            url = f"{app}/?bench=miss"
            if warm_up_first:  # fresh workers, as if they had served for a while
                load(url, args, connections=connections, duration=2, warmup=0, headers=headers)
            with recycling(stack):
                row = run(
                    label,
                    "recycled",
                    connections,
                    url,
                    headers=headers,
                    warmup=0,
                    duration=RECYCLING_SECONDS,
                )
            row.compare(
                MINIMAL, *[r for r in rows if r.kind == "minimal" and r.connections == connections]
            )

    recycled(RECYCLED)
    if args.cold:
        stack.env["GUNICORN_WARM_PAGES"] = "0"
        deployment.stop_app(stack)
        deployment.start_app(stack)
        recycled(f"{RECYCLED}, without warming up (GUNICORN_WARM_PAGES=0)", warm_up_first=True)
    return rows, notes


def resident(master: int) -> str:
    """The resident memory of a gunicorn master's workers."""
    sizes = []
    for pid in workers(master):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)))
    return " and ".join(f"{size / 1024:.0f} MB" for size in sorted(sizes))


def workers(master: int) -> list[int]:
    """A gunicorn master's workers."""
    return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time these processes have used (user and system)."""
    return sum(cpu_ticks(pid) for pid in pids) / os.sysconf("SC_CLK_TCK")


class recycling:  # noqa: N801
    """During a measurement, each of the stack's gunicorn workers in turn is told to finish
    (SIGTERM, as a worker past max_requests does: it ends the request in hand and exits) and
    gunicorn starts another: the first a second in, the second once the first's replacement
    has warmed up (deploy/gunicorn.conf.py logs it; without warming up, or if that takes
    longer, 8 s after the first), as max_requests_jitter spreads them. Before and after, the
    workers are left to settle: all there, none using the CPU."""

    def __init__(self, stack):
        self.stack = stack
        self.master = stack.apps[stack.app_ports[0]].pid
        self.count = int(stack.env["GUNICORN_WORKERS"])

    def workers(self) -> list[int]:
        return workers(self.master)

    def warm_ups(self) -> int:
        return self.stack.log("gunicorn-1.log").count("Warmed up:")

    def settle(self, gone=()) -> None:
        """Until gunicorn has all its workers, none of `gone`, and none has used any CPU for
        a second: each has booted (and warmed up) and waits for requests."""
        deadline, quiet_since, last = time.monotonic() + 60, None, None
        while True:
            assert time.monotonic() < deadline, "gunicorn's workers did not settle in a minute"
            workers = self.workers()
            try:
                ticks = {pid: cpu_ticks(pid) for pid in workers}
            except FileNotFoundError:  # a worker just ended
                ticks = None
            if len(workers) != self.count or set(workers) & set(gone) or ticks != last:
                quiet_since, last = None, ticks
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 1:
                return
            time.sleep(0.1)

    def recycle(self) -> None:
        time.sleep(1)
        for pid in self.before:
            warmed = self.warm_ups()
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + RECYCLING_SECONDS / 2
            while self.warm_ups() == warmed and time.monotonic() < deadline:
                time.sleep(0.05)

    def __enter__(self):
        self.settle()
        self.before = self.workers()
        self.thread = threading.Thread(target=self.recycle)
        self.thread.start()

    def __exit__(self, *exc):
        self.thread.join()
        self.settle(gone=self.before)


def cpu_ticks(pid: int) -> int:
    """The CPU time a process has used (user and system, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


def estimate(args) -> float:
    """Seconds the measurements take."""
    nginx = (2 * len(PAGES) + 4) * args.duration + args.rotation
    recycled = (RECYCLING_SECONDS + 2) * (2 if args.cold else 1)
    return len(args.connections) * (nginx + 2 * (args.duration + 2) + recycled)


def report(rows: list[Row]) -> None:
    print()
    print(
        "| measured | connections | bytes | req/s | p50 ms | p99 ms | max ms | failed "
        "| against | its req/s | rate | its p99 ms | p99 × | worker CPU ms a request |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for row in rows:
        figures = row.figures
        compared = ["", "", "", "", ""]
        against_static = row.kind in ("cached", "static, other")
        if row.against:
            compared = [
                row.yardstick,
                f"{row.against['rps']:,.0f}",
                f"{row.rate:.0%}",
                f"{row.against['p99']:.2f}" if against_static else "",
                f"{row.p99_ratio:.1f}" if against_static else "",
            ]
        cpu = f"{figures['cpu_ms']:.2f}" if "cpu_ms" in figures else ""
        size = f"{figures['bytes']:,}" if figures.get("bytes") else ""
        print(
            f"| {row.label} | {row.connections} | {size} | {figures['rps']:,.0f} "
            f"| {figures['p50']:.2f} | {figures['p99']:.2f} | {figures['max']:,.1f} "
            f"| {row.failed} | {' | '.join(compared)} | {cpu} |"
        )
    print()
    for line in verdicts(rows):
        print(line)


def verdicts(rows: list[Row]) -> list[str]:
    cached = [r for r in rows if r.kind == "cached"]

    def named(row: Row) -> str:
        return f"{row.label} at {row.connections}"

    def verdict(passed: bool, target: str, detail: str) -> str:
        return f"{'PASS' if passed else 'FAIL'}  {target}: {detail}"

    short = [f"{named(r)} {r.rate:.1%}" for r in cached if r.rate < RATE_OF_STATIC]
    lowest = min(cached, key=lambda r: r.rate)
    lines = [
        verdict(
            not short,
            f"cached pages at ≥ {RATE_OF_STATIC:.0%} of static's rate at every concurrency",
            f"lowest {lowest.rate:.0%} ({named(lowest)})"
            + (f"; below: {', '.join(short)}" if short else ""),
        )
    ]
    over = [f"{named(r)} {r.p99_ratio:.1f}×" for r in cached if r.p99_ratio > P99_OF_STATIC]
    worst = max(cached, key=lambda r: r.p99_ratio)
    lines.append(
        verdict(
            not over,
            f"cached pages' p99 ≤ {P99_OF_STATIC:g}× static's p99",
            f"highest {worst.p99_ratio:.1f}× ({named(worst)}: {worst.figures['p99']:.2f} ms "
            f"against {worst.against['p99']:.2f} ms)"
            + (f"; over: {', '.join(over)}" if over else ""),
        )
    )
    slowest = max(rows, key=lambda r: r.figures["max"])
    slow = [
        f"{named(r)} {r.figures['max']:,.0f} ms" for r in rows if r.figures["max"] >= SLOWEST_MS
    ]
    failed = [f"{named(r)} {r.failed} failed" for r in rows if r.failed]
    lines.append(
        verdict(
            not slow and not failed,
            "no request over 1 s, none failed (every measurement)",
            f"slowest {slowest.figures['max']:,.1f} ms ({named(slowest)})"
            + (f"; over: {', '.join(slow)}" if slow else "")
            + (f"; {', '.join(failed)}" if failed else ""),
        )
    )
    uncached = [r for r in rows if r.kind == "uncached"]
    lines.append(
        verdict(
            all(r.rate >= RATE_OF_MINIMAL for r in uncached),
            f"uncached home page at ≥ {RATE_OF_MINIMAL:.0%} of the minimal view's rate",
            ", ".join(
                f"{r.rate:.0%} at {r.connections} ({r.figures['rps']:,.0f} against "
                f"{r.against['rps']:,.0f} req/s; by the workers' CPU time a request, "
                f"{r.against['cpu_ms'] / r.figures['cpu_ms']:.0%})"
                for r in uncached
            ),
        )
    )
    return lines


if __name__ == "__main__":
    main()
