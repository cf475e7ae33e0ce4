"""One way into the outbox (store/sending.py): attempts, email headers and quiet hours are applied there, and
no other module of the application calls the outbox's insert."""
from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.daytime import next_daytime
from bot.messages import Channel, Outgoing
from bot.model import BotConfig
from store import sending
from store.env import BotEnv
from store.models import Message, OutboxRow
from tests.flows import add_agents

ROOT = Path(__file__).resolve().parent.parent
APPLICATION = ("bot", "store", "inbound", "outbound", "referral_bot", "benchmarks", "scripts")
ENQUEUE = {"enqueue", "enqueue_many"}
ENV = BotEnv(config=BotConfig(program_name="Referral Network", support_contact="support@referral-bot.test"),
             secret_key="s" * 32, public_base_url="https://bot.test", max_attempts=5)
NIGHT = datetime(2026, 3, 4, 7, 0, tzinfo=UTC)  # 01:00 in Chicago


def enqueue_calls(path: Path) -> list[int]:
    """Lines where `path` calls the outbox's enqueue (by attribute or imported by name)."""
    tree = ast.parse(path.read_text(), str(path))
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module == "store.outbox" for alias in node.names if alias.name in ENQUEUE}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        by_attribute = isinstance(func, ast.Attribute) and func.attr in ENQUEUE and \
            isinstance(func.value, ast.Name) and func.value.id == "outbox"
        if by_attribute or (isinstance(func, ast.Name) and func.id in imported):
            found.append(node.lineno)
    return found


def test_nothing_but_sending_calls_the_outbox_enqueue():
    callers = {f"{path.relative_to(ROOT)}:{line}" for package in APPLICATION for path in (ROOT / package).rglob("*.py")
               for line in enqueue_calls(path)}
    assert {caller.split(":")[0] for caller in callers} == {"store/sending.py"}, sorted(callers)


def test_the_check_finds_a_call_by_attribute_and_by_name(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from store import outbox\nfrom store.outbox import enqueue as put\n"
                      "outbox.enqueue(s, o, now=n)\nput(s, o, now=n)\noutbox.claim_next(s)\n")
    assert enqueue_calls(module) == [3, 4]


async def test_send_applies_attempts_and_email_headers(store, clock):
    [agent_id] = await add_agents(store, clock, 1)
    email = Outgoing(Channel.EMAIL, "agent1@example.test", "hi\n", "k-email", agent_id=agent_id, referral_id=None,
                     subject="s")
    await store.run(lambda s: sending.send(s, ENV, email, now=clock.now()))
    row = await store.run(lambda s: s.scalars(select(OutboxRow)).one())
    assert row.max_attempts == 5
    assert row.payload["reply_to"].startswith("reply+") and row.payload["reply_to"].endswith("@in.referral-bot.test")
    assert row.payload["from"] == ENV.email_from and row.payload["message_id"].startswith("<")


async def test_a_non_urgent_message_waits_for_the_agents_daytime(store, clock):
    [agent_id] = await add_agents(store, clock, 1)  # America/Chicago
    quiet = Outgoing(Channel.SMS, "+15125550001", "later", "k-later", agent_id=agent_id, urgent=False)
    urgent = Outgoing(Channel.SMS, "+15125550001", "now", "k-now", agent_id=agent_id)
    await store.run(lambda s: [sending.send(s, ENV, out, now=NIGHT) for out in (quiet, urgent)])
    rows = await store.run(lambda s: {r.dedupe_key: r.next_attempt_at for r in s.scalars(select(OutboxRow))})
    assert rows == {"k-later": next_daytime(NIGHT, "America/Chicago"), "k-now": NIGHT}
    assert next_daytime(NIGHT, "America/Chicago") > NIGHT
    statuses = await store.run(lambda s: sorted(s.scalars(select(Message.status))))
    assert statuses == ["held", "queued"]


async def test_send_many_skips_keys_already_queued(store, clock):
    outs = [Outgoing(Channel.SMS, f"+1512555000{n}", "closed", f"k{n}") for n in range(3)]
    await store.run(lambda s: sending.send(s, ENV, outs[0], now=clock.now()))
    assert await store.run(lambda s: sending.send_many(s, ENV, outs, now=clock.now())) == 2
    attempts = await store.run(lambda s: sorted(s.scalars(select(OutboxRow.max_attempts))))
    assert attempts == [5, 5, 5]
