"""Periodic jobs (offer expiry, reminders, billing): each runs every `every` seconds in whichever process
hosts the scheduler. Jobs are idempotent and key their effects (outbox dedupe keys), so running the
scheduler in several processes at once repeats no work."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from bot.clock import Clock

log = structlog.get_logger("scheduler")


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    name: str
    every: float
    run: Callable[[datetime], Awaitable[object]]


class Scheduler:
    def __init__(self, jobs: list[PeriodicJob], clock: Clock) -> None:
        self.jobs, self.clock = jobs, clock

    async def run_due(self, last_run: dict[str, float], tick: float) -> None:
        for job in self.jobs:
            if tick - last_run.get(job.name, float("-inf")) >= job.every:
                last_run[job.name] = tick
                try:
                    await job.run(self.clock.now())
                except Exception:
                    log.exception("periodic job failed", job=job.name)

    async def run_forever(self, stop: asyncio.Event) -> None:
        log.info("scheduler started", jobs=[j.name for j in self.jobs])
        last_run: dict[str, float] = {}
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            await self.run_due(last_run, loop.time())
            try:
                await asyncio.wait_for(stop.wait(), timeout=1.0)
            except TimeoutError:
                pass
