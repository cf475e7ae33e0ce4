"""What no feature acts on: unknown text (never guessed at) and intents this network has no flow for."""
from __future__ import annotations

from bot import intents, replies
from bot.handlers.confirming import ask_to_confirm
from bot.outcomes import IGNORED, HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router

router = Router("fallback")


@router.handles(intents.Unknown)
def unknown(intent: intents.Unknown, ctx: Context) -> Reply:
    """Never guess: reactions and auto-replies are ignored; anything else is asked about and reviewed."""
    if intent.reason in IGNORED:  # never answered: no loops, no noise
        return Reply(None, IGNORED[intent.reason])
    if intent.reason in ("ack", "likely"):  # "k", 👍: never an action; ask "Claim #4821? Reply YES to confirm."
        return ask_to_confirm(ctx, likely=intent.reason == "likely")
    ctx.review.flag(intent.reason)
    return Reply(replies.not_understood(), HandlerOutcome.REVIEW)


def not_built_yet(intent: intents.Intent, ctx: Context) -> Reply:
    """Intents whose flow this network does not run: a person reads them."""
    ctx.review.flag(f"unhandled:{intents.intent_name(intent)}")
    return Reply(replies.forwarded_to_team(), HandlerOutcome.REVIEW)
