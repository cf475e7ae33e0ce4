"""Stripe's side of the wire: the signed webhook, our short invoice links, and (in sandbox mode) a local
invoice page whose Pay button sends the same signed `invoice.paid` event through the real webhook.

The webhook is verified with the SDK (`stripe.Webhook.construct_event`, 300 s tolerance); a bad signature
gets 400 and changes nothing; each event id is recorded and a repeat gets 200 and changes nothing.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

import aiohttp
import stripe
import structlog
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.fees import LedgerKind
from bot.invoices import PAYABLE, RefundCause, purpose, standing
from bot.tokens import BadToken, read_token
from inbound.deps import BOT_ENV, deps, own_origin
from inbound.layout import esc, html_response, layout
from store import billing_events, receipts
from store.models import Invoice, LedgerEntry, Referral

log = structlog.get_logger("stripe")
routes = web.RouteTableDef()
TOLERANCE_SECONDS = 300
BILLED_KINDS = [str(k) for k in (LedgerKind.AWARD_FEE, LedgerKind.SALE_FEE, LedgerKind.COMMISSION, LedgerKind.CREDIT)]


@routes.post("/stripe/webhook")
async def webhook(request: web.Request) -> web.Response:
    d = deps(request)
    payload = await request.read()
    try:
        stripe.Webhook.construct_event(payload, request.headers.get("Stripe-Signature", ""),
                                       d.settings.stripe_signing_secret, tolerance=TOLERANCE_SECONDS)
        event = json.loads(payload)
    except (ValueError, stripe.SignatureVerificationError):
        log.warning("stripe webhook with a bad signature or body")
        return web.json_response({"error": "invalid signature"}, status=400)
    env = request.app[BOT_ENV]

    def work(session: Session) -> str:
        if not receipts.first_time(session, f"stripe:{event.get('id')}", "stripe", now=d.clock.now()):
            return "repeat"
        return billing_events.apply_event(session, env, event, d.clock.now())
    outcome = await d.store.run(work)
    log.info("stripe event", type=event.get("type"), id=event.get("id"), outcome=outcome)
    return web.json_response({"received": True, "outcome": outcome})


def invoice_from_token(session: Session, secret: str, token: str, now: datetime) -> Invoice | None:
    try:
        data = read_token(secret, token, "invoice", now)
    except BadToken:
        return None
    return session.get(Invoice, data.subject_id)


@routes.get("/i/{token}")
async def invoice_link(request: web.Request) -> web.Response:
    """The short link in texts: Stripe's hosted page while the invoice is owed; once it is settled (paid,
    cancelled, refunded) our own page says what happened and that nothing is owed, with nothing to pay."""
    d = deps(request)
    found = await d.store.run(lambda s: invoice_facts(s, d.settings.secret_key, request.match_info["token"],
                                                      d.clock.now()))
    if found is None or (found.payable and not found.invoice.hosted_url):
        return page("Invoice not found", "This invoice link is not valid. Reply INVOICE to get a new one.", 404)
    if found.payable and found.invoice.hosted_url:  # a payable invoice without one was answered 404 above
        raise web.HTTPFound(found.invoice.hosted_url)
    return invoice_page(found, pay_button=False)


@dataclass(frozen=True)
class InvoiceFacts:
    """An invoice with what the agent needs to read about it: what it is for and where it stands."""
    invoice: Invoice
    purpose: str
    standing: str
    lines: list[str]

    @property
    def payable(self) -> bool:
        return self.invoice.status in PAYABLE


def invoice_facts(session: Session, secret: str, token: str, now: datetime) -> InvoiceFacts | None:
    invoice = invoice_from_token(session, secret, token, now)
    if invoice is None:
        return None
    referral = session.get(Referral, invoice.referral_id) if invoice.referral_id else None
    code = referral.code if referral else None
    area = f"{referral.client_type} in {referral.zip_code}" if referral else None
    cause = None
    if referral is not None:
        taken = referral.winner_agent_id not in (None, invoice.agent_id)
        cause = RefundCause.TAKEN if taken else RefundCause.EXPIRED
    lines = [] if referral else list(session.scalars(select(LedgerEntry.memo).where(
        LedgerEntry.invoice_id == str(invoice.id), LedgerEntry.kind.in_(BILLED_KINDS)).order_by(LedgerEntry.id)))
    return InvoiceFacts(invoice, purpose(code, area, invoice.amount_cents),
                        standing(invoice.status, invoice.amount_cents, code=code, refund_cause=cause), lines)


def invoice_page(found: InvoiceFacts, *, pay_button: bool, note: str = "") -> web.Response:
    items = "".join(f"<li>{esc(line)}</li>" for line in found.lines)
    body = (f"<p><b>{esc(found.purpose)}</b></p>" + (f"<ul>{items}</ul>" if items else "")
            + (f"<p>{esc(note)}</p>" if note else "") + f"<p>{esc(found.standing)}</p>")
    if pay_button and found.payable:
        body += ('<form method="post"><button type="submit">Pay</button></form>'
                 "<p>No card is charged: this sends the service a signed <code>invoice.paid</code> event.</p>")
    return page("Invoice", body, 200, raw=True)


# -- sandbox invoices --------------------------------------------------------------------------
async def sandbox_facts(request: web.Request) -> InvoiceFacts | None:
    """Sandbox invoices exist only while Stripe is sandboxed and the sandbox is on (404 otherwise)."""
    d = deps(request)
    if not (d.settings.stripe_sandboxed and d.settings.sandbox_enabled):
        raise web.HTTPNotFound()
    return await d.store.run(lambda s: invoice_facts(s, d.settings.secret_key, request.match_info["token"],
                                                     d.clock.now()))


@routes.get("/sandbox/invoice/{token}")
async def sandbox_invoice(request: web.Request) -> web.Response:
    found = await sandbox_facts(request)
    if found is None:
        return page("Invoice not found", "This sandbox invoice does not exist.", 404)
    return invoice_page(found, pay_button=bool(found.invoice.stripe_invoice_id))


@routes.post("/sandbox/invoice/{token}")
async def sandbox_pay(request: web.Request) -> web.Response:
    """Pay a sandbox invoice still owed: post Stripe's event, signed, to our own webhook over HTTP, then
    show where the invoice stands (in words: the webhook's outcome codes are for the log, not the agent)."""
    d = deps(request)
    found = await sandbox_facts(request)
    if found is None or not found.invoice.stripe_invoice_id:
        return page("Invoice not found", "This sandbox invoice does not exist yet.", 404)
    if not found.payable:
        return invoice_page(found, pay_button=False)
    event = paid_event(found.invoice)
    payload = json.dumps(event).encode()
    headers = {"Stripe-Signature": sign(payload, d.settings.stripe_signing_secret),
               "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as http:  # our own socket, never an address the client chose
        async with http.post(own_origin(request) + "/stripe/webhook", data=payload, headers=headers) as answer:
            await answer.read()
    after = await sandbox_facts(request)
    return invoice_page(after or found, pay_button=False, note="Payment sent. Anything more arrives by text or email.")


def paid_event(invoice: Invoice) -> dict:
    return {"id": f"evt_sandbox_{uuid.uuid4().hex[:16]}", "object": "event", "type": "invoice.paid",
            "created": int(time.time()),
            "data": {"object": {"id": invoice.stripe_invoice_id, "object": "invoice", "status": "paid",
                                "amount_paid": invoice.amount_cents, "currency": "usd",
                                "metadata": {"local_invoice_id": str(invoice.id)}}}}


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """Stripe's signature scheme: v1 = HMAC-SHA256(secret, "<t>.<payload>")."""
    t = timestamp or int(time.time())
    mac = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def page(title: str, body: str, status: int, *, raw: bool = False) -> web.Response:
    """The shared page layout (inline CSS, security headers); `body` is escaped unless `raw`."""
    content = body if raw else f"<p>{esc(body)}</p>"
    return html_response(layout(title, f"<section class='card'><h1>{esc(title)}</h1>{content}</section>"), status)


def install(app: web.Application) -> None:
    app.router.add_routes(routes)

