"""pacing: each sender number's next free moment, a throttle count per outbox row, when each offer was handed
to its provider (backfilled from the outbox's sent_at)

Revision ID: pace01
Revises: board01
Create Date: 2026-12-04 09:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = 'pace01'
down_revision = 'board01'
branch_labels = None
depends_on = None

BACKFILL = ("UPDATE offers SET handed_off_at = (SELECT outbox.sent_at FROM outbox WHERE outbox.dedupe_key = "
            "'offer:' || CAST(offers.id AS VARCHAR) || ':' || offers.channel) WHERE handed_off_at IS NULL")


def upgrade() -> None:
    op.create_table(
        'sender_slots',
        sa.Column('number', sa.String(length=40), primary_key=True),
        sa.Column('next_at', store.models.UTCDateTime(), nullable=False),
    )
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('throttled', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('offers') as batch:
        batch.add_column(sa.Column('handed_off_at', store.models.UTCDateTime(), nullable=True))
    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table('offers') as batch:
        batch.drop_column('handed_off_at')
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('throttled')
    op.drop_table('sender_slots')
