"""Readiness: `/readyz` answers 200 only when this process can serve, i.e. the database answers and is at the
revision this release needs (or a newer one: a process keeps serving while the next release migrates; it refuses
to START on anything but its own revision). `/healthz` (inbound/web.py) is liveness only: a load balancer takes a
process out of rotation on /readyz, an orchestrator restarts it on /healthz."""
from __future__ import annotations

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from inbound.deps import deps, json_response
from store.migrate import behind_head


async def readyz(request: web.Request) -> web.Response:
    try:
        behind = await behind_head(deps(request).store, newer_is_fine=True)
    except (OSError, SQLAlchemyError) as exc:
        return json_response({"status": "unready", "reason": f"database unavailable ({type(exc).__name__})"},
                             status=503)
    if behind:
        return json_response({"status": "unready", "reason": behind}, status=503)
    return json_response({"status": "ready"})
