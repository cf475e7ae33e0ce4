"""Hot-path statements run straight on the DBAPI cursor of the session's connection.

The inbound webhook runs a dozen short statements per message. Through Core each one pays for parameter
processing, the compiled cache lookup, the execution context and the result wrapper: measured here, that was
most of the CPU a text message cost. `Sql` keeps what matters and drops the rest: the statement is written
once as portable SQL with `:name` parameters (SQLite's own named style; `$1..$n` for asyncpg, converted once),
values and typed result columns go through SQLAlchemy's own type processors (`TypeEngine.bind_processor` /
`result_processor`), so what is stored and read back is exactly what the ORM stores and reads, and the
statement runs on the same connection, inside the same transaction, as everything else in `Store.run`.

Use it for statements that run on every message; everything else stays Core or ORM.
"""
from __future__ import annotations

import json
import re
from collections import namedtuple
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from store import faults
from store.base import UTCDateTime

_NAME = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
Processor = Callable[[Any], Any]


class _Plan:
    """The statement as one dialect runs it: its SQL, its parameter order, its row type and processors."""

    __slots__ = ("binders", "names", "readers", "row_type", "sql")

    def __init__(self, text: str, dialect: Dialect) -> None:
        self.names: list[str] = []
        if dialect.name == "sqlite":
            self.sql = text  # sqlite3 takes :name with a dict as it is
        else:
            self.sql = _NAME.sub(self._numbered, text)
        self.binders = _binders(dialect)
        self.row_type: Any = None
        self.readers: list[tuple[int, Processor]] = []

    def _numbered(self, match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in self.names:
            self.names.append(name)
        return f"${self.names.index(name) + 1}"


class Array(list):
    """A list bound as a PostgreSQL array (a plain list or dict is bound as JSON text)."""


class Sql:
    """One statement; `Sql(text, expires_at=UTCDateTime())` names the result columns that need converting (a
    map shared by several statements is passed as `columns`)."""

    __slots__ = ("_plans", "text", "types")

    def __init__(self, text: str, columns: Mapping[str, TypeEngine[Any]] | None = None,
                 **types: TypeEngine[Any]) -> None:
        self.text, self.types = text, {**(columns or {}), **types}
        self._plans: dict[str, _Plan] = {}

    def rows(self, session: Session, **params: Any) -> list[Any]:
        cursor, plan, dialect = self._execute(session, params)
        if cursor.description is None:
            return []
        if plan.row_type is None:
            self._describe(plan, cursor.description, dialect)
        return [self._row(plan, raw) for raw in cursor.fetchall()]

    def first(self, session: Session, **params: Any) -> Any:
        found = self.rows(session, **params)
        return found[0] if found else None

    def scalar(self, session: Session, **params: Any) -> Any:
        row = self.first(session, **params)
        return None if row is None else row[0]

    def rowcount(self, session: Session, **params: Any) -> int:
        cursor, _, _ = self._execute(session, params)
        return int(cursor.rowcount)

    def many(self, session: Session, rows: list[dict[str, Any]]) -> None:
        """The statement once per row, sent together (one round trip on asyncpg)."""
        if not rows:
            return
        connection, cursor, plan = self._cursor(session)
        arguments = [self._arguments(plan, row) for row in rows]
        try:
            cursor.executemany(plan.sql, arguments)
        except Exception as error:  # a dead connection is invalidated, as Core would do it
            faults.raise_translated(connection, error, plan.sql, arguments, cursor)

    def _execute(self, session: Session, params: dict[str, Any]) -> tuple[Any, _Plan, Dialect]:
        connection, cursor, plan = self._cursor(session)
        arguments = self._arguments(plan, params)
        try:
            cursor.execute(plan.sql, arguments)
        except Exception as error:  # a dead connection is invalidated, as Core would do it
            faults.raise_translated(connection, error, plan.sql, arguments, cursor)
        return cursor, plan, connection.dialect

    def _cursor(self, session: Session) -> tuple[Connection, Any, _Plan]:
        connection = session.connection()
        dialect = connection.dialect
        plan = self._plans.get(dialect.name) or self._plans.setdefault(dialect.name, _Plan(self.text, dialect))
        return connection, connection.connection.dbapi_connection.cursor(), plan  # type: ignore[union-attr]

    @staticmethod
    def _arguments(plan: _Plan, params: dict[str, Any]) -> Any:
        bind, plain = plan.binders, _PLAIN
        if plan.names:
            values = [params[name] for name in plan.names]
            return tuple(v if type(v) in plain else _bound(bind, v) for v in values)
        return {name: v if type(v) in plain else _bound(bind, v) for name, v in params.items()}

    def _describe(self, plan: _Plan, description: Any, dialect: Dialect) -> None:
        names = [column[0] for column in description]
        plan.row_type = namedtuple("Row", names, rename=True)  # type: ignore[misc]
        for index, name in enumerate(names):
            kind = self.types.get(name)
            reader = kind.dialect_impl(dialect).result_processor(dialect, None) if kind is not None else None
            if reader is not None:
                plan.readers.append((index, reader))

    @staticmethod
    def _row(plan: _Plan, raw: Any) -> Any:
        values = list(raw)
        for index, reader in plan.readers:
            values[index] = reader(values[index])
        return plan.row_type(*values)


# -- values on the way in ----------------------------------------------------------------------
_BINDERS: dict[str, dict[type, Processor]] = {}


def _binders(dialect: Dialect) -> dict[type, Processor]:
    """Per value type, what the ORM's column types would do to it for this dialect."""
    if dialect.name not in _BINDERS:
        found: dict[type, Processor] = {}
        for kind, engine_type in ((datetime, UTCDateTime()), (date, Date())):
            processor = engine_type.dialect_impl(dialect).bind_processor(dialect)
            found[kind] = processor if processor is not None else (lambda value: value)
        _BINDERS[dialect.name] = found
    return _BINDERS[dialect.name]


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _bound(binders: dict[type, Processor], value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Array):
        return [item if type(item) in _PLAIN else _bound(binders, item) for item in value]
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value)  # JSON columns: the text SQLAlchemy's JSON type would store
    convert = binders.get(type(value))
    return convert(value) if convert else value


DATETIME, DATE, JSON_VALUE = UTCDateTime(), Date(), JSON()
