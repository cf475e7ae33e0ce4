"""Numbers in what agents type: sale prices ("$450k", "1.2M", "$452,500", "2.5 million", "six hundred
thousand", Spanish "375 mil", "1.2 millones") and plain numbers.

A number is *money* when it says so: a dollar sign, a unit (k, m, million, thousand, grand), thousands
separators or decimals. Plain numbers are left to the caller, which decides between a referral code and a
price. Numbers glued to dates, times, phone numbers or codes ("12/10", "5:30", "512-555-0100", "#4821")
are not numbers here. Prices are whole dollars, rounded half up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

UNITS = {
    "k": 1_000, "thousand": 1_000, "grand": 1_000,
    "m": 1_000_000, "mm": 1_000_000, "mill": 1_000_000, "mil": 1_000_000, "million": 1_000_000, "millon": 1_000_000,
    "millones": 1_000_000,
}
# "mil" is a million to an American ("1.2 mil") and a thousand in Spanish ("375 mil"): no home sells for
# $375 million, so from this many units up it means thousands.
MIL_AS_THOUSAND_FROM = 100
SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1,
}
_SMALL = "|".join(sorted(SMALL, key=len, reverse=True))
# "six hundred thousand", "four hundred fifty thousand", "one million", "two and a half million"
_DIGIT_WORD = "one|two|three|four|five|six|seven|eight|nine"
_TENS_WORD = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
WORDS = re.compile(
    rf"\b(?:(?P<spoken>{_DIGIT_WORD}) (?P<spoken_tens>{_TENS_WORD})(?:[ -](?P<spoken_ones>{_DIGIT_WORD}))?(?= thousand)"
    rf"|(?P<point>{_DIGIT_WORD}) point (?P<tenths>{_DIGIT_WORD})(?= million)"
    rf"|(?P<hundreds>{_SMALL}) hundred(?: and)?(?:[ -](?P<tens>{_SMALL}))?(?:[ -](?P<ones>{_SMALL}))?"
    rf"|(?P<plain>{_SMALL})(?:[ -](?P<plain_ones>{_SMALL}))?)(?P<half> and a half)? (?P<unit>thousand|million)\b"
)

# Atomic groups stop the engine from backing off "4821,5" to "482" or "450k-" to "450"; the digit
# counts are bounded so an absurdly long number is no number rather than an overflow.
NUMBER = re.compile(
    r"(?<![\w.,/:#$-])"
    r"(?P<dollar>(?:us ?)?\$ ?)?"  # "US$389.500,00"
    r"(?>(?P<whole>[0-9]{1,3}(?:,[0-9]{3}){1,4}|[0-9]{1,3}(?:\.[0-9]{3}){2,4}"
    r"|[0-9]{1,3}(?:\.[0-9]{3}){1,4}(?=,[0-9]{2}(?![0-9]))"  # Spanish "389.500,00": dots, then decimal cents
    r"|[0-9]{1,15})(?P<cents>\.[0-9]{1,6}|,[0-9]{1,2}(?= ?(?:millones|millon|million|mil|mm|m|k)\b)"
    r"|(?<=\.[0-9]{3}),[0-9]{2}(?![0-9]))?)"
    r"(?> ?(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b)?"
    r"(?![0-9/]|[.,:-][0-9])"
)


@dataclass(frozen=True, slots=True)
class Number:
    digits: str  # the whole part as typed, without separators
    dollars: int
    money: bool
    start: int
    end: int


def scan_numbers(text: str) -> list[Number]:
    """Every number in `text`, in order, each marked as money or plain. A text without a digit has none (a
    number in words is read by `find_amount`), and a letter o is read as a zero only after a dollar sign."""
    if not ANY_DIGIT.search(text):
        return []
    text = SPACED_THOUSANDS.sub(lambda found: found["lead"] + found["groups"].replace(" ", ","), text)
    text = LETTER_O.sub("0", text) if "$" in text else text
    return [_number(match) for match in NUMBER.finditer(text)]


ANY_DIGIT = re.compile(r"[0-9]")
# "$ 615 000": thousands grouped with spaces after a dollar sign (same length, so offsets stay)
SPACED_THOUSANDS = re.compile(r"(?P<lead>\$ ?[1-9][0-9]{0,2})(?P<groups>(?: [0-9]{3}){1,2})(?![0-9])")


# "$45o,000": a letter o typed for a zero inside a dollar amount (same length, so offsets stay)
LETTER_O = re.compile(r"(?:(?<=\$[0-9])|(?<=\$[0-9]{2})|(?<=\$[0-9]{3}))[oO](?=[0-9oO]*,[0-9oO]{3}\b)")


TENTHS = re.compile(r"(?<![\w.,$#])(?:\$ ?)?"
                    r"(?P<thousands>[1-9][0-9]{2})[.,](?P<tenth>[0-9])(?![0-9]| ?(?:k|m|mil|million)\b)")


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


def find_thousands(text: str) -> Number | None:
    """A bare three-digit number read as thousands of dollars ("sold 450" is $450k, "449,9" is $449,900), or a
    price in words."""
    tenths = TENTHS.search(text)
    if tenths:
        dollars = int(tenths["thousands"]) * 1000 + int(tenths["tenth"]) * 100
        return Number(digits=str(dollars), dollars=dollars, money=True, start=tenths.start(), end=tenths.end())
    for number in scan_numbers(text):
        if not number.money and len(number.digits) == 3 and number.dollars:  # "000" is no price
            return replace(number, dollars=number.dollars * 1000, money=True)
    return _in_words(text)


# "closed at four fifty", "sold for three twenty-five": hundreds said aloud with the thousands left out
SPOKEN_HUNDREDS = re.compile(
    rf"\b(?:at|for|sold"
    rf"|closed)[.,:]?(?: on)?(?: #? ?[0-9]{{3,8}})? (?P<hundreds>{_DIGIT_WORD}|[1-9])[ -](?P<tens>{_TENS_WORD})"
    rf"(?:[ -](?P<ones>{_DIGIT_WORD})(?: (?P<half>five)\b)?)?\b"  # "three eighty nine five": $389,500
    r"(?! (?:thousand|million|days?|weeks?|months?|years?|percent|%))")


# "a million two" ($1.2M), "a million two fifty" ($1.25M); Spanish "medio millón", "un millón y medio"
MILLION_AND = re.compile(
    rf"\b(?:a|one) million (?P<tenths>{_DIGIT_WORD})(?: (?P<half>fifty))?\b(?! (?:hundred|thousand|million))")
HALF_MILLION = re.compile(r"\bmedio millon\b|\b(?P<one>un|1) millon y medio\b|\bhalf a million\b")


# Spanish thousands in words: "quinientos sesenta mil", "trescientos veinticinco mil", "un millón doscientos mil"
ES_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}
ES_TENS = {
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21, "veintiuno": 21, "veintidos": 22,
    "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90,
}
ES_ONES = {"un": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
           "nueve": 9}


def _alternation(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


SPANISH_THOUSANDS = re.compile(
    rf"\b(?:(?P<millions>un|dos|tres) (?:millon|millones)(?: y)? )?"
    rf"(?:(?P<hundreds>{_alternation(ES_HUNDREDS)})(?: (?P<tens>{_alternation(ES_TENS)}))?"
    rf"(?: y (?P<ones>{_alternation(ES_ONES)}))?"
    rf"|(?P<only_tens>{_alternation(ES_TENS)})(?: y (?P<tens_ones>{_alternation(ES_ONES)}))?) mil\b"
)
ES_SMALLEST_THOUSANDS = 10  # "dos mil" is a fee or a deposit, not a home


# "un millón doscientos": the thousands after the millions left unsaid
SPANISH_MILLIONS = re.compile(rf"\b(?P<millions>un|dos|tres) (?:millon|millones)(?: (?P<hundreds>"
                              rf"{_alternation(ES_HUNDREDS)}))?\b(?! (?:{_alternation(ES_TENS)}|mil|de)\b)")


def _spanish_thousands(text: str) -> Number | None:
    match = SPANISH_THOUSANDS.search(text)
    if not match:
        return _spanish_millions(text)
    thousands = (ES_HUNDREDS.get(match["hundreds"] or "", 0) + ES_TENS.get(match["tens"] or "", 0)
                 + ES_ONES.get(match["ones"] or "", 0) + ES_TENS.get(match["only_tens"] or "", 0)
                 + ES_ONES.get(match["tens_ones"] or "", 0))
    millions = ES_ONES.get(match["millions"] or "", 0)
    if thousands < ES_SMALLEST_THOUSANDS and not millions:
        return None
    dollars = millions * 1_000_000 + thousands * 1000
    return Number(digits=str(dollars), dollars=dollars, money=True, start=match.start(), end=match.end())


def _spanish_millions(text: str) -> Number | None:
    match = SPANISH_MILLIONS.search(text)
    if not match:
        return None
    dollars = ES_ONES[match["millions"]] * 1_000_000 + ES_HUNDREDS.get(match["hundreds"] or "", 0) * 1000
    return Number(digits=str(dollars), dollars=dollars, money=True, start=match.start(), end=match.end())


def in_words(text: str) -> Number | None:
    """A price written in words ("cuatrocientos cincuenta mil", "six hundred thousand"), or None."""
    return _in_words(text)


HUNDREDS_AFTER = re.compile(rf"(?: and)? (?P<hundreds>{_DIGIT_WORD}) hundred(?: and)?(?:[ -](?P<tens>{_SMALL}))?\b"
                            # "four hundred twelve thousand two fifty": the hundreds said without the word
                            rf"|(?: and)? (?P<hundreds_said>{_DIGIT_WORD}) (?P<tens_said>{_TENS_WORD})"
                            rf"(?:[ -](?P<ones_said>{_DIGIT_WORD}))?\b")


def _in_words(text: str) -> Number | None:
    spanish = _spanish_thousands(text)
    if spanish:
        return spanish
    spoken = _million_and(text)  # before WORDS, which would read "a million two" as "a million"
    if spoken:
        return spoken
    match = WORDS.search(text)
    if not match:
        return _hundreds_aloud(text)
    count = Decimal(0)
    if match["spoken"]:  # "four eighty five thousand", as said aloud
        count += SMALL[match["spoken"]] * 100 + SMALL[match["spoken_tens"]] + SMALL.get(match["spoken_ones"] or "", 0)
    elif match["point"]:  # "one point two million"
        count += SMALL[match["point"]] + Decimal(SMALL[match["tenths"]]) / 10
    elif match["hundreds"]:
        count += SMALL[match["hundreds"]] * 100 + SMALL.get(match["tens"] or "", 0) + SMALL.get(match["ones"] or "", 0)
    else:
        count += SMALL[match["plain"]] + SMALL.get(match["plain_ones"] or "", 0)
    value = count + (Decimal("0.5") if match["half"] else 0)
    dollars = int(value * (1000 if match["unit"] == "thousand" else 1_000_000))
    rest = HUNDREDS_AFTER.match(text, match.end()) if match["unit"] == "thousand" else None
    if rest and rest["hundreds"]:  # "three hundred eighty nine thousand five hundred"
        dollars += SMALL[rest["hundreds"]] * 100 + SMALL.get(rest["tens"] or "", 0)
    elif rest:
        dollars += SMALL[rest["hundreds_said"]] * 100 + SMALL[rest["tens_said"]] + SMALL.get(rest["ones_said"] or "", 0)
    return Number(digits=str(dollars), dollars=dollars, money=True, start=match.start(), end=match.end())


def _number(match: re.Match[str]) -> Number:
    whole, cents = match["whole"].replace(",", ""), (match["cents"] or "").replace(",", ".")  # "2,1 millones"
    unit = match["unit"] or ""
    if "." in whole and (match["cents"] or "").startswith(","):  # "389.500,00": Spanish thousands and cents
        whole = whole.replace(".", "")
    elif "." in whole or (len(cents) == 4 and not unit and len(whole) <= 3):
        # Spanish thousands: "640.000 dólares", "1.350.000"; cents have two digits, never three
        whole, cents = (whole + cents).replace(".", ""), ""
    if unit == "mil" and Decimal(whole) >= MIL_AS_THOUSAND_FROM:
        unit = "thousand"
    value = Decimal(whole + cents) * UNITS.get(unit, 1)
    money = bool(match["dollar"] or match["unit"] or match["cents"] or "," in match["whole"] or "." in match["whole"])
    dollars = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Number(digits=whole, dollars=dollars, money=money, start=match.start(), end=match.end())


def _hundreds_aloud(text: str) -> Number | None:
    match = SPOKEN_HUNDREDS.search(text)
    if not match:
        return None
    hundreds = int(match["hundreds"]) if match["hundreds"].isdigit() else SMALL[match["hundreds"]]  # "4 fifty"
    thousands = hundreds * 100 + SMALL[match["tens"]] + SMALL.get(match["ones"] or "", 0)
    dollars = thousands * 1000 + (500 if match["half"] else 0)
    return Number(digits=str(dollars), dollars=dollars, money=True, start=match.start("hundreds"), end=match.end())


def _million_and(text: str) -> Number | None:
    spoken = MILLION_AND.search(text)
    if spoken:
        dollars = 1_000_000 + SMALL[spoken["tenths"]] * 100_000 + (50_000 if spoken["half"] else 0)
        return Number(digits=str(dollars), dollars=dollars, money=True, start=spoken.start(), end=spoken.end())
    half = HALF_MILLION.search(text)
    if half:
        dollars = 1_500_000 if half["one"] else 500_000
        return Number(digits=str(dollars), dollars=dollars, money=True, start=half.start(), end=half.end())
    return None
