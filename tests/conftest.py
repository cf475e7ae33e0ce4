"""Shared fixtures: the store on SQLite and on PostgreSQL, a frozen clock, settings.

Every store test runs on both databases through the one parametrised `store` fixture. PostgreSQL comes from
TEST_DATABASE_URL; each test session works in a schema of its own and drops it at the end. When
REQUIRE_POSTGRES is set (CI does), a missing or unreachable PostgreSQL fails the run instead of skipping.
"""
from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.clock import FrozenClock
from store.db import Store
from store.migrate import upgrade
from store.models import Base
from store.settings import Settings

ROOT = Path(__file__).resolve().parents[1]  # the project's root folder

pytest_plugins = ["tests.peers.twilio_peers", "tests.peers.stripe_peers"]

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # a Monday, 9:00 in Chicago

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
_postgres_outcomes: dict[str, int] = {"passed": 0, "failed": 0, "skipped": 0}


UNIT = Path(__file__).parent / "unit"  # the unit tier: no database, no HTTP (tests/unit/conftest.py marks it)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """`pytest -m unit` imports only tests/unit: the rest of the suite would be imported just to be deselected."""
    if config.getoption("markexpr") != "unit" or collection_path.suffix != ".py":
        return None
    return True if collection_path.name.startswith("test_") and UNIT not in collection_path.parents else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test marked unit outside tests/unit would never run under `-m unit`: refuse it."""
    strays = [item.nodeid for item in items if item.get_closest_marker("unit") and UNIT not in item.path.parents]
    if strays:
        raise pytest.UsageError(f"unit tests belong in tests/unit/: {strays[:5]}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "postgres" not in report.keywords:
        return
    counted = report.skipped or report.outcome in ("passed", "failed")
    if (report.when == "call" or report.outcome != "passed") and counted:
        _postgres_outcomes[report.outcome] = _postgres_outcomes.get(report.outcome, 0) + 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    report_path = os.environ.get("POSTGRES_REPORT")
    if report_path:
        Path(report_path).write_text(json.dumps(_postgres_outcomes))


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not")
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    return url


@pytest.fixture(scope="session")
async def sqlite_store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("db") / "test.db"
    store = Store(f"sqlite:///{path}")
    await upgrade(store)
    yield store
    await store.close()


@pytest.fixture(scope="session")
async def postgres_store():
    url = _postgres_url()
    schema = f"rb_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    store = Store(url, schema=schema)
    try:
        await upgrade(store)
    except OSError as exc:
        await store.close()
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    yield store
    await store.run_on_connection(lambda c: c.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE'))
    await store.close()


@pytest.fixture(params=BACKENDS)
def backend_store(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
async def store(backend_store: Store) -> Store:
    """A migrated, empty store: once on SQLite, once on PostgreSQL."""
    await truncate_all(backend_store)
    return backend_store


async def truncate_all(store: Store) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    if store.dialect == "postgresql":
        sql = "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
        await store.run_on_connection(lambda c: c.execute(text(sql)))
    else:
        await store.run_on_connection(lambda c: [c.execute(text(f'DELETE FROM "{t}"')) for t in tables])


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
def settings() -> Settings:
    return Settings(admin_token="test-admin-token", secret_key="test-secret", public_base_url="http://127.0.0.1:8080")



@pytest.fixture
def metrics():
    from store.metrics import Metrics
    return Metrics()


@pytest.fixture
async def client(store, settings, clock, metrics):
    """An HTTP client against the real app on a loopback port, over the parametrised store."""
    from aiohttp.test_utils import TestClient, TestServer

    from inbound.web import create_app

    app = create_app(settings, store, clock, metrics)
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        http.admin = {"Authorization": f"Bearer {settings.admin_token}"}
        yield http
