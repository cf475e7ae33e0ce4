"""pending questions (confirm-then-act) and the agent's language

Revision ID: parser01
Revises: dbf01
Create Date: 2026-12-03 20:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = 'parser01'
down_revision = 'dbf01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'pending_questions',
        sa.Column('agent_id', sa.Integer(), nullable=False),
        sa.Column('intent', sa.JSON(), nullable=False),
        sa.Column('question', sa.String(length=200), nullable=False),
        sa.Column('expires_at', store.models.UTCDateTime(), nullable=False),
        sa.Column('created_at', store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('agent_id'),
    )
    with op.batch_alter_table('agents') as batch:
        batch.add_column(sa.Column('language', sa.String(length=2), server_default='en', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('agents') as batch:
        batch.drop_column('language')
    op.drop_table('pending_questions')
