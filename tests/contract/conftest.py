"""The port contract: every test here runs once per backend, the in-memory ports (`bot/testing/`), the store on
SQLite and the store on PostgreSQL (TEST_DATABASE_URL, as the rest of the suite; skipped with the reason when it
is unset, and a failure when REQUIRE_POSTGRES is set, as CI does)."""
from __future__ import annotations

import pytest

from store.db import Store
from tests.conftest import truncate_all
from tests.contract.backends import MemoryBackend, StoreBackend

BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def contract_store(request: pytest.FixtureRequest) -> Store | None:
    """None for the in-memory ports, else the migrated session store of that database."""
    return None if request.param == "memory" else request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
async def backend(contract_store: Store | None) -> MemoryBackend | StoreBackend:
    if contract_store is None:
        return MemoryBackend()
    await truncate_all(contract_store)
    return StoreBackend(contract_store)
