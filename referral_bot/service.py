"""Process assembly: which parts (web, SMTP, worker, scheduler) run in this process, started and stopped
together. `run` is all of them on one event loop; the Procfile runs them as separate processes."""
from __future__ import annotations

import asyncio
import dataclasses
import os
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import SystemClock
from referral_bot import demo as demo_data
from referral_bot import jobs
from referral_bot.scheduler import Scheduler
from referral_bot.wiring import build_worker, log_channels
from store import app_settings
from store.db import Store, resolve_url
from store.metrics import Metrics
from store.migrate import behind_head, upgrade
from store.settings import Settings, SettingsError

log = structlog.get_logger("service")


def safe_url(raw: str) -> str:
    return resolve_url(raw).url.split("@")[-1] if "@" in raw else raw


async def with_demo_token(settings: Settings) -> Settings:
    """The demo's admin token: made once and kept in the demo database, so a restart of `make run` keeps the
    printed token, the sandbox cookie and any saved curl command working."""
    store = open_store(settings)
    try:
        await reach_database(store, settings)
        if store.dialect == "sqlite":
            await upgrade(store)
        await require_latest_revision(store)
        token = await store.run(lambda s: app_settings.kept_value(
            s, app_settings.DEMO_ADMIN_TOKEN, lambda: "demo-" + secrets.token_urlsafe(32), now=SystemClock().now()))
    finally:
        await store.close()
    return dataclasses.replace(settings, admin_token=token)


def open_store(settings: Settings) -> Store:
    """The store DATABASE_URL names; a URL of the wrong form is a SettingsError, not a traceback."""
    try:
        return Store(settings.database_url)
    except (ValueError, SQLAlchemyError) as exc:
        raise SettingsError(f"DATABASE_URL is not usable: {_first_line(exc)}") from None


async def reach_database(store: Store, settings: Settings) -> None:
    """One round trip, so an unreachable or refused database is one SettingsError at startup."""
    try:
        await store.run_on_connection(lambda connection: connection.exec_driver_sql("SELECT 1"))
    except (OSError, SQLAlchemyError) as exc:
        raise SettingsError(f"DATABASE_URL {safe_url(settings.database_url)}: cannot open the database: "
                            f"{_first_line(exc)}") from None


async def require_latest_revision(store: Store) -> None:
    """A process refuses to start on a schema older (or newer) than its code: otherwise it would answer 500 to
    every request (`relation "offers" does not exist`) while /healthz says ok."""
    behind = await behind_head(store)
    if behind:
        raise SettingsError(behind)


