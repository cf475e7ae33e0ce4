"""Migration money01 on SQLite and PostgreSQL: old `commission_rate` plans become the referral fee's share of
the agent's commission with the stated default side rate of 3%; other plans are untouched; downgrade reverses."""
from __future__ import annotations

import json
import os
import uuid
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import text

from store.db import Store
from store.migrate import alembic_config, upgrade

BEFORE = "83ece9a6ae6e"
OLD_PLANS = {1: {"plan": "commission", "commission_rate": 0.25, "billing_threshold_cents": 90000},
             2: {"plan": "per_sale", "fee_cents": 25000}}


@pytest.fixture(params=["sqlite", "postgres"])
async def fresh_store(request, tmp_path):
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'money01.db'}")
    else:
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
        store = Store(url, schema=f"rb_money01_{uuid.uuid4().hex[:8]}")
    yield store
    if store.schema:
        await store.run_on_connection(lambda c: c.exec_driver_sql(f'DROP SCHEMA "{store.schema}" CASCADE'))
    await store.close()


async def pricing_of(store: Store) -> dict[int, dict]:
    rows = await store.run_on_connection(lambda c: c.execute(text("SELECT id, pricing FROM agents")).all())
    return {row[0]: row[1] if isinstance(row[1], dict) else json.loads(row[1]) for row in rows}


async def seed_old_plans(store: Store) -> None:
    now = datetime(2026, 11, 1)  # stored as naive UTC (store.models.UTCDateTime)
    sql = text("INSERT INTO agents (id, name, phone, email, timezone, client_types, status, pricing, "
               "billing_cycles_billed, created_at, updated_at) VALUES (:id, 'A', :phone, 'a@example.test', "
               "'America/Chicago', '[]', 'active', :pricing, 0, :now, :now)")
    for agent_id, plan in OLD_PLANS.items():
        await store.run_on_connection(lambda c, i=agent_id, p=plan: c.execute(
            sql, {"id": i, "phone": f"+1512555000{i}", "pricing": json.dumps(p), "now": now}))


async def test_old_commission_rate_plans_become_share_of_a_3_percent_side(fresh_store):
    await upgrade(fresh_store, BEFORE)
    await seed_old_plans(fresh_store)
    await upgrade(fresh_store, "money01")
    plans = await pricing_of(fresh_store)
    assert plans[1] == {"plan": "commission", "referral_fee_share": 0.25, "agent_commission_rate": 0.03,
                        "billing_threshold_cents": 90000}
    assert plans[2] == OLD_PLANS[2]
    await fresh_store.run_on_connection(lambda c: command.downgrade(alembic_config(c), BEFORE))
    assert await pricing_of(fresh_store) == OLD_PLANS
