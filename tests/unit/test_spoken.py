"""Referral codes read aloud to a phone's dictation become digits; prices and shares said aloud stay words."""
from __future__ import annotations

import pytest

from bot.spoken import codes_in_digits


@pytest.mark.parametrize(("said", "written"), [
    ("yes i'll take it forty eight twenty one i'm driving", "yes i'll take it 4821 i'm driving"),
    ("claim referral six four zero five please", "claim referral 6405 please"),
    ("seventy two oh four is invalid", "7204 is invalid"),
    ("la veinticuatro dieciocho queda lejos", "la 2418 queda lejos"),
    ("la cincuenta noventa y dos decidio rentar", "la 5092 decidio rentar"),
    ("buy 62 14 go ahead", "buy 6214 go ahead"),
])
def test_a_code_read_aloud_is_written_in_digits(said: str, written: str) -> None:
    assert codes_in_digits(said) == written


@pytest.mark.parametrize("said", [
    "sold four fifty five", "twenty five percent", "cincuenta mil", "at 10 30 tomorrow", "call me 512 555 0143",
    "took 20 25 minutes", "sold for 4 50",
])
def test_prices_times_and_phone_numbers_stay_as_they_are(said: str) -> None:
    assert codes_in_digits(said) == said
