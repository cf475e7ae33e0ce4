"""live connect and the client's side: the first contact time, the client's text consent, the client checks

Revision ID: connect01
Revises: ops01
Create Date: 2026-12-03 21:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = 'connect01'
down_revision = 'ops01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('referrals') as batch:
        batch.add_column(sa.Column('first_contact_at', store.models.UTCDateTime(), nullable=True))
    with op.batch_alter_table('referral_contacts') as batch:
        batch.add_column(sa.Column('sms_consent_at', store.models.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('sms_consent_how', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('sms_opted_out', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        'client_checks',
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('asked_at', store.models.UTCDateTime(), nullable=False),
        sa.Column('answered_at', store.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('referral_id'),
    )


def downgrade() -> None:
    op.drop_table('client_checks')
    with op.batch_alter_table('referral_contacts') as batch:
        batch.drop_column('sms_opted_out')
        batch.drop_column('sms_consent_how')
        batch.drop_column('sms_consent_at')
    with op.batch_alter_table('referrals') as batch:
        batch.drop_column('first_contact_at')
