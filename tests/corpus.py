"""The labelled parser corpus (tests/parser_corpus/*.tsv): loading, scoring, and a per-intent report.

A row is *exact* when intent, ref, amount and until all match (and the reason, when the row gives one). An
*unasked action* is an action intent produced where the label is something else: the one mistake the bot
must never make, because it changes state nobody asked to change.

    python -m tests.corpus tune        # per-intent figures and the misses of the tune part
    python -m tests.corpus missed.tsv  # the same for a file `referral-bot corpus export` wrote
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.intents import intent_to_json
from bot.parser import parse_text

CORPUS_DIR = Path(__file__).parent / "parser_corpus"
NOW = datetime.fromisoformat("2026-11-22T12:00:00+00:00")  # a Sunday
SPLITS = ("tune", "heldback", "blind")  # blind: batches written and committed before the parser read them
ACTIONS = frozenset(
    ["claim", "invoice", "sold", "no_sale", "in_progress", "invalid", "fail", "pause", "agree", "award", "call",
     "connect"]
)
FIELDS = ("intent", "ref", "amount", "until")


@dataclass(frozen=True, slots=True)
class Row:
    channel: str
    text: str
    expected: dict[str, Any]
    reason: str | None  # checked only when given
    batch: str | None = None  # blind.tsv: the batch the row was written in
    now: datetime = NOW  # the optional `now` column: when the message was read (exported review items)


@dataclass(frozen=True, slots=True)
class Scored:
    row: Row
    got: dict[str, Any]

    @property
    def exact(self) -> bool:
        same = all(self.got[field] == self.row.expected[field] for field in FIELDS)
        return same and (self.row.reason is None or self.got["reason"] == self.row.reason)

    @property
    def unasked_action(self) -> bool:
        return self.got["intent"] in ACTIONS and self.got["intent"] != self.row.expected["intent"]


def load(split: str) -> list[Row]:
    return load_file(CORPUS_DIR / f"{split}.tsv")


def load_file(path: Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [_row(record) for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _row(record: dict[str, str]) -> Row:
    text = record["text"].replace("\\n", "\n").replace("\\t", "\t")
    expected = {
        "intent": record["intent"],
        "ref": record["ref"] or None,
        "amount": int(record["amount"]) if record["amount"] else None,
        "until": record["until"] or None,
    }
    now = datetime.fromisoformat(record["now"]) if record.get("now") else NOW
    return Row(record["channel"], text, expected, record["reason"] or None, record.get("batch") or None, now)


def score(rows: list[Row]) -> list[Scored]:
    return [Scored(row, intent_to_json(parse_text(row.text, row.channel, row.now))) for row in rows]


def per_intent(scored: list[Scored]) -> dict[str, tuple[int, int]]:
    """Expected intent -> (exact, total)."""
    totals, exact = Counter(), Counter()
    for item in scored:
        totals[item.row.expected["intent"]] += 1
        exact[item.row.expected["intent"]] += item.exact
    return {intent: (exact[intent], totals[intent]) for intent in sorted(totals)}


def report(split: str, *, show_misses: bool) -> None:
    """A split's figures; `split` may also be the path of a .tsv file (an exported `referral-bot corpus export`)."""
    scored = score(load_file(Path(split)) if split.endswith(".tsv") else load(split))
    exact = sum(item.exact for item in scored)
    print(f"{split}: {exact}/{len(scored)} exact ({100 * exact / len(scored):.1f}%), "
          f"unasked actions: {sum(item.unasked_action for item in scored)}")
    for batch in sorted({item.row.batch for item in scored if item.row.batch}, key=int):
        part = [item for item in scored if item.row.batch == batch]
        print(f"  batch {batch}: {sum(item.exact for item in part)}/{len(part)} exact, "
              f"unasked actions: {sum(item.unasked_action for item in part)}")
    for intent, (hits, total) in per_intent(scored).items():
        print(f"  {intent:12} {hits:4}/{total:<4} {100 * hits / total:5.1f}%")
    if show_misses:
        for item in scored:
            if not item.exact:
                flag = "ACTION " if item.unasked_action else ""
                print(f"{flag}{item.row.text!r}\n   want {item.row.expected} {item.row.reason}\n   got  {item.got}")


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "tune"
    report(chosen, show_misses="--misses" in sys.argv or chosen == "tune")
