"""The handlers over each backend's ports: the same scripts give the same replies and the same rows, so a handler
test over the in-memory ports (tests/unit/) says what the store does."""
from __future__ import annotations

from datetime import date, timedelta

from bot.testing import T0
from tests.contract.backends import converse_with, say

DAY = timedelta(days=1)
COMMISSION = {"plan": "commission", "agent_commission_rate": 0.03, "referral_fee_share": 0.25}


async def test_a_claim_race_a_late_yes_and_a_no(backend):
    referral = await backend.referral()
    first, second, third = [await backend.agent() for _ in range(3)]
    for agent in (first, second, third):
        await backend.offer(referral.id, agent.id, now=T0)
    replies = [await say(backend, first, "YES", T0), await say(backend, second, "yes!", T0),
               await say(backend, first, f"YES {referral.code}", T0), await say(backend, third, "NO", T0)]
    assert [r.outcome for r in replies] == ["won", "taken", "already_yours", "decline_lost"]
    state = await backend.state()
    assert {(row[1], row[3]) for row in state.outbox} == {(first.email, "contact"), (second.phone, "closed"),
                                                          (third.phone, "closed")}
    assert state.referrals[referral.id][:2] == ("awarded", first.id)


async def test_a_commission_sale_is_recorded_charged_and_echoed(backend):
    agent = await backend.agent(pricing=COMMISSION)
    referral = await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0 - 40 * DAY)
    ask = await say(backend, agent, "sold!", T0)
    sold = await say(backend, agent, "SOLD $700,000", T0)
    assert (ask.outcome, sold.text) == ("ask_amount", f"SOLD #{referral.code} $700,000 recorded: fee 25% of 3% = "
                                                      "$5,250. Thanks for the update!")
    state = await backend.state()
    assert state.referrals[referral.id] == ("closed", agent.id, None, 700_000, None, False)
    assert [(row[2], row[3]) for row in state.ledger] == [("commission", 525_000)]
    assert state.notes == [(referral.id, None, "status", "awarded -> closed"),
                           (referral.id, agent.id, "report", "SOLD $700,000")]


async def test_an_invalid_report_credits_the_award_fee(backend):
    agent = await backend.agent(pricing={"plan": "per_referral", "fee_cents": 5000})
    referral = await backend.referral()
    await backend.offer(referral.id, agent.id, now=T0)
    await say(backend, agent, "YES", T0)
    assert (await say(backend, agent, "INVALID wrong number", T0 + DAY)).outcome == "invalid"
    state = await backend.state()
    assert sorted((row[2], row[3]) for row in state.ledger) == [("award_fee", 5000), ("credit", -5000)]
    assert state.referrals[referral.id][4:] == ("invalid: wrong number", True)


async def test_pause_stop_start_resume(backend):
    agent = await backend.agent()
    outcomes = [(await say(backend, agent, text, T0)).outcome
                for text in ("pause until Dec 9", "STOP", "START", "RESUME", "pause until Nov 1")]
    assert outcomes == ["paused", "opted_out", "opted_in", "resumed", "pause_date_passed"]
    assert (await backend.state()).agents[agent.id] == ("active", None, None, False, None)
    await say(backend, agent, "pause until Dec 9", T0)
    assert (await backend.state()).agents[agent.id][:3] == ("paused", date(2026, 11, 23), date(2026, 12, 9))


async def test_a_paid_referral_yes_requests_one_invoice(backend):
    referral = await backend.referral(mode="paid", price_cents=15_000)
    buyer = await backend.agent()
    await backend.offer(referral.id, buyer.id, now=T0)
    outcomes = [(await say(backend, buyer, text, T0)).outcome for text in ("YES", "INVOICE")]
    assert outcomes == ["invoice_requested", "invoice_resent"]
    assert list((await backend.state()).invoices.values()) == [(buyer.id, referral.id, 15_000, "requested", "sms")]


async def test_an_unclear_message_is_flagged_for_a_person(backend):
    agent = await backend.agent()
    reply = await say(backend, agent, "what is the weather like in Hutto tomorrow", T0)
    assert reply.outcome == "review"
    assert (await backend.state()).reviews == [(agent.id, "sms", "unrecognised")]


async def test_the_pipeline_in_memory_answers_as_the_stores_confirm_then_act_included(backend):
    agent = await backend.agent()
    spanish = await backend.agent(language="es", timezone="America/Chicago")
    referral = await backend.referral()
    await backend.offer(referral.id, agent.id, now=T0)
    await backend.offer(referral.id, spanish.id, now=T0)
    late = T0 + timedelta(hours=3)
    script = [(agent, "k", T0), (agent, "STATUS", T0), (agent, "sounds good", T0), (agent, "YES", T0),
              (spanish, "si", T0), (spanish, "pausa hasta el 9 de diciembre", late)]
    answers = [await converse_with(backend, who, text, at) for who, text, at in script]
    assert [outcome for _, outcome in answers] == ["confirm_asked", "", "confirm_asked", "won", "taken", "paused"]
    assert answers[2][0] == f"Claim #{referral.code}? Reply YES to confirm."
    assert answers[4][0] == (f"Lo siento, #{referral.code} ya fue reclamado 0 s despues de salir; tu respuesta llego "
                             "a los 0 s. Te enviaremos el proximo.")  # the race loser's receipt
    assert answers[5][0].startswith("Pausado hasta el 9 dic:")
    assert (await backend.state()).pending == {}
