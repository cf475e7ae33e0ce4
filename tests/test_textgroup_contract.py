"""The text group's contract (store/textgroup/): the same scripts of texts run through the direct group (each text
alone, plain statements) and the grouped one (every text of the script in one transaction, reads up front, rows
deferred, the write lock) give the same answers and leave the same rows. On SQLite and PostgreSQL."""
from __future__ import annotations

import ast
import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.clock import FrozenClock
from bot.messages import Channel, Inbound
from bot.parser import parse_text
from store import pipeline
from store import referrals as referral_store
from store.conversation import publish_referral
from store.env import bot_env
from store.models import (
    Agent,
    HistoryNote,
    Message,
    NetworkLink,
    Offer,
    OutboxRow,
    PendingQuestion,
    Referral,
    ReviewItem,
    WebhookReceipt,
)
from store.textgroup import direct_group, runner
from store.textgroup.grouped import GroupedGroup
from tests.conftest import T0, truncate_all
from tests.flows import CLIENT, add_agents

ROOT = Path(__file__).resolve().parent.parent
SIGNED_LINK = re.compile(r"(/r/|/x/|\?t=)[\w-]+")

# (agent number, text, provider id or None for a fresh one); {a} and {b} are the two referrals' codes
CLAIM_RACE = [(1, "STATUS"), (1, "NO"), (1, "YES"), (2, "YES {a}"), (3, "YES"), (3, "STATUS"), (4, "what's the price?"),
              (4, "HELP"), (2, "YES"), (1, "STATUS"), (99, "YES"), (3, "NO {b}"), (5, "STATUS"), (5, "CLAIM {b}"),
              (2, "no thanks"), (4, "YES {b}"), (1, "YES")]
DUPLICATES = [(1, "YES {a}", "SMdup1"), (1, "YES {a}", "SMdup1"), (2, "NO {b}", "SMdup2"), (2, "NO {b}", "SMdup2"),
              (3, "YES {b}"), (3, "YES {b}"), (2, "YES {a}")]
DECLINES = [(1, "NO {a}"), (1, "NO {a}"), (2, "NO"), (2, "NO"), (3, "pass on {b}"), (3, "YES {b}"), (4, "NO {b}"),
            (5, "no thanks"), (5, "STOP"), (5, "START")]
REPORTS = [(1, "YES {a}"), (2, "YES {b}"), (1, "SOLD {a} $450,000"), (2, "showing homes {b}"), (2, "NO SALE {b}"),
           (1, "STATUS"), (3, "sold {a} for 400k"), (4, "PAUSE"), (4, "RESUME"), (5, "call me"), (5, "what?")]
SCRIPTS = {"claim_race": CLAIM_RACE, "duplicates": DUPLICATES, "declines": DECLINES, "reports": REPORTS}


async def agents_offered_two_referrals(store, settings, agents: int) -> tuple[Any, list[str]]:
    """`agents` agents in one zip, each offered the same two referrals: the bot env and the two codes."""
    await add_agents(store, FrozenClock(T0), agents)
    env = bot_env(settings)

    def offer_two(session):
        made = [referral_store.create_referral(session, {"client": CLIENT, "zip": "78704", "client_type": "buyer"},
                                               now=T0) for _ in range(2)]
        for referral in made:
            publish_referral(session, referral, env, now=T0)
        return [r.code for r in made]
    return env, await store.run(offer_two)


def texts(script: list[tuple], codes: list[str]) -> list[Inbound]:
    made = []
    for at, (n, body, *sid) in enumerate(script):
        made.append(Inbound(Channel.SMS, sender=f"+1512555{n:04d}", body=body.format(a=codes[0], b=codes[1]),
                            provider_id=sid[0] if sid else f"SM{at:032d}", received_at=T0,
                            recipient="+15125550000"))
    return made


