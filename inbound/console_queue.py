"""The console's queue page: outbox depth and the age of the oldest row by channel and state, dead letters with
their error and a Retry button, held messages and when they will go, and the last reconciliation's report.

Every signed-in operator reads it; dispatchers and admins retry. Message bodies are never shown here, and a
client's contact details (a recipient that is not the agent's own phone or email, the client's name, phone or
email inside an error) are shown to admins only.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from inbound.console import OPERATOR, SignedIn, acting, console_id, redact, render, see_other, signed_in
from inbound.deps import deps
from store import audit, outbox, queue_views, reconciliations
from store.queue_views import QueueState

routes = web.RouteTableDef()
HIDDEN = "[client details hidden]"
DONE = {"retried", "refused"}


def install(app: web.Application) -> None:
    app.router.add_routes(routes)


def age(now: datetime, then: datetime | None) -> str:
    """How long ago, in the largest unit that reads well: 45s, 12m, 3h 5m, 2d 4h."""
    if then is None:
        return ""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m"
    if seconds < 86400:
        return f"{seconds // 3600}h {seconds % 3600 // 60}m"
    return f"{seconds // 86400}d {seconds % 86400 // 3600}h"


def for_operator(row: dict[str, Any], operator: SignedIn) -> dict[str, Any]:
    """A row as this operator may see it: without a client's contact details unless an admin."""
    if operator.sees_clients:
        return row
    secrets = list(row["client_details"]) + ([] if row["to_agent"] else [row["recipient"]])
    return {**row, "recipient": row["recipient"] if row["to_agent"] else HIDDEN,
            "last_error": redact(row["last_error"], secrets), "client_details": []}


def queue_overview(session: Session, now: datetime) -> dict[str, Any]:
    runs = reconciliations.recent_runs(session, limit=1)
    return {"depth": queue_views.depth(session, now=now), "sent": queue_views.sent_count(session),
            "dead": queue_views.dead_letters(session), "held": queue_views.held(session, now=now),
            "dead_total": queue_views.count_in(session, QueueState.DEAD, now=now),
            "held_total": queue_views.count_in(session, QueueState.HELD, now=now),
            "reconciliation": {"ran_at": runs[0].ran_at, "fixed": runs[0].fixed, "reported": runs[0].reported,
                               "lines": list(runs[0].lines)} if runs else None}


@routes.get("/console/queue")
@signed_in
async def queue_page(request: web.Request) -> web.Response:
    operator: SignedIn = request[OPERATOR]
    now = deps(request).clock.now()
    found = await deps(request).store.run(lambda s: queue_overview(s, now))
    found["dead"] = [for_operator(r, operator) for r in found["dead"]]
    found["held"] = [for_operator(r, operator) for r in found["held"]]
    done = request.query.get("done", "")
    return render(request, "queue.html", **found, now=now, age=age, done=done if done in DONE else "",
                  done_id=request.query.get("id", "")[:10])


@routes.post("/console/queue/{id}/retry")
@acting
async def retry(request: web.Request) -> web.Response:
    """Give a dead row a fresh set of attempts through the outbox's own `retry_dead`, audited under the operator."""
    row_id, operator, now = console_id(request), request[OPERATOR], deps(request).clock.now()

    def work(session: Session) -> bool:
        if not outbox.retry_dead(session, row_id, now=now):
            return False
        audit.record(session, operator.email, "outbox_retry", operator_id=operator.id, target=f"outbox {row_id}",
                     now=now)
        return True
    done = "retried" if await deps(request).store.run(work) else "refused"
    return see_other(f"/console/queue?done={done}&id={row_id}")
