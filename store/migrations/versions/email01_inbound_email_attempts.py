"""inbound emails: count failed processing attempts; `failed` becomes `dead`

Revision ID: email01
Revises: secrets01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'email01'
down_revision = 'secrets01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_emails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE inbound_emails SET status = 'dead' WHERE status = 'failed'")


def downgrade() -> None:
    op.execute("UPDATE inbound_emails SET status = 'failed' WHERE status = 'dead'")
    with op.batch_alter_table('inbound_emails', schema=None) as batch_op:
        batch_op.drop_column('attempts')
