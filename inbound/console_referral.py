"""A referral page's actions beyond a note and cancel: award or reassign it with a reason, re-offer it, text
or email its winner (store/referral_actions.py, the same functions as `POST /api/referrals/{id}/...`). Dispatchers
and admins only; each is audited under the operator's name and lands in the referral's history."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlencode

from aiohttp import web
from sqlalchemy.orm import Session

from bot.messages import Channel
from inbound.console import FORM, OPERATOR, SignedIn, acting, console_id, see_other
from inbound.deps import BOT_ENV, deps
from inbound.referral_actions_api import MAX_REASON
from inbound.review_api import MAX_REPLY, message_text
from store import audit, validation
from store import referral_actions as actions

routes = web.RouteTableDef()
Work = Callable[[Session, int, SignedIn, datetime], actions.Done]


async def run(request: web.Request, action: str, work: Work) -> web.Response:
    """One action and its audit entry in one transaction; back to the page with what happened, or why not."""
    referral_id, operator, d = console_id(request), request[OPERATOR], deps(request)
    now = d.clock.now()

    def transaction(session: Session) -> actions.Done:
        done = work(session, referral_id, operator, now)
        audit.record(session, operator.email, action, operator_id=operator.id, target=f"referral {referral_id}",
                     detail=done.detail, now=now)
        return done
    try:
        done = await d.store.run(transaction)
    except actions.Refused as exc:
        if exc.status == 404:
            raise web.HTTPNotFound() from exc
        return back(referral_id, "refused", str(exc))
    return back(referral_id, done.outcome, done.detail)


def back(referral_id: int, done: str, detail: str) -> web.Response:
    return see_other(f"/console/referrals/{referral_id}?" + urlencode({"done": done, "detail": detail[:200]}))


@routes.post("/console/referrals/{id}/assign")
@acting
async def assign(request: web.Request) -> web.Response:
    form, env = request[FORM], request.app[BOT_ENV]
    raw = form.get("agent_id", "")
    try:
        reason = message_text(form.get("reason"), MAX_REASON)
    except ValueError:
        return back(console_id(request), "refused", "Give a reason: the previous winner is told it.")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and 0 < int(raw) <= validation.MAX_ID):
        return back(console_id(request), "refused", "Pick the agent.")

    def work(session: Session, referral_id: int, operator: SignedIn, now: datetime) -> actions.Done:
        return actions.assign(session, env, referral_id, int(raw), reason, actor=operator.email, now=now)
    return await run(request, "assign", work)


@routes.post("/console/referrals/{id}/reoffer")
@acting
async def reoffer(request: web.Request) -> web.Response:
    form, env = request[FORM], request.app[BOT_ENV]
    to = form.get("to", "")
    if to not in set(actions.ReofferTo):
        return back(console_id(request), "refused", "Choose the same agents or a new match.")

    def work(session: Session, referral_id: int, operator: SignedIn, now: datetime) -> actions.Done:
        return actions.reoffer(session, env, referral_id, actions.ReofferTo(to), actor=operator.email, now=now)
    return await run(request, "reoffer", work)


@routes.post("/console/referrals/{id}/message")
@acting
async def message(request: web.Request) -> web.Response:
    form, env = request[FORM], request.app[BOT_ENV]
    channel = form.get("channel", "")
    try:
        text = message_text(form.get("text"), MAX_REPLY)
    except ValueError:
        return back(console_id(request), "refused", "Write the message first.")
    if channel not in (Channel.SMS, Channel.EMAIL):
        return back(console_id(request), "refused", "Choose text or email.")

    def work(session: Session, referral_id: int, operator: SignedIn, now: datetime) -> actions.Done:
        return actions.message_winner(session, env, referral_id, Channel(channel), text, actor=operator.email,
                                      now=now)
    return await run(request, "message_winner", work)
