"""Alembic environment: always handed a live connection by `store.migrate` (sync or async engines alike)."""
from __future__ import annotations

from alembic import context

from store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `referral-bot migrate` (store.migrate.upgrade)")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
