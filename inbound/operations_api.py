"""The operator API's view of operations: the reconciliation runs (referral_bot/reconcile.py), newest first, and
the quiet-hours table clients' texts follow (bot/quiet_hours.py)."""
from __future__ import annotations

from aiohttp import web

from bot import quiet_hours
from inbound.deps import deps, json_response
from store import reconciliations

routes = web.RouteTableDef()


@routes.get("/api/reconciliations")
async def list_reconciliations(request: web.Request) -> web.Response:
    runs = await deps(request).store.run(
        lambda s: [reconciliations.run_json(run) for run in reconciliations.recent_runs(s)])
    return json_response(runs)


@routes.get("/api/quiet-hours")
async def quiet_hours_table(request: web.Request) -> web.Response:
    """When a client may be texted, by state, with each rule's source."""
    return json_response(quiet_hours.table())
