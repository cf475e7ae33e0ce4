"""The real service as a separate process, for benchmarks that go over the wire.

`running_service(database_url)` migrates the store (`referral-bot migrate`), starts `referral-bot web` on a free
loopback port, waits for `/healthz`, and stops it (SIGTERM, then SIGKILL) on the way out. The database comes
from `sqlite_database()` (a fresh temp file) or `postgres_database(TEST_DATABASE_URL)` (a throwaway database
created next to the test one and dropped afterwards: the service's DATABASE_URL cannot carry a schema).
`OperatorApi` seeds agents and referrals through the operator API, and `signed_sms` builds a Twilio-signed
inbound SMS exactly as Twilio would send it.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from sqlalchemy.engine import make_url
from twilio.request_validator import RequestValidator

from benchmarks.common import progress
from store.settings import Settings

ADMIN_TOKEN = "bench-admin-token"
SECRET_KEY = "bench-secret-key"
TWILIO_TO = "+15125550000"
START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 15.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli_path() -> str:
    """The `referral-bot` script next to this interpreter (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("referral-bot")
    found = str(beside) if beside.exists() else shutil.which("referral-bot")
    if not found:
        raise RuntimeError("referral-bot is not installed in this environment (pip install -e .)")
    return found


@dataclass
class Service:
    """A running `referral-bot web`: where it listens and how to sign requests for it."""

    process: subprocess.Popen[bytes]
    port: int
    database_url: str
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def signing_token(self) -> str:
        """What the service checks X-Twilio-Signature against (sandbox mode: derived from SECRET_KEY)."""
        return Settings(secret_key=SECRET_KEY).twilio_signing_token

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def service_env(database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "STRIPE_", "SMTP_"))}
    env.update(DATABASE_URL=database_url, ADMIN_TOKEN=ADMIN_TOKEN, SECRET_KEY=SECRET_KEY, PORT=str(port),
               HOST="127.0.0.1", PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", LOG_LEVEL="WARNING")
    return env


def migrate(database_url: str) -> None:
    done = subprocess.run([cli_path(), "migrate"], env=service_env(database_url, 0), capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"referral-bot migrate failed:\n{done.stdout}\n{done.stderr}")


@asynccontextmanager
async def running_service(database_url: str, log_dir: Path) -> AsyncIterator[Service]:
    """Migrate, start `referral-bot web`, wait until healthy; stop it afterwards."""
    migrate(database_url)
    port = free_port()
    log_path = log_dir / f"service-{port}.log"
    process = spawn([cli_path(), "web"], log_path, env=service_env(database_url, port))
    service = Service(process, port, database_url, log_path)
    try:
        await wait_healthy(service)
        progress(f"service pid {service.pid} on {service.base_url}")
        yield service
    except BaseException:
        progress(f"service log (last lines):\n{service.log_tail()}")
        raise
    finally:
        stop(service)


def spawn(command: list[str], log_path: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start `command` in its own session (so a stray signal to us does not reach it), output to `log_path`."""
    with open(log_path, "wb") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


async def wait_healthy(service: Service) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if service.process.poll() is not None:
                raise RuntimeError(f"referral-bot web exited with {service.process.returncode}:\n"
                                   f"{service.log_tail()}")
            try:
                async with http.get(service.base_url + "/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"referral-bot web did not become healthy in {START_TIMEOUT_SECONDS}s:\n"
                       f"{service.log_tail()}")


def stop(service: Service) -> None:
    """SIGTERM (the service shuts down cleanly on it), SIGKILL if it hangs."""
    if service.process.poll() is not None:
        return
    service.process.send_signal(signal.SIGTERM)
    try:
        service.process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        service.process.kill()
        service.process.wait()


# -- databases ---------------------------------------------------------------------------------
@contextmanager
def sqlite_database() -> Iterator[tuple[str, Path]]:
    """A fresh SQLite file in a temp directory: yields (DATABASE_URL, the directory for logs)."""
    with tempfile.TemporaryDirectory(prefix="bench_sqlite_") as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.db'}", Path(tmp)


@asynccontextmanager
async def postgres_database(test_url: str) -> AsyncIterator[tuple[str, Path]]:
    """A throwaway database beside TEST_DATABASE_URL's: yields (DATABASE_URL, a temp dir for logs)."""
    import asyncpg

    admin_dsn = _asyncpg_dsn(test_url)
    name = f"bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    url = make_url(test_url).set(database=name).render_as_string(hide_password=False)
    try:
        with tempfile.TemporaryDirectory(prefix="bench_pg_") as tmp:
            progress(f"postgres: database {name}")
            yield url, Path(tmp)
    finally:
        conn = await asyncpg.connect(admin_dsn)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


def _asyncpg_dsn(url: str) -> str:
    """asyncpg wants a plain `postgresql://` DSN."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


# -- requests ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SignedRequest:
    """One inbound SMS webhook, ready to send: the urlencoded form and its X-Twilio-Signature."""

    body: str
    signature: str


def sms_params(sender: str, text: str, sid: str | None = None) -> dict[str, str]:
    return {"MessageSid": sid or "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32, "From": sender,
            "To": TWILIO_TO, "Body": text, "NumMedia": "0"}


def signed_sms(validator: RequestValidator, url: str, sender: str, text: str) -> SignedRequest:
    """The POST to `url` Twilio would make for `text` from `sender`, signed with the validator's token."""
    params = sms_params(sender, text)
    return SignedRequest(urlencode(params), validator.compute_signature(url, params))


def agent_phone(n: int) -> str:
    return f"+1512555{n:04d}"


def agent_fields(n: int, zip_code: str) -> dict[str, Any]:
    return {"name": f"Bench Agent {n}", "phone": agent_phone(n), "email": f"bench{n}@example.test",
            "timezone": "America/Chicago", "zip_codes": [zip_code], "client_types": ["buyer", "seller"]}


def referral_fields(zip_code: str) -> dict[str, Any]:
    return {"client": {"name": "Pat Quinlan", "phone": "+15125559876", "email": "pat.quinlan@example.com"},
            "zip": zip_code, "client_type": "buyer", "price_min": 400000, "price_max": 500000,
            "timeline": "0-3 months", "mode": "first_come"}


class OperatorApi:
    """The operator API of a running service, with its bearer token."""

    def __init__(self, http: aiohttp.ClientSession, service: Service) -> None:
        self.http, self.base = http, service.base_url
        self.headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}

    async def _call(self, method: str, path: str, expect: int, **kwargs: Any) -> Any:
        async with self.http.request(method, self.base + path, headers=self.headers, **kwargs) as response:
            if response.status != expect:
                raise RuntimeError(f"{method} {path}: {response.status} {await response.text()}")
            return await response.json()

    async def create_agent(self, fields: dict[str, Any]) -> int:
        return (await self._call("POST", "/api/agents", 201, json=fields))["id"]

    async def create_agents(self, fields: list[dict[str, Any]], concurrency: int = 8) -> list[int]:
        limit = asyncio.Semaphore(concurrency)

        async def one(f: dict[str, Any]) -> int:
            async with limit:
                return await self.create_agent(f)
        return list(await asyncio.gather(*(one(f) for f in fields)))

    async def create_referral(self, fields: dict[str, Any]) -> dict[str, Any]:
        return await self._call("POST", "/api/referrals", 201, json=fields)

    async def referral(self, referral_id: int) -> dict[str, Any]:
        return await self._call("GET", f"/api/referrals/{referral_id}", 200)

    async def messages(self, **filters: Any) -> list[dict[str, Any]]:
        return await self._call("GET", "/api/messages", 200, params={k: str(v) for k, v in filters.items()})


# -- CPU accounting (Linux /proc): is the client or the server the bottleneck? -------------------
def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def postgres_backends_cpu(database_url: str) -> dict[int, float] | None:
    """CPU seconds used so far by each PostgreSQL backend serving this database, by pid (None for SQLite).

    Read from /proc by process title (`postgres: ... <db> ...`). Compare two readings with `cpu_used_between`:
    a backend that exits in between takes its CPU with it, so a churning pool is undercounted."""
    if not database_url.startswith("postgres"):
        return None
    needle = f" {make_url(database_url).database} ".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes()
            if title.startswith(b"postgres:") and needle in title:
                found[int(entry.name)] = process_cpu_seconds(int(entry.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def cpu_used_between(before: dict[int, float] | None, after: dict[int, float] | None) -> float | None:
    """CPU seconds the processes in `after` used since `before` (a process new since then counts in full)."""
    if before is None or after is None:
        return None
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def machine_cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies over all cores since boot, from the first line of /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)
