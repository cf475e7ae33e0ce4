"""How many rows an UPDATE or DELETE changed.

`Session.execute` is typed to return `Result`, but for an UPDATE or DELETE it returns a `CursorResult`, which is
where `rowcount` lives; SQLAlchemy's stubs cannot tell the two apart from the statement, so the cast is here once.
"""
from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Delete, Update
from sqlalchemy.orm import Session


def rows_changed(session: Session, statement: Update | Delete) -> int:
    """Run `statement` in the session's transaction; the number of rows it matched."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount
