"""Each public page from nginx's cache, as a visitor who is not signed in gets it, against the
same bytes served by the same nginx as a static file: what the cache costs over a file on disk.

- Each page in turn with its own bytes as a static file, 2 s each, three times each, the
  static file first and last (Measurements.alternate): the page's figures pooled against the
  static file's, so that the machine's drift over that time counts for neither. The
  yardstick is the page's own bytes because the cost of encrypting and sending a response
  grows with its size, for static files as for the cache: a page twice the size of another
  runs at about 70 % of its rate whatever serves it.
- A rotation: each of wrk's connections asks for the pages in turn, for long enough that every
  page's copy expires (HTTP_CACHE_SECONDS, 5 s) under load: 5 s at a time, three times, in
  turn with the same bytes as static files asked for the same way (wrk's script, one path
  after the other).
"""

from measurements import Measurements
from serve import load

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
STATIC = "static, the same bytes"
ROTATION = f"rotation of the {len(PAGES)} pages"
STATIC_ROTATION = f"static, the {len(PAGES)} pages' bytes in turn"
ROUNDS = 3  # turns of each page (and the rotation) between its yardstick's
TURN_SECONDS = 2  # a page's turn
ROTATION_SECONDS = 5  # a turn of the rotation: a page's copy expires at least once in it


def static_copy(number: int) -> str:
    return f"/static/bench-page-{number}.html"


def save_static_copies(stack, bodies: dict[str, bytes]) -> None:
    """Each page's HTML as nginx's static files (STATIC_ROOT)."""
    for number, (_, path) in enumerate(PAGES):
        copy = stack.workdir / static_copy(number).removeprefix("/")
        copy.write_bytes(bodies[path])
        copy.chmod(0o644)


def measure_pages(stack, measurements: Measurements, bodies: dict[str, bytes]) -> None:
    base = f"https://127.0.0.1:{stack.https_port}"
    args = measurements.args
    pages = [path for _, path in PAGES]
    copies = [static_copy(number) for number in range(len(PAGES))]
    # No warming up before each measurement: wrk's connections are its own in each, and each
    # page is in nginx's cache (kept for a day, served while it is renewed once it has
    # expired). Only once, the pages in turn for a second: wrk names the host 127.0.0.1, so
    # its copies in nginx's cache are not those the checks made (the key is host and path),
    # and the first requests of a run would find none and wait for nginx's lock.
    load(base, args, connections=8, duration=1, warmup=0, paths=pages)
    for connections in args.connections:
        for number, (label, path) in enumerate(PAGES):
            measurements.alternate(
                (label, base + path, ()),
                (f"static, {label}'s bytes", f"{base}{static_copy(number)}", ()),
                connections,
                ROUNDS,
                len(bodies[path]),
                duration=TURN_SECONDS,
            )
        measurements.alternate(
            (ROTATION, base, pages),
            (STATIC_ROTATION, base, copies),
            connections,
            ROUNDS,
            duration=ROTATION_SECONDS,
        )


def seconds_a_concurrency() -> int:
    return (2 * ROUNDS + 1) * (len(PAGES) * TURN_SECONDS + ROTATION_SECONDS)
