"""The account-to-account referral portal's rules, standard library only.

An account that wants to refer leads (the sender) invites a user of the account it will refer them to (the
receiver); once the receiver accepts, the sender forwards leads and the receiver decides where they land.

What travels when a lead is forwarded (`FORWARDED_FIELDS`: a whitelist kept as data, so custom fields and
history notes cannot travel by accident), who gets the next incoming lead under round robin, the portal's
wording (connection labels, the invitation, history notes, notifications, the "not enabled" sentence),
scrypt password hashes, and the signed session value behind the portal pages' cookie.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

# Exactly these travel with a forwarded lead (plus the sender's message, which becomes a note on the copy).
FORWARDED_FIELDS = ("name", "phone", "email", "address", "lead_type")
LEAD_TYPES = ("buyer", "seller", "renter", "landlord", "investor", "other")
DEFAULT_FOLDER = "Referral portal"
SMS_LIMIT = 320  # two GSM-7 segments: a lead notice is worth one more segment than a reply


class Assignment(StrEnum):
    ROUND_ROBIN = "round_robin"  # the receiving account's active users, in turn
    USER = "user"  # one fixed active user


class Direction(StrEnum):
    """A connection seen from one of its two accounts."""

    REFERS_TO = "refers_to"  # the viewer sends leads to the other account
    RECEIVES_FROM = "receives_from"  # the viewer receives leads from the other account


class Status(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"


def forwarded_copy(lead: Mapping[str, Any]) -> dict[str, Any]:
    """The whitelisted fields of `lead`: nothing else reaches the other account."""
    return {field: lead.get(field) for field in FORWARDED_FIELDS}


def next_in_rotation(candidates: Sequence[int], last: int | None) -> int | None:
    """Round robin over user ids: the first id after `last` (wrapping), or None when nobody is active.

    Works on ids, not positions, so adding or deactivating a user does not restart or skip the turn."""
    ordered = sorted(candidates)
    if not ordered:
        return None
    if last is None:
        return ordered[0]
    return next((uid for uid in ordered if uid > last), ordered[0])


def label(direction: Direction, status: Status) -> str:
    """How a connection reads in an account's list. The referring account sent the invitation, so it waits
    while the receiving account has an invitation to accept."""
    if status is Status.PENDING:
        return "invitation pending" if direction is Direction.REFERS_TO else "invitation to accept"
    return "you can refer leads to" if direction is Direction.REFERS_TO else "you receive leads from"


# -- wording -----------------------------------------------------------------------------------
def not_enabled_text(account_name: str) -> str:
    return f"the referral portal is not enabled for account {account_name}; contact support to enable it"


def day(now: datetime) -> str:
    return f"{now:%b} {now.day}, {now.year}"


def forward_note(receiver_name: str, now: datetime, message: str) -> str:
    """The history note written on the sender's lead."""
    return f"Forwarded to {receiver_name} on {day(now)}" + (f": {message}" if message else ".")


def received_note(sender_name: str, now: datetime, message: str) -> str:
    """The note on the receiver's copy: the sender's message to the recipient."""
    return f"Referred by {sender_name} on {day(now)}" + (f": {message}" if message else ".")


def invitation_email(inviter: str, invitee_name: str, link: str) -> tuple[str, str]:
    """What the invited user of the receiving account reads: the inviter wants to refer leads to them."""
    subject = f"{inviter} would like to refer leads to you"
    body = (f"Hello {invitee_name},\n\n{inviter} would like to refer leads to you through the referral "
            f"portal.\n\nAccept the invitation: {link}\n\n"
            "You will be asked to sign in first if you are not signed in. Once you accept, the leads "
            f"{inviter} refers arrive in your account, and you choose their folder, who they are assigned to "
            f"and their source label. Only a lead's name, phone, email, address, type and {inviter}'s message "
            "are sent.\n")
    return subject, body


def lead_sms(sender: str, lead: Mapping[str, Any], message: str) -> str:
    head = f"New lead from {sender}: {lead['name']}" + "".join(
        f", {lead[k]}" for k in ("phone", "email") if lead.get(k))
    text = head + (f". Message: {message}" if message else ".")
    return text if len(text) <= SMS_LIMIT else text[:SMS_LIMIT - 3] + "..."


def lead_email(sender: str, lead: Mapping[str, Any], message: str, link: str) -> tuple[str, str]:
    rows = [("Name", lead.get("name")), ("Phone", lead.get("phone")), ("Email", lead.get("email")),
            ("Address", lead.get("address")), ("Type", lead.get("lead_type"))]
    details = "\n".join(f"{k}: {v}" for k, v in rows if v)
    body = (f"{sender} referred a lead to you through the referral portal.\n\n{details}\n\n"
            f"Message from {sender}:\n{message or '(no message)'}\n\nOpen the lead: {link}\n")
    return f"New lead from {sender}: {lead['name']}", body


# -- passwords and sessions --------------------------------------------------------------------
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}  # about 16 MB and 50 ms a hash


def hash_password(password: str, salt: bytes | None = None) -> str:
    """`scrypt$<salt hex>$<hash hex>` with a fresh 16-byte salt per user."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check; a user without a password (or a malformed hash) never signs in."""
    try:
        scheme, salt_hex, _ = (stored or "").split("$")
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        hash_password(password)  # spend the same time as a real check
        return False
    return scheme == "scrypt" and hmac.compare_digest(hash_password(password, salt), stored or "")


def purpose_key(secret: str, purpose: str) -> str:
    """A key for one purpose derived from SECRET_KEY, so a MAC made for one thing never passes for another."""
    return hmac.new(secret.encode(), f"portal:{purpose}".encode(), hashlib.sha256).hexdigest()


def csrf_token(secret: str, session: str) -> str:
    """The hidden field every signed-in form carries: bound to the session value."""
    return hmac.new(purpose_key(secret, "csrf").encode(), session.encode(), hashlib.sha256).hexdigest()[:32]
