"""Clients' quiet hours by state and business hours: pure rules, time passed in."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.daytime import add_business_hours
from bot.quiet_hours import FEDERAL, STATE_RULES, next_allowed, rule_for

CHICAGO = "America/Chicago"
MONDAY_9_CHICAGO = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def at(days: float = 0, hours: float = 0) -> datetime:
    return MONDAY_9_CHICAGO + timedelta(days=days, hours=hours)


def test_federal_window_is_8_to_21_local():
    assert next_allowed(at(hours=11.5), "IL", CHICAGO) == at(hours=11.5)  # 20:30
    assert next_allowed(at(hours=12), "IL", CHICAGO) == at(days=1, hours=-1)  # 21:00 -> 8:00 next day
    assert next_allowed(at(hours=-2), "IL", CHICAGO) == at(hours=-1)  # 7:00 -> 8:00


def test_florida_stops_at_20():
    assert next_allowed(at(hours=11.5), "FL", "America/New_York") > at(hours=11.5)


def test_texas_sunday_starts_at_noon():
    saturday_22 = at(days=5, hours=13)
    assert next_allowed(saturday_22, "TX", CHICAGO) == at(days=6, hours=3)  # Sunday 12:00


def test_no_sunday_states_wait_for_monday():
    saturday_21 = at(days=5, hours=12)
    assert next_allowed(saturday_21, "LA", CHICAGO) == at(days=7, hours=-1)  # Monday 8:00


def test_unknown_state_gets_the_federal_rule():
    assert rule_for(None) is FEDERAL and rule_for("ZZ") is FEDERAL and rule_for("tx") is STATE_RULES["TX"]


@pytest.mark.parametrize(("start", "hours", "expected"), [
    (at(), 4, at(hours=4)),  # Monday 9:00 + 4 = 13:00
    (at(hours=7), 4, at(days=1, hours=3)),  # Monday 16:00 + 4 = Tuesday 12:00
    (at(days=4, hours=7), 4, at(days=7, hours=3)),  # Friday 16:00 + 4 = Monday 12:00
    (at(days=5, hours=2), 1, at(days=7, hours=1)),  # Saturday: Monday 10:00
    (at(hours=-8), 8, at(hours=8)),  # Monday 1:00 + 8 = 17:00
])
def test_business_hours(start, hours, expected):
    assert add_business_hours(start, hours, CHICAGO) == expected
