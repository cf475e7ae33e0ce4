"""Text-to-claim over the wire: signed Twilio webhooks, exclusive claims, contact details to the winner only."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from bot.replies import fits_one_segment
from store.models import Agent, HistoryNote, Message, Offer, Referral, ReviewItem
from tests.flows import CLIENT, add_agents, new_referral, outbound, reply_text, signed_post, text_in
from tests.peers.twilio_peers import twilio_signature


async def test_referral_offers_each_matched_agent_one_segment_without_client_details(client, store, clock):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    assert created["offered"] == 3 and len(created["code"]) == 4
    offers = await outbound(store, kind="offer")
    assert len(offers) == 3 and {m.channel for m in offers} == {"sms"}
    for message in offers:
        assert fits_one_segment(message.body), message.body
        assert f"#{created['code']}" in message.body and "Reply YES to claim" in message.body
        assert "78704" in message.body and "$400k-$500k" in message.body and "0-3 months" in message.body
        assert "/r/" in message.body
        for secret in CLIENT.values():
            assert secret not in message.body


async def test_matching_skips_other_zips_types_paused_and_suspended(client, store, clock):
    await add_agents(store, clock, 1)
    from store import agents
    from tests.flows import agent_fields

    def more(session):
        now = clock.now()
        agents.create_agent(session, agent_fields(2, zip_codes=["90210"]), now=now)
        agents.create_agent(session, agent_fields(3, client_types=["seller"]), now=now)
        agents.create_agent(session, agent_fields(4, status="suspended"), now=now)
        agents.create_agent(session, agent_fields(5, status="paused", paused_until=(now + timedelta(days=3)).date()),
                            now=now)
        agents.create_agent(session, agent_fields(6, status="paused", paused_until=(now - timedelta(days=1)).date()),
                            now=now)  # the pause window ended yesterday
    await store.run(more)
    created = await new_referral(client)
    referral = await (await client.get(f"/api/referrals/{created['id']}", headers=client.admin)).json()
    phones = {o["agent_id"] for o in referral["offers"]}
    assert len(phones) == 2 and created["offered"] == 2


async def test_opted_out_agent_is_offered_by_email(client, store, clock):
    await add_agents(store, clock, 1)
    await text_in(client, settings_of(client), "+15125550001", "STOP")
    await new_referral(client)
    offers = await outbound(store, kind="offer")
    assert [(m.channel, m.to_addr) for m in offers] == [("email", "agent1@example.test")]


def settings_of(client):
    from inbound.deps import DEPS
    return client.server.app[DEPS].settings


async def test_yes_claims_and_only_the_winner_gets_contact_details(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    answer = await text_in(client, settings, "+15125550002", "Yes I'll call them now")
    assert answer.status == 200 and answer.content_type == "text/xml"
    assert "is yours" in reply_text(await answer.text())
    late = await text_in(client, settings, "+15125550001", f"claim #{created['code']}")
    assert "already claimed" in reply_text(await late.text())
    referral = await (await client.get(f"/api/referrals/{created['id']}", headers=client.admin)).json()
    assert referral["status"] == "awarded"
    contact = await outbound(store, kind="contact")
    assert [(m.channel, m.to_addr) for m in contact] == [("email", "agent2@example.test")]
    assert all(v in contact[0].body for v in CLIENT.values())
    assert {o["agent_id"]: o["status"] for o in referral["offers"]}[referral["winner_agent_id"]] == "won"


async def test_decline_records_and_expired_offer_says_expired(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    answer = await text_in(client, settings, "+15125550001", "no thanks")
    assert "passed on" in reply_text(await answer.text())
    clock.advance(days=61)
    answer = await text_in(client, settings, "+15125550002", f"YES {created['code']}")
    assert "expired" in reply_text(await answer.text())
    offers = await store.run(lambda s: {o.agent_id: o.status for o in s.scalars(select(Offer))})
    assert sorted(offers.values()) == ["declined", "open"]


async def test_several_open_offers_ask_which_and_act_on_nothing(client, store, clock, settings):
    await add_agents(store, clock, 1)
    first, second = await new_referral(client), await new_referral(client)
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "YES")).text())
    assert f"#{first['code']}" in answer and f"#{second['code']}" in answer
    statuses = await store.run(lambda s: list(s.scalars(select(Referral.status))))
    assert statuses == ["new", "new"]
    answer = reply_text(await (await text_in(client, settings, "+15125550001", f"CLAIM{second['code']}")).text())
    assert "is yours" in answer


async def test_forged_signature_gets_403_and_changes_nothing(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)
    params = {"MessageSid": "SM" + "f" * 32, "From": "+15125550001", "To": "+15125550000", "Body": "YES"}
    forged = twilio_signature("not-the-token", settings.public_url("/twilio/sms"), params)
    assert (await signed_post(client, settings, "/twilio/sms", params, signature=forged)).status == 403
    assert (await signed_post(client, settings, "/twilio/sms", params, signature="")).status == 403
    tampered = dict(params, Body="NO")
    good = twilio_signature(settings.twilio_signing_token, settings.public_url("/twilio/sms"), params)
    assert (await signed_post(client, settings, "/twilio/sms", tampered, signature=good)).status == 403
    assert await store.run(lambda s: list(s.scalars(select(Message).where(Message.direction == "in")))) == []
    assert await store.run(lambda s: s.scalar(select(Referral.status))) == "new"


async def test_replayed_message_sid_changes_nothing_and_sends_nothing(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)
    first = await text_in(client, settings, "+15125550001", "YES", sid="SM" + "a" * 32)
    again = await text_in(client, settings, "+15125550001", "YES", sid="SM" + "a" * 32)
    assert "is yours" in reply_text(await first.text())
    # Twilio retries only when our answer did not reach it: the retry gets the stored reply (tests/test_sms_retry.py)
    assert again.status == 200 and reply_text(await again.text()) == reply_text(await first.text())
    inbound = await store.run(lambda s: list(s.scalars(select(Message).where(Message.direction == "in"))))
    assert len(inbound) == 1 and len(await outbound(store, kind="contact")) == 1


async def test_unknown_sender_gets_a_polite_reply_only(client, store, clock, settings):
    answer = reply_text(await (await text_in(client, settings, "+15125559999", "YES")).text())
    assert "isn't registered" in answer
    assert await outbound(store, kind="offer") == [] and await outbound(store, kind="contact") == []


async def test_not_understood_gets_clarifying_reply_and_review_item(client, store, clock, settings):
    await add_agents(store, clock, 1)
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "is the seller motivated?")).text())
    assert "didn't understand" in answer
    review = await (await client.get("/api/review", headers=client.admin)).json()
    assert [(r["body"], r["reason"]) for r in review] == [("is the seller motivated?", "question")]
    reaction = await text_in(client, settings, "+15125550001", 'Liked "New referral #4821: Reply YES to claim"')
    assert reply_text(await reaction.text()) is None  # reactions are never answered nor acted on


async def test_stop_opts_out_at_once_and_queued_texts_never_go(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)  # an offer text is queued
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "STOP")).text())
    assert "unsubscribed" in answer
    agent = await store.run(lambda s: s.scalar(select(Agent)))
    assert agent.sms_opted_out_at == clock.now() and agent.sms_opt_out_source == "sms"
    from tests.flows import drain
    senders = await drain(store, clock)
    assert senders["sms"].sent == []
    await new_referral(client)
    senders = await drain(store, clock)
    assert senders["sms"].sent == [] and [i.recipient for i in senders["email"].sent] == ["agent1@example.test"]
    # while opted out, a text gets no SMS answer; START re-subscribes
    assert reply_text(await (await text_in(client, settings, "+15125550001", "help")).text()) is None
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "START")).text())
    assert "resubscribed" in answer
    assert (await store.run(lambda s: s.scalar(select(Agent)))).sms_opted_out_at is None


async def test_help_names_the_program_and_support(client, store, clock, settings):
    await add_agents(store, clock, 1)
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "HELP")).text())
    assert settings.program_name in answer and settings.support_contact in answer


async def test_delivery_status_never_moves_backwards_and_undelivered_offer_falls_back_to_email(
        client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)
    from tests.flows import drain
    await drain(store, clock)
    [offer] = await outbound(store, kind="offer")
    sid = offer.provider_id

    async def status(value: str, code: str | None = None) -> None:
        params = {"MessageSid": sid, "MessageStatus": value, **({"ErrorCode": code} if code else {})}
        assert (await signed_post(client, settings, "/twilio/sms/status", params)).status == 204

    await status("delivered")
    await status("sent")  # late
    assert (await outbound(store, kind="offer"))[0].status == "delivered"
    assert (await signed_post(client, settings, "/twilio/sms/status",
                              {"MessageSid": sid, "MessageStatus": "failed"}, signature="bad")).status == 403


async def test_undelivered_offer_falls_back_to_email_once(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)
    from tests.flows import drain
    await drain(store, clock)
    [offer] = await outbound(store, kind="offer")
    for _ in range(2):  # a retried callback acts once
        params = {"MessageSid": offer.provider_id, "MessageStatus": "undelivered", "ErrorCode": "30003"}
        await signed_post(client, settings, "/twilio/sms/status", params)
    offers = await outbound(store, kind="offer")
    assert [(m.channel, m.status) for m in offers] == [("sms", "undelivered"), ("email", "queued")]


async def test_fifty_concurrent_claims_one_winner(client, store, clock, settings):
    await add_agents(store, clock, 50)
    created = await new_referral(client)
    answers = await asyncio.gather(*(text_in(client, settings, f"+1512555{n:04d}", f"YES {created['code']}")
                                     for n in range(1, 51)))
    texts = [reply_text(await a.text()) for a in answers]
    assert sum("is yours" in t for t in texts) == 1
    assert sum("already claimed" in t for t in texts) == 49
    won = await store.run(lambda s: list(s.scalars(select(Offer).where(Offer.status == "won"))))
    assert len(won) == 1
    assert len(await outbound(store, kind="contact")) == 1


async def test_review_items_record_the_reason(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await text_in(client, settings, "+15125550001", "asdf qwerty")
    items = await store.run(lambda s: list(s.scalars(select(ReviewItem))))
    assert len(items) == 1 and items[0].agent_id is not None


async def test_expiry_job_marks_old_offers_expired(client, store, clock, settings):
    from referral_bot.jobs import periodic_jobs

    await add_agents(store, clock, 2)
    await new_referral(client)
    job = next(j for j in periodic_jobs(settings, store) if j.name == "expire_offers")
    assert await job.run(clock.advance(days=59)) == 0
    assert await job.run(clock.advance(days=2)) == 2
    statuses = await store.run(lambda s: list(s.scalars(select(Offer.status))))
    assert statuses == ["expired", "expired"]


async def test_a_referral_code_drawn_twice_at_once_is_redrawn(client, store, clock, settings):
    """Two transactions can draw the same free code; the unique index refuses one, which draws again."""
    from store.referrals import insert_with_free_code

    await add_agents(store, clock, 1)  # a referral that reaches nobody is refused
    taken = (await new_referral(client))["code"]
    calls: list[str] = []

    def build(code: str) -> Referral:
        calls.append(code)
        return Referral(code=taken if len(calls) == 1 else code, mode="first_come", status="new", zip_code="78704",
                        client_type="buyer", created_at=clock.now(), updated_at=clock.now())
    referral = await store.run(lambda s: insert_with_free_code(s, build).code)
    assert len(calls) == 2 and referral != taken


def test_signature_over_the_configured_url_or_its_default_port_is_accepted_and_nothing_else():
    from twilio.request_validator import RequestValidator

    from inbound.twilio import signature_matches

    validator, params = RequestValidator("token"), {"From": "+15125550001", "Body": "YES", "MessageSid": "SM1"}
    url = "https://bot.example.com/twilio/sms"
    assert signature_matches(validator, url, params, validator.compute_signature(url, params))
    with_port = validator.compute_signature("https://bot.example.com:443/twilio/sms", params)
    assert signature_matches(validator, url, params, with_port)  # Twilio's other spelling of the same URL
    assert not signature_matches(validator, url, {**params, "Body": "NO"}, with_port)
    assert not signature_matches(validator, "https://bot.example.com/twilio/sms/status", params, with_port)
    assert not signature_matches(RequestValidator("other"), url, params, validator.compute_signature(url, params))


async def test_a_text_with_a_nul_character_is_answered_not_refused(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client)
    answer = await text_in(client, settings, "+15125550001", "YES\x00 please")
    assert answer.status == 200 and "is yours" in reply_text(await answer.text())
    bodies = await store.run(lambda s: list(s.scalars(select(Message.body).where(Message.direction == "in"))))
    assert bodies == ["YES please"]


async def test_no_for_an_offer_no_longer_open_says_why_and_changes_nothing(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    code = created["code"]
    assert "is yours" in reply_text(await (await text_in(client, settings, "+15125550001", "YES")).text())
    winner = reply_text(await (await text_in(client, settings, "+15125550001", f"NO {code}")).text())
    loser = reply_text(await (await text_in(client, settings, "+15125550002", "no thanks")).text())
    assert winner == (f"#{code} is yours and stays with you. "
                      f"If it isn't going anywhere, reply NO SALE or INVALID {code}.")
    assert loser == f"No problem: #{code} has already gone to another agent."
    again = reply_text(await (await text_in(client, settings, "+15125550002", "NO")).text())
    assert "already gone" in again
    offers = await store.run(lambda s: {o.agent_id: o.status for o in s.scalars(select(Offer))})
    assert sorted(offers.values()) == ["lost", "lost", "won"]
    notes = await store.run(lambda s: [n.kind for n in s.scalars(select(HistoryNote))])
    assert "declined" not in notes
