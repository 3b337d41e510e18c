"""The production stack of README "Deploying", started on loopback for the deployment tests.

PostgreSQL (a fresh database on the server DATABASE_URL names), gunicorn started by the
ExecStart of deploy/systemd/sendias.service with deploy/gunicorn.conf.py and the environment
of deploy/env.example, and Debian's nginx running deploy/nginx/sendias.conf. Only ports and
paths are changed, and each change is checked to apply, so the files tested are the files
shipped.
"""

import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HOST = "www.example.org"
# Debian's libnginx-mod-http-cache-purge: the purges of deploy/nginx/sendias.conf.
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing_requirements() -> list[str]:
    """What this machine lacks to run the stack (empty when it can)."""
    missing = [name for name in ("nginx", "openssl", "pg_dump", "pg_restore") if not _which(name)]
    if not PURGE_MODULE.exists():
        missing.append("libnginx-mod-http-cache-purge")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        missing.append("DATABASE_URL naming a PostgreSQL server")
    return missing


def _which(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return with_database(server_url, name)


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def env_file(path: Path) -> dict:
    """KEY=value lines of an environment file such as deploy/env.example."""
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def unit_exec_start(unit: str) -> list[str]:
    """The ExecStart command of a deploy/systemd unit, with the install paths made local."""
    text = (DEPLOY / "systemd" / unit).read_text()
    command = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
    words = shlex.split(command)
    local = {"/srv/sendias/venv/bin/": f"{VENV_BIN}/", "/srv/sendias/app/": f"{ROOT}/"}
    for installed, here in local.items():
        words = [word.replace(installed, here) for word in words]
    return words


def replaced(text: str, replacements: dict) -> str:
    """Each replacement must apply: a change to the shipped file cannot slip past the test."""
    for old, new in replacements.items():
        assert old in text, f"deploy file no longer contains {old!r}: update tests/deployment"
        text = text.replace(old, new)
    return text


@dataclass
class Stack:
    workdir: Path
    env: dict
    https_port: int
    http_port: int
    purge_port: int
    database: str
    seed: dict = field(default_factory=dict)
    processes: list = field(default_factory=list)

    @property
    def media_root(self) -> Path:
        return Path(self.env["MEDIA_ROOT"])

    def manage(self, *args, env=None, check=True) -> subprocess.CompletedProcess:
        return self.run([str(VENV_BIN / "python"), "manage.py", *args], env=env, check=check)

    def run(self, command, env=None, check=True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{command} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def log(self, name: str) -> str:
        path = self.workdir / name
        return path.read_text(errors="replace") if path.exists() else ""


def start(database_server: str, by_address: bool = False) -> Stack:
    """The stack on loopback. `by_address`: the site also answers to 127.0.0.1 (for load
    generators such as wrk, which can only name the host they connect to)."""
    workdir = Path(tempfile.mkdtemp(prefix="sendias-deploy-"))
    workdir.chmod(0o755)  # nginx's workers read the static files and images here
    name = f"sendias_deploy_{secrets.token_hex(4)}"
    stack = Stack(
        workdir=workdir,
        env={},
        https_port=free_port(),
        http_port=free_port(),
        purge_port=free_port(),
        database=name,
    )
    database_url = create_database(database_server, name)
    gunicorn_port = free_port()
    stack.env = {
        "PATH": os.environ["PATH"],
        "HOME": str(workdir),
        **env_file(DEPLOY / "env.example"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}:{stack.https_port}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(free_port()),  # nothing listens: mail fails, enquiries are kept
        "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}",
        "GUNICORN_WORKERS": "2",
        **({"ALLOWED_HOSTS": f"{HOST},127.0.0.1"} if by_address else {}),
        "HTTP_CACHE_PURGE_URL": f"http://127.0.0.1:{stack.purge_port}",
    }
    try:
        _prepare_site(stack)
        _start_gunicorn(stack)
        _start_nginx(stack, gunicorn_port, by_address)
        _wait_until_serving(stack)
    except BaseException:
        stop(stack, database_server)
        raise
    return stack


def _prepare_site(stack: Stack) -> None:
    (stack.workdir / "media").mkdir(mode=0o755)
    stack.manage("migrate", "--noinput")
    stack.manage("collectstatic", "--noinput")
    stack.manage("load_demo", "--force")
    stack.manage("set_site", "--hostname", HOST, "--port", "443")  # README, Deploying, step 4
    seeded = stack.run([str(VENV_BIN / "python"), "tests/deployment/seed.py"])
    stack.seed = json.loads(seeded.stdout.strip().splitlines()[-1])
    for path in (stack.workdir / "static", stack.media_root):  # readable by nginx's workers
        for folder, _, names in os.walk(path):
            os.chmod(folder, 0o755)
            for name in names:
                os.chmod(os.path.join(folder, name), 0o644)


def _start_gunicorn(stack: Stack) -> None:
    log = open(stack.workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
    stack.processes.append(
        subprocess.Popen(
            unit_exec_start("sendias.service"),
            cwd=ROOT,
            env=stack.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    )


def _start_nginx(stack: Stack, gunicorn_port: int, by_address: bool = False) -> None:
    certificate, key = _certificate(stack.workdir)
    site = replaced(
        (DEPLOY / "nginx" / "sendias.conf").read_text(),
        {
            "listen 80": f"listen 127.0.0.1:{stack.http_port}",
            "listen 443": f"listen 127.0.0.1:{stack.https_port}",
            "listen 127.0.0.1:8081": f"listen 127.0.0.1:{stack.purge_port}",
            "/var/cache/nginx/sendias": f"{stack.workdir}/nginx-cache",
            "https://$host$request_uri": f"https://$host:{stack.https_port}$request_uri",
            "server 127.0.0.1:8000": f"server 127.0.0.1:{gunicorn_port}",
            "/srv/sendias/static/": f"{stack.workdir}/static/",
            "/srv/sendias/media/": f"{stack.workdir}/media/",
            f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(certificate),
            f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(key),
            "root /var/www/html;": f"root {stack.workdir}/acme;",
        },
    )
    if by_address:
        site = replaced(site, {f"server_name {HOST};": f"server_name {HOST} 127.0.0.1;"})
    # IPv6 may be missing on a CI machine: the [::] listeners go, nothing else.
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    (stack.workdir / "sendias.conf").write_text(site)
    temp = stack.workdir / "nginx-temp"
    temp.mkdir()
    user = "user root;" if os.geteuid() == 0 else ""
    (stack.workdir / "nginx.conf").write_text(
        f"""{user}
load_module {PURGE_MODULE};
worker_processes 2;
pid {stack.workdir}/nginx.pid;
error_log {stack.workdir}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {stack.workdir}/nginx-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    sendfile on;
    include {stack.workdir}/sendias.conf;
}}
"""
    )
    nginx = _which("nginx")
    command = [nginx, "-p", str(stack.workdir), "-c", str(stack.workdir / "nginx.conf")]
    stack.run([*command, "-t"])
    log = open(stack.workdir / "nginx.log", "w")  # noqa: SIM115 (closed with the process)
    stack.processes.append(
        subprocess.Popen([*command, "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT)
    )


def _certificate(workdir: Path) -> tuple[Path, Path]:
    certificate, key = workdir / "certificate.pem", workdir / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(certificate),
            "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return certificate, key


def _wait_until_serving(stack: Stack, seconds: float = 60) -> None:
    from .browser import Browser

    deadline = time.monotonic() + seconds
    while True:
        for process in stack.processes:
            if process.poll() is not None:
                raise AssertionError(
                    f"{process.args[0]} stopped:\n{stack.log('gunicorn.log')}"
                    f"\n{stack.log('nginx.log')}\n{stack.log('nginx-error.log')}"
                )
        try:
            if Browser(stack).get("/").status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the stack did not answer within a minute")
        time.sleep(0.3)


def stop(stack: Stack, database_server: str) -> None:
    for process in reversed(stack.processes):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in stack.processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    drop_database(database_server, stack.database)
    shutil.rmtree(stack.workdir, ignore_errors=True)
