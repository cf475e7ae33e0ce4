"""commission plans state both parts: agent_commission_rate and referral_fee_share

A commission plan used to say only `commission_rate`, and the fee was booked as price x rate: a 0.25 plan
charged $175,000 on a $700,000 sale. The rate was always meant as the referral fee's share of the receiving
agent's commission. This data migration rewrites every such plan as
`{"referral_fee_share": <old commission_rate>, "agent_commission_rate": 0.03}`: 0.03 (a 3% side) is the stated
default for plans that never said what the agent's commission is; the operator can PATCH the agent's pricing
to the real figure. Downgrade puts `commission_rate` back (the share) and drops the two parts.
No schema change.

Revision ID: money01
Revises: 83ece9a6ae6e
"""
from __future__ import annotations

import json
from typing import Any, Callable

import sqlalchemy as sa
from alembic import op

revision = 'money01'
down_revision = '83ece9a6ae6e'
branch_labels = None
depends_on = None

DEFAULT_AGENT_COMMISSION_RATE = 0.03   # bot.fees.DEFAULT_AGENT_COMMISSION_RATE, frozen here as migrations are

agents = sa.table("agents", sa.column("id", sa.Integer), sa.column("pricing", sa.JSON))


def to_parts(pricing: dict[str, Any]) -> dict[str, Any] | None:
    if "commission_rate" not in pricing:
        return None
    new = {k: v for k, v in pricing.items() if k != "commission_rate"}
    new["referral_fee_share"] = pricing["commission_rate"]
    new.setdefault("agent_commission_rate", DEFAULT_AGENT_COMMISSION_RATE)
    return new


def to_rate(pricing: dict[str, Any]) -> dict[str, Any] | None:
    if "referral_fee_share" not in pricing:
        return None
    new = {k: v for k, v in pricing.items() if k not in ("referral_fee_share", "agent_commission_rate")}
    new["commission_rate"] = pricing["referral_fee_share"]
    return new


def rewrite(change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> None:
    bind = op.get_bind()
    for agent_id, pricing in bind.execute(sa.select(agents.c.id, agents.c.pricing)).all():
        if isinstance(pricing, str):   # a JSON column read without its type (some drivers)
            pricing = json.loads(pricing)
        new = change(pricing) if isinstance(pricing, dict) else None
        if new is not None:
            bind.execute(agents.update().where(agents.c.id == agent_id).values(pricing=new))


def upgrade() -> None:
    rewrite(to_parts)


def downgrade() -> None:
    rewrite(to_rate)
