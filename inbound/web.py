"""The aiohttp application: health, metrics, the operator API, webhooks and pages."""
from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import structlog
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.clock import Clock
from inbound import (
    api,
    console,
    console_agents,
    console_api,
    console_money,
    console_queue,
    console_referral,
    console_review,
    form_input,
    health,
    openapi,
    operations_api,
    pages,
    referral_actions_api,
    review_api,
    twilio,
    voice,
)
from inbound.billing import payments
from inbound.deps import BOT_ENV, DEPS, Deps, deps, json_response
from inbound.exchange import api as exchange_api
from inbound.exchange import pages as exchange_pages
from inbound.portal import pages as portal_pages
from inbound.sandbox import pages as sandbox_pages
from store import faults, outbox
from store.db import Store
from store.env import bot_env
from store.metrics import Metrics
from store.settings import Settings

log = structlog.get_logger("web")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def observe(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Count and time every request; turn an unexpected error into a logged 500 with a JSON body."""
    started = time.perf_counter()
    route = _route_name(request)
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    except Exception:
        log.exception("request failed", path=request.path, method=request.method)
        return json_response({"error": "internal error"}, 500)
    finally:
        deps(request).metrics.request_done(request.method, route, status, time.perf_counter() - started)


@web.middleware
async def database_unavailable(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The database is away (restart, failover, too many connections): 503, so Twilio, Stripe and browsers try
    again; nothing was stored, so nothing may be acknowledged with a 2xx. One short log line, no traceback."""
    try:
        return await handler(request)
    except Exception as exc:
        if not faults.database_unavailable(exc):
            raise
        log.warning("database unavailable", path=request.path, error=type(exc).__name__)
        return web.json_response({"error": "database unavailable, try again"}, status=503,
                                 headers={"Retry-After": "1"})


def _route_name(request: web.Request) -> str:
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


async def healthz(request: web.Request) -> web.Response:
    """Liveness only (the process answers); /readyz (inbound/health.py) checks the database."""
    return json_response({"status": "ok"})


async def metrics_endpoint(request: web.Request) -> web.Response:
    d = deps(request)
    depth, oldest = await d.store.run(lambda s: (outbox.depth_by_status(s), outbox.oldest_pending(s)))
    d.metrics.outbox_depth.clear()
    for (channel, status), count in depth.items():
        d.metrics.outbox_depth.labels(channel, status).set(count)
    d.metrics.outbox_age.set((d.clock.now() - oldest).total_seconds() if oldest else 0)
    group = request.app.get(twilio.SMS_GROUP)
    if group is not None:
        for name, value in (("texts", group.calls), ("transactions", group.transactions), ("reruns", group.reruns)):
            d.metrics.inbound_groups.labels(name).set(value)
    return web.Response(body=generate_latest(d.metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


def create_app(settings: Settings, store: Store, clock: Clock, metrics: Metrics) -> web.Application:
    app = web.Application(middlewares=[observe, database_unavailable, console_api.operator_tokens,
                                      api.require_admin,
                                      console_api.audit_api_changes, form_input.readable_forms],
                          client_max_size=2 * 1024 * 1024)
    app[DEPS] = Deps(settings=settings, store=store, clock=clock, metrics=metrics)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", health.readyz)
    app.router.add_get("/metrics", metrics_endpoint)
    app[BOT_ENV] = bot_env(settings)
    app.router.add_routes(console_api.routes)  # GET /api/referrals (the board), GET /api/audit
    app.router.add_routes(api.routes)
    app.router.add_routes(review_api.routes)  # /api/review: the inbox, act, reply, dismiss
    app.router.add_routes(referral_actions_api.routes)  # POST /api/referrals/{id}/assign|reoffer|message
    app.router.add_routes(exchange_api.routes)
    app.router.add_routes(operations_api.routes)  # GET /api/reconciliations, /api/quiet-hours
    app.router.add_routes(openapi.routes)  # GET /api/openapi.json
    exchange_pages.install(app)
    twilio.install(app, settings.twilio_signing_token)
    voice.install(app)
    payments.install(app)
    pages.install(app)
    sandbox_pages.install(app)  # only when a channel is sandboxed (or SANDBOX=1)
    portal_pages.install(app)  # the referral portal: its API, sign-in and pages
    console.install(app)  # GET /, the operator console under /console
    app.router.add_routes(console_review.routes)  # /console/review: the review inbox
    app.router.add_routes(console_referral.routes)  # a referral page's assign, re-offer, message
    console_agents.install(app)  # /console/agents: the list, each agent's record, CSV import
    console_money.install(app)  # /console/money (admins)
    console_queue.install(app)  # /console/queue
    return app
