"""Operations, as an operator meets them with the real processes: every serving command refuses a database not at
this release's migration with one line (exit 2), `/readyz` says whether the process can serve while `/healthz`
only says it lives, and SIGTERM stops every process cleanly within a bounded time, the worker handing back the
outbox rows it had leased."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.messages import Channel, Outgoing
from store import outbox
from store.db import Store
from store.migrate import head_revisions, upgrade
from store.models import OutboxRow
from tests.peers.smtp_sink import free_port

GOOD = "k" * 32
HEAD = ", ".join(sorted(head_revisions()))
SERVING = [("run",), ("web",), ("worker",), ("smtp",)]


def process_env(database_url: str, **env: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), "DATABASE_URL": database_url,
            "SECRET_KEY": GOOD, "ADMIN_TOKEN": GOOD, "SHUTDOWN_SECONDS": "2", **env}


def listen_args(command: str) -> list[str]:
    if command in ("run", "web"):
        return ["--port", str(free_port())] + (["--smtp-port", str(free_port())] if command == "run" else [])
    return ["--smtp-port", str(free_port())] if command == "smtp" else []


def refused_line(command: str, database_url: str) -> str:
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", command, *listen_args(command)],
                            env=process_env(database_url), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def migrate(database_url: str, revision: str = "head") -> None:
    async def go() -> None:
        store = Store(database_url)
        try:
            await upgrade(store, revision)
        finally:
            await store.close()
    asyncio.run(go())


@pytest.fixture
def postgres_database():
    """A PostgreSQL database of its own (not a schema: a process reads only DATABASE_URL), dropped after."""
    import asyncpg

    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    name = f"rb_ops_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield url.rsplit("/", 1)[0] + "/" + name
    asyncio.run(admin(f'DROP DATABASE "{name}" WITH (FORCE)'))


# -- the revision check at start -----------------------------------------------------------------------
@pytest.mark.parametrize("command", ["web", "worker", "smtp"])
def test_a_process_refuses_an_empty_database_with_one_line(command, tmp_path):
    line = refused_line(command, f"sqlite:///{tmp_path}/empty.db")
    assert line == (f"referral-bot: the database is at revision none (empty), this release needs {HEAD}: "
                    f"run `referral-bot migrate`")


@pytest.mark.parametrize("command", ["web", "worker", "smtp"])
def test_a_process_refuses_a_database_at_an_older_revision(command, tmp_path):
    url = f"sqlite:///{tmp_path}/old.db"
    migrate(url, "dbf01")
    line = refused_line(command, url)
    assert line == (f"referral-bot: the database is at revision dbf01, this release needs {HEAD}: "
                    f"run `referral-bot migrate`")


@pytest.mark.postgres
@pytest.mark.parametrize("command", ["run", "web", "worker", "smtp"])
def test_every_process_refuses_an_empty_postgresql(command, postgres_database):
    """`run` migrates SQLite itself (the embedded demo); PostgreSQL is migrated by `referral-bot migrate` only."""
    line = refused_line(command, postgres_database)
    assert f"the database is at revision none (empty), this release needs {HEAD}" in line


def test_run_on_sqlite_still_migrates_itself(tmp_path):
    url = f"sqlite:///{tmp_path}/fresh.db"
    process, port = start("run", url)
    assert get(port, "/readyz") == (200, '{"status": "ready"}')
    stop_cleanly(process)


@pytest.mark.postgres
def test_after_migrate_every_process_starts_on_postgresql(postgres_database):
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", "migrate"], env=process_env(postgres_database),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    process, port = start("web", postgres_database)
    assert get(port, "/readyz")[0] == 200
    stop_cleanly(process)


# -- liveness and readiness ------------------------------------------------------------------------------
async def test_readyz_is_ready_on_a_migrated_database_and_healthz_says_alive(client):
    assert (await client.get("/readyz")).status == 200
    assert await (await client.get("/healthz")).json() == {"status": "ok"}


async def test_readyz_is_unready_behind_the_migrations_while_healthz_stays_alive(tmp_path, settings, clock, metrics):
    from aiohttp.test_utils import TestClient, TestServer

    from inbound.web import create_app

    store = Store(f"sqlite:///{tmp_path}/behind.db")
    await upgrade(store, "dbf01")
    try:
        async with TestClient(TestServer(create_app(settings, store, clock, metrics), host="127.0.0.1")) as http:
            ready = await http.get("/readyz")
            assert ready.status == 503
            assert (await ready.json())["reason"].startswith("the database is at revision dbf01, this release")
            assert (await http.get("/healthz")).status == 200
    finally:
        await store.close()


async def test_readyz_is_unready_when_the_database_cannot_be_reached(settings, clock, metrics):
    from aiohttp.test_utils import TestClient, TestServer

    from inbound.web import create_app

    store = Store(f"postgresql://rb@127.0.0.1:{free_port()}/rb")
    try:
        async with TestClient(TestServer(create_app(settings, store, clock, metrics), host="127.0.0.1")) as http:
            ready = await http.get("/readyz")
            assert ready.status == 503 and (await ready.json())["status"] == "unready"
            assert (await http.get("/healthz")).status == 200
    finally:
        await store.close()


# -- graceful shutdown ---------------------------------------------------------------------------------
def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def start(command: str, database_url: str, **env: str) -> tuple[subprocess.Popen, int]:
    """Start a serving command and wait until it serves: /healthz for web and run, the SMTP greeting for smtp,
    the worker's first log line for worker. Returns the process and its HTTP or SMTP port."""
    port, smtp_port = free_port(), free_port()
    argv = {"run": ["--port", str(port), "--smtp-port", str(smtp_port)], "web": ["--port", str(port)],
            "smtp": ["--smtp-port", str(smtp_port)], "worker": []}[command]
    process = subprocess.Popen([sys.executable, "-m", "referral_bot.cli", command, *argv],
                               env=process_env(database_url, **env), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if serving(command, port, smtp_port, process):
            return process, (smtp_port if command == "smtp" else port)
        time.sleep(0.1)
    process.kill()
    raise AssertionError(f"{command} did not start: {process.communicate()}")


def serving(command: str, port: int, smtp_port: int, process: subprocess.Popen) -> bool:
    if command == "worker":
        return "worker started" in (process.stdout.readline() if process.stdout else "")
    try:
        if command == "smtp":
            with socket.create_connection(("127.0.0.1", smtp_port), timeout=2) as connection:
                return connection.recv(100).startswith(b"220")
        return get(port, "/healthz")[0] == 200
    except OSError:
        return False


def stop_cleanly(process: subprocess.Popen, within: float = 8.0) -> float:
    """SIGTERM; the process must exit 0 within `within` seconds. Returns how long it took."""
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"still running {within}s after SIGTERM: {process.communicate()}") from None
    assert process.returncode == 0, err
    assert "Traceback" not in err, err
    return time.monotonic() - began


