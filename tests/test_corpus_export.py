"""`referral-bot corpus export`: each review item an operator resolved becomes a labelled example in the parser
corpus's format (tests/parser_corpus), so the messages the bot missed become tests."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime

from bot.review import CORPUS_COLUMNS, corpus_line
from store import review_inbox as review
from tests.corpus import load_file, score
from tests.flows import add_agents, new_referral, text_in

RUN = [sys.executable, "-m", "referral_bot.cli"]


async def test_resolved_items_export_as_rows_the_corpus_loader_reads_back(client, store, clock, settings, tmp_path):
    await add_agents(store, clock, 2)
    code = (await new_referral(client))["code"]
    await text_in(client, settings, "+15125550001", f"re {code}: I can do it tmrw")
    await text_in(client, settings, "+15125550002", "hmm not sure\nwill think")
    await text_in(client, settings, "+15125550002", "what's the school district like")  # left open: not exported
    first, second, _ = await (await client.get("/api/review", headers=client.admin)).json()
    assert (await client.post(f"/api/review/{first['id']}/act", json={"intent": "claim", "ref": code},
                              headers=client.admin)).status == 200
    assert (await client.post(f"/api/review/{second['id']}/dismiss", json={"note": "thinking aloud"},
                              headers=client.admin)).status == 200

    rows = await store.run(review.corpus_examples)
    read_at = clock.now().astimezone().__class__.fromisoformat(rows[0]["now"])
    assert read_at == clock.now() and read_at.utcoffset().total_seconds() == -6 * 3600  # Chicago's clock
    assert [{k: v for k, v in row.items() if k != "now"} for row in rows] == [
        {"channel": "sms", "text": f"re {code}: I can do it tmrw", "intent": "claim", "ref": code, "amount": "",
         "until": "", "reason": ""},
        {"channel": "sms", "text": "hmm not sure\\nwill think", "intent": "unknown", "ref": "", "amount": "",
         "until": "", "reason": ""}]
    exported = tmp_path / "missed.tsv"
    exported.write_text("\n".join(["\t".join(CORPUS_COLUMNS), *map(corpus_line, rows)]) + "\n", encoding="utf-8")
    loaded = load_file(exported)
    assert [(r.text, r.expected["intent"], r.expected["ref"], r.now) for r in loaded] == [
        (f"re {code}: I can do it tmrw", "claim", code, read_at),
        ("hmm not sure\nwill think", "unknown", None, read_at)]
    scored = score(loaded)
    assert [item.exact for item in scored] == [False, True]  # the miss is now a failing example to tune on


def test_a_code_the_message_never_typed_is_no_label_and_a_pause_keeps_its_clock():
    from bot.review import corpus_example

    claim = corpus_example({"intent": "claim", "ref": "4821"}, "I can do it tmrw", "sms", "2026-11-22T06:00:00-06:00")
    assert claim["ref"] == ""  # `ref` is what the agent typed
    pause = corpus_example({"intent": "pause", "until": "2026-12-03", "reason": None}, "off till the 3rd\tthx",
                           "email", "2026-11-22T06:00:00-06:00")
    assert (pause["until"], pause["text"], pause["now"]) == ("2026-12-03", "off till the 3rd\\tthx",
                                                              "2026-11-22T06:00:00-06:00")


def test_the_command_writes_the_file_with_a_header_and_refuses_an_unwritable_path(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/corpus.db"}
    subprocess.run([*RUN, "migrate"], env=env, check=True, capture_output=True)
    with sqlite3.connect(tmp_path / "corpus.db") as db:
        db.executemany(
            "INSERT INTO review_items (channel, sender, body, reason, status, created_at, resolution, label) "
            "VALUES (?, '+15125550001', ?, 'unrecognised', ?, '2026-11-22 12:00:00.000000', ?, ?)",
            [("sms", "sold it!! 452 all in", "resolved", "acted",
              json.dumps({"intent": "sold", "ref": None, "amount": 452000, "until": None, "reason": None})),
             ("email", "still open", "open", None, None)])
    out = tmp_path / "missed.tsv"
    done = subprocess.run([*RUN, "corpus", "export", "--out", str(out)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 labelled examples" in done.stderr
    header, line = out.read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == list(CORPUS_COLUMNS)
    assert line.split("\t")[:7] == ["sms", "sold it!! 452 all in", "sold", "", "452000", "", ""]
    assert datetime.fromisoformat(line.split("\t")[7]).year == 2026
    printed = subprocess.run([*RUN, "corpus", "export"], env=env, capture_output=True, text=True)
    assert printed.stdout == out.read_text(encoding="utf-8")
    refused = subprocess.run([*RUN, "corpus", "export", "--out", str(tmp_path / "no" / "such" / "dir.tsv")],
                             env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "cannot write" in refused.stderr
