"""Small helpers every benchmark shares: a stopwatch, rates, percentiles, progress on stderr, one JSON line.

A benchmark prints what it is doing to stderr and, last, exactly one line on stdout: a JSON object with its
figures, so a script (or CI) can read the result with `tail -n 1 | python -m json.tool`. `run_processes` runs
the same async work in several processes and times them from one start signal, after every process has set
itself up (imports, connections), so start-up cost stays out of the figure.
"""
from __future__ import annotations

import asyncio
import json
import math
import multiprocessing
import os
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Self


class Stopwatch:
    """`with Stopwatch() as watch: ...` then `watch.seconds`; a monotonic clock, comparable across processes."""

    def __init__(self) -> None:
        self.started = 0.0
        self.seconds = 0.0

    def __enter__(self) -> Self:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.started


def per_second(count: int, seconds: float) -> float:
    """Throughput rounded to a whole number per second (one decimal when it is small)."""
    if seconds <= 0:
        return math.inf
    rate = count / seconds
    return round(rate, 1) if rate < 100 else round(rate)


def percentile(values: Iterable[float], pct: float) -> float:
    """Linear-interpolated percentile (pct in 0..100) of `values`; NaN when there are none."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize_ms(seconds: Iterable[float]) -> dict[str, float]:
    """p50/p95/p99/max of durations given in seconds, reported in milliseconds."""
    values = list(seconds)
    return {name: round(1000 * percentile(values, pct), 2)
            for name, pct in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))}


def cpu_seconds() -> float:
    """CPU time of this process, every thread included (a database driver's thread too)."""
    return time.process_time()


def machine() -> dict[str, Any]:
    """What the figures were measured on: CPUs and the load average (other work on the box skews them)."""
    return {"cpus": os.cpu_count(), "loadavg_1m": round(os.getloadavg()[0], 2)}


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def print_final(result: dict[str, Any]) -> None:
    """The one line on stdout: the figures as a single JSON object."""
    print(json.dumps(result), flush=True)


class StartLine:
    """Handed to each process by `run_processes`: `await start.wait()` once set up; it returns when all are."""

    def __init__(self, ready: Any, go: Any) -> None:
        self._ready, self._go = ready, go

    async def wait(self) -> None:
        await asyncio.to_thread(self._ready.wait, 120)
        await asyncio.to_thread(self._go.wait)

    def everyone_ready(self) -> None:
        """The parent's side of the barrier: returns once every process is waiting for the signal."""
        self._ready.wait(timeout=120)

    def go(self) -> None:
        self._go.set()


Work = Callable[..., Awaitable[dict[str, Any]]]


def run_processes(work: Work, args: tuple[Any, ...], count: int, *,
                  timeout: float = 900) -> tuple[float, list[dict[str, Any]]]:
    """Run `await work(*args, start)` in `count` fresh processes; `work` must be a module-level function.

    Returns the seconds from the start signal to the last report, and each process's returned dict. A failure in
    any process raises here instead of leaving the caller waiting.
    """
    ctx = multiprocessing.get_context("spawn")  # never fork a process that holds an event loop and sockets
    start, results = StartLine(ctx.Barrier(count + 1), ctx.Event()), ctx.Queue()
    children = [ctx.Process(target=_process_main, args=(work, args, start, results)) for _ in range(count)]
    for child in children:
        child.start()
    try:
        start.everyone_ready()
        with Stopwatch() as watch:
            start.go()
            reports = [results.get(timeout=timeout) for _ in children]
    finally:
        for child in children:
            child.join(timeout=30)
    failed = [r["error"] for r in reports if "error" in r]
    if failed:
        raise RuntimeError(f"a benchmark process failed: {failed[0]}")
    return watch.seconds, reports


def _process_main(work: Work, args: tuple[Any, ...], start: StartLine, results: Any) -> None:
    try:
        results.put(asyncio.run(work(*args, start)))
    except BaseException as exc:  # the parent must hear about it instead of waiting for a report
        results.put({"error": f"{type(exc).__name__}: {exc}"})
        raise
