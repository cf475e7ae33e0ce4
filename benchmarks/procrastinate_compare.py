"""For comparison with `benchmarks.outbox`: procrastinate draining N no-op jobs on the same PostgreSQL.

procrastinate is NOT a project dependency; install it by hand to run this (`pip install procrastinate`). The
script creates a database of its own next to TEST_DATABASE_URL's (`bench_procrastinate_<random>`), applies
procrastinate's schema, defers the jobs in batches (`batch_defer_async`), then drains them with one worker and
with several worker processes, and drops the database at the end. Each no-op task records its argument, so
`lost` and `duplicates` are counted across workers as in the outbox benchmark; every job must end `succeeded`.

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python -m benchmarks.procrastinate_compare \
        [--jobs 20000] [--workers 4] [--concurrency 1] [--analyze]

Progress goes to stderr; the last line on stdout is one JSON object with the figures.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

try:
    import procrastinate
    import psycopg
except ImportError:
    sys.exit("procrastinate is not installed (it is not a project dependency): "
             "`pip install procrastinate` to run this comparison, and uninstall it afterwards")

from sqlalchemy.engine import make_url

from benchmarks.common import (
    StartLine,
    Stopwatch,
    cpu_seconds,
    machine,
    per_second,
    print_final,
    progress,
    run_processes,
)

DEFER_BATCH = 500
QUEUE = "bench"
CHILD_TIMEOUT_SECONDS = 900
SENT: list[int] = []  # what this process's no-op task was handed


def make_app(conninfo: str) -> tuple[procrastinate.App, Any]:
    # procrastinate warns about an App built in `__main__` because a worker elsewhere could not import its
    # tasks by path; every worker here builds the same App and registers the task itself.
    logging.getLogger("procrastinate.blueprints").setLevel(logging.ERROR)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo, min_size=1, max_size=4))

    @app.task(name="bench_noop", queue=QUEUE)
    async def noop(n: int) -> None:
        SENT.append(n)

    return app, noop


def conninfo_for(url: str, database: str) -> str:
    """A libpq URL for psycopg, whatever SQLAlchemy driver name TEST_DATABASE_URL carries."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    return parsed.set(drivername="postgresql", database=database).render_as_string(hide_password=False)


async def create_database(url: str, name: str) -> None:
    async with await psycopg.AsyncConnection.connect(conninfo_for(url, make_url(url).database or "postgres"),
                                                     autocommit=True) as conn:
        await conn.execute(f'CREATE DATABASE "{name}"')


async def drop_database(url: str, name: str) -> None:
    async with await psycopg.AsyncConnection.connect(conninfo_for(url, make_url(url).database or "postgres"),
                                                     autocommit=True) as conn:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def defer_all(conninfo: str, jobs: int, analyze: bool) -> float:
    """Empty the job table and defer `jobs` no-op jobs, DEFER_BATCH per call. Returns the seconds it took."""
    app, noop = make_app(conninfo)
    async with app.open_async(), await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
        await conn.execute("TRUNCATE procrastinate_jobs RESTART IDENTITY CASCADE")
        with Stopwatch() as watch:
            for start in range(0, jobs, DEFER_BATCH):
                await noop.batch_defer_async(*({"n": n} for n in range(start, min(jobs, start + DEFER_BATCH))))
        if analyze:
            await conn.execute("ANALYZE procrastinate_jobs")
    return watch.seconds


async def run_worker(app: procrastinate.App, concurrency: int) -> None:
    await app.run_worker_async(queues=[QUEUE], concurrency=concurrency, wait=False, listen_notify=False,
                               install_signal_handlers=False)


async def drain_here(conninfo: str, concurrency: int) -> dict[str, Any]:
    """One worker in this process."""
    app, _ = make_app(conninfo)
    SENT.clear()
    async with app.open_async():
        cpu = cpu_seconds()
        with Stopwatch() as watch:
            await run_worker(app, concurrency)
    return {"seconds": watch.seconds, "cpu_seconds": cpu_seconds() - cpu, "sent": list(SENT)}


