"""The periodic jobs the scheduler runs, bound to this process's store. Each is idempotent."""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from referral_bot.scheduler import PeriodicJob
from store import billing, clientside, closing, dispatch, reminders
from store.db import Store
from store.env import bot_env
from store.settings import Settings


def periodic_jobs(settings: Settings, store: Store) -> list[PeriodicJob]:
    env = bot_env(settings)

    async def expire_offers(now: datetime) -> int:
        return await store.run(lambda s: closing.expire_offers(s, env, now=now))

    async def send_digests(now: datetime) -> int:
        return await store.run(lambda s: reminders.send_digests(s, env, now=now))

    async def enforce_overdue(now: datetime) -> dict[str, int]:
        return await store.run(lambda s: reminders.enforce_overdue(s, env, now=now))

    async def end_pauses(now: datetime) -> int:
        return await store.run(lambda s: reminders.end_pauses(s, now=now))

    async def recover_inbound_emails(now: datetime) -> int:
        from inbound.smtp import recover_emails  # emails stored but not processed (a crash, a failed task)

        return await recover_emails(store, env, now=now)

    async def bill_balances(now: datetime) -> int:
        return await store.run(lambda s: billing.bill_due_balances(s, now=now))

    async def reconcile_with_providers(now: datetime) -> object:
        from referral_bot.reconcile import reconcile_live  # missed webhooks repaired, mismatches reported

        return await reconcile_live(settings, store, since=now - timedelta(hours=48), now=now)

    async def prune_old_content(now: datetime) -> dict[str, int]:
        from store.retention import prune

        if settings.retention_days <= 0:
            return {}
        return await store.run(lambda s: prune(s, older_than=now - timedelta(days=settings.retention_days),
                                               dry_run=False, now=now))

    async def ask_clients(now: datetime) -> int:
        delay = timedelta(hours=settings.client_check_hours)
        asked = await store.run(lambda s: clientside.ask_clients(
            s, env, now=now, delay=delay, business_hours=settings.client_check_business_hours))
        silence = timedelta(hours=settings.client_check_silence_hours)
        return asked + await store.run(lambda s: clientside.flag_unconfirmed(s, now=now, silence=silence))

    async def advance_dispatch(now: datetime) -> int:  # cascades, round robins and escalation steps due
        added = 0
        for referral_id in await store.run(lambda s: dispatch.due(s, now=now)):  # one transaction each
            added += await store.run(partial(dispatch.advance, env=env, referral_id=referral_id, now=now))
        return added

    return [PeriodicJob("advance_dispatch", every=1, run=advance_dispatch),
            PeriodicJob("reconcile", every=86400, run=reconcile_with_providers),
            PeriodicJob("prune_old_content", every=86400, run=prune_old_content),
            PeriodicJob("expire_offers", every=600, run=expire_offers),
            PeriodicJob("ask_clients", every=600, run=ask_clients),
            PeriodicJob("bill_balances", every=3600, run=bill_balances),
            PeriodicJob("send_digests", every=3600, run=send_digests),
            PeriodicJob("enforce_overdue", every=3600, run=enforce_overdue),
            PeriodicJob("end_pauses", every=600, run=end_pauses),
            PeriodicJob("recover_inbound_emails", every=60, run=recover_inbound_emails)]
