"""The review inbox's API (`/api/review`): the items, and the three ways to resolve one (store/review.py):
act for the agent, reply, dismiss. The console's review page runs the same store functions."""
from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.review import ItemStatus
from inbound.api import API_OPERATOR, int_param, path_id
from inbound.deps import BOT_ENV, deps, error, json_response
from inbound.json_input import read_json_object
from store import audit, validation
from store import review_inbox as review

routes = web.RouteTableDef()
MAX_REPLY = 1600  # ten SMS segments
MAX_NOTE = 2000


def actor_of(request: web.Request) -> str:
    """Who acts through the API: the operator whose token it is, else the bootstrap ADMIN_TOKEN."""
    who = request.get(API_OPERATOR)
    return who["email"] if who else audit.ADMIN_TOKEN_ACTOR


@routes.get("/api/review")
async def list_review(request: web.Request) -> web.Response:
    """Items (`?status=open|resolved&agent_id=`), each with its agent, what the parser saw and the referrals it
    might be about; open ones oldest first, resolved ones newest first."""
    raw = request.query.get("status", "open")
    if raw not in set(ItemStatus):
        return json_response({"errors": {"status": "open or resolved"}}, 422)
    agent_id = int_param(request, "agent_id")
    return json_response(await deps(request).store.run(
        lambda s: review.views(s, review.items(s, status=ItemStatus(raw), agent_id=agent_id))))


@routes.post("/api/review/{id}/act")
async def act(request: web.Request) -> web.Response:
    """Run a command for the item's agent, as if they had sent it: `{"intent": "sold", "ref": "4821",
    "amount": 450000, "until": null, "reason": null}` (the `referral-bot parse` shape)."""
    item_id, body, env = path_id(request), await read_json_object(request), request.app[BOT_ENV]
    return await resolve(request, lambda s, actor, now: review.act(s, env, item_id, body, actor=actor, now=now))


@routes.post("/api/review/{id}/reply")
async def reply(request: web.Request) -> web.Response:
    """Text the item's agent `{"text": "...", "ref": "4821"?}` (by email when their message came by email)."""
    item_id, body, env = path_id(request), await read_json_object(request), request.app[BOT_ENV]
    try:
        text = message_text(body.get("text"), MAX_REPLY)
    except ValueError as exc:
        return json_response({"errors": {"text": str(exc)}}, 422)
    return await resolve(request, lambda s, actor, now: review.reply(s, env, item_id, text, actor=actor, now=now,
                                                                     ref=ref_of(body)))


@routes.post("/api/review/{id}/dismiss")
async def dismiss(request: web.Request) -> web.Response:
    """Close the item with a note `{"note": "...", "ref": "4821"?}`."""
    item_id, body = path_id(request), await read_json_object(request)
    try:
        note = message_text(body.get("note"), MAX_NOTE)
    except ValueError as exc:
        return json_response({"errors": {"note": str(exc)}}, 422)
    return await resolve(request, lambda s, actor, now: review.dismiss(s, item_id, note, actor=actor, now=now,
                                                                       ref=ref_of(body)))


@routes.post("/api/review/{id}/resolve")
async def resolve_plain(request: web.Request) -> web.Response:
    """Mark an item resolved with nothing done (a dismissal without a note); resolving twice is no error."""
    item_id = path_id(request)
    outcome = await resolve(request, lambda s, actor, now: review.dismiss(s, item_id, "resolved", actor=actor,
                                                                          now=now))
    return json_response({"id": item_id, "status": "resolved"}) if outcome.status in (200, 409) else outcome


async def resolve(request: web.Request, work: Any) -> web.Response:
    d, actor = deps(request), actor_of(request)
    now = d.clock.now()

    def run(session: Session) -> dict[str, Any]:
        done = work(session, actor, now)
        return {"id": done.item_id, "status": "resolved", "resolution": done.resolution, "outcome": done.outcome,
                "reply": done.reply, "referral_id": done.referral_id}
    try:
        return json_response(await d.store.run(run))
    except review.Refused as exc:
        if exc.errors:
            return json_response({"errors": exc.errors}, exc.status)
        return error(exc.status, str(exc))


def message_text(raw: Any, limit: int) -> str:
    """Words for a person: 1 to `limit` characters, line breaks allowed, no other control characters."""
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("required")
    text = raw.strip()
    if len(text) > limit:
        raise ValueError(f"at most {limit} characters")
    if validation.CONTROL.search(text.replace("\n", "").replace("\r", "").replace("\t", " ")):
        raise ValueError("no control characters")
    return text


def ref_of(body: dict[str, Any]) -> str | None:
    raw = body.get("ref")
    return str(raw) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
