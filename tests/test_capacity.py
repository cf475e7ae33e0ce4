"""Capacity and availability by message: "MAX 2 A WEEK" (or the operator's `max_per_week`) stops offers once the
agent has won that many in 7 days, "MAX OFF" lifts it; "AWAY until ..." and "BACK" pause and resume; matching
skips an agent who is away or at capacity, and STATUS tells them why, in one segment, in Spanish too."""
from __future__ import annotations

from datetime import date

import pytest

from bot import replies, spanish
from bot.availability import Unavailable, why_no_offers
from bot.intents import Capacity, Pause, Resume, Unknown, intent_from_json, intent_to_json
from bot.model import AgentView
from bot.parser import parse_text
from tests.conftest import T0
from tests.flows import add_agents, agent_fields, new_referral, reply_text, text_in

AGENT_1, AGENT_2 = "+15125550001", "+15125550002"


@pytest.mark.parametrize("text,intent", [
    ("MAX 2 A WEEK", Capacity(2)), ("max 3 per week", Capacity(3)), ("Max 2/week", Capacity(2)),
    ("max 2", Capacity(2)), ("only 3 referrals a week please", Capacity(3)), ("MAX OFF", Capacity(None)),
    ("no max", Capacity(None)), ("MAXIMO 2 POR SEMANA", Capacity(2)), ("sin maximo", Capacity(None)),
    ("max 2 a month", Unknown("unrecognised")), ("max 0 a week", Unknown("unrecognised")),
    ("max 2 a week?", Unknown("question")), ("AWAY", Pause(None)), ("AWAY until Dec 5", Pause(date(2026, 12, 5))),
    ("fuera hasta el 5 de diciembre", Pause(date(2026, 12, 5))), ("BACK", Resume()),
])
def test_capacity_and_availability_are_read_from_plain_words(text, intent):
    assert parse_text(text, now=T0) == intent


def test_capacity_prints_and_reads_back_its_weekly_maximum():
    assert intent_to_json(Capacity(2))["per_week"] == 2
    assert intent_from_json(intent_to_json(Capacity(2))) == Capacity(2)
    assert intent_from_json(intent_to_json(Capacity(None))) == Capacity(None)


def agent(**fields) -> AgentView:
    base = dict(id=1, name="Ann Lee", phone=AGENT_1, email="a@example.test", timezone="America/Chicago",
                client_types=("buyer",), status="active", paused_from=None, paused_until=None, sms_opted_out=False)
    return AgentView(**{**base, **fields})


@pytest.mark.parametrize("view,reason", [
    (agent(), None), (agent(max_per_week=2, won_this_week=1), None),
    (agent(max_per_week=2, won_this_week=2), Unavailable.AT_CAPACITY),
    (agent(status="paused", paused_until=date(2026, 12, 5)), Unavailable.AWAY),
    (agent(status="suspended", suspended_reason="overdue reports"), Unavailable.ON_HOLD),
])
def test_why_no_offers_names_the_one_reason_matching_skips_an_agent(view, reason):
    assert why_no_offers(view, date(2026, 11, 23)) is reason


NOTES = [replies.no_offers_because(Unavailable.AT_CAPACITY, agent(max_per_week=2, won_this_week=2)),
         replies.no_offers_because(Unavailable.AWAY, agent(status="paused", paused_until=date(2026, 12, 5))),
         replies.no_offers_because(Unavailable.AWAY, agent(status="paused")),
         replies.no_offers_because(Unavailable.ON_HOLD, agent(status="suspended", suspended_reason="overdue reports"))]


@pytest.mark.parametrize("text", [replies.capacity_set(12), replies.capacity_off(), *NOTES,
                                  *(replies.with_open_offers(n, ["48211", "55302", "60013", "70014"]) for n in NOTES)])
def test_every_capacity_reply_fits_one_segment_in_english_and_spanish(text):
    translated = spanish.translate(text, "es")
    assert replies.fits_one_segment(text), text
    assert translated != text and replies.fits_one_segment(translated), translated


