"""The console's money page (admins only): the network ledger with filters and totals, invoices by status,
agents over their billing threshold, declined charges to follow up, and the filtered ledger as CSV.

Dispatchers and viewers get a 403 page (and no link in the navigation): billing is an admin's (bot.operators).
"""
from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from sqlalchemy.orm import Session

from bot.fees import LedgerKind
from inbound.api import day_start
from inbound.console import OPERATOR, TEMPLATES, Handler, SignedIn, render, signed_in
from inbound.deps import deps
from store import csv_cells, money_views, validation
from store.money_views import MoneyQuery

routes = web.RouteTableDef()
FILTERS = ("kind", "agent_id", "since", "before")
CSV_HEADER = ("id", "created_at", "kind", "amount", "amount_cents", "agent_id", "agent_name", "referral_id",
              "referral_code", "invoice_id", "memo")


def money(cents: int | None) -> str:
    """-5000 -> '-$50.00' (a payment lowers what the agent owes)."""
    if cents is None:
        return ""
    return f"{'-' if cents < 0 else ''}${abs(cents) / 100:,.2f}"


TEMPLATES.filters["money"] = money


def install(app: web.Application) -> None:
    app.router.add_routes(routes)


def admins_only(handler: Handler) -> Handler:
    """A signed-in page that shows money: admins see it, others get a 403 page."""
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        operator: SignedIn = request[OPERATOR]
        if not operator.sees_money:
            return render(request, "message.html", 403, title="Admins only",
                          text="The money pages are for admins.")
        return await handler(request)
    return signed_in(wrapped)


def money_query(params: Mapping[str, str]) -> tuple[MoneyQuery, dict[str, str]]:
    """The filters from the query string, and a sentence per bad field (a bad field is left out, never a 500)."""
    errors: dict[str, str] = {}
    kind = params.get("kind") or ""
    if kind and kind not in set(LedgerKind):
        errors["kind"] = "one of " + ", ".join(LedgerKind)
    agent = params.get("agent_id") or ""
    if agent and not (agent.isascii() and agent.isdigit() and len(agent) <= 10 and 0 < int(agent) <= validation.MAX_ID):
        errors["agent_id"] = validation.ID_RANGE
    days = {}
    for name in ("since", "before"):
        try:
            days[name] = day_start(validation.iso_date(params.get(name) or None))
        except ValueError as exc:
            errors[name], days[name] = str(exc), None
    if days["before"] is not None:
        days["before"] += timedelta(days=1)  # "to" a day includes that day
    cursor = params.get("cursor") or ""
    if cursor and not (cursor.isascii() and cursor.isdigit() and len(cursor) <= 18):
        errors["cursor"] = "the link to older entries"
    query = MoneyQuery(kind=LedgerKind(kind) if kind and "kind" not in errors else None,
                       agent_id=int(agent) if agent and "agent_id" not in errors else None,
                       since=days["since"], before=days["before"],
                       before_id=int(cursor) if cursor and "cursor" not in errors else None)
    return query, errors


def money_overview(session: Session, query: MoneyQuery) -> dict[str, Any]:
    return {"page": money_views.ledger_page(session, query), "totals": money_views.totals(session, query),
            "invoices": money_views.invoices_by_status(session), "over": money_views.over_threshold(session),
            "failed": money_views.failed_charges(session), "agents": money_views.agent_names(session)}


@routes.get("/console/money")
@admins_only
async def money_page(request: web.Request) -> web.Response:
    query, problem = money_query(request.query)
    found = await deps(request).store.run(lambda s: money_overview(s, query))
    filters = {name: request.query.get(name, "") for name in FILTERS}
    chosen = {k: v for k, v in filters.items() if v}
    next_cursor = found["page"]["next_cursor"]
    return render(request, "money.html", 422 if problem else 200, **found, filters=filters, problem=problem,
                  kinds=list(LedgerKind), csv_url="/console/money.csv" + ("?" + urlencode(chosen) if chosen else ""),
                  next_url=f"/console/money?{urlencode({**chosen, 'cursor': next_cursor})}" if next_cursor else None)


@routes.get("/console/money.csv")
@admins_only
async def money_csv(request: web.Request) -> web.Response:
    """Every ledger entry the filters match (not only one page), oldest first, as a spreadsheet reads it."""
    query, problem = money_query(request.query)
    if problem:
        return web.Response(status=422, text="".join(f"{k}: {v}\n" for k, v in problem.items()))

    def write(session: Session) -> str:
        out = io.StringIO()
        entries = ({**row, "amount": csv_cells.dollars(row["amount_cents"])}
                   for row in money_views.rows(session, query))
        csv_cells.write(out, CSV_HEADER, entries)
        return out.getvalue()
    body = await deps(request).store.run(write)
    name = "ledger-" + deps(request).clock.now().strftime("%Y-%m-%d") + ".csv"
    return web.Response(text=body, content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"',
                                 "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
