"""PostgreSQL: NOTIFY outbox_ready when rows are queued, so the worker wakes at once (LISTEN/NOTIFY)

Revision ID: wake01
Revises: dispatch01
Create Date: 2026-12-04 05:40:00
"""
from __future__ import annotations

from alembic import op

revision = 'wake01'
down_revision = 'dispatch01'
branch_labels = None
depends_on = None

# One notification per inserting statement, delivered at commit (PostgreSQL folds repeats within a transaction).
# SQLite has no LISTEN: its worker polls, as every worker does as a fallback.
CREATE = ("""
CREATE OR REPLACE FUNCTION outbox_ready_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_ready', '');
    RETURN NULL;
END $$
""", "CREATE TRIGGER outbox_ready AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_ready_notify()")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in CREATE:  # one statement per call: asyncpg prepares each
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS outbox_ready ON outbox")
        op.execute("DROP FUNCTION IF EXISTS outbox_ready_notify()")
