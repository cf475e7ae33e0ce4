"""The referral life cycle: twelve statuses, the allowed moves between them (forward only) and who may make
each move. An update that is not in the table is refused; the caller keeps the agent's words as a note.
"""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    NEW = "new"
    ACCEPTED = "accepted"
    PENDING = "pending"
    AWARDED = "awarded"
    WORKING = "working_with_client"
    IN_ESCROW = "in_escrow"
    FEE_SENT = "fee_sent"
    FEE_RECEIVED = "fee_received"
    CLOSED = "closed"
    LOST = "lost"
    ARCHIVED = "archived"


class Role(StrEnum):
    SENDER = "sender"      # the agent or network that referred the client
    RECEIVER = "receiver"  # the agent who won the referral
    OPERATOR = "operator"  # the network operator (API)
    SYSTEM = "system"      # the service itself (claims, awards, expiry)


S = Status
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.DRAFT: frozenset({S.NEW, S.ARCHIVED}),
    S.NEW: frozenset({S.ACCEPTED, S.AWARDED, S.LOST, S.ARCHIVED}),
    S.ACCEPTED: frozenset({S.PENDING, S.LOST, S.ARCHIVED}),
    S.PENDING: frozenset({S.AWARDED, S.LOST, S.ARCHIVED}),
    S.AWARDED: frozenset({S.WORKING, S.IN_ESCROW, S.FEE_SENT, S.CLOSED, S.LOST}),
    S.WORKING: frozenset({S.IN_ESCROW, S.FEE_SENT, S.CLOSED, S.LOST}),
    S.IN_ESCROW: frozenset({S.FEE_SENT, S.CLOSED, S.LOST}),
    S.FEE_SENT: frozenset({S.FEE_RECEIVED, S.CLOSED}),
    S.FEE_RECEIVED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.ARCHIVED}),
    S.LOST: frozenset({S.ARCHIVED}),
    S.ARCHIVED: frozenset(),
}

EVERYONE = frozenset({Role.SENDER, Role.RECEIVER, Role.OPERATOR})
WHO_MAY_SET: dict[Status, frozenset[Role]] = {
    S.NEW: frozenset({Role.SENDER, Role.OPERATOR, Role.SYSTEM}),
    S.ACCEPTED: frozenset({Role.SYSTEM}),
    S.PENDING: frozenset({Role.SENDER, Role.OPERATOR, Role.SYSTEM}),
    S.AWARDED: frozenset({Role.SYSTEM}),
    S.WORKING: frozenset({Role.RECEIVER, Role.OPERATOR}),
    S.IN_ESCROW: frozenset({Role.RECEIVER, Role.OPERATOR}),
    S.FEE_SENT: frozenset({Role.RECEIVER, Role.OPERATOR}),
    S.FEE_RECEIVED: frozenset({Role.SENDER, Role.OPERATOR}),
    S.CLOSED: EVERYONE | {Role.SYSTEM},
    S.LOST: EVERYONE | {Role.SYSTEM},
    S.ARCHIVED: frozenset({Role.SENDER, Role.OPERATOR}),
}

# Statuses in which the winner still owes the network an update (the reminders' subject).
AWAITING_UPDATE = frozenset({S.AWARDED, S.WORKING, S.IN_ESCROW})
LABELS = {s: s.value.replace("_", " ").title() for s in Status} | {S.WORKING: "Working with Client"}


class TransitionRefused(ValueError):
    """The move is backwards, sideways, or not this role's to make."""


def can_move(current: Status | str, target: Status | str, role: Role) -> bool:
    current, target = Status(current), Status(target)
    return target in TRANSITIONS[current] and role in WHO_MAY_SET.get(target, frozenset())


def check_move(current: Status | str, target: Status | str, role: Role) -> Status:
    """The target status if `role` may move a referral from `current` to it; otherwise TransitionRefused."""
    if not can_move(current, target, role):
        raise TransitionRefused(f"{LABELS[Status(current)]} -> {LABELS[Status(target)]} is not allowed for {role}")
    return Status(target)
