"""webhook_receipts.reply: the answer given to a webhook, for its provider's retry

Revision ID: dbf01
Revises: email01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'dbf01'
down_revision = 'email01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('webhook_receipts') as batch:
        batch.add_column(sa.Column('reply', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('webhook_receipts') as batch:
        batch.drop_column('reply')
