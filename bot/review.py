"""The review inbox's rules (no I/O): which items are messages the parser missed, the commands an operator may
run for an agent, and the label a resolved item carries into the parser corpus.

An operator resolves an item three ways: ACTED (ran a command for the agent, as if the agent had sent it),
REPLIED (texted the agent) or DISMISSED (with a note). Each resolution of a message the parser missed is a
labelled example: acting labels it with the command the operator ran; a reply or a dismissal says the bot was
right not to act, so its label is `unknown`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from bot import intents
from bot.handlers.reporting import FAIL_REASONS


class Resolution(StrEnum):
    ACTED = "acted"
    REPLIED = "replied"
    DISMISSED = "dismissed"


class ItemStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


# The reasons the parser (and the handlers' fallback, "unhandled:<intent>") flag a message with; every other
# review item (a payment mismatch, an unclaimed dispatch, a client's answer, a stranger's email) is no miss.
PARSER_REASONS = frozenset({"unrecognised", "negation", "ack", "likely", "question", "hypothetical", "future",
                            "third_party", "empty", "reaction", "auto_reply"})


def parser_missed(reason: str) -> bool:
    """Was this item a message the bot read and did not understand (a corpus example once resolved)?"""
    return reason in PARSER_REASONS or reason.startswith("unhandled:")


@dataclass(frozen=True, slots=True)
class Command:
    """One command an operator may run for an agent: its label, and what it needs besides the referral."""

    label: str
    needs_referral: bool = True
    takes_amount: bool = False
    takes_until: bool = False
    takes_reason: bool = False


# Keyed by the contract name of the intent (`referral-bot parse`'s "intent"); the order is the form's.
COMMANDS: dict[str, Command] = {
    "claim": Command("Claim it (YES)"),
    "decline": Command("Decline it (NO)"),
    "call": Command("Call me to claim"),
    "invoice": Command("Buy it (request the invoice)"),
    "connect": Command("Connect me to the client"),
    "agree": Command("Agree to the referral fee"),
    "sold": Command("Report sold", takes_amount=True),
    "no_sale": Command("Report no sale"),
    "in_progress": Command("Report in progress"),
    "invalid": Command("Report invalid", takes_reason=True),
    "fail": Command("Fail it (not a good fit, unresponsive)", takes_reason=True),
    "status": Command("Ask for the status", needs_referral=False),
    "pause": Command("Pause until", needs_referral=False, takes_until=True),
    "resume": Command("Resume", needs_referral=False),
    "stop": Command("Stop texts (opt out)", needs_referral=False),
    "start": Command("Start texts again", needs_referral=False),
    "help": Command("Help", needs_referral=False),
}
MAX_AMOUNT = 1_000_000_000  # whole dollars, as the API's prices


class BadCommand(ValueError):
    """What is wrong with a command an operator asked for: {field: sentence}."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def command_intent(fields: Mapping[str, Any], today: date) -> intents.Intent:
    """The intent an operator's choice means (the `parse` JSON shape: intent, ref, amount, until, reason);
    raises BadCommand naming each bad field. `today` is the agent's day (a pause ends after it)."""
    name = str(fields.get("intent") or "")
    command = COMMANDS.get(name)
    if command is None:
        raise BadCommand({"intent": "one of " + ", ".join(COMMANDS)})
    errors: dict[str, str] = {}
    ref = _ref(fields.get("ref"), command, errors)
    amount = _amount(fields.get("amount"), errors) if command.takes_amount else None
    until = _until(fields.get("until"), today, errors) if command.takes_until else None
    reason = _reason(name, fields.get("reason"), errors) if command.takes_reason else None
    if errors:
        raise BadCommand(errors)
    return intents.intent_from_json({"intent": name, "ref": ref, "amount": amount,
                                     "until": until.isoformat() if until else None, "reason": reason})


def _ref(raw: Any, command: Command, errors: dict[str, str]) -> str | None:
    code = str(raw or "").strip().lstrip("#")
    if code and not (code.isascii() and code.isdigit() and len(code) <= 12):
        errors["ref"] = "a referral code (digits)"
    elif command.needs_referral and not code:
        errors["ref"] = "pick the referral"
    return code or None


def _amount(raw: Any, errors: dict[str, str]) -> int | None:
    if raw is None or raw == "":
        return None
    text = str(raw).strip().replace(",", "").replace("$", "").strip() if not isinstance(raw, int) else str(raw)
    if isinstance(raw, bool) or not (text.isascii() and text.isdigit() and len(text) <= 10
                                     and 0 < int(text) <= MAX_AMOUNT):
        errors["amount"] = f"whole dollars, 1 to {MAX_AMOUNT:,}"
        return None
    return int(text)


def _until(raw: Any, today: date, errors: dict[str, str]) -> date | None:
    if raw is None or raw == "":
        return None  # until the agent says RESUME
    try:
        until = date.fromisoformat(str(raw))
    except ValueError:
        errors["until"] = "a date, YYYY-MM-DD"
        return None
    if until < today:
        errors["until"] = "a day from today on"
    return until


def _reason(name: str, raw: Any, errors: dict[str, str]) -> str | None:
    reason = " ".join(str(raw or "").split())[:200]
    if name == "fail" and reason not in FAIL_REASONS:
        errors["reason"] = "one of: " + ", ".join(FAIL_REASONS)
    elif name == "invalid" and not reason:
        errors["reason"] = "why it is invalid"
    return reason or None


def label_for(resolution: Resolution, intent: intents.Intent | None) -> dict[str, Any]:
    """The labelled example a resolution makes: the command run, or `unknown` when nothing was to be done."""
    if resolution is Resolution.ACTED and intent is not None:
        return intents.intent_to_json(intent)
    return intents.intent_to_json(intents.Unknown("unrecognised")) | {"reason": None}


# -- the parser corpus (tests/parser_corpus) ---------------------------------------------------------
CORPUS_COLUMNS = ("channel", "text", "intent", "ref", "amount", "until", "reason", "now")


def corpus_example(label: dict[str, Any], text: str, channel: str, now: str) -> dict[str, str]:
    """One labelled row in the corpus's columns. `ref` is what the agent typed, so a code the operator picked
    that is not in the message is left out; so is an amount when the message has no digit, and a reason other
    than a fail's (an invalid's reason is the agent's own words, which the operator's cannot match). `now` is
    the time the message was read against, on the agent's clock (relative dates depend on it)."""
    ref, amount, reason = label.get("ref"), label.get("amount"), label.get("reason")
    return {"channel": channel, "text": escape(text), "intent": str(label["intent"]),
            "ref": ref if ref and ref in text else "",
            "amount": str(amount) if amount and any(c.isdigit() for c in text) else "",
            "until": label.get("until") or "", "reason": reason if label["intent"] == "fail" and reason else "",
            "now": now}


def escape(text: str) -> str:
    """The corpus writes a line break as `\\n` and a tab as `\\t` (one message per line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n").replace("\t", "\\t")


def corpus_line(row: dict[str, str]) -> str:
    return "\t".join(row[column] for column in CORPUS_COLUMNS)
