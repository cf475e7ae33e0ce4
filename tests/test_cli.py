"""The command line as other tools use it: `referral-bot parse` and `parse-email` print one JSON line each;
a user's mistake (a bad flag value, a file, DATABASE_URL, a port in use) is one line on stderr and exit status 2."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.peers.twilio_peers import free_port

SAMPLES = Path(__file__).resolve().parent / "email_samples"
CORPUS = Path(__file__).resolve().parent / "email_corpus"


def cli(*args: str, stdin: str = "") -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", *args], input=stdin, capture_output=True,
                            text=True, timeout=60, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def cli_mistake(*args: str, cwd: Path, stdin: str = "", **env: str) -> str:
    """Run the real command expecting a user's mistake; return its one stderr line."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "ADMIN_TOKEN"))}
    environment.update(env)
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", *args], input=stdin, capture_output=True,
                            text=True, timeout=60, cwd=cwd, env=environment)
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("referral-bot: "), result.stderr
    assert result.returncode == 2
    return result.stderr.strip()


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
    assert (sold["file"], away["file"]) == (str(SAMPLES / "gmail_sold.eml"), str(SAMPLES / "out_of_office.eml"))
    assert (sold["intent"], sold["amount"], sold["auto_reply"]) == ("sold", 452500, False)
    assert "wrote:" not in sold["reply"] and sold["reply"].startswith("Sold")
    assert (away["intent"], away["auto_reply"]) == ("unknown", True)


def test_parse_email_names_the_file_of_each_line():
    index = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))["files"]
    paths = [str(CORPUS / e["file"]) for e in index]
    rows = cli("parse-email", "--now", "2026-11-23T15:00:00Z", *paths)
    assert [r["file"] for r in rows] == paths
    expected = {str(CORPUS / e["file"]): e["expected_intent"] for e in index if "expected_intent" in e}
    assert {r["file"]: r["intent"] for r in rows if r["file"] in expected} == expected


# -- a user's mistake: one line on stderr, exit status 2, no traceback --------------------------------------

@pytest.mark.parametrize("command", ["parse", "parse-email"])
def test_bad_now_is_one_line(command, tmp_path):
    files = [str(SAMPLES / "gmail_sold.eml")] if command == "parse-email" else []
    line = cli_mistake(command, "--now", "next tuesday", *files, cwd=tmp_path, stdin="sold 4821\n")
    assert "--now 'next tuesday' is not an ISO-8601 time" in line


def test_missing_email_file_is_one_line(tmp_path):
    line = cli_mistake("parse-email", str(SAMPLES / "gmail_sold.eml"), "no-such.eml", cwd=tmp_path)
    assert line == "referral-bot: no-such.eml: cannot read: No such file or directory"


def test_unreadable_email_is_one_line(tmp_path):
    (tmp_path / "a-folder.eml").mkdir()
    line = cli_mistake("parse-email", "a-folder.eml", cwd=tmp_path)
    assert line == "referral-bot: a-folder.eml: cannot read: Is a directory"


def test_wrong_database_url_is_one_line(tmp_path):
    closed = free_port()
    cases = {"mysql://u@127.0.0.1/referrals": "DATABASE_URL is not usable: DATABASE_URL must be sqlite or postgresql",
             "not a url": "DATABASE_URL is not usable: Could not parse",
             f"sqlite:///{tmp_path}/no-such-folder/rb.db": "cannot open the database: unable to open database file",
             f"postgresql://rb:hunter2secret@127.0.0.1:{closed}/rb": "cannot open the database: [Errno 111]"}
    for url, expected in cases.items():
        line = cli_mistake("migrate", cwd=tmp_path, DATABASE_URL=url)
        assert expected in line
        assert "hunter2secret" not in line


def test_run_with_unreachable_database_is_one_line(tmp_path):
    url = f"postgresql://rb:hunter2secret@127.0.0.1:{free_port()}/rb"
    line = cli_mistake("run", "--demo", "--port", str(free_port()), "--smtp-port", str(free_port()), cwd=tmp_path,
                       DATABASE_URL=url)
    assert "cannot open the database" in line and "hunter2secret" not in line


@pytest.mark.parametrize("taken", ["web", "smtp"])
def test_run_on_a_port_in_use_is_one_line(taken, tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        busy = holder.getsockname()[1]
        ports = {"web": busy, "smtp": free_port()} if taken == "web" else {"web": free_port(), "smtp": busy}
        line = cli_mistake("run", "--demo", "--port", str(ports["web"]), "--smtp-port", str(ports["smtp"]),
                           cwd=tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/rb.db")
    names = "HOST/PORT (--host/--port)" if taken == "web" else "SMTP_HOST/SMTP_PORT (--smtp-port)"
    assert line == f"referral-bot: {names}: cannot listen on 127.0.0.1:{busy}: Address already in use"
