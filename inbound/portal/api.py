"""The referral portal's operator API under /api/portal: bearer auth (`inbound.api.require_admin`), JSON in
and out, 422 with `{"errors": {field: sentence}}` for bad fields, and a portal refusal's own status with
`{"error": sentence}`.

An account (A) invites the account (B) of one of B's users by that user's email; B accepts through the
signed link in the email (`inbound.portal.pages`); B sets where A's leads land (`PATCH .../connections/<id>`
as B); A forwards its leads to B. The input rules here are shared with the pages. The logic lives in
`store.portal`, `store.portal_connections` and `store.portal_leads`; this module validates, runs one
transaction, and answers. Passwords are hashed with scrypt off the event loop.
"""
from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from aiohttp import web
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import portal as rules
from inbound.api import int_param
from inbound.deps import BOT_ENV, deps, json_response
from inbound.json_input import read_json_object
from store import portal, portal_connections, portal_leads, validation

routes = web.RouteTableDef()
T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.Response]]


# -- input rules -------------------------------------------------------------------------------
def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def optional(rule: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None or value == "" else rule(value)


def one_of(options: tuple[str, ...]) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        if value not in options:
            raise ValueError(f"one of {', '.join(options)}")
        return str(value)
    return rule


def password(value: Any) -> str:
    if not isinstance(value, str) or not 8 <= len(value) <= 200:
        raise ValueError("a password of 8 to 200 characters")
    return value


def whole_id(value: Any) -> int:
    return validation.positive_id(value)


def custom_fields(value: Any) -> dict[str, Any]:
    scalars = (str, int, float, bool, type(None))
    if not isinstance(value, dict) or len(value) > 50 or not all(
            isinstance(k, str) and len(k) <= 100 and isinstance(v, scalars) for k, v in value.items()):
        raise ValueError("an object of at most 50 named text, number or true/false values")
    return dict(value)


def note_texts(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v.strip()) <= 2000 for v in value):
        raise ValueError("a list of notes (text of 1 to 2000 characters)")
    return [v.strip() for v in value]


def required_text(limit: int) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        text = validation.short_text(limit)(value)
        if not text:
            raise ValueError(f"text of 1 to {limit} characters")
        return text
    return rule


Rules = dict[str, Callable[[Any], Any]]
ACCOUNT_RULES: Rules = {"name": validation.name, "portal_enabled": boolean}
USER_RULES: Rules = {"name": validation.name, "email": validation.email, "phone": optional(validation.phone),
                     "active": boolean, "password": password}
SETTINGS_RULES = {"folder": optional(validation.short_text(200)),
                  "assignment": one_of(tuple(str(a) for a in rules.Assignment)),
                  "assigned_user_id": optional(whole_id), "source": optional(validation.short_text(200))}
LEAD_RULES = {"name": validation.name, "phone": optional(validation.phone), "email": optional(validation.email),
              "address": optional(validation.short_text(500)), "lead_type": optional(one_of(rules.LEAD_TYPES)),
              "custom_fields": custom_fields, "notes": note_texts, "folder": optional(validation.short_text(200)),
              "assigned_user_id": optional(whole_id), "source": optional(validation.short_text(200))}
FORWARD_RULES = {"connection_id": whole_id, "message": validation.short_text(2000),
                 "idempotency_key": optional(validation.short_text(200))}


async def hashed(fields: dict[str, Any]) -> dict[str, Any]:
    """Swap a password for its scrypt hash, computed on a worker thread (about 50 ms)."""
    if "password" in fields:
        fields = dict(fields)
        fields["password_hash"] = await asyncio.to_thread(rules.hash_password, fields.pop("password"))
    return fields


# -- the operator API --------------------------------------------------------------------------
def api(handler: Handler) -> Handler:
    """Field errors become 422 `{"errors": {...}}`; portal refusals their status with `{"error": "..."}`."""
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except validation.Invalid as exc:
            return json_response({"errors": exc.errors}, 422)
        except portal.PortalError as exc:
            return json_response(exc.body(), exc.status)
    return wrapped