def drain_in_processes(conninfo: str, workers: int, concurrency: int) -> dict[str, Any]:
    """One worker per process; timed from the moment every process has its pool open."""
    seconds, reports = run_processes(_drain_in_child, (conninfo, concurrency), workers,
                                     timeout=CHILD_TIMEOUT_SECONDS)
    return {"seconds": seconds, "cpu_seconds": sum(r["cpu_seconds"] for r in reports),
            "sent": [n for r in reports for n in r["sent"]]}


async def _drain_in_child(conninfo: str, concurrency: int, start: StartLine) -> dict[str, Any]:
    app, _ = make_app(conninfo)
    async with app.open_async():
        await app.check_connection_async()  # connect before the clock starts
        await start.wait()
        cpu = cpu_seconds()
        await run_worker(app, concurrency)
        return {"sent": list(SENT), "cpu_seconds": cpu_seconds() - cpu}


async def check(conninfo: str, jobs: int, sent: list[int]) -> dict[str, int]:
    counts = Counter(sent)
    async with await psycopg.AsyncConnection.connect(conninfo) as conn:
        cursor = await conn.execute("SELECT status::text, count(*) FROM procrastinate_jobs GROUP BY status")
        statuses = dict(await cursor.fetchall())
    return {"lost": len(set(range(jobs)) - counts.keys()),
            "duplicates": sum(c - 1 for c in counts.values() if c > 1) + len(counts.keys() - set(range(jobs))),
            "rows_not_sent": sum(n for status, n in statuses.items() if status != "succeeded")}


async def bench(url: str, args: argparse.Namespace) -> dict[str, Any]:
    name = f"bench_procrastinate_{uuid.uuid4().hex[:8]}"
    conninfo = conninfo_for(url, name)
    result: dict[str, Any] = {"jobs": args.jobs, "concurrency": args.concurrency, "defer_batch": DEFER_BATCH,
                              "analyzed": args.analyze, "procrastinate_version": procrastinate.__version__,
                              "lost": 0, "duplicates": 0, "rows_not_sent": 0, "cpu_ms_per_job": {},
                              "machine": {"start": machine()}}
    await create_database(url, name)
    try:
        app, _ = make_app(conninfo)
        async with app.open_async():
            await app.schema_manager.apply_schema_async()
        progress(f"procrastinate {procrastinate.__version__}: database {name}")
        await run_round(conninfo, "procrastinate_1w", args, result, lambda: drain_here(conninfo, args.concurrency))
        await run_round(conninfo, f"procrastinate_{args.workers}w", args, result, lambda: asyncio.to_thread(
            drain_in_processes, conninfo, args.workers, args.concurrency))
        result[f"procrastinate_{args.workers}w_mode"] = "processes"
    finally:
        await drop_database(url, name)
    result["machine"]["end"] = machine()
    return result


async def run_round(conninfo: str, key: str, args: argparse.Namespace, result: dict[str, Any],
                    drain: Callable[[], Awaitable[dict[str, Any]]]) -> None:
    """Defer afresh, drain with `drain()`, check; the figures go into `result`."""
    seconds = await defer_all(conninfo, args.jobs, args.analyze)
    result.setdefault("procrastinate_defer_per_s", per_second(args.jobs, seconds))
    progress(f"{key}: deferred {args.jobs} in {seconds:.2f}s")
    drained = await drain()
    counts = await check(conninfo, args.jobs, drained["sent"])
    result[f"{key}_jobs_per_s"] = per_second(args.jobs, drained["seconds"])
    result["cpu_ms_per_job"][key] = round(1000 * drained["cpu_seconds"] / args.jobs, 3)
    for k, v in counts.items():
        result[k] += v
    progress(f"{key}: drained in {drained['seconds']:.2f}s = {result[f'{key}_jobs_per_s']}/s, "
             f"client cpu {result['cpu_ms_per_job'][key]} ms/job, {counts}, {machine()}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4, help="worker processes in the second round")
    parser.add_argument("--concurrency", type=int, default=1, help="jobs each procrastinate worker runs at once")
    parser.add_argument("--analyze", action="store_true",
                        help="ANALYZE the job table after deferring; without statistics PostgreSQL sorts every "
                             "waiting job to fetch one")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        sys.exit("TEST_DATABASE_URL is not set: this comparison needs PostgreSQL")
    print_final(asyncio.run(bench(url, args)))


if __name__ == "__main__":
    main()
