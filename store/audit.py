"""The audit log: every operator action with who and when, written in the action's own transaction."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.console_models import AuditEntry

ADMIN_TOKEN_ACTOR = "ADMIN_TOKEN"


def record(session: Session, actor: str, action: str, *, now: datetime, operator_id: int | None = None,
           target: str | None = None, detail: str | None = None) -> None:
    session.add(AuditEntry(operator_id=operator_id, actor=actor[:320], action=action[:64],
                           target=target[:200] if target else None, detail=detail, created_at=now))


def page(session: Session, *, before_id: int | None = None, limit: int = 100) -> dict[str, Any]:
    """Entries newest first; `next_cursor` continues with the older ones."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit + 1)
    if before_id is not None:
        stmt = stmt.where(AuditEntry.id < before_id)
    rows = list(session.scalars(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": [entry_view(r) for r in rows], "next_cursor": str(rows[-1].id) if more else None}


def entry_view(row: AuditEntry) -> dict[str, Any]:
    return {"id": row.id, "operator_id": row.operator_id, "actor": row.actor, "action": row.action,
            "target": row.target, "detail": row.detail, "created_at": row.created_at}
