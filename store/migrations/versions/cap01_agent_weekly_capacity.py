"""capacity: the most referrals an agent wants in 7 days ("MAX 2 A WEEK", or the operator's setting)

Revision ID: cap01
Revises: pace01
Create Date: 2026-12-04 09:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'cap01'
down_revision = 'pace01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('agents') as batch:
        batch.add_column(sa.Column('max_per_week', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('agents') as batch:
        batch.drop_column('max_per_week')
