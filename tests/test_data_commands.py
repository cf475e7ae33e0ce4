"""Data over time: `referral-bot redact` takes a closed referral's client contact details out of every place they
were copied to (and refuses one not closed long enough, with one line), `referral-bot export` writes the books as
CSV without clients' details unless an admin asks. On SQLite and PostgreSQL, in the store and from the command
line; the privacy test reads every text column of every table after a redaction, and the commands' output.
"""
from __future__ import annotations

import asyncio
import csv
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import LargeBinary, select

from bot.clock import FrozenClock
from bot.operators import OperatorRole
from inbound.web import create_app
from store import inbound_email, operators, redaction, referrals
from store.console_models import AuditEntry
from store.db import Store
from store.metrics import Metrics
from store.models import Base, Message, ReferralContact
from tests.flows import CLIENT, REFERRAL, add_agents, text_in
from tests.test_client_side import CONSENT, ask
from tests.test_operations import migrate, postgres_database, process_env  # postgres_database: a fixture

SECRETS = [CLIENT["name"], CLIENT["phone"], CLIENT["email"], "Quinlan", "(512) 555-9876", "512.555.9876"]
NOTE = "Prefers a call at (512) 555-9876 after 5pm; ask for Pat Quinlan"


async def closed_referral(http, store, clock, settings) -> dict:
    """A referral with the client's details copied everywhere they travel: the note, the winner's contact email,
    the client's check text and answer, the winner's report naming the client, an operator's note, and an agent's
    emailed reply quoting the contact email; then closed."""
    await add_agents(store, clock, 2)
    body = {**REFERRAL, "note": NOTE, "client": {**CLIENT, "sms_consent": CONSENT}}
    created = await (await http.post("/api/referrals", json=body, headers=http.admin)).json()
    await text_in(http, settings, "+15125550001", f"YES {created['code']}")
    clock.advance(hours=4)
    await ask(store, clock, settings)
    await text_in(http, settings, CLIENT["phone"], "1")
    await text_in(http, settings, "+15125550001", f"SOLD {created['code']} $450k, {CLIENT['name']} loved it")
    now = clock.now()

    def more(session) -> None:
        referrals.add_note(session, created["id"], None, "note", f"Spoke to {CLIENT['email']} (ann@example.test)",
                           now=now)
        quoting = inbound_email.record(session, mail_from="agent1@example.test", rcpt_to="r@in.test", now=now,
                                       raw=f"Subject: Re: contact\r\n\r\nThanks!\r\n> Email: {CLIENT['email']}\r\n"
                                       .encode())
        session.get(inbound_email.InboundEmail, quoting).status = inbound_email.InboundEmailStatus.PROCESSED
    await store.run(more)
    view = await (await http.get(f"/api/referrals/{created['id']}", headers=http.admin)).json()
    if view["status"] != "closed":
        moved = await http.post(f"/api/referrals/{created['id']}/status", json={"status": "closed"},
                                headers=http.admin)
        assert moved.status == 200, await moved.text()
    return created


async def on_app(store, clock, settings, scenario):
    async with TestClient(TestServer(create_app(settings, store, clock, Metrics()), host="127.0.0.1")) as http:
        http.admin = {"Authorization": f"Bearer {settings.admin_token}"}
        return await scenario(http, store, clock, settings)


async def everything_stored(store) -> str:
    """Every text and binary value of every table, as one string (what a database dump would show)."""
    def read(session) -> str:
        values = []
        for table in Base.metadata.sorted_tables:
            for row in session.execute(table.select()):
                for column, value in zip(table.columns, row, strict=True):
                    if isinstance(column.type, LargeBinary) and value is not None:
                        value = bytes(value).decode("latin-1")
                    values.append(str(value))
        return "\n".join(values)
    return await store.run(read)


def leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s.lower() in text.lower()]


