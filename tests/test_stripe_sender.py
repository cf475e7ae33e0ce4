"""The Stripe billing sender, driving the official SDK over real HTTP on 127.0.0.1.

Against our stateful fake behind `prism proxy --errors` (Stripe's published spec checks each request and each
answer): the one-off invoice flow, idempotent retries, voids, refunds, balance charges paid and declined,
transient and permanent failures, signed webhooks. Against localstripe: customers with payment methods,
automatic charging (subscription invoices, off-session payment intents), declines, and the refund path.
"""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import stripe
from aiohttp import web

from outbound.senders import OutboxItem, PermanentSendError, SendResult, TransientSendError
from outbound.stripe_billing import StripeSender, close_stripe_client, make_stripe_client, translate_stripe_error
from tests.peers.fake_stripe import HOSTED_BASE, FakeStripe, sign_stripe_payload
from tests.peers.stripe_peers import TEST_API_KEY, FakeStripePeer
from tests.peers.twilio_peers import PeerUrl, free_port, prism_log

TINY_WAIT = 0.001
LEGACY_VERSION = "2020-08-27"   # the spec's own version: invoices still name their charge and payment intent
AGENT = {"id": 7, "name": "Dana Agent", "email": "dana@agents.example.test"}
WEBHOOK_SECRET = "whsec_test_0123456789"


def job(payload: dict[str, Any], key: str | None = None) -> OutboxItem:
    return OutboxItem(id=1, channel="stripe", recipient="stripe", payload=payload, attempts=0,
                      dedupe_key=key or f"{payload['op']}:{uuid.uuid4().hex[:10]}")


def invoice_job(customer_id: str | None = None, amount: int = 45_000, key: str | None = None) -> OutboxItem:
    return job({"op": "send_invoice", "invoice_ref": 11, "customer_id": customer_id, "agent": AGENT,
                "amount_cents": amount, "currency": "usd", "description": "Referral #4821: buyer in 78704",
                "days_until_due": 7, "metadata": {"local_invoice_id": "11", "referral_id": "4821"}}, key)


def balance_job(customer_id: str | None, amounts: tuple[int, ...] = (2_500, 1_000)) -> OutboxItem:
    lines = [{"amount_cents": a, "description": f"Referral fee {n}"} for n, a in enumerate(amounts)]
    return job({"op": "charge_balance", "invoice_ref": 12, "customer_id": customer_id, "agent": AGENT,
                "lines": lines, "currency": "usd", "metadata": {"local_invoice_id": "12", "why": "threshold"}})


async def clients(base: str, **options: Any) -> AsyncIterator[stripe.StripeClient]:
    client = make_stripe_client(TEST_API_KEY, base, **options)
    try:
        yield client
    finally:
        await close_stripe_client(client)


@pytest.fixture
def fake(fake_stripe: FakeStripePeer) -> FakeStripe:
    fake_stripe.fake.reset()
    return fake_stripe.fake


@pytest.fixture
async def client(fake_stripe: FakeStripePeer, fake: FakeStripe) -> AsyncIterator[stripe.StripeClient]:
    async for c in clients(fake_stripe):
        yield c


@pytest.fixture
def sender(client: stripe.StripeClient) -> StripeSender:
    return StripeSender(client, retry_wait=TINY_WAIT)


async def card_customer(client: stripe.StripeClient, payment_method: str = "pm_card_visa") -> str:
    """A customer whose card on file (default payment method) is one of Stripe's test cards."""
    customer = await client.v1.customers.create_async({
        "email": AGENT["email"], "name": AGENT["name"], "payment_method": payment_method,
        "invoice_settings": {"default_payment_method": payment_method}})
    return customer.id


async def sent_invoice(sender: StripeSender, fake_stripe: FakeStripePeer) -> SendResult:
    result = await sender.send(invoice_job())
    assert result.status == "sent", prism_log(fake_stripe)
    return result


