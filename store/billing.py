"""Invoices and balances in the store: purchase invoices requested by agents, balance charges built from
ledger entries (each entry billed exactly once), and what Stripe's answers and events change.

Stripe itself is only called by the worker (channel `stripe`); the functions here queue those jobs in the
same transaction as the change that needs them, and the worker's `on_sent` hooks record Stripe's answer.
"""
from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.invoices import InvoiceStatus
from bot.messages import Channel, OutboxItem, Outgoing, SendResult
from bot.model import AgentView, InvoiceView, OfferView
from bot.replies import cents as dollars_text
from bot.tokens import make_token
from store import agents as agent_store
from store import ledger, sending
from store.models import Agent, Invoice, LedgerEntry, Referral
from store.referrals import agent_view

PAYMENT_FAILED = "payment failed"
CURRENCY = "usd"  # every invoice we issue is in US dollars
DEFAULT_THRESHOLD_CENTS = 50_000
LINK_DAYS = 90


def invoice_view(invoice: Invoice, base_url: str, secret: str) -> InvoiceView:
    link = short_link(base_url, secret, invoice) if invoice.hosted_url else None
    return InvoiceView(id=invoice.id, agent_id=invoice.agent_id, referral_id=invoice.referral_id,
                       amount_cents=invoice.amount_cents, status=invoice.status, channel=invoice.channel, link=link)


def short_link(base_url: str, secret: str, invoice: Invoice) -> str:
    """Our short /i/<token> link (redirects to Stripe's hosted page) keeps invoice texts in one segment."""
    token = make_token(secret, "invoice", invoice.id, invoice.created_at + timedelta(days=LINK_DAYS))
    return base_url.rstrip("/") + "/i/" + token


def open_purchase(session: Session, agent_id: int, referral_id: int) -> Invoice | None:
    return session.scalar(select(Invoice).where(Invoice.agent_id == agent_id, Invoice.referral_id == referral_id,
                                                Invoice.kind == "purchase",
                                                Invoice.status.in_(["requested", "open"])))


def request_purchase(session: Session, offer: OfferView, agent: AgentView, channel: str, *, now: datetime,
                     days_until_due: int) -> Invoice:
    invoice = Invoice(kind="purchase", agent_id=agent.id, referral_id=offer.referral.id, channel=channel,
                      amount_cents=offer.referral.price_cents or 0, status="requested", created_at=now, updated_at=now)
    session.add(invoice)
    session.flush()
    customer = session.scalar(select(Agent.stripe_customer_id).where(Agent.id == agent.id))
    payload = {"op": "send_invoice", "invoice_ref": invoice.id, "customer_id": customer,
               "agent": {"id": agent.id, "name": agent.name, "email": agent.email},
               "amount_cents": invoice.amount_cents, "currency": CURRENCY, "days_until_due": days_until_due,
               "description": purchase_description(offer.referral.code, offer.referral.client_type,
                                                   offer.referral.zip_code, invoice.amount_cents),
               "metadata": {"local_invoice_id": str(invoice.id), "referral_id": str(offer.referral.id),
                            "agent_id": str(agent.id)}}
    stripe_job(session, f"invoice:{invoice.id}", payload, agent.id, offer.referral.id, now)
    return invoice


def purchase_description(code: str, client_type: str, zip_code: str, amount_cents: int) -> str:
    """What a purchase invoice is for, on Stripe's page and ours: code, area and price."""
    return f"Purchase of referral #{code} ({client_type} in {zip_code}) for {dollars_text(amount_cents)}"


def balance_description(entries: list[LedgerEntry]) -> str:
    """What a balance charge is for: the fees it bills (Stripe lists each as a line too)."""
    total = sum(e.amount_cents for e in entries)
    return f"Referral fees, {len(entries)} item(s), {dollars_text(total)}: " + "; ".join(e.memo for e in entries)[:400]


def stripe_job(session: Session, key: str, payload: dict[str, Any], agent_id: int | None, referral_id: int | None,
               now: datetime) -> None:
    op = payload["op"]
    sending.send(session, None, Outgoing(Channel.STRIPE, "stripe", op, key, agent_id=agent_id, referral_id=referral_id,
                                         kind=op, extra=payload), now=now)


def void_others(session: Session, referral_id: int, winner_id: int, *, now: datetime) -> list[Invoice]:
    others = list(session.scalars(select(Invoice).where(
        Invoice.referral_id == referral_id, Invoice.kind == "purchase", Invoice.agent_id != winner_id,
        Invoice.status.in_(["requested", "open"]))))
    for invoice in others:
        invoice.status, invoice.updated_at = "void", now
        if invoice.stripe_invoice_id:
            stripe_job(session, f"void:{invoice.id}", {"op": "void_invoice", "stripe_invoice_id":
                                                       invoice.stripe_invoice_id}, invoice.agent_id, referral_id, now)
    return others


def refund(session: Session, invoice_id: int, reason: str, *, now: datetime) -> None:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.status == InvoiceStatus.REFUNDED:
        return
    invoice.status, invoice.updated_at = "refunded", now
    stripe_job(session, f"refund:{invoice.id}", {"op": "refund_invoice", "reason": reason,
                                                 "stripe_invoice_id": invoice.stripe_invoice_id},
               invoice.agent_id, invoice.referral_id, now)