async def run_script(store, settings, *, grouped: bool, script: list[tuple] = CLAIM_RACE) -> tuple[list, dict]:
    """Two referrals offered to five agents, then `script`: all in one group, or each text alone (direct)."""
    await truncate_all(store)
    env, codes = await agents_offered_two_referrals(store, settings, 5)
    texts_runner = runner(store, grouped=grouped)

    def text(inbound: Inbound):
        intent = parse_text(inbound.body, Channel.SMS, T0)
        return texts_runner.run(inbound, lambda s, group: text_transaction(s, group, inbound, intent, env))
    if grouped:
        handled = await asyncio.gather(*(text(inbound) for inbound in texts(script, codes)))
        assert texts_runner.transactions == 1
    else:
        handled = [await text(inbound) for inbound in texts(script, codes)]
    generic = {codes[0]: "A", codes[1]: "B"}

    def plain(value: Any) -> Any:
        if isinstance(value, str):
            for code, name in generic.items():  # whole numbers only: a code may sit inside a zip (8704 in 78704)
                value = re.sub(rf"(?<![\d:]){code}(?!\d)", name, value)  # not a port ("127.0.0.1:8080")
            value = SIGNED_LINK.sub(r"\1<token>", value)  # offer ids follow the broadcast's shuffled order
        return value
    answers = [(plain(h.reply), h.outcome, h.duplicate) for h in handled]
    return answers, {name: sorted((tuple(plain(v) for v in row) for row in rows), key=repr)
                     for name, rows in (await store.run(rows_left)).items()}


def rows_left(session) -> dict[str, list[tuple]]:
    """Every row a text can leave, without ids and in a stable order."""
    def ordered(query) -> list[tuple]:
        return sorted((tuple(row) for row in session.execute(query)), key=repr)
    return {
        "offers": ordered(select(Offer.referral_id, Offer.agent_id, Offer.status)),
        "referrals": ordered(select(Referral.code, Referral.status, Referral.winner_agent_id, Referral.sale_amount)),
        "agents": ordered(select(Agent.id, Agent.status, Agent.paused_from, Agent.sms_opted_out_at)),
        "messages": ordered(select(Message.direction, Message.channel, Message.kind, Message.to_addr, Message.body,
                                   Message.status, Message.agent_id, Message.referral_id)),
        "notes": ordered(select(HistoryNote.referral_id, HistoryNote.agent_id, HistoryNote.kind, HistoryNote.text)),
        "reviews": ordered(select(ReviewItem.agent_id, ReviewItem.sender, ReviewItem.body, ReviewItem.reason,
                                  ReviewItem.status)),
        "outbox": [(channel, to, re.sub(r"\d+", "#", key), status) for channel, to, key, status in ordered(
            select(OutboxRow.channel, OutboxRow.recipient, OutboxRow.dedupe_key, OutboxRow.status))],  # offer ids
        "receipts": ordered(select(WebhookReceipt.key, WebhookReceipt.reply)),
        "pending": ordered(select(PendingQuestion.agent_id, PendingQuestion.question)),
    }


@pytest.mark.parametrize("name", sorted(SCRIPTS))
async def test_both_groups_give_the_same_answers_and_leave_the_same_rows(store, settings, name):
    direct = await run_script(store, settings, grouped=False, script=SCRIPTS[name])
    grouped = await run_script(store, settings, grouped=True, script=SCRIPTS[name])
    assert grouped[0] == direct[0]
    for table, rows in direct[1].items():
        assert grouped[1][table] == rows, table


async def test_the_claim_race_script_says_what_it_should(store, settings):
    answers, rows = await run_script(store, settings, grouped=True)
    replies = [reply for reply, _, _ in answers]
    assert "#A is yours" in replies[3] and "#B is yours" in replies[4] and "already claimed" in replies[8]
    assert "isn't registered" in replies[10]
    assert sorted(str(winner) for _, _, winner, _ in rows["referrals"]) == ["2", "3"]
    assert sum(status == "won" for _, _, status in rows["offers"]) == 2 and len(rows["reviews"]) == 1