# -- in the store, both databases ----------------------------------------------------------------
async def test_a_redacted_referrals_client_details_are_gone_from_every_table(store, clock, settings):
    created = await on_app(store, clock, settings, closed_referral)
    assert leaks(await everything_stored(store))  # the scenario did copy them around
    later = clock.now() + timedelta(days=31)
    done = await store.run(lambda s: redaction.redact(s, created["id"], now=later, after_days=30, actor="ann"))
    assert done.outcome is redaction.Outcome.REDACTED
    assert done.changed["messages"] >= 3 and done.changed["raw_emails"] == 1 and done.changed["history"] >= 2

    assert leaks(await everything_stored(store)) == []
    contact = await store.run(lambda s: s.get(ReferralContact, created["id"]))
    assert (contact.name, contact.phone, contact.email) == (redaction.REDACTED, None, None)
    assert contact.sms_consent_at is not None  # the record that consent was given stays
    messages = await store.run(lambda s: list(s.scalars(select(Message).where(Message.referral_id == created["id"]))))
    assert len(messages) >= 5 and all(m.status for m in messages)  # the rows (the story) stay
    audit = await store.run(lambda s: [(a.actor, a.action, a.target) for a in s.scalars(
        select(AuditEntry).where(AuditEntry.action == "redact"))])
    assert audit == [("ann", "redact", f"referral {created['id']}")]

    again = await store.run(lambda s: redaction.redact(s, created["id"], now=later, after_days=30, actor="ann"))
    assert again.outcome is redaction.Outcome.ALREADY
    assert len(await store.run(lambda s: list(s.scalars(select(AuditEntry).where(AuditEntry.action == "redact"))))) == 1


async def test_redaction_is_refused_while_open_or_closed_too_recently(store, clock, settings):
    await add_agents(store, clock, 1)

    async def open_one(http, store, clock, settings):
        return await (await http.post("/api/referrals", json=REFERRAL, headers=http.admin)).json()
    created = await on_app(store, clock, settings, open_one)
    found = await store.run(lambda s: redaction.redact(s, created["id"], now=clock.now(), after_days=30, actor="a"))
    assert (found.outcome, found.status) == (redaction.Outcome.NOT_CLOSED, "new")

    await store.run(lambda s: referrals.move(s, created["id"], "new", "lost", now=clock.now()))
    soon = await store.run(lambda s: redaction.redact(s, created["id"], now=clock.now() + timedelta(days=29),
                                                      after_days=30, actor="a"))
    assert soon.outcome is redaction.Outcome.TOO_RECENT and soon.closed_at == clock.now()
    assert (await store.run(lambda s: s.get(ReferralContact, created["id"]))).name == CLIENT["name"]
    missing = await store.run(lambda s: redaction.redact(s, 999, now=clock.now(), after_days=0, actor="a"))
    assert missing.outcome is redaction.Outcome.MISSING


def test_the_scrubber_finds_a_phone_in_its_usual_spellings_and_names_in_any_case():
    scrub = redaction.Scrubber(CLIENT["name"], CLIENT["phone"], CLIENT["email"])
    text = ("call 512-555-9876, (512) 555 9876, 1.512.555.9876 or +15125559876; PAT QUINLAN, "
            "Pat.Quinlan@Example.com; not 512-555-98761")
    assert scrub.text(text, "X") == "call X, X, X or X; X, X; not 512-555-98761"


# -- from the command line, both databases -------------------------------------------------------
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/rb.db"
    return request.getfixturevalue("postgres_database")


def seeded(url: str, settings, days_ago: int) -> dict:
    """The migrated database with the scenario played `days_ago` days back, and an admin and a dispatcher."""
    migrate(url)
    clock = FrozenClock(datetime.now(UTC) - timedelta(days=days_ago))

    async def go() -> dict:
        store = Store(url)
        try:
            created = await on_app(store, clock, settings, closed_referral)
            await store.run(lambda s: [operators.add_operator(s, email, "x", role, now=clock.now()) for email, role in
                                       (("ann@example.test", OperatorRole.ADMIN),
                                        ("dee@example.test", OperatorRole.DISPATCHER))])
            return created
        finally:
            await store.close()
    return asyncio.run(go())


def cli(url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referral_bot.cli", *args], env=process_env(url, **env),
                          capture_output=True, text=True, timeout=120)


