"""Report-back: SOLD / NO SALE / IN PROGRESS / INVALID / FAIL on a referral the agent won.

A report moves the referral forward through the life cycle (never backwards: such an update is kept as a
note instead), records the agent's words as a note the sender can see, books the fee the agent's plan
says, echoes what was recorded, and lifts a suspension for overdue reports once nothing is overdue.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from bot import fees, intents, lifecycle, replies
from bot.handlers.lookup import pick_referral
from bot.intents import Outcome
from bot.lifecycle import LABELS, Role, Status, TransitionRefused
from bot.model import ReferralSummary
from bot.outcomes import REPORTED, HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router

TARGET = {Outcome.IN_PROGRESS: Status.WORKING, Outcome.SOLD: Status.CLOSED, Outcome.NO_SALE: Status.LOST,
          Outcome.INVALID: Status.LOST, Outcome.FAIL: Status.LOST}
router = Router("reporting")
FAIL_REASONS = ("not a good fit", "unresponsive")


def resolve_won(ref: str | None, ctx: Context, verb: str) -> ReferralSummary | Reply:
    """The referral a report is about: the code typed, else the agent's single referral awaiting an update."""
    found = pick_referral(ref, lambda code: ctx.referrals.won_by_code(ctx.agent.id, code),
                          lambda: ctx.referrals.awaiting_update(ctx.agent.id), verb=verb,
                          nothing=Reply(replies.nothing_to_report(), HandlerOutcome.NOTHING_TO_REPORT))
    if not isinstance(found, Reply):
        ctx.referrals.about(found.id)
    return found


@router.handles(intents.Report)
def report(intent: intents.Report, ctx: Context) -> Reply:
    intent = code_or_price(intent, ctx)
    referral = resolve_won(intent.ref, ctx, replies.REPORT_VERBS[intent.outcome])
    if isinstance(referral, Reply):
        return referral
    problem = missing_detail(intent, referral, ctx)
    if problem:
        return problem
    target = TARGET[intent.outcome]
    if Status(referral.status) == target == Status.WORKING:
        ctx.referrals.note(referral.id, ctx.agent.id, "report", ctx.text, ctx.now)
        return Reply(replies.noted(referral.code, LABELS[target]), HandlerOutcome.NOTED)
    try:
        lifecycle.check_move(referral.status, target, Role.RECEIVER)
    except TransitionRefused:
        ctx.referrals.note(referral.id, ctx.agent.id, "note", ctx.text, ctx.now)
        return Reply(replies.kept_as_note(referral.code, LABELS[Status(referral.status)]), HandlerOutcome.REFUSED)
    return record(intent, referral, target, ctx)


def code_or_price(intent: intents.Report, ctx: Context) -> intents.Report:
    """A bare number that fits both a code and a price ("SOLD 52000": codes grow to five digits and more) is
    resolved by what the agent holds: the code of one of their referrals, else the price the parser read.
    With no code left, several referrals awaiting an update are then asked about (`resolve_won` lists them)."""
    if intent.outcome is not Outcome.SOLD or intent.ref or not intent.amount or not ctx.text:
        return intent
    digits = str(intent.amount)
    bare = re.search(rf"(?<![0-9$.,]){digits}(?![0-9])(?![.,][0-9])(?!\s*(?:k|m|mil|thousand|million)\b)",
                     ctx.text, re.IGNORECASE)
    if bare and ctx.referrals.won_by_code(ctx.agent.id, digits) is not None:
        return replace(intent, ref=digits, amount=None)
    return intent


def missing_detail(intent: intents.Report, referral: ReferralSummary, ctx: Context) -> Reply | None:
    """Ask for what the report needs before recording anything."""
    if intent.outcome is Outcome.INVALID and not intent.reason:
        return Reply(replies.ask_invalid_reason(referral.code), HandlerOutcome.ASK_REASON)
    if intent.outcome is Outcome.FAIL:
        if intent.reason not in FAIL_REASONS:
            return Reply(replies.fail_reasons(referral.code), HandlerOutcome.ASK_REASON)
        too_soon = referral.awarded_at and ctx.now - referral.awarded_at < timedelta(
            days=ctx.config.unresponsive_fail_days)
        if intent.reason == "unresponsive" and too_soon:
            return Reply(replies.fail_too_soon(referral.code, ctx.config.unresponsive_fail_days),
                         HandlerOutcome.TOO_SOON)
    if intent.outcome is Outcome.SOLD and not intent.amount and ctx.agent.pricing.get("plan") == "commission":
        return Reply(replies.ask_sale_amount(referral.code), HandlerOutcome.ASK_AMOUNT)
    return None


def record(intent: intents.Report, referral: ReferralSummary, target: Status, ctx: Context) -> Reply:
    reason = lost_reason(intent)
    moved = ctx.referrals.move(referral.id, referral.status, target, ctx.now, sale_amount=intent.amount,
                               lost_reason=reason, invalid=intent.outcome is Outcome.INVALID)
    if not moved:  # someone else moved it a moment ago
        return Reply(replies.kept_as_note(referral.code, "updated"), HandlerOutcome.REFUSED)
    ctx.referrals.note(referral.id, ctx.agent.id, "report", ctx.text, ctx.now)
    fee = book_fees(intent, referral, ctx)
    ctx.agents.restore_if_clear(ctx.agent, ctx.now)
    if fee and intent.amount:  # echo the arithmetic, so a wrong plan is caught by the agent at once
        return Reply(replies.sold_fee_echo(referral.code, intent.amount, fee.basis, fee.cents),
                     REPORTED[intent.outcome])
    return Reply(replies.report_echo(referral.code, intent.outcome, intent.amount, reason), REPORTED[intent.outcome])


def lost_reason(intent: intents.Report) -> str | None:
    return {Outcome.NO_SALE: "no sale", Outcome.INVALID: f"invalid: {intent.reason}",
            Outcome.FAIL: f"failed: {intent.reason}"}.get(intent.outcome)


def book_fees(intent: intents.Report, referral: ReferralSummary, ctx: Context) -> fees.Fee | None:
    """Sales are charged by plan (the fee booked is returned); an invalid referral costs nothing (its award
    fee is credited back)."""
    if intent.outcome is Outcome.SOLD:
        fee = fees.fee_on_sale(ctx.agent.pricing, referral.code, intent.amount)
        if fee:
            ctx.ledger.charge(ctx.agent.id, referral.id, fee, ctx.now)
        return fee
    if intent.outcome is Outcome.INVALID:
        ctx.ledger.credit_award_fee(ctx.agent.id, referral.id, ctx.now)
    return None

