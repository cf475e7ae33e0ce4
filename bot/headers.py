"""Text that goes into an email header we write: one line, no control characters, a bounded length.

Much of it comes from input: an agent's decoded subject (which RFC 2047 lets carry `=0D=0A`), names typed into
the API or the portal, addresses. A line break in a header is an injection risk and makes the standard
library refuse the whole message, so every header we build passes through `header_text` first.
"""
from __future__ import annotations

import re

SUBJECT_MAX = 200
HEADER_MAX = 900  # under RFC 5322's 998-character line, before folding
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def header_text(value: object, limit: int = HEADER_MAX) -> str:
    """`value` as one header-safe line: control characters and runs of white space become one space."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return text[:limit].rstrip()
