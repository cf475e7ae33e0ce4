"""Reconciliation with the providers, against the peers the suite runs (the Stripe fake behind Prism, the Twilio
fake), with their events deliberately never delivered: a missed `invoice.paid` and missed delivery callbacks are
repaired through the webhooks' own code, the run is stored and served at /api/reconciliations, and a second run
repairs nothing twice. On SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from outbound.stripe_billing import StripeSender, close_stripe_client, make_stripe_client
from outbound.twilio_client import close_twilio_client, make_twilio_client
from outbound.twilio_sms import TwilioSmsSender
from outbound.worker import Worker
from referral_bot.reconcile import reconcile
from store.billing_events import on_sent_hooks
from store.models import Agent, Invoice, Message, Referral
from tests.flows import add_agents, new_referral, text_in
from tests.helpers import ScriptedSender
from tests.peers.stripe_peers import TEST_API_KEY


def env_of(client):
    from inbound.deps import BOT_ENV
    return client.server.app[BOT_ENV]


@pytest.fixture
async def stripe_client(fake_stripe):
    """The SDK against the fake behind Prism, with NO webhook endpoint registered: no event is ever delivered."""
    fake_stripe.fake.reset()
    client = make_stripe_client(TEST_API_KEY, str(fake_stripe))
    yield client
    await close_stripe_client(client)


@pytest.fixture
async def twilio_client(fake_twilio):
    fake_twilio.reset()
    client = make_twilio_client("AC" + "0" * 32, "t" * 32, fake_twilio.base_url)
    yield client
    await close_twilio_client(client)


async def work(client, store, clock, *, stripe=None, sms=None) -> None:
    senders = {c: ScriptedSender(c) for c in ("sms", "email", "voice", "stripe")}
    senders.update({k: v for k, v in (("stripe", stripe), ("sms", sms)) if v is not None})
    await Worker(store, senders, clock=clock, on_sent=on_sent_hooks(env_of(client))).drain()


async def run(client, store, clock, **clients):
    return await reconcile(store, env_of(client), stripe_client=clients.get("stripe"),
                           twilio_client=clients.get("twilio"), since=clock.now() - timedelta(hours=48),
                           now=clock.now())


async def test_a_missed_invoice_paid_is_processed_once_and_the_payer_wins(client, store, clock, settings,
                                                                         fake_stripe, stripe_client):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550001", "INVOICE")
    sender = StripeSender(stripe_client, retry_wait=0.01, key_prefix=f"{uuid.uuid4().hex[:8]}-")
    await work(client, store, clock, stripe=sender)
    invoice = await store.run(lambda s: s.scalars(select(Invoice)).one())
    fake_stripe.fake.customer_pays(invoice.stripe_invoice_id)  # paid at Stripe; the event never reaches us
    assert await store.run(lambda s: (s.get(Invoice, invoice.id).status, s.scalar(select(Referral.winner_agent_id)))
                           ) == ("open", None)

    first = await run(client, store, clock, stripe=stripe_client)
    assert first["fixed"] == 1 and first["reported"] == 0
    assert first["lines"] == [f"fixed: stripe invoice {invoice.stripe_invoice_id} (ours #{invoice.id}) paid at "
                              f"Stripe, missed event processed: won"]
    assert await store.run(lambda s: (s.get(Invoice, invoice.id).status, s.scalar(select(Referral.winner_agent_id)))
                           ) == ("paid", 1)

    second = await run(client, store, clock, stripe=stripe_client)
    assert (second["fixed"], second["reported"], second["lines"]) == (0, 0, [])
    runs = await (await client.get("/api/reconciliations", headers=client.admin)).json()
    assert [(r["id"], r["fixed"]) for r in runs] == [(second["id"], 0), (first["id"], 1)]


async def test_an_invoice_voided_at_stripe_but_open_here_is_only_reported(client, store, clock, settings,
                                                                         fake_stripe, stripe_client):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550001", "INVOICE")
    await work(client, store, clock, stripe=StripeSender(stripe_client, retry_wait=0.01,
                                                         key_prefix=f"{uuid.uuid4().hex[:8]}-"))
    invoice = await store.run(lambda s: s.scalars(select(Invoice)).one())
    await stripe_client.v1.invoices.void_invoice_async(invoice.stripe_invoice_id)
    report = await run(client, store, clock, stripe=stripe_client)
    assert (report["fixed"], report["reported"]) == (0, 1)
    assert report["lines"] == [f"reported: stripe invoice {invoice.stripe_invoice_id} (ours #{invoice.id}) is void "
                               f"at Stripe, open here"]
    assert await store.run(lambda s: s.get(Invoice, invoice.id).status) == "open"


async def test_missed_delivery_callbacks_are_fetched_and_a_21610_opts_the_number_out(client, store, clock, fake_twilio,
                                                                                    twilio_client):
    await add_agents(store, clock, 2)
    await new_referral(client)
    sms = TwilioSmsSender(twilio_client, from_number="+15125550000",
                          status_callback="http://127.0.0.1:8080/twilio/sms/status", retry_wait=0.01)
    await work(client, store, clock, sms=sms)
    texts = await store.run(lambda s: list(s.scalars(select(Message).where(
        Message.direction == "out", Message.channel == "sms").order_by(Message.id))))
    assert len(texts) == 2 and all(t.provider_id and t.status in ("queued", "sent") for t in texts)
    delivered, refused = texts
    fake_twilio.settle(delivered.provider_id, "delivered")
    fake_twilio.settle(refused.provider_id, "undelivered", error_code=21610)

    too_soon = await run(client, store, clock, twilio=twilio_client)
    assert too_soon["fixed"] == 0  # younger than a day: the callback may still come

    clock.advance(hours=25)
    report = await run(client, store, clock, twilio=twilio_client)
    assert report["fixed"] == 2
    statuses = await store.run(lambda s: {m.provider_id: (m.status, m.error) for m in s.scalars(select(Message))
                                          if m.provider_id})
    assert statuses[delivered.provider_id] == ("delivered", None)
    assert statuses[refused.provider_id] == ("undelivered", "twilio error 21610")
    opt_outs = await store.run(lambda s: {a.phone: a.sms_opt_out_source for a in s.scalars(select(Agent))})
    assert opt_outs == {refused.to_addr: "carrier", delivered.to_addr: None}

    again = await run(client, store, clock, twilio=twilio_client)
    assert (again["fixed"], again["reported"]) == (0, 0)