def test_the_spanish_status_note_keeps_the_numbers():
    assert spanish.translate(NOTES[0], "es") == (
        "Sin ofertas nuevas: ganaste 2 en 7 dias, tu maximo es 2. Responde SIN MAXIMO para quitarlo.")
    assert "5 dic" in spanish.translate(NOTES[1], "es")


# -- over the wire -----------------------------------------------------------------------------
async def text(client, settings, phone: str, body: str) -> str | None:
    return reply_text(await (await text_in(client, settings, phone, body)).text())


async def offered(client, referral: dict) -> set[int]:
    response = await client.get(f"/api/referrals/{referral['id']}", headers=client.admin)
    return {o["agent_id"] for o in (await response.json())["offers"]}


async def test_an_agent_at_their_weekly_maximum_is_skipped_until_they_lift_it(client, store, clock, settings):
    await add_agents(store, clock, 2)
    assert "at most 1 referrals a week" in await text(client, settings, AGENT_1, "MAX 1 A WEEK")
    await new_referral(client)
    assert "is yours" in await text(client, settings, AGENT_1, "YES")
    clock.advance(hours=1)
    assert await offered(client, await new_referral(client)) == {2}  # agent 1 won 1 this week: skipped
    assert await text(client, settings, AGENT_1, "STATUS") == (
        "No new offers: you've won 1 in 7 days, your max of 1. Reply MAX OFF to lift it.")
    clock.advance(days=7)  # the win is more than 7 days old
    assert await offered(client, await new_referral(client)) == {1, 2}
    clock.advance(hours=1)
    assert "no weekly maximum" in await text(client, settings, AGENT_1, "MAX OFF")


async def test_the_operator_sets_and_clears_an_agents_maximum(client, store, clock, settings):
    created = await client.post("/api/agents", json=agent_fields(1, max_per_week=3), headers=client.admin)
    assert created.status == 201 and (await created.json())["max_per_week"] == 3
    agent_id = (await created.json())["id"]
    cleared = await client.patch(f"/api/agents/{agent_id}", json={"max_per_week": None}, headers=client.admin)
    assert (await cleared.json())["max_per_week"] is None
    for wrong in (0, 100, "2", True, 1.5):
        refused = await client.patch(f"/api/agents/{agent_id}", json={"max_per_week": wrong}, headers=client.admin)
        assert refused.status == 422 and "max_per_week" in (await refused.json())["errors"]
    await text(client, settings, AGENT_1, "MAX 2 A WEEK")
    shown = await client.get(f"/api/agents/{agent_id}", headers=client.admin)
    assert (await shown.json())["max_per_week"] == 2


async def test_an_away_agent_is_skipped_and_status_says_until_when_then_back_brings_offers(
        client, store, clock, settings):
    await add_agents(store, clock, 2)
    assert (await text(client, settings, AGENT_1, "AWAY until Dec 5")).startswith("Paused until Dec 5")
    first = await new_referral(client)
    assert await offered(client, first) == {2}
    assert await text(client, settings, AGENT_1, "status") == (
        "No new offers: you're away until Dec 5. Reply BACK to get them sooner.")
    assert "Welcome back" in await text(client, settings, AGENT_1, "BACK")
    assert await offered(client, await new_referral(client)) == {1, 2}


async def test_status_lists_offers_still_open_under_the_note_and_speaks_spanish(client, store, clock, settings):
    await client.post("/api/agents", json=agent_fields(1, language="es", max_per_week=1), headers=client.admin)
    await client.post("/api/agents", json=agent_fields(2), headers=client.admin)
    first = await new_referral(client)
    second = await new_referral(client)
    assert "es tuyo" in await text(client, settings, AGENT_1, f"SI {first['code']}")
    assert await text(client, settings, AGENT_1, "ESTADO") == (
        "Sin ofertas nuevas: ganaste 1 en 7 dias, tu maximo es 1. Responde SIN MAXIMO para quitarlo. "
        f"Siguen abiertas: #{second['code']}.")
