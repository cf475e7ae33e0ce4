"""Signed, expiring, short tokens for claim links (and later reply addresses and call URLs).

A token is base64url(kind byte | subject id | expiry day | HMAC-SHA256 truncated to 8 bytes): about 20
characters, short enough to keep an offer text in one SMS segment. Tampering with any byte fails the MAC;
a token past its expiry day is refused even with a good MAC.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
MAC_BYTES = 8
KINDS = {"offer": 1, "reply": 2, "call": 3, "invoice": 4, "share": 5, "invite": 6, "agent": 7}


class BadToken(ValueError):
    """Tampered, truncated, of another kind, or expired."""


@dataclass(frozen=True, slots=True)
class TokenData:
    kind: str
    subject_id: int
    expires_day: int

    def expires_at(self) -> datetime:
        return datetime.fromtimestamp(EPOCH.timestamp() + self.expires_day * 86400, UTC)


def make_token(secret: str, kind: str, subject_id: int, expires_at: datetime) -> str:
    day = max(0, int((expires_at - EPOCH).total_seconds() // 86400) + 1)
    body = struct.pack(">BIH", KINDS[kind], subject_id, min(day, 0xFFFF))
    return _b64(body + _mac(secret, body))


def read_token(secret: str, token: str, kind: str, now: datetime) -> TokenData:
    raw = _unb64(token)
    if len(raw) != 7 + MAC_BYTES:
        raise BadToken("malformed")
    body, mac = raw[:7], raw[7:]
    if not hmac.compare_digest(mac, _mac(secret, body)):
        raise BadToken("bad signature")
    kind_byte, subject_id, day = struct.unpack(">BIH", body)
    if kind_byte != KINDS[kind]:
        raise BadToken("wrong kind")
    data = TokenData(kind, subject_id, day)
    if now >= data.expires_at():
        raise BadToken("expired")
    return data


def _mac(secret: str, body: bytes) -> bytes:
    return hmac.new(secret.encode(), body, hashlib.sha256).digest()[:MAC_BYTES]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(token: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        raise BadToken("malformed") from None
