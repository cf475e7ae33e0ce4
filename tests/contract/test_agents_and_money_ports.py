"""AgentsPort, LedgerPort and BillingPort: the same answers and the same rows from the in-memory ports, SQLite and
PostgreSQL."""
from __future__ import annotations

from datetime import date, timedelta

from bot.fees import Fee, LedgerKind
from bot.messages import Channel
from bot.testing import T0

DAY = timedelta(days=1)


async def test_stop_records_the_first_opt_out_and_start_clears_it(backend):
    agent = await backend.agent()
    await backend.run(T0, lambda p: (p.agents.opt_out(agent, "sms", T0), p.agents.opt_out(agent, "email", T0)))
    assert (await backend.state()).agents[agent.id][3] is True
    await backend.run(T0, lambda p: p.agents.opt_in(agent, T0))
    assert (await backend.state()).agents[agent.id][3] is False


async def test_a_pause_holds_its_dates_until_resumed_and_never_touches_a_suspension(backend):
    agent = await backend.agent()
    suspended = await backend.agent(status="suspended", suspended_reason="payment failed")
    start, until = date(2026, 11, 23), date(2026, 12, 9)
    await backend.run(T0, lambda p: (p.agents.pause(agent, start, until, T0),
                                     p.agents.pause(suspended, start, None, T0), p.agents.resume(suspended, T0)))
    state = await backend.state()
    assert state.agents[agent.id][:3] == ("paused", start, until)
    assert state.agents[suspended.id] == ("suspended", None, None, False, "payment failed")
    await backend.run(T0, lambda p: p.agents.resume(agent, T0))
    assert (await backend.state()).agents[agent.id][:3] == ("active", None, None)


async def test_an_overdue_suspension_lifts_only_once_nothing_is_overdue(backend):
    agent = await backend.agent(status="suspended", suspended_reason="overdue reports")
    other = await backend.agent(status="suspended", suspended_reason="payment failed")
    overdue = await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0 - 40 * DAY)
    assert await backend.run(T0, lambda p: p.agents.restore_if_clear(agent, T0)) is False
    await backend.run(T0, lambda p: p.referrals.move(overdue.id, "awarded", "closed", T0, sale_amount=400_000))
    answers = await backend.run(T0, lambda p: [p.agents.restore_if_clear(agent, T0),
                                               p.agents.restore_if_clear(other, T0)])
    assert answers == [True, False]
    state = await backend.state()
    assert state.agents[agent.id][0::4] == ("active", None)
    assert state.agents[other.id][0::4] == ("suspended", "payment failed")


async def test_a_fee_is_booked_once_per_kind_referral_and_agent(backend):
    agent = await backend.agent()
    referral = await backend.referral()
    fee = Fee(LedgerKind.AWARD_FEE, 5000, f"Referral #{referral.code}")
    await backend.run(T0, lambda p: [p.ledger.charge(agent.id, referral.id, fee, T0) for _ in range(2)])
    await backend.run(T0, lambda p: p.ledger.charge(agent.id, None, Fee(LedgerKind.SALE_FEE, 250, "x"), T0))
    assert (await backend.state()).ledger == [
        (agent.id, referral.id, "award_fee", 5000, f"award_fee:{referral.id}:{agent.id}"),
        (agent.id, None, "sale_fee", 250, f"sale_fee:None:{agent.id}")]


async def test_an_award_fee_is_credited_back_once_and_nothing_is_credited_without_one(backend):
    agent = await backend.agent()
    charged, free = await backend.referral(), await backend.referral()
    fee = Fee(LedgerKind.AWARD_FEE, 5000, f"Referral #{charged.code}")
    await backend.run(T0, lambda p: p.ledger.charge(agent.id, charged.id, fee, T0))
    await backend.run(T0, lambda p: [p.ledger.credit_award_fee(agent.id, r.id, T0) for r in (charged, charged, free)])
    credits = [row for row in (await backend.state()).ledger if row[2] == "credit"]
    assert credits == [(agent.id, charged.id, "credit", -5000, f"credit:{charged.id}:{agent.id}")]


async def for_sale(backend):
    referral = await backend.referral(mode="paid", price_cents=15_000)
    buyers = [await backend.agent() for _ in range(3)]
    offers = [await backend.offer(referral.id, b.id, now=T0) for b in buyers]
    return referral, buyers, offers


async def test_an_invoice_request_is_one_open_invoice_and_one_stripe_job(backend):
    referral, (buyer, *_), (offer, *_) = await for_sale(backend)
    made = await backend.run(T0, lambda p: p.billing.request_invoice(offer, buyer, "email", T0))
    found = await backend.run(T0, lambda p: p.billing.open_invoice(buyer.id, referral.id))
    assert (made.id, made.amount_cents, made.status, made.channel, made.link) == (found.id, 15_000, "requested",
                                                                                 "email", None)
    state = await backend.state()
    assert state.invoices == {made.id: (buyer.id, referral.id, 15_000, "requested", "email")}
    assert [(row[0], row[2], row[3]) for row in state.outbox] == [("stripe", f"invoice:{made.id}", "send_invoice")]


async def test_the_sale_voids_the_other_buyers_invoices_and_a_refund_happens_once(backend):
    referral, buyers, offers = await for_sale(backend)
    invoices = [await backend.run(T0, lambda p, b=b, o=o: p.billing.request_invoice(o, b, "sms", T0))
                for b, o in zip(buyers, offers)]
    voided = await backend.run(T0, lambda p: p.billing.void_other_invoices(referral.id, buyers[0].id, T0))
    assert sorted(v.agent_id for v in voided) == [buyers[1].id, buyers[2].id]
    await backend.run(T0, lambda p: [p.billing.refund(invoices[0], "taken", T0) for _ in range(2)])
    state = await backend.state()
    assert [state.invoices[i.id][3] for i in invoices] == ["refunded", "void", "void"]
    assert [row[2] for row in state.outbox if row[2].startswith("refund:")] == [f"refund:{invoices[0].id}"]
    assert await backend.run(T0, lambda p: p.billing.open_invoice(buyers[1].id, referral.id)) is None


async def test_an_agent_is_read_by_id_as_the_handlers_see_them(backend):
    agent = await backend.agent(language="es", pricing={"plan": "per_sale", "fee_cents": 25_000})
    found = await backend.run(T0, lambda p: (p.billing.agent_by_id(agent.id), p.billing.agent_by_id(agent.id + 99)))
    assert found == (agent, None) and found[0].language == "es" and found[0].pricing["fee_cents"] == 25_000


async def test_the_payers_claim_on_a_paid_referral_tells_the_others_their_invoice_was_voided(backend):
    referral, buyers, offers = await for_sale(backend)
    await backend.run(T0, lambda p: p.billing.request_invoice(offers[1], buyers[1], "sms", T0))
    await backend.run(T0, lambda p: p.referrals.claim(offers[0], T0), channel=Channel.STRIPE)
    told = {row[1]: row[4] for row in (await backend.state()).sent("closed")}
    assert told == {buyers[1].phone: f"Referral Purchased Already: #{referral.code} was bought by another agent. "
                                     "Your invoice was voided.",
                    buyers[2].phone: f"Referral Purchased Already: #{referral.code} was bought by another agent."}
