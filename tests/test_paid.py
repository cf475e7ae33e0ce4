"""Paid referrals end to end (sandbox Stripe sender, real signed webhook path): invoice by reply, one open
invoice per agent, payment wins exclusively, losers voided or refunded; balances billed once; declines."""
from __future__ import annotations

import asyncio
import uuid
import json
from datetime import datetime, timezone

from sqlalchemy import select

from inbound.payments import sign
from outbound.sandbox import SandboxStripeSender
from outbound.worker import Worker
from store import billing
from store.billing_events import on_sent_hooks
from store.models import Agent, Invoice, LedgerEntry, OutboxRow, Referral
from tests.flows import CLIENT, add_agents, new_referral, outbound, reply_text, text_in
from tests.helpers import ScriptedSender


def env_of(client):
    from inbound.deps import BOT_ENV
    return client.server.app[BOT_ENV]


async def work(client, store, clock, settings, stripe=None) -> dict[str, ScriptedSender]:
    """Drain the outbox with a sandbox Stripe and recording senders for the other channels."""
    senders = {c: ScriptedSender(c) for c in ("sms", "email", "voice")}
    stripe = stripe or SandboxStripeSender(settings.public_base_url, settings.secret_key)
    await Worker(store, {**senders, "stripe": stripe}, clock=clock, on_sent=on_sent_hooks(env_of(client))).drain()
    return senders


def paid_event(invoice: Invoice, event_id: str, kind: str = "invoice.paid") -> dict:
    return {"id": event_id, "object": "event", "type": kind,
            "data": {"object": {"id": invoice.stripe_invoice_id, "object": "invoice",
                                "metadata": {"local_invoice_id": str(invoice.id)}}}}


async def post_event(client, settings, event: dict, *, secret: str | None = None, timestamp: int | None = None):
    payload = json.dumps(event).encode()
    signature = sign(payload, secret or settings.stripe_signing_secret, timestamp)
    return await client.post("/stripe/webhook", data=payload,
                             headers={"Stripe-Signature": signature, "Content-Type": "application/json"})


async def invoices(store) -> list[Invoice]:
    return await store.run(lambda s: list(s.scalars(select(Invoice).order_by(Invoice.id))))


async def test_paid_offer_carries_the_price_and_invoice_reply(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    [offer] = await outbound(store, kind="offer")
    assert "$150" in offer.body and "Reply INVOICE" in offer.body and "/r/" in offer.body


async def test_whole_purchase_from_invoice_reply_to_contact_email(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client, mode="paid", price_cents=15000)
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "INVOICE")).text())
    assert answer is None  # the link is the answer, once Stripe has made the invoice
    await work(client, store, clock, settings)
    [invoice] = await invoices(store)
    assert (invoice.status, invoice.amount_cents) == ("open", 15000) and invoice.stripe_invoice_id
    [link] = await outbound(store, kind="invoice")
    assert link.channel == "sms" and "/i/" in link.body
    again = reply_text(await (await text_in(client, settings, "+15125550001", "invoice please")).text())
    assert "/i/" in again and len(await invoices(store)) == 1  # the same link, no second invoice
    assert await outbound(store, kind="contact") == []  # nothing before payment
    response = await post_event(client, settings, paid_event(invoice, "evt_1"))
    assert response.status == 200 and (await response.json())["outcome"] == "won"
    view = await (await client.get(f"/api/referrals/{created['id']}", headers=client.admin)).json()
    assert view["status"] == "awarded" and view["winner_agent_id"] == 1
    [contact] = await outbound(store, kind="contact")
    assert contact.to_addr == "agent1@example.test" and CLIENT["name"] in contact.body
    late = reply_text(await (await text_in(client, settings, "+15125550002", "INVOICE")).text())
    assert "Referral Purchased Already" in late


