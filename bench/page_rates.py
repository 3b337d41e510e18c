"""Each public page from nginx's cache, as a visitor who is not signed in gets it, against the
same bytes served by the same nginx as a static file: what the cache costs over a file on disk.

- Each page in turn with the same response as a static file, 2 s each, three times each, the
  static file first and last (Measurements.alternate): the page's figures pooled against the
  static file's, so that the machine's drift over that time counts for neither. The same
  response: the page's HTML, served by the same nginx from a location of the benchmark's own
  (StaticCopies) that adds the headers the app gives the page (its Content-Security-Policy,
  Vary, HSTS and the rest) and its charset. What differs is then only what the cache does: find
  the copy and read back its stored headers. The cost of encrypting and sending a response
  grows with its size, for static files as for the cache (a page twice the size of another
  runs at about 70 % of its rate whatever serves it), so a page is compared with its own.
- A rotation: each of wrk's connections asks for the pages in turn, for long enough that every
  page's copy expires (HTTP_CACHE_SECONDS, 5 s) under load: 5 s at a time, three times, in
  turn with the same bytes as static files asked for the same way (wrk's script, one path
  after the other).
"""

import tempfile
from pathlib import Path

from measurements import Measurements
from serve import load

from tests.deployment import stack as deployment

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
STATIC = "static, the same response"
ROTATION = f"rotation of the {len(PAGES)} pages"
STATIC_ROTATION = f"static, the {len(PAGES)} pages' responses in turn"
ROUNDS = 3  # turns of each page (and the rotation) between its yardstick's
TURN_SECONDS = 2  # a page's turn
ROTATION_SECONDS = 5  # a turn of the rotation: a page's copy expires at least once in it


# Not the page's own: the server's, the connection's, the length of these bytes, and nginx's
# cache status (static files have none).
NOT_COPIED = {"date", "server", "content-type", "content-length", "connection", "x-cache-status"}


class StaticCopies:
    """The pages' responses as static files, in a folder of the benchmark's own that nginx
    serves at /bench-static/ with the headers the app gives the pages."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="sendias-bench-"))
        self.folder.chmod(0o755)  # nginx's workers read it
        self.headers = self.folder / "headers.conf"
        self.headers.write_text("")

    def nginx_changes(self) -> dict:
        """For deployment.start(nginx_changes=...): the location, beside /static/."""
        location = (
            "    location /bench-static/ {\n"
            f"        alias {self.folder}/;\n"
            "        charset utf-8;\n"
            f"        include {self.headers};\n"
            "    }\n\n"
            "    location /static/ {"
        )
        return {"    location /static/ {": location}

    def path(self, number: int) -> str:
        return f"/bench-static/page-{number}.html"

    def save(self, stack, pages: dict) -> None:
        """Each page's HTML (`pages`: path to a deployment Browser's response), and the
        headers the app gave the first (every public page gets the same), then nginx
        reloaded to read them."""
        lines = []
        for name, value in next(iter(pages.values())).headers.items():
            if name.lower() in NOT_COPIED or (name.lower(), value) == ("vary", "Accept-Encoding"):
                continue  # nginx adds "Vary: Accept-Encoding" to both (gzip_vary)
            assert '"' not in value and "$" not in value, (name, value)
            lines.append(f'add_header {name} "{value}" always;')
        self.headers.write_text("\n".join(lines) + "\n")
        for number, (_, path) in enumerate(PAGES):
            copy = self.folder / self.path(number).rpartition("/")[2]
            copy.write_bytes(pages[path].body)
            copy.chmod(0o644)
        deployment.reload_nginx(stack)


def measure_pages(stack, measurements: Measurements, pages: dict, copies: StaticCopies) -> None:
    base = f"https://127.0.0.1:{stack.https_port}"
    args = measurements.args
    paths = [path for _, path in PAGES]
    static_paths = [copies.path(number) for number in range(len(PAGES))]
    # No warming up before each measurement: wrk's connections are its own in each, and each
    # page is in nginx's cache (kept for a day, served while it is renewed once it has
    # expired). Only once, the pages in turn for a second: wrk names the host 127.0.0.1, so
    # its copies in nginx's cache are not those the checks made (the key is host and path),
    # and the first requests of a run would find none and wait for nginx's lock.
    load(base, args, connections=8, duration=1, warmup=0, paths=paths)
    for connections in args.connections:
        for number, (label, path) in enumerate(PAGES):
            measurements.alternate(
                (label, base + path, ()),
                (f"static, {label}'s response", f"{base}{copies.path(number)}", ()),
                connections,
                ROUNDS,
                len(pages[path].body),
                duration=TURN_SECONDS,
            )
        measurements.alternate(
            (ROTATION, base, paths),
            (STATIC_ROTATION, base, static_paths),
            connections,
            ROUNDS,
            duration=ROTATION_SECONDS,
        )


def seconds_a_concurrency() -> int:
    return (2 * ROUNDS + 1) * (len(PAGES) * TURN_SECONDS + ROTATION_SECONDS)