def test_redact_command_refuses_too_recent_then_redacts_once_and_never_prints_the_details(database_url, settings):
    created = seeded(database_url, settings, days_ago=40)
    ref = str(created["id"])
    early = cli(database_url, "redact", "--referral", ref, REDACT_AFTER_DAYS="90")
    assert early.returncode == 2 and early.stderr.count("\n") == 1
    assert "days after it closed (REDACT_AFTER_DAYS)" in early.stderr
    dispatcher = cli(database_url, "redact", "--referral", ref, "--operator", "dee@example.test")
    assert dispatcher.returncode == 2 and "only an admin" in dispatcher.stderr
    done = cli(database_url, "redact", "--referral", ref, "--operator", "Ann@example.test")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"referral {ref}: client contact details redacted (")
    again = cli(database_url, "redact", "--referral", ref)
    assert (again.returncode, again.stdout.strip()) == (0, f"referral {ref}: already redacted, nothing changed")
    for bad in ("abc", "0", "99999"):
        refused = cli(database_url, "redact", "--referral", bad)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
    for output in (early, dispatcher, done, again):
        assert leaks(output.stdout + output.stderr) == []

    async def read() -> tuple[str, list]:
        store = Store(database_url)
        try:
            return await everything_stored(store), await store.run(lambda s: [(a.actor, a.operator_id) for a in
                                                                               s.scalars(select(AuditEntry).where(
                                                                                   AuditEntry.action == "redact"))])
        finally:
            await store.close()
    stored, audit = asyncio.run(read())
    assert leaks(stored) == [] and [actor for actor, _ in audit] == ["ann@example.test"]


def test_export_writes_the_books_without_client_details_unless_an_admin_asks(database_url, settings, tmp_path):
    created = seeded(database_url, settings, days_ago=3)
    plain = cli(database_url, "export", "--since", "30d", "--out", str(tmp_path / "books"))
    assert plain.returncode == 0, plain.stderr
    counts = json.loads(plain.stdout)
    assert (counts["referrals"], counts["offers"], counts["outcomes"], counts["with_contacts"]) == (1, 2, 1, False)
    files = {name: list(csv.DictReader((tmp_path / "books" / f"{name}.csv").open()))
             for name in ("referrals", "offers", "outcomes", "ledger")}
    assert files["referrals"][0]["code"] == created["code"] and "client_name" not in files["referrals"][0]
    assert "[client details]" in files["referrals"][0]["note"] and "after 5pm" in files["referrals"][0]["note"]
    assert files["outcomes"][0]["report"].startswith(f"SOLD {created['code']} $450k, [client details]")
    assert {o["agent_name"] for o in files["offers"]} == {"Agent 1 Smith", "Agent 2 Smith"}
    assert len(files["ledger"]) == counts["ledger"]
    assert all(leaks((tmp_path / "books" / f"{n}.csv").read_text()) == [] for n in files)
    assert (tmp_path / "books" / "referrals.csv").stat().st_mode & 0o077 == 0  # the owner's only

    asked = cli(database_url, "export", "--since", "30d", "--with-contacts", "--out", str(tmp_path / "x"))
    assert asked.returncode == 2 and "--with-contacts needs --operator" in asked.stderr
    dee = cli(database_url, "export", "--since", "30d", "--with-contacts", "--operator", "dee@example.test",
              "--out", str(tmp_path / "x"))
    assert dee.returncode == 2 and "only an admin" in dee.stderr and not (tmp_path / "x").exists()
    ann = cli(database_url, "export", "--since", "30d", "--with-contacts", "--operator", "ann@example.test",
              "--out", str(tmp_path / "full"))
    assert ann.returncode == 0, ann.stderr
    full = next(iter(csv.DictReader((tmp_path / "full" / "referrals.csv").open())))
    assert (full["client_name"], full["client_phone"], full["client_email"]) == tuple(CLIENT.values())
    assert leaks(ann.stdout + ann.stderr + plain.stdout + plain.stderr) == []
    old = cli(database_url, "export", "--since", "1d", "--out", str(tmp_path / "recent"))
    assert json.loads(old.stdout)["referrals"] == 0
    assert cli(database_url, "export", "--since", "soon").returncode == 2
