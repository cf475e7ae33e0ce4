"""What an agent asked for: one frozen value per intent, produced by the parser and dispatched by type.

Intents carry only what the agent typed (a referral code, a price, a date, a reason); they never look at
the channel the message came from. `intent_to_json` gives the shape printed by `referral-bot parse`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar


class Outcome(StrEnum):
    SOLD = "sold"
    NO_SALE = "no_sale"
    IN_PROGRESS = "in_progress"
    INVALID = "invalid"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class Claim:
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Decline:
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class CallRequest:
    """The agent asks to be called ("call me to claim"); the call ends with the keypad prompt."""

    ref: str | None = None


@dataclass(frozen=True, slots=True)
class ConnectRequest:
    """The winner asks to be called and put through to the client now (live connect by text)."""

    ref: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceRequest:
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    outcome: Outcome
    ref: str | None = None
    amount: int | None = None  # whole dollars, SOLD only
    reason: str | None = None  # INVALID: the agent's words; FAIL: "not a good fit" or "unresponsive"


@dataclass(frozen=True, slots=True)
class Pause:
    until: date | None = None  # None: until the agent says RESUME
    ref: str | None = None  # a code typed beside it ("Pausing til Dec 6. 5519 still in progress"), for the log


@dataclass(frozen=True, slots=True)
class Resume:
    ref: str | None = None  # a code typed beside it ("I'm back! resume pls. did I miss anything on 5139?"), for the log


@dataclass(frozen=True, slots=True)
class Stop:
    ref: str | None = None  # a code typed beside it ("quit texting me. closed 4410 and im done"), for the log


@dataclass(frozen=True, slots=True)
class Start:
    ref: str | None = None  # a code typed beside it ("START. ... am I still able to claim 6198?"), for the log


@dataclass(frozen=True, slots=True)
class Help:
    ref: str | None = None  # the code the question is about ("what are my reply options for 8840?")


@dataclass(frozen=True, slots=True)
class Status:
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Agree:
    """The agent agrees to the referral fee, which releases the contact details once both sides agree."""

    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Award:
    """A sending agent picks receiver number `choice` from the list of interested agents; `LAST` is "the last
    one on the list", whose number only the list knows; `BY_NAME` is a receiver named as the list names them
    ("Give it to Dana Whitfield"), in `name`."""

    LAST: ClassVar[int] = 0
    BY_NAME: ClassVar[int] = -1

    ref: str | None
    choice: int
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Capacity:
    """"MAX 2 A WEEK": offers stop once the agent has won this many referrals in the last 7 days; "MAX OFF"
    (`per_week` None) lifts the limit."""

    per_week: int | None = None


@dataclass(frozen=True, slots=True)
class Unknown:
    """Not clearly a command; `reason` is negation, reaction, auto_reply, ack, likely (a yes that may answer
    something else: asked about), question, hypothetical, future, third_party, empty or unrecognised. `ref` is
    a referral code the agent typed all the same ("is the buyer on 4410 pre-approved?"), for the review item."""

    reason: str
    ref: str | None = None


Intent = (
    Claim | Decline | CallRequest | InvoiceRequest | Report | Pause | Resume | Stop | Start | Help | Status
    | Agree | Award | ConnectRequest | Capacity | Unknown
)

_NAMES: dict[type, str] = {
    Claim: "claim",
    Decline: "decline",
    CallRequest: "call",
    InvoiceRequest: "invoice",
    Pause: "pause",
    Resume: "resume",
    Stop: "stop",
    Start: "start",
    Help: "help",
    Status: "status",
    Agree: "agree",
    Award: "award",
    ConnectRequest: "connect",
    Capacity: "capacity",
    Unknown: "unknown",
}


def intent_name(intent: Intent) -> str:
    """The contract name of an intent: claim, decline, call, ..., sold, no_sale, ..., unknown."""
    if isinstance(intent, Report):
        return intent.outcome.value
    return _NAMES[type(intent)]


def intent_to_json(intent: Intent) -> dict[str, Any]:
    """The `referral-bot parse` line: intent, ref, amount, until, reason (and choice, for award only; per_week,
    for capacity only)."""
    until = getattr(intent, "until", None)
    result: dict[str, Any] = {
        "intent": intent_name(intent),
        "ref": getattr(intent, "ref", None),
        "amount": getattr(intent, "amount", None),
        "until": until.isoformat() if until else None,
        "reason": getattr(intent, "reason", None),
    }
    if isinstance(intent, Award):
        result["choice"] = intent.choice
        if intent.name:
            result["name"] = intent.name
    if isinstance(intent, Capacity):
        result["per_week"] = intent.per_week
    return result


_BY_NAME: dict[str, type] = {name: kind for kind, name in _NAMES.items()}


def intent_from_json(data: dict[str, Any]) -> Intent:
    """The intent `intent_to_json` printed, back again (a pending question keeps the intent a YES will carry out)."""
    name, ref = data["intent"], data.get("ref")
    if name in Outcome._value2member_map_:
        return Report(Outcome(name), ref=ref, amount=data.get("amount"), reason=data.get("reason"))
    if name == "pause":
        return Pause(until=date.fromisoformat(data["until"]) if data.get("until") else None, ref=ref)
    if name == "award":
        return Award(ref=ref, choice=int(data["choice"]), name=data.get("name"))
    if name == "unknown":
        return Unknown(data.get("reason") or "unrecognised")
    if name == "capacity":
        return Capacity(per_week=data.get("per_week"))
    kind: Any = _BY_NAME[name]  # one of the intent dataclasses left: each takes a ref or nothing
    intent: Intent = kind(ref=ref) if "ref" in kind.__dataclass_fields__ else kind()
    return intent


RefIntent = Claim | Decline | CallRequest | ConnectRequest | InvoiceRequest | Report | Status | Agree | Award


def with_ref(intent: Intent, ref: str) -> Intent:
    """The same intent about referral `ref`; an intent that names no referral (PAUSE, STOP, ...) stays as it is."""
    if isinstance(intent, RefIntent):
        return dataclasses.replace(intent, ref=ref)
    return intent