async def test_invoice_link_redirects_to_the_hosted_page(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550001", "INVOICE")
    await work(client, store, clock, settings)
    [link] = await outbound(store, kind="invoice")
    path = link.body[link.body.index("/i/"):].split()[0]
    response = await client.get(path, allow_redirects=False)
    assert response.status == 302 and "/sandbox/invoice/" in response.headers["Location"]


async def test_replayed_event_and_forged_signature_change_nothing(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550001", "INVOICE")
    await work(client, store, clock, settings)
    [invoice] = await invoices(store)
    forged = await post_event(client, settings, paid_event(invoice, "evt_f"), secret="whsec_wrong")
    assert forged.status == 400
    stale = await post_event(client, settings, paid_event(invoice, "evt_s"), timestamp=1_000_000)
    assert stale.status == 400  # outside the 300 s tolerance
    assert (await invoices(store))[0].status == "open"
    assert (await (await post_event(client, settings, paid_event(invoice, "evt_1"))).json())["outcome"] == "won"
    assert (await (await post_event(client, settings, paid_event(invoice, "evt_1"))).json())["outcome"] == "repeat"
    assert len(await outbound(store, kind="contact")) == 1


async def test_two_agents_paying_at_once_one_winner_one_refund_others_voided(client, store, clock, settings):
    await add_agents(store, clock, 3)
    await new_referral(client, mode="paid", price_cents=15000)
    for n in (1, 2, 3):
        await text_in(client, settings, f"+1512555{n:04d}", "INVOICE")
    await work(client, store, clock, settings)
    first, second, third = await invoices(store)
    answers = await asyncio.gather(post_event(client, settings, paid_event(first, "evt_a")),
                                   post_event(client, settings, paid_event(second, "evt_b")))
    outcomes = sorted([(await a.json())["outcome"] for a in answers])
    assert outcomes == ["refunded_taken", "won"]
    final = {i.agent_id: i.status for i in await invoices(store)}
    winner = await store.run(lambda s: s.scalar(select(Referral.winner_agent_id)))
    loser = 2 if winner == 1 else 1
    assert final[winner] == "paid" and final[loser] == "refunded" and final[3] == "void"
    jobs = await store.run(lambda s: sorted(r.payload["op"] for r in s.scalars(select(OutboxRow).where(
        OutboxRow.channel == "stripe"))))
    # the loser's invoice was voided by the win, but its payment raced in: refunded
    assert jobs == ["refund_invoice", "send_invoice", "send_invoice", "send_invoice", "void_invoice", "void_invoice"]
    told = await outbound(store, kind="closed")  # one notice each: bought by another agent, invoice voided
    assert {m.agent_id for m in told} == {loser, 3}
    assert all("Referral Purchased Already" in m.body and "invoice was voided" in m.body for m in told)
    [refunded] = await outbound(store, kind="purchase")
    assert refunded.agent_id == loser and "refunded" in refunded.body
    assert len(await outbound(store, kind="contact")) == 1


async def test_expired_referral_gets_no_invoice(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    clock.advance(days=61)
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "INVOICE")).text())
    assert answer.startswith("Expired Referral") and await invoices(store) == []


async def charged_agent(store, clock, *, cents: list[int], threshold: int = 50_000) -> None:
    from store import ledger

    def seed(session):
        agent = session.get(Agent, 1)
        agent.pricing = {"plan": "per_sale", "fee_cents": 25000, "billing_threshold_cents": threshold}
        for n, amount in enumerate(cents):
            ledger.book(session, 1, None, "sale_fee", amount, f"fee {n}", f"k{n}", now=clock.now())
    await store.run(seed)


async def test_threshold_billing_charges_each_entry_once(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await charged_agent(store, clock, cents=[25000])
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.now())) == 0  # under threshold
    await charged_agent(store, clock, cents=[25000, 25000])  # same keys: no double booking
    from store import ledger
    await store.run(lambda s: ledger.book(s, 1, None, "sale_fee", 30000, "another", "k-other", now=clock.now()))
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.now())) == 1
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.now())) == 0  # ran twice
    await work(client, store, clock, settings)
    [invoice] = await invoices(store)
    assert (invoice.kind, invoice.amount_cents, invoice.status) == ("balance", 80000, "paid")
    entries = await store.run(lambda s: list(s.scalars(select(LedgerEntry))))
    assert {e.invoice_id for e in entries} == {str(invoice.id)}


async def test_month_end_bills_any_balance(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await charged_agent(store, clock, cents=[1000])
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.now())) == 0
    month_end = datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc)
    assert await store.run(lambda s: billing.bill_due_balances(s, now=month_end)) == 1
    assert await store.run(lambda s: billing.bill_due_balances(s, now=month_end)) == 0
    [invoice] = await invoices(store)
    assert invoice.amount_cents == 1000


