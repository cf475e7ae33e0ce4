"""The operator's pages: the landing page (`GET /`), console sign-in, the board, a referral's page, the audit log.

Pages are Jinja2 templates (inbound/templates, one base layout, autoescaping on) with one small script of our
own (inbound/static/board.js) that refreshes the board by polling `/console/board.json`. Sign-in works as
the portal's (inbound.portal.session): a server-side session (store.operators) in a cookie scoped to
/console, CSRF fields bound to that cookie (or, on the sign-in form, to a random pre-session cookie), and the
portal's database throttle on failed sign-ins under console keys. Roles (bot.operators): a viewer reads, a
dispatcher also acts, an admin also sees clients' contact details and money.
"""
from __future__ import annotations

import asyncio
import functools
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import jinja2
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import portal as portal_rules
from bot.closing import Closure
from bot.lifecycle import LABELS, Role, Status, can_move
from bot.operators import OperatorRole, may_act, sees_client_details, sees_money
from bot.states import EXCHANGE_MODES
from inbound import console_api
from inbound.deps import BOT_ENV, client_address, deps, json_response
from inbound.portal.session import csrf_ok, secure_cookies, signin_nonce
from store import audit, board, closing, operators, portal_signin, referral_actions, referrals, validation
from store.models import (
    Agent,
    AgentZipCode,
    HistoryNote,
    Invoice,
    LedgerEntry,
    Message,
    Offer,
    Referral,
    ReferralContact,
)

routes = web.RouteTableDef()
T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
COOKIE = "console_session"
SIGNIN_COOKIE = "console_signin"
SESSION_SECONDS = 8 * 3600
HERE = Path(__file__).parent
TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                               autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
                               undefined=jinja2.StrictUndefined)
TEMPLATES.filters["status_label"] = lambda s: LABELS.get(Status(s), s) if s in set(Status) else s
TEMPLATES.filters["dollars"] = lambda c: "" if c is None else f"${c / 100:,.2f}"
TEMPLATES.filters["when"] = lambda d: d.strftime("%Y-%m-%d %H:%M") if d else ""
STATIC = {"board.js": "application/javascript", "console.css": "text/css"}