# -- what the worker learned from Stripe -------------------------------------------------------
def invoice_sent(session: Session, item: OutboxItem, result: SendResult, now: datetime) -> Invoice | None:
    """Record Stripe's ids and hosted URL; remember the agent's customer; answers for a retried job repeat."""
    invoice = session.get(Invoice, int(item.payload["invoice_ref"]))
    if invoice is None:
        return None
    invoice.stripe_invoice_id = invoice.stripe_invoice_id or result.provider_id
    invoice.hosted_url = result.extra.get("hosted_invoice_url") or invoice.hosted_url
    if invoice.status == InvoiceStatus.REQUESTED:
        invoice.status = "open"
    invoice.updated_at = now
    customer = result.extra.get("customer_id")
    if customer:
        session.execute(update(Agent).where(Agent.id == invoice.agent_id, Agent.stripe_customer_id.is_(None))
                        .values(stripe_customer_id=customer))
    return invoice


def by_stripe_id(session: Session, stripe_invoice_id: str) -> Invoice | None:
    return session.scalar(select(Invoice).where(Invoice.stripe_invoice_id == stripe_invoice_id))


def mark_paid(session: Session, invoice: Invoice, *, now: datetime) -> bool:
    """True the first time; a repeated paid event changes nothing."""
    if invoice.status in (InvoiceStatus.PAID, InvoiceStatus.REFUNDED):
        return False
    invoice.status, invoice.paid_at, invoice.updated_at = "paid", now, now
    return True


# -- balances ----------------------------------------------------------------------------------
def unbilled(session: Session, agent_id: int) -> list[LedgerEntry]:
    return list(session.scalars(select(LedgerEntry).where(LedgerEntry.agent_id == agent_id,
                                                          LedgerEntry.invoice_id.is_(None))
                                .order_by(LedgerEntry.id).with_for_update()))


def bill_balance(session: Session, agent: Agent, *, now: datetime, why: str) -> Invoice | None:
    """Charge the agent's unbilled entries to the card on file: one invoice, each entry billed once."""
    session.execute(select(Agent.id).where(Agent.id == agent.id).with_for_update())  # one biller per agent
    entries = unbilled(session, agent.id)
    total = sum(e.amount_cents for e in entries)
    if total <= 0:
        return None
    invoice = Invoice(kind="balance", agent_id=agent.id, referral_id=None, amount_cents=total, status="requested",
                      channel="email", created_at=now, updated_at=now)
    session.add(invoice)
    session.flush()
    session.execute(update(LedgerEntry).where(LedgerEntry.id.in_([e.id for e in entries]),
                                              LedgerEntry.invoice_id.is_(None)).values(invoice_id=str(invoice.id)))
    payload = {"op": "charge_balance", "invoice_ref": invoice.id, "customer_id": agent.stripe_customer_id,
               "agent": {"id": agent.id, "name": agent.name, "email": agent.email}, "currency": CURRENCY,
               "description": balance_description(entries),
               "lines": [{"amount_cents": e.amount_cents, "description": e.memo} for e in entries],
               "metadata": {"local_invoice_id": str(invoice.id), "agent_id": str(agent.id), "why": why}}
    stripe_job(session, f"balance:{invoice.id}", payload, agent.id, None, now)
    ledger.charged(session, invoice, now=now)
    return invoice


def balance_due_reason(session: Session, agent: Agent, now: datetime) -> str | None:
    """Why this agent's balance is to be charged now, if it is: threshold, month end, or 30-day cycle."""
    total = session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_cents), 0)).where(
        LedgerEntry.agent_id == agent.id, LedgerEntry.invoice_id.is_(None))) or 0
    if total <= 0:
        return None
    if agent.pricing.get("plan") == "per_referral":
        cycles = (now - agent.created_at).days // 30
        return f"cycle {cycles}" if cycles > agent.billing_cycles_billed else None
    threshold = int(agent.pricing.get("billing_threshold_cents", DEFAULT_THRESHOLD_CENTS))
    if total >= threshold:
        return "threshold"
    return "month end" if is_month_end(now) else None


def is_month_end(now: datetime) -> bool:
    return now.day == calendar.monthrange(now.year, now.month)[1]


def bill_due_balances(session: Session, *, now: datetime) -> int:
    """The billing job: every agent whose balance is due is charged once."""
    billed = 0
    for agent in session.scalars(select(Agent).where(Agent.id.in_(select(LedgerEntry.agent_id).where(
            LedgerEntry.invoice_id.is_(None))))):
        why = balance_due_reason(session, agent, now)
        if why and bill_balance(session, agent, now=now, why=why):
            if why.startswith("cycle"):
                agent.billing_cycles_billed = (now - agent.created_at).days // 30
            billed += 1
    return billed


def payment_failed(session: Session, invoice: Invoice, *, now: datetime) -> bool:
    """A declined balance charge pauses offers for the agent (once) until a payment succeeds."""
    if invoice.status == InvoiceStatus.PAYMENT_FAILED:
        return False
    invoice.status, invoice.updated_at = "payment_failed", now
    return agent_store.suspend(session, invoice.agent_id, PAYMENT_FAILED, now=now)


def restore_after_payment(session: Session, agent_id: int, *, now: datetime) -> bool:
    return agent_store.unsuspend(session, agent_id, PAYMENT_FAILED, now=now)


def agent_of(session: Session, agent_id: int) -> AgentView | None:
    agent = session.get(Agent, agent_id)
    return agent_view(agent) if agent else None


def referral_of(session: Session, invoice: Invoice) -> Referral | None:
    return session.get(Referral, invoice.referral_id) if invoice.referral_id else None


def notify_text(agent: AgentView, text: str, key: str, referral_id: int | None, kind: str) -> Outgoing:
    if agent.sms_opted_out:
        return Outgoing(Channel.EMAIL, agent.email, text, key, agent_id=agent.id, referral_id=referral_id,
                        subject="Your referral account", kind=kind)
    return Outgoing(Channel.SMS, agent.phone, text, key, agent_id=agent.id, referral_id=referral_id, kind=kind)

