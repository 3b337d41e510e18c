"""One run's measurements with wrk: each a row of figures, compared with a yardstick measured
in the same run."""

from dataclasses import dataclass

from processes import cpu_seconds, workers
from serve import load


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


class Measurements:
    """The rows measured so far, in order, and how to measure another."""

    def __init__(self, args):
        self.args = args
        self.rows: list[Row] = []

    def run(self, label, kind, connections, url, size=None, workers_of=None, **options) -> Row:
        """Measure (serve.load's options), and for a gunicorn (`workers_of`, its master's
        process id) the CPU time its workers used a request, which the other processes on
        the machine do not change as much as they change the rate: warmed up for 2 s first."""
        if workers_of:
            load(url, self.args, connections=connections, duration=2, warmup=0, **options)
            options["warmup"] = 0
            before = cpu_seconds(workers(workers_of))
        figures = load(url, self.args, connections=connections, **options)
        if workers_of:
            used = cpu_seconds(workers(workers_of)) - before
            figures["cpu_ms"] = used * 1000 / max(1, figures["requests"])
        return self.add(label, kind, connections, figures, size)

    def alternate(self, measured: tuple, yardstick: tuple, connections: int, rounds: int,
                  size=None, **options) -> Row:  # fmt: skip
        """`measured` and `yardstick` (each a label and what serve.load asks for: a URL and
        any `paths`) in turn, the yardstick first and last, `rounds` times each: the measured
        compared with the yardstick's figures pooled, so that the machine's drift over the
        time they take counts for neither."""
        (label, url, paths), (yardstick_label, yardstick_url, yardstick_paths) = measured, yardstick
        pooled = {label: [], yardstick_label: []}

        def measure(label, url, paths):
            pooled[label].append(
                load(url, self.args, connections=connections, warmup=0, paths=paths, **options)
            )

        for _ in range(rounds):
            measure(yardstick_label, yardstick_url, yardstick_paths)
            measure(label, url, paths)
        measure(yardstick_label, yardstick_url, yardstick_paths)
        static = self.add(
            yardstick_label, "static", connections, pool(pooled[yardstick_label]), size
        )
        row = self.add(label, "cached", connections, pool(pooled[label]), size)
        row.compare(yardstick_label, static)
        return row

    def add(self, label, kind, connections, figures: dict, size=None) -> Row:
        figures["bytes"] = size
        row = Row(label, connections, figures, kind)
        self.rows.append(row)
        print(f"  {label}, {connections} connections: {figures['rps']:,.0f} req/s", flush=True)
        return row

    def of_kind(self, kind: str, connections: int | None = None) -> list[Row]:
        return [
            row for row in self.rows if row.kind == kind and connections in (None, row.connections)
        ]


def pool(measured: list[dict]) -> dict:
    """Several measurements of one thing as one: req/s over their time together, p50 and
    p99 their means, the slowest request of all, and every failure."""
    seconds = sum(figures["requests"] / figures["rps"] for figures in measured)
    pooled = {key: sum(figures[key] for figures in measured) for key in SUMMED}
    pooled["rps"] = pooled["requests"] / seconds
    for key in ("p50", "p90", "p99"):
        pooled[key] = sum(figures[key] for figures in measured) / len(measured)
    pooled["max"] = max(figures["max"] for figures in measured)
    return pooled


SUMMED = ("requests", "non_2xx", "timeouts", "socket_errors")
