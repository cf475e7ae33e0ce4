"""What an agent owes, by pricing plan. Amounts in cents; a plan is the agent's `pricing` setting:
`{"plan": "per_referral", "fee_cents": 5000}`, `{"plan": "per_sale", "fee_cents": 25000}`,
`{"plan": "commission", "commission_rate": 0.25}` or `{"plan": "none"}`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Fee:
    kind: str  # award_fee | sale_fee | commission
    cents: int
    memo: str


def fee_on_award(pricing: Mapping[str, Any], code: str) -> Fee | None:
    """Pay-per-referral plans are charged when the referral is awarded (credited back if marked invalid)."""
    if pricing.get("plan") == "per_referral" and pricing.get("fee_cents"):
        return Fee("award_fee", int(pricing["fee_cents"]), f"Referral #{code}")
    return None


def fee_on_sale(pricing: Mapping[str, Any], code: str, sale_dollars: int | None) -> Fee | None:
    plan = pricing.get("plan")
    if plan == "per_sale" and pricing.get("fee_cents"):
        return Fee("sale_fee", int(pricing["fee_cents"]), f"Sale fee, referral #{code}")
    if plan == "commission" and sale_dollars and pricing.get("commission_rate"):
        cents = round(sale_dollars * 100 * float(pricing["commission_rate"]))
        return Fee("commission", cents, f"Commission on ${sale_dollars:,} sale, referral #{code}")
    return None