@pytest.mark.parametrize("command", ["run", "web", "worker", "smtp"])
def test_sigterm_stops_every_process_cleanly(command, tmp_path):
    url = f"sqlite:///{tmp_path}/rb.db"
    migrate(url)
    process, _ = start(command, url)
    assert stop_cleanly(process) < 5


def test_sigterm_closes_the_smtp_server_with_a_client_still_connected(tmp_path):
    url = f"sqlite:///{tmp_path}/rb.db"
    migrate(url)
    process, port = start("smtp", url)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as idle_client:
        idle_client.recv(100)
        idle_client.sendall(b"EHLO client.example\r\n")
        assert stop_cleanly(process) < 5
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


@pytest.fixture
def silent_provider():
    """A Twilio API host that accepts connections and never answers: sends hang until the worker stops."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_sigterm_releases_the_rows_the_worker_leased(tmp_path, silent_provider):
    url = f"sqlite:///{tmp_path}/rb.db"
    migrate(url)
    rows = asyncio.run(enqueue(url, 5))
    process, _ = start("worker", url, TWILIO_ACCOUNT_SID="AC" + "1" * 32, TWILIO_AUTH_TOKEN="a" * 32,
                       TWILIO_FROM_NUMBER="+15125550000", TWILIO_API_BASE=silent_provider,
                       OUTBOX_LEASE_SECONDS="600")
    deadline = time.monotonic() + 20
    while asyncio.run(statuses(url, rows)) != {"sending"}:
        assert time.monotonic() < deadline, "the worker did not lease the rows"
        time.sleep(0.1)
    took = stop_cleanly(process)
    assert took < 5
    after = asyncio.run(outbox_rows(url, rows))
    assert {(row.status, row.locked_until) for row in after} == {("pending", None)}  # due now, not in 10 minutes


async def enqueue(url: str, count: int) -> list[int]:
    store = Store(url)
    try:
        from datetime import datetime

        now = datetime.now(UTC)
        ids = []
        for n in range(count):
            out = Outgoing(Channel.SMS, f"+1512555{n:04d}", "hello", f"shutdown-{n}")
            ids.append(await store.run(lambda s, out=out: outbox.enqueue(s, out, now=now)))
        return ids
    finally:
        await store.close()


async def outbox_rows(url: str, ids: list[int]) -> list[OutboxRow]:
    store = Store(url)
    try:
        return await store.run(lambda s: list(s.scalars(select(OutboxRow).where(OutboxRow.id.in_(ids)))))
    finally:
        await store.close()


async def statuses(url: str, ids: list[int]) -> set[str]:
    return {row.status for row in await outbox_rows(url, ids)}


# -- reconcile from the command line -----------------------------------------------------------------------
def test_reconcile_command_stores_a_run_and_prints_its_report(tmp_path):
    url = f"sqlite:///{tmp_path}/rb.db"
    migrate(url)
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", "reconcile", "--since", "2d"],
                            env=process_env(url), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert (report["id"], report["fixed"], report["reported"], report["lines"]) == (1, 0, 0, [])
    assert datetime.fromisoformat(report["ran_at"]) - datetime.fromisoformat(report["since"]) == timedelta(days=2)


@pytest.mark.parametrize("since", ["48x", "h", "0h", "-2d"])
def test_reconcile_with_a_bad_window_is_one_line(since, tmp_path):
    url = f"sqlite:///{tmp_path}/rb.db"
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", "reconcile", f"--since={since}"],
                            env=process_env(url), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == f"referral-bot: --since {since!r} is not a window like 48h, 2d or 90m\n"


def test_reconcile_refuses_a_database_behind_the_migrations(tmp_path):
    line = refused_line("reconcile", f"sqlite:///{tmp_path}/empty.db")
    assert line.startswith("referral-bot: the database is at revision none (empty), this release needs")


async def test_readyz_stays_ready_on_a_newer_release_s_schema(tmp_path, settings, clock, metrics):
    """During an upgrade the next release migrates first; the running processes keep serving until replaced."""
    from aiohttp.test_utils import TestClient, TestServer
    from sqlalchemy import text

    from inbound.web import create_app

    store = Store(f"sqlite:///{tmp_path}/newer.db")
    await upgrade(store)
    await store.run_on_connection(lambda c: c.execute(text("UPDATE alembic_version SET version_num = 'next01'")))
    try:
        async with TestClient(TestServer(create_app(settings, store, clock, metrics), host="127.0.0.1")) as http:
            assert (await http.get("/readyz")).status == 200
    finally:
        await store.close()
