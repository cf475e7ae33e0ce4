"""Alembic migrations, run programmatically on the store's own connection (`referral-bot migrate`)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

from store.db import Store

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Any = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the schema up to `revision`; safe to run on every start."""
    if store.schema:
        await store.run_on_connection(lambda c: c.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{store.schema}"'))
    await store.run_on_connection(lambda conn: command.upgrade(alembic_config(conn), revision))


async def revision(store: Store, message: str) -> None:
    """Autogenerate a new revision from the models (developer tool)."""
    await store.run_on_connection(
        lambda conn: command.revision(alembic_config(conn), message=message, autogenerate=True))


def head_revisions() -> set[str]:
    """The revisions this release's migrations end at (one, once the branches are chained)."""
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


async def current_revisions(store: Store) -> set[str]:
    """The revisions the database is at: empty for a database never migrated."""
    from alembic.runtime.migration import MigrationContext

    return await store.run_on_connection(
        lambda connection: set(MigrationContext.configure(connection).get_current_heads()))


def known_revision(revision_id: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision_id) is not None
    except CommandError:
        return False


async def behind_head(store: Store, *, newer_is_fine: bool = False) -> str | None:
    """None when the database is at this release's head; otherwise the sentence that says what to do.
    `newer_is_fine`: a revision this release does not know (a newer release migrated it) is no objection, so a
    running process stays ready during an upgrade, its migrations being additive."""
    current, heads = await current_revisions(store), head_revisions()
    if current == heads or (newer_is_fine and current and not all(map(known_revision, current))):
        return None
    return (f"the database is at revision {', '.join(sorted(current)) or 'none (empty)'}, this release needs "
            f"{', '.join(sorted(heads))}: run `referral-bot migrate`")
