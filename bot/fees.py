"""What an agent owes, by pricing plan. Amounts in cents; a plan is the agent's `pricing` setting:
`{"plan": "per_referral", "fee_cents": 5000}`, `{"plan": "per_sale", "fee_cents": 25000}`,
`{"plan": "commission", "agent_commission_rate": 0.03, "referral_fee_share": 0.25}` or `{"plan": "none"}`.

A commission plan's referral fee is a share of the receiving agent's *commission*, never of the price:
fee = sale price x agent_commission_rate (the agent's side, e.g. 3%) x referral_fee_share (e.g. 25%), so a
$700,000 sale at 3% and 25% owes $5,250. Plans written before both parts were explicit said only
`commission_rate` (the share); migration money01 rewrote them with the stated default side rate below.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

DEFAULT_AGENT_COMMISSION_RATE = 0.03   # what money01 assumed for plans that did not say
MAX_AGENT_COMMISSION_RATE = 0.1        # one side's commission above 10% is a typo, not a deal


class LedgerKind(StrEnum):
    """Every money event on an agent's ledger. Fees and credits accrue to the balance billed to the card;
    purchases, payments and refunds move it when the money moves; charges and failed charges are recorded
    with amount 0 (the fees they bill are already on the balance)."""

    AWARD_FEE = "award_fee"
    SALE_FEE = "sale_fee"
    COMMISSION = "commission"
    CREDIT = "credit"
    PURCHASE = "purchase"
    CHARGE = "charge"
    PAYMENT = "payment"
    REFUND = "refund"
    FAILED_CHARGE = "failed_charge"


@dataclass(frozen=True, slots=True)
class Fee:
    kind: LedgerKind
    cents: int
    memo: str
    basis: str = ""  # the arithmetic in words, for the echo: "25% of 3%"


@dataclass(frozen=True, slots=True)
class CommissionTerms:
    agent_commission_rate: float   # the receiving agent's side of the sale, e.g. 0.03
    referral_fee_share: float      # the referral fee's share of that commission, e.g. 0.25

    def fee_cents(self, sale_dollars: int) -> int:
        return round(sale_dollars * 100 * self.agent_commission_rate * self.referral_fee_share)

    def basis(self) -> str:
        return f"{percent(self.referral_fee_share)} of {percent(self.agent_commission_rate)}"


def percent(fraction: float) -> str:
    """0.25 -> '25%', 0.025 -> '2.5%'."""
    return f"{round(fraction * 100, 4):g}%"


def commission_terms(pricing: Mapping[str, Any]) -> CommissionTerms | None:
    if pricing.get("plan") != "commission" or not pricing.get("referral_fee_share"):
        return None
    return CommissionTerms(float(pricing.get("agent_commission_rate", DEFAULT_AGENT_COMMISSION_RATE)),
                           float(pricing["referral_fee_share"]))


def fee_on_award(pricing: Mapping[str, Any], code: str) -> Fee | None:
    """Pay-per-referral plans are charged when the referral is awarded (credited back if marked invalid)."""
    if pricing.get("plan") == "per_referral" and pricing.get("fee_cents"):
        return Fee(LedgerKind.AWARD_FEE, int(pricing["fee_cents"]), f"Referral #{code}")
    return None


def fee_on_sale(pricing: Mapping[str, Any], code: str, sale_dollars: int | None) -> Fee | None:
    plan = pricing.get("plan")
    if plan == "per_sale" and pricing.get("fee_cents"):
        return Fee(LedgerKind.SALE_FEE, int(pricing["fee_cents"]), f"Sale fee, referral #{code}", "flat per sale")
    terms = commission_terms(pricing)
    if terms and sale_dollars:
        return Fee(LedgerKind.COMMISSION, terms.fee_cents(sale_dollars),
                   f"Referral fee #{code}: {terms.basis()} commission on ${sale_dollars:,} sale", terms.basis())
    return None
