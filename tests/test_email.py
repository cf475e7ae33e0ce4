"""Replies by email over the wire: a real SMTP client (smtplib, swaks) against the running inbound server.

Agents who texted STOP are offered referrals by email; their replies come back to the signed Reply-To of
the offer. The server refuses bad recipients at RCPT (550) and oversize messages (552), stores what it
accepts and processes it in the background; `settle` waits for that by polling the stored rows.
"""
from __future__ import annotations

import asyncio
import dataclasses
import html
import smtplib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.tokens import make_token
from inbound.smtp import start_smtp_server
from outbound.smtp_out import SmtpEmailSender, SmtpRelay
from outbound.worker import Worker
from referral_bot.jobs import periodic_jobs
from store import inbound_email
from store.env import bot_env
from store.links import reply_address
from store.models import InboundEmail, Message, Offer, OutboxRow, ReviewItem
from store.settings import Settings
from tests.flows import add_agents, new_referral, outbound, text_in
from tests.helpers import ScriptedSender
from tests.peers.smtp_sink import free_port, running_sink

SETTLE_SECONDS = 10.0


# -- the server and the client -----------------------------------------------------------------------------
@asynccontextmanager
async def smtp_server(settings: Settings, store, clock) -> AsyncIterator[int]:
    """The inbound SMTP server on a free loopback port; no background task outlives the block."""
    port = free_port()
    server = await start_smtp_server(dataclasses.replace(settings, smtp_host="127.0.0.1", smtp_port=port),
                                     store, clock)
    try:
        yield port
    finally:
        server.close()
        await server.wait_closed()
        await settle(store)


@pytest.fixture
async def smtp_port(store, settings, clock) -> AsyncIterator[int]:
    async with smtp_server(settings, store, clock) as port:
        yield port


async def smtp_send(port: int, mail_from: str, rcpt: str, raw: bytes) -> None:
    """Send like a mail server would (smtplib blocks, so it runs on a thread; the server is on this loop)."""
    def send() -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            smtp.sendmail(mail_from, [rcpt], raw)
    await asyncio.to_thread(send)


async def settle(store) -> list[InboundEmail]:
    """Wait (bounded) until no stored email is still waiting for its background processing."""
    deadline = asyncio.get_running_loop().time() + SETTLE_SECONDS
    while True:
        rows = await store.run(lambda s: list(s.scalars(select(InboundEmail).order_by(InboundEmail.id))))
        if all(row.status != "received" for row in rows):
            return rows
        assert asyncio.get_running_loop().time() < deadline, "inbound emails were not processed in time"
        await asyncio.sleep(0.02)


# -- scenario --------------------------------------------------------------------------------------------
async def email_only_agents(client, store, clock, settings, count: int) -> list[int]:
    """Agents who texted STOP: from now on their offers come by email."""
    ids = await add_agents(store, clock, count)
    for n in range(1, count + 1):
        await text_in(client, settings, f"+1512555{n:04d}", "STOP")
    return ids


async def offer_email(store, agent_id: int, referral_id: int | None = None) -> Message:
    offers = await outbound(store, kind="offer", channel="email", agent_id=agent_id)
    return next(m for m in reversed(offers) if referral_id in (None, m.referral_id))


def gmail_reply(offer: Message | EmailMessage, text: str, *, sender: str, message_id: str,
                subject: str | None = None, headers: dict[str, str] | None = None) -> bytes:
    """A reply as Gmail writes it: the answer above a `>`-quoted copy of our email, text and HTML parts."""
    original = _original(offer)
    attribution = f"On Mon, Nov 23, 2026 at 9:00 AM Referral Network <{original['reply_to']}> wrote:"
    quoted = "\n".join(f"> {line}".rstrip() for line in original["body"].splitlines())
    msg = EmailMessage()
    msg["From"], msg["To"] = f"Agent Smith <{sender}>", original["reply_to"]
    msg["Subject"] = subject if subject is not None else f"Re: {original['subject']}"
    msg["Date"], msg["Message-ID"] = format_datetime(original["date"]), message_id
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(f"{text}\n\n{attribution}\n\n{quoted}\n")
    msg.add_alternative(f'<div dir="ltr">{html.escape(text)}</div><br><div class="gmail_quote">'
                        f'<div dir="ltr" class="gmail_attr">{html.escape(attribution)}<br></div>'
                        f'<blockquote class="gmail_quote">{html.escape(original["body"])}</blockquote></div>',
                        subtype="html")
    return msg.as_bytes(policy=policy.SMTP)  # CRLF line ends, as on the wire


