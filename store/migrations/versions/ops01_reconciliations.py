"""reconciliations: one row per reconcile run (what it repaired, what it only reports)

Revision ID: ops01
Revises: console01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'ops01'
down_revision = 'console01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reconciliations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('ran_at', sa.DateTime(), nullable=False),
        sa.Column('since', sa.DateTime(), nullable=False),
        sa.Column('fixed', sa.Integer(), nullable=False),
        sa.Column('reported', sa.Integer(), nullable=False),
        sa.Column('lines', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_reconciliations_ran_at', 'reconciliations', ['ran_at'])


def downgrade() -> None:
    op.drop_index('ix_reconciliations_ran_at', table_name='reconciliations')
    op.drop_table('reconciliations')
