"""Cheap gates in front of the keyword patterns: a pattern is searched only when a word it cannot match without
is in the text.

A pattern that opens with `\\b` gets none of the `re` module's fast literal-prefix search, so each of the several
hundred phrase patterns cost about as much as a scan of the clause, whatever its words. Most phrases open with a
literal word ("\\bvacation\\b", "\\b(?:reanud|reactiv)\\w*"), and a text without that word cannot match them: a
substring test (`in`) answers that in a few tens of nanoseconds. The gate is exact: it only ever skips a search
that could not match, so a reading never changes (tests/unit/test_gates.py compares every corpus clause).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

SHORTEST_GATE = 3  # a shorter word is in nearly every text, so it would gate nothing
_SPECIAL = set("\\[(.|)?*+{^$")
_OPTIONAL = set("?*{")


@dataclass(frozen=True, slots=True)
class Gated:
    """One intent's patterns: those searched only when one of their words is in the text, and the rest.
    `by_word` is the index from a gate word to the patterns it opens, so a text's words name the patterns to
    search directly instead of every gate being asked in turn."""

    gated: tuple[tuple[frozenset[str], re.Pattern[str]], ...]
    always: re.Pattern[str] | None
    by_word: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def search(self, text: str, present: frozenset[str]) -> bool:
        if self.always is not None and self.always.search(text):
            return True
        opened = {index for word in present for index in self.by_word.get(word, ())}
        return any(self.gated[index][1].search(text) for index in opened)


class PhraseBook:
    """Every intent's phrase patterns in order, behind their gates. Which gate words a text holds is worked out
    once per text (a few hundred substring tests in C), then each pattern's gate is one set intersection."""

    def __init__(self, commands: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.intents = tuple((key, gate(patterns)) for key, patterns in commands)
        self.words = tuple(sorted({word for _, gated in self.intents for words, _ in gated.gated for word in words}))
        by_start: dict[str, list[str]] = {}
        for word in self.words:  # every gate word is SHORTEST_GATE long at least: its first three letters index it
            by_start.setdefault(word[:SHORTEST_GATE], []).append(word)
        self.by_start = {start: tuple(words) for start, words in by_start.items()}

    def present(self, text: str) -> frozenset[str]:
        return self._present(text)

    def forget(self) -> None:
        """Drop the memoised word sets (a benchmark times a text read for the first time)."""
        self._present.cache_clear()

    @lru_cache(maxsize=8192)  # noqa: B019  # the book lives as long as the process; a clause is asked about often
    def _present(self, text: str) -> frozenset[str]:
        """The gate words in `text`: only those starting with one of the text's three-letter runs are tested (a
        long email holds a few hundred runs; testing each of the book's twelve hundred words was the cost)."""
        starts = {text[index:index + SHORTEST_GATE] for index in range(len(text) - SHORTEST_GATE + 1)}
        return frozenset(word for start in starts for word in self.by_start.get(start, ()) if word in text)

    def first(self, text: str) -> str | None:
        """The first intent, in the book's order, with a phrase in `text`."""
        present = self.present(text)
        return next((key for key, gated in self.intents if gated.search(text, present)), None)

    def names(self, text: str, key: str) -> bool:
        """Whether a phrase of `key` is in `text`."""
        present = self.present(text)
        return any(name == key and gated.search(text, present) for name, gated in self.intents)


def gate(patterns: tuple[str, ...]) -> Gated:
    """The patterns of one intent, each behind the words it needs when it has some."""
    gated, always = [], []
    for pattern in patterns:
        words = required_words(pattern)
        if words:
            gated.append((frozenset(words), re.compile(pattern)))
        else:
            always.append(pattern)
    by_word: dict[str, list[int]] = {}
    for index, (needed, _) in enumerate(gated):
        for word in needed:
            by_word.setdefault(word, []).append(index)
    return Gated(tuple(gated), re.compile("|".join(always)) if always else None,
                 {word: tuple(indices) for word, indices in by_word.items()})


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains, or None when no such short list is known."""
    alternatives = _split_top(pattern)
    found: list[str] = []
    for alternative in alternatives:
        words = _sequence_words(alternative)
        if not words:
            return None
        found.extend(words)
    return tuple(dict.fromkeys(found))


def _sequence_words(pattern: str) -> list[str] | None:
    """The words one of which every match of a pattern with no top-level `|` contains: of the parts it cannot
    match without (a literal run, a group every alternative of which needs words), the one whose shortest word is
    longest ("\\bi'?m all over\\b" needs "m all over"; "\\b(?:la|lo) cojo\\b" needs "cojo"). None when no part gives
    one, or when the pattern holds syntax this reading does not know."""
    best: list[str] | None = None
    index = 0
    while True:
        index = _skip_zero_width(pattern, index)
        if index >= len(pattern):
            return best
        part = _part(pattern, index)
        if part is None:
            return best
        words, index = part
        if words and (best is None or min(map(len, words)) > min(map(len, best))):
            best = words


def _part(pattern: str, index: int) -> tuple[list[str] | None, int] | None:
    """The words the part of `pattern` at `index` needs (None if none for sure) and where the next part starts;
    None for syntax not read here."""
    char = pattern[index]
    if pattern.startswith(("(?=", "(?<="), index):  # what a lookahead or lookbehind asks for must be in the text too
        end = _closing(pattern, index)
        if end is None:
            return None
        optional = end + 1 < len(pattern) and pattern[end + 1] in _OPTIONAL
        words = None if optional else required_words(pattern[pattern.index("=", index) + 1:end])
        return (list(words) if words else None), _past_quantifier(pattern, end + 1)
    if char == "(":
        opened = _group_body(pattern, index)
        end = _closing(pattern, index)
        if opened is None or end is None:
            return None
        optional = end + 1 < len(pattern) and pattern[end + 1] in _OPTIONAL
        inner = [_sequence_words(alternative) for alternative in _split_top(pattern[opened:end])]
        needed = None if optional or not all(inner) else [word for words in inner for word in words or ()]
        return needed, _past_quantifier(pattern, end + 1)
    if char == "\\":
        width = ESCAPE_WIDTHS.get(pattern[index + 1:index + 2], 2)
        return None, _past_quantifier(pattern, index + width)
    if char == "[":
        end = _class_end(pattern, index)
        return (None, _past_quantifier(pattern, end + 1)) if end is not None else None
    if char in ".$":
        return None, _past_quantifier(pattern, index + 1)
    if char in "|)?*+{":
        return None
    start = index
    while index < len(pattern) and pattern[index] not in _SPECIAL:
        index += 1
    run = pattern[start:index]
    if index < len(pattern) and pattern[index] in _OPTIONAL:
        run = run[:-1]  # "i'?m" needs only "i" here
    index = _past_quantifier(pattern, index)  # "yes+" needs "yes"
    run = run.strip()
    return ([run] if len(run) >= SHORTEST_GATE else None), index


ESCAPE_WIDTHS = {"u": 6, "x": 4, "U": 10}  # "\\u00bf" is one character


def _group_body(pattern: str, index: int) -> int | None:
    """Where the alternatives of the group opened at `index` begin: after "(", "(?:" or "(?P<name>"."""
    if pattern.startswith("(?:", index):
        return index + 3
    if pattern.startswith("(?P<", index):
        close = pattern.find(">", index)
        return close + 1 if close > 0 else None
    return None if pattern.startswith("(?", index) else index + 1


def _class_end(pattern: str, index: int) -> int | None:
    """The index of the "]" closing the character class opened at `index`."""
    position = index + 1 + (pattern.startswith("^", index + 1))
    position += pattern.startswith("]", position)
    while position < len(pattern):
        if pattern[position] == "\\":
            position += 2
            continue
        if pattern[position] == "]":
            return position
        position += 1
    return None


def _past_quantifier(pattern: str, index: int) -> int:
    """Past the quantifier (and its lazy or possessive mark) that may follow a part."""
    if index < len(pattern) and pattern[index] in "?*+":
        index += 1
    elif index < len(pattern) and pattern[index] == "{":
        close = pattern.find("}", index)
        index = close + 1 if close > 0 else index
    if index < len(pattern) and pattern[index] in "?+":
        index += 1
    return index


def _skip_zero_width(pattern: str, index: int) -> int:
    """Past the anchors and negative lookarounds a pattern opens with: they consume no text, and need none."""
    while index < len(pattern):
        if pattern.startswith("\\b", index):
            index += 2
        elif pattern.startswith("^", index):
            index += 1
        elif pattern.startswith(("(?<!", "(?!"), index):
            end = _closing(pattern, index)
            if end is None:
                return len(pattern)
            index = end + 1
        else:
            return index
    return index


def _closing(pattern: str, start: int) -> int | None:
    """The index of the parenthesis closing the group opened at `start`."""
    return next((index for index, char, depth in _syntax(pattern, start) if char == ")" and depth == 0), None)


def _split_top(pattern: str) -> list[str]:
    """`pattern` cut at its top-level `|`."""
    cuts = [index for index, char, depth in _syntax(pattern, 0) if char == "|" and depth == 0]
    return [pattern[begin + 1:end] for begin, end in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def _syntax(pattern: str, start: int) -> Iterator[tuple[int, str, int]]:
    """Each character of `pattern` from `start` that is not escaped nor inside a character class, with the group
    depth after it (a `(` counts in, a `)` counts out)."""
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
            yield index, char, depth
        index += 1


class GatedPattern:
    """One large alternation (a guard such as "a hedge", "someone else's news") searched in a long text: only its
    alternatives that can match there, in their own order, are compiled together and searched, so the result is
    the whole pattern's (the leftmost match, the first alternative at that place). An alternative with no word
    of its own is always kept. Only `search`, `match`, `finditer`, `split` and `sub` are offered, and a replacement
    may read groups only where the pattern is one alternative (gated or not, it is then the whole pattern):
    elsewhere group numbers would differ."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self.folded = bool(flags & re.IGNORECASE)  # asked once: the flag's enum arithmetic was a cost per search
        self.whole = re.compile(pattern, flags)
        self.alternatives = tuple(_split_top(pattern))
        self.needs = tuple(frozenset(words) if (words := required_words(alternative)) else None
                           for alternative in self.alternatives)
        self.words = tuple(sorted({word for needed in self.needs if needed for word in needed}))
        self.always = tuple(index for index, needed in enumerate(self.needs) if needed is None)
        self.opened_by = {word: frozenset(index for index, needed in enumerate(self.needs) if needed and word in needed)
                          for word in self.words}
        self.compiled: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def search(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.search(text) if pattern is not None else None

    def match(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.match(text) if pattern is not None else None

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """The matches from `start` to `end`; the alternatives are chosen by the whole text, which a lookbehind
        before `start` may read."""
        pattern = self._for(text)
        if pattern is None:
            return iter(())
        return pattern.finditer(text, start, len(text) if end is None else end)

    def split(self, text: str) -> list[str]:
        """`text` split where the pattern matches; a pattern that splits keeps no group."""
        assert self.whole.groups == 0, "a split by a gated pattern would keep groups that differ"
        pattern = self._for(text)
        return pattern.split(text) if pattern is not None else [text]

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        """`text` with every match replaced by `replacement`; one that reads groups (a `\\1`, a function given
        the match) only where there are none to differ: one alternative, or no group."""
        if callable(replacement):
            assert len(self.alternatives) == 1 or self.whole.groups == 0, "a gated pattern's groups differ"
        else:
            assert "\\" not in replacement or len(self.alternatives) == 1, "a gated pattern's groups differ"
        pattern = self._for(text)
        return pattern.sub(replacement, text) if pattern is not None else text

    def _for(self, text: str) -> re.Pattern[str] | None:
        probe = text.lower() if self.folded else text
        present = [word for word in self.words if word in probe]
        chosen = tuple(sorted(self.always + tuple(frozenset().union(*map(self.opened_by.__getitem__, present))))) if (
            present) else self.always
        if chosen not in self.compiled:
            self.compiled[chosen] = (
                None if not chosen else self.whole if len(chosen) == len(self.alternatives)
                else re.compile("|".join(self.alternatives[index] for index in chosen), self.flags))
        return self.compiled[chosen]
