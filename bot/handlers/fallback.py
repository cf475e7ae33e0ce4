"""What no feature acts on: unknown text (never guessed at) and intents this network has no flow for."""
from __future__ import annotations

from bot import intents, replies
from bot.handlers import confirming
from bot.ports import Context
from bot.router import Reply, Router

router = Router("fallback")
QUIET_UNKNOWN = {"reaction", "auto_reply", "empty"}  # never answered: no loops, no noise


@router.handles(intents.Unknown)
def unknown(intent: intents.Unknown, ctx: Context) -> Reply:
    """Never guess: reactions and auto-replies are ignored; anything else is asked about and reviewed."""
    if intent.reason in QUIET_UNKNOWN:
        return Reply(None, f"ignored:{intent.reason}")
    if intent.reason == "ack":  # "k", 👍: never an action; ask "Claim #4821? Reply YES to confirm."
        return confirming.ask_to_confirm(ctx)
    ctx.review.flag(intent.reason)
    return Reply(replies.not_understood(), "review")


def not_built_yet(intent: intents.Intent, ctx: Context) -> Reply:
    """Intents whose flow this network does not run: a person reads them."""
    ctx.review.flag(f"unhandled:{intents.intent_name(intent)}")
    return Reply(replies.forwarded_to_team(), "review")
