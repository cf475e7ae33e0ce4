"""Distances between US zip codes from an offline data package (`zipcodes`, MIT): the zip's centroid,
great-circle miles. No network look-ups; the table is read once per process on first use."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

EARTH_MILES = 3958.8


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    table = {}
    for row in zipcodes.list_all():
        try:
            table[row["zip_code"]] = (float(row["lat"]), float(row["long"]))
        except (KeyError, TypeError, ValueError):
            continue
    return table


def miles_between(zip_a: str, zip_b: str) -> float | None:
    """Miles between two zip codes' centroids, or None when either is unknown."""
    a, b = _centroids().get(zip_a), _centroids().get(zip_b)
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_MILES * math.asin(math.sqrt(h))


def nearest_miles(target: str, zip_codes: list[str]) -> float | None:
    """How far an agent is from `target`: the nearest of the zip codes they cover."""
    distances = [d for d in (miles_between(target, z) for z in zip_codes) if d is not None]
    return min(distances) if distances else None


@dataclass(frozen=True, slots=True)
class Place:
    """Where a zip code is: its state (for the client's quiet hours) and its clock."""

    state: str | None
    timezone: str | None


@lru_cache(maxsize=4096)
def place_of(zip_code: str) -> Place:
    """The zip's state and IANA time zone from the offline table; unknowns are None (the caller's default)."""
    try:
        rows = zipcodes.matching(zip_code)
    except (TypeError, ValueError):
        return Place(None, None)
    if not rows:
        return Place(None, None)
    return Place(rows[0].get("state") or None, rows[0].get("timezone") or None)