# -- the one-off invoice flow, behind Prism ------------------------------------------------------------------
async def test_send_invoice_creates_finalizes_and_sends(sender: StripeSender, fake: FakeStripe) -> None:
    result = await sender.send(invoice_job(amount=45_000))

    invoice = fake.invoices[result.provider_id]
    assert result.status == "sent" and result.provider_id.startswith("in_")
    assert result.extra == {"customer_id": invoice.customer, "invoice_id": invoice.id, "invoice_status": "open",
                            "hosted_invoice_url": f"{HOSTED_BASE}/test_{invoice.id}"}
    assert (invoice.status, invoice.times_sent, invoice.collection_method) == ("open", 1, "send_invoice")
    assert [fake.invoice_items[i]["amount"] for i in invoice.items] == [45_000]
    customer = fake.customers[invoice.customer]
    assert (customer["email"], customer["metadata"]) == (AGENT["email"], {"agent_id": "7"})
    assert [r.op for r in fake.requests] == ["customers.create", "invoices.create", "invoiceitems.create",
                                             "invoices.finalize", "invoices.send"]
    created = fake.calls("invoices.create")[0].params
    assert created["pending_invoice_items_behavior"] == "exclude" and created["days_until_due"] == "7"
    keys = [r.idempotency_key for r in fake.requests]
    assert len(set(keys)) == 5 and all(k and k.startswith("send_invoice:") for k in keys)
    assert {r.stripe_version for r in fake.requests} == {stripe.api_version}


async def test_same_job_twice_makes_one_customer_one_invoice_one_item(sender: StripeSender,
                                                                    fake: FakeStripe) -> None:
    item = invoice_job()
    counts = (len(fake.customers), len(fake.invoices), len(fake.invoice_items))

    first, second = await sender.send(item), await sender.send(item)

    assert first == second
    assert (len(fake.customers), len(fake.invoices), len(fake.invoice_items)) == tuple(n + 1 for n in counts)
    assert [r.replayed for r in fake.requests] == [False] * 5 + [True] * 5
    assert fake.invoices[first.provider_id].times_sent == 1


async def test_known_customer_creates_no_customer(sender: StripeSender, client: stripe.StripeClient,
                                                  fake: FakeStripe) -> None:
    customer = await card_customer(client)
    fake.reset()

    result = await sender.send(invoice_job(customer_id=customer))

    assert result.extra["customer_id"] == customer == fake.invoices[result.provider_id].customer
    assert not fake.calls("customers.create")
    on_file = await client.v1.customers.retrieve_async(customer)
    assert on_file.invoice_settings.default_payment_method == "pm_card_visa"


async def test_void_open_invoice_and_again(sender: StripeSender, fake: FakeStripe,
                                           fake_stripe: FakeStripePeer) -> None:
    invoice_id = (await sent_invoice(sender, fake_stripe)).provider_id
    void = {"op": "void_invoice", "stripe_invoice_id": invoice_id}

    first = await sender.send(job(void))
    again = await sender.send(job(void))

    assert (first.provider_id, first.status) == (invoice_id, "void")
    assert (again.status, again.extra["already"]) == ("void", True)
    assert fake.invoices[invoice_id].status == "void"
    assert len(fake.calls("invoices.void")) == 1


async def test_void_of_paid_invoice_reports_paid(sender: StripeSender, fake: FakeStripe,
                                                 fake_stripe: FakeStripePeer) -> None:
    invoice_id = (await sent_invoice(sender, fake_stripe)).provider_id
    fake.customer_pays(invoice_id)

    result = await sender.send(job({"op": "void_invoice", "stripe_invoice_id": invoice_id}))

    assert (result.status, result.extra) == ("paid", {"invoice_status": "paid", "already": True})
    assert not fake.calls("invoices.void")


