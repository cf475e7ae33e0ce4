"""A worker killed with `kill -9` mid-batch loses nothing and re-sends at most what it had in flight."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bot.clock import FrozenClock, SystemClock
from outbound.senders import OutboxItem, SendResult
from outbound.worker import Worker
from store import outbox
from tests.conftest import ROOT
from tests.helpers import sms

TEXTS = 200
CONCURRENCY = 5
SENT_BEFORE_KILL = 30  # well inside the child's first batch of 50


class LoggingSender:
    channel = "sms"

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path

    async def send(self, item: OutboxItem) -> SendResult:
        with self.log_path.open("a") as log:
            log.write(f"{item.recipient}\n")
        return SendResult(provider_id=f"P{item.id}")


def sends(log_path: Path) -> Counter[str]:
    return Counter(log_path.read_text().split()) if log_path.exists() else Counter()


async def queue_texts(store, clock) -> set[str]:
    recipients = [f"+1512556{n:04d}" for n in range(TEXTS)]
    await store.run(lambda s: [outbox.enqueue(s, sms(to, "offer", f"crash:{to}"), now=clock.now())
                               for to in recipients])
    return set(recipients)


def start_worker(store, log_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tests.worker_process", store.url.url, store.schema or "",
                             str(log_path), str(CONCURRENCY)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def kill_after_sends(child: subprocess.Popen[bytes], log_path: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while sum(sends(log_path).values()) < count:
        assert child.poll() is None and time.monotonic() < deadline, "the worker died or never got going"
        await asyncio.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()


async def test_a_killed_worker_resends_at_most_what_it_had_in_flight(store, clock, tmp_path):
    log_path = tmp_path / "sent.log"
    recipients = await queue_texts(store, clock)
    await kill_after_sends(start_worker(store, log_path), log_path, SENT_BEFORE_KILL)
    after_leases = FrozenClock(SystemClock().now() + timedelta(minutes=5))  # the dead worker's leases ran out
    await Worker(store, {"sms": LoggingSender(log_path)}, clock=after_leases).drain()
    counted = sends(log_path)
    assert set(counted) == recipients  # lost: none
    twice = sum(n - 1 for n in counted.values())
    assert twice <= CONCURRENCY, f"{twice} texts sent twice, with {CONCURRENCY} sends in flight"
