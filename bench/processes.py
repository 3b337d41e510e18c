"""What a gunicorn's processes use, read from /proc: its workers, their CPU time and memory."""

import os
import re
from pathlib import Path


def workers(master: int) -> list[int]:
    """A gunicorn master's workers."""
    return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def cpu_ticks(pid: int) -> int:
    """The CPU time a process has used (user and system, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time these processes have used (user and system)."""
    return sum(cpu_ticks(pid) for pid in pids) / os.sysconf("SC_CLK_TCK")


def resident(master: int) -> str:
    """The resident memory of a gunicorn master's workers."""
    sizes = []
    for pid in workers(master):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)))
    return " and ".join(f"{size / 1024:.0f} MB" for size in sorted(sizes))