async def body(request: web.Request, rules_: dict[str, Callable[[Any], Any]], *,
               required: tuple[str, ...] = ()) -> dict[str, Any]:
    return validation.check(await read_json_object(request), rules_, required=required)


async def answer(request: web.Request, work: Callable[[Session], Any], status: int = 200) -> web.Response:
    return json_response(await deps(request).store.run(work), status)


def now_of(request: web.Request) -> datetime:
    return deps(request).clock.now()


@routes.post("/api/portal/accounts")
@api
async def create_account(request: web.Request) -> web.Response:
    fields = await body(request, ACCOUNT_RULES, required=("name",))
    return await answer(request, lambda s: portal.account_view(
        portal.create_account(s, fields, now=now_of(request))), 201)


@routes.get("/api/portal/accounts")
@api
async def list_accounts(request: web.Request) -> web.Response:
    return await answer(request, lambda s: [portal.account_view(a) for a in portal.list_accounts(s)])


@routes.get("/api/portal/accounts/{account_id}")
@api
async def get_account(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    return await answer(request, lambda s: portal.account_view(portal.account(s, account_id)))


@routes.patch("/api/portal/accounts/{account_id}")
@api
async def patch_account(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    fields = await body(request, ACCOUNT_RULES)
    return await answer(request, lambda s: portal.account_view(
        portal.update_account(s, account_id, fields, now=now_of(request))))


@routes.post("/api/portal/accounts/{account_id}/users")
@api
async def create_user(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    fields = await hashed(await body(request, USER_RULES, required=("name", "email")))
    return await answer(request, lambda s: portal.user_view(
        portal.create_user(s, account_id, fields, now=now_of(request))), 201)


@routes.get("/api/portal/accounts/{account_id}/users")
@api
async def list_users(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    return await answer(request, lambda s: [portal.user_view(u) for u in portal.list_users(s, account_id)])


@routes.get("/api/portal/accounts/{account_id}/users/{user_id}")
@api
async def get_user(request: web.Request) -> web.Response:
    account_id, user_id = int_param(request, "account_id"), int_param(request, "user_id")
    return await answer(request, lambda s: portal.user_view(portal.user_of(s, account_id, user_id)))


@routes.patch("/api/portal/accounts/{account_id}/users/{user_id}")
@api
async def patch_user(request: web.Request) -> web.Response:
    account_id, user_id = int_param(request, "account_id"), int_param(request, "user_id")
    fields = await hashed(await body(request, USER_RULES))
    return await answer(request, lambda s: portal.user_view(
        portal.update_user(s, account_id, user_id, fields, now=now_of(request))))


@routes.post("/api/portal/accounts/{account_id}/invitations")
@api
async def create_invitation(request: web.Request) -> web.Response:
    """The account (A) invites the account (B) of the active user with this email, so that A can refer leads
    to B: 201 with the pending connection as A sees it, and an email with the signed link to that user; an
    email that is not an active user's is a 422 at once. A repeat answers 200 with the same connection."""
    account_id = int_param(request, "account_id")
    email = (await body(request, {"email": validation.email}, required=("email",)))["email"]
    env = request.app[BOT_ENV]

    def work(session: Session) -> tuple[dict[str, Any], int]:
        invited = portal_connections.invite(session, env, account_id, email, now=now_of(request))
        view = portal_connections.connection_view(session, invited.connection, account_id or 0)
        return view, 201 if invited.created else 200
    view, status = await retrying(request, work)
    return json_response(view, status)


@routes.get("/api/portal/accounts/{account_id}/invitations")
@api
async def list_invitations(request: web.Request) -> web.Response:
    """Every invitation the account sent or received, with its status (pending or accepted)."""
    return await connections_of(request)


@routes.get("/api/portal/accounts/{account_id}/connections")
@api
async def list_connections(request: web.Request) -> web.Response:
    """The account's connections: those it refers leads to (it invited them) and those it receives leads
    from (they invited it; these carry the account's settings for the leads it receives)."""
    return await connections_of(request)


async def connections_of(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id") or 0
    return await answer(request, lambda s: [portal_connections.connection_view(s, c, account_id)
                                            for c in portal_connections.connections_of(s, account_id)])


@routes.patch("/api/portal/accounts/{account_id}/connections/{connection_id}")
@api
async def patch_connection(request: web.Request) -> web.Response:
    """The receiving account (B) sets where leads from this connection land: folder, assignment (a fixed
    user or round robin) and source; the referring account gets a 403."""
    account_id, connection_id = int_param(request, "account_id") or 0, int_param(request, "connection_id")
    fields = await body(request, SETTINGS_RULES)

    def work(session: Session) -> dict[str, Any]:
        connection = portal_connections.update_settings(session, account_id, connection_id, fields,
                                                        now=now_of(request))
        return portal_connections.connection_view(session, connection, account_id)
    return await answer(request, work)


@routes.post("/api/portal/accounts/{account_id}/leads")
@api
async def create_lead(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    fields = await body(request, LEAD_RULES, required=("name",))
    return await answer(request, lambda s: portal_leads.lead_view(
        s, portal_leads.create_lead(s, account_id, fields, now=now_of(request)), with_notes=True), 201)


@routes.get("/api/portal/accounts/{account_id}/leads")
@api
async def list_leads(request: web.Request) -> web.Response:
    account_id, folder = int_param(request, "account_id"), request.query.get("folder")
    return await answer(request, lambda s: [portal_leads.lead_view(s, lead)
                                            for lead in portal_leads.list_leads(s, account_id, folder=folder)])


@routes.get("/api/portal/leads/{lead_id}")
@api
async def get_lead(request: web.Request) -> web.Response:
    lead_id = int_param(request, "lead_id")
    return await answer(request, lambda s: portal_leads.lead_view(s, portal_leads.lead(s, lead_id),
                                                                  with_notes=True))


@routes.post("/api/portal/leads/{lead_id}/notes")
@api
async def add_note(request: web.Request) -> web.Response:
    lead_id = int_param(request, "lead_id")
    text = (await body(request, {"text": required_text(2000)}, required=("text",)))["text"]

    def work(session: Session) -> dict[str, Any]:
        found = portal_leads.lead(session, lead_id)
        note = portal_leads.add_note(session, found.id, "note", text, now=now_of(request))
        return {"id": note.id, "lead_id": note.lead_id, "kind": note.kind, "text": note.text}
    return await answer(request, work, 201)


@routes.post("/api/portal/leads/{lead_id}/forward")
@api
async def forward_lead(request: web.Request) -> web.Response:
    """The lead's account (A) forwards it over an accepted connection to the account it refers leads to (B),
    with a message to the recipient: 201 with the new lead; a repeated `idempotency_key` (body, or the
    Idempotency-Key header) answers 200 with the first forward and changes nothing."""
    fields = await body(request, FORWARD_RULES, required=("connection_id",))
    key = fields.get("idempotency_key") or request.headers.get("Idempotency-Key") or None
    forward = portal_leads.ForwardRequest(int_param(request, "lead_id"), fields["connection_id"],
                                          fields.get("message", ""), key)
    view, status = await retrying(request, lambda s: forwarded(s, request, forward))
    return json_response(view, status)


def forwarded(session: Session, request: web.Request,
              forward: portal_leads.ForwardRequest) -> tuple[dict[str, Any], int]:
    done = portal_leads.forward(session, request.app[BOT_ENV], forward, now=now_of(request))
    return portal_leads.forward_result(session, done.forward), 201 if done.created else 200


async def retrying(request: web.Request, work: Callable[[Session], T]) -> T:
    """Run once more after a unique-constraint race (two identical invitations or keyed forwards at once):
    the second run finds what the first committed."""
    try:
        return await deps(request).store.run(work)
    except IntegrityError:
        return await deps(request).store.run(work)


@routes.get("/api/portal/accounts/{account_id}/forwards")
@api
async def list_forwards(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    return await answer(request, lambda s: portal_leads.forwards_of(s, account_id))
