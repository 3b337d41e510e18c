"""Issue 13's targets, checked against one run's rows: the table of figures and a PASS or FAIL
line for each target."""

from measurements import Row

RATE_OF_STATIC = 0.85  # cached pages' req/s against static's, at every concurrency
P99_OF_STATIC = 3.0  # cached pages' p99 against static's, at most
SLOWEST_MS = 1000.0  # no request slower, in any measurement
RATE_OF_MINIMAL = 0.20  # the uncached home page's req/s against the minimal view's


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
        against_static = row.kind == "cached"
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
