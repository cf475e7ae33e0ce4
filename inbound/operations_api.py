"""The operator API's view of operations: the reconciliation runs (referral_bot/reconcile.py), newest first."""
from __future__ import annotations

from aiohttp import web

from inbound.deps import deps, json_response
from store import reconciliations

routes = web.RouteTableDef()


@routes.get("/api/reconciliations")
async def list_reconciliations(request: web.Request) -> web.Response:
    runs = await deps(request).store.run(
        lambda s: [reconciliations.run_json(run) for run in reconciliations.recent_runs(s)])
    return json_response(runs)