async def test_a_repeated_message_is_acted_on_once_in_either_group(store, settings):
    for grouped in (False, True):
        answers, rows = await run_script(store, settings, grouped=grouped, script=DUPLICATES)
        assert [duplicate for _, _, duplicate in answers][:4] == [False, True, False, True]
        assert sum(direction == "in" for direction, *_ in rows["messages"]) == len(DUPLICATES) - 2


async def test_the_grouped_group_answers_from_its_reads_until_a_shared_write(store, settings):
    """After the one statement that records the group, a sender's offers come from the group's reads; a shared
    write (any change of state the ports make) forgets them and the next read asks the database."""
    _, codes = await agents_offered_two_referrals(store, settings, 2)
    [inbound] = texts([(1, "STATUS")], codes)

    def work(session):
        group = GroupedGroup(session)
        group.begin([inbound])
        recorded = group.recorded(inbound)
        session.execute(Offer.__table__.update().values(status="declined"))  # behind the group's back
        kept = len(group.open_offers(1, T0))
        group.shared_write()
        fresh = len(group.open_offers(1, T0))
        group.end()
        return recorded is not None, kept, fresh
    # PostgreSQL records the group up front and answers from those reads; SQLite records and reads as it goes
    assert await store.run(work) == ((True, 2, 0) if store.dialect == "postgresql" else (False, 0, 0))


async def test_the_direct_group_writes_at_once(store, settings):
    def work(session):
        group = direct_group(session)
        group.note(referral_store.note_row(None, None, "test", "written now", T0))
        return session.scalars(select(HistoryNote.text)).all()
    assert await store.run(work) == ["written now"]


async def test_an_accepted_invitation_reads_the_same_through_both(store, settings):
    """YES with nothing open accepts a pending network invitation: read up front by the grouped group."""
    for grouped in (False, True):
        await truncate_all(store)
        env = bot_env(settings)
        await add_agents(store, FrozenClock(T0), 2)
        await store.run(lambda s: s.add(NetworkLink(owner_agent_id=1, member_agent_id=2, status="pending",
                                                    created_at=T0)))
        [inbound] = texts([(2, "YES")], ["A", "B"])
        handled = await one_text(store, inbound, env, grouped=grouped)
        statuses = await store.run(lambda s: s.scalars(select(NetworkLink.status)).all())
        assert statuses == ["accepted"], (grouped, handled)


async def one_text(store, inbound: Inbound, env: Any, *, grouped: bool) -> Any:
    intent = parse_text(inbound.body, Channel.SMS, T0)
    return await runner(store, grouped=grouped).run(
        inbound, lambda session, group: text_transaction(session, group, inbound, intent, env))


def text_transaction(session, group, inbound: Inbound, intent: Any, env: Any) -> pipeline.Handled:
    """A text as the SMS webhook runs it: through the one pipeline, its reply kept with its receipt."""
    return pipeline.handle(session, env, pipeline.Arrival(inbound, intent=intent, answer=pipeline.Answer.KEPT),
                           group=group)


# -- the group stays inside its package ------------------------------------------------------------
APPLICATION = ("bot", "store", "inbound", "outbound", "referral_bot", "benchmarks")
ALLOWED = {"store/ports/__init__.py", "store/ports/tx.py"}  # the port implementation: the one place that picks


def imports_textgroup(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("store.textgroup"):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "store" and \
                any(alias.name == "textgroup" for alias in node.names):
            return True
        if isinstance(node, ast.Import) and any(a.name.startswith("store.textgroup") for a in node.names):
            return True
    return False


def test_no_module_outside_the_package_and_the_ports_imports_the_group():
    found = {str(path.relative_to(ROOT)) for package in APPLICATION for path in (ROOT / package).rglob("*.py")
             if imports_textgroup(path) and "store/textgroup/" not in str(path.relative_to(ROOT))}
    assert found <= ALLOWED and found, found


def test_no_engine_wide_sql_listener_and_no_hidden_session_keys():
    sources = [path.read_text() for package in APPLICATION for path in (ROOT / package).rglob("*.py")]
    assert not any("before_cursor_execute" in source for source in sources)
    assert not any("session.info" in source or "connection.info" in source for source in sources)
