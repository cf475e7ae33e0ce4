"""Dispatch in the store, with the worker's clock passed in (no waiting): what a broadcast, a cascade and the
periodic `advance_dispatch` job cost, whether the holders are exactly what the rules say at every moment, and
whether a broadcast's send order is independent of the agents' ids.

- publish: one referral put in (ranking included) to `--agents` agents, broadcast and cascade, timed;
- advance: `--referrals` cascade referrals (window 30 s, a step every 10 s, up to 10 agents, an escalation
  step at 60 s) advanced every 10 s of the clock for 2 minutes; each run of the job is timed, and every
  referral's open offers are checked against bot/dispatch.holders (`mismatches` must be 0, `duplicates` 0);
- fairness: Spearman's rank correlation between a broadcast's queue position and agent id (0 = unrelated;
  sorted by id, as before, it was 1.0).

    python -m benchmarks.dispatch [--agents 200] [--referrals 100]

SQLite (a temp file) always; PostgreSQL too when TEST_DATABASE_URL is set. The last stdout line is JSON.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import select

from benchmarks.common import Stopwatch, machine, print_final, progress, summarize_ms
from benchmarks.server import agent_fields, postgres_database, referral_fields, sqlite_database
from bot.dispatch import Dispatch, holders
from store import agents, conversation, referrals, validation
from store import dispatch as dispatch_store
from store.db import Store
from store.env import bot_env
from store.migrate import upgrade
from store.models import Offer, OutboxRow, Referral
from store.settings import Settings

ZIP = "78704"
T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
CASCADE = {"policy": "cascade", "window_seconds": 30, "step_seconds": 10, "max_agents": 10,
           "escalation": [{"after_seconds": 60, "action": "email"}]}


def spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=values.__getitem__)
        out = [0.0] * len(values)
        for rank, index in enumerate(order):
            out[index] = float(rank)
        return out
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    return round(1 - 6 * sum((a - b) ** 2 for a, b in zip(rx, ry)) / (n * (n * n - 1)), 3)


async def measure(url: str, agent_count: int, referral_count: int) -> dict[str, Any]:
    store = Store(url)
    await upgrade(store)
    env = bot_env(Settings(secret_key="bench-secret", admin_token="bench"))
    await store.run(lambda s: [agents.create_agent(s, agent_fields(n, ZIP), now=T0) for n in range(1, agent_count + 1)])

    def put_in(dispatch: dict[str, Any] | None, now: datetime):
        def work(session):
            fields = validation.referral_input({**referral_fields(ZIP), **({"dispatch": dispatch} if dispatch else {})})
            referral = referrals.create_referral(session, fields, now=now)
            conversation.publish_or_refuse(session, referral, env, now=now)
            return referral.id
        return work

    with Stopwatch() as broadcast_watch:
        broadcast_id = await store.run(put_in(None, T0))
    queued = await store.run(lambda s: list(s.scalars(select(OutboxRow.agent_id).where(
        OutboxRow.referral_id == broadcast_id, OutboxRow.dedupe_key.like("offer:%")).order_by(OutboxRow.id))))
    with Stopwatch() as cascade_watch:
        await store.run(put_in(CASCADE, T0))
    progress(f"{url.split(':')[0]}: broadcast to {agent_count} in {broadcast_watch.seconds:.3f} s")

    ids = [await store.run(put_in(CASCADE, T0)) for _ in range(referral_count)]
    rule = Dispatch.from_json(CASCADE)
    runs, mismatches, added = [], 0, 0
    for second in range(0, 121, 10):
        now = T0 + timedelta(seconds=second)
        with Stopwatch() as watch:
            added += await store.run(partial(dispatch_store.advance_due, env=env, now=now))
        runs.append(watch.seconds)
        mismatches += await store.run(partial(check, ids=ids, rule=rule, second=second))
    duplicates = await store.run(lambda s: sum(1 for c in Counter(
        s.execute(select(Offer.referral_id, Offer.agent_id))).values() if c > 1))
    await store.close()
    return {"publish_ms": {"broadcast": round(1000 * broadcast_watch.seconds, 1),
                           "cascade_first_offer": round(1000 * cascade_watch.seconds, 1)},
            "advance_job_ms": summarize_ms(runs), "advance_runs": len(runs), "offers_added": added,
            "expected_offers_added": (referral_count + 1) * (rule.max_agents - 1),  # and the one timed above
            "mismatches": mismatches, "duplicates": duplicates,
            "send_order_vs_agent_id_spearman": spearman([float(i) for i in range(len(queued))],
                                                        [float(a) for a in queued]),
            "offers_queued": len(queued)}


def check(session, ids: list[int], rule: Dispatch, second: int) -> int:
    """Referrals whose open offers are not exactly the holders the rules name at `second`."""
    bad = 0
    for referral in session.scalars(select(Referral).where(Referral.id.in_(ids))):
        wanted = set(holders(rule, referral.dispatch["ranked"], second))
        have = set(session.scalars(select(Offer.agent_id).where(Offer.referral_id == referral.id,
                                                                 Offer.status == "open")))
        bad += wanted != have
    return bad


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=200)
    parser.add_argument("--referrals", type=int, default=100)
    args = parser.parse_args()
    result: dict[str, Any] = {"benchmark": "dispatch", "agents": args.agents, "referrals": args.referrals,
                              "limits": {"mismatches": 0, "duplicates": 0, "spearman_abs_below": 0.2},
                              "machine": machine()}
    with sqlite_database() as (url, _):
        result["sqlite"] = await measure(url, args.agents, args.referrals)
    if os.environ.get("TEST_DATABASE_URL"):
        async with postgres_database(os.environ["TEST_DATABASE_URL"]) as (url, _):
            result["postgres"] = await measure(url, args.agents, args.referrals)
    print_final(result)
    figures = [result[k] for k in ("sqlite", "postgres") if k in result]
    if any(f["mismatches"] or f["duplicates"] or abs(f["send_order_vs_agent_id_spearman"]) >= 0.2 for f in figures):
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
