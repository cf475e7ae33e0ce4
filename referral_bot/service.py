"""Process assembly: which parts (web, SMTP, worker, scheduler) run in this process, started and stopped
together. `run` is all of them on one event loop; the Procfile runs them as separate processes."""
from __future__ import annotations

import asyncio
import dataclasses
import secrets

import structlog
from aiohttp import web

from bot.clock import SystemClock
from referral_bot import demo as demo_data
from referral_bot import jobs
from referral_bot.metrics import Metrics
from referral_bot.scheduler import Scheduler
from referral_bot.settings import Settings
from referral_bot.wiring import build_worker, log_channels
from store import app_settings
from store.db import Store, resolve_url
from store.migrate import upgrade

log = structlog.get_logger("service")


def safe_url(raw: str) -> str:
    return resolve_url(raw).url.split("@")[-1] if "@" in raw else raw


async def with_demo_token(settings: Settings) -> Settings:
    """The demo's admin token: made once and kept in the demo database, so a restart of `make run` keeps the
    printed token, the sandbox cookie and any saved curl command working."""
    store = Store(settings.database_url)
    try:
        if store.dialect == "sqlite":
            await upgrade(store)
        token = await store.run(lambda s: app_settings.kept_value(
            s, app_settings.DEMO_ADMIN_TOKEN, lambda: "demo-" + secrets.token_urlsafe(12), now=SystemClock().now()))
    finally:
        await store.close()
    return dataclasses.replace(settings, admin_token=token)


async def migrate(settings: Settings) -> None:
    store = Store(settings.database_url)
    try:
        await upgrade(store)
    finally:
        await store.close()


async def run_all(settings: Settings, *, demo: bool) -> None:
    await run_parts(settings, web=True, smtp=True, worker=True, scheduler=True, demo=demo, migrate=True)


async def run_parts(settings: Settings, *, web: bool = False, smtp: bool = False, worker: bool = False,
                    scheduler: bool = False, demo: bool = False, migrate: bool = False) -> None:
    store, clock, metrics = Store(settings.database_url), SystemClock(), Metrics()
    stop = asyncio.Event()
    cleanups, tasks = [], []
    try:
        if migrate and store.dialect == "sqlite":
            await upgrade(store)
        if demo:
            added = await store.run(lambda s: demo_data.load_demo_network(s, now=clock.now()))
            log.info("demo network", agents_added=added)
        log_channels(settings)
        if web:
            cleanups.append(await start_web(settings, store, clock, metrics))
        if smtp:
            cleanups.append(await start_smtp(settings, store, clock))
        if worker:
            tasks.append(asyncio.create_task(build_worker(settings, store, clock, metrics).run_forever(stop)))
        if scheduler:
            tasks.append(asyncio.create_task(Scheduler(jobs.periodic_jobs(settings, store), clock)
                                             .run_forever(stop)))
        if demo:
            print_demo_banner(settings)
        await asyncio.Event().wait()  # until cancelled by a signal
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        for cleanup in reversed(cleanups):
            await cleanup()
        await store.close()


async def start_web(settings: Settings, store: Store, clock: SystemClock, metrics: Metrics):
    from inbound.web import create_app

    runner = web.AppRunner(create_app(settings, store, clock, metrics), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.host, settings.port).start()
    log.info("web listening", url=f"http://{settings.host}:{settings.port}", public=settings.public_base_url)
    return runner.cleanup


async def start_smtp(settings: Settings, store: Store, clock: SystemClock):
    from inbound.smtp import start_smtp_server

    server = await start_smtp_server(settings, store, clock)
    log.info("smtp listening", host=settings.smtp_host, port=settings.smtp_port,
             domain=settings.inbound_email_domain)

    async def close() -> None:
        server.close()
        await server.wait_closed()
    return close


def print_demo_banner(settings: Settings) -> None:
    base = f"http://{settings.host}:{settings.port}"
    print(f"""
referral-bot is running (demo network, sandbox channels: {', '.join(settings.sandboxed_channels) or 'none'})
  URL:          {base}
  Admin token:  {settings.admin_token}
  Sandbox:      {base}/sandbox?token={settings.admin_token}
                (each agent's texts, calls and emails; reply as them, put a demo referral in)
Put a referral in:
  curl -s -X POST {base}/api/referrals -H 'Authorization: Bearer {settings.admin_token}' \\
    -H 'Content-Type: application/json' \\
    -d '{{"client": {{"name": "Pat Lee", "phone": "+15125550199", "email": "pat@example.com"}},
         "zip": "78704", "client_type": "buyer", "price_min": 400000, "price_max": 500000,
         "timeline": "0-3 months", "mode": "first_come"}}'
""", flush=True)
