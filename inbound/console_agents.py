"""The console's agents: a searchable list, each agent's record with its actions (pause, suspend, restore, edit
coverage, and for admins the pricing plan), and a CSV import that previews every row's problems before anything
is written. Every change is audited under the operator, as the referral actions are (inbound/console.py)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from sqlalchemy.orm import Session

from inbound import agent_csv
from inbound.console import FORM, OPERATOR, acting, console_id, render, see_other, signed_in
from inbound.deps import deps, json_response
from store import agent_views, agents, audit, validation
from store.models import Agent

routes = web.RouteTableDef()
PAGE_SIZE = 50


def install(app: web.Application) -> None:
    app.router.add_routes(routes)


# -- the list --------------------------------------------------------------------------------------------------
def agent_query(request: web.Request) -> tuple[agent_views.AgentQuery, dict[str, str]]:
    q = request.query.get("q", "").strip()[:100]
    status = request.query.get("status", "")
    zip_code = request.query.get("zip", "").strip()
    shown = {"q": q, "status": status if status in agent_views.AGENT_FILTERS else "",
             "zip": zip_code if zip_code.isascii() and zip_code.isdigit() and len(zip_code) == 5 else ""}
    cursor = request.query.get("cursor", "")
    return agent_views.AgentQuery(q=shown["q"], status=shown["status"], zip_code=shown["zip"], limit=PAGE_SIZE,
                                  cursor=cursor if cursor.isascii() and cursor.isalnum() and len(cursor) < 40
                                  else ""), shown


@routes.get("/console/agents")
@signed_in
async def agents_page(request: web.Request) -> web.Response:
    query, shown = agent_query(request)
    try:
        found = await deps(request).store.run(lambda s: agent_views.page(s, query))
    except ValueError:  # a cursor that is not ours
        found = {"items": [], "next_cursor": None}
    next_url = "/console/agents?" + urlencode({**shown, "cursor": found["next_cursor"]}) \
        if found["next_cursor"] else ""
    return render(request, "agents.html", page=found, filters=shown, statuses=agent_views.AGENT_FILTERS,
                  next_url=next_url)


# -- one agent's record ----------------------------------------------------------------------------------------
@routes.get("/console/agents/{id}")
@signed_in
async def agent_page(request: web.Request) -> web.Response:
    found = await read_record(request)
    return render(request, "agent.html", agent=found, done=request.query.get("done", ""),
                  plans=validation.PRICING_PLANS)


@routes.get("/api/agents/{id}/record")
async def agent_record_api(request: web.Request) -> web.Response:
    """The agent's record as JSON (offers, claims, rates, medians, overdue reports, balance)."""
    return json_response(await read_record(request))


async def read_record(request: web.Request) -> dict[str, Any]:
    agent_id, d = console_id(request), deps(request)
    now = d.clock.now()
    found = await d.store.run(lambda s: agent_views.record(s, agent_id, now=now,
                                                          report_overdue_days=d.settings.report_overdue_days))
    if found is None:
        raise web.HTTPNotFound()
    return found


async def change(request: web.Request, action: str, detail: str,
                 work: Callable[[Session, int, datetime], bool]) -> web.Response:
    """Run `work(session, agent_id, now) -> bool` and audit it; back to the record with what happened."""
    agent_id, operator, d = console_id(request), request[OPERATOR], deps(request)
    now = d.clock.now()

    def run(session: Session) -> str:
        if session.get(Agent, agent_id) is None:
            return "missing"
        if not work(session, agent_id, now):
            return "unchanged"
        audit.record(session, operator.email, f"agent_{action}", operator_id=operator.id, target=f"agent {agent_id}",
                     detail=detail or None, now=now)
        return action
    outcome = await d.store.run(run)
    if outcome == "missing":
        raise web.HTTPNotFound()
    return see_other(f"/console/agents/{agent_id}?done={outcome}")


@routes.post("/console/agents/{id}/pause")
@acting
async def pause(request: web.Request) -> web.Response:
    raw = request[FORM].get("until", "").strip()
    until = parse_date(raw)
    if raw and until is None:
        return see_other(f"/console/agents/{console_id(request)}?done=bad_date")
    return await change(request, "pause", f"until {until}" if until else "until they say BACK",
                        lambda s, agent_id, now: pause_agent(s, agent_id, until, now))


