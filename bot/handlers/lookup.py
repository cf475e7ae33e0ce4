"""Which referral a message is about: the code the agent typed, else their only candidate, else ask.

Shared by the features; registers no handler.
"""
from __future__ import annotations

from collections.abc import Callable

from bot import replies
from bot.model import OfferView, ReferralSummary
from bot.outcomes import HandlerOutcome
from bot.ports import Context
from bot.router import Reply


def resolve_offer(ref: str | None, ctx: Context, verb: str,
                  open_offers: list[OfferView] | None = None) -> OfferView | Reply:
    """The offer the agent means (see `find_offer`); the message is then linked to its referral in the log."""
    offer = find_offer(ref, ctx, verb, open_offers)
    if not isinstance(offer, Reply):
        ctx.referrals.about(offer.referral.id)
    return offer


def find_offer(ref: str | None, ctx: Context, verb: str, open_offers: list[OfferView] | None) -> OfferView | Reply:
    """The code they typed, else their single open offer, else their latest offer, else ask."""
    if ref:
        offer = ctx.referrals.offer_by_code(ctx.agent.id, ref)
        return offer if offer else Reply(replies.unknown_code(ref), HandlerOutcome.UNKNOWN_CODE)
    if open_offers is None:
        open_offers = ctx.referrals.open_offers(ctx.agent.id, ctx.now)
    if len(open_offers) > 1:
        return Reply(replies.which_referral([o.referral.code for o in open_offers], verb), HandlerOutcome.AMBIGUOUS)
    if open_offers:
        return open_offers[0]
    latest = ctx.referrals.latest_offer(ctx.agent.id)
    return latest if latest else Reply(replies.no_open_offer(), HandlerOutcome.NO_OFFER)


def pick_referral(ref: str | None, by_code: Callable[[str], ReferralSummary | None],
                  candidates: Callable[[], list[ReferralSummary]], *, verb: str, nothing: Reply
                  ) -> ReferralSummary | Reply:
    """`by_code(ref)` when a code was typed; otherwise the single candidate, `nothing`, or a question
    listing the codes (acting on none of them)."""
    if ref:
        found = by_code(ref)
        return found if found else Reply(replies.not_your_referral(ref), HandlerOutcome.NOT_YOURS)
    options = candidates()
    if len(options) == 1:
        return options[0]
    if not options:
        return nothing
    return Reply(replies.which_referral([r.code for r in options], verb), HandlerOutcome.AMBIGUOUS)
