"""Quiet hours: non-urgent messages (reminders, digests, warnings) wait for the agent's local daytime."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_START = time(8, 0)
DAY_END = time(21, 0)


def next_daytime(now: datetime, tz_name: str) -> datetime:
    """`now` if it is between 8:00 and 21:00 where the agent is, else the next 8:00 there (in UTC)."""
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("America/Chicago")
    local = now.astimezone(zone)
    if DAY_START <= local.time() < DAY_END:
        return now
    day = local.date() if local.time() < DAY_START else local.date() + timedelta(days=1)
    return datetime.combine(day, DAY_START, zone).astimezone(timezone.utc)