def pause_agent(session: Session, agent_id: int, until: date | None, now: datetime) -> bool:
    agent = session.get(Agent, agent_id)
    if agent is None or agent.status == "suspended":
        return False
    agents.pause(session, agent_id, start=now.date(), until=until, now=now)
    return True


def parse_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@routes.post("/console/agents/{id}/suspend")
@acting
async def suspend(request: web.Request) -> web.Response:
    reason = " ".join(request[FORM].get("reason", "").split())[:200] or "suspended by the operator"
    return await change(request, "suspend", reason,
                        lambda s, agent_id, now: agents.suspend(s, agent_id, reason, now=now))


@routes.post("/console/agents/{id}/restore")
@acting
async def restore(request: web.Request) -> web.Response:
    return await change(request, "restore", "", lambda s, agent_id, now: agents.restore(s, agent_id, now=now))


@routes.post("/console/agents/{id}/coverage")
@acting
async def coverage(request: web.Request) -> web.Response:
    raw = agent_csv.SEPARATORS.split(request[FORM].get("zip_codes", ""))
    try:
        zips = validation.zip_codes([z for z in raw if z])
    except ValueError:
        return see_other(f"/console/agents/{console_id(request)}?done=bad_zip")
    if not zips:
        return see_other(f"/console/agents/{console_id(request)}?done=bad_zip")
    return await change(request, "coverage", " ".join(zips), lambda s, agent_id, now: set_coverage(s, agent_id, zips))


def set_coverage(session: Session, agent_id: int, zips: list[str]) -> bool:
    agents.set_zip_codes(session, agent_id, zips)
    return True


@routes.post("/console/agents/{id}/plan")
@acting
async def plan(request: web.Request) -> web.Response:
    """Admins only: a plan is money."""
    if not request[OPERATOR].sees_money:
        return render(request, "message.html", 403, title="Not allowed",
                      text="Only admins change what an agent pays.")
    form = request[FORM]
    try:
        pricing = plan_of(form)
    except ValueError as exc:
        return render(request, "message.html", 422, title="Plan not changed", text=str(exc))
    return await change(request, "plan", str(pricing), lambda s, agent_id, now: bool(
        agents.update_agent(s, agent_id, {"pricing": pricing}, now=now)))


def plan_of(form: dict[str, str]) -> dict[str, Any]:
    pricing: dict[str, Any] = {"plan": form.get("plan", "none")}
    dollars = form.get("fee_dollars", "").strip().replace("$", "").replace(",", "")
    if dollars:
        try:
            pricing["fee_cents"] = round(float(dollars) * 100)
        except ValueError:
            raise ValueError("the fee is an amount in dollars, like 250 or 250.00") from None
    for key in ("agent_commission_rate", "referral_fee_share"):
        if form.get(key, "").strip():
            try:
                pricing[key] = float(form[key])
            except ValueError:
                raise ValueError(f"{key.replace('_', ' ')} is a fraction, like 0.03") from None
    return validation.pricing_amounts(validation.pricing(pricing))


# -- CSV import ------------------------------------------------------------------------------------------------
@routes.get("/console/agents-import")
@signed_in
async def import_form(request: web.Request) -> web.Response:
    return render(request, "agent_import.html", preview=None, csv_text="", imported=None)


@routes.post("/console/agents-import")
@acting
async def import_preview_or_write(request: web.Request) -> web.Response:
    """Without `confirm`: the preview. With it: the rows without problems are written, re-checked first."""
    form, d, operator = request[FORM], deps(request), request[OPERATOR]
    text = form.get("csv_text", "")
    preview = agent_csv.read(text)
    taken = await d.store.run(lambda s: agents.phones_taken(s, agent_csv.phones(preview)))
    agent_csv.mark_taken(preview, taken)
    if form.get("confirm") != "1" or not preview.good:
        return render(request, "agent_import.html", preview=preview, csv_text=text, imported=None)
    now = d.clock.now()

    def write(session: Session) -> int:
        for row in preview.good:
            agents.create_agent(session, row.fields, now=now)
        audit.record(session, operator.email, "agents_import", operator_id=operator.id,
                     detail=f"{len(preview.good)} added, {len(preview.bad)} rows skipped", now=now)
        return len(preview.good)
    try:
        added = await d.store.run(write)
    except agents.DuplicatePhone:  # someone added one of these numbers since the preview
        return render(request, "agent_import.html", preview=preview, csv_text=text, imported=None,
                      problem="An agent with one of these numbers was added meanwhile; check the preview again.")
    return render(request, "agent_import.html", preview=None, csv_text="", imported=added)
