"""Values the service picks once and keeps in its own database (table `app_settings`), such as the demo's
admin token: a restart of the same database reuses it, so links and sandbox sessions keep working."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import AppSetting

DEMO_ADMIN_TOKEN = "demo_admin_token"


def kept_value(session: Session, key: str, make: Callable[[], str], *, now: datetime) -> str:
    """The stored value of `key`, or `make()` stored now (the first caller's value wins a race)."""
    found = session.scalar(select(AppSetting.value).where(AppSetting.key == key))
    if found is not None:
        return found
    value = make()
    session.add(AppSetting(key=key, value=value, created_at=now))
    session.flush()
    return value
