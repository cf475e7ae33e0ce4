"""A small stateful fake of Stripe's one-off invoice API, meant to run behind `prism proxy --errors`.

It covers what the billing sender and the Stripe webhook need and localstripe lacks: customers, invoice
items, invoices (create, retrieve, list, delete, finalize, send, pay, void), refunds of an invoice's payment,
and events, with Stripe's ids, JSON shapes and status transitions (draft -> open -> paid | void). It honours
`Idempotency-Key` like Stripe (same key and parameters: the first answer again, marked `Idempotent-Replayed`;
same key, other parameters: 400 idempotency_error), records every request, answers scripted faults per
operation (`fail("invoices.create", 500)`), declines Stripe's declining test payment methods, and posts
signed events to registered webhook URLs (`sign_stripe_payload` is the signature, for other tests too).

Shapes follow the request's `Stripe-Version` (or the account's `api_version`) where Stripe changed them:
before 2022-08-01 a new invoice sweeps in the customer's pending items; before 2025-03-31 an invoice names its
`charge` / `payment_intent` and says `paid`, from then on its payments are under `payments` (when expanded).
Events are rendered in the account's version. Only what this project calls is modelled; Prism checks the
rest of each answer against Stripe's published spec.

Run it by hand with `python -m tests.peers.fake_stripe [PORT]` to poke it with curl.
"""
from __future__ import annotations

import asyncio
import fnmatch
import hashlib
import hmac
import json
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

DEFAULT_API_VERSION = "2026-10-28.endive"      # what stripe-python 16 pins
EXCLUDE_PENDING_SINCE = "2022-08-01"           # pending_invoice_items_behavior defaults to "exclude"
PAYMENTS_SINCE = "2025-03-31"                  # basil: invoice.paid/charge/payment_intent gave way to payments
HOSTED_BASE = "https://invoice.stripe.com/i/acct_1FakeStripe0000"
# Stripe's test payment methods: None charges fine, else (code, decline_code) when charged.
TEST_PAYMENT_METHODS: dict[str, tuple[str, str] | None] = {
    "pm_card_visa": None, "pm_card_mastercard": None,
    "pm_card_chargeCustomerFail": ("card_declined", "generic_decline"),
    "pm_card_visa_chargeDeclinedInsufficientFunds": ("card_declined", "insufficient_funds"),
}
ATTACH_DECLINED = "pm_card_visa_chargeDeclined"   # declined as soon as it is attached to a customer
FAULT_BODIES = {429: ("invalid_request_error", "rate_limit", "Too many requests in a short period of time."),
                401: ("invalid_request_error", None, "Invalid API Key provided."),
                403: ("invalid_request_error", None, "The provided key does not have access to this resource."),
                400: ("invalid_request_error", "parameter_invalid_string", "Invalid string (scripted fault).")}


def sign_stripe_payload(payload: bytes, secret: str, t: int | None = None) -> str:
    """The `Stripe-Signature` header Stripe sends with `payload`: t=<unix>,v1=<HMAC-SHA256 of "t.payload">."""
    t = int(time.time()) if t is None else t
    mac = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


class ApiError(Exception):
    """A Stripe error answer: `{"error": {"type", "message", "code", "param", ...}}`."""

    def __init__(self, status: int, message: str, *, type: str = "invalid_request_error", code: str | None = None,
                 param: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.error = {"type": type, "message": message, **({"code": code} if code else {}),
                      **({"param": param} if param else {}), **extra}


def missing(kind: str, object_id: str, param: str = "id") -> ApiError:
    # Stripe answers 404 for the object in the path, 400 for an id passed as a parameter.
    return ApiError(404 if param == "id" else 400, f"No such {kind}: '{object_id}'", code="resource_missing",
                    param=param)


@dataclass
class Recorded:
    op: str                         # "invoices.create", "invoices.pay", ...
    method: str
    path: str
    params: dict[str, Any]
    idempotency_key: str | None
    stripe_version: str | None
    status: int = 0
    replayed: bool = False


@dataclass
class Ctx:
    version: str
    expand: list[str] = field(default_factory=list)
    request_id: str | None = None
    idempotency_key: str | None = None

    def since(self, version: str) -> bool:
        return self.version[:10] >= version


@dataclass
class Invoice:
    id: str
    customer: str
    collection_method: str
    currency: str
    description: str | None
    metadata: dict[str, str]
    days_until_due: int | None
    created: int = field(default_factory=lambda: int(time.time()))
    status: str = "draft"
    items: list[str] = field(default_factory=list)
    number: str | None = None
    due_date: int | None = None
    transitions: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(
        ("finalized_at", "marked_uncollectible_at", "paid_at", "voided_at")))
    attempt_count: int = 0
    payment_intent: str | None = None
    charge: str | None = None
    times_sent: int = 0


