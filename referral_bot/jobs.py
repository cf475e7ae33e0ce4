"""The periodic jobs the scheduler runs, bound to this process's store. Each is idempotent."""
from __future__ import annotations

from datetime import datetime

from referral_bot.scheduler import PeriodicJob
from referral_bot.settings import Settings
from store import referrals
from store.db import Store


def periodic_jobs(settings: Settings, store: Store) -> list[PeriodicJob]:
    async def expire_offers(now: datetime) -> int:
        return await store.run(lambda s: referrals.expire_offers(s, now=now))

    return [PeriodicJob("expire_offers", every=600, run=expire_offers)]
