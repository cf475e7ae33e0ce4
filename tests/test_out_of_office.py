"""Out-of-office email replies (issue 15): never answered by email; one with a return date prompts one text
offering a pause until then, at most once per absence, and PAUSE (or YES) then pauses until that day. Over the
wire (SMTP in, Twilio webhook), both databases."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from store.models import Agent
from tests.flows import new_referral, outbound, reply_text, text_in
from tests.test_email import email_only_agents, gmail_reply, offer_email, settle, smtp_port, smtp_send

AGENT, ADDRESS = "+15125550001", "agent1@example.test"
OFFER = "Got your out-of-office until Dec 10. Reply PAUSE to hold referrals until then."
AWAY = "Thank you for your email. I am out of the office until Thursday, December 10 and will reply when I return."


async def agent_reading_texts(client, store, clock, settings):
    """An agent whose offers come by email (they once texted STOP) but who takes texts again."""
    await email_only_agents(client, store, clock, settings, 1)
    await new_referral(client)
    offer = await offer_email(store, 1)
    await text_in(client, settings, AGENT, "START")
    return offer


async def auto_reply(port, offer, text: str, message_id: str) -> None:
    raw = gmail_reply(offer, text, sender=ADDRESS, message_id=message_id, headers={"Auto-Submitted": "auto-replied"})
    await smtp_send(port, ADDRESS, offer.reply_to, raw)


async def pause_of(store) -> tuple[str, date | None]:
    def read(session):
        agent = session.scalars(select(Agent).where(Agent.phone == AGENT)).one()
        return agent.status, agent.paused_until
    return await store.run(read)


async def test_an_out_of_office_with_a_return_date_prompts_one_text_at_most_once_per_absence(
        client, store, clock, settings, smtp_port):
    offer = await agent_reading_texts(client, store, clock, settings)
    await auto_reply(smtp_port, offer, AWAY, "<ooo-1@example.test>")
    await auto_reply(smtp_port, offer, AWAY, "<ooo-2@example.test>")  # their responder answers every email
    assert [row.outcome for row in await settle(store)] == ["auto_reply", "auto_reply"]
    assert [m.body for m in await outbound(store, kind="ooo_pause", channel="sms")] == [OFFER]
    assert await outbound(store, kind="reply", channel="email") == []  # never answered by email
    assert await pause_of(store) == ("active", None)  # offered, not applied


async def test_pause_after_the_out_of_office_text_pauses_until_the_return_date(
        client, store, clock, settings, smtp_port):
    offer = await agent_reading_texts(client, store, clock, settings)
    await auto_reply(smtp_port, offer, AWAY, "<ooo-1@example.test>")
    await settle(store)
    answer = reply_text(await (await text_in(client, settings, AGENT, "PAUSE")).text())
    assert answer.startswith("Paused until Dec 10")
    assert await pause_of(store) == ("paused", date(2026, 12, 10))


async def test_an_out_of_office_without_a_return_date_prompts_nothing(client, store, clock, settings, smtp_port):
    offer = await agent_reading_texts(client, store, clock, settings)
    await auto_reply(smtp_port, offer, "I am out of the office with limited access to email.", "<ooo@example.test>")
    await settle(store)
    assert await outbound(store, kind="ooo_pause") == [] and await outbound(store, kind="reply", channel="email") == []


def test_the_out_of_office_text_has_a_spanish_text_of_one_segment() -> None:
    from bot import absence, spanish

    text = spanish.translate(absence.offer_text(date(2026, 12, 10)), "es")
    assert "hasta el 10 dic" in text and len(text) <= 160 and text.isascii()
