"""Bounds on the work one inbound email may cost, before and while the standard library parses it.

Python's `email` header parser (`policy.default`) is quadratic on long folded headers of encoded words: a
742 KiB message took 85 s and then 19 GB. So an email is parsed only after two guards:
1. `excess`: cheap, linear checks on the raw bytes (header block size, encoded words, MIME parts and nesting
   depth). The SMTP server refuses an email over them at DATA (554), and processing marks a stored one dead.
2. `parse_in_child`: the parse itself runs in a process of its own (`inbound.email_parse_child`) with an
   address-space limit (`RLIMIT_AS`) and a CPU-time limit, and is killed when the wall-clock budget runs
   out. Whatever the message does, it can take down that child only; the caller gets a `ParseFailed` with
   a short reason.
"""
from __future__ import annotations

import asyncio
import json
import math
import re
import subprocess
import sys
from dataclasses import dataclass
from enum import StrEnum

from inbound.email_parse_child import EXIT_OUT_OF_MEMORY, EXIT_PARSE_ERROR
from inbound.email_text import ParsedEmail

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_ENCODED_WORD = re.compile(rb"=\?[^?\s]{1,75}\?[bBqQ]\?")
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))', re.IGNORECASE)
_DELIMITER_LINE = re.compile(rb"^--([^\r\n]{1,202})", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class EmailLimits:
    """What one email may cost. A real reply is far below each: a few KiB of headers, a handful of
    encoded words, two to ten parts, three levels of nesting; it parses in milliseconds in ~30 MiB."""

    header_bytes: int = 64 * 1024
    encoded_words: int = 200
    mime_parts: int = 100
    mime_depth: int = 10
    parse_seconds: float = 10.0
    parse_memory_bytes: int = 256 * 1024 * 1024  # on top of the child's size when it starts
    concurrent_parses: int = 2


class Excess(StrEnum):
    """Which bound an email is over (checked on the raw bytes, before any parsing)."""

    HEADER_BLOCK = "header_block"
    ENCODED_WORDS = "encoded_words"
    MIME_PARTS = "mime_parts"
    MIME_DEPTH = "mime_depth"


class ParseFailure(StrEnum):
    """Why a budgeted parse gave no result."""

    TIMEOUT = "parse_timeout"
    MEMORY = "parse_memory"
    CRASHED = "parse_crashed"     # the child died without an answer (killed, or out of memory mid-answer)
    ERROR = "parse_error"         # parse_email raised (it should not)


class EmailRefused(Exception):
    """The email is over a limit: the same bytes will always be, so there is nothing to retry."""

    def __init__(self, excess: Excess) -> None:
        super().__init__(f"over_limit: {excess}")
        self.excess = excess


class ParseFailed(Exception):
    """The budgeted parse failed; another try may succeed (a timeout on a busy machine), or not."""

    def __init__(self, failure: ParseFailure) -> None:
        super().__init__(str(failure))
        self.failure = failure


# -- 1. cheap checks on the raw bytes ------------------------------------------------------------------
def excess(raw: bytes, limits: EmailLimits) -> Excess | None:
    """The first bound the raw message is over, or None. Linear in the size of the message."""
    end = _HEADER_END.search(raw, 0, limits.header_bytes + 4)
    if (end.start() if end else len(raw)) > limits.header_bytes:
        return Excess.HEADER_BLOCK
    if _count(_ENCODED_WORD, raw, limits.encoded_words) > limits.encoded_words:
        return Excess.ENCODED_WORDS  # counted in the whole message: every part has headers of its own
    parts, depth = mime_shape(raw, limits)
    if parts > limits.mime_parts:
        return Excess.MIME_PARTS
    return Excess.MIME_DEPTH if depth > limits.mime_depth else None


def _count(pattern: re.Pattern[bytes], raw: bytes, limit: int) -> int:
    """Matches of `pattern`, counting no further than one past `limit`."""
    count = 0
    for count, _ in enumerate(pattern.finditer(raw), start=1):
        if count > limit:
            break
    return count


def mime_shape(raw: bytes, limits: EmailLimits) -> tuple[int, int]:
    """(parts, nesting depth) read from the boundary delimiter lines, without parsing any header.

    A multipart opens at the first delimiter of a boundary declared somewhere in the message and closes at
    its close delimiter, or when a delimiter of an enclosing boundary shows up (an unclosed inner part).
    """
    declared = {quoted or bare for quoted, bare in _BOUNDARY.findall(raw)}
    if len(declared) > limits.mime_parts:
        return len(declared), 0
    open_boundaries: list[bytes] = []
    parts = depth = 0
    for match in _DELIMITER_LINE.finditer(raw):
        line = match.group(1).rstrip()
        closing = line.endswith(b"--") and line[:-2] in declared
        boundary = line[:-2] if closing else line
        if boundary not in declared:
            continue
        if boundary in open_boundaries:
            del open_boundaries[open_boundaries.index(boundary) + 1:]
        elif not closing:
            open_boundaries.append(boundary)
        if closing:
            open_boundaries = [b for b in open_boundaries if b != boundary]
        else:
            parts += 1
        depth = max(depth, len(open_boundaries))
        if parts > limits.mime_parts or depth > limits.mime_depth:
            break
    return parts, depth


# -- 2. the parse, in a child process with a time and memory budget ------------------------------------
def parse_in_child(raw: bytes, limits: EmailLimits) -> ParsedEmail:
    """`parse_email` in a fresh child process (`inbound.email_parse_child`), killed when the time is up.

    Blocking: call it from a thread. Raises `ParseFailed`. A fresh interpreter per email costs about 0.2 s of
    start-up; it is what makes the budget simple and sure: no state carried over, nothing forked from a
    process with threads, and a kill that cannot leave anything behind.
    """
    command = [sys.executable, "-m", "inbound.email_parse_child",
               str(limits.parse_memory_bytes), str(math.ceil(limits.parse_seconds) + 1)]
    try:
        done = subprocess.run(command, input=raw, capture_output=True, timeout=limits.parse_seconds)
    except subprocess.TimeoutExpired:  # run() has killed and reaped the child
        raise ParseFailed(ParseFailure.TIMEOUT) from None
    if done.returncode == 0:
        return ParsedEmail(**json.loads(done.stdout))
    raise ParseFailed(_EXIT_FAILURES.get(done.returncode, ParseFailure.CRASHED))


_EXIT_FAILURES = {EXIT_OUT_OF_MEMORY: ParseFailure.MEMORY, EXIT_PARSE_ERROR: ParseFailure.ERROR}


class BudgetedParser:
    """Parses stored emails within `EmailLimits`, a few at a time (each parse is a process of its own)."""

    def __init__(self, limits: EmailLimits | None = None) -> None:
        self.limits = limits or EmailLimits()
        self._slots = asyncio.Semaphore(self.limits.concurrent_parses)

    async def parse(self, raw: bytes) -> ParsedEmail:
        """The parsed email; raises `EmailRefused` (over a limit) or `ParseFailed` (out of budget)."""
        over = excess(raw, self.limits)
        if over is not None:
            raise EmailRefused(over)
        async with self._slots:
            return await asyncio.to_thread(parse_in_child, raw, self.limits)
