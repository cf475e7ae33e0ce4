"""Pause end dates in free text ("until Dec 3", "till 1/15", "for 2 weeks", "next Monday", "the 5th", "the end
of the month"), in English and in Spanish ("hasta el 9 de diciembre", "por dos semanas", "hasta el lunes",
"hasta el 15"). The text arrives lower-cased without accents ("dias", "sabado").

Everything is relative to `today`, which the caller derives from the `now` it was given, so tests are
deterministic. A month and day without a year that has already passed this year means next year, unless it
passed within the last `RECENT_PAST` ("until Nov 20" typed on Nov 22): that is a date in the past, returned as
such, for the caller to ask about rather than to read as a pause of a year. US order
for numeric dates (12/10 is December 10th). Anything that does not make a real date gives None.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

RECENT_PAST = timedelta(days=92)
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "dic": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SPANISH_WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2, "a couple": 2,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "quince": 15, "un par de": 2, "par de": 2,  # "por un par de semanas"
}
UNITS = {"day": "day", "dia": "day", "week": "week", "wk": "week", "semana": "week", "month": "month", "mes": "month",
         "semanita": "week", "diita": "day"}  # "por dos semanitas"

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th|ro|ero|do|to|vo|mo)?"  # Spanish "1ro", "2do", "15vo"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)[0-9]{2}))?"  # "Dec 15, 8841": a code after the date
_COUNT = "|".join(sorted(COUNTS, key=len, reverse=True))

MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}(?![0-9])")
# "Dec 10-20", "Dec 10 to 20th": a range within one month ends on its second day
MONTH_RANGE = re.compile(
    rf"\b{_MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\s*(?:-|to|thru|through|til|till|until)\s*{_DAY}\b(?!\s*[/:])")
DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}\b(?:\s+de)?{_YEAR}(?![0-9])")
NUMERIC = re.compile(r"(?<![0-9/])(?<!\ba )(?P<month>[0-9]{1,2})/(?P<day>[0-9]{1,2})(?:/(?P<year>[0-9]{4}"
                     r"|[0-9]{2}))?(?![0-9/])"
                     r"(?! ?(?:hrs?|hours?|mins?|minutes|miles?|mi|acres?|baths?|ba|bed|br|cups?)\b)")  # "1/2 hr ago"
ISO = re.compile(r"(?<![0-9])(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?![0-9])")
DAY_OF_MONTH = re.compile(
    r"\bthe\s+(?P<day>[0-9]{1,2})(?:st|nd|rd|th)\b"
    r"|\b(?:hasta|until|till|thru|through|after|regreso|vuelvo|regresamos|volvemos) el\s+(?P<el_day>[0-9]{1,2})"
    r"(?:ro|ero|do|to|vo|mo)?\b"
    r"(?!\s*(?:de\s+)?(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b|\s*del? mes\b|/)"
)  # a month after it is MONTH_DAY's; "hasta el 12 por favor" is the 12th
WEEKDAY = re.compile(
    r"(?<!santo )\b(?P<next>next\s+)?(?P<weekday>" + "|".join(WEEKDAYS + SPANISH_WEEKDAYS) + r")\b"  # Santo Domingo
    r"(?P<proximo>\s+proximo|\s+(?:de|of)\s+(?:la\s+semana\s+que\s+viene|la\s+proxima\s+semana|next\s+week))?"
)
DURATION = re.compile(
    rf"\b(?P<count>[0-9]{{1,3}}|{_COUNT})(?:\s+|(?<=[0-9]))(?P<unit>day|week|wk|month|diita|dia|semanita|semana|mes)"
    r"(?:s|es)?\b(?! old\b| de (?:edad|nacid[oa])\b)"  # "2 weeks", "2wks"; not "Baby Theo is now three months old"
)
END_OF_MONTH = re.compile(r"\b(?:end|rest) of (?:the |this )?month\b|\bfin de mes\b|\bfinal del mes\b"
                          r"|\bresto del mes\b")
# "two weeks from Friday": the weekday, then the weeks after it
FROM_WEEKDAY = re.compile(rf"\b(?P<count>[0-9]{{1,2}}|{_COUNT})\s+(?P<unit>week|wk|day)s?\s+from\s+"
                          r"(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")
END_OF_YEAR = re.compile(  # "pause me through the end of the year"
    r"\b(?:until|till|til|thru|through|hasta) (?:the )?(?:end of (?:the |this )?year|fin de (?:este )?ano"
    r"|final del ano)\b"
    r"|\b(?:(?:for|during) )?the rest of (?:the |this )?year\b|\b(?:el )?resto del ano\b|\blo que queda del ano\b")
MID_MONTH = re.compile(rf"\b(?:mid[- ]?|mediados de ){_MONTH}(?![a-z])")  # "till mid-December": the 15th
UNTIL_MONTH = re.compile(rf"\b(?:until|till|til|hasta) (?:early |principios de |(?:the )?first week of "
                         rf"|la primera semana de )?{_MONTH}(?![a-z])(?!\s*[0-9])")  # "till first week of January"
END_OF_NAMED_MONTH = re.compile(rf"\b(?:end of|fin de|finales de|final de|(?:durante )?todo el mes de|all of"
                                rf"|(?:for |through |thru )?the (?:whole |entire )?month of) {_MONTH}(?![a-z])")
UNTIL_WEEK_AFTER_NEXT = re.compile(r"\b(?:until|till|til|hasta) (?:the )?week after next\b")
UNTIL_NEXT_WEEK = re.compile(r"\b(?:until|till|til|hasta) (?:next week|la (?:proxima semana|semana (?:que viene"
    r"|proxima)))\b")
# "until Thursday the 26th; back at my desk Friday": the date after "until" is the end, not the latest one named
AFTER_UNTIL = re.compile(r"\b(?:until|till|til|thru|through|hasta)"
                         r"(?: (?:i'?m|i am|i'?ll be|we'?re|we are) back(?: on)?)?"
                         r"(?:[ ,]+(?:the|el|this|next|" + "|".join(WEEKDAYS + SPANISH_WEEKDAYS) + r"))*[ ,]*$")
WEEKDAY_BEFORE = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS + SPANISH_WEEKDAYS) + r")(?: the| el)?,?\s*$")
SPOKEN_TWO = re.compile(r"\b(?:to|too) (?=(?:days|weeks|months)\b)")  # voice-to-text: "for to weeks"
_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
]
ORDINAL_DAYS = {word: day for day, word in enumerate(_ORDINALS, 1)} | {
    f"twenty{sep}{word}": 20 + day for day, word in enumerate(_ORDINALS[:9], 1) for sep in ("-", " ")} | {
    "thirtieth": 30, "thirty-first": 31, "thirty first": 31, "primero": 1}
# "December fifth", "the twenty-first of December" (voice-to-text writes the day out)
# "el primero de diciembre", "hasta el quince de diciembre" (Spanish days are said as plain numbers)
_SPANISH_DAYS = [
    "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "trece",
    "catorce", "quince", "dieciseis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidos",
    "veintitres", "veinticuatro", "veinticinco", "veintiseis", "veintisiete", "veintiocho", "veintinueve", "treinta",
    "treinta y uno",
]
SPANISH_DAYS = {word: day for day, word in enumerate(_SPANISH_DAYS, 1)} | {"primero": 1}
FIRST_OF_MONTH = re.compile(
    rf"\b(?P<day_word>{'|'.join(sorted(SPANISH_DAYS, key=len, reverse=True))}) de {_MONTH}(?![a-z])")
# "hasta el lunes 30", "until Monday the 30th": the weekday only tells which day of the month it is
WEEKDAY_DAY = re.compile(
    r"\b(?:" + "|".join(WEEKDAYS + SPANISH_WEEKDAYS) + r")\s+(?:the\s+)?(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\b(?![/:])")
# "thru sat", "until Fri": a short weekday name, only after a word that ends something
WEEKDAY_SHORT = re.compile(
    r"\b(?:until|till|til|thru|through|next|this coming) (?P<short>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b")
SHORT_WEEKDAYS = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday",
                  "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"}
MONTH_DAY_WORDS = re.compile(
    rf"\b{_MONTH}\s+(?:the\s+)?(?P<day_word>" + "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True)) + r")\b")
TOMORROW = re.compile(r"\btomorrow\b|\bmanana\b")
DAY_AFTER_TOMORROW = re.compile(r"\b(?:the )?day after tomorrow\b|\bpasado manana\b")
# "no leads thru Thanksgiving", "hasta Navidad": a holiday is a date only as the end of something. "Till after
# Christmas" ends on the holiday, as "until after the 10th" ends on the 10th; "thru the Monday after
# Thanksgiving" on that Monday.


def _nth_weekday(month: int, weekday: int, nth: int) -> Callable[[int], date]:
    """The `nth` `weekday` of `month` in a year (nth -1: the last), as US floating holidays are set."""
    def day_in(year: int) -> date:
        if nth < 0:
            last = date(year, month, calendar.monthrange(year, month)[1])
            return last - timedelta(days=(last.weekday() - weekday) % 7)
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day_in


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    golden, century, rest = year % 19, year // 100, year % 100
    leap_century, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (19 * golden + century - leap_century - (century - correction + 1) // 3 + 15) % 30
    weekday = (32 + 2 * century_rest + 2 * (rest // 4) - moon - rest % 4) % 7
    shift = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


# The holidays people pause around, as written (lower case, no accents), each with its date in a given year; a
# longer name comes before the shorter one it starts with ("christmas eve", "christmas")
HOLIDAYS: tuple[tuple[re.Pattern[str], Callable[[int], date]], ...] = tuple(
    (re.compile(pattern), day_in) for pattern, day_in in (
        (r"thanksgiving(?: day)?|(?:el )?dia de accion de gracias", _nth_weekday(11, calendar.THURSDAY, 4)),
        (r"black friday", lambda year: _nth_weekday(11, calendar.THURSDAY, 4)(year) + timedelta(days=1)),
        (r"cyber monday", lambda year: _nth_weekday(11, calendar.THURSDAY, 4)(year) + timedelta(days=4)),
        (r"christmas eve|nochebuena", _fixed(12, 24)),
        (r"christmas(?: day)?|xmas|navidad", _fixed(12, 25)),
        (r"new year'?s eve", _fixed(12, 31)),
        (r"new year'?s(?: day)?|(?:el )?ano nuevo|the new year|(?:the )?(?:first|1st) of the year", _fixed(1, 1)),
        (r"(?:el )?dia de (?:los )?reyes|reyes|three kings(?: day)?", _fixed(1, 6)),
        (r"(?:mlk|martin luther king)(?: jr\.?)?(?: day)?", _nth_weekday(1, calendar.MONDAY, 3)),
        (r"presidents'? day|president'?s day", _nth_weekday(2, calendar.MONDAY, 3)),
        (r"valentine'?s(?: day)?|(?:el )?dia de san valentin", _fixed(2, 14)),
        (r"(?:st\.? |saint )?patrick'?s day|st\.? paddy'?s(?: day)?", _fixed(3, 17)),
        (r"easter(?: sunday)?|(?:el )?domingo de (?:pascua|resurreccion)", _easter),
        (r"cinco de mayo", _fixed(5, 5)),
        (r"mother'?s day", _nth_weekday(5, calendar.SUNDAY, 2)),
        (r"memorial day", _nth_weekday(5, calendar.MONDAY, -1)),
        (r"father'?s day", _nth_weekday(6, calendar.SUNDAY, 3)),
        (r"juneteenth", _fixed(6, 19)),
        (r"(?:the )?(?:4th|fourth) of july|independence day", _fixed(7, 4)),
        (r"labor day", _nth_weekday(9, calendar.MONDAY, 1)),
        (r"columbus day|indigenous peoples'? day", _nth_weekday(10, calendar.MONDAY, 2)),
        (r"halloween", _fixed(10, 31)),
        (r"veterans'? day", _fixed(11, 11)),
    ))
HOLIDAY = re.compile(
    r"\b(?:until|till|til|thru|through|hasta|back(?:\s+on)?|returning(?:\s+on)?)\s+(?:after\s+|despues\s+de\s+)?"
    r"(?:the\s+)?"
    r"(?:(?P<weekday_after>" + "|".join(WEEKDAYS) + r")\s+after\s+)?(?P<holiday>"
    + "|".join(pattern.pattern for pattern, _ in HOLIDAYS) + r")(?![a-z0-9])")


def parse_until(text: str, today: date) -> date | None:
    """The latest date `text` names, read relative to `today`; None when it names none.

    The latest, because a vacation written as a range ("Dec 20 - Jan 3") or with its return day ("for 2
    weeks, back Dec 7") should keep offers away until its end.
    """
    text = SPOKEN_TWO.sub("two ", text)
    text = WEEKDAY_SHORT.sub(lambda short: short.group().replace(short["short"], SHORT_WEEKDAYS[short["short"]]), text)
    matches = [(read, match) for pattern, read in _READERS for match in pattern.finditer(text)]
    found = [(read(match, today), match.start()) for read, match in matches if not _inside_another(match, matches)]
    named = [day for day, start in found if day is not None and AFTER_UNTIL.search(text[:start])]
    return max(named or [day for day, _ in found if day is not None], default=None)


def _inside_another(match: re.Match[str], matches: Sequence[tuple[object, re.Match[str]]]) -> bool:
    """Whether a longer match holds this one: "the Monday after Thanksgiving" names one day, not a Monday too."""
    return any(other.start() <= match.start() and match.end() <= other.end() and len(other.group()) > len(
        match.group()) for _, other in matches)


def calendar_date_ahead(text: str, today: date) -> bool:
    """Whether `text` names a month and day after `today` ("el 18 de diciembre", "12/18"); a weekday or a bare
    ordinal ("Friday", "the 20th") may be the one just past, so neither counts."""
    return any((day := _calendar_date(match, today)) is not None and day > today
               for pattern in (MONTH_DAY, DAY_MONTH, NUMERIC) for match in pattern.finditer(text))


def remove_dates(text: str) -> str:
    """`text` with written-out dates blanked, so a year ("Dec 3, 2026") is not taken for a referral code. Each
    date pattern needs a digit; most clauses have none, and are spared the three scans."""
    if not ANY_DIGIT.search(text):
        return text
    for pattern in (MONTH_DAY, DAY_MONTH, ISO):
        text = blanked(pattern, text)
    return text


ANY_DIGIT = re.compile(r"[0-9]")


def blanked(pattern: re.Pattern[str], text: str) -> str:
    """`text` with what `pattern` finds (a date, a zip, a phone number) blanked out, keeping every offset."""
    return pattern.sub(lambda match: " " * len(match.group()), text)


def _calendar_date(match: re.Match[str], today: date) -> date | None:
    groups = match.groupdict()
    month = MONTHS.get(match["month"]) or int(match["month"])
    day = (ORDINAL_DAYS | SPANISH_DAYS)[groups["day_word"]] if groups.get("day_word") else int(match["day"])
    spanish = match["month"].isdigit() and SPANISH_BEFORE.search(match.string[:match.start()]) is not None
    if month > 12 >= day or spanish or _named_day_first(match, month, day, today):  # "hasta el 15/12", "el 4/12"
        month, day = day, month
    if groups.get("year"):
        return _safe_date(_full_year(match["year"]), month, day)
    this_year = _safe_date(today.year, month, day)
    if this_year is not None and (this_year >= today or today - this_year <= RECENT_PAST):
        return this_year
    return _safe_date(today.year + 1, month, day)


# "hasta el 4/12", "regreso el 3/1": Spanish writes the day first
SPANISH_BEFORE = re.compile(r"\b(?:el|del|al)\s+$")


def _named_day_first(match: re.Match[str], month: int, day: int, today: date) -> bool:
    """Whether a weekday named right before a numeric date fits it only when read day first: "el lunes 7/12" is
    Monday, December 7 (July 12 is a Sunday)."""
    named = WEEKDAY_BEFORE.search(match.string[:match.start()])
    if named is None or not match["month"].isdigit() or day > 12:
        return False
    name = named["weekday"]
    weekday = WEEKDAYS.index(name) if name in WEEKDAYS else SPANISH_WEEKDAYS.index(name)
    as_written = _safe_date(today.year, month, day)
    swapped = _safe_date(today.year, day, month)
    return bool(swapped and swapped.weekday() == weekday and not (as_written and as_written.weekday() == weekday))


def _day_of_month(match: re.Match[str], today: date) -> date | None:
    """A day of the month ("the 5th"): this month if still ahead, else the next month that has that day."""
    day = int(match["day"] or match["el_day"])
    year, month = today.year, today.month
    for _ in range(13):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate > today:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _weekday(match: re.Match[str], today: date) -> date:
    """A weekday: "Monday" is the first Monday after today; "next Monday" is the Monday of next week.

    Weeks start on Sunday, as on US calendars, so on Sunday 2026-11-22 "next Monday" is 2026-11-30.
    """
    name = match["weekday"]
    target = WEEKDAYS.index(name) if name in WEEKDAYS else SPANISH_WEEKDAYS.index(name)
    if not (match["next"] or match["proximo"]):
        return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
    days_since_sunday = (today.weekday() + 1) % 7
    next_sunday = today + timedelta(days=7 - days_since_sunday)
    return next_sunday + timedelta(days=(target + 1) % 7)


def _duration(match: re.Match[str], today: date) -> date | None:
    count = COUNTS.get(match["count"]) or int(match["count"])
    unit = UNITS[match["unit"]]
    if unit == "month":
        return _add_months(today, count)
    days = count * 7 if unit == "week" else count
    return today + timedelta(days=days)


def _from_weekday(match: re.Match[str], today: date) -> date:
    """"two weeks from Friday": the coming Friday, then the weeks or days after it."""
    weekday = today + timedelta(days=(WEEKDAYS.index(match["weekday"]) - today.weekday() - 1) % 7 + 1)
    count = COUNTS.get(match["count"]) or int(match["count"])
    return weekday + timedelta(days=count * 7 if UNITS[match["unit"]] == "week" else count)


def _end_of_month(match: re.Match[str], today: date) -> date:
    return today.replace(day=calendar.monthrange(today.year, today.month)[1])


def _tomorrow(match: re.Match[str], today: date) -> date:
    return today + timedelta(days=1)


def _holiday(match: re.Match[str], today: date) -> date:
    """The holiday's next date (this year's, or next year's once it is behind `today`)."""
    day_in = next(day_in for pattern, day_in in HOLIDAYS if pattern.fullmatch(match["holiday"]))
    day = day_in(today.year)
    day = day if day >= today else day_in(today.year + 1)
    if match["weekday_after"]:
        day += timedelta(days=(WEEKDAYS.index(match["weekday_after"]) - day.weekday() - 1) % 7 + 1)
    return day


def _day_of_named_month(match: re.Match[str], today: date, day: int) -> date:
    """That day of the month named, this year or, when it is behind `today`, next year ("until January": Jan 1)."""
    month = MONTHS[match["month"]]
    found = date(today.year, month, day)
    return found if found >= today else date(today.year + 1, month, day)


def _add_months(start: date, months: int) -> date | None:
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    if year > 9999:
        return None
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def _end_of_named_month(match: re.Match[str], today: date) -> date:
    """"through the end of February": that month's last day, this year if still ahead, else next year."""
    month = MONTHS[match["month"]]
    year = today.year if month >= today.month else today.year + 1
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _next_sunday(today: date) -> date:
    """"until next week": the day next week starts (weeks start on Sunday, as for "next Monday")."""
    return today + timedelta(days=7 - (today.weekday() + 1) % 7)


def _full_year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date], date | None]], ...] = (
    (ISO, _calendar_date),
    (NUMERIC, _calendar_date),
    (MONTH_DAY, _calendar_date),
    (MONTH_RANGE, _calendar_date),
    (FIRST_OF_MONTH, _calendar_date),
    (WEEKDAY_DAY, _day_of_month),

    (DAY_MONTH, _calendar_date),
    (MONTH_DAY_WORDS, _calendar_date),
    (DAY_OF_MONTH, _day_of_month),
    (WEEKDAY, _weekday),
    (TOMORROW, _tomorrow),
    (DAY_AFTER_TOMORROW, lambda match, today: today + timedelta(days=2)),
    (HOLIDAY, _holiday),
    (FROM_WEEKDAY, _from_weekday),
    (DURATION, _duration),
    (END_OF_MONTH, _end_of_month),
    (END_OF_YEAR, lambda match, today: date(today.year, 12, 31)),
    (END_OF_NAMED_MONTH, _end_of_named_month),
    (MID_MONTH, lambda match, today: _day_of_named_month(match, today, 15)),
    (UNTIL_MONTH, lambda match, today: _day_of_named_month(match, today, 1)),
    (UNTIL_NEXT_WEEK, lambda match, today: _next_sunday(today)),
    (UNTIL_WEEK_AFTER_NEXT, lambda match, today: _next_sunday(today) + timedelta(days=7)),
)
