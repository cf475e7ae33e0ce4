"""Receipts for those who lost: an agent whose YES came after someone else's claim is told how fast it went and
how fast they were, each time counted from that agent's own offer being handed to the provider, and nothing about
the winner; the operator sees every agent's hand-off-to-answer time on the offers."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot import replies, spanish
from bot.model import RaceReceipt
from store import referrals
from store.models import Offer
from tests.flows import add_agents, agent_fields, new_referral, reply_text, text_in

AGENT_1, AGENT_2 = "+15125550001", "+15125550002"


async def hand_off(store, clock, referral_id: int, agent_id: int, after_seconds: int) -> None:
    """The agent's offer accepted by the provider `after_seconds` after the clock's time."""
    def work(session):
        offer = session.query(Offer).filter_by(referral_id=referral_id, agent_id=agent_id).one()
        referrals.handed_off(session, [f"offer:{offer.id}:{offer.channel}"],
                             now=clock.now() + timedelta(seconds=after_seconds))
    await store.run(work)


async def offers(client, referral_id: int) -> dict[int, dict]:
    response = await client.get(f"/api/referrals/{referral_id}", headers=client.admin)
    return {o["agent_id"]: o for o in (await response.json())["offers"]}


async def test_a_late_yes_gets_both_times_from_each_agents_own_hand_off_and_the_operator_sees_them(
        client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    code = created["code"]
    await hand_off(store, clock, created["id"], 1, 20)  # agent 1's offer left 20 s in
    await hand_off(store, clock, created["id"], 2, 25)  # agent 2's, 5 s later (a long queue)
    clock.advance(seconds=24)
    assert "is yours" in reply_text(await (await text_in(client, settings, AGENT_1, "YES")).text())
    clock.advance(seconds=10)
    late = reply_text(await (await text_in(client, settings, AGENT_2, "YES")).text())
    assert late == (f"Sorry, #{code} was already claimed 4 s after it went out; your answer came at 9 s. "
                    "We'll send you the next one.")
    assert "Agent 1" not in late and "Smith" not in late
    clock.advance(seconds=30)
    again = reply_text(await (await text_in(client, settings, AGENT_2, f"YES {code}")).text())
    assert again == late  # the first answer's time stays
    shown = await offers(client, created["id"])
    assert (shown[1]["answer_seconds"], shown[2]["answer_seconds"], shown[3]["answer_seconds"]) == (4.0, 9.0, None)
    assert shown[2]["status"] == "lost"


async def test_a_spanish_agent_gets_the_receipt_in_spanish(client, store, clock, settings):
    await client.post("/api/agents", json=agent_fields(1), headers=client.admin)
    await client.post("/api/agents", json=agent_fields(2, language="es"), headers=client.admin)
    created = await new_referral(client)
    clock.advance(seconds=3)
    await text_in(client, settings, AGENT_1, "YES")
    clock.advance(seconds=120)
    late = reply_text(await (await text_in(client, settings, AGENT_2, "SI")).text())
    assert late == (f"Lo siento, #{created['code']} ya fue reclamado 3 s despues de salir; tu respuesta llego a "
                    "los 2 min. Te enviaremos el proximo.")


@pytest.mark.parametrize("seconds,text", [(0.4, "0 s"), (9.4, "9 s"), (99, "99 s"), (100, "2 min"),
                                          (3600, "60 min"), (7200, "2 h"), (3 * 86400, "3 days")])
def test_durations_are_short_whole_units(seconds, text):
    assert replies.duration(seconds) == text


def test_the_longest_receipt_fits_one_segment_in_both_languages():
    text = replies.lost_race("12345678", RaceReceipt(claimed_after=47 * 3600, answered_after=99 * 86400))
    assert replies.fits_one_segment(text) and replies.fits_one_segment(spanish.translate(text, "es"))
