"""Referral codes read aloud to a phone's dictation, written back as digits.

Dictation writes what it heard: "claim referral six four zero five", "forty eight twenty one", "55 30",
"la veinticuatro dieciocho". A code is four digits said one by one or two pairs of digits said as two numbers,
so only those shapes are rewritten; a lone number word ("four fifty", "cincuenta mil", "twenty five percent") is a
price or a share and stays as it is for the amount reader.
"""
from __future__ import annotations

import re

ONES = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
UNOS = {"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
DIECES = {"diez": 10, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
          "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22,
          "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
          "veintiocho": 28, "veintinueve": 29}
DECENAS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
           "noventa": 90}


def _alternation(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONE = _alternation(ONES)
_UNO = _alternation(UNOS)
# a pair said as one number: "forty eight", "twenty", "eighteen", "oh four"; "cuarenta y ocho", "veinticuatro"
_PAIR = (rf"(?:(?:{_alternation(TENS)})(?:[ -](?:{_alternation({k: v for k, v in ONES.items() if v})}))?"
         rf"|{_alternation(TEENS)}|oh (?:{_ONE})"
         rf"|(?:{_alternation(DECENAS)})(?: y (?:{_UNO}))?|{_alternation(DIECES)})")
TWO_PAIRS = re.compile(rf"\b(?P<first>{_PAIR}) (?P<second>{_PAIR})\b(?! (?:{_ONE}|{_UNO}|thousand|mil|hundred|k)\b)")
FOUR_ONES = re.compile(rf"\b(?:(?:{_ONE}) ){{3,}}(?:{_ONE})\b")
CEROS = {"cero": 0} | UNOS
_CERO = _alternation(CEROS)
# "treinta y tres cero siete", "forty eight two one": a pair said as a number, then two digits one by one
PAIR_THEN_DIGITS = re.compile(rf"\b(?P<first>{_PAIR}) (?P<third>{_CERO}|{_ONE}) (?P<fourth>{_CERO}|{_ONE})\b"
                              rf"(?! (?:{_ONE}|{_CERO}|thousand|mil|hundred|k|percent|por ciento)\b)")
# "sold four five zero thousand": a price's digits said one by one before the thousands
THREE_DIGITS_THOUSAND = re.compile(rf"\b(?:(?:{_ONE}) ){{2}}(?:{_ONE})(?= (?:thousand|k)\b)")
FOUR_UNOS = re.compile(rf"\b(?:(?:{_CERO}) ){{3,}}(?:{_CERO})\b(?! (?:mil|de|por ciento|%)\b)")
# "take 55 30", "la 40 92": a code read as two numbers; not a time ("at 4 30"), a price or a longer run of digits
# nor a phone written in pairs ("+34 965 12 33 09")
DIGIT_PAIRS = re.compile(r"(?<![\d$.,:/])(?<!at )(?<!@ )(?<!by )(?<![0-9] )\b([1-9][0-9]) ([0-9]{2})\b(?! [0-9])"
                         r"(?![.,:/%]?[0-9]"
                         r"| ?(?:k|%|am|pm|mil|days?|min\w*|hours?|hrs?|weeks?|years?|yrs?|homes|houses|miles)\b)")


TWO_DIGITS_TWICE = re.compile(r"[0-9]{2} [0-9]{2}")  # what DIGIT_PAIRS needs, found faster
NUMBER_WORDS = frozenset(ONES) | frozenset(TEENS) | frozenset(TENS) | frozenset(CEROS) | frozenset(DIECES) | frozenset(
    DECENAS)


def _pair_value(said: str) -> int:
    words = said.replace("-", " ").split()
    if words[0] == "oh":
        return ONES[words[1]]
    for table in (TENS, TEENS, DECENAS, DIECES):
        if words[0] in table:
            rest = [word for word in words[1:] if word != "y"]
            return table[words[0]] + (ONES.get(rest[0], 0) or UNOS.get(rest[0], 0) if rest else 0)
    raise ValueError(said)


def _two_pairs(match: re.Match[str]) -> str:
    first, second = _pair_value(match.group("first")), _pair_value(match.group("second"))
    if first < 10:  # "oh four twenty": no code opens with a zero
        return match.group()
    return f"{first:02d}{second:02d}"


def _pair_then_digits(match: re.Match[str]) -> str:
    first = _pair_value(match.group("first"))
    if first < 10 or (first % 10 == 0 and match.group("third") not in ("zero", "oh", "cero")):
        return match.group()  # "three eighty nine five": a price said in words, not a code
    digits = (ONES | CEROS)
    return f"{first}{digits[match.group('third')]}{digits[match.group('fourth')]}"


def _digits_said(match: re.Match[str], words: dict[str, int]) -> str:
    """Digits said one by one: a code of four to eight, or a phone number ("five one two five five five zero one
    eight seven") written as one, so it is read as a phone and never as a code."""
    digits = "".join(str(words[word]) for word in match.group().split())
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if len(digits) == 7:
        return f"{digits[:3]}-{digits[3:]}"
    return digits if len(digits) <= 8 else match.group()


def codes_in_digits(text: str) -> str:
    """`text` (lowercase, accents removed) with codes read aloud written as digits."""
    if NUMBER_WORDS.isdisjoint(text.replace("-", " ").split()):  # most texts: no number said in words
        return DIGIT_PAIRS.sub(r"\1\2", text) if TWO_DIGITS_TWICE.search(text) else text
    text = FOUR_ONES.sub(lambda match: _digits_said(match, ONES), text)
    text = FOUR_UNOS.sub(lambda match: _digits_said(match, CEROS), text)
    text = THREE_DIGITS_THOUSAND.sub(lambda match: "".join(str(ONES[word]) for word in match.group().split()), text)
    text = PAIR_THEN_DIGITS.sub(_pair_then_digits, text)
    text = TWO_PAIRS.sub(_two_pairs, text)
    return DIGIT_PAIRS.sub(r"\1\2", text)
