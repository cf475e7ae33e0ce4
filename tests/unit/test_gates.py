"""The gates in front of the phrase patterns (bot/gates.py) only ever skip a search that could not match: over
every other clause of the corpus (and some with a word dropped), the gated phrase book finds the same intent as
the plain patterns, and names the same intents in every fifth. (A full comparison over every clause with a word
dropped, 36,082 texts, found no difference when the gates were written.)"""
from __future__ import annotations

import functools
import random
import re

import pytest

from bot import parser, phrases
from bot.gates import GatedPattern, PhraseBook, required_words
from bot.parser import LEADING_OK, _clauses, _normalise, _strip_ref, reply_lines
from tests.corpus import SPLITS, load

PLAIN = tuple((key, re.compile("|".join(patterns))) for key, patterns in phrases.COMMANDS)
BOOK = PhraseBook(phrases.COMMANDS)


@functools.cache
def corpus_clauses() -> list[str]:
    texts: list[str] = []
    for split in SPLITS:
        for row in load(split):
            for text in (row.text, *reply_lines(row.text)):
                texts.extend(LEADING_OK.sub("", _strip_ref(clause.text)) for clause in _clauses(_normalise(text)))
    return list(dict.fromkeys(texts))


def with_a_word_dropped(texts: list[str]) -> list[str]:
    chance = random.Random(15)
    dropped = []
    for text in texts:
        words = text.split()
        if len(words) > 2:
            gone = chance.randrange(len(words))
            dropped.append(" ".join(words[:gone] + words[gone + 1:]))
    return dropped


def test_the_gated_book_reads_every_clause_as_the_plain_patterns_do() -> None:
    texts = corpus_clauses()[::2]
    texts += with_a_word_dropped(texts[::4])
    for text in texts:
        assert BOOK.first(text) == next((key for key, pattern in PLAIN if pattern.search(text)), None), text


def test_the_gated_book_names_each_intent_as_the_plain_patterns_do() -> None:
    keys = {key for key, _ in PLAIN}
    for text in corpus_clauses()[::5]:
        for key in keys:
            assert BOOK.names(text, key) == any(name == key and p.search(text) for name, p in PLAIN), (key, text)


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\bvacation\b", ("vacation",)),
    (r"(?<!your )\b(?:reanud|reactiv)\w*", ("reanud", "reactiv")),
    (r"\bsolld?\b", ("soll",)),  # the optional last letter is not required
    (r"\bi'?m out\b", ("m out",)),  # "i" alone is too short to gate anything; the run after it is needed
    (r"\b(?:e-?mail) bounced\b", ("bounced",)),  # the longest of the parts every match holds
    (r"^status\b|\bestado\b", ("status", "estado")),
    (r"^status\b|[0-9]+ open", ("status", "open")),
    (r"^status\b|[0-9]+ ok", None),  # one alternative needs no word long enough, so the pattern always runs
    (r"\b(?:sold|closed)?\b at", None),  # an optional group is never required
    (r"\b(?:la|lo) cojo\b", ("cojo",)),
    (r"yes+ sir", ("yes",)),  # a letter repeated is still needed once; of two as long, the first
    (r"ab{2,3}cdef", ("cdef",)),  # a letter that may repeat or not is not
    (r"\u00bfhola que", ("hola que",)),  # an escape is one character, never a word
    (r"\b(?P<word>sold|vendid[oa]) (?:at|en)", ("sold", "vendid")),
    (r"\b(?:i|we)(?: will|'ll)? take\b[^.]*\bnow\b", ("take",)),
    (r"\s+(?=before i\b)", ("before i",)),  # what a lookahead asks for is in the text too
    (r"(?:(?<=landed)|(?<=arrived))\s+", ("landed", "arrived")),  # and what a lookbehind asks for
    (r"(?<!not )\bsold\b", ("sold",)),  # a negative lookaround asks for nothing
    (r"(?=abcd)?x", None),  # nor an optional one
])
def test_the_words_a_pattern_needs(pattern: str, words: tuple[str, ...] | None) -> None:
    assert required_words(pattern) == words