def _first_line(exc: BaseException) -> str:
    """The driver's own message (SQLAlchemy wraps it in `orig`), without SQLAlchemy's background link."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def cannot_listen(variables: str, host: str, port: int, exc: OSError) -> SettingsError:
    reason = os.strerror(exc.errno) if exc.errno and exc.errno > 0 else exc.strerror or str(exc)  # < 0: resolver
    return SettingsError(f"{variables}: cannot listen on {host}:{port}: {reason}")


async def migrate(settings: Settings) -> None:
    store = open_store(settings)
    try:
        await reach_database(store, settings)
        await upgrade(store)
    finally:
        await store.close()


async def reconcile(settings: Settings, window: timedelta) -> dict[str, object]:
    """`referral-bot reconcile`: one run now, its report stored and returned."""
    from referral_bot.logs import configure_logging
    from referral_bot.reconcile import reconcile_live

    configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
    store = open_store(settings)
    try:
        await reach_database(store, settings)
        await require_latest_revision(store)
        now = SystemClock().now()
        return await reconcile_live(settings, store, since=now - window, now=now)
    finally:
        await store.close()


async def prune(settings: Settings, age: timedelta, *, dry_run: bool) -> dict[str, int]:
    """`referral-bot prune`: message bodies and raw emails older than `age` emptied (or counted)."""
    from store.retention import prune as prune_old

    store = open_store(settings)
    try:
        await reach_database(store, settings)
        await require_latest_revision(store)
        now = SystemClock().now()
        return await store.run(lambda s: prune_old(s, older_than=now - age, dry_run=dry_run, now=now))
    finally:
        await store.close()


async def corpus_examples(settings: Settings) -> list[dict[str, str]]:
    """`referral-bot corpus export`: the resolved review items as labelled parser examples."""
    from store.review_inbox import corpus_examples as examples

    store = open_store(settings)
    try:
        await reach_database(store, settings)
        await require_latest_revision(store)
        return await store.run(examples)
    finally:
        await store.close()


async def run_all(settings: Settings, *, demo: bool) -> None:
    await run_parts(settings, web=True, smtp=True, worker=True, scheduler=True, demo=demo, migrate=True)


async def run_parts(settings: Settings, *, web: bool = False, smtp: bool = False, worker: bool = False,
                    scheduler: bool = False, demo: bool = False, migrate: bool = False) -> None:
    store, clock, metrics = open_store(settings), SystemClock(), Metrics()
    stop = asyncio.Event()
    cleanups, tasks = [], []
    try:
        await reach_database(store, settings)
        if migrate and store.dialect == "sqlite":
            await upgrade(store)
        await require_latest_revision(store)
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
            print_demo_banner(settings, clock.now())
        await asyncio.Event().wait()  # until cancelled by a signal
    finally:
        await stop_parts(stop, tasks, cleanups, grace=settings.shutdown_seconds)
        await store.close()


async def stop_parts(stop: asyncio.Event, tasks: list[asyncio.Task], cleanups: list, *, grace: float) -> None:
    """Graceful stop, bounded: the listeners close first (no new work comes in), the worker and scheduler
    finish what they hold within `grace` seconds or are cancelled (the worker releases the rows it leased)."""
    log.info("stopping", grace_seconds=grace)
    stop.set()
    for cleanup in reversed(cleanups):
        try:
            await asyncio.wait_for(cleanup(), timeout=grace)
        except (TimeoutError, OSError):
            log.warning("a listener did not close in time")
    if tasks:
        _, late = await asyncio.wait(tasks, timeout=grace)
        for task in late:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    log.info("stopped")


async def start_web(settings: Settings, store: Store, clock: SystemClock, metrics: Metrics):
    from inbound.web import create_app

    runner = web.AppRunner(create_app(settings, store, clock, metrics), access_log=None,
                           keepalive_timeout=settings.http_idle_seconds,
                           # in-flight requests finish first; the idle timeout also cuts a slow header trickle
                           shutdown_timeout=settings.shutdown_seconds)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.host, settings.port).start()
    except OSError as exc:
        await runner.cleanup()
        raise cannot_listen("HOST/PORT (--host/--port)", settings.host, settings.port, exc) from None
    log.info("web listening", url=f"http://{settings.host}:{settings.port}", public=settings.public_base_url)
    return runner.cleanup


async def start_smtp(settings: Settings, store: Store, clock: SystemClock):
    from inbound.smtp import start_smtp_server

    try:
        server = await start_smtp_server(settings, store, clock)
    except OSError as exc:
        raise cannot_listen("SMTP_HOST/SMTP_PORT (--smtp-port)", settings.smtp_host, settings.smtp_port, exc) from None
    log.info("smtp listening", host=settings.smtp_host, port=settings.smtp_port,
             domain=settings.inbound_email_domain)

    async def close() -> None:
        server.close()
        await server.wait_closed()
    return close


def print_demo_banner(settings: Settings, now: datetime) -> None:
    from inbound.sandbox.access import signin_code

    base = f"http://{settings.host}:{settings.port}"
    sandbox_link = f"{base}/sandbox/signin?code={signin_code(settings, now)}" if settings.sandbox_enabled \
        else "off (a channel is live; SANDBOX=1 turns it on)"
    print(f"""
referral-bot is running (demo network, sandbox channels: {', '.join(settings.sandboxed_channels) or 'none'})
  URL:          {base}
  Admin token:  {settings.admin_token}
  Sandbox:      {sandbox_link}
                (sign-in link good for 15 minutes; later, open {base}/sandbox and enter the admin token)
                (each agent's texts, calls and emails; reply as them, put a demo referral in)
Put a referral in:
  curl -s -X POST {base}/api/referrals -H 'Authorization: Bearer {settings.admin_token}' \\
    -H 'Content-Type: application/json' \\
    -d '{{"client": {{"name": "Pat Lee", "phone": "+15125550199", "email": "pat@example.com"}},
         "zip": "78704", "client_type": "buyer", "price_min": 400000, "price_max": 500000,
         "timeline": "0-3 months", "mode": "first_come"}}'
""", flush=True)


async def add_operator(settings: Settings, email: str, password: str, role: str) -> int:
    """`referral-bot operators add`: one operator account, its password hashed with argon2id."""
    from bot.operators import OperatorRole
    from store import operators

    store = open_store(settings)
    try:
        await reach_database(store, settings)
        password_hash = await asyncio.to_thread(operators.hash_password, password)
        now = datetime.now(UTC)

        def work(session: Any) -> int:
            return operators.add_operator(session, email, password_hash, OperatorRole(role), now=now).id
        try:
            return await store.run(work)
        except operators.DuplicateEmail:
            raise SettingsError(f"an operator with the email {email.strip().lower()} already exists") from None
    finally:
        await store.close()