@pytest.mark.parametrize("version", [None, LEGACY_VERSION], ids=["sdk-version", "legacy-version"])
async def test_refund_after_the_customer_paid(fake_stripe: FakeStripePeer, fake: FakeStripe,
                                              version: str | None) -> None:
    async for client in clients(fake_stripe, **({"stripe_version": version} if version else {})):
        sender = StripeSender(client, retry_wait=TINY_WAIT)
        invoice_id = (await sent_invoice(sender, fake_stripe)).provider_id
        fake.customer_pays(invoice_id)
        refund_job = job({"op": "refund_invoice", "stripe_invoice_id": invoice_id, "reason": "invalid referral"})

        result = await sender.send(refund_job)

    refund = fake.refunds[result.provider_id]
    payment_intent = fake.invoices[invoice_id].payment_intent
    assert result.status == "refunded" and result.provider_id.startswith("re_")
    assert (refund["payment_intent"], refund["amount"], refund["reason"]) == (payment_intent, 45_000, None)
    assert refund["metadata"] == {"invoice_id": invoice_id, "reason": "invalid referral"}
    # Under the SDK's version the payment is found by expanding `payments`; before 2025-03-31 it is on the invoice.
    expands = [r.params.get("expand") for r in fake.calls("invoices.retrieve")]
    assert expands == ([None, ["payments"]] if version is None else [None])


async def test_second_refund_job_finds_the_first_refund(sender: StripeSender, fake: FakeStripe,
                                                        fake_stripe: FakeStripePeer) -> None:
    invoice_id = (await sent_invoice(sender, fake_stripe)).provider_id
    fake.customer_pays(invoice_id)
    payload = {"op": "refund_invoice", "stripe_invoice_id": invoice_id, "reason": "requested_by_customer"}

    first = await sender.send(job(payload))
    second = await sender.send(job(payload))   # another job: a new key, and Stripe says already refunded

    assert second.provider_id == first.provider_id
    assert fake.refunds[first.provider_id]["reason"] == "requested_by_customer"
    assert [r.status for r in fake.calls("refunds.create")] == [200, 400]


async def test_refund_of_an_unpaid_invoice_is_permanent(sender: StripeSender, fake_stripe: FakeStripePeer) -> None:
    invoice_id = (await sent_invoice(sender, fake_stripe)).provider_id
    with pytest.raises(PermanentSendError) as caught:
        await sender.send(job({"op": "refund_invoice", "stripe_invoice_id": invoice_id, "reason": "x"}))
    assert caught.value.code == "invoice_not_paid"


# -- balances charged to the card on file ---------------------------------------------------------------
async def test_charge_balance_paid(sender: StripeSender, client: stripe.StripeClient, fake: FakeStripe) -> None:
    customer = await card_customer(client, "pm_card_visa")

    result = await sender.send(balance_job(customer, (2_500, 1_000)))

    invoice = fake.invoices[result.provider_id]
    assert (result.status, result.extra["invoice_status"], invoice.status) == ("paid", "paid", "paid")
    assert (invoice.collection_method, fake.payments[invoice.payment_intent or ""]["amount"]) == (
        "charge_automatically", 3_500)
    assert [fake.invoice_items[i]["description"] for i in invoice.items] == ["Referral fee 0", "Referral fee 1"]
    assert [r.op for r in fake.requests][-2:] == ["invoices.finalize", "invoices.pay"]


async def test_charge_balance_declined_is_an_answer_not_a_failure(sender: StripeSender, client: stripe.StripeClient,
                                                                  fake: FakeStripe) -> None:
    customer = await card_customer(client, "pm_card_visa_chargeDeclinedInsufficientFunds")
    item = balance_job(customer)

    result = await sender.send(item)
    again = await sender.send(item)   # a retried job: Stripe replays the decline, no second attempt

    assert result.status == "payment_failed" and result.provider_id.startswith("in_")
    assert result.extra == {
        "customer_id": customer, "invoice_id": result.provider_id, "invoice_status": "open",
        "hosted_invoice_url": f"{HOSTED_BASE}/test_{result.provider_id}", "decline_code": "insufficient_funds",
        "code": "card_declined", "error": "Your card was declined."}
    assert again == result
    assert fake.invoices[result.provider_id].attempt_count == 1
    failed = await client.v1.events.list_async({"type": "invoice.payment_failed", "limit": 1})
    assert failed.data[0].data.object.id == result.provider_id   # what the webhook side will also receive


