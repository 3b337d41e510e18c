"""The production stack of README "Deploying", started on loopback for the deployment tests.

PostgreSQL (a fresh database on the server DATABASE_URL names), gunicorn started by the
ExecStart of deploy/systemd/sendias.service with deploy/gunicorn.conf.py and the environment
of deploy/env.example, and Debian's nginx running deploy/nginx/sendias.conf. Only ports and
paths are changed, and each change is checked to apply, so the files tested are the files
shipped.

With `app_servers=2, shared=True` it is README "Several servers": two gunicorn instances
behind nginx, sharing PostgreSQL, Debian's Redis (CACHE_URL) and S3-compatible object storage
(moto's server, a bucket opened by deploy/s3/public-images-policy.json).
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

from tests.fake_mail_server import FakeMailServer

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


def missing_requirements(shared: bool = False) -> list[str]:
    """What this machine lacks to run the stack (empty when it can); `shared`: with Redis
    and object storage too."""
    needed = ("nginx", "openssl", "pg_dump", "pg_restore", *(("redis-server",) if shared else ()))
    missing = [name for name in needed if not _which(name)]
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


def unit_exec_start(unit: str, code: Path = ROOT) -> list[str]:
    """The ExecStart command of a deploy/systemd unit, with the install paths made local."""
    text = (code / "deploy" / "systemd" / unit).read_text()
    command = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
    words = shlex.split(command)
    local = {"/srv/sendias/venv/bin/": f"{VENV_BIN}/", "/srv/sendias/app/": f"{code}/"}
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
    app_ports: list = field(default_factory=list)
    code: Path = ROOT  # the checkout that runs (bench/cached_pages.py: also an earlier one)
    seed: dict = field(default_factory=dict)
    processes: list = field(default_factory=list)
    apps: dict = field(default_factory=dict)  # each gunicorn instance's process, by its port
    # Where the mail worker sends: a fake SMTP server that a test may stall.
    mail_server: FakeMailServer | None = None

    @property
    def media_root(self) -> Path:
        return Path(self.env["MEDIA_ROOT"])

    def manage(self, *args, env=None, check=True) -> subprocess.CompletedProcess:
        return self.run([str(VENV_BIN / "python"), "manage.py", *args], env=env, check=check)

    def run(self, command, env=None, check=True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            command,
            cwd=self.code,
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


def start(
    database_server: str,
    by_address: bool = False,
    app_servers: int = 1,
    shared: bool = False,
    code: Path = ROOT,
    nginx: bool = True,
    nginx_changes: dict | None = None,
) -> Stack:
    """The stack on loopback. `by_address`: the site also answers to 127.0.0.1 (for load
    generators such as wrk, which can only name the host they connect to). `app_servers`:
    how many gunicorn instances nginx spreads requests over; `shared`: the cache in Redis
    and uploads in object storage, as several servers need. `code`: the checkout to run;
    `nginx=False`: its gunicorn alone; `nginx_changes`: replacements in nginx's site file
    (bench/page_rates.py adds a location of its own)."""
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
        app_ports=[free_port() for _ in range(app_servers)],
        code=code,
        mail_server=FakeMailServer(),
    )
    database_url = create_database(database_server, name)
    stack.env = {
        "PATH": os.environ["PATH"],
        "HOME": str(workdir),
        **env_file(DEPLOY / "env.example"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}:{stack.https_port}",
        # The mail worker sends to a fake SMTP server of the test's, which a test may stall.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(stack.mail_server.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "2",
        "MAIL_RETRY_FIRST": "1",
        "GUNICORN_WORKERS": "2",
        **({"ALLOWED_HOSTS": f"{HOST},127.0.0.1"} if by_address else {}),
        "HTTP_CACHE_PURGE_URL": f"http://127.0.0.1:{stack.purge_port}",
    }
    try:
        if shared:
            _start_shared_services(stack)
        _prepare_site(stack)
        for port in stack.app_ports:
            _start_gunicorn(stack, port)
        _start_mail_worker(stack)
        if nginx:
            _start_nginx(stack, by_address, nginx_changes)
        _wait_until_serving(stack, through=None if nginx else 0)
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
    stack.manage("write_error_pages")  # nginx's own error pages, with the demo's helpline
    # The checkout's own apps first, not those installed from this one (bench: an earlier one).
    seeded = stack.run(
        [str(VENV_BIN / "python"), "tests/deployment/seed.py"],
        env={**stack.env, "PYTHONPATH": str(stack.code)},
    )
    stack.seed = json.loads(seeded.stdout.strip().splitlines()[-1])
    for path in (stack.workdir / "static", stack.media_root):  # readable by nginx's workers
        for folder, _, names in os.walk(path):
            os.chmod(folder, 0o755)
            for name in names:
                os.chmod(os.path.join(folder, name), 0o644)


BUCKET = "sendias-media"


def _start_shared_services(stack: Stack) -> None:
    """Redis and an S3-compatible server on loopback, and the bucket as README "Several
    servers" sets it up (public-images-policy.json)."""
    redis_port, s3_port = free_port(), free_port()
    _background(
        stack,
        "redis.log",
        [_which("redis-server"), "--bind", "127.0.0.1", "--port", str(redis_port),
         "--save", "", "--appendonly", "no", "--dir", str(stack.workdir)],
    )  # fmt: skip
    _background(
        stack, "s3.log", [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)]
    )
    for port in (redis_port, s3_port):
        _wait_for_port(port)
    stack.env.update(
        {
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "S3_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
            "S3_REGION": "eu-west-2",
            "S3_ACCESS_KEY_ID": "sendias-app",
            "S3_SECRET_ACCESS_KEY": secrets.token_urlsafe(30),
        }
    )
    bucket = s3_client(stack)
    bucket.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": stack.env["S3_REGION"]}
    )
    policy = (DEPLOY / "s3" / "public-images-policy.json").read_text()
    bucket.put_bucket_policy(Bucket=BUCKET, Policy=replaced(policy, {"BUCKET": BUCKET}))


