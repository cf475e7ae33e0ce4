"""dispatch: a referral's dispatch policy and state, when it is next due, and each offer's score parts

Revision ID: dispatch01
Revises: connect01
Create Date: 2026-12-03 22:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = 'dispatch01'
down_revision = 'connect01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('referrals') as batch:
        batch.add_column(sa.Column('dispatch', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('dispatch_next_at', store.models.UTCDateTime(), nullable=True))
        batch.create_index('ix_referrals_dispatch_next_at', ['dispatch_next_at'])
    with op.batch_alter_table('offers') as batch:
        batch.add_column(sa.Column('score', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('offers') as batch:
        batch.drop_column('score')
    with op.batch_alter_table('referrals') as batch:
        batch.drop_index('ix_referrals_dispatch_next_at')
        batch.drop_column('dispatch_next_at')
        batch.drop_column('dispatch')