async def test_charge_balance_without_a_card_on_file_fails_payment(sender: StripeSender, fake: FakeStripe) -> None:
    item = balance_job(customer_id=None)

    result = await sender.send(item)

    assert (result.status, result.extra["invoice_status"]) == ("payment_failed", "open")
    assert "no attached payment source" in result.extra["error"]
    assert fake.customers[result.extra["customer_id"]]["email"] == AGENT["email"]


# -- failures --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 503, 429])
async def test_transient_answer_is_retried_within_the_attempt(sender: StripeSender, fake: FakeStripe,
                                                              status: int) -> None:
    fake.fail("invoices.create", status)

    result = await sender.send(invoice_job())

    tries = fake.calls("invoices.create")
    assert result.status == "sent"
    assert [t.status for t in tries] == [status, 200]
    assert tries[0].idempotency_key == tries[1].idempotency_key   # the retry cannot make a second invoice


async def test_persistent_server_error_becomes_transient(sender: StripeSender, fake: FakeStripe) -> None:
    fake.fail("invoiceitems.create", 500, always=True)

    with pytest.raises(TransientSendError, match="api_error"):
        await sender.send(invoice_job())

    assert len(fake.calls("invoiceitems.create")) == 3
    assert not fake.calls("invoices.finalize")


@pytest.mark.parametrize(("status", "error", "code"), [
    (400, stripe.InvalidRequestError, "parameter_invalid_string"),
    (401, stripe.AuthenticationError, "invalid_request_error"),
    (403, stripe.PermissionError, "invalid_request_error"),
])
async def test_client_error_answer_is_permanent(sender: StripeSender, fake: FakeStripe, status: int,
                                                error: type[Exception], code: str) -> None:
    fake.fail("invoices.finalize", status)

    with pytest.raises(PermanentSendError) as caught:
        await sender.send(invoice_job())

    assert caught.value.code == code and error.__name__ in str(caught.value)
    assert len(fake.calls("invoices.finalize")) == 1


async def test_unknown_customer_is_permanent(sender: StripeSender, fake: FakeStripe) -> None:
    with pytest.raises(PermanentSendError, match="No such customer: 'cus_gone'") as caught:
        await sender.send(invoice_job(customer_id="cus_gone"))
    assert caught.value.code == "resource_missing"


async def test_prism_rejection_is_visible_in_the_error(sender: StripeSender) -> None:
    # The path parameter has maxLength 5000 in Stripe's spec: Prism answers 422 with its report as the body.
    with pytest.raises(PermanentSendError, match=r"UNPROCESSABLE_ENTITY.*path parameter invoice must NOT have"
                                                 r" more than 5000 characters") as caught:
        await sender.send(job({"op": "void_invoice", "stripe_invoice_id": "in_" + "x" * 5001}))
    assert caught.value.code == "422"


async def test_timeout_and_unreachable_are_transient(fake_stripe: FakeStripePeer, fake: FakeStripe) -> None:
    fake.stall("invoices.retrieve", 1.0)
    void = job({"op": "void_invoice", "stripe_invoice_id": "in_whatever"})
    async for client in clients(fake_stripe.direct_url, timeout=0.2):
        with pytest.raises(TransientSendError, match="APIConnectionError"):
            await StripeSender(client, retry_wait=TINY_WAIT).send(void)
    async for client in clients(f"http://127.0.0.1:{free_port()}"):
        with pytest.raises(TransientSendError, match="APIConnectionError"):
            await StripeSender(client, retry_wait=TINY_WAIT).send(void)


