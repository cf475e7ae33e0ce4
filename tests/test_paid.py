"""Paid referrals end to end (sandbox Stripe sender, real signed webhook path): invoice by reply, one open
invoice per agent, payment wins exclusively, losers voided or refunded; balances billed once; declines."""
from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from yarl import URL

from inbound.billing.payments import sign
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
            "data": {"object": {"id": invoice.stripe_invoice_id, "object": "invoice", "status": "paid",
                                "amount_paid": invoice.amount_cents, "currency": "usd",
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
    first, second, _ = await invoices(store)
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
    month_end = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
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


# -- a payment counts only if it is the one we asked for ------------------------------------------------------
async def requested_invoice(client, store, clock, settings, agents: int = 1) -> Invoice:
    await add_agents(store, clock, agents)
    await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550001", "INVOICE")
    await work(client, store, clock, settings)
    return (await invoices(store))[0]


def tampered(invoice: Invoice, event_id: str, **changes) -> dict:
    event = paid_event(invoice, event_id)
    event["data"]["object"].update(changes)
    return event


async def stripe_jobs(store, op: str) -> list[dict]:
    return await store.run(lambda s: [r.payload for r in s.scalars(select(OutboxRow).where(
        OutboxRow.channel == "stripe").order_by(OutboxRow.id)) if r.payload["op"] == op])


async def test_signed_paid_event_with_wrong_amount_awards_nothing_is_reviewed_and_refunded(client, store, clock,
                                                                                          settings):
    invoice = await requested_invoice(client, store, clock, settings)
    for n, changes in enumerate([{"amount_paid": 0}, {"amount_paid": 1500}, {"currency": "eur"},
                                 {"amount_paid": "15000"}]):
        answer = await post_event(client, settings, tampered(invoice, f"evt_forged_{n}", **changes))
        assert answer.status == 200 and (await answer.json())["outcome"] == "held_for_review"
    assert (await invoices(store))[0].status == "open"
    assert await outbound(store, kind="contact") == [] and await outbound(store, kind="purchase") == []
    referral = await store.run(lambda s: s.scalar(select(Referral)))
    assert referral.winner_agent_id is None
    review = await (await client.get("/api/review", headers=client.admin)).json()
    assert sorted(r["reason"] for r in review) == ["payment mismatch: amount differs",
                                                   "payment mismatch: currency differs"]  # one per problem
    assert all(CLIENT["name"] not in r["body"] and CLIENT["phone"] not in r["body"] for r in review)
    refunds = await stripe_jobs(store, "refund_invoice")
    assert [r["stripe_invoice_id"] for r in refunds] == [invoice.stripe_invoice_id]  # queued once
    book = await (await client.get("/api/agents/1/ledger", headers=client.admin)).json()
    assert book["entries"] == [] and book["balance_cents"] == 0
    honest = await post_event(client, settings, paid_event(invoice, "evt_real"))
    assert (await honest.json())["outcome"] == "won"  # the real payment still counts


async def test_paid_event_for_an_invoice_we_did_not_issue_is_reviewed_and_refunded(client, store, clock, settings):
    invoice = await requested_invoice(client, store, clock, settings)
    other = tampered(invoice, "evt_other", id="in_not_ours", metadata={})
    assert (await (await post_event(client, settings, other)).json())["outcome"] == "held_for_review"
    swapped = tampered(invoice, "evt_swapped", id="in_someone_else")  # our local id, another Stripe invoice
    assert (await (await post_event(client, settings, swapped)).json())["outcome"] == "held_for_review"
    review = await (await client.get("/api/review", headers=client.admin)).json()
    assert sorted(r["reason"] for r in review) == ["payment mismatch: invoice differs",
                                                   "payment mismatch: unknown invoice"]
    assert [r["stripe_invoice_id"] for r in await stripe_jobs(store, "refund_invoice")] == ["in_not_ours",
                                                                                           "in_someone_else"]
    assert (await invoices(store))[0].status == "open" and await outbound(store, kind="contact") == []


# -- the ledger: every money event, a running balance ---------------------------------------------------------
async def ledger_of(client, agent: int) -> dict:
    return await (await client.get(f"/api/agents/{agent}/ledger", headers=client.admin)).json()


def kinds(book: dict) -> list[tuple[str, int, int]]:
    return [(e["kind"], e["amount_cents"], e["balance_cents"]) for e in book["entries"]]


async def test_ledger_books_purchase_payment_and_refund_of_a_lost_race(client, store, clock, settings):
    await add_agents(store, clock, 2)
    await new_referral(client, mode="paid", price_cents=15000)
    for n in (1, 2):
        await text_in(client, settings, f"+1512555{n:04d}", "INVOICE")
    await work(client, store, clock, settings)
    first, second = await invoices(store)
    assert (await (await post_event(client, settings, paid_event(first, "evt_1"))).json())["outcome"] == "won"
    assert (await (await post_event(client, settings, paid_event(second, "evt_2"))).json())["outcome"] == \
        "refunded_taken"
    assert kinds(await ledger_of(client, 1)) == [("purchase", 15000, 15000), ("payment", -15000, 0)]
    assert kinds(await ledger_of(client, 2)) == [("payment", -15000, -15000)]  # we hold their money until...
    await work(client, store, clock, settings)  # ...the worker's refund is confirmed
    await work(client, store, clock, settings)
    loser = await ledger_of(client, 2)
    assert kinds(loser) == [("payment", -15000, -15000), ("refund", 15000, 0)] and loser["balance_cents"] == 0


async def test_balance_charge_declined_then_paid_reads_zero(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await charged_agent(store, clock, cents=[30000, 30000])
    assert await store.run(lambda s: billing.bill_due_balances(s, now=clock.now())) == 1
    await work(client, store, clock, settings, stripe=DecliningStripe(declines=1))
    book = await ledger_of(client, 1)
    assert kinds(book) == [("sale_fee", 30000, 30000), ("sale_fee", 30000, 60000), ("charge", 0, 60000),
                           ("failed_charge", 0, 60000)]
    assert "$600" in book["entries"][2]["memo"] and book["balance_cents"] == 60000
    [job] = await stripe_jobs(store, "charge_balance")
    assert job["description"] == "Referral fees, 2 item(s), $600: fee 0; fee 1"  # what the charge is for
    [invoice] = await invoices(store)
    await post_event(client, settings, paid_event(invoice, "evt_paid_later"))
    await post_event(client, settings, paid_event(invoice, "evt_paid_later_2", "invoice.payment_succeeded"))
    book = await ledger_of(client, 1)
    assert kinds(book)[-1] == ("payment", -60000, 0) and book["balance_cents"] == 0  # booked once


async def test_network_ledger_filters_by_agent_kind_and_date_and_pages(client, store, clock, settings):
    from store import ledger
    await add_agents(store, clock, 2)

    def seed(session):
        for n in range(5):
            ledger.book(session, 1 + n % 2, None, "sale_fee", 1000 * (n + 1), f"fee {n}", f"k{n}", now=clock.now())
    await store.run(seed)
    get = lambda query: client.get(f"/api/ledger?{query}", headers=client.admin)  # noqa: E731
    everything = await (await get("")).json()
    assert [e["amount_cents"] for e in everything["items"]] == [1000, 2000, 3000, 4000, 5000]
    assert [e["balance_cents"] for e in everything["items"]] == [1000, 2000, 4000, 6000, 9000]  # per agent
    first = await (await get("agent_id=1&limit=2")).json()
    rest = await (await get(f"agent_id=1&limit=2&cursor={first['next_cursor']}")).json()
    assert [e["amount_cents"] for e in first["items"] + rest["items"]] == [1000, 3000, 5000]
    assert rest["next_cursor"] is None
    assert (await (await get("kind=refund")).json())["items"] == []
    tomorrow = clock.now().date() + timedelta(days=1)
    assert (await (await get(f"since={tomorrow}")).json())["items"] == []
    assert len((await (await get(f"before={tomorrow}")).json())["items"]) == 5
    for bad in ("kind=gift", "since=yesterday", "limit=0", "cursor=abc", "agent_id=x"):
        answer = await get(bad)
        assert answer.status == 422 and bad.split("=")[0] in (await answer.json())["errors"], bad


# -- invoices say what they are for, and never offer to take money that is not owed -------------------------
async def page_of(client, link_body: str) -> tuple[int, str]:
    path = link_body[link_body.index("/i/"):].split()[0]
    answer = await client.get(path, allow_redirects=False)
    if answer.status == 302:
        answer = await client.get(URL(answer.headers["Location"]).path)  # the sandbox's hosted page
    return answer.status, await answer.text()


async def test_invoice_text_and_page_say_what_it_is_for(client, store, clock, settings):
    invoice = await requested_invoice(client, store, clock, settings)
    code = await store.run(lambda s: s.scalar(select(Referral.code)))
    [link] = await outbound(store, kind="invoice")
    assert f"#{code} (buyer in 78704), $150" in link.body
    status, html = await page_of(client, link.body)
    assert status == 200 and f"Referral #{code} (buyer in 78704), $150" in html and ">Pay</button>" in html
    jobs = await stripe_jobs(store, "send_invoice")
    assert jobs[0]["description"] == f"Purchase of referral #{code} (buyer in 78704) for $150"
    assert invoice.amount_cents == 15000


async def test_voided_and_refunded_invoices_show_no_pay_button_and_say_nothing_is_owed(client, store, clock,
                                                                                      settings):
    await add_agents(store, clock, 3)
    await new_referral(client, mode="paid", price_cents=15000)
    for n in (1, 2, 3):
        await text_in(client, settings, f"+1512555{n:04d}", "INVOICE")
    await work(client, store, clock, settings)
    first, second, _ = await invoices(store)
    links = {m.agent_id: m.body for m in await outbound(store, kind="invoice")}
    await post_event(client, settings, paid_event(first, "evt_a"))
    await post_event(client, settings, paid_event(second, "evt_b"))  # raced the void: refunded
    for agent, words in ((2, "Refunded: another agent bought"), (3, "Cancelled: another agent bought")):
        status, html = await page_of(client, links[agent])
        assert status == 200 and words in html and "You owe nothing" in html, html
        assert "<button" not in html and "refunded_taken" not in html and "(void)" not in html
    sandbox = await client.post(f"/sandbox/invoice/{links[3].split('/i/')[1].split()[0]}")
    assert "Cancelled" in await sandbox.text()  # a direct POST to pay a void invoice sends nothing
    told = {m.agent_id: m.body for m in await outbound(store, kind="purchase")}
    assert "you owe nothing" in told[2] and "refunded_taken" not in told[2]
    closed = {m.agent_id: m.body for m in await outbound(store, kind="closed")}
    assert "Your invoice was voided" in closed[3]  # one notice says both: bought by another, invoice voided


class RealStripe:
    """Our worker's StripeSender through the real SDK against the fake behind Prism, with the fake delivering
    invoice.paid to our webhook."""

    def __init__(self, client, store, clock, settings, fake_stripe) -> None:
        from outbound.stripe_billing import make_stripe_client
        from tests.peers.stripe_peers import TEST_API_KEY
        self.client, self.store, self.clock, self.settings = client, store, clock, settings
        self.fake = fake_stripe.fake
        self.fake.reset()
        self.fake.add_webhook_endpoint(str(client.make_url("/stripe/webhook")), settings.stripe_signing_secret,
                                       events=["invoice.paid"])
        self.stripe_client = make_stripe_client(TEST_API_KEY, str(fake_stripe))

    async def work(self) -> None:
        from outbound.stripe_billing import StripeSender
        sender = StripeSender(self.stripe_client, retry_wait=0.01, key_prefix=f"{uuid.uuid4().hex[:8]}-")
        await work(self.client, self.store, self.clock, self.settings, stripe=sender)

    async def pay(self, invoice: Invoice) -> list[int]:
        self.fake.customer_pays(invoice.stripe_invoice_id)
        return [status for _, _, status in await self.fake.wait_for_deliveries()]

    def refunds_of(self, invoice: Invoice) -> list[dict]:
        intent = self.fake.invoices[invoice.stripe_invoice_id].payment_intent
        return [r for r in self.fake.refunds.values() if r["payment_intent"] == intent]

    async def close(self) -> None:
        from outbound.stripe_billing import close_stripe_client
        await close_stripe_client(self.stripe_client)


@pytest.fixture
async def real_stripe(client, store, clock, settings, fake_stripe):
    peer = RealStripe(client, store, clock, settings, fake_stripe)
    yield peer
    await peer.close()


async def invoice_through_stripe(client, store, clock, settings, real_stripe) -> Invoice:
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550001", "INVOICE")
    await real_stripe.work()
    return (await invoices(store))[0]


async def dead_refunds(store) -> list[str]:
    return await store.run(lambda s: [r.last_error for r in s.scalars(select(OutboxRow).where(
        OutboxRow.channel == "stripe", OutboxRow.status == "dead")) if r.payload["op"] == "refund_invoice"])


async def test_payment_stripe_took_for_another_amount_than_we_issued_is_refunded_through_the_sdk(
        client, store, clock, settings, real_stripe):
    invoice = await invoice_through_stripe(client, store, clock, settings, real_stripe)
    await store.run(lambda s: setattr(s.get(Invoice, invoice.id), "amount_cents", 20000))  # our record differs
    assert await real_stripe.pay(invoice) == [200]
    await real_stripe.work()
    assert await store.run(lambda s: s.scalar(select(Referral.winner_agent_id))) is None
    assert await outbound(store, kind="contact") == []
    [review] = await (await client.get("/api/review", headers=client.admin)).json()
    assert review["reason"] == "payment mismatch: amount differs"
    [refund] = real_stripe.refunds_of(invoice)
    assert refund["amount"] == 15000 and refund["metadata"]["reason"] == "payment mismatch: amount differs"
    assert (await ledger_of(client, 1))["balance_cents"] == 0


async def test_lying_paid_event_awards_nothing_and_never_refunds_the_payment_stripe_recorded(
        client, store, clock, settings, real_stripe):
    """The fake takes the full $150 but the signed event it delivers says $1: held for review; the refund it
    queued is refused by the worker because Stripe's invoice shows a different payment."""
    invoice = await invoice_through_stripe(client, store, clock, settings, real_stripe)

    def underpaid(event: dict) -> dict:
        event["data"]["object"]["amount_paid"] = 100
        return event
    real_stripe.fake.tamper_deliveries(underpaid)
    assert await real_stripe.pay(invoice) == [200]
    await real_stripe.work()
    assert await store.run(lambda s: s.scalar(select(Referral.winner_agent_id))) is None
    [review] = await (await client.get("/api/review", headers=client.admin)).json()
    assert review["reason"] == "payment mismatch: amount differs"
    assert real_stripe.refunds_of(invoice) == []
    [error] = await dead_refunds(store)
    assert "payment_not_as_claimed" in error


async def test_forged_event_before_the_real_payment_does_not_refund_it(client, store, clock, settings, real_stripe):
    invoice = await invoice_through_stripe(client, store, clock, settings, real_stripe)
    forged = await post_event(client, settings, tampered(invoice, "evt_forged_early", amount_paid=1500))
    assert (await forged.json())["outcome"] == "held_for_review"
    assert await real_stripe.pay(invoice) == [200]  # the genuine payment: the agent wins
    await real_stripe.work()  # the forged event's refund job: Stripe shows $150 paid, not $15
    assert await store.run(lambda s: s.scalar(select(Referral.winner_agent_id))) == 1
    assert real_stripe.refunds_of(invoice) == [] and len(await dead_refunds(store)) == 1
    assert kinds(await ledger_of(client, 1)) == [("purchase", 15000, 15000), ("payment", -15000, 0)]
