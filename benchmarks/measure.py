"""Timing, percentiles, memory and a description of the machine a run happened on."""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def latencies_ms(fn: Callable[[str], Any], queries: list[str], rounds: int) -> list[float]:
    """Run every query once to warm up, then `rounds` more times; the warm latencies in ms."""
    for q in queries:
        fn(q)
    out = []
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - start) * 1000)
    return out


def paired_latencies_ms(ours: Callable[[str], Any], theirs: Callable[[str], Any], queries: list[str],
                        rounds: int) -> tuple[list[float], list[float]]:
    """Both systems warm, then each query on one and at once on the other (order alternating per round),
    so that both see the same load from other processes on a shared machine."""
    for q in queries:
        ours(q)
        theirs(q)
    a: list[float] = []
    b: list[float] = []
    for r in range(rounds):
        for q in queries:
            pair = ((ours, a), (theirs, b)) if r % 2 == 0 else ((theirs, b), (ours, a))
            for fn, out in pair:
                start = time.perf_counter()
                fn(q)
                out.append((time.perf_counter() - start) * 1000)
    return a, b


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 50), 3), "p95": round(percentile(values, 95), 3), "n": len(values)}


def pss_mb(pid: int) -> float | None:
    """A process's proportional set size: its own pages, plus its share of pages others map too."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        return None
    return None


def peak_rss_mb() -> float:
    """This process's peak resident set size so far.

    VmHWM first: Linux carries ru_maxrss across fork+exec, so a freshly started probe would
    report its parent's peak; VmHWM belongs to the process's own address space.
    """
    try:
        with open("/proc/self/status", encoding="utf-8") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20, 1)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, Any]:
    """What the numbers depend on: cores, CPU, memory, load (other processes share the machine)."""
    import psutil

    return {
        "cpu_count": os.cpu_count(), "cpu_model": cpu_model(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(), "python": platform.python_version(),
        "load_average_start": load_average(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""),
    }
