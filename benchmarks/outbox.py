"""Outbox throughput: enqueue N jobs in batches, then drain them through `Worker` with a no-op sender.

Runs on SQLite (a fresh temp file, one worker) and, when TEST_DATABASE_URL is set, on PostgreSQL in a schema of
its own (dropped at the end) with one worker, then with several workers as separate processes (how production
runs them) and, with --same-loop, as coroutines sharing one event loop, each on its own engine. Enqueue and
drain are timed apart; client CPU per job is reported too, since wall-clock rates move with whatever else the
machine is running. Every send is counted by outbox id across all workers: `lost` is jobs never sent,
`duplicates` is extra sends, `rows_not_sent` is rows that did not end `sent`; all three must be 0.

    python -m benchmarks.outbox [--jobs 20000] [--batch-size 200] [--workers 4] [--same-loop] [--analyze]

Progress goes to stderr; the last line on stdout is one JSON object with the figures.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from benchmarks.common import (
    StartLine,
    Stopwatch,
    cpu_seconds,
    machine,
    per_second,
    print_final,
    progress,
    run_processes,
    summarize_ms,
)
from bot.clock import SystemClock
from bot.messages import Channel, Outgoing
from outbound.senders import OutboxItem, SendResult
from outbound.worker import Worker
from store import sending
from store.db import Store
from store.migrate import upgrade
from store.models import OutboxRow

ENQUEUE_BATCH = 500  # jobs per enqueue transaction
BATCH_SIZE = 200  # rows a worker takes per pass: chosen by measurement, see --batch-size
CONCURRENCY = 50  # the worker's in-flight send limit; a no-op send never waits, so this barely matters
CHILD_TIMEOUT_SECONDS = 900
QUEUE_TABLES = ("outbox", "messages")  # what enqueue writes; emptied between rounds


class NoopSender:
    """Sends nothing; records the id of every item it is handed so sends can be counted across workers."""

    channel = "sms"

    def __init__(self) -> None:
        self.sent_ids: list[int] = []

    async def send(self, item: OutboxItem) -> SendResult:
        self.sent_ids.append(item.id)
        return SendResult(provider_id=f"noop-{item.id}")


@dataclass
class Drained:
    seconds: float
    cpu_seconds: float  # client-side CPU: this process, or the sum over worker processes
    sent_ids: list[int] = field(default_factory=list)
    pass_seconds: list[float] = field(default_factory=list)


def job(n: int) -> Outgoing:
    return Outgoing(channel=Channel.SMS, to=f"+1512{n:07d}", body=f"benchmark message {n}",
                    dedupe_key=f"bench-{n}", kind="benchmark")


@dataclass
class Enqueued:
    ids: list[int]
    seconds: float
    cpu_seconds: float


async def enqueue_all(store: Store, jobs: int) -> Enqueued:
    """Enqueue `jobs` rows, ENQUEUE_BATCH per transaction, timed."""
    clock, ids, cpu = SystemClock(), [], cpu_seconds()
    with Stopwatch() as watch:
        for start in range(0, jobs, ENQUEUE_BATCH):
            batch = [job(n) for n in range(start, min(jobs, start + ENQUEUE_BATCH))]
            ids += await store.run(partial(_enqueue_batch, batch=batch, now=clock.now()))
    return Enqueued([i for i in ids if i is not None], watch.seconds, cpu_seconds() - cpu)


def _enqueue_batch(session: Session, *, batch: list[Outgoing], now: datetime) -> list[int | None]:
    return [sending.send(session, None, out, now=now) for out in batch]


def make_worker(store: Store, sender: NoopSender, batch_size: int) -> Worker:
    return Worker(store, {sender.channel: sender}, clock=SystemClock(), batch_size=batch_size,
                  concurrency=CONCURRENCY)


async def drain_passes(worker: Worker) -> list[float]:
    """`Worker.drain` with every pass timed: take, send, record, until a pass finds nothing due."""
    passes = []
    while True:
        with Stopwatch() as watch:
            taken = await worker.run_once()
        if not taken:
            return passes
        passes.append(watch.seconds)


async def drain_in_loop(stores: list[Store], batch_size: int) -> Drained:
    """One worker per store, all on this event loop."""
    senders = [NoopSender() for _ in stores]
    workers = [make_worker(store, sender, batch_size) for store, sender in zip(stores, senders)]
    cpu = cpu_seconds()
    with Stopwatch() as watch:
        passes = await asyncio.gather(*(drain_passes(w) for w in workers))
    return Drained(watch.seconds, cpu_seconds() - cpu, [i for s in senders for i in s.sent_ids],
                   [p for ps in passes for p in ps])


def drain_in_processes(url: str, schema: str, workers: int, batch_size: int) -> Drained:
    """One worker per process, each on its own engine; timed from the moment all are connected."""
    seconds, reports = run_processes(_drain_in_child, (url, schema, batch_size), workers,
                                     timeout=CHILD_TIMEOUT_SECONDS)
    return Drained(seconds, sum(r["cpu_seconds"] for r in reports), [i for r in reports for i in r["sent_ids"]],
                   [p for r in reports for p in r["pass_seconds"]])


async def _drain_in_child(url: str, schema: str, batch_size: int, start: StartLine) -> dict[str, Any]:
    store = Store(url, schema=schema, pool_size=2)
    try:
        await store.run(lambda s: s.execute(text("SELECT 1")))  # connect before the clock starts
        await start.wait()
        sender, cpu = NoopSender(), cpu_seconds()
        passes = await drain_passes(make_worker(store, sender, batch_size))
        return {"sent_ids": sender.sent_ids, "pass_seconds": passes, "cpu_seconds": cpu_seconds() - cpu}
    finally:
        await store.close()


async def check(store: Store, expected: list[int], drained: Drained) -> dict[str, int]:
    """Count sends per outbox id and row statuses: lost, duplicate and unfinished jobs."""
    sends = Counter(drained.sent_ids)
    statuses = await store.run(lambda s: dict(s.execute(
        select(OutboxRow.status, func.count()).group_by(OutboxRow.status)).all()))
    return {"lost": len(set(expected) - sends.keys()),
            "duplicates": sum(count - 1 for count in sends.values() if count > 1) + len(sends.keys() - set(expected)),
            "rows_not_sent": sum(n for status, n in statuses.items() if status != "sent")}


class Results:
    """Collects figures and the correctness counts over every scenario."""

    def __init__(self, jobs: int, batch_size: int) -> None:
        self.jobs = jobs
        self.figures: dict[str, Any] = {"jobs": jobs, "batch_size": batch_size, "enqueue_batch": ENQUEUE_BATCH}
        self.errors = {"lost": 0, "duplicates": 0, "rows_not_sent": 0}
        self.pass_ms: dict[str, dict[str, float]] = {}
        self.cpu_ms_per_job: dict[str, float] = {}
        self.machine = {"start": machine()}

    def enqueued(self, prefix: str, enqueued: Enqueued) -> None:
        rate = per_second(self.jobs, enqueued.seconds)
        if self.figures.get(f"{prefix}_enqueue_per_s") is None:  # the first round's figure is the one reported
            self.figures[f"{prefix}_enqueue_per_s"] = rate
            self.cpu_ms_per_job[f"{prefix}_enqueue"] = round(1000 * enqueued.cpu_seconds / self.jobs, 3)
        progress(f"{prefix}: enqueued {len(enqueued.ids)} in {enqueued.seconds:.2f}s = {rate}/s")

    def drained(self, name: str, drained: Drained, counts: dict[str, int]) -> None:
        self.figures[f"{name}_jobs_per_s"] = per_second(self.jobs, drained.seconds)
        self.pass_ms[name] = summarize_ms(drained.pass_seconds)
        self.cpu_ms_per_job[name] = round(1000 * drained.cpu_seconds / self.jobs, 3)
        for key, value in counts.items():
            self.errors[key] += value
        progress(f"{name}: drained {self.jobs} in {drained.seconds:.2f}s = {self.figures[f'{name}_jobs_per_s']}/s, "
                 f"client cpu {self.cpu_ms_per_job[name]} ms/job, pass ms {self.pass_ms[name]}, {counts}, "
                 f"{machine()}")

    def final(self) -> dict[str, Any]:
        self.machine["end"] = machine()
        return {**self.figures, **self.errors, "cpu_ms_per_job": self.cpu_ms_per_job, "pass_ms": self.pass_ms,
                "machine": self.machine}


async def bench_sqlite(args: argparse.Namespace, results: Results) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_outbox_") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            await upgrade(store)
            await run_round(store, "sqlite", args, results, lambda: drain_in_loop([store], args.batch_size))
        finally:
            await store.close()


async def bench_postgres(url: str, args: argparse.Namespace, results: Results) -> None:
    schema, workers = f"bench_outbox_{uuid.uuid4().hex[:8]}", args.workers
    store = Store(url, schema=schema)
    try:
        await upgrade(store)
        progress(f"postgres: schema {schema}")
        await run_round(store, "postgres_1w", args, results, lambda: drain_in_loop([store], args.batch_size))
        await run_round(store, f"postgres_{workers}w", args, results, lambda: asyncio.to_thread(
            drain_in_processes, url, schema, workers, args.batch_size))
        results.figures[f"postgres_{workers}w_mode"] = "processes"
        if args.same_loop:
            await postgres_same_loop(url, schema, store, args, results)
    finally:
        await store.run_on_connection(lambda c: c.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await store.close()


async def postgres_same_loop(url: str, schema: str, store: Store, args: argparse.Namespace,
                             results: Results) -> None:
    """The same number of workers as coroutines on this one event loop, each on its own engine."""
    extra = [Store(url, schema=schema, pool_size=2) for _ in range(args.workers)]
    try:
        await run_round(store, f"postgres_{args.workers}w_same_loop", args, results,
                        lambda: drain_in_loop(extra, args.batch_size))
    finally:
        await asyncio.gather(*(s.close() for s in extra))


async def run_round(store: Store, name: str, args: argparse.Namespace, results: Results,
                    drain: Callable[[], Awaitable[Drained]]) -> None:
    """Empty the queue, enqueue afresh, drain with `drain()`, check."""
    await store.run_on_connection(_empty_queue)
    enqueued = await enqueue_all(store, args.jobs)
    results.enqueued("postgres" if store.dialect == "postgresql" else "sqlite", enqueued)
    if args.analyze:
        await store.run_on_connection(lambda c: [c.exec_driver_sql(f"ANALYZE {t}") for t in QUEUE_TABLES])
    drained = await drain()
    results.drained(name, drained, await check(store, enqueued.ids, drained))


def _empty_queue(connection: Any) -> None:
    if connection.dialect.name == "postgresql":  # TRUNCATE leaves no dead rows behind for the next round
        connection.exec_driver_sql(f"TRUNCATE {', '.join(QUEUE_TABLES)} RESTART IDENTITY CASCADE")
    else:
        for table in QUEUE_TABLES:
            connection.exec_driver_sql(f"DELETE FROM {table}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="rows a worker takes per pass")
    parser.add_argument("--workers", type=int, default=4, help="concurrent workers in the PostgreSQL rounds")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--same-loop", action="store_true",
                        help="also run the PostgreSQL workers as coroutines on one event loop")
    parser.add_argument("--analyze", action="store_true",
                        help="ANALYZE after enqueueing, as autovacuum eventually would; by default the planner "
                             "sees the burst with no statistics, as it would right after it lands")
    return parser.parse_args(argv)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    results = Results(args.jobs, args.batch_size)
    results.figures.update({"analyzed": args.analyze, "sqlite_enqueue_per_s": None, "sqlite_jobs_per_s": None,
                            "postgres_enqueue_per_s": None, "postgres_1w_jobs_per_s": None,
                            f"postgres_{args.workers}w_jobs_per_s": None})
    if not args.skip_sqlite:
        await bench_sqlite(args, results)
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        await bench_postgres(url, args, results)
    else:
        progress("TEST_DATABASE_URL is not set: PostgreSQL rounds skipped")
    return results.final()


if __name__ == "__main__":
    print_final(asyncio.run(main(parse_args())))
