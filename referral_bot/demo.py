"""A small demo network for `referral-bot run --demo`: a few agents covering Austin zip codes."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store import agents
from store.models import Agent

DEMO_AGENTS: list[dict[str, Any]] = [
    {"name": "Ana Ruiz", "phone": "+15125550101", "email": "ana@demo.referral-bot.test",
     "zip_codes": ["78704", "78745", "78748"], "client_types": ["buyer", "seller"]},
    {"name": "Ben Okafor", "phone": "+15125550102", "email": "ben@demo.referral-bot.test",
     "zip_codes": ["78704", "78701", "78703"], "client_types": ["buyer"]},
    {"name": "Carla Nguyen", "phone": "+15125550103", "email": "carla@demo.referral-bot.test",
     "zip_codes": ["78704", "78702", "78723"], "client_types": ["seller", "buyer"],
     "pricing": {"plan": "per_sale", "fee_cents": 25000}},
    {"name": "Dev Patel", "phone": "+15125550104", "email": "dev@demo.referral-bot.test",
     "zip_codes": ["78745", "78749"], "client_types": ["buyer", "seller", "renter"],
     "pricing": {"plan": "commission", "agent_commission_rate": 0.03, "referral_fee_share": 0.25}},
]


def load_demo_network(session: Session, *, now: datetime) -> int:
    """Add the demo agents when the store has no agents; returns how many were added."""
    if session.scalar(select(func.count()).select_from(Agent)):
        return 0
    for fields in DEMO_AGENTS:
        agents.create_agent(session, {"timezone": "America/Chicago", **fields}, now=now)
    return len(DEMO_AGENTS)
