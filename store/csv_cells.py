"""CSV for people who open it in a spreadsheet: a text cell that a spreadsheet would run as a formula (it starts
with =, +, -, @, a tab or a carriage return) is written with a leading apostrophe, unless it is only digits and
phone punctuation (+15125550100, -12.50: nothing to run); numbers are written as numbers.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HARMLESS = re.compile(r"[+-]?[0-9][0-9 ().-]*")


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) and not HARMLESS.fullmatch(text) else text


def write(out: io.TextIOBase | Any, header: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    """Write a header and one line per row (its values in the header's order); returns how many rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in header])
        count += 1
    return count


def dollars(cents: int | None) -> Decimal | None:
    """12345 -> 123.45, -500 -> -5.00: a plain number a spreadsheet reads as one."""
    return None if cents is None else Decimal(cents).scaleb(-2)
