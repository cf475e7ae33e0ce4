"""Parse benchmark: how long `parse_text` takes per message over our labelled corpus (tests/parser_corpus).

Each message is timed on its own, cold (the parser's memo is cleared before every pass, so each message is
really parsed) and then warm (the same message again, answered from the memo, as a repeated "YES" is). A
message's figure is its median over the passes, so a moment the shared machine gave the CPU to another
process does not become the p99; the raw per-call p99 is reported too (`cold_raw_us`). The exact and
unasked-action counts of the corpus are reported as well, so a faster parser that reads worse shows.

    python -m benchmarks.parse [--passes 5]

Progress goes to stderr; the last line on stdout is one JSON object with p50/p99/max in microseconds.
"""
from __future__ import annotations

import argparse
import statistics
import time

from benchmarks.common import machine, percentile, print_final, progress
from bot.parser import clear_caches, parse_text
from tests.corpus import NOW, SPLITS, Row, load, score


def time_messages(rows: list[Row], passes: int) -> tuple[list[list[float]], list[list[float]]]:
    """Microseconds per message (one list per row), cold and warm, over `passes` passes of every row."""
    cold: list[list[float]] = [[] for _ in rows]
    warm: list[list[float]] = [[] for _ in rows]
    for _ in range(passes):
        clear_caches()
        for index, row in enumerate(rows):
            cold[index].append(_microseconds(row))
            warm[index].append(_microseconds(row))
    return cold, warm


def _microseconds(row: Row) -> float:
    started = time.perf_counter_ns()
    parse_text(row.text, row.channel, NOW)
    return (time.perf_counter_ns() - started) / 1000


def summary(values: list[float]) -> dict[str, float]:
    return {name: round(percentile(values, pct), 1) for name, pct in (("p50", 50), ("p99", 99), ("max", 100))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    rows = [row for split in SPLITS for row in load(split)]
    progress(f"timing {len(rows)} messages x {args.passes} passes")
    cold, warm = time_messages(rows, args.passes)
    cold_each = [statistics.median(times) for times in cold]
    scored = score(rows)
    print_final({
        "benchmark": "parse", "messages": len(rows), "passes": args.passes,
        "cold_us": summary(cold_each), "warm_us": summary([statistics.median(times) for times in warm]),
        "cold_raw_us": summary([value for times in cold for value in times]),
        "p50_us": round(percentile(cold_each, 50), 1), "p99_us": round(percentile(cold_each, 99), 1),
        "exact": sum(item.exact for item in scored), "unasked_actions": sum(item.unasked_action for item in scored),
        **machine(),
    })


if __name__ == "__main__":
    main()
