"""Numbers in what agents type: sale prices ("$450k", "1.2M", "$452,500", "2.5 million") and plain numbers.

A number is *money* when it says so: a dollar sign, a unit (k, m, million, thousand, grand), thousands
separators or decimals. Plain numbers are left to the caller, which decides between a referral code and a
price. Numbers glued to dates, times, phone numbers or codes ("12/10", "5:30", "512-555-0100", "#4821")
are not numbers here. Prices are whole dollars, rounded half up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

UNITS = {
    "k": 1_000, "thousand": 1_000, "grand": 1_000,
    "m": 1_000_000, "mm": 1_000_000, "mil": 1_000_000, "million": 1_000_000,
}

# Atomic groups stop the engine from backing off "4821,5" to "482" or "450k-" to "450"; the digit
# counts are bounded so an absurdly long number is no number rather than an overflow.
NUMBER = re.compile(
    r"(?<![\w.,/:#$-])"
    r"(?P<dollar>\$ ?)?"
    r"(?>(?P<whole>[0-9]{1,3}(?:,[0-9]{3}){1,4}|[0-9]{1,15})(?P<cents>\.[0-9]{1,6})?)"
    r"(?> ?(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b)?"
    r"(?![0-9/:]|[.,-][0-9])"
)


@dataclass(frozen=True, slots=True)
class Number:
    digits: str  # the whole part as typed, without separators
    dollars: int
    money: bool
    start: int
    end: int


def scan_numbers(text: str) -> list[Number]:
    """Every number in `text`, in order, each marked as money or plain."""
    return [_number(match) for match in NUMBER.finditer(text)]


def find_amount(text: str, *, plain_min_digits: int = 5) -> Number | None:
    """The sale price in `text`: the first money-looking number, else the last plain one that is long enough.

    "SOLD 4821 450000" has no money-looking number, so the 6-digit 450000 is the price and 4821 stays a code.
    """
    numbers = scan_numbers(text)
    money = [number for number in numbers if number.money]
    if money:
        return money[0]
    long_plain = [number for number in numbers if len(number.digits) >= plain_min_digits]
    return long_plain[-1] if long_plain else None


def _number(match: re.Match[str]) -> Number:
    whole = match["whole"].replace(",", "")
    value = Decimal(whole + (match["cents"] or "")) * UNITS.get(match["unit"] or "", 1)
    money = bool(match["dollar"] or match["unit"] or match["cents"] or "," in match["whole"])
    dollars = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Number(digits=whole, dollars=dollars, money=money, start=match.start(), end=match.end())