GUARDS = {name: value for name, value in vars(parser).items() if isinstance(value, GatedPattern)}


@functools.cache
def corpus_texts() -> list[str]:
    """Every message and every reply line of the corpus, normalised as the guards read them."""
    texts = [_normalise(text) for split in SPLITS for row in load(split) for text in (row.text, *reply_lines(row.text))]
    return list(dict.fromkeys(texts))


def test_the_parser_gates_its_long_guards() -> None:
    assert {"HYPOTHETICAL", "STOP", "AUTO_REPLY", "ON_BEHALF"} <= set(GUARDS)


@pytest.mark.parametrize("name", sorted(GUARDS))
def test_a_gated_guard_finds_what_the_whole_pattern_finds(name: str) -> None:
    guard = GUARDS[name]
    texts = corpus_texts()[::3]
    texts += with_a_word_dropped(texts[::3])
    for text in texts:
        assert [m.span() for m in guard.finditer(text)] == [m.span() for m in guard.whole.finditer(text)], text


def test_a_gated_pattern_keeps_the_order_of_its_alternatives() -> None:
    guard = GatedPattern(r"\bmaybe later\b|\bmaybe\b|\bif\b")  # the first alternative wins at the same place
    assert guard.search("ok maybe later then").group() == "maybe later"
    assert guard.search("yes if so").group() == "if"
    assert guard.search("nothing here") is None
    assert guard.search("Maybe") is None and GatedPattern(r"\bmaybe\b", re.IGNORECASE).search("Maybe") is not None


def test_a_gated_pattern_matches_and_splits_as_the_whole_pattern_does() -> None:
    texts = corpus_texts()[::4]
    for text in texts:
        assert parser.CLAUSE_BREAK.split(text) == parser.CLAUSE_BREAK.whole.split(text), text
        found, whole = parser.RETRACTED.match(text), parser.RETRACTED.whole.match(text)
        assert (found and found.span()) == (whole and whole.span()), text


def test_a_gated_replacement_reads_groups_only_where_they_are_the_whole_patterns() -> None:
    one = GatedPattern(r"\bsold (?P<price>[0-9]+)k\b")
    assert one.sub(lambda found: found["price"], "sold 450k, yay") == "450, yay"
    assert one.sub(r"\g<price>", "sold 450k") == "450"
    no_groups = GatedPattern(r"\bpast on\b|\ba word\b")
    assert no_groups.sub(lambda heard: heard.group().upper(), "a word 4821") == "A WORD 4821"
    grouped = GatedPattern(r"\b(sold) (?P<price>[0-9]+)\b|\b(closed)\b")
    with pytest.raises(AssertionError):
        grouped.sub(lambda found: found[1], "sold 450")
    with pytest.raises(AssertionError):
        grouped.split("sold 450")


def test_the_zip_context_searched_near_numbers_blanks_what_a_whole_search_blanks() -> None:
    texts = [text for text in corpus_texts() if parser.THREE_DIGITS.search(text)][::2]
    texts += with_a_word_dropped(texts[::3])
    for text in texts:
        assert parser._zips_blanked(text) == parser.dates.blanked(parser.ZIP_CONTEXT.whole, text), text


def test_the_book_finds_the_gate_words_a_text_holds_by_their_first_letters() -> None:
    for text in corpus_clauses()[::2]:
        assert BOOK.present(text) == frozenset(word for word in BOOK.words if word in text), text


def test_a_gated_pattern_replaces_what_the_whole_pattern_replaces() -> None:
    guard = parser.BENIGN_CONDITION
    for text in corpus_texts()[::5]:
        assert guard.sub(" ", text) == guard.whole.sub(" ", text), text
    with pytest.raises(AssertionError):
        guard.sub(r"\1", "if you want")
