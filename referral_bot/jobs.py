"""The periodic jobs the scheduler runs, bound to this process's store."""
from __future__ import annotations

from referral_bot.scheduler import PeriodicJob
from referral_bot.settings import Settings
from store.db import Store


def periodic_jobs(settings: Settings, store: Store) -> list[PeriodicJob]:
    return []
