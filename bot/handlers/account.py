"""The agent's own standing: STOP and START (texts consent), HELP, PAUSE and RESUME (availability)."""
from __future__ import annotations

from bot import daytime, intents, replies
from bot.outcomes import HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router

router = Router("account")


@router.handles(intents.Stop)
def stop(intent: intents.Stop, ctx: Context) -> Reply:
    ctx.agents.opt_out(ctx.agent, str(ctx.channel), ctx.now)
    return Reply(replies.stopped(ctx.config), HandlerOutcome.OPTED_OUT)


@router.handles(intents.Start)
def start(intent: intents.Start, ctx: Context) -> Reply:
    ctx.agents.opt_in(ctx.agent, ctx.now)
    return Reply(replies.started(ctx.config), HandlerOutcome.OPTED_IN)


@router.handles(intents.Help)
def help_(intent: intents.Help, ctx: Context) -> Reply:
    return Reply(replies.help_text(ctx.config))


@router.handles(intents.Pause)
def pause(intent: intents.Pause, ctx: Context) -> Reply:
    """Pause from the agent's own day; an end date already behind that day is asked about, never applied."""
    today = daytime.local_today(ctx.now, ctx.agent.timezone)
    if intent.until is not None and intent.until < today:
        return Reply(replies.pause_date_passed(intent.until), HandlerOutcome.PAUSE_DATE_PASSED)
    ctx.agents.pause(ctx.agent, today, intent.until, ctx.now)
    return Reply(replies.paused(intent.until), HandlerOutcome.PAUSED)


@router.handles(intents.Resume)
def resume(intent: intents.Resume, ctx: Context) -> Reply:
    ctx.agents.resume(ctx.agent, ctx.now)
    return Reply(replies.resumed(), HandlerOutcome.RESUMED)
