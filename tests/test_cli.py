"""The command line as other tools use it: `referral-bot parse` and `parse-email` print one JSON line each."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "email_samples"


def cli(*args: str, stdin: str = "") -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", *args], input=stdin, capture_output=True,
                            text=True, timeout=60, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_parse_prints_the_contract_fields_for_each_line():
    lines = ["YES 4821", "SOLD #4821 $450k", "pause until Dec 3", "don't claim yet", "STOP", "AWARD 2", "call me"]
    rows = cli("parse", "--now", "2026-11-22T12:00:00Z", stdin="\n".join(lines) + "\n")
    assert [r["intent"] for r in rows] == ["claim", "sold", "pause", "unknown", "stop", "award", "call"]
    assert rows[0] == {"intent": "claim", "ref": "4821", "amount": None, "until": None, "reason": None}
    assert (rows[1]["ref"], rows[1]["amount"]) == ("4821", 450000)
    assert rows[2]["until"] == "2026-12-03"
    assert rows[5]["choice"] == 2
    assert all(list(r)[:5] == ["intent", "ref", "amount", "until", "reason"] for r in rows)


def test_parse_explain_says_which_rule_decided_with_a_score_and_the_alternatives():
    lines = ["k", "Going to Hawaii, back on Dec 14. Pause my leads please", "Yes, I'm working with them"]
    rows = cli("parse", "--now", "2026-11-22T12:00:00Z", "--explain", stdin="\n".join(lines) + "\n")
    ack, pause, progress = rows
    assert (ack["intent"], ack["reason"]) == ("unknown", "ack")
    assert ack["explain"] == {"rule": "bare acknowledgement", "score": 0.5, "alternatives": ["claim", "invoice"]}
    assert (pause["intent"], pause["until"]) == ("pause", "2026-12-14")
    assert pause["explain"]["alternatives"] == ["resume"]
    assert progress["explain"]["rule"].startswith("in_progress:") and "claim" in progress["explain"]["alternatives"]
    assert list(progress)[:5] == ["intent", "ref", "amount", "until", "reason"]


def test_parse_without_explain_keeps_the_contract_shape():
    (row,) = cli("parse", "--now", "2026-11-22T12:00:00Z", stdin="sold 450\n")
    assert row == {"intent": "sold", "ref": None, "amount": 450000, "until": None, "reason": None}


def test_parse_email_gives_the_visible_reply_and_auto_reply_flag():
    rows = cli("parse-email", "--now", "2026-11-22T12:00:00Z", str(SAMPLES / "gmail_sold.eml"),
               str(SAMPLES / "out_of_office.eml"))
    sold, away = rows
    assert (sold["intent"], sold["amount"], sold["auto_reply"]) == ("sold", 452500, False)
    assert "wrote:" not in sold["reply"] and sold["reply"].startswith("Sold")
    assert (away["intent"], away["auto_reply"]) == ("unknown", True)