def install(app: web.Application) -> None:
    app.router.add_routes(routes)


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The operator behind a request, read once in its transaction."""

    id: int
    email: str
    role: OperatorRole

    @property
    def sees_clients(self) -> bool:
        return sees_client_details(self.role)

    @property
    def may_act(self) -> bool:
        return may_act(self.role)

    @property
    def sees_money(self) -> bool:
        return sees_money(self.role)


OPERATOR = web.RequestKey("operator", SignedIn)  # who signed in, set by `signed_in`; absent on public pages
FORM = web.RequestKey("form", dict[str, str])  # the posted form, read once and checked by `acting`


class SignInNeeded(Exception):
    pass


# -- rendering ---------------------------------------------------------------------------------
def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    operator = request.get(OPERATOR)
    csrf = portal_rules.csrf_token(deps(request).settings.secret_key, session_of(request)) if operator else ""
    body = TEMPLATES.get_template(template).render(operator=operator, csrf=csrf, **context)
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8",
                        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                                 "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'"})


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def session_of(request: web.Request) -> str:
    return request.cookies.get(COOKIE, "")


async def current_operator(request: web.Request) -> SignedIn | None:
    token, d = session_of(request), deps(request)
    if not token:
        return None
    now = d.clock.now()

    def read(session: Session) -> SignedIn | None:
        found = operators.session_operator(session, token, now)
        return SignedIn(found.id, found.email, OperatorRole(found.role)) if found else None
    return await d.store.run(read)


def signed_in(handler: Handler) -> Handler:
    """The page needs a live session: without one, the sign-in form (and back to this page afterwards)."""
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        operator = await current_operator(request)
        if operator is None:
            if request.path.endswith(".json"):
                return json_response({"error": "sign in again"}, 401)
            back = request.path_qs if request.method == "GET" else "/console"
            return see_other("/console/signin?" + urlencode({"next": back}))
        request[OPERATOR] = operator
        return await handler(request)
    return wrapped


def posted_form(handler: Handler, *, changes_the_network: bool) -> Handler:
    """A signed-in POST: CSRF checked, and, when it changes the network (not only the operator's own things),
    only admins and dispatchers. The form is handed on as `request[FORM]`."""
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        form = await request.post()
        if not csrf_ok(request, form, session_of(request)):
            return render(request, "message.html", 403, title="Form expired",
                          text="This form has expired; reload the page and try again.")
        if changes_the_network and not request[OPERATOR].may_act:
            return render(request, "message.html", 403, title="Not allowed",
                          text="Viewers can read the console but not change anything.")
        request[FORM] = {k: form_text(v) for k, v in form.items()}
        return await handler(request)
    return signed_in(wrapped)


def form_text(value: Any) -> str:
    """A field's text; an uploaded file's content read as UTF-8 (what a CSV import posts)."""
    if isinstance(value, web.FileField):
        return value.file.read().decode("utf-8", "replace")
    return str(value)


def acting(handler: Handler) -> Handler:
    """A signed-in POST that changes something: CSRF checked, and only admins and dispatchers."""
    return posted_form(handler, changes_the_network=True)


# -- landing and static ------------------------------------------------------------------------
@routes.get("/")
async def landing(request: web.Request) -> web.Response:
    """The operator's front door; the session cookie is scoped to /console, so this page never reads it."""
    return render(request, "landing.html", program=deps(request).settings.program_name)


@routes.get("/console/static/{name}")
async def static(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound()
    return web.Response(body=(HERE / "static" / name).read_bytes(), content_type=STATIC[name],
                        headers={"Cache-Control": "max-age=300"})


# -- sign in and out ---------------------------------------------------------------------------
def safe_next(raw: str | None) -> str:
    return raw if raw and raw.startswith("/console") and not raw.startswith("//") else "/console"


def signin_page(request: web.Request, next_path: str, problem: str = "", status: int = 200, *,
                email: str = "") -> web.Response:
    nonce, fresh = signin_nonce(request, SIGNIN_COOKIE)
    response = render(request, "signin.html", status, next_path=next_path, problem=problem, email=email,
                      signin_csrf=portal_rules.csrf_token(deps(request).settings.secret_key, "console:" + nonce))
    if fresh:
        response.set_cookie(SIGNIN_COOKIE, nonce, path="/console", httponly=True, samesite="Lax",
                            secure=secure_cookies(request))
    return response


@routes.get("/console/signin")
async def signin_form(request: web.Request) -> web.Response:
    return signin_page(request, safe_next(request.query.get("next")))


@routes.post("/console/signin")
async def signin(request: web.Request) -> web.Response:
    form = await request.post()
    typed = str(form.get("email", "")).strip()
    email, given = typed.lower(), str(form.get("password", ""))
    next_path = safe_next(str(form.get("next", "")))
    if not csrf_ok(request, form, "console:" + request.cookies.get(SIGNIN_COOKIE, "")):
        return signin_page(request, next_path, "This form has expired; please sign in again.", 403)
    d, now = deps(request), deps(request).clock.now()
    keys = operators.throttle_keys(email, client_address(request))
    wait = await d.store.run(lambda s: portal_signin.wait_left(s, keys, now))
    if wait is not None:
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        response = signin_page(request, next_path, f"Too many failed sign-ins. Try again in {minutes} minute"
                               f"{'s' if minutes > 1 else ''}.", 429, email=typed)
        response.headers["Retry-After"] = str(math.ceil(wait.total_seconds()))
        return response
    found = await d.store.run(lambda s: operators.by_email(s, email))
    stored = found.password_hash if found is not None and found.active else None
    if found is None or not await asyncio.to_thread(operators.verify_password, given, stored):
        await d.store.run(lambda s: portal_signin.record_failure(s, keys, now))
        return signin_page(request, next_path, "Wrong email or password.", 401, email=typed)

    def start(session: Session) -> str:
        portal_signin.clear(session, keys[0])
        audit.record(session, found.email, "sign_in", operator_id=found.id, now=now)
        return operators.start_session(session, found.id, now=now, lifetime=timedelta(seconds=SESSION_SECONDS))
    token = await d.store.run(start)
    response = see_other(next_path)
    response.set_cookie(COOKIE, token, max_age=SESSION_SECONDS, path="/console", httponly=True, samesite="Lax",
                        secure=secure_cookies(request))
    return response


@routes.post("/console/signout")
async def signout(request: web.Request) -> web.Response:
    token = session_of(request)
    if token:
        if not csrf_ok(request, await request.post(), token):
                    return render(request, "message.html", 403, title="Not signed out",
                          text="This form has expired; reload the page and try again.")
        await deps(request).store.run(lambda s: operators.end_session(s, token))
    response = see_other("/console/signin")
    response.del_cookie(COOKIE, path="/console")
    return response


# -- the board ---------------------------------------------------------------------------------
def filters_of(request: web.Request) -> dict[str, str]:
    names = ("status", "mode", "zip", "agent_id", "q", "since", "before", "attention")
    return {n: request.query.get(n, "") for n in names}


@routes.get("/console")
@signed_in
async def board_page(request: web.Request) -> web.Response:
    operator: SignedIn = request[OPERATOR]
    try:
        query = console_api.board_query(request.query, search_clients=operator.sees_clients)
    except web.HTTPUnprocessableEntity as exc:
        import json
        errors = json.loads(exc.text or "{}").get("errors", {})
        query, problem = board.BoardQuery(search_clients=operator.sees_clients), errors
    else:
        problem = {}
    found = without_money(await console_api.board_page(request, query), operator)
    agents = await deps(request).store.run(
        lambda s: list(s.execute(select(Agent.id, Agent.name).order_by(Agent.name))))
    return render(request, "board.html", 422 if problem else 200, page=found, filters=filters_of(request),
                  problem=problem, statuses=list(Status), modes=validation.REFERRAL_MODES, agents=agents,
                  next_url=("/console?" + urlencode({**filters_of(request), "cursor": found["next_cursor"]}))
                  if found["next_cursor"] else None)


@routes.get("/console/board.json")
@signed_in
async def board_json(request: web.Request) -> web.Response:
    """The board's first page for the live refresh (same filters as the page)."""
    operator: SignedIn = request[OPERATOR]
    query = console_api.board_query(request.query, search_clients=operator.sees_clients)
    return json_response(without_money(await console_api.board_page(request, query), operator))


def without_money(found: dict[str, Any], operator: SignedIn) -> dict[str, Any]:
    """Fees are billing: an admin's to see, not a dispatcher's or a viewer's."""
    if operator.sees_money:
        return found
    return {**found, "items": [{k: v for k, v in item.items() if k != "fee_cents"} for item in found["items"]]}


# -- a referral's page -------------------------------------------------------------------------
def redact(text: str | None, secrets_: list[str]) -> str:
    """A message body without the client's name, phone or email (for operators who may not see them)."""
    out = text or ""
    for secret in secrets_:
        if secret and len(secret) >= 3:
            out = out.replace(secret, "[client details hidden]")
    return out


def referral_story(session: Session, referral_id: int, operator: SignedIn) -> dict[str, Any] | None:
    referral = session.get(Referral, referral_id)
    if referral is None:
        return None
    contact = session.get(ReferralContact, referral_id)
    hidden = [] if operator.sees_clients or contact is None else [contact.name, contact.phone or "",
                                                                   contact.email or ""]
    offers = list(session.scalars(select(Offer).where(Offer.referral_id == referral_id).order_by(Offer.id)))
    messages = list(session.scalars(select(Message).where(Message.referral_id == referral_id).order_by(Message.id)))
    notes = list(session.scalars(select(HistoryNote).where(HistoryNote.referral_id == referral_id)
                                 .order_by(HistoryNote.id)))
    agent_ids = {o.agent_id for o in offers} | {m.agent_id for m in messages if m.agent_id} | \
        {n.agent_id for n in notes if n.agent_id} | {referral.winner_agent_id} - {None}
    names: dict[int, str] = dict(session.execute(
        select(Agent.id, Agent.name).where(Agent.id.in_(agent_ids))).all()) if agent_ids else {}
    timeline = [message_event(m, names, hidden) for m in messages]
    timeline += [event(n.created_at, "history", n.kind, names.get(n.agent_id or 0, ""), redact(n.text, hidden))
                 for n in notes]
    timeline += offer_events(offers, names)
    timeline += money_events(session, referral_id, names) if operator.sees_money else []
    timeline.sort(key=lambda e: e["at"])
    return {"referral": referral, "contact": contact if operator.sees_clients else None,
            "winner": names.get(referral.winner_agent_id or 0),
            "offers": [{"agent": names.get(o.agent_id, ""), "agent_id": o.agent_id, "status": o.status,
                        "channel": o.channel, "notified_at": o.notified_at, "responded_at": o.responded_at}
                       for o in offers],
            "timeline": timeline,
            "may_cancel": can_move(referral.status, Status.LOST, Role.OPERATOR),
            **referral_actions_context(session, referral, names)}


def event(at: Any, kind: str, channel: str, agent: str, text: str, status: str = "",
          error: str | None = None) -> dict[str, Any]:
    return {"at": at, "kind": kind, "channel": channel, "agent": agent, "status": status, "error": error,
            "text": text}


def message_event(m: Message, names: dict[int, str], hidden: list[str]) -> dict[str, Any]:
    """A message in or out, with its delivery status; a keypress on a call reads as one."""
    direction = "in" if m.direction == "in" else "out"
    text = f"pressed {m.body}" if direction == "in" and m.channel == "voice" else redact(m.body, hidden)
    return event(m.created_at, direction, m.channel, names.get(m.agent_id or 0, ""), text, m.status, m.error)


def offer_events(offers: list[Offer], names: dict[int, str]) -> list[dict[str, Any]]:
    """When (and how) each offer was answered or closed; its sending, with the delivery status, is its message
    (and both times are in the offers table)."""
    return [event(o.responded_at, "offer", o.channel, names.get(o.agent_id, ""), f"offer answered: {o.status}")
            for o in offers if o.responded_at]


def money_events(session: Session, referral_id: int, names: dict[int, str]) -> list[dict[str, Any]]:
    """Invoices and ledger entries of the referral (an admin's to see)."""
    invoices = session.scalars(select(Invoice).where(Invoice.referral_id == referral_id).order_by(Invoice.id))
    entries = session.scalars(select(LedgerEntry).where(LedgerEntry.referral_id == referral_id)
                              .order_by(LedgerEntry.id))
    found = [event(i.created_at, "money", "invoice", names.get(i.agent_id, ""),
                   f"{i.kind} invoice {i.id} for ${i.amount_cents / 100:,.2f}: {i.status}"
                   + (f" (paid {i.paid_at:%Y-%m-%d %H:%M})" if i.paid_at else "")) for i in invoices]
    found += [event(e.created_at, "money", e.kind, names.get(e.agent_id, ""),
                    f"{e.memo} ({'-' if e.amount_cents < 0 else ''}${abs(e.amount_cents) / 100:,.2f})")
              for e in entries]
    return found


def referral_actions_context(session: Session, referral: Referral, names: dict[int, str]) -> dict[str, Any]:
    """What the page's actions need: who it may be given to (its agents, then those covering its area), whether
    it can be offered again, and how its winner can be reached."""
    covering = select(AgentZipCode.agent_id).where(AgentZipCode.zip_code == referral.zip_code)
    pool = session.execute(select(Agent.id, Agent.name).where(
        (Agent.id.in_(covering)) | (Agent.id.in_(names))).order_by(Agent.name).limit(300)).all()
    winner = session.get(Agent, referral.winner_agent_id) if referral.winner_agent_id else None
    exclusive = referral.mode not in EXCHANGE_MODES
    return {"assignable": [(i, n) for i, n in pool if i != referral.winner_agent_id],
            "may_assign": exclusive and referral.status in referral_actions.ASSIGNABLE,
            "may_reoffer": exclusive and referral.status in referral_actions.OPEN_FOR_OFFERS
            and referral.winner_agent_id is None,
            "winner_texts": winner is not None and winner.sms_opted_out_at is None}


@routes.get("/console/referrals/{id}")
@signed_in
async def referral_page(request: web.Request) -> web.Response:
    referral_id = console_id(request)
    story = await deps(request).store.run(lambda s: referral_story(s, referral_id, request[OPERATOR]))
    if story is None:
        return render(request, "message.html", 404, title="No such referral", text="There is no such referral.")
    return render(request, "referral.html", **story, done=request.query.get("done", ""),
                  detail=request.query.get("detail", "")[:200])


def console_id(request: web.Request) -> int:
    raw = request.match_info["id"]
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and 0 < int(raw) <= validation.MAX_ID):
        raise web.HTTPNotFound()
    return int(raw)


@routes.post("/console/referrals/{id}/note")
@acting
async def add_note(request: web.Request) -> web.Response:
    referral_id, operator, d = console_id(request), request[OPERATOR], deps(request)
    text = request[FORM].get("text", "").strip()[:2000]
    if not text or validation.CONTROL.search(text.replace("\n", "").replace("\r", "")):
        return see_other(f"/console/referrals/{referral_id}?done=empty")
    now = d.clock.now()

    def work(session: Session) -> bool:
        if session.get(Referral, referral_id) is None:
            return False
        referrals.add_note(session, referral_id, None, "note", f"{text} ({operator.email})", now=now)
        audit.record(session, operator.email, "note", operator_id=operator.id, target=f"referral {referral_id}",
                     now=now)
        return True
    if not await d.store.run(work):
        raise web.HTTPNotFound()
    return see_other(f"/console/referrals/{referral_id}?done=note")


@routes.post("/console/referrals/{id}/cancel")
@acting
async def cancel(request: web.Request) -> web.Response:
    """Cancel (Lost): the offers still waiting are closed and everyone offered is told, as the API's move."""
    referral_id, operator, d = console_id(request), request[OPERATOR], deps(request)
    reason = request[FORM].get("reason", "").strip()[:200] or "cancelled by the operator"
    now = d.clock.now()

    def work(session: Session) -> str:
        referral = session.get(Referral, referral_id)
        if referral is None:
            return "missing"
        if not can_move(referral.status, Status.LOST, Role.OPERATOR):
            return "refused"
        referrals.move(session, referral.id, referral.status, Status.LOST, now=now)
        closing.close_offers(session, request.app[BOT_ENV], referral.id, Closure.CANCELLED, now=now)
        referrals.add_note(session, referral.id, None, "note", f"Cancelled by {operator.email}: {reason}", now=now)
        audit.record(session, operator.email, "cancel", operator_id=operator.id, target=f"referral {referral_id}",
                     detail=reason, now=now)
        return "cancelled"
    outcome = await d.store.run(work)
    if outcome == "missing":
        raise web.HTTPNotFound()
    return see_other(f"/console/referrals/{referral_id}?done={outcome}")


# -- the audit log -----------------------------------------------------------------------------
@routes.get("/console/audit")
@signed_in
async def audit_page(request: web.Request) -> web.Response:
    cursor = request.query.get("cursor", "")
    before = int(cursor) if cursor.isascii() and cursor.isdigit() and len(cursor) <= 10 else None
    found = await deps(request).store.run(lambda s: audit.page(s, before_id=before, limit=100))
    return render(request, "audit.html", page=found)


# -- the operator's own API tokens ---------------------------------------------------------------
@routes.get("/console/tokens")
@signed_in
async def tokens_page(request: web.Request) -> web.Response:
    return await show_tokens(request)


async def show_tokens(request: web.Request, new_token: str = "") -> web.Response:
    operator: SignedIn = request[OPERATOR]
    rows = await deps(request).store.run(lambda s: [(t.id, t.name, t.created_at)
                                                    for t in operators.tokens_of(s, operator.id)])
    return render(request, "tokens.html", tokens=rows, new_token=new_token)


def _own_form(handler: Handler) -> Handler:
    """A signed-in POST on the operator's own things (any role): CSRF checked."""
    return posted_form(handler, changes_the_network=False)


@routes.post("/console/tokens")
@_own_form
async def create_token(request: web.Request) -> web.Response:
    """A new API token with the operator's role, shown on this page once."""
    operator: SignedIn = request[OPERATOR]
    name = " ".join(request[FORM].get("name", "").split())[:100] or "API token"
    now = deps(request).clock.now()

    def work(session: Session) -> str:
        audit.record(session, operator.email, "api_token_created", operator_id=operator.id, target=name, now=now)
        return operators.create_token(session, operator.id, name, now=now)
    return await show_tokens(request, await deps(request).store.run(work))


@routes.post("/console/tokens/{id}/revoke")
@_own_form
async def revoke_token(request: web.Request) -> web.Response:
    operator: SignedIn = request[OPERATOR]
    token_id, now = console_id(request), deps(request).clock.now()

    def work(session: Session) -> None:
        if operators.revoke_token(session, operator.id, token_id):
            audit.record(session, operator.email, "api_token_revoked", operator_id=operator.id,
                         target=f"token {token_id}", now=now)
    await deps(request).store.run(work)
    return see_other("/console/tokens")
