"""The unit tier: no database, no HTTP, no peers. Every test collected here is marked `unit` (so `pytest -m unit`
runs exactly this folder, in seconds), and the handler rules run over the in-memory ports of `bot.testing`."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.testing import T0, World

HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)  # before `-m unit` deselects the unmarked
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.unit)


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def now() -> datetime:
    return T0
