"""Retention: message bodies and raw emails older than the age are emptied, their rows (metadata) kept; an email
still waiting to be processed keeps its bytes; a dry run only counts; a second run prunes nothing. On SQLite and
PostgreSQL, and from the command line."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select

from store import inbound_email, messages
from store.models import InboundEmail, Message
from store.retention import PRUNED_BODY, prune
from tests.test_operations import migrate, process_env


async def seed(store, clock) -> dict[str, int]:
    old, recent = clock.now() - timedelta(days=400), clock.now() - timedelta(days=10)

    def work(session) -> dict[str, int]:
        ids = {}
        for name, when in (("old", old), ("recent", recent)):
            ids[f"{name}_message"] = messages.insert_message(
                session, direction="out", channel="sms", to_addr="+15125550100", body=f"{name} body", kind="offer",
                status="delivered", created_at=when, updated_at=when)
        ids["old_email"] = inbound_email.record(session, mail_from="a@x.test", rcpt_to="r@in.test", raw=b"old raw",
                                                now=old)
        ids["old_waiting_email"] = inbound_email.record(session, mail_from="a@x.test", rcpt_to="r@in.test",
                                                        raw=b"still waiting", now=old)
        session.get(InboundEmail, ids["old_email"]).status = inbound_email.InboundEmailStatus.PROCESSED
        return ids
    return await store.run(work)


async def test_old_bodies_and_processed_raw_emails_are_emptied_once_and_the_rows_stay(store, clock):
    ids = await seed(store, clock)
    cutoff = clock.now() - timedelta(days=365)
    dry = await store.run(lambda s: prune(s, older_than=cutoff, dry_run=True, now=clock.now()))
    assert dry == {"message_bodies": 1, "raw_emails": 1}
    assert await store.run(lambda s: s.get(Message, ids["old_message"]).body) == "old body"  # a dry run changes nothing

    assert await store.run(lambda s: prune(s, older_than=cutoff, dry_run=False, now=clock.now())) == dry
    rows = await store.run(lambda s: {m.id: (m.body, m.to_addr, m.status) for m in s.scalars(select(Message))})
    assert rows[ids["old_message"]] == (PRUNED_BODY, "+15125550100", "delivered")
    assert rows[ids["recent_message"]] == ("recent body", "+15125550100", "delivered")
    raws = await store.run(lambda s: {e.id: bytes(e.raw) for e in s.scalars(select(InboundEmail))})
    assert raws == {ids["old_email"]: b"", ids["old_waiting_email"]: b"still waiting"}

    again = await store.run(lambda s: prune(s, older_than=cutoff, dry_run=False, now=clock.now()))
    assert again == {"message_bodies": 0, "raw_emails": 0}


def test_prune_command_reports_a_dry_run(tmp_path):
    url = f"sqlite:///{tmp_path}/rb.db"
    migrate(url)
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", "prune", "--older-than", "365d", "--dry-run"],
                            env=process_env(url), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"message_bodies": 0, "raw_emails": 0,
                                                                  "dry_run": True}