def _original(offer: Message | EmailMessage) -> dict:
    if isinstance(offer, Message):
        return {"reply_to": offer.reply_to, "subject": offer.subject, "body": offer.body, "date": offer.created_at}
    return {"reply_to": str(offer["Reply-To"]), "subject": str(offer["Subject"]), "date": offer["Date"].datetime,
            "body": offer.get_body(("plain",)).get_content().replace("\r\n", "\n")}


async def referral_of(client, referral_id: int) -> dict:
    return await (await client.get(f"/api/referrals/{referral_id}", headers=client.admin)).json()


async def winner(client, created: dict) -> int | None:
    return (await referral_of(client, created["id"]))["winner_agent_id"]


async def untouched(client, created: dict) -> bool:
    """No winner and every offer still open: the referral is as it was offered."""
    referral = await referral_of(client, created["id"])
    return referral["winner_agent_id"] is None and {o["status"] for o in referral["offers"]} == {"open"}


async def rows(store, model, *where) -> list:
    return await store.run(lambda s: list(s.scalars(select(model).where(*where).order_by(model.id))))


# -- the happy path, end to end --------------------------------------------------------------------------
async def test_gmail_yes_above_the_quoted_offer_claims_and_queues_contact_details(
        client, store, clock, settings, smtp_port):
    a1, _ = await email_only_agents(client, store, clock, settings, 2)
    created = await new_referral(client)
    async with running_sink() as sink:  # the offer goes out through real SMTP; the agent answers that email
        email = {"email": SmtpEmailSender(SmtpRelay(sink.host, sink.port), timeout=5, clock=clock)}
        await Worker(store, {**{c: ScriptedSender(c) for c in ("sms", "voice", "stripe")}, **email},
                     clock=clock).drain()
        offer = next(r.message for r in sink.received if r.rcpt_tos == ["agent1@example.test"])
        raw = gmail_reply(offer, "YES", sender="Agent1@Example.TEST", message_id="<CAG1@mail.gmail.com>")
        await smtp_send(smtp_port, "agent1@example.test", str(offer["Reply-To"]), raw)
        [row] = await settle(store)
        assert (row.status, row.outcome, row.message_id) == ("processed", "won", "<CAG1@mail.gmail.com>")
        assert await winner(client, created) == a1
        [contact] = await outbound(store, kind="contact")
        assert (contact.channel, contact.to_addr) == ("email", "agent1@example.test")
        [answer] = await outbound(store, kind="reply", channel="email")
        assert answer.to_addr == "agent1@example.test" and "is yours" in answer.body
        assert answer.subject == f"Re: {offer['Subject']}" and answer.reply_to == str(offer["Reply-To"])
        [inbound] = await rows(store, Message, Message.direction == "in", Message.channel == "email")
        assert (inbound.body, inbound.from_addr, inbound.agent_id) == ("YES", "agent1@example.test", a1)
        await Worker(store, {"email": email["email"]}, clock=clock).drain()
    sent = next(r.message for r in sink.received if r.message["Message-ID"] != offer["Message-ID"]
                and "is yours" in r.message.get_body(("plain",)).get_content())
    assert sent["In-Reply-To"] == offer["In-Reply-To"] and sent["Subject"] == f"Re: {offer['Subject']}"