async def test_malformed_jobs_are_permanent(sender: StripeSender) -> None:
    with pytest.raises(PermanentSendError) as unknown:
        await sender.send(job({"op": "mint_money"}))
    with pytest.raises(PermanentSendError) as malformed:
        await sender.send(job({"op": "send_invoice", "agent": AGENT}))
    with pytest.raises(PermanentSendError) as nothing_to_void:
        await sender.send(job({"op": "void_invoice", "stripe_invoice_id": None}))
    assert (unknown.value.code, malformed.value.code, nothing_to_void.value.code) == (
        "unknown_op", "bad_payload", "no_stripe_invoice")


def test_translation_never_leaks_sdk_errors() -> None:
    cases = {stripe.RateLimitError("slow down", http_status=429): TransientSendError,
             stripe.APIConnectionError("down"): TransientSendError,
             stripe.APIError("boom", http_status=502): TransientSendError,
             stripe.IdempotencyError("other params", http_status=400): PermanentSendError,
             stripe.CardError("declined", None, "card_declined", http_status=402): PermanentSendError,
             TimeoutError(): TransientSendError, KeyError("x"): PermanentSendError}
    for exc, expected in cases.items():
        assert type(translate_stripe_error(exc)) is expected, exc


# -- the fake itself: versions and signed webhooks ------------------------------------------------------------
async def test_fake_follows_the_requested_api_version(fake_stripe: FakeStripePeer, fake: FakeStripe) -> None:
    shapes = {}
    for version in (stripe.api_version, LEGACY_VERSION):
        async for client in clients(fake_stripe, stripe_version=version):
            customer = await card_customer(client)
            await client.v1.invoice_items.create_async({"customer": customer, "amount": 300, "currency": "usd"})
            invoice = await client.v1.invoices.create_async({"customer": customer})   # default sweep behaviour
            shapes[version] = invoice.to_dict()
    assert shapes[LEGACY_VERSION]["lines"]["data"][0]["type"] == "invoiceitem"   # swept in the pending item
    assert shapes[LEGACY_VERSION]["paid"] is False and "payment_intent" in shapes[LEGACY_VERSION]
    assert shapes[stripe.api_version]["lines"]["data"] == []
    assert "paid" not in shapes[stripe.api_version] and "total_taxes" in shapes[stripe.api_version]


@pytest.fixture
async def webhook_receiver() -> AsyncIterator[tuple[str, list[stripe.Event]]]:
    """A loopback endpoint that accepts only events signed with WEBHOOK_SECRET, as our inbound route must."""
    received: list[stripe.Event] = []

    async def handle(request: web.Request) -> web.Response:
        payload = await request.read()
        try:
            received.append(stripe.Webhook.construct_event(payload, request.headers["Stripe-Signature"],
                                                           WEBHOOK_SECRET))
        except stripe.SignatureVerificationError:
            return web.Response(status=400)
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/stripe/webhook", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/stripe/webhook", received
    finally:
        await runner.cleanup()


async def test_fake_emits_signed_invoice_events(sender: StripeSender, client: stripe.StripeClient, fake: FakeStripe,
                                                webhook_receiver: tuple[str, list[stripe.Event]]) -> None:
    url, received = webhook_receiver
    fake.add_webhook_endpoint(url, WEBHOOK_SECRET, {"invoice.paid", "invoice.payment_failed", "invoice.voided"})
    paid = (await sender.send(invoice_job())).provider_id
    fake.customer_pays(paid)
    voided = (await sender.send(invoice_job())).provider_id
    await sender.send(job({"op": "void_invoice", "stripe_invoice_id": voided}))
    await sender.send(balance_job(await card_customer(client, "pm_card_chargeCustomerFail")))

    deliveries = await fake.wait_for_deliveries()

    assert [d[2] for d in deliveries] == [200, 200, 200]
    assert sorted((e.type, e.data.object.id) for e in received if e.type != "invoice.payment_failed") == sorted(
        [("invoice.paid", paid), ("invoice.voided", voided)])
    assert {e.type for e in received} == {"invoice.paid", "invoice.voided", "invoice.payment_failed"}


