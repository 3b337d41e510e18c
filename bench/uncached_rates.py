"""The home page that nginx cannot keep (a query string), straight to gunicorn with the headers
nginx adds, against bench/minimal_app.py (one Django view, no middleware, no database) served
the same way: the rates, and the CPU time the workers used a request, which other processes
on the machine disturb less than the rate."""

import os
import subprocess
from pathlib import Path

from measurements import Measurements

from tests.deployment import stack as deployment

ROOT = Path(__file__).resolve().parent.parent
UNCACHED = "home page, uncached"
MINIMAL = "minimal Django view"


def app_url(stack) -> str:
    """The first gunicorn of the stack, without nginx in front."""
    return f"http://127.0.0.1:{stack.app_ports[0]}"


def nginx_headers() -> dict[str, str]:
    """What nginx adds to a request it passes on (deploy/nginx/sendias.conf)."""
    return {"Host": deployment.HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.93"}


class minimal_app:  # noqa: N801  (a context manager, like open())
    """bench/minimal_app.py served as the stack serves the site: the ExecStart of
    deploy/systemd/sendias.service, so deploy/gunicorn.conf.py, with as many workers, logging
    to a file."""

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


def measure_uncached(stack, measurements: Measurements, minimal: minimal_app) -> None:
    site = stack.apps[stack.app_ports[0]].pid
    for connections in measurements.args.connections:
        uncached = measurements.run(
            UNCACHED,
            "uncached",
            connections,
            f"{app_url(stack)}/?bench=miss",
            headers=nginx_headers(),
            workers_of=site,
        )
        yardstick = measurements.run(
            MINIMAL,
            "minimal",
            connections,
            f"{minimal.url}/",
            headers=nginx_headers(),
            workers_of=minimal.process.pid,
        )
        uncached.compare(MINIMAL, yardstick)
