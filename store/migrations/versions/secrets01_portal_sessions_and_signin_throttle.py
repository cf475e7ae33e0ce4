"""portal sessions on the server and the sign-in throttle

Revision ID: secrets01
Revises: promises01
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import store.models


revision = 'secrets01'
down_revision = 'promises01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('portal_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', store.models.UTCDateTime(), nullable=False),
    sa.Column('expires_at', store.models.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['portal_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portal_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('portal_signin_throttle',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', store.models.UTCDateTime(), nullable=False),
    sa.Column('locked_until', store.models.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )


def downgrade() -> None:
    op.drop_table('portal_signin_throttle')
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portal_sessions_user_id'))
    op.drop_table('portal_sessions')
