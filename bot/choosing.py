"""Which referral a message is about: the code the agent typed, else their only candidate, else ask."""
from __future__ import annotations

from collections.abc import Callable

from bot import replies
from bot.model import ReferralSummary
from bot.router import Reply


def pick_referral(ref: str | None, by_code: Callable[[str], ReferralSummary | None],
                  candidates: Callable[[], list[ReferralSummary]], *, verb: str, nothing: Reply
                  ) -> ReferralSummary | Reply:
    """`by_code(ref)` when a code was typed; otherwise the single candidate, `nothing`, or a question
    listing the codes (acting on none of them)."""
    if ref:
        found = by_code(ref)
        return found if found else Reply(replies.not_your_referral(ref), "not_yours")
    options = candidates()
    if len(options) == 1:
        return options[0]
    if not options:
        return nothing
    return Reply(replies.which_referral([r.code for r in options], verb), "ambiguous")
