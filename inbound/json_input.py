"""The one way the operator API reads a JSON body: `read_json_object(request)`.

Whatever the fields' own rules say, a body gets past here only as a JSON object (an empty body counts as `{}`)
whose every string can be stored (no NUL, which PostgreSQL refuses, no unpaired surrogate, which no driver
can encode), whose every number fits a 64-bit column and is finite, and whose nesting is shallow. Anything
else is a 422 `{"errors": {field path: sentence}}` raised as an HTTP exception, so a handler never sees it
and never answers 500 for it.
"""
from __future__ import annotations

import codecs
import json
import math
from collections.abc import Iterator
from typing import Any

from aiohttp import web

MAX_INT64 = 2**63 - 1
MAX_DEPTH = 16
BODY = "_"  # the error key for the body as a whole


class BadJson(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


async def read_json_object(request: web.Request) -> dict[str, Any]:
    """The request's JSON object, or a raised 422 with field errors."""
    try:
        return json_object(await request.read(), request.charset)
    except BadJson as exc:
        raise web.HTTPUnprocessableEntity(text=json.dumps({"errors": exc.errors}),
                                          content_type="application/json") from None


def json_object(raw: bytes, charset: str | None = None) -> dict[str, Any]:
    """Decode, parse and check a body; raise `BadJson` with every problem found."""
    value = parse(decode(raw, charset or "utf-8"))
    if not isinstance(value, dict):
        raise BadJson({BODY: "the body must be a JSON object"})
    errors = dict(problems(value, "", 0))
    if errors:
        raise BadJson(errors)
    return value


def decode(raw: bytes, charset: str) -> str:
    try:
        codecs.lookup(charset)
        return raw.decode(charset)
    except (LookupError, ValueError):
        raise BadJson({BODY: f"the body is not text in charset {charset[:40]!r} (send UTF-8)"}) from None


def parse(text: str) -> Any:
    if not text.strip():
        return {}
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise BadJson({BODY: "the body is not valid JSON"}) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def problems(value: Any, path: str, depth: int) -> Iterator[tuple[str, str]]:
    """(field path, sentence) for each value below `value` that no column could hold."""
    if depth > MAX_DEPTH:
        yield path or BODY, f"nested more than {MAX_DEPTH} levels deep"
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if not storable_text(key):
                yield where, "a field name with characters that cannot be stored"
            else:
                yield from problems(item, where, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from problems(item, f"{path}[{index}]", depth + 1)
    else:
        sentence = scalar_problem(value)
        if sentence:
            yield path, sentence


def scalar_problem(value: Any) -> str | None:
    if isinstance(value, str) and not storable_text(value):
        return "text must not contain NUL or unpaired surrogate characters"
    if isinstance(value, int) and not isinstance(value, bool) and not -MAX_INT64 - 1 <= value <= MAX_INT64:
        return "a number past 64 bits"
    if isinstance(value, float) and not math.isfinite(value):
        return "a finite number"
    return None


def storable_text(text: str) -> bool:
    """No NUL and no unpaired surrogate (JSON's \\ud800 escapes decode to one; UTF-8 cannot encode it)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
