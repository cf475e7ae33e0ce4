"""Hostile email: what a 742 KiB message of long folded headers of encoded words costs, against a normal reply.

Three ways in, each measured in a fresh process of its own (so its peak RSS is its own):
- `guarded`: what the service does now: the raw-byte checks (`inbound.email_budget.excess`), and only if they
  pass, the parse in a budgeted child process (`parse_in_child`). The hostile message stops at the checks.
- `budget_only`: the raw-byte checks skipped, so the hostile message meets the second guard: the child is
  killed at its time budget (`--parse-seconds`, the service's default 10 s) or its memory budget.
- `unguarded`: the old path, `parse_email` in the process itself; capped here at `--cap` seconds and an
  address space of `--cap-memory` GiB so the benchmark cannot take the machine down (the incident: 85 s,
  then 19 GB).

    python -m benchmarks.hostile_email [--size-kib 742] [--parse-seconds 10] [--cap 60] [--cap-memory 4]

Progress goes to stderr; the last line on stdout is one JSON object: seconds, the process's peak RSS and the
parse child's peak RSS (MiB) per path and message, and what stopped the hostile message.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from typing import Any

from benchmarks.common import Stopwatch, machine, print_final, progress

HOSTILE_KIB = 742
_WORDS_PER_LINE = 8


def hostile_message(size: int = HOSTILE_KIB * 1024, rcpt: str = "reply+token@in.referral-bot.test") -> bytes:
    """A reply whose Subject is `size` bytes of encoded words, folded every few words: the incident's shape."""
    lines, total, n = [], 0, 0
    while total < size:
        line = " ".join(f"=?utf-8?q?caf=C3=A9_{n + i}?=" for i in range(_WORDS_PER_LINE))
        lines.append(line)
        total, n = total + len(line) + 3, n + _WORDS_PER_LINE
    head = f"From: Agent One <agent1@example.test>\r\nTo: {rcpt}\r\nMessage-ID: <hostile@example.test>\r\n"
    return (head + "Subject: " + "\r\n ".join(lines) + "\r\n\r\nYES\r\n").encode()


def normal_reply(rcpt: str = "reply+token@in.referral-bot.test") -> bytes:
    """A Gmail-style reply: the answer above a quoted offer, text and HTML parts."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Agent One <agent1@example.test>", rcpt, "Re: New referral #4821"
    msg["Message-ID"] = "<CAG1@mail.gmail.com>"
    quoted = "\n".join(f"> Line {i} of our offer: buyer in 78701, $400k-$500k." for i in range(30))
    msg.set_content(f"YES\n\nOn Mon, Nov 23, 2026 at 9:00 AM Referral Network <{rcpt}> wrote:\n\n{quoted}\n")
    msg.add_alternative(f"<div>YES</div><blockquote>{quoted}</blockquote>", subtype="html")
    return msg.as_bytes(policy=SMTP_POLICY)


# -- one measurement, in a fresh process ------------------------------------------------------------------
def _measure(path: str, raw: bytes, parse_seconds: float, cap_memory: int, results: Any) -> None:
    from inbound.email_budget import EmailLimits, ParseFailed, excess, parse_in_child
    from inbound.email_text import parse_email

    limits = EmailLimits(parse_seconds=parse_seconds)
    with Stopwatch() as watch:
        outcome = "parsed"
        try:
            if path == "unguarded":
                resource.setrlimit(resource.RLIMIT_AS, (cap_memory, cap_memory))
                parse_email(raw)
            else:
                over = excess(raw, limits) if path == "guarded" else None
                if over is not None:
                    outcome = f"refused: {over}"
                else:
                    parse_in_child(raw, limits)
        except ParseFailed as failed:
            outcome = f"child stopped: {failed}"
        except MemoryError:
            outcome = "MemoryError"
    results.put({"seconds": round(watch.seconds, 3), "outcome": outcome, "peak_rss_mib": _mib(resource.RUSAGE_SELF),
                 "child_peak_rss_mib": _mib(resource.RUSAGE_CHILDREN)})


def _mib(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # ru_maxrss is in KiB on Linux


def measure(path: str, raw: bytes, *, parse_seconds: float, cap: float, cap_memory: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    process = ctx.Process(target=_measure, args=(path, raw, parse_seconds, cap_memory, results))
    with Stopwatch() as watch:
        process.start()
        process.join(cap)
    if process.is_alive():
        process.kill()
        process.join()
        return {"seconds": round(watch.seconds, 3), "outcome": f"killed by the benchmark after {cap} s"}
    return results.get(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-kib", type=int, default=HOSTILE_KIB)
    parser.add_argument("--parse-seconds", type=float, default=10.0)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds the unguarded parse may run")
    parser.add_argument("--cap-memory", type=float, default=4.0, help="GiB of address space for it")
    args = parser.parse_args()
    messages = {"hostile": hostile_message(args.size_kib * 1024), "normal": normal_reply()}
    result: dict[str, Any] = {"benchmark": "hostile_email", "machine": machine(),
                              "bytes": {name: len(raw) for name, raw in messages.items()}}
    for path in ("guarded", "budget_only", "unguarded"):
        for name, raw in messages.items():
            progress(f"{path}: {name} ({len(raw) // 1024} KiB)")
            result[f"{path}_{name}"] = figures = measure(
                path, raw, parse_seconds=args.parse_seconds, cap=args.cap, cap_memory=int(args.cap_memory * 2**30))
            progress(f"  {figures}")
    print_final(result)


if __name__ == "__main__":
    main()
