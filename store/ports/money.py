"""The billing and ledger ports: purchase invoices, refunds, fees. Every write another transaction could also make
first tells the text group (`shared_write`)."""
from __future__ import annotations

from datetime import datetime

from bot.fees import Fee
from bot.model import AgentView, InvoiceView, OfferView
from store import billing, ledger
from store.models import Invoice
from store.ports.tx import Tx


class BillingAdapter:
    """bot.ports.BillingPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def open_invoice(self, agent_id: int, referral_id: int) -> InvoiceView | None:
        invoice = billing.open_purchase(self.tx.session, agent_id, referral_id)
        return _invoice_view(self.tx, invoice) if invoice else None

    def request_invoice(self, offer: OfferView, agent: AgentView, channel: str, now: datetime) -> InvoiceView:
        self.tx.group.shared_write()
        invoice = billing.request_purchase(self.tx.session, offer, agent, channel, now=now,
                                           days_until_due=self.tx.env.invoice_days_until_due)
        return _invoice_view(self.tx, invoice)

    def refund(self, invoice: InvoiceView, reason: str, now: datetime) -> None:
        self.tx.group.shared_write()
        billing.refund(self.tx.session, invoice.id, reason, now=now)

    def void_other_invoices(self, referral_id: int, winner_id: int, now: datetime) -> list[InvoiceView]:
        self.tx.group.shared_write()
        voided = billing.void_others(self.tx.session, referral_id, winner_id, now=now)
        return [_invoice_view(self.tx, invoice) for invoice in voided]

    def agent_by_id(self, agent_id: int) -> AgentView | None:
        return billing.agent_of(self.tx.session, agent_id)


class LedgerAdapter:
    """bot.ports.LedgerPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def charge(self, agent_id: int, referral_id: int | None, fee: Fee, now: datetime) -> None:
        self.tx.group.shared_write()
        ledger.charge(self.tx.session, agent_id, referral_id, fee, now=now)

    def credit_award_fee(self, agent_id: int, referral_id: int, now: datetime) -> None:
        self.tx.group.shared_write()
        ledger.credit_award_fee(self.tx.session, agent_id, referral_id, now=now)


def _invoice_view(tx: Tx, invoice: Invoice) -> InvoiceView:
    return billing.invoice_view(invoice, tx.env.public_base_url, tx.env.secret_key)
