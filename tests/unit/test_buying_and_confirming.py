"""Paid referrals (YES asks for an invoice, the payment is the claim) and confirm-then-act questions, as product
rules over the in-memory ports."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.handlers.billing import purchase_paid
from bot.messages import Channel
from bot.testing import T0, World, context_for, converse


def for_sale(world: World, buyers: int = 2) -> tuple[int, list[int]]:
    """A $150 paid referral offered at T0 to `buyers` agents."""
    referral = world.add_referral(mode="paid", price_cents=15_000)
    ids = [world.add_agent().id for _ in range(buyers)]
    for agent in ids:
        world.add_offer(referral.id, agent, now=T0)
    return referral.id, ids


def pay(world: World, agent: int, referral: int, *, minutes: int = 5) -> str:
    """Stripe says the agent's invoice for the referral is paid."""
    ctx = context_for(world, agent, T0 + timedelta(minutes=minutes), channel=Channel.STRIPE)
    invoice = ctx.billing.open_invoice(agent, referral)
    offer = ctx.exchange.offer_of(referral, agent)
    assert invoice is not None and offer is not None
    return purchase_paid(invoice, offer, ctx)


def test_yes_on_a_paid_referral_asks_for_one_invoice_and_claims_nothing(world: World) -> None:
    referral, (buyer, _) = for_sale(world)
    assert converse(world, buyer, "YES", now=T0).outcome == "invoice_requested"
    assert converse(world, buyer, "INVOICE", now=T0).outcome == "invoice_resent"
    assert [(i.agent_id, i.amount_cents, i.status) for i in world.invoices.values()] == [(buyer, 15_000, "requested")]
    assert [m.dedupe_key for m in world.sent() if m.channel is Channel.STRIPE] == ["invoice:1"]
    assert world.referral(referral).winner_agent_id is None


def test_the_payment_is_the_claim_and_the_other_buyers_invoices_are_voided(world: World) -> None:
    referral, (first, second) = for_sale(world)
    converse(world, first, "INVOICE", now=T0)
    converse(world, second, "INVOICE", now=T0)
    assert pay(world, first, referral) == "won"
    assert world.referral(referral).winner_agent_id == first
    assert world.invoices[2].status == "void"
    told = [m.body for m in world.sent() if m.to == world.agent(second).phone and m.kind == "closed"]
    assert told == ["Referral Purchased Already: #1001 was bought by another agent. Your invoice was voided."]


def test_a_payment_after_someone_else_bought_it_is_refunded_and_the_payer_told(world: World) -> None:
    referral, (first, second) = for_sale(world)
    converse(world, first, "INVOICE", now=T0)
    converse(world, second, "INVOICE", now=T0)
    invoice = context_for(world, second, T0).billing.open_invoice(second, referral)
    pay(world, first, referral)
    ctx = context_for(world, second, T0 + timedelta(minutes=6), channel=Channel.STRIPE)
    offer = ctx.exchange.offer_of(referral, second)
    assert invoice is not None and offer is not None
    assert purchase_paid(invoice, offer, ctx) == "refunded_taken"
    assert world.invoices[invoice.id].status == "refunded"
    assert "being refunded in full" in world.sent_to(world.agent(second).phone)[-1]


@pytest.mark.parametrize("said", ["k", "Yes, this is still my correct email and cell number."])
def test_an_acknowledgement_or_a_likely_yes_asks_before_claiming_and_yes_then_claims(world: World, said: str) -> None:
    """A bare acknowledgement, or a yes beside words about something else, is asked about, never acted on."""
    referral = world.add_referral()
    agent = world.add_agent().id
    world.add_offer(referral.id, agent, now=T0)
    reply = converse(world, agent, said, now=T0)
    assert (reply.text, reply.outcome) == ("Claim #1001? Reply YES to confirm.", "confirm_asked")
    assert world.referral(referral.id).winner_agent_id is None
    assert converse(world, agent, "YES", now=T0 + timedelta(minutes=5)).outcome == "won"


def test_the_question_is_about_buying_on_a_paid_referral(world: World) -> None:
    _, (buyer, _) = for_sale(world)
    assert converse(world, buyer, "sounds good", now=T0).text == (
        "Buy #1001? Reply YES to confirm and we'll send the invoice.")
    assert converse(world, buyer, "yes", now=T0).outcome == "invoice_requested"


def test_yes_answers_the_question_asked_even_after_another_offer_arrives(world: World) -> None:
    first = world.add_referral()
    agent = world.add_agent().id
    world.add_offer(first.id, agent, now=T0)
    converse(world, agent, "ok", now=T0)
    second = world.add_referral()
    world.add_offer(second.id, agent, now=T0 + timedelta(minutes=1))
    assert converse(world, agent, "YES", now=T0 + timedelta(minutes=2)).outcome == "won"
    assert world.referral(first.id).winner_agent_id == agent and world.referral(second.id).winner_agent_id is None


def test_any_other_message_clears_the_question_and_it_expires_after_two_hours(world: World) -> None:
    referral = world.add_referral()
    agent = world.add_agent().id
    world.add_offer(referral.id, agent, now=T0)
    converse(world, agent, "k", now=T0)
    converse(world, agent, "STATUS", now=T0)
    assert agent not in world.pending
    converse(world, agent, "k", now=T0)
    world.add_offer(world.add_referral().id, agent, now=T0)
    assert converse(world, agent, "YES", now=T0 + timedelta(hours=3)).outcome == "ambiguous"


def test_an_acknowledgement_with_several_offers_open_lists_them(world: World) -> None:
    agent = world.add_agent().id
    for _ in range(2):
        world.add_offer(world.add_referral().id, agent, now=T0)
    assert converse(world, agent, "ok", now=T0).outcome == "ambiguous"
    assert agent not in world.pending


def test_a_likely_yes_with_nothing_open_goes_to_review(world: World) -> None:
    agent = world.add_agent().id
    reply = converse(world, agent, "sí, la casa tiene piscina y 3 cuartos", now=T0)
    assert reply.outcome == "review" and reply.text
