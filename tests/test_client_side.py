"""The client's side over the wire: consent recorded, one question after the award (quiet hours respected),
answers through the signed SMS webhook, STOP honoured and told to the agent."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from store import clientside
from store.env import bot_env
from store.models import ClientCheck, HistoryNote, OutboxRow, ReferralContact, ReviewItem
from tests.flows import CLIENT, REFERRAL, add_agents, outbound, reply_text, text_in

CONSENT = {"given_at": "2026-11-23T08:30:00-06:00", "how": "checkbox on the open-house sign-in form"}
DELAY = timedelta(hours=4)


async def awarded(client, store, clock, settings, *, consent: bool = True) -> dict:
    await add_agents(store, clock, 2)
    body = {**REFERRAL, "client": {**CLIENT, **({"sms_consent": CONSENT} if consent else {})}}
    response = await client.post("/api/referrals", json=body, headers=client.admin)
    assert response.status == 201, await response.text()
    created = await response.json()
    await text_in(client, settings, "+15125550001", f"YES {created['code']}")
    return created


async def ask(store, clock, settings) -> int:
    env = bot_env(settings)
    return await store.run(lambda s: clientside.ask_clients(s, env, now=clock.now(), delay=DELAY))


async def client_says(client, settings, body: str) -> str:
    return reply_text(await (await text_in(client, settings, CLIENT["phone"], body)).text())


async def test_consent_is_kept_as_a_record(client, store, clock, settings):
    await awarded(client, store, clock, settings)
    contact = await store.run(lambda s: s.scalar(select(ReferralContact)))
    assert contact.sms_consent_how == CONSENT["how"]
    assert contact.sms_consent_at.isoformat().startswith("2026-11-23T14:30")


async def test_consent_without_how_is_refused_422(client, store, clock, settings):
    body = {**REFERRAL, "client": {**CLIENT, "sms_consent": {"given_at": "2026-11-23T08:30:00-06:00"}}}
    response = await client.post("/api/referrals", json=body, headers=client.admin)
    assert response.status == 422


async def test_without_consent_the_client_is_never_texted(client, store, clock, settings):
    await awarded(client, store, clock, settings, consent=False)
    clock.advance(hours=5)
    assert await ask(store, clock, settings) == 0
    assert await outbound(store, to_addr=CLIENT["phone"]) == []


async def test_one_question_after_the_delay_names_agent_and_program(client, store, clock, settings):
    await awarded(client, store, clock, settings)
    clock.advance(hours=3)
    assert await ask(store, clock, settings) == 0  # too early
    clock.advance(hours=1)
    assert await ask(store, clock, settings) == 1
    assert await ask(store, clock, settings) == 0  # once only
    [question] = await outbound(store, to_addr=CLIENT["phone"])
    first = question.body.split()[1]
    assert question.body == f"Has {first} from Referral Network reached you? Reply 1 yes, 2 not yet."
    assert question.agent_id is None and question.kind == "client_check"


async def test_question_at_night_is_held_until_the_states_window_and_not_dropped(client, store, clock, settings):
    await awarded(client, store, clock, settings)  # Monday 9:00 in Austin (zip 78704)
    clock.advance(hours=13)  # 22:00: quiet hours
    assert await ask(store, clock, settings) == 1
    row = await store.run(lambda s: s.scalar(select(OutboxRow).where(OutboxRow.dedupe_key.like("client-check:%"))))
    # Texas: 9:00-21:00 (the federal 8:00 would be an hour early)
    assert row.status == "pending" and row.next_attempt_at == clock.now() + timedelta(hours=11)
    [question] = await outbound(store, to_addr=CLIENT["phone"])
    assert question.status == "held"


async def test_the_delay_counts_business_hours_over_a_weekend(client, store, clock, settings):
    clock.advance(days=4, hours=7)  # Friday 16:00 in Austin
    await awarded(client, store, clock, settings)
    clock.advance(hours=4)  # Friday 20:00: four wall hours, one business hour
    assert await ask(store, clock, settings) == 0
    clock.advance(days=2, hours=15)  # Monday 11:00: three business hours
    assert await ask(store, clock, settings) == 0
    clock.advance(hours=1)  # Monday 12:00
    assert await ask(store, clock, settings) == 1


async def test_silent_client_without_contact_is_flagged_once_and_counts(client, store, clock, settings):
    await awarded(client, store, clock, settings)
    clock.advance(hours=4)
    await ask(store, clock, settings)
    silence = timedelta(hours=24)
    clock.advance(hours=23)
    assert await store.run(lambda s: clientside.flag_unconfirmed(s, now=clock.now(), silence=silence)) == 0
    clock.advance(hours=1)
    assert await store.run(lambda s: clientside.flag_unconfirmed(s, now=clock.now(), silence=silence)) == 1
    assert await store.run(lambda s: clientside.flag_unconfirmed(s, now=clock.now(), silence=silence)) == 0
    [item] = await store.run(lambda s: list(s.scalars(select(ReviewItem))))
    assert item.reason == "client_unconfirmed" and item.agent_id == 1
    assert CLIENT["phone"] not in item.sender + item.body and CLIENT["name"] not in item.sender + item.body
    assert await store.run(lambda s: clientside.not_reached_count(s, 1)) == 1
    assert "Thank you" in await client_says(client, settings, "1")  # a late answer still counts


async def test_quiet_hours_table_is_readable_by_the_operator(client):
    assert (await client.get("/api/quiet-hours")).status == 401
    table = await (await client.get("/api/quiet-hours", headers=client.admin)).json()
    assert table["default"]["days"]["monday"] == "08:00-21:00"
    assert table["states"]["TX"]["days"]["sunday"] == "12:00-21:00"
    assert table["states"]["LA"]["days"]["sunday"] is None


async def test_client_answer_1_records_client_confirmed_contact(client, store, clock, settings):
    created = await awarded(client, store, clock, settings)
    clock.advance(hours=4)
    await ask(store, clock, settings)
    assert "Thank you" in await client_says(client, settings, "1")
    check = await store.run(lambda s: s.get(ClientCheck, created["id"]))
    assert check.status == "confirmed"
    notes = await store.run(lambda s: list(s.scalars(select(HistoryNote.text).where(
        HistoryNote.kind == "client_confirmed"))))
    assert notes == ["client confirmed contact"]
    view = await (await client.get(f"/api/referrals/{created['id']}", headers=client.admin)).json()
    assert view["client_check"]["status"] == "confirmed"


async def test_client_answer_2_flags_for_the_operator_and_counts_against_the_agent(client, store, clock, settings):
    await awarded(client, store, clock, settings)
    clock.advance(hours=4)
    await ask(store, clock, settings)
    await client_says(client, settings, "2")
    [item] = await store.run(lambda s: list(s.scalars(select(ReviewItem))))
    assert item.reason == "client_not_reached" and item.agent_id == 1 and CLIENT["phone"] not in item.sender
    assert await store.run(lambda s: clientside.not_reached_count(s, 1)) == 1
    assert await store.run(lambda s: clientside.not_reached_count(s, 2)) == 0


async def test_client_stop_opts_out_and_the_agent_is_told_by_text_and_email(client, store, clock, settings):
    await awarded(client, store, clock, settings)
    clock.advance(hours=4)
    await ask(store, clock, settings)
    assert "no more texts" in await client_says(client, settings, "STOP")
    contact = await store.run(lambda s: s.scalar(select(ReferralContact)))
    assert contact.sms_opted_out
    told = await outbound(store, kind="client_stop")
    assert sorted(m.channel for m in told) == ["email", "sms"] and {m.agent_id for m in told} == {1}
    assert all(CLIENT["phone"] not in m.body and CLIENT["name"] not in m.body for m in told)
    after = await client_says(client, settings, "1")  # no longer matched as a client answer
    assert "Thank you" not in after


async def test_other_agents_hear_nothing_of_the_client(client, store, clock, settings):
    await awarded(client, store, clock, settings)
    clock.advance(hours=4)
    await ask(store, clock, settings)
    await client_says(client, settings, "2")
    for message in await outbound(store, agent_id=2):
        assert CLIENT["phone"] not in message.body and CLIENT["name"] not in message.body
