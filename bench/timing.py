"""Timing one admin view in-process: its queries, then its median and 90th percentile time.

Imported by the measure_*.py scripts after django.setup().
"""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def time_view(client, url: str, repeat: int) -> tuple[int, float, float]:
    """(SQL queries of one request, p50 ms, p90 ms) for GET url by a signed-in client."""
    assert client.get(url, secure=True).status_code == 200, url  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    count = len(queries)  # now: the log empties when the connection closes
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url, secure=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return count, times[len(times) // 2], times[int(len(times) * 0.9)]
