"""Validation of input from outside (the operator API, the portal, DISPATCH_DEFAULT): each function returns clean
values or raises `Invalid` with field errors. Below the web layer so the settings check with the same rules."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers

from bot.fees import MAX_AGENT_COMMISSION_RATE
from bot.states import EXCHANGE_MODES, ReferralMode

EMAIL = re.compile(r"^[^@\s,;<>\x00-\x1f\x7f]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")  # NUL, CR, LF and the rest: never in a one-line name
ZIP = re.compile(r"^\d{5}$")
CLIENT_TYPES = ("buyer", "seller", "renter")
AGENT_STATUSES = ("active", "paused", "suspended")
PRICING_PLANS = ("per_referral", "per_sale", "commission", "none")

# Number ranges: what the columns hold (ids are INTEGER keys) and what a referral business can mean.
MAX_ID = 2**31 - 1
ID_RANGE = f"an id (a whole number from 1 to {MAX_ID})"
MAX_PRICE_DOLLARS = 1_000_000_000  # a home price; the column is BIGINT
MAX_FEE_CENTS = 100_000_000  # $1,000,000: a fee, a referral's price, a billing threshold
MAX_IDS = 100  # agents named in one request
MAX_EMAIL = 254


class Invalid(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def phone(value: Any) -> str:
    """Any reasonable way of writing a US number (or + and a country code) -> E.164."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a phone number is required")
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        raise ValueError("not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(value: Any) -> str:
    if not isinstance(value, str) or len(value.strip()) > MAX_EMAIL or not EMAIL.match(value.strip()):
        raise ValueError("not a valid email address")
    return value.strip().lower()


def timezone_name(value: Any) -> str:
    try:
        if not isinstance(value, str) or len(value) > 64:
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise ValueError("unknown timezone (use an IANA name like America/Chicago)") from None
    return str(value)


def zip_code(value: Any) -> str:
    if not isinstance(value, str) or not ZIP.match(value.strip()):
        raise ValueError("a zip code is five digits, like 78704")
    return value.strip()


def zip_codes(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError("a list of five-digit zip codes")
    return [zip_code(v) for v in value]


def client_type(value: Any) -> str:
    if value not in CLIENT_TYPES:
        raise ValueError(f"one of {', '.join(CLIENT_TYPES)}")
    return str(value)


def client_types(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"a non-empty list of {', '.join(CLIENT_TYPES)}")
    return [client_type(v) for v in value]


def name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ValueError("a name of 1 to 200 characters is required")
    if CONTROL.search(value):
        raise ValueError("a name is one line of text (no NUL, CR, LF or other control characters)")
    return value.strip()


def agent_status(value: Any) -> str:
    if value not in AGENT_STATUSES:
        raise ValueError(f"one of {', '.join(AGENT_STATUSES)}")
    return str(value)


def iso_date(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError("a date like 2026-12-03") from None


def pricing(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("an object like {\"plan\": \"per_sale\", \"fee_cents\": 25000}")
    if value.get("plan", "none") not in PRICING_PLANS:
        raise ValueError(f"plan must be one of {', '.join(PRICING_PLANS)}")
    for key in ("fee_cents", "billing_threshold_cents"):
        if key in value and (not isinstance(value[key], int) or isinstance(value[key], bool) or value[key] < 0):
            raise ValueError(f"{key} must be a whole number of cents")
    if "commission_rate" in value:
        raise ValueError("commission_rate is ambiguous: give agent_commission_rate (the agent's side of the sale, "
                         "e.g. 0.03) and referral_fee_share (the fee's share of that commission, e.g. 0.25)")
    commission_parts(value)
    return dict(value)


def pricing_amounts(plan: dict[str, Any]) -> dict[str, Any]:
    """A plan's amounts in cents within what a fee can be (checked after `pricing`, which owns the plan's shape),
    so an agent's later report never computes a fee past what the ledger holds."""
    for key in ("fee_cents", "billing_threshold_cents"):
        if key in plan and not 0 <= plan[key] <= MAX_FEE_CENTS:
            raise ValueError(f"{key} must be from 0 to {MAX_FEE_CENTS:,} cents")
    return plan


def commission_parts(value: dict[str, Any]) -> None:
    """A commission plan states both parts: fee = sale x agent_commission_rate x referral_fee_share."""
    limits = {"agent_commission_rate": (MAX_AGENT_COMMISSION_RATE, "the agent's side of the sale, at most 0.1"),
              "referral_fee_share": (1.0, "the fee's share of the agent's commission, at most 1")}
    for key, (most, meaning) in limits.items():
        given = value.get(key)
        if given is None and value.get("plan") == "commission":
            raise ValueError(f"a commission plan needs {key} ({meaning})")
        if given is not None and not (isinstance(given, (int, float)) and not isinstance(given, bool)
                                      and 0 < given <= most):
            raise ValueError(f"{key} is a fraction above 0: {meaning}")


LANGUAGES = ("en", "es")


def language(value: Any) -> str:
    if value not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    return value


def max_per_week(value: Any) -> int | None:
    """The most referrals an agent gets in 7 days; null: no limit."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
        raise ValueError("max_per_week is a whole number from 1 to 99, or null for no limit")
    return value


AGENT_RULES: dict[str, Callable[[Any], Any]] = {
    "name": name, "phone": phone, "email": email, "timezone": timezone_name, "zip_codes": zip_codes,
    "client_types": client_types, "status": agent_status, "paused_from": iso_date, "paused_until": iso_date,
    "pricing": lambda value: pricing_amounts(pricing(value)), "language": language,
    "max_per_week": lambda value: max_per_week(value),
}
AGENT_REQUIRED = ("name", "phone", "email", "zip_codes")


def check(data: Any, rules: dict[str, Callable[[Any], Any]], *, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Apply `rules` to the keys present; collect every error before raising."""
    if not isinstance(data, dict):
        raise Invalid({"_": "the body must be a JSON object"})
    errors = {key: "this field is required" for key in required if key not in data}
    errors.update({key: "unknown field" for key in data if key not in rules})
    clean: dict[str, Any] = {}
    for key, rule in rules.items():
        if key in data and key not in errors:
            try:
                clean[key] = rule(data[key])
            except ValueError as exc:
                errors[key] = str(exc)
    if errors:
        raise Invalid(errors)
    return clean


def agent_input(data: Any, *, partial: bool = False) -> dict[str, Any]:
    clean = check(data, AGENT_RULES, required=() if partial else AGENT_REQUIRED)
    if not partial:
        clean.setdefault("client_types", ["buyer", "seller"])
        clean.setdefault("timezone", "America/Chicago")
    return clean


REFERRAL_MODES = tuple(ReferralMode)


def client(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("an object with name and a phone or an email")
    clean: dict[str, Any] = {"name": name(value.get("name"))}
    if value.get("phone"):
        clean["phone"] = phone(value["phone"])
    if value.get("email"):
        clean["email"] = email(value["email"])
    if "phone" not in clean and "email" not in clean:
        raise ValueError("the client needs a phone or an email")
    if value.get("sms_consent") is not None:
        clean["sms_consent"] = sms_consent(value["sms_consent"])
    return clean


def sms_consent(value: Any) -> dict[str, Any]:
    """The record of the client's consent to be texted: when ("given_at", ISO 8601 with a zone) and how."""
    if not isinstance(value, dict) or not isinstance(value.get("how"), str) or not value["how"].strip():
        raise ValueError('sms_consent needs "given_at" and "how"')
    try:
        given_at = datetime.fromisoformat(value.get("given_at", ""))
    except (TypeError, ValueError):
        raise ValueError('sms_consent.given_at: a time like 2026-12-03T10:00:00-06:00') from None
    if given_at.tzinfo is None:
        raise ValueError("sms_consent.given_at needs a time zone")
    return {"given_at": given_at.astimezone(UTC), "how": value["how"].strip()[:200]}


def dollars(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_PRICE_DOLLARS:
        raise ValueError(f"a whole number of dollars from 0 to {MAX_PRICE_DOLLARS:,}")
    return value


def short_text(limit: int) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        if not isinstance(value, str) or len(value) > limit or "\x00" in value:
            raise ValueError(f"text of at most {limit} characters (and no NUL)")
        return value.strip()
    return rule


def mode(value: Any) -> str:
    if value not in REFERRAL_MODES:
        raise ValueError(f"one of {', '.join(REFERRAL_MODES)}")
    return str(value)


def cents(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_FEE_CENTS:
        raise ValueError(f"a whole number of cents from 1 to {MAX_FEE_CENTS:,}")
    return value


def positive_id(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_ID:
        raise ValueError(ID_RANGE)
    return value


def id_list(value: Any) -> list[int]:
    if not isinstance(value, list) or not 0 < len(value) <= MAX_IDS:
        raise ValueError(f"a list of 1 to {MAX_IDS} agent ids")
    return [positive_id(v) for v in value]


def fee_percent(value: Any) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 100:
        raise ValueError("a referral fee percentage between 0 and 100")
    return float(value)


def radius(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 500:
        raise ValueError("miles between 1 and 500")
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


DISPATCH_POLICIES = ("broadcast", "cascade", "round_robin")  # bot.dispatch.Policy
ESCALATION_ACTIONS = ("call", "email", "widen", "notify_operator")  # bot.dispatch.Action
MAX_DISPATCH_SECONDS = 86_400  # a window or a step: at most a day
MAX_ESCALATION_SECONDS = 30 * 86_400
MAX_ESCALATION_STEPS = 10
MAX_DISPATCH_AGENTS = 500


def whole_number(low: int, high: int, what: str) -> Callable[[Any], int]:
    def rule(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"{what} from {low} to {high:,}")
        return value
    return rule


def choice(values: tuple[str, ...]) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        if value not in values:
            raise ValueError(f"one of {', '.join(values)}")
        return str(value)
    return rule


ESCALATION_STEP_RULES: dict[str, Callable[[Any], Any]] = {
    "after_seconds": whole_number(0, MAX_ESCALATION_SECONDS, "whole seconds"),
    "action": choice(ESCALATION_ACTIONS)}


def escalation(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > MAX_ESCALATION_STEPS:
        raise ValueError(f"a list of at most {MAX_ESCALATION_STEPS} steps")
    return [check(step, ESCALATION_STEP_RULES, required=("after_seconds", "action")) for step in value]


DISPATCH_RULES: dict[str, Callable[[Any], Any]] = {
    "policy": choice(DISPATCH_POLICIES), "window_seconds": whole_number(1, MAX_DISPATCH_SECONDS, "whole seconds"),
    "step_seconds": whole_number(1, MAX_DISPATCH_SECONDS, "whole seconds"),
    "max_agents": whole_number(1, MAX_DISPATCH_AGENTS, "a number of agents"), "escalation": escalation}


def dispatch(value: Any) -> dict[str, Any]:
    """Who is offered a referral and when (bot/dispatch.py); an error names the inner field."""
    try:
        return check(value, DISPATCH_RULES, required=("policy",))
    except Invalid as exc:
        raise ValueError("; ".join(f"{key}: {why}" for key, why in exc.errors.items())) from None


REFERRAL_RULES: dict[str, Callable[[Any], Any]] = {
    "client": client, "zip": zip_code, "client_type": client_type, "price_min": dollars, "price_max": dollars,
    "timeline": short_text(64), "note": short_text(2000), "mode": mode, "price_cents": cents,
    "sender_agent_id": positive_id, "fee_percent": fee_percent, "receiver_agent_ids": id_list,
    "radius_miles": radius, "draft": boolean, "dispatch": dispatch,
}


def referral_input(data: Any) -> dict[str, Any]:
    clean = check(data, REFERRAL_RULES, required=("client", "zip", "client_type"))
    if clean.get("price_min") and clean.get("price_max") and clean["price_min"] > clean["price_max"]:
        raise Invalid({"price_min": "must not be above price_max"})
    if clean.get("mode") == "paid" and "price_cents" not in clean:
        raise Invalid({"price_cents": "a paid referral needs a price"})
    clean.setdefault("mode", "first_come")
    exchange_errors(clean)
    return clean


def exchange_errors(clean: dict[str, Any]) -> None:
    """Agent-to-agent referrals need a sender and a fee; a private one its receivers (unless a draft)."""
    errors: dict[str, str] = {}
    if clean["mode"] in EXCHANGE_MODES:
        for key in ("sender_agent_id", "fee_percent"):
            if key not in clean:
                errors[key] = f"required for {clean['mode']} referrals"
        if clean["mode"] == "private" and "receiver_agent_ids" not in clean and not clean.get("draft"):
            errors["receiver_agent_ids"] = "a private referral goes to the agents you choose"
        if clean["mode"] == "network":
            clean.setdefault("radius_miles", 50)
        if "dispatch" in clean:
            errors["dispatch"] = "only for first_come, call_first and paid referrals"
    else:
        for key in ("sender_agent_id", "fee_percent", "receiver_agent_ids", "radius_miles", "draft"):
            if key in clean:
                errors[key] = "only for private, network and open referrals"
    if errors:
        raise Invalid(errors)
