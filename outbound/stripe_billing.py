"""Stripe billing for the outbox's "stripe" channel, through the official SDK's `StripeClient`.

Each row's `payload["op"]` picks one job: `send_invoice` (a one-off invoice the agent pays on Stripe's hosted
page), `charge_balance` (accrued fees charged to the card on file), `void_invoice` and `refund_invoice` (with
`only_if_paid`: refund only if Stripe's invoice shows that amount and currency paid).
Every write carries an idempotency key made of the row's `dedupe_key` and the step's name, so a job that is
retried after a crash or a timeout replays the steps Stripe already did instead of making a second customer,
invoice or refund. Stripe keeps keys for 24 hours and replays a step's first answer, even an error.

The SDK (stripe 16) speaks API version 2026-10-28: a new invoice does not sweep in the customer's pending
invoice items (we create the invoice, then attach items with `invoice=`), and an invoice no longer names its
charge or payment intent. A refund therefore reads the invoice, uses its `payment_intent` / `charge` if it
has them (older versions, localstripe), else reads it again with `expand=["payments"]` (real Stripe today)
and refunds the paid payment's payment intent. The refund leaves the invoice `paid`; a credit note
(`POST /v1/credit_notes` with `refund_amount`) would also record it on the invoice, if accounting ever wants it.
stripe 16 has `*_async` on every v1 service; with httpx absent its async transport is `AIOHTTPClient`, which
`make_stripe_client` builds itself so the timeout is ours and `close_stripe_client` can close the session.
SDK errors leave this module only as `TransientSendError` or `PermanentSendError`; a declined card while
charging a balance is an answer (`status="payment_failed"`), not a failure.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import aiohttp
import stripe

from outbound import retrying
from outbound.senders import OutboxItem, PermanentSendError, SendResult, TransientSendError

if TYPE_CHECKING:
    from stripe.params import RefundListParams

T = TypeVar("T")

DEFAULT_TIMEOUT = 30.0
RETRYABLE_STATUS = frozenset({408, 409, 429})   # 409: the same idempotency key is still in flight
REFUND_REASONS = frozenset({"duplicate", "fraudulent", "requested_by_customer"})   # Stripe's enum
METADATA_VALUE_MAX = 500


def make_stripe_client(api_key: str, api_base: str | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                       stripe_version: str | None = None) -> stripe.StripeClient:
    """The SDK client on aiohttp, aimed at `api_base` (host only, like https://api.stripe.com) when given.

    The SDK's own network retries are off: tenacity retries inside one outbox attempt, with our keys.
    `stripe_version` overrides the SDK's pinned API version (tests of older shapes); this module is written
    for the pinned one.
    """
    http_client = stripe.AIOHTTPClient(timeout=aiohttp.ClientTimeout(total=timeout))
    return stripe.StripeClient(api_key, base_addresses={"api": api_base.rstrip("/")} if api_base else None,
                               http_client=http_client, max_network_retries=0, stripe_version=stripe_version)


async def close_stripe_client(client: stripe.StripeClient) -> None:
    """Close the aiohttp session the client opened (StripeClient has no public close)."""
    http_client = getattr(getattr(client, "_requestor", None), "_client", None)
    if http_client is not None:
        await http_client.close_async()


def translate_stripe_error(exc: BaseException) -> Exception:
    """Map an SDK or transport exception onto the sender port's errors."""
    if isinstance(exc, (TransientSendError, PermanentSendError)):
        return exc
    if isinstance(exc, stripe.StripeError):
        return _from_stripe_error(exc)
    if isinstance(exc, (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError)):
        return TransientSendError(f"stripe unreachable: {type(exc).__name__}: {exc}")
    return PermanentSendError(f"stripe client error: {type(exc).__name__}: {exc}", code="client_error")


def _from_stripe_error(exc: stripe.StripeError) -> Exception:
    status = exc.http_status or 0
    code = exc.code or (exc.error.type if exc.error else None) or str(status or "network")
    # str(exc) of an APIError holds the raw body: Prism's validation report when Prism refused a request.
    message = f"stripe {status or 'network'} {type(exc).__name__} {code}: {exc}"
    should_retry = (exc.headers or {}).get("stripe-should-retry") == "true"
    if (isinstance(exc, (stripe.RateLimitError, stripe.APIConnectionError)) or should_retry
            or status in RETRYABLE_STATUS or status >= 500 or (status == 0 and isinstance(exc, stripe.APIError))):
        return TransientSendError(message)
    return PermanentSendError(message, code=code)


async def retry_transient(call: Callable[[], Awaitable[T]], *, attempts: int = 3, wait: float = 0.5,
                          passthrough: tuple[type[BaseException], ...] = ()) -> T:
    """The shared in-attempt retry with Stripe's error translation; `passthrough` errors stay raw."""
    return await retrying.retry_transient(call, translate=translate_stripe_error, attempts=attempts, wait=wait,
                                          passthrough=passthrough)


class StripeSender:
    """The `stripe` channel: one method per `payload["op"]`, each returning what the store records."""

    channel = "stripe"

    def __init__(self, client: stripe.StripeClient, *, retry_wait: float = 0.5, key_prefix: str = "") -> None:
        # key_prefix: keys are per Stripe account, so two installs sharing one (test) account need distinct ones.
        self._v1 = client.v1
        self._retry_wait = retry_wait
        self._key_prefix = key_prefix
        self._ops: dict[str, Callable[[OutboxItem], Awaitable[SendResult]]] = {
            "send_invoice": self._send_invoice, "charge_balance": self._charge_balance,
            "void_invoice": self._void_invoice, "refund_invoice": self._refund_invoice,
        }

    async def send(self, item: OutboxItem) -> SendResult:
        op = self._ops.get(str(item.payload.get("op")))
        if op is None:
            raise PermanentSendError(f"unknown stripe op {item.payload.get('op')!r}", code="unknown_op")
        try:
            return await op(item)
        except (KeyError, TypeError, ValueError) as exc:
            raise PermanentSendError(f"malformed {item.payload.get('op')} payload: {exc!r}",
                                     code="bad_payload") from exc

    # -- the four jobs ------------------------------------------------------------------------------------
    async def _send_invoice(self, item: OutboxItem) -> SendResult:
        """Customer (if new), draft invoice, its one item, finalize, email it: the hosted page is the link."""
        p = item.payload
        customer = await self._customer(item)
        invoice = await self._create_invoice(item, customer, collection_method="send_invoice",
                                             days_until_due=int(p["days_until_due"]), description=p["description"])
        await self._add_item(item, "item", customer, invoice.id, p["amount_cents"], p["description"])
        final = await self._finalize(item, invoice.id)
        if final.status == "paid":   # a zero total is paid on finalization; there is nothing to send
            return _invoice_result(final, customer, "paid")
        sent = await self._post(item, "send", self._v1.invoices.send_invoice_async, invoice.id)
        return _invoice_result(sent, customer, "sent")

    async def _charge_balance(self, item: OutboxItem) -> SendResult:
        """One invoice for the accrued lines, finalized and paid now with the card on file."""
        p = item.payload
        if not p["lines"]:
            raise PermanentSendError(f"outbox item {item.id} has no lines to charge", code="no_lines")
        customer = await self._customer(item)
        extra = {"description": p["description"]} if p.get("description") else {}
        invoice = await self._create_invoice(item, customer, collection_method="charge_automatically", **extra)
        for n, line in enumerate(p["lines"]):
            await self._add_item(item, f"item-{n}", customer, invoice.id, line["amount_cents"],
                                 line.get("description"))
        final = await self._finalize(item, invoice.id)
        if final.status == "paid":   # nothing left to charge (credits covered it)
            return _invoice_result(final, customer, "paid")
        try:
            paid = await self._post(item, "pay", self._v1.invoices.pay_async, invoice.id,
                                    passthrough=(stripe.CardError, stripe.InvalidRequestError))
        except stripe.CardError as exc:
            return _invoice_result(final, customer, "payment_failed", **_decline(exc))
        except stripe.InvalidRequestError as exc:
            # No card on file (Stripe: 400 "no attached payment source or default payment method", no code), or
            # paid meanwhile by Stripe's own collection: the invoice exists either way, so report its state.
            now = await self._retrieve(invoice.id)
            return _invoice_result(now, customer, "paid" if now.status == "paid" else "payment_failed",
                                   **_decline(exc))
        return _invoice_result(paid, customer, "paid")

    async def _void_invoice(self, item: OutboxItem) -> SendResult:
        """Void an open invoice; one already void or paid is reported as it is (nothing to do)."""
        invoice_id = _stripe_invoice_id(item)
        invoice = await self._retrieve(invoice_id)
        if invoice.status in ("void", "paid"):
            return SendResult(invoice_id, invoice.status, {"invoice_status": invoice.status, "already": True})
        if invoice.status == "draft":   # Stripe voids only finalized invoices; a draft is deleted
            await retry_transient(lambda: self._v1.invoices.delete_async(invoice_id), wait=self._retry_wait)
            return SendResult(invoice_id, "deleted", {"invoice_status": "deleted"})
        try:
            voided = await self._post(item, "void", self._v1.invoices.void_invoice_async, invoice_id)
        except PermanentSendError:
            voided = await self._retrieve(invoice_id)   # paid or voided meanwhile: that is an answer too
            if voided.status not in ("void", "paid"):
                raise
        status = voided.status or "void"  # a voided (or paid) invoice has one; the SDK types it as optional
        return SendResult(invoice_id, status, {"invoice_status": voided.status})

    async def _refund_invoice(self, item: OutboxItem) -> SendResult:
        """Refund the paid invoice's payment in full; provider id is the refund's."""
        invoice_id = _stripe_invoice_id(item)
        invoice = await self._retrieve(invoice_id)
        if invoice.status != "paid":
            raise PermanentSendError(f"invoice {invoice_id} is {invoice.status}, nothing to refund",
                                     code="invoice_not_paid")
        _check_claimed_payment(invoice, item.payload.get("only_if_paid"))
        target = _legacy_payment(invoice) or await self._invoice_payment(invoice_id)
        params = {**target, **_refund_reason(invoice_id, str(item.payload.get("reason") or ""))}
        try:
            refund = await self._post(item, "refund", self._v1.refunds.create_async, params=params)
        except PermanentSendError as exc:
            if exc.code != "charge_already_refunded":
                raise
            refund = await self._existing_refund(target, exc)
        return SendResult(refund.id, "refunded", {"invoice_id": invoice_id, "refund_status": refund.status,
                                                  "amount": refund.amount, **target})

    # -- steps ----------------------------------------------------------------------------------------------
    async def _customer(self, item: OutboxItem) -> str:
        if item.payload.get("customer_id"):
            return str(item.payload["customer_id"])
        agent = item.payload["agent"]
        params = {"email": agent["email"], "name": agent["name"], "metadata": {"agent_id": str(agent["id"])}}
        customer = await self._post(item, "customer", self._v1.customers.create_async, params=params)
        return str(customer.id)

    async def _create_invoice(self, item: OutboxItem, customer: str, **params: Any) -> stripe.Invoice:
        # pending_invoice_items_behavior=exclude: never sweep in items someone else left pending (the default
        # under the SDK's version; explicit so an older pinned version behaves the same).
        params |= {"customer": customer, "currency": item.payload.get("currency", "usd"),
                   "metadata": _metadata(item.payload.get("metadata")), "pending_invoice_items_behavior": "exclude"}
        return await self._post(item, "invoice", self._v1.invoices.create_async, params=params)

    async def _add_item(self, item: OutboxItem, step: str, customer: str, invoice_id: str, amount: int,
                        description: str | None) -> None:
        params = {"customer": customer, "invoice": invoice_id, "amount": int(amount),
                  "currency": item.payload.get("currency", "usd")}
        if description:
            params["description"] = description
        await self._post(item, step, self._v1.invoice_items.create_async, params=params)

    async def _finalize(self, item: OutboxItem, invoice_id: str) -> stripe.Invoice:
        return await self._post(item, "finalize", self._v1.invoices.finalize_invoice_async, invoice_id)

    async def _retrieve(self, invoice_id: str, expand: list[str] | None = None) -> stripe.Invoice:
        return await retry_transient(lambda: self._v1.invoices.retrieve_async(invoice_id,
                                                                               {"expand": expand} if expand else None),
                                     wait=self._retry_wait)

    async def _invoice_payment(self, invoice_id: str) -> dict[str, str]:
        """The paid payment under the current API: `payments` is only returned when expanded."""
        invoice = await self._retrieve(invoice_id, expand=["payments"])
        for payment in (_field(invoice, "payments") or {}).get("data", []):
            target = _payment_target(payment.get("payment") or {}) if payment.get("status") == "paid" else None
            if target:
                return target
        raise PermanentSendError(f"invoice {invoice_id} is paid but lists no payment to refund", code="no_payment")

    async def _existing_refund(self, target: dict[str, str], exc: PermanentSendError) -> stripe.Refund:
        params = cast("RefundListParams", {**target, "limit": 1})  # target: {"payment_intent": ...} or {"charge": ...}
        refunds = await retry_transient(lambda: self._v1.refunds.list_async(params),
                                        wait=self._retry_wait)
        if not refunds.data:
            raise exc
        return refunds.data[0]

    async def _post(self, item: OutboxItem, step: str, method: Callable[..., Awaitable[T]], *args: str,
                    params: dict[str, Any] | None = None,
                    passthrough: tuple[type[BaseException], ...] = ()) -> T:
        """One write, keyed by the job and the step, retried a few times within this attempt."""
        options = {"idempotency_key": f"{self._key_prefix}{item.dedupe_key}:{step}"}
        return await retry_transient(lambda: method(*args, params or {}, options), wait=self._retry_wait,
                                     passthrough=passthrough)


# -- shaping answers and params -------------------------------------------------------------------------
def _invoice_result(invoice: stripe.Invoice, customer: str, status: str, **extra: Any) -> SendResult:
    return SendResult(provider_id=invoice.id, status=status, extra={
        "customer_id": customer, "invoice_id": invoice.id, "invoice_status": invoice.status,
        "hosted_invoice_url": _field(invoice, "hosted_invoice_url"), **extra})


def _check_claimed_payment(invoice: stripe.Invoice, claimed: dict[str, Any] | None) -> None:
    """A refund queued because an event's payment did not match our invoice returns that payment only if
    Stripe's own record shows it: an event that lied never makes us refund a payment that was right."""
    if claimed is None:
        return
    paid, currency = _field(invoice, "amount_paid"), str(_field(invoice, "currency") or "").lower()
    if paid != claimed.get("amount") or currency != str(claimed.get("currency") or "").lower():
        raise PermanentSendError(f"invoice {invoice.id} shows {paid} {currency} paid, not the {claimed.get('amount')} "
                                 f"{claimed.get('currency')} the event claimed; nothing refunded",
                                 code="payment_not_as_claimed")


def _stripe_invoice_id(item: OutboxItem) -> str:
    invoice_id = item.payload.get("stripe_invoice_id")
    if not invoice_id:   # e.g. a refund queued for an invoice that never reached Stripe
        raise PermanentSendError(f"outbox item {item.id} names no Stripe invoice", code="no_stripe_invoice")
    return str(invoice_id)


def _decline(exc: stripe.StripeError) -> dict[str, Any]:
    error = exc.error
    return {"decline_code": getattr(error, "decline_code", None) if error else None,
            "code": exc.code, "error": exc.user_message or str(exc)}


def _field(obj: stripe.StripeObject, name: str) -> Any:
    """A field that may be absent (SDK objects refuse `.get` and raise AttributeError for missing keys)."""
    return obj.to_dict().get(name)


def _legacy_payment(invoice: stripe.Invoice) -> dict[str, str] | None:
    """`payment_intent` / `charge` on the invoice itself: API versions before 2025-03-31, and localstripe."""
    data = invoice.to_dict()
    return _payment_target({"payment_intent": data.get("payment_intent"), "charge": data.get("charge")})


def _payment_target(payment: dict[str, Any]) -> dict[str, str] | None:
    """The refund parameter for a payment: its payment intent, else its charge (ids or expanded objects)."""
    for key in ("payment_intent", "charge"):
        value = payment.get(key)
        value = value.get("id") if isinstance(value, dict) else value
        if value:
            return {key: str(value)}
    return None


def _refund_reason(invoice_id: str, reason: str) -> dict[str, Any]:
    """Stripe's `reason` is an enum; our free-text reason travels in metadata."""
    params: dict[str, Any] = {"metadata": {"invoice_id": invoice_id}}
    if reason in REFUND_REASONS:
        params["reason"] = reason
    elif reason:
        params["metadata"]["reason"] = reason[:METADATA_VALUE_MAX]
    return params


def _metadata(metadata: dict[str, Any] | None) -> dict[str, str]:
    return {str(k)[:40]: str(v)[:METADATA_VALUE_MAX] for k, v in (metadata or {}).items()}
