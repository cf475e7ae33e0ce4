"""draft receivers kept on the referral; a small key-value table for settings the service keeps itself

Revision ID: promises01
Revises: money01
Create Date: 2026-12-03 21:25:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import store.models


revision = 'promises01'
down_revision = 'money01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('referrals') as batch:
        batch.add_column(sa.Column('draft_receiver_ids', sa.JSON(), nullable=True))
    op.create_table('app_settings',
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.Column('value', sa.Text(), nullable=False),
                    sa.Column('created_at', store.models.UTCDateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('key'))


def downgrade() -> None:
    op.drop_table('app_settings')
    with op.batch_alter_table('referrals') as batch:
        batch.drop_column('draft_receiver_ids')
