"""Operator roles and what each may do in the console (pure rules, no I/O)."""
from __future__ import annotations

from enum import StrEnum


class OperatorRole(StrEnum):
    ADMIN = "admin"            # everything: money, settings, operators, clients' contact details
    DISPATCHER = "dispatcher"  # runs referrals and agents; no billing, no settings
    VIEWER = "viewer"          # reads the board and the referral pages


def sees_client_details(role: OperatorRole) -> bool:
    """Privacy: a client's name, phone and email are shown to admins only."""
    return role is OperatorRole.ADMIN


def may_act(role: OperatorRole) -> bool:
    """Actions on referrals and agents (notes, cancel, re-offer...): admins and dispatchers."""
    return role in (OperatorRole.ADMIN, OperatorRole.DISPATCHER)


def sees_money(role: OperatorRole) -> bool:
    return role is OperatorRole.ADMIN


def api_allows(role: OperatorRole, method: str, path: str) -> bool:
    """What an operator's API token may call: a viewer reads; a dispatcher also changes, but neither reads
    nor moves money (the ledger); an admin calls everything."""
    if role is OperatorRole.ADMIN:
        return True
    if "ledger" in path.split("/"):
        return False
    return method in ("GET", "HEAD") or role is OperatorRole.DISPATCHER
