"""review items keep how an operator resolved them: acted for the agent, replied or dismissed, by whom, when,
with which note, label (the intent the message meant) and referral

Revision ID: review01
Revises: cap01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = 'review01'
down_revision = 'cap01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolution', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('resolved_by', sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column('resolved_at', store.models.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('label', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('referral_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_review_items_referral_id', 'referrals', ['referral_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_index('ix_review_items_status_id', ['status', 'id'])


def downgrade() -> None:
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.drop_index('ix_review_items_status_id')
        batch_op.drop_constraint('fk_review_items_referral_id', type_='foreignkey')
        for name in ('referral_id', 'label', 'note', 'resolved_at', 'resolved_by', 'resolution'):
            batch_op.drop_column(name)