async def test_pay_per_lead_bills_every_30_days_from_sign_up(client, store, clock, settings):
    await add_agents(store, clock, 1, pricing={"plan": "per_referral", "fee_cents": 5000})
    await new_referral(client)
    await text_in(client, settings, "+15125550001", "YES")
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.advance(days=29))) == 0
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.advance(days=1))) == 1
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.advance(days=1))) == 0


class DecliningStripe:
    channel = "stripe"

    def __init__(self, declines: int) -> None:
        self.declines = declines

    async def send(self, item):
        from outbound.senders import SendResult
        ref = item.payload["invoice_ref"]
        status = "payment_failed" if self.declines > 0 else "paid"
        self.declines -= 1
        return SendResult(provider_id=f"in_test_{ref}", status=status,
                          extra={"customer_id": "cus_1", "hosted_invoice_url": "https://pay.example/in"})


async def test_declined_card_pauses_offers_and_payment_restores(client, store, clock, settings):
    await add_agents(store, clock, 2)
    await charged_agent(store, clock, cents=[60000])
    await store.run(lambda s: billing.bill_due_balances(s, now=clock.now()))
    await work(client, store, clock, settings, stripe=DecliningStripe(declines=1))
    agent = await store.run(lambda s: s.get(Agent, 1))
    assert (agent.status, agent.suspended_reason) == ("suspended", billing.PAYMENT_FAILED)
    declined = await outbound(store, kind="billing")
    assert {m.channel for m in declined} == {"sms", "email"} and "update" in declined[0].body
    assert (await new_referral(client))["offered"] == 1  # agent 1 gets no offers now
    [invoice] = await invoices(store)
    await post_event(client, settings, paid_event(invoice, "evt_retry_paid"))
    agent = await store.run(lambda s: s.get(Agent, 1))
    assert agent.status == "active"
    assert (await new_referral(client))["offered"] == 2


async def test_purchase_through_the_real_sdk_against_the_fake_stripe_behind_prism(client, store, clock, settings,
                                                                                 fake_stripe):
    """INVOICE -> the worker's StripeSender creates customer, invoice, item, finalizes and sends it (Prism checks
    every request and answer against Stripe's spec) -> the agent pays on the hosted page -> the fake posts the
    signed invoice.paid to our webhook -> contact details to the buyer."""
    from outbound.stripe_billing import StripeSender, close_stripe_client, make_stripe_client
    from tests.peers.stripe_peers import TEST_API_KEY

    fake = fake_stripe.fake
    fake.reset()
    fake.add_webhook_endpoint(str(client.make_url("/stripe/webhook")), settings.stripe_signing_secret,
                              events=["invoice.paid"])
    await add_agents(store, clock, 2)
    created = await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550002", "INVOICE")
    stripe_client = make_stripe_client(TEST_API_KEY, str(fake_stripe))
    try:
        sender = StripeSender(stripe_client, retry_wait=0.01, key_prefix=f"{uuid.uuid4().hex[:8]}-")
        await work(client, store, clock, settings, stripe=sender)
        await work(client, store, clock, settings, stripe=sender)  # nothing left: no second invoice
    finally:
        await close_stripe_client(stripe_client)
    [invoice] = await invoices(store)
    assert invoice.status == "open" and invoice.stripe_invoice_id.startswith("in_")
    assert len(fake.calls("invoices.create")) == 1 and len(fake.calls("customers.create")) == 1
    fake.customer_pays(invoice.stripe_invoice_id)
    deliveries = await fake.wait_for_deliveries()
    assert [status for _, _, status in deliveries] == [200]
    view = await (await client.get(f"/api/referrals/{created['id']}", headers=client.admin)).json()
    assert (view["status"], view["winner_agent_id"]) == ("awarded", 2)
    [contact] = await outbound(store, kind="contact")
    assert contact.to_addr == "agent2@example.test"
    agent = await store.run(lambda s: s.get(Agent, 2))
    assert agent.stripe_customer_id and agent.stripe_customer_id.startswith("cus_")
