"""Our own email corpus (`tests/email_corpus/`), through the code path `referral-bot parse-email` runs.

Each file is a reply to one of our emails, shaped the way its client writes it: Gmail (web, Android; several
languages), Outlook (Windows desktop, web, iOS and Android), Apple Mail, iPhone and iPad, Yahoo, Thunderbird, and
auto-replies. `index.json` gives, per file, the visible reply (exact, or substrings it must and must not contain),
the auto-reply flag and, where the reply is a command, the intent. Written for this project, so the suite stands
alone; the larger third-party corpus is the extra tier in test_email_corpus_third_party.py.
"""
from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from referral_bot.cli import email_row

CORPUS = Path(__file__).resolve().parent / "email_corpus"
ENTRIES: list[dict[str, Any]] = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))["files"]
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_visible_reply_and_intent_match_the_index(entry: dict[str, Any]) -> None:
    row = email_row((CORPUS / entry["file"]).read_bytes(), NOW)
    if "expected_reply" in entry:
        assert row["reply"] == entry["expected_reply"]
    assert [s for s in entry.get("expected_contains", []) if s not in row["reply"]] == []
    assert [s for s in entry.get("expected_not_contains", []) if s in row["reply"]] == []
    assert row["auto_reply"] is entry["expected_auto_reply"]
    if "expected_intent" in entry:
        assert row["intent"] == entry["expected_intent"]


def test_every_entry_checks_the_reply_or_is_an_auto_reply() -> None:
    for entry in ENTRIES:
        checks_reply = "expected_reply" in entry or "expected_contains" in entry
        assert checks_reply or entry["expected_auto_reply"], entry["file"]


def test_index_and_files_agree() -> None:
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.eml")}
    assert on_disk == {e["file"] for e in ENTRIES}


def test_corpus_covers_the_clients_we_promise() -> None:
    folders = Counter(e["file"].split("/")[0] for e in ENTRIES)
    for client in ("gmail", "outlook_desktop", "outlook_web", "outlook_mobile", "apple_mail", "iphone", "yahoo",
                   "thunderbird", "auto"):
        assert folders[client] >= 2, client
    assert sum(e["expected_auto_reply"] for e in ENTRIES) >= 5