async def test_swaks_no_thanks_declines_the_offer_it_answers(client, store, clock, settings, smtp_port, tmp_path):
    await email_only_agents(client, store, clock, settings, 1)
    created = await new_referral(client)
    offer = await offer_email(store, 1)
    path: Path = tmp_path / "reply.eml"
    path.write_bytes(gmail_reply(offer, "No thanks, not for me.", sender="agent1@example.test",
                                 message_id="<swaks-1@example.test>"))
    process = await asyncio.create_subprocess_exec(
        "swaks", "--server", "127.0.0.1", "--port", str(smtp_port), "--to", offer.reply_to,
        "--from", "agent1@example.test", "--helo", "client.example.test", "--data", str(path),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, output.decode()
    [row] = await settle(store)
    assert row.outcome == "declined"
    assert [o["status"] for o in (await referral_of(client, created["id"]))["offers"]] == ["declined"]
    [answer] = await outbound(store, kind="reply", channel="email")
    assert f"#{created['code']}" in answer.body and "passed on" in answer.body


async def test_yes_on_a_referrals_thread_claims_that_referral_among_several(client, store, clock, settings,
                                                                            smtp_port):
    await email_only_agents(client, store, clock, settings, 1)
    first, second = await new_referral(client), await new_referral(client)
    offer = await offer_email(store, 1, referral_id=second["id"])
    await smtp_send(smtp_port, "agent1@example.test", offer.reply_to,
                    gmail_reply(offer, "Yes please", sender="agent1@example.test", message_id="<two@x.test>"))
    await settle(store)
    assert await winner(client, second) == 1 and await untouched(client, first)
    [contact] = await outbound(store, kind="contact")
    assert contact.referral_id == second["id"]


async def test_help_to_the_agent_address_answers_once_without_stacking_re(client, store, clock, settings,
                                                                          smtp_port):
    [agent_id] = await add_agents(store, clock, 1)
    address = await store.run(lambda s: reply_address(s, bot_env(settings), agent_id, None, clock.now()))
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "agent1@example.test", address, "RE: Re: AW: Question"
    msg["Message-ID"] = "<help-1@example.test>"
    msg.set_content("HELP\n\n-- \nAgent 1 Smith | Realty Co")
    await smtp_send(smtp_port, "agent1@example.test", address, msg.as_bytes(policy=policy.SMTP))
    [row] = await settle(store)
    assert row.status == "processed"
    [answer] = await outbound(store, kind="reply", channel="email")
    assert settings.program_name in answer.body and settings.support_contact in answer.body
    assert answer.subject == "Re: Question" and answer.referral_id is None and answer.reply_to == address


# -- what must change nothing ----------------------------------------------------------------------------
async def test_spoofed_sender_changes_nothing_and_is_put_on_the_review_list(client, store, clock, settings,
                                                                           smtp_port):
    a1, _ = await email_only_agents(client, store, clock, settings, 2)
    created = await new_referral(client)
    offer = await offer_email(store, a1)
    raw = gmail_reply(offer, "YES", sender="agent2@example.test", message_id="<spoof@example.test>")
    await smtp_send(smtp_port, "agent2@example.test", offer.reply_to, raw)
    [row] = await settle(store)
    assert row.outcome == "sender_mismatch"
    assert await untouched(client, created)
    assert await outbound(store, kind="contact") == []
    assert await outbound(store, kind="reply", channel="email") == []
    [item] = await rows(store, ReviewItem)
    assert (item.reason, item.agent_id, item.sender, item.body) == ("sender_mismatch", a1, "agent2@example.test",
                                                                    "YES")
    [logged] = await rows(store, Message, Message.direction == "in", Message.channel == "email")
    assert logged.agent_id is None and item.message_id == logged.id


@pytest.mark.parametrize("subject, headers, mail_from", [
    (None, {"Auto-Submitted": "auto-replied"}, "agent1@example.test"),
    ("Out of Office: New referral", {}, "agent1@example.test"),
    (None, {}, ""),  # a null reverse path: bounces and most responders
], ids=["auto-submitted", "subject", "null-sender"])
async def test_out_of_office_gets_no_answer_and_changes_nothing(client, store, clock, settings, smtp_port,
                                                                subject, headers, mail_from):
    await email_only_agents(client, store, clock, settings, 1)
    created = await new_referral(client)
    offer = await offer_email(store, 1)
    text = "Yes, I got your message. I am out of the office until December 1 with limited access to email."
    raw = gmail_reply(offer, text, sender="agent1@example.test", message_id="<ooo@example.test>",
                      subject=subject, headers=headers)
    await smtp_send(smtp_port, mail_from, offer.reply_to, raw)
    [row] = await settle(store)
    assert row.outcome == "auto_reply"
    assert await untouched(client, created)
    assert await outbound(store, kind="reply", channel="email") == [] and await rows(store, ReviewItem) == []
    [logged] = await rows(store, Message, Message.direction == "in", Message.channel == "email")
    assert logged.agent_id == 1


async def test_repeated_message_id_acts_once(client, store, clock, settings, smtp_port):
    await email_only_agents(client, store, clock, settings, 1)
    await new_referral(client)
    offer = await offer_email(store, 1)
    raw = gmail_reply(offer, "YES", sender="agent1@example.test", message_id="<same@example.test>")
    for _ in range(2):  # a sending server that retried after a lost 250
        await smtp_send(smtp_port, "agent1@example.test", offer.reply_to, raw)
    stored = await settle(store)
    assert sorted(r.outcome for r in stored) == ["duplicate", "won"]  # parsed concurrently: either may win
    assert len(await rows(store, Message, Message.direction == "in")) == 1 + 1  # the STOP text and one email
    assert len(await outbound(store, kind="reply", channel="email")) == 1
    assert len(await outbound(store, kind="contact")) == 1


# -- refused at the door ---------------------------------------------------------------------------------
async def test_bad_recipients_are_refused_at_rcpt_with_550(client, store, clock, settings, smtp_port):
    await email_only_agents(client, store, clock, settings, 1)
    await new_referral(client)
    good = (await offer_email(store, 1)).reply_to
    local, domain = good.split("@")
    token = local.removeprefix("reply+")
    tampered = f"reply+{token[:-1]}{'A' if token[-1] != 'A' else 'B'}@{domain}"
    expired = f"reply+{make_token(settings.secret_key, 'reply', 1, clock.now() - timedelta(days=2))}@{domain}"
    for address in (tampered, expired, f"info@{domain}", f"reply+{token}@elsewhere.test", f"reply@{domain}"):
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            await smtp_send(smtp_port, "agent1@example.test", address, b"Subject: hi\r\n\r\nYES\r\n")
        assert refused.value.recipients[address][0] == 550, address
    assert await settle(store) == []
    # the domain is case-insensitive (the token is not)
    upper = f"{local}@{domain.upper()}"
    assert (await asyncio.to_thread(rcpt_code, smtp_port, upper)) == 250


def rcpt_code(port: int, address: str) -> int:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.ehlo()
        smtp.mail("agent1@example.test")
        return smtp.rcpt(address)[0]


async def test_oversize_message_gets_552(client, store, clock, settings):
    await email_only_agents(client, store, clock, settings, 1)
    await new_referral(client)
    offer = await offer_email(store, 1)
    raw = gmail_reply(offer, "YES\n" + "x" * 78 + "\n" * 100, sender="agent1@example.test", message_id="<big@x>")
    small = dataclasses.replace(settings, max_email_bytes=len(raw) // 2)
    async with smtp_server(small, store, clock) as port:
        # smtplib announces the size (ESMTP SIZE) and is refused at MAIL; a client that doesn't is refused at DATA
        with pytest.raises(smtplib.SMTPSenderRefused) as refused:
            await smtp_send(port, "agent1@example.test", offer.reply_to, raw)
        assert refused.value.smtp_code == 552
        assert await asyncio.to_thread(data_code, port, offer.reply_to, raw) == 552
    assert await settle(store) == []


def data_code(port: int, rcpt: str, raw: bytes) -> int:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.ehlo()
        smtp.mail("agent1@example.test")
        smtp.rcpt(rcpt)
        return smtp.data(raw)[0]


# -- recovery --------------------------------------------------------------------------------------------
async def test_recovery_job_processes_emails_left_received(client, store, clock, settings):
    await email_only_agents(client, store, clock, settings, 1)
    created = await new_referral(client)
    offer = await offer_email(store, 1)
    raw = gmail_reply(offer, "YES", sender="agent1@example.test", message_id="<crash@example.test>")
    # as if the process died between the 250 and the background task
    await store.run(lambda s: inbound_email.record(s, mail_from="agent1@example.test", rcpt_to=offer.reply_to,
                                                   raw=raw, now=clock.now()))
    [job] = [j for j in periodic_jobs(settings, store) if j.name == "recover_inbound_emails"]
    assert job.every == 60
    assert await job.run(clock.advance(seconds=10)) == 0  # too young: its own task may still be at work
    assert await job.run(clock.advance(seconds=30)) == 1
    [row] = await rows(store, InboundEmail)
    assert (row.status, row.outcome, row.processed_at) == ("processed", "won", clock.now())
    assert await winner(client, created) == 1
    assert await job.run(clock.advance(seconds=60)) == 0
    assert len(await rows(store, OutboxRow, OutboxRow.dedupe_key.like("email-reply:%"))) == 1
    assert len(await rows(store, Offer, Offer.status == "won")) == 1


async def test_a_failing_email_is_retried_then_dead_after_three_tries(store, clock):
    email_id = await store.run(lambda s: inbound_email.record(
        s, mail_from="a@example.test", rcpt_to="reply+x@in.referral-bot.test", raw=b"Subject: x\r\n\r\nYES\r\n",
        now=clock.now()))

    async def fail(**later: float) -> str | None:
        now = clock.now() + timedelta(**later)
        return await store.run(lambda s: inbound_email.record_failure(s, email_id, "error: KeyError", now=now))

    assert [await fail(minutes=1), await fail(minutes=2)] == ["received", "received"]
    due = await store.run(lambda s: inbound_email.due_for_recovery(s, now=clock.now() + timedelta(minutes=3)))
    assert due == [email_id]
    assert await fail(minutes=3) == "dead"
    [row] = await rows(store, InboundEmail)
    assert (row.status, row.outcome, row.attempts) == ("dead", "error: KeyError", 3)
    assert await store.run(lambda s: inbound_email.due_for_recovery(s, now=clock.now() + timedelta(days=2))) == []
    assert await fail(minutes=4) is None  # a dead row counts no more tries


# -- report-back by email ---------------------------------------------------------------------------------
async def test_gmail_sold_above_our_quoted_reminder_marks_the_referral_sold(client, store, clock, settings,
                                                                             smtp_port):
    from store import reminders

    await add_agents(store, clock, 2)
    created = await new_referral(client)
    await text_in(client, settings, "+15125550001", "YES")
    clock.advance(days=15)
    env = bot_env(settings)
    await store.run(lambda s: reminders.send_digests(s, env, now=clock.now()))
    [digest] = await outbound(store, kind="digest", channel="email")
    assert f"#{created['code']}" in digest.body
    raw = gmail_reply(digest, "Sold for $452,500", sender="agent1@example.test", message_id="<CAGsold@mail.gmail.com>")
    await smtp_send(smtp_port, "agent1@example.test", digest.reply_to, raw)
    [row] = await settle(store)
    assert row.status == "processed"
    referral = await referral_of(client, created["id"])
    assert (referral["status"], referral["sale_amount"]) == ("closed", 452500)
    [echo] = await outbound(store, kind="reply", channel="email")
    assert echo.body.startswith(f"Marked #{created['code']} SOLD $452,500")


async def test_pause_by_email_reply(client, store, clock, settings, smtp_port):
    await email_only_agents(client, store, clock, settings, 1)
    created = await new_referral(client)
    offer = await offer_email(store, 1, created["id"])
    raw = gmail_reply(offer, "Vacation until 12/10, thanks", sender="agent1@example.test",
                      message_id="<CAGpause@mail.gmail.com>")
    await smtp_send(smtp_port, "agent1@example.test", offer.reply_to, raw)
    await settle(store)
    agent = await (await client.get("/api/agents/1", headers=client.admin)).json()
    assert (agent["status"], agent["paused_until"]) == ("paused", "2026-12-10")
