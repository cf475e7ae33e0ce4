"""Indexes the console's board, filters and searches need on a large network (benchmarks/console.py)

Revision ID: board01
Revises: wake01
Create Date: 2026-12-04 09:50:00
"""
from __future__ import annotations

from alembic import op

revision = 'board01'
down_revision = 'wake01'
branch_labels = None
depends_on = None

# (name, table, columns): the board pages newest first within a status or an area; a winner's referrals; the
# "needs attention" test for dead letters and a referral's fees.
INDEXES = [
    ("ix_referrals_status_id", "referrals", ["status", "id"]),
    ("ix_referrals_zip_id", "referrals", ["zip_code", "id"]),
    ("ix_referrals_winner", "referrals", ["winner_agent_id"]),
    ("ix_outbox_referral_id", "outbox", ["referral_id"]),
    ("ix_ledger_entries_referral_id", "ledger_entries", ["referral_id"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
