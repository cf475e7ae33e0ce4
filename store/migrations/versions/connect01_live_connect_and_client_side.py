"""live connect: the first contact time on a referral

Revision ID: connect01
Revises: parser01
Create Date: 2026-12-03 21:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = 'connect01'
down_revision = 'parser01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('referrals') as batch:
        batch.add_column(sa.Column('first_contact_at', store.models.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('referrals') as batch:
        batch.drop_column('first_contact_at')
