"""A worker in a process of its own, for crash tests: `python -m tests.worker_process URL SCHEMA LOG CONCURRENCY`.

Its sender is slow (50-150 ms a send) and appends each recipient it "sent" to LOG the moment the provider
would have accepted it, so the test can count sends across a `kill -9`.
"""
from __future__ import annotations

import asyncio
import os
import random
import sys

from bot.clock import SystemClock
from outbound.senders import OutboxItem, SendResult
from outbound.worker import Worker
from store.db import Store

BATCH_SIZE = 50


class SlowLoggingSender:
    channel = "sms"

    def __init__(self, log_path: str) -> None:
        self.log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    async def send(self, item: OutboxItem) -> SendResult:
        await asyncio.sleep(random.uniform(0.05, 0.15))
        os.write(self.log, f"{item.recipient}\n".encode())  # the provider has it now
        return SendResult(provider_id=f"P{item.id}")


async def main(url: str, schema: str, log_path: str, concurrency: int) -> None:
    store = Store(url, schema=schema or None)
    worker = Worker(store, {"sms": SlowLoggingSender(log_path)}, clock=SystemClock(), batch_size=BATCH_SIZE,
                    concurrency=concurrency, lease_seconds=1, poll_seconds=0.05)
    await worker.run_forever(asyncio.Event())


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
