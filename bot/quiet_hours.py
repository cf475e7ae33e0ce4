"""When a client may be texted: the federal window (8:00-21:00 at the client's location, TCPA 47 CFR
64.1200(c)(1)) unless the client's state sets a narrower one. Texts outside the window are held, never dropped.

The state rows are the "mini-TCPA" solicitation hours, applied to our one transactional question as the careful
choice. The table is the operator's to read (`GET /api/quiet-hours`, the README) and to check with counsel; a
state that is not listed gets the federal window. Public holidays are not modelled.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bot.daytime import agent_zone

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class Window:
    start: time
    end: time

    def describe(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class QuietRule:
    """The window for each weekday (Monday first); None means no texts that day."""

    days: tuple[Window | None, ...]
    source: str

    def window(self, weekday: int) -> Window | None:
        return self.days[weekday]

    def as_table(self) -> dict[str, str | None]:
        return {name: (w.describe() if w else None) for name, w in zip(WEEKDAYS, self.days, strict=True)}


def _hours(start: int, end: int) -> Window:
    return Window(time(start), time(end))


def every_day(window: Window, *, sunday: Window | None = None, no_sunday: bool = False, source: str) -> QuietRule:
    """One window Monday to Saturday; on Sunday the same, another window, or none (`no_sunday`)."""
    sun = None if no_sunday else (sunday or window)
    return QuietRule((window,) * 6 + (sun,), source)


FEDERAL = every_day(_hours(8, 21), source="TCPA, 47 CFR 64.1200(c)(1): 8 am to 9 pm local")

STATE_RULES: dict[str, QuietRule] = {
    "AL": every_day(_hours(8, 20), no_sunday=True, source="Alabama Code 8-19A-4: 8 am to 8 pm, not on Sunday"),
    "CT": every_day(_hours(9, 20), source="Conn. Gen. Stat. 42-288a: 9 am to 8 pm"),
    "FL": every_day(_hours(8, 20), source="Florida Telephone Solicitation Act 501.059: 8 am to 8 pm"),
    "LA": every_day(_hours(8, 20), no_sunday=True, source="La. R.S. 45:844.14: 8 am to 8 pm, not on Sunday"),
    "MD": every_day(_hours(8, 20), source="Maryland Stop the Spam Calls Act (2023): 8 am to 8 pm"),
    "MS": every_day(_hours(8, 20), no_sunday=True, source="Miss. Code 77-3-721: 8 am to 8 pm, not on Sunday"),
    "OK": every_day(_hours(8, 20), source="Oklahoma Telephone Solicitation Act (2022): 8 am to 8 pm"),
    "TX": every_day(_hours(9, 21), sunday=_hours(12, 21),
                    source="Tex. Bus. & Com. Code 301.051: 9 am to 9 pm, Sunday noon to 9 pm"),
    "WA": every_day(_hours(8, 20), source="RCW 80.36.390: 8 am to 8 pm"),
}


def rule_for(state: str | None) -> QuietRule:
    return STATE_RULES.get((state or "").upper(), FEDERAL)


def next_allowed(now: datetime, state: str | None, tz_name: str) -> datetime:
    """`now` if a text may go to a client in `state` (clock `tz_name`) now, else the next opening (in UTC)."""
    rule, zone = rule_for(state), agent_zone(tz_name)
    local = now.astimezone(zone)
    for days_ahead in range(8):
        day = local.date() + timedelta(days=days_ahead)
        window = rule.window(day.weekday())
        if window is None:
            continue
        opens = datetime.combine(day, window.start, zone)
        closes = datetime.combine(day, window.end, zone)
        if local < closes:
            return now if local >= opens else opens.astimezone(UTC)
    raise ValueError(f"the quiet-hours rule for {state!r} never opens")  # a rule with no window at all


def table() -> dict[str, object]:
    """The rules as the operator reads them: the federal default and each state's override."""
    return {"default": {"days": FEDERAL.as_table(), "source": FEDERAL.source},
            "states": {state: {"days": rule.as_table(), "source": rule.source}
                       for state, rule in sorted(STATE_RULES.items())}}
