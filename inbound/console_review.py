"""The console's review inbox (`/console/review`): each message the bot did not understand, with its agent, the
referrals it might be about and what the parser saw; dispatchers and admins act for the agent, reply or dismiss
(store/review.py, the same functions as `/api/review`), each audited under the operator's name."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from sqlalchemy.orm import Session

from bot.review import COMMANDS, ItemStatus
from inbound.console import FORM, OPERATOR, SignedIn, acting, console_id, render, see_other, signed_in
from inbound.deps import BOT_ENV, deps
from inbound.review_api import MAX_NOTE, MAX_REPLY, message_text
from store import audit
from store import review_inbox as review

routes = web.RouteTableDef()
NOTICES = {"acted": "Done for the agent", "replied": "Reply queued", "dismissed": "Dismissed"}


@routes.get("/console/review")
@signed_in
async def review_page(request: web.Request) -> web.Response:
    return await show(request)


async def show(request: web.Request, problem: dict[str, Any] | None = None, status: int = 200) -> web.Response:
    raw = request.query.get("status", "open")
    shown = ItemStatus(raw) if raw in set(ItemStatus) else ItemStatus.OPEN
    found = await deps(request).store.run(lambda s: review.views(s, review.items(s, status=shown, limit=200)))
    return render(request, "review.html", status, items=found, shown=str(shown), commands=COMMANDS,
                  problem=problem or {}, done=done_notice(request))


def done_notice(request: web.Request) -> str:
    what, item = request.query.get("done", ""), request.query.get("item", "")
    if what not in NOTICES or not (item.isascii() and item.isdigit() and len(item) <= 10):
        return ""
    outcome = request.query.get("outcome", "")[:40]
    return f"Item {item}: {NOTICES[what]}" + (f" (the bot's answer: {outcome})." if outcome else ".")


async def resolve(request: web.Request, action: str, work: Any) -> web.Response:
    """Run one resolution in a transaction with its audit entry; back to the inbox with a notice, or the inbox
    again with what was wrong (422/409/404, nothing changed)."""
    item_id, operator, d = console_id(request), request[OPERATOR], deps(request)
    now = d.clock.now()

    def run(session: Session) -> review.Done:
        done: review.Done = work(session, item_id, operator, now)
        audit.record(session, operator.email, f"review_{action}", operator_id=operator.id, target=f"review {item_id}",
                     detail=f"{done.outcome}" + (f" on referral {done.referral_id}" if done.referral_id else ""),
                     now=now)
        return done
    try:
        done = await d.store.run(run)
    except review.Refused as exc:
        return await show(request, {"item": item_id, "errors": exc.errors or {"": str(exc)}}, exc.status)
    query = {"done": str(done.resolution), "item": item_id}
    if action == "act":
        query["outcome"] = done.outcome
    return see_other("/console/review?" + urlencode(query))


@routes.post("/console/review/{id}/act")
@acting
async def act(request: web.Request) -> web.Response:
    form, env = request[FORM], request.app[BOT_ENV]

    def work(session: Session, item_id: int, operator: SignedIn, now: Any) -> review.Done:
        fields = {k: form.get(k, "") for k in ("intent", "ref", "amount", "until", "reason")}
        return review.act(session, env, item_id, fields, actor=operator.email, now=now)
    return await resolve(request, "act", work)


@routes.post("/console/review/{id}/reply")
@acting
async def reply(request: web.Request) -> web.Response:
    form, env = request[FORM], request.app[BOT_ENV]
    try:
        text = message_text(form.get("text"), MAX_REPLY)
    except ValueError as exc:
        return await show(request, {"item": console_id(request), "errors": {"text": str(exc)}}, 422)

    def work(session: Session, item_id: int, operator: SignedIn, now: Any) -> review.Done:
        return review.reply(session, env, item_id, text, actor=operator.email, now=now, ref=form.get("ref"))
    return await resolve(request, "reply", work)


@routes.post("/console/review/{id}/dismiss")
@acting
async def dismiss(request: web.Request) -> web.Response:
    form = request[FORM]
    try:
        note = message_text(form.get("note"), MAX_NOTE)
    except ValueError as exc:
        return await show(request, {"item": console_id(request), "errors": {"note": str(exc)}}, 422)

    def work(session: Session, item_id: int, operator: SignedIn, now: Any) -> review.Done:
        return review.dismiss(session, item_id, note, actor=operator.email, now=now, ref=form.get("ref"))
    return await resolve(request, "dismiss", work)
