"""Agents from a CSV file, checked row by row before anything is written.

Columns (a header row; order free, names case-insensitive): name, phone, email, zip_codes (separated by spaces,
`;` or `|`), and optionally client_types (buyer/seller/renter/…, same separators), timezone, language. Each row is
checked by the same rules as `POST /api/agents` (phone numbers normalised to E.164); a phone that appears twice in
the file or already belongs to an agent is reported as a duplicate. The preview shows every row's problems; the
import writes only the rows without any."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from store import validation

COLUMNS = ("name", "phone", "email", "zip_codes", "client_types", "timezone", "language")
REQUIRED = ("name", "phone", "email", "zip_codes")
LIST_COLUMNS = ("zip_codes", "client_types")
MAX_ROWS = 5000
MAX_BYTES = 1_000_000  # under aiohttp's request size limit
SEPARATORS = re.compile(r"[\s;|,]+")


@dataclass(slots=True)
class Row:
    line: int  # the line in the file, header = 1
    name: str
    fields: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class Preview:
    rows: list[Row]
    problem: str = ""  # the file as a whole could not be read

    @property
    def good(self) -> list[Row]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[Row]:
        return [row for row in self.rows if not row.ok]


def read(text: str) -> Preview:
    """Check every row and the phones repeated within the file; `mark_taken` adds the numbers agents have."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return Preview([], f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return Preview([], "the header row needs the columns " + ", ".join(REQUIRED) +
                       (f" (missing: {', '.join(missing)})" if header else ""))
    rows: list[Row] = []
    for line, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            return Preview([], f"more than {MAX_ROWS} rows: split the file")
        rows.append(check_row(line, {k.strip().lower(): (v or "") for k, v in raw.items() if k}))
    mark_repeated(rows)
    return Preview(rows)


def check_row(line: int, raw: dict[str, str]) -> Row:
    data: dict[str, Any] = {}
    for column in COLUMNS:
        value = raw.get(column, "").strip()
        if not value:
            continue
        data[column] = [part for part in SEPARATORS.split(value) if part] if column in LIST_COLUMNS else value
    extra = sorted(key for key in raw if key not in COLUMNS and raw[key].strip())
    row = Row(line, raw.get("name", "").strip()[:80])
    try:
        row.fields = validation.agent_input(data)
    except validation.Invalid as exc:
        row.errors = dict(exc.errors)
    if extra:
        row.errors["_"] = "unknown columns: " + ", ".join(extra)
    return row


def mark_repeated(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        phone = row.fields.get("phone")
        if not phone:
            continue
        if phone in seen:
            row.errors["phone"] = f"the same number as line {seen[phone]}"
        else:
            seen[phone] = row.line


def phones(preview: Preview) -> list[str]:
    return [row.fields["phone"] for row in preview.good]


def mark_taken(preview: Preview, taken: set[str]) -> None:
    for row in preview.good:
        if row.fields["phone"] in taken:
            row.errors["phone"] = "another agent already has this number"
