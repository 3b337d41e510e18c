"""The uncached home page while each gunicorn worker in turn is recycled, as max_requests
does: what a visitor notices when a worker is replaced under load."""

import os
import signal
import threading
import time

from measurements import Measurements
from processes import cpu_ticks, workers
from serve import load
from uncached_rates import MINIMAL, app_url, nginx_headers

from tests.deployment import stack as deployment

RECYCLED = "home page, uncached, each worker recycled"
RECYCLING_SECONDS = 16


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


def measure_recycled(stack, measurements: Measurements, label=RECYCLED, warm_up_first=False):
    """With `warm_up_first`, the workers serve for 2 s before, as if they had for a while."""
    url = f"{app_url(stack)}/?bench=miss"
    for connections in measurements.args.connections:
        if warm_up_first:
            load(url, measurements.args, connections=connections, duration=2, warmup=0,
                 headers=nginx_headers())  # fmt: skip
        with recycling(stack):
            row = measurements.run(
                label,
                "recycled",
                connections,
                url,
                headers=nginx_headers(),
                warmup=0,
                duration=RECYCLING_SECONDS,
            )
        row.compare(MINIMAL, *measurements.of_kind("minimal", connections))


def measure_recycled_cold(stack, measurements: Measurements) -> None:
    """The same, gunicorn restarted with GUNICORN_WARM_PAGES=0: new workers do not warm up."""
    stack.env["GUNICORN_WARM_PAGES"] = "0"
    deployment.stop_app(stack)
    deployment.start_app(stack)
    measure_recycled(
        stack,
        measurements,
        f"{RECYCLED}, without warming up (GUNICORN_WARM_PAGES=0)",
        warm_up_first=True,
    )
