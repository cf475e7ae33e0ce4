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

import aiohttp
import stripe
import structlog
from aiohttp import web
from sqlalchemy.orm import Session

from bot.tokens import BadToken, read_token
from inbound.deps import BOT_ENV, deps, own_origin
from inbound.pages import esc, html_response, layout
from store import billing_events, receipts
from store.models import Invoice

log = structlog.get_logger("stripe")
routes = web.RouteTableDef()
TOLERANCE_SECONDS = 300


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


def invoice_from_token(session: Session, secret: str, token: str, now) -> Invoice | None:
    try:
        data = read_token(secret, token, "invoice", now)
    except BadToken:
        return None
    return session.get(Invoice, data.subject_id)


async def invoice_of_link(request: web.Request) -> Invoice | None:
    """The invoice a signed /i/ or /sandbox/invoice/ link names (None when the token is bad or expired)."""
    d = deps(request)
    return await d.store.run(lambda s: invoice_from_token(s, d.settings.secret_key, request.match_info["token"],
                                                          d.clock.now()))


@routes.get("/i/{token}")
async def invoice_link(request: web.Request) -> web.Response:
    """The short link in texts: redirect to Stripe's hosted invoice page."""
    invoice = await invoice_of_link(request)
    if invoice is None or not invoice.hosted_url:
        return page("Invoice not found", "This invoice link is not valid. Reply INVOICE to get a new one.", 404)
    raise web.HTTPFound(invoice.hosted_url)


# -- sandbox invoices --------------------------------------------------------------------------
async def sandbox_invoice_of(request: web.Request) -> Invoice | None:
    """Sandbox invoices exist only while Stripe is sandboxed (404 otherwise)."""
    if not deps(request).settings.stripe_sandboxed:
        raise web.HTTPNotFound()
    return await invoice_of_link(request)


@routes.get("/sandbox/invoice/{token}")
async def sandbox_invoice(request: web.Request) -> web.Response:
    invoice = await sandbox_invoice_of(request)
    if invoice is None:
        return page("Invoice not found", "This sandbox invoice does not exist.", 404)
    body = (f"<p>Sandbox invoice {invoice.id}: <b>{billing_amount(invoice)}</b> ({esc(invoice.status)})</p>"
            f'<form method="post"><button type="submit">Pay</button></form>'
            "<p>No card is charged: this sends the service a signed <code>invoice.paid</code> event.</p>")
    return page("Sandbox invoice", body, 200, raw=True)


@routes.post("/sandbox/invoice/{token}")
async def sandbox_pay(request: web.Request) -> web.Response:
    """Pay a sandbox invoice: post Stripe's event, signed, to our own webhook over HTTP."""
    d = deps(request)
    invoice = await sandbox_invoice_of(request)
    if invoice is None or not invoice.stripe_invoice_id:
        return page("Invoice not found", "This sandbox invoice does not exist yet.", 404)
    event = paid_event(invoice)
    payload = json.dumps(event).encode()
    headers = {"Stripe-Signature": sign(payload, d.settings.stripe_signing_secret),
               "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as http:  # our own socket, never an address the client chose
        async with http.post(own_origin(request) + "/stripe/webhook", data=payload, headers=headers) as answer:
            outcome = (await answer.json()).get("outcome")
    return page("Paid", f"Payment sent ({outcome}). The outcome arrives by text or email.", 200)


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


def billing_amount(invoice: Invoice) -> str:
    return f"${invoice.amount_cents / 100:,.2f}"


def page(title: str, body: str, status: int, *, raw: bool = False) -> web.Response:
    """The shared page layout (inline CSS, security headers); `body` is escaped unless `raw`."""
    content = body if raw else f"<p>{esc(body)}</p>"
    return html_response(layout(title, f"<section class='card'><h1>{esc(title)}</h1>{content}</section>"), status)


def install(app: web.Application) -> None:
    app.router.add_routes(routes)