def new_id(prefix: str) -> str:
    return prefix + "1" + secrets.token_hex(12)


@dataclass
class FakeStripe:
    """The fake's state. Session-shared by the fixtures: tests assert on deltas or call `reset()` first."""

    api_version: str = DEFAULT_API_VERSION
    base_url: str = ""
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, Invoice] = field(default_factory=dict)
    invoice_items: dict[str, dict[str, Any]] = field(default_factory=dict)
    payments: dict[str, dict[str, Any]] = field(default_factory=dict)      # by payment intent id
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    faults: dict[str, list[int]] = field(default_factory=dict)
    sticky_faults: dict[str, int] = field(default_factory=dict)
    stalls: dict[str, float] = field(default_factory=dict)                 # seconds to wait before answering
    idempotency: dict[str, tuple[str, int, dict[str, Any]]] = field(default_factory=dict)
    webhooks: list[tuple[str, str, frozenset[str] | None]] = field(default_factory=list)
    deliveries: list[tuple[str, str, int]] = field(default_factory=list)   # (event id, url, HTTP status)
    tamper: Callable[[dict[str, Any]], dict[str, Any]] | None = None      # rewrites events as delivered
    _pending: set[asyncio.Task[None]] = field(default_factory=set)

    # -- scripting and inspection --------------------------------------------------------------------------
    def fail(self, op: str, *statuses: int, always: bool = False) -> None:
        """Answer the next calls of `op` with these HTTP errors (before running it); `always`: keep the last."""
        self.faults[op] = list(statuses[:-1] if always else statuses)
        if always:
            self.sticky_faults[op] = statuses[-1]

    def stall(self, op: str, seconds: float) -> None:
        """Wait `seconds` before answering `op`, to exercise client timeouts."""
        self.stalls[op] = seconds

    def calls(self, op: str) -> list[Recorded]:
        return [r for r in self.requests if r.op == op]

    def reset(self) -> None:
        """Forget requests, faults and webhook endpoints; objects stay (ids never clash)."""
        self.requests.clear()
        self.faults.clear()
        self.sticky_faults.clear()
        self.stalls.clear()
        self.webhooks.clear()
        self.deliveries.clear()
        self.tamper = None

    def tamper_deliveries(self, rewrite: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Deliver every later event as `rewrite` makes it (a copy; the fake's own state is unchanged), still
        signed with the endpoint's secret: what a forger holding the secret, or a bug upstream, would send."""
        self.tamper = rewrite

    def add_webhook_endpoint(self, url: str, secret: str, events: Iterable[str] | None = None) -> None:
        """POST every later event (or only `events` types) to `url`, signed with `secret`."""
        self.webhooks.append((url, secret, frozenset(events) if events is not None else None))

    async def wait_for_deliveries(self) -> list[tuple[str, str, int]]:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)
        return self.deliveries

    def customer_pays(self, invoice_id: str, payment_method: str = "pm_card_visa") -> dict[str, Any]:
        """The customer pays an open invoice on its hosted page; returns the invoice.paid event."""
        invoice = self.invoices[invoice_id]
        assert invoice.status == "open", f"{invoice_id} is {invoice.status}"
        self._charge(invoice, payment_method, self._account_ctx())
        return next(e for e in reversed(self.events) if e["type"] == "invoice.paid")

    def events_of(self, event_type: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == event_type]

    # -- customers -----------------------------------------------------------------------------------------
    def create_customer(self, ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
        pm = params.get("payment_method")
        default_pm = (params.get("invoice_settings") or {}).get("default_payment_method") or None
        for candidate in filter(None, (pm, default_pm)):
            _check_payment_method(candidate, "payment_method")
        customer = {"id": new_id("cus_"), "object": "customer", "created": int(time.time()),
                    "email": params.get("email"), "name": params.get("name"),
                    "metadata": params.get("metadata") or {}, "default_payment_method": default_pm,
                    "payment_methods": [p for p in (pm, default_pm) if p]}
        self.customers[customer["id"]] = customer
        self._event("customer.created", self.customer_json(customer), ctx)
        return self.customer_json(customer)

    def retrieve_customer(self, ctx: Ctx, params: dict[str, Any], customer: str) -> dict[str, Any]:
        return self.customer_json(self._customer(customer))

    def customer_json(self, customer: dict[str, Any]) -> dict[str, Any]:
        return {"id": customer["id"], "object": "customer", "address": None, "balance": 0,
                "created": customer["created"], "currency": None, "default_source": None, "delinquent": False,
                "description": None, "discount": None, "email": customer["email"],
                "invoice_prefix": customer["id"][-8:].upper(),
                "invoice_settings": {"custom_fields": None, "default_payment_method":
                                     customer["default_payment_method"], "footer": None, "rendering_options": None},
                "livemode": False, "metadata": customer["metadata"], "name": customer["name"],
                "next_invoice_sequence": 1, "phone": None, "preferred_locales": [], "shipping": None,
                "tax_exempt": "none", "test_clock": None}

    def _customer(self, customer_id: Any, param: str = "id") -> dict[str, Any]:
        if not customer_id:
            raise ApiError(400, f"Missing required param: {param}.", code="parameter_missing", param=param)
        if customer_id not in self.customers:
            raise missing("customer", str(customer_id), param)
        return self.customers[customer_id]

    # -- invoice items -------------------------------------------------------------------------------------
    def create_invoice_item(self, ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
        customer = self._customer(params.get("customer"), "customer")["id"]
        invoice = self._draft_for_item(params.get("invoice"), customer)
        item = {"id": new_id("ii_"), "amount": _int(params, "amount"), "currency": _currency(params),
                "customer": customer, "date": int(time.time()), "description": params.get("description"),
                "invoice": invoice.id if invoice else None, "metadata": params.get("metadata") or {}}
        self.invoice_items[item["id"]] = item
        if invoice:
            invoice.items.append(item["id"])
        self._event("invoiceitem.created", self.item_json(item, self._account_ctx()), ctx)
        return self.item_json(item, ctx)

    def _draft_for_item(self, invoice_id: Any, customer: str) -> Invoice | None:
        if not invoice_id:
            return None
        invoice = self._invoice(invoice_id, "invoice")
        if invoice.status != "draft":
            raise ApiError(400, "You can only add invoice items to draft invoices.", code="invoice_not_editable",
                           param="invoice")
        if invoice.customer != customer:
            raise ApiError(400, "The invoice belongs to another customer.", param="invoice")
        return invoice

    def item_json(self, item: dict[str, Any], ctx: Ctx) -> dict[str, Any]:
        period = {"start": item["date"], "end": item["date"]}
        body = {k: item[k] for k in ("id", "amount", "currency", "customer", "date", "description", "invoice",
                                     "metadata")}
        body |= {"object": "invoiceitem", "discountable": True, "discounts": [], "livemode": False,
                 "period": period, "proration": False, "quantity": 1, "tax_rates": [], "test_clock": None}
        if ctx.since(PAYMENTS_SINCE):
            return body | {"net_amount": item["amount"], "parent": None, "pricing": None}
        return body | {"price": None, "subscription": None, "unit_amount": item["amount"],
                       "unit_amount_decimal": str(item["amount"])}

    def line_json(self, item: dict[str, Any], invoice: Invoice, ctx: Ctx) -> dict[str, Any]:
        body = {"id": "il_" + item["id"][3:], "object": "line_item", "amount": item["amount"],
                "currency": item["currency"], "description": item["description"], "discount_amounts": [],
                "discountable": True, "discounts": [], "invoice": invoice.id, "livemode": False, "metadata": {},
                "period": {"start": item["date"], "end": item["date"]}, "quantity": 1}
        if ctx.since(PAYMENTS_SINCE):
            parent = {"invoice_item": item["id"], "proration": False, "proration_details": {"credited_items": None},
                      "subscription": None}
            return body | {"parent": {"type": "invoice_item_details", "invoice_item_details": parent,
                                      "subscription_item_details": None},
                           "pretax_credit_amounts": [], "pricing": None, "subtotal": item["amount"], "taxes": []}
        return body | {"type": "invoiceitem", "invoice_item": item["id"], "price": None, "proration": False,
                       "proration_details": {"credited_items": None}, "subscription": None,
                       "tax_amounts": [], "tax_rates": []}

    # -- invoices ------------------------------------------------------------------------------------------
    def create_invoice(self, ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
        customer = self._customer(params.get("customer"), "customer")["id"]
        method = params.get("collection_method") or "charge_automatically"
        days = _int(params, "days_until_due") if params.get("days_until_due") else None
        if method == "send_invoice" and days is None:
            raise ApiError(400, "Missing required param: days_until_due.", code="parameter_missing",
                           param="days_until_due")
        invoice = Invoice(new_id("in_"), customer, method, params.get("currency") or "usd",
                          params.get("description"), params.get("metadata") or {}, days)
        self._sweep_pending(invoice, ctx, params.get("pending_invoice_items_behavior"))
        self.invoices[invoice.id] = invoice
        self._event("invoice.created", self.invoice_json(invoice, self._account_ctx()), ctx)
        return self.invoice_json(invoice, ctx)

    def _sweep_pending(self, invoice: Invoice, ctx: Ctx, behavior: str | None) -> None:
        behavior = behavior or ("exclude" if ctx.since(EXCLUDE_PENDING_SINCE) else "include_and_require")
        if behavior == "exclude":
            return
        pending = [i for i in self.invoice_items.values() if i["customer"] == invoice.customer and not i["invoice"]]
        if not pending and behavior == "include_and_require":
            raise ApiError(400, "Nothing to invoice for customer", code="invoice_no_customer_line_items")
        for item in pending:
            item["invoice"] = invoice.id
            invoice.items.append(item["id"])

    def retrieve_invoice(self, ctx: Ctx, params: dict[str, Any], invoice: str) -> dict[str, Any]:
        return self.invoice_json(self._invoice(invoice), ctx)

    def list_invoices(self, ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
        created_gte = int((params.get("created") or {}).get("gte") or 0)
        found = [i for i in reversed(self.invoices.values())
                 if params.get("customer") in (None, i.customer) and params.get("status") in (None, i.status)
                 and i.created >= created_gte]
        return _list("/v1/invoices", [self.invoice_json(i, ctx) for i in found], params)

    def delete_invoice(self, ctx: Ctx, params: dict[str, Any], invoice: str) -> dict[str, Any]:
        found = self._invoice(invoice)
        if found.status != "draft":
            raise ApiError(400, "You can only delete draft invoices.")
        del self.invoices[invoice]
        return {"id": invoice, "object": "invoice", "deleted": True}

    def finalize_invoice(self, ctx: Ctx, params: dict[str, Any], invoice: str) -> dict[str, Any]:
        found = self._invoice(invoice)
        if found.status != "draft":
            raise ApiError(400, "This invoice is already finalized, you can't re-finalize a non-draft invoice.")
        self._finalize(found, ctx)
        return self.invoice_json(found, ctx)

    def _finalize(self, invoice: Invoice, ctx: Ctx) -> None:
        now = int(time.time())
        invoice.status, invoice.transitions["finalized_at"] = "open", now
        invoice.number = f"{self.customers[invoice.customer]['id'][-8:].upper()}-{len(self.invoices):04d}"
        if invoice.days_until_due is not None:
            invoice.due_date = now + invoice.days_until_due * 86400
        self._event("invoice.finalized", self.invoice_json(invoice, self._account_ctx()), ctx)
        if self._total(invoice) == 0:   # nothing to collect: Stripe marks it paid at once
            self._settle(invoice, None, ctx)

    def send_invoice(self, ctx: Ctx, params: dict[str, Any], invoice: str) -> dict[str, Any]:
        found = self._invoice(invoice)
        if found.collection_method != "send_invoice":
            raise ApiError(400, "You can only manually send an invoice if its collection method is "
                                "'send_invoice'.")
        if found.status != "open":
            raise ApiError(400, f"You can only send open invoices; this one is {found.status}.")
        found.times_sent += 1
        self._event("invoice.sent", self.invoice_json(found, self._account_ctx()), ctx)
        return self.invoice_json(found, ctx)

    def pay_invoice(self, ctx: Ctx, params: dict[str, Any], invoice: str) -> dict[str, Any]:
        found = self._invoice(invoice)
        if found.status == "draft":
            self._finalize(found, ctx)
        if found.status != "open":
            raise ApiError(400, f"Invoice is already {found.status}.")
        customer = self.customers[found.customer]
        pm = params.get("payment_method") or customer["default_payment_method"]
        if not pm:
            raise ApiError(400, "This customer has no attached payment source or default payment method.")
        self._charge(found, pm, ctx)
        return self.invoice_json(found, ctx)

    def _charge(self, invoice: Invoice, pm: str, ctx: Ctx) -> None:
        invoice.attempt_count += 1
        decline = TEST_PAYMENT_METHODS.get(pm)
        if decline:
            self._event("invoice.payment_failed", self.invoice_json(invoice, self._account_ctx()), ctx)
            raise ApiError(402, "Your card was declined.", type="card_error", code=decline[0],
                           decline_code=decline[1])
        self._settle(invoice, pm, ctx)

    def _settle(self, invoice: Invoice, pm: str | None, ctx: Ctx) -> None:
        now, total = int(time.time()), self._total(invoice)
        if total:
            invoice.payment_intent, invoice.charge = new_id("pi_"), new_id("ch_")
            self.payments[invoice.payment_intent] = {
                "payment_intent": invoice.payment_intent, "charge": invoice.charge, "amount": total,
                "currency": invoice.currency, "invoice": invoice.id, "refunded": 0, "created": now,
                "payment_method": pm}
        invoice.status, invoice.transitions["paid_at"] = "paid", now
        for event_type in ("invoice.paid", "invoice.payment_succeeded"):
            self._event(event_type, self.invoice_json(invoice, self._account_ctx()), ctx)

    def void_invoice(self, ctx: Ctx, params: dict[str, Any], invoice: str) -> dict[str, Any]:
        found = self._invoice(invoice)
        if found.status not in ("open", "uncollectible"):
            raise ApiError(400, f"You can only void open or uncollectible invoices; this one is {found.status}.")
        found.status, found.transitions["voided_at"] = "void", int(time.time())
        self._event("invoice.voided", self.invoice_json(found, self._account_ctx()), ctx)
        return self.invoice_json(found, ctx)

    def _invoice(self, invoice_id: Any, param: str = "id") -> Invoice:
        if invoice_id not in self.invoices:
            raise missing("invoice", str(invoice_id), param)
        return self.invoices[invoice_id]

    def _total(self, invoice: Invoice) -> int:
        return sum(self.invoice_items[i]["amount"] for i in invoice.items)

    def invoice_json(self, invoice: Invoice, ctx: Ctx) -> dict[str, Any]:
        total, customer = self._total(invoice), self.customers[invoice.customer]
        paid = total if invoice.status == "paid" else 0
        lines = [self.line_json(self.invoice_items[i], invoice, ctx) for i in invoice.items]
        finalized = invoice.status != "draft"
        body = {
            "id": invoice.id, "object": "invoice", "account_country": "US", "account_name": "Referral Bot (fake)",
            "account_tax_ids": None, "amount_due": total, "amount_paid": paid, "amount_remaining": total - paid,
            "amount_shipping": 0, "application": None, "attempt_count": invoice.attempt_count,
            "attempted": invoice.attempt_count > 0, "auto_advance": invoice.status in ("draft", "open"),
            "automatic_tax": {"enabled": False, "liability": None, "status": None}, "billing_reason": "manual",
            "collection_method": invoice.collection_method, "created": invoice.created,
            "currency": invoice.currency, "custom_fields": None, "customer": invoice.customer,
            "customer_address": None, "customer_email": customer["email"], "customer_name": customer["name"],
            "customer_phone": None, "customer_shipping": None, "customer_tax_exempt": "none",
            "customer_tax_ids": [], "default_payment_method": None, "default_source": None,
            "default_tax_rates": [], "description": invoice.description, "discounts": [],
            "due_date": invoice.due_date, "effective_at": invoice.transitions["finalized_at"],
            "ending_balance": 0 if finalized else None, "footer": None, "from_invoice": None,
            "hosted_invoice_url": f"{HOSTED_BASE}/test_{invoice.id}" if finalized else None,
            "invoice_pdf": f"{HOSTED_BASE}/test_{invoice.id}/pdf" if finalized else None,
            "issuer": {"type": "self"}, "last_finalization_error": None, "latest_revision": None,
            "lines": _list(f"/v1/invoices/{invoice.id}/lines", lines, {}) | {"total_count": len(lines)},
            "livemode": False, "metadata": invoice.metadata,
            "next_payment_attempt": None, "number": invoice.number, "on_behalf_of": None,
            "payment_settings": {"default_mandate": None, "payment_method_options": None,
                                 "payment_method_types": None},
            "period_end": invoice.created, "period_start": invoice.created, "post_payment_credit_notes_amount": 0,
            "pre_payment_credit_notes_amount": 0, "receipt_number": None, "rendering": None,
            "shipping_cost": None, "shipping_details": None, "starting_balance": 0, "statement_descriptor": None,
            "status": invoice.status, "status_transitions": dict(invoice.transitions), "subtotal": total,
            "subtotal_excluding_tax": total, "test_clock": None, "total": total,
            "total_discount_amounts": [], "total_excluding_tax": total, "webhooks_delivered_at": invoice.created,
        }
        return body | self._payment_fields(invoice, ctx)

    def _payment_fields(self, invoice: Invoice, ctx: Ctx) -> dict[str, Any]:
        if not ctx.since(PAYMENTS_SINCE):
            return {"paid": invoice.status == "paid", "paid_out_of_band": False, "charge": invoice.charge,
                    "payment_intent": invoice.payment_intent, "subscription": None, "tax": None,
                    "total_tax_amounts": [], "discount": None}
        fields: dict[str, Any] = {"parent": None, "total_pretax_credit_amounts": [], "total_taxes": [],
                                  "amount_overpaid": 0, "confirmation_secret": None}
        if "payments" in ctx.expand:   # an includable field: absent unless asked for
            payments = [self._invoice_payment_json(invoice)] if invoice.payment_intent else []
            fields["payments"] = _list(f"/v1/invoice_payments?invoice={invoice.id}", payments, {})
        return fields

    def _invoice_payment_json(self, invoice: Invoice) -> dict[str, Any]:
        payment = self.payments[invoice.payment_intent or ""]
        paid_at = invoice.transitions["paid_at"]
        return {"id": "inpay_" + invoice.payment_intent[3:], "object": "invoice_payment",  # type: ignore[index]
                "amount_paid": payment["amount"], "amount_requested": payment["amount"],
                "created": payment["created"], "currency": payment["currency"], "invoice": invoice.id,
                "is_default": True, "livemode": False,
                "payment": {"type": "payment_intent", "payment_intent": invoice.payment_intent},
                "status": "paid", "status_transitions": {"canceled_at": None, "paid_at": paid_at}}

    # -- refunds -------------------------------------------------------------------------------------------
    def create_refund(self, ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
        payment = self._payment_for(params)
        left = payment["amount"] - payment["refunded"]
        if left <= 0:
            raise ApiError(400, f"Charge {payment['charge']} has already been refunded.",
                           code="charge_already_refunded")
        amount = _int(params, "amount") if params.get("amount") else left
        if amount > left:
            raise ApiError(400, f"Refund amount ({amount}) is greater than unrefunded amount ({left}).",
                           code="amount_too_large", param="amount")
        payment["refunded"] += amount
        refund = {"id": new_id("re_"), "object": "refund", "amount": amount,
                  "balance_transaction": new_id("txn_"), "charge": payment["charge"], "created": int(time.time()),
                  "currency": payment["currency"], "metadata": params.get("metadata") or {},
                  "payment_intent": payment["payment_intent"], "reason": params.get("reason"),
                  "receipt_number": None, "source_transfer_reversal": None, "status": "succeeded",
                  "transfer_reversal": None}
        self.refunds[refund["id"]] = refund
        self._event("refund.created", refund, ctx)
        return refund

    def _payment_for(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("payment_intent"):
            if params["payment_intent"] not in self.payments:
                raise missing("payment_intent", params["payment_intent"], "payment_intent")
            return self.payments[params["payment_intent"]]
        if params.get("charge"):
            found = [p for p in self.payments.values() if p["charge"] == params["charge"]]
            if not found:
                raise missing("charge", params["charge"], "charge")
            return found[0]
        raise ApiError(400, "One of `charge` or `payment_intent` is required.", code="parameter_missing")

    def list_refunds(self, ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
        found = [r for r in reversed(self.refunds.values())
                 if params.get("payment_intent") in (None, r["payment_intent"])
                 and params.get("charge") in (None, r["charge"])]
        return _list("/v1/refunds", found, params)

    # -- events and webhooks -------------------------------------------------------------------------------
    def list_events(self, ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
        types = params.get("types") or ([params["type"]] if params.get("type") else ["*"])
        found = [e for e in reversed(self.events) if any(fnmatch.fnmatchcase(e["type"], t) for t in types)]
        return _list("/v1/events", found, params)

    def retrieve_event(self, ctx: Ctx, params: dict[str, Any], id: str) -> dict[str, Any]:
        found = [e for e in self.events if e["id"] == id]
        if not found:
            raise missing("event", id)
        return found[0]

    def _event(self, event_type: str, obj: dict[str, Any], ctx: Ctx) -> None:
        endpoints = [(url, secret) for url, secret, types in self.webhooks if types is None or event_type in types]
        event = {"id": new_id("evt_"), "object": "event", "api_version": self.api_version,
                 "created": int(time.time()), "data": {"object": obj}, "livemode": False,
                 "pending_webhooks": len(endpoints), "type": event_type,
                 "request": {"id": ctx.request_id, "idempotency_key": ctx.idempotency_key}}
        self.events.append(event)
        delivered = self.tamper(json.loads(json.dumps(event))) if self.tamper else event
        for url, secret in endpoints:
            task = asyncio.get_running_loop().create_task(self.deliver(delivered, url, secret))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def deliver(self, event: dict[str, Any], url: str, secret: str) -> int:
        """POST one event to `url` as Stripe does (JSON body, `Stripe-Signature`); returns the HTTP status."""
        payload = json.dumps(event).encode()
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "Stripe-Signature": sign_stripe_payload(payload, secret),
                   "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}
        try:
            async with aiohttp.ClientSession() as session, session.post(url, data=payload, headers=headers) as r:
                status = r.status
        except aiohttp.ClientError:
            status = 0
        self.deliveries.append((event["id"], url, status))
        return status

    def _account_ctx(self) -> Ctx:
        return Ctx(self.api_version)


def _check_payment_method(pm: str, param: str) -> None:
    if pm == ATTACH_DECLINED:
        raise ApiError(402, "Your card was declined.", type="card_error", code="card_declined",
                       decline_code="generic_decline", param=param)
    if pm not in TEST_PAYMENT_METHODS:
        raise missing("PaymentMethod", pm, param)


def _int(params: dict[str, Any], name: str) -> int:
    value = params.get(name)
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        code = "parameter_missing" if value is None else "parameter_invalid_integer"
        raise ApiError(400, f"Invalid integer: {value}" if value is not None else f"Missing required param: {name}.",
                       code=code, param=name) from None


def _currency(params: dict[str, Any]) -> str:
    currency = str(params.get("currency") or "")
    if not re.fullmatch(r"[a-z]{3}", currency):
        raise ApiError(400, f"Invalid currency: {currency}.", code="parameter_invalid_string", param="currency")
    return currency


def _list(url: str, data: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    limit = int(params.get("limit") or 10)
    after = params.get("starting_after")
    if after:  # the next page, as the SDK's auto-paging asks for it
        ids = [d["id"] for d in data]
        data = data[ids.index(after) + 1:] if after in ids else []
    return {"object": "list", "data": data[:limit], "has_more": len(data) > limit, "url": url}


# -- HTTP ---------------------------------------------------------------------------------------------------
Handler = Callable[..., dict[str, Any]]
ROUTES: list[tuple[str, str, str, str]] = [   # method, path, op, FakeStripe method
    ("POST", "/v1/customers", "customers.create", "create_customer"),
    ("GET", "/v1/customers/{customer}", "customers.retrieve", "retrieve_customer"),
    ("POST", "/v1/invoiceitems", "invoiceitems.create", "create_invoice_item"),
    ("POST", "/v1/invoices", "invoices.create", "create_invoice"),
    ("GET", "/v1/invoices", "invoices.list", "list_invoices"),
    ("GET", "/v1/invoices/{invoice}", "invoices.retrieve", "retrieve_invoice"),
    ("DELETE", "/v1/invoices/{invoice}", "invoices.delete", "delete_invoice"),
    ("POST", "/v1/invoices/{invoice}/finalize", "invoices.finalize", "finalize_invoice"),
    ("POST", "/v1/invoices/{invoice}/send", "invoices.send", "send_invoice"),
    ("POST", "/v1/invoices/{invoice}/pay", "invoices.pay", "pay_invoice"),
    ("POST", "/v1/invoices/{invoice}/void", "invoices.void", "void_invoice"),
    ("POST", "/v1/refunds", "refunds.create", "create_refund"),
    ("GET", "/v1/refunds", "refunds.list", "list_refunds"),
    ("GET", "/v1/events", "events.list", "list_events"),
    ("GET", "/v1/events/{id}", "events.retrieve", "retrieve_event"),
]


def make_app(fake: FakeStripe) -> web.Application:
    app = web.Application()
    for method, path, op, name in ROUTES:
        app.router.add_route(method, path, _endpoint(fake, op, getattr(fake, name)))
    app.router.add_route("*", "/{tail:.*}", _unrecognized)
    return app


def _endpoint(fake: FakeStripe, op: str, handler: Handler):
    async def endpoint(request: web.Request) -> web.Response:
        pairs = list((await request.post()).items()) if request.method == "POST" else list(request.query.items())
        params = unflatten(pairs)
        recorded = Recorded(op, request.method, request.path, params, request.headers.get("Idempotency-Key"),
                            request.headers.get("Stripe-Version"))
        fake.requests.append(recorded)
        await asyncio.sleep(fake.stalls.get(op, 0))
        status, body, replayed = _answer(fake, recorded, request, handler, pairs)
        recorded.status, recorded.replayed = status, replayed
        headers = {"Request-Id": new_id("req_"), "Stripe-Version": recorded.stripe_version or fake.api_version}
        if replayed:
            headers["Idempotent-Replayed"] = "true"
        return web.json_response(body, status=status, headers=headers)
    return endpoint


def _answer(fake: FakeStripe, rec: Recorded, request: web.Request, handler: Handler,
            pairs: list[tuple[str, Any]]) -> tuple[int, dict[str, Any], bool]:
    """(status, body, replayed): scripted fault, auth, idempotent replay, or the operation itself."""
    fault = _next_fault(fake, rec.op)
    if fault:   # injected before the operation runs, so nothing is saved under the idempotency key
        return fault, _fault_body(fault), False
    if not request.headers.get("Authorization", "").startswith("Bearer sk_"):
        return 401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided."}}, False
    key = rec.idempotency_key if rec.method == "POST" else None
    fingerprint = json.dumps([rec.path, sorted(map(str, pairs))])
    if key in fake.idempotency:
        first_fingerprint, status, body = fake.idempotency[key]
        if first_fingerprint != fingerprint:
            return 400, {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests can only "
                                   "be used with the same parameters they were first used with."}}, False
        return status, body, True
    status, body = _run(fake, rec, request, handler)
    if key:
        fake.idempotency[key] = (fingerprint, status, body)
    return status, body, False


def _run(fake: FakeStripe, rec: Recorded, request: web.Request, handler: Handler) -> tuple[int, dict[str, Any]]:
    ctx = Ctx(rec.stripe_version or fake.api_version, list(rec.params.get("expand") or []),
              request_id=new_id("req_"), idempotency_key=rec.idempotency_key)
    args = dict(request.match_info)
    params = {k: v for k, v in rec.params.items() if k != "expand"}
    try:
        return 200, handler(ctx, params, **args)
    except ApiError as exc:
        return exc.status, {"error": exc.error}


def _next_fault(fake: FakeStripe, op: str) -> int | None:
    queued = fake.faults.get(op)
    if queued:
        return queued.pop(0)
    return fake.sticky_faults.get(op)


def _fault_body(status: int) -> dict[str, Any]:
    kind, code, message = FAULT_BODIES.get(status, ("api_error", None, "An unknown error occurred (scripted)."))
    return {"error": {"type": kind, "message": message, **({"code": code} if code else {})}}


async def _unrecognized(request: web.Request) -> web.Response:
    message = f"Unrecognized request URL ({request.method}: {request.path})."
    return web.json_response({"error": {"type": "invalid_request_error", "message": message}}, status=404)


_KEY_PART = re.compile(r"\[([^\[\]]*)\]")


def unflatten(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Stripe's form encoding (`metadata[agent_id]=1`, `expand[0]=payments`) as nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        head = key.split("[", 1)[0]
        parts = [head, *_KEY_PART.findall(key[len(head):])]
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part or str(len(node)), {})
        node[parts[-1] or str(len(node))] = str(value)
    return _listify(root)


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    if node and all(k.isdigit() for k in node):
        return [_listify(node[k]) for k in sorted(node, key=int)]
    return {k: _listify(v) for k, v in node.items()}


async def start_fake_stripe(host: str = "127.0.0.1", port: int = 0,
                            api_version: str = DEFAULT_API_VERSION) -> tuple[FakeStripe, web.AppRunner]:
    """Serve a fresh fake on the running loop; port 0 picks a free one. Stop it with `runner.cleanup()`."""
    fake = FakeStripe(api_version=api_version)
    runner = web.AppRunner(make_app(fake), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    bound_host, bound_port = runner.addresses[0][:2]
    fake.base_url = f"http://{bound_host}:{bound_port}"
    return fake, runner


if __name__ == "__main__":
    web.run_app(make_app(FakeStripe()), host="127.0.0.1", port=int(sys.argv[1]) if sys.argv[1:] else 8430)