def s3_client(stack: Stack):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=stack.env["S3_ENDPOINT_URL"],
        region_name=stack.env["S3_REGION"],
        aws_access_key_id=stack.env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=stack.env["S3_SECRET_ACCESS_KEY"],
    )


def _background(stack: Stack, log_name: str, command: list, env=None, mode="w") -> None:
    log = open(stack.workdir / log_name, mode)  # noqa: SIM115 (closed with the process)
    stack.processes.append(
        subprocess.Popen(command, cwd=stack.code, env=env, stdout=log, stderr=subprocess.STDOUT)
    )


def _wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing listens on port {port}") from None
            time.sleep(0.2)


def _start_gunicorn(stack: Stack, port: int, mode: str = "w") -> None:
    number = stack.app_ports.index(port) + 1
    _background(
        stack,
        f"gunicorn-{number}.log",
        unit_exec_start("sendias.service", stack.code),
        env={**stack.env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        mode=mode,
    )
    stack.apps[port] = stack.processes[-1]


def stop_app(stack: Stack, server: int = 0) -> None:
    """The `server`-th gunicorn instance goes down at once (gunicorn's quick shutdown)."""
    process = stack.apps.pop(stack.app_ports[server])
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    stack.processes.remove(process)


def start_app(stack: Stack, server: int = 0) -> None:
    """...and comes back, its access log carrying on, once it answers."""
    _start_gunicorn(stack, stack.app_ports[server], mode="a")
    _wait_until_serving(stack, through=server)


def app_requests(stack: Stack, path: str) -> int:
    """How many requests for `path` (without a query string) the app servers have had, from
    their access logs (deploy/gunicorn.conf.py logs each request)."""
    line = re.compile(rf'"(GET|HEAD) {re.escape(path)} HTTP/')
    logs = (stack.log(f"gunicorn-{n}.log") for n in range(1, len(stack.app_ports) + 1))
    return sum(len(line.findall(log)) for log in logs)


def _start_nginx(stack: Stack, by_address: bool = False, changes: dict | None = None) -> None:
    """`changes`: more replacements in the shipped file, each of which must apply (a test's
    shorter timeout, say)."""
    certificate, key = _certificate(stack.workdir)
    site = replaced(
        (DEPLOY / "nginx" / "sendias.conf").read_text(),
        {
            "listen 80": f"listen 127.0.0.1:{stack.http_port}",
            "listen 443": f"listen 127.0.0.1:{stack.https_port}",
            "listen 127.0.0.1:8081": f"listen 127.0.0.1:{stack.purge_port}",
            "/var/cache/nginx/sendias": f"{stack.workdir}/nginx-cache",
            "https://$host$request_uri": f"https://$host:{stack.https_port}$request_uri",
            # README "Several servers": one server line in the upstream for each.
            "    server 127.0.0.1:8000 fail_timeout=0;\n": "".join(
                f"    server 127.0.0.1:{port} fail_timeout=0;\n" for port in stack.app_ports
            ),
            "/srv/sendias/static/": f"{stack.workdir}/static/",
            "/srv/sendias/media/": f"{stack.workdir}/media/",
            f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(certificate),
            f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(key),
            "root /var/www/html;": f"root {stack.workdir}/acme;",
        },
    )
    if by_address:
        site = replaced(site, {f"server_name {HOST};": f"server_name {HOST} 127.0.0.1;"})
    site = replaced(site, changes or {})
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
    _background(stack, "nginx.log", [*command, "-g", "daemon off;"], env=os.environ)


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


def _wait_until_serving(stack: Stack, seconds: float = 60, through: int | None = None) -> None:
    from .browser import Browser

    deadline = time.monotonic() + seconds
    while True:
        for process in stack.processes:
            if process.poll() is not None:
                logs = sorted(path.name for path in stack.workdir.glob("*.log"))
                raise AssertionError(
                    f"{process.args[0]} stopped:\n"
                    + "\n".join(f"{name}:\n{stack.log(name)}" for name in logs)
                )
        try:
            if Browser(stack, server=through).get("/").status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the stack did not answer within a minute")
        time.sleep(0.3)


def _start_mail_worker(stack: Stack) -> None:
    if (stack.code / "deploy" / "systemd" / "sendias-mail.service").exists():  # bench: older code
        _background(
            stack, "mail.log", unit_exec_start("sendias-mail.service", stack.code), stack.env
        )


def stop(stack: Stack, database_server: str) -> None:
    if stack.mail_server:
        stack.mail_server.close()
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


def reload_nginx(stack: Stack) -> None:
    """nginx reads its configuration again (and any file it includes)."""
    command = [_which("nginx"), "-p", str(stack.workdir), "-c", str(stack.workdir / "nginx.conf")]
    stack.run([*command, "-s", "reload"])
