"""Quiet hours: non-urgent messages (reminders, digests, warnings) wait for the agent's local daytime."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_START = time(8, 0)
DAY_END = time(21, 0)


def next_daytime(now: datetime, tz_name: str) -> datetime:
    """`now` if it is between 8:00 and 21:00 where the agent is, else the next 8:00 there (in UTC)."""
    zone = agent_zone(tz_name)
    local = now.astimezone(zone)
    if DAY_START <= local.time() < DAY_END:
        return now
    day = local.date() if local.time() < DAY_START else local.date() + timedelta(days=1)
    return datetime.combine(day, DAY_START, zone).astimezone(UTC)


def agent_zone(tz_name: str) -> ZoneInfo:
    """The agent's time zone; an unknown name falls back to the network's default (Central)."""
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("America/Chicago")


def local_now(now: datetime, tz_name: str) -> datetime:
    """`now` on the agent's clock: its `.date()` is the agent's day, which dates they type are read against."""
    return now.astimezone(agent_zone(tz_name))


def local_today(now: datetime, tz_name: str) -> date:
    return local_now(now, tz_name).date()


BUSINESS_OPEN = time(9, 0)
BUSINESS_CLOSE = time(17, 0)


def add_business_hours(start: datetime, hours: float, tz_name: str) -> datetime:
    """`start` plus `hours` of business time (Monday to Friday, 9:00-17:00 where the agent works), in UTC:
    an award on Friday at 16:00 plus 4 business hours is Monday at 12:00."""
    zone = agent_zone(tz_name)
    local, left = start.astimezone(zone), timedelta(hours=hours)
    while True:
        opens = datetime.combine(local.date(), BUSINESS_OPEN, zone)
        closes = datetime.combine(local.date(), BUSINESS_CLOSE, zone)
        if local.weekday() < 5 and local < closes:
            local = max(local, opens)
            if local + left <= closes:
                return (local + left).astimezone(UTC)
            left -= closes - local
        local = datetime.combine(local.date() + timedelta(days=1), time(0), zone)
