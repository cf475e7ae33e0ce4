"""The operator API behind the console: the referral board (`GET /api/referrals`) and the audit log.

Both the bearer token (ADMIN_TOKEN, an admin) and a signed-in console session read the same functions;
`board_query` turns the query string into a `store.board.BoardQuery`, or a 422 naming each bad field.
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import structlog
from aiohttp import web

from bot.lifecycle import Status
from bot.operators import OperatorRole, api_allows
from inbound.api import API_OPERATOR, day_start
from inbound.deps import deps, json_response
from store import audit, board, faults, operators, validation

routes = web.RouteTableDef()
log = structlog.get_logger("audit")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CHANGES = ("POST", "PUT", "PATCH", "DELETE")
UNCLAIMED_AFTER_SECONDS = 3600  # a first-come referral nobody claimed within an hour wants a look


def board_query(params: Mapping[str, str], *, search_clients: bool) -> board.BoardQuery:
    """The board's filters from a query string; raises 422 with {"errors": {field: sentence}}."""
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {"search_clients": search_clients}
    status, mode = params.get("status") or None, params.get("mode") or None
    if status and status not in set(Status):
        errors["status"] = "one of " + ", ".join(Status)
    if mode and mode not in validation.REFERRAL_MODES:
        errors["mode"] = "one of " + ", ".join(validation.REFERRAL_MODES)
    fields.update(status=status, mode=mode)
    area = (params.get("zip") or params.get("area") or "").strip()
    if area and not (len(area) == 5 and area.isascii() and area.isdigit()):
        errors["zip"] = "a 5-digit ZIP code"
    fields["zip_code"] = area or None
    for name in ("agent_id",):
        raw = params.get(name) or ""
        if raw and not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and 0 < int(raw) <= validation.MAX_ID):
            errors[name] = validation.ID_RANGE
        fields[name] = int(raw) if raw and name not in errors else None
    q = params.get("q", "").strip()
    if len(q) > 200:
        errors["q"] = "at most 200 characters"
    fields["q"] = q or None
    for name in ("since", "before"):
        try:
            fields[name] = day_start(validation.iso_date(params.get(name) or None))
        except ValueError as exc:
            errors[name] = str(exc)
    attention = params.get("attention", "")
    if attention not in ("", "0", "1", "true", "false"):
        errors["attention"] = "1 or 0"
    fields["needs_attention"] = attention in ("1", "true")
    raw_limit = params.get("limit") or "50"
    if not (raw_limit.isascii() and raw_limit.isdigit() and 1 <= int(raw_limit[:4]) <= board.MAX_PAGE
            and len(raw_limit) <= 4):
        errors["limit"] = f"between 1 and {board.MAX_PAGE}"
    else:
        fields["limit"] = int(raw_limit)
    cursor = params.get("cursor") or ""
    try:
        fields["before_id"] = board.decode_cursor(cursor) if cursor else None
    except board.BadCursor:
        errors["cursor"] = "the next_cursor of the previous page"
    if errors:
        raise web.HTTPUnprocessableEntity(text=json.dumps({"errors": errors}), content_type="application/json")
    return board.BoardQuery(**fields)


async def board_page(request: web.Request, query: board.BoardQuery) -> dict[str, Any]:
    d = deps(request)
    now = d.clock.now()
    return await d.store.run(lambda s: board.page(s, query, now=now, unclaimed_after_seconds=UNCLAIMED_AFTER_SECONDS,
                                                 report_overdue_days=d.settings.report_overdue_days))


@routes.get("/api/referrals")
async def list_referrals(request: web.Request) -> web.Response:
    """The board, newest first: `?status=&mode=&zip=&agent_id=&q=&since=&before=&attention=&limit=&cursor=`.
    The bearer token is an admin's, so the search also matches the client's name."""
    return json_response(await board_page(request, board_query(request.query, search_clients=True)))


@routes.get("/api/audit")
async def list_audit(request: web.Request) -> web.Response:
    """Operator actions, newest first: who did what, when (`?limit=&cursor=`)."""
    raw_limit, cursor = request.query.get("limit") or "100", request.query.get("cursor") or ""
    errors = {}
    if not (raw_limit.isascii() and raw_limit.isdigit() and len(raw_limit) <= 4 and 1 <= int(raw_limit) <= 500):
        errors["limit"] = "between 1 and 500"
    if cursor and not (cursor.isascii() and cursor.isdigit() and len(cursor) <= 10):
        errors["cursor"] = "the next_cursor of the previous page"
    if errors:
        return json_response({"errors": errors}, 422)
    return json_response(await deps(request).store.run(
        lambda s: audit.page(s, before_id=int(cursor) if cursor else None, limit=int(raw_limit))))


@web.middleware
async def operator_tokens(request: web.Request, handler: Handler) -> web.StreamResponse:
    """An operator's own API token (`Authorization: Bearer op_...`) acts with that operator's role: a viewer
    reads, a dispatcher also changes things but never touches the ledger, an admin does everything (403
    otherwise). Runs before `api.require_admin`, which then accepts the request."""
    given = request.headers.get("Authorization", "")
    if request.path.startswith("/api/") and given.startswith("Bearer " + operators.TOKEN_PREFIX):
        token = given.removeprefix("Bearer ")
        found = await deps(request).store.run(lambda s: _token_owner(s, token))
        if found is not None:
            if not api_allows(OperatorRole(found["role"]), request.method, request.path):
                return json_response({"error": f"not allowed for the {found['role']} role"}, 403)
            request[API_OPERATOR] = found
    return await handler(request)


def _token_owner(session: Any, token: str) -> dict[str, Any] | None:
    operator = operators.token_operator(session, token)
    return {"id": operator.id, "email": operator.email, "role": operator.role} if operator else None


@web.middleware
async def audit_api_changes(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every change made through the API with the bootstrap ADMIN_TOKEN lands in the audit log: the route and
    the path, with who (the token) and when. Runs after the bearer check, so refused callers are not logged;
    recorded once the change has answered 2xx (its own short transaction, after the change's). A change made
    with an operator's own token is recorded under that operator."""
    response = await handler(request)
    if request.path.startswith("/api/") and request.method in CHANGES and response.status < 300:
        resource = request.match_info.route.resource
        action = f"{request.method} {resource.canonical if resource is not None else request.path}"
        d = deps(request)
        now = d.clock.now()
        who = request.get(API_OPERATOR)
        actor, operator_id = (who["email"], who["id"]) if who else (audit.ADMIN_TOKEN_ACTOR, None)
        try:
            await d.store.run(lambda s: audit.record(s, actor, action, operator_id=operator_id,
                                                     target=request.path[:200], now=now))
        except Exception as exc:  # the change is done: never answer it with a 503 that invites a retry
            if not faults.database_unavailable(exc):
                raise
            log.warning("audit entry lost: database unavailable", action=action)
    return response