def test_signature_helper_matches_the_sdk() -> None:
    payload, t = b'{"id": "evt_1", "object": "event"}', 1_800_000_000
    header = sign_stripe_payload(payload, WEBHOOK_SECRET, t)
    assert header.startswith(f"t={t},v1=")
    assert stripe.WebhookSignature.verify_header(payload.decode(), header, WEBHOOK_SECRET, tolerance=None)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.WebhookSignature.verify_header(payload.decode(), header, "whsec_other", tolerance=None)


# -- localstripe: cards on file, automatic charging, declines, refunds --------------------------------------
@pytest.fixture
async def ls_client(localstripe: PeerUrl) -> AsyncIterator[stripe.StripeClient]:
    async for c in clients(localstripe):
        yield c


async def subscription_invoice(client: stripe.StripeClient, payment_method: str) -> stripe.Invoice:
    """A customer with a card on file and a monthly plan: localstripe charges the first invoice at once.

    (localstripe has no one-off invoices; a subscription's invoice is the invoice it charges automatically.)
    """
    customer = await card_customer(client, payment_method)
    product = await client.v1.products.create_async({"name": "Referral network membership"})
    plan = await client.v1.plans.create_async({"amount": 2_500, "currency": "usd", "interval": "month",
                                               "product": product.id})
    subscription = await client.v1.subscriptions.create_async({"customer": customer, "items": [{"plan": plan.id}]})
    return await client.v1.invoices.retrieve_async(str(subscription.latest_invoice))


async def test_localstripe_charged_invoice_is_refunded(ls_client: stripe.StripeClient) -> None:
    invoice = await subscription_invoice(ls_client, "pm_card_visa")
    assert invoice.status == "paid"
    sender = StripeSender(ls_client, retry_wait=TINY_WAIT)

    result = await sender.send(job({"op": "refund_invoice", "stripe_invoice_id": invoice.id, "reason": "invalid"}))

    refund = await ls_client.v1.refunds.retrieve_async(result.provider_id)
    assert (result.status, refund.status, refund.amount) == ("refunded", "succeeded", 2_500)
    assert refund.payment_intent == result.extra["payment_intent"] == invoice.to_dict()["payment_intent"]


async def test_localstripe_declined_card(ls_client: stripe.StripeClient) -> None:
    invoice = await subscription_invoice(ls_client, "pm_card_chargeCustomerFail")
    sender = StripeSender(ls_client, retry_wait=TINY_WAIT)
    assert invoice.status == "open"

    with pytest.raises(PermanentSendError) as not_paid:
        await sender.send(job({"op": "refund_invoice", "stripe_invoice_id": invoice.id, "reason": "x"}))
    voided = await sender.send(job({"op": "void_invoice", "stripe_invoice_id": invoice.id}))

    assert not_paid.value.code == "invoice_not_paid" and voided.status == "void"
    with pytest.raises(stripe.CardError) as declined:   # an off-session charge of the same card on file
        await ls_client.v1.payment_intents.create_async({
            "amount": 1_500, "currency": "usd", "customer": invoice.customer,
            "payment_method": "pm_card_chargeCustomerFail", "confirm": True, "off_session": True})
    assert declined.value.code == "card_declined"
    with pytest.raises(stripe.CardError):   # this test card is refused as soon as it is attached
        await card_customer(ls_client, "pm_card_visa_chargeDeclined")


async def test_localstripe_off_session_payment_and_refund(ls_client: stripe.StripeClient) -> None:
    customer = await card_customer(ls_client, "pm_card_visa")
    intent = await ls_client.v1.payment_intents.create_async({
        "amount": 4_200, "currency": "usd", "customer": customer, "payment_method": "pm_card_visa",
        "confirm": True, "off_session": True})
    refund = await ls_client.v1.refunds.create_async({"payment_intent": intent.id},
                                                     {"idempotency_key": f"refund:{intent.id}"})
    assert (intent.status, refund.status, refund.amount) == ("succeeded", "succeeded", 4_200)
