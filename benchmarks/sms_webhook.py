"""Inbound SMS webhook throughput: the full path against a bare aiohttp handler, same load generator.

Full path: `referral-bot web` as its own process (see `benchmarks.server`) answering signed `POST /twilio/sms`:
signature check, parse, the store transaction (receipt, message log, handler, outbox; shared with the texts
that arrived meanwhile, see store/textgroup/), TwiML reply sent after the commit. Bare: a tiny
aiohttp app (`--serve-bare`, also its own process) that only parses the form and answers the same kind of TwiML.
Both are loaded by `wrk` with a Lua script that cycles through requests signed in advance, so every request has
its own MessageSid; the full path is given as many distinct requests as `--requests`, and a wrk thread that runs
out stops instead of repeating one (a repeat would take the cheap duplicate path).

Message mix, from 500 agents each holding one open offer (a referral in a zip only they cover), the sender
picked uniformly per request: "YES" 25%, "STATUS" 20%, "HELP" 15%, "no thanks" 15%, "what's the price?" 15%,
"CLAIM <their code>" 10%. An agent's first YES/CLAIM wins their referral, later ones get "already yours";
"no thanks" declines while the offer is open; the question lands in the review list.

    python -m benchmarks.sms_webhook [--duration 10] [--connections 50] [--requests 40000] [--profile DIR]

Runs: bare, SQLite (fresh temp file), PostgreSQL (a throwaway database, when TEST_DATABASE_URL is set), bare
again; the ratio is full / mean(bare). Client (wrk) and server CPU are reported so a client bottleneck shows.
With --profile, py-spy records the service during each measured run (collapsed stacks, per thread, in DIR;
`flamegraph.pl` or speedscope.app draw them).
Progress goes to stderr; the last line on stdout is one JSON object.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import aiohttp
from aiohttp import web
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from benchmarks.common import print_final, progress
from benchmarks.server import (
    OperatorApi,
    Service,
    SignedRequest,
    agent_fields,
    agent_phone,
    cpu_used_between,
    free_port,
    machine_cpu_ticks,
    postgres_backends_cpu,
    postgres_database,
    process_cpu_seconds,
    referral_fields,
    running_service,
    signed_sms,
    spawn,
    sqlite_database,
    stop,
    wait_healthy,
)

PATH = "/twilio/sms"
MIX = (("YES", 25), ("STATUS", 20), ("HELP", 15), ("no thanks", 15), ("what's the price?", 15), ("CLAIM {code}", 10))
WARMUP_SECONDS, WARMUP_REQUESTS = 2, 3000
BARE_REPLY = ("Referral Network: referral offers for agents. Reply YES to claim, NO to pass, PAUSE, STOP to opt out. "
              "Help: support@referral-bot.test")  # what HELP answers, as long as a typical reply

# Each wrk thread takes every Nth request line ("signature<TAB>form body") and pre-formats it. Mode "wrap"
# cycles through them; mode "stop" stops the thread when they run out (its last request is a /healthz).
WRK_SCRIPT = r"""
local next_id = 1
local threads = {}
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
function init(args)
  local path, nthreads = args[1], tonumber(args[3])
  stop_at_end = args[2] == "stop"
  reqs, idx, exhausted = {}, 0, 0
  local n = 0
  for line in io.lines(path) do
    if n % nthreads == tid - 1 then
      local sig, body = line:match("^([^\t]*)\t(.*)$")
      reqs[#reqs + 1] = wrk.format("POST", "/twilio/sms", {["Content-Type"] = "application/x-www-form-urlencoded",
                                   ["X-Twilio-Signature"] = sig}, body)
    end
    n = n + 1
  end
  tail = wrk.format("GET", "/healthz")
end
function request()
  idx = idx + 1
  if idx > #reqs then
    if stop_at_end then
      exhausted = 1
      wrk.thread:stop()
      return tail
    end
    idx = 1
  end
  return reqs[idx]
end
function done(summary, latency, requests)
  local stopped = 0
  for _, t in ipairs(threads) do stopped = stopped + (t:get("exhausted") or 0) end
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"threads_out_of_requests": %d}\n', summary.requests, summary.duration, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    stopped))
end
"""


# -- the bare server ---------------------------------------------------------------------------
def bare_twiml(reply: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Response><Message>{escape(reply)}</Message></Response>'


def bare_app() -> web.Application:
    """Parses the form like the real route, answers the same kind of TwiML; no signature, no store."""
    async def sms(request: web.Request) -> web.Response:
        form = await request.post()
        reply = BARE_REPLY if form.get("MessageSid") else ""
        return web.Response(text=bare_twiml(reply), content_type="text/xml")

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})
    app = web.Application()
    app.router.add_post(PATH, sms)
    app.router.add_get("/healthz", healthz)
    return app


def serve_bare(port: int) -> None:
    web.run_app(bare_app(), host="127.0.0.1", port=port, access_log=None, print=None)


@asynccontextmanager
async def running_bare(log_dir: Path) -> AsyncIterator[Service]:
    """The bare app in its own process, shaped like a `Service` so the same code loads and measures it."""
    port = free_port()
    log_path = log_dir / f"bare-{port}.log"
    process = spawn([sys.executable, "-m", "benchmarks.sms_webhook", "--serve-bare", str(port)], log_path)
    service = Service(process, port, "", log_path)
    try:
        await wait_healthy(service)
        yield service
    finally:
        stop(service)


# -- requests ----------------------------------------------------------------------------------
def message_mix(rng: random.Random, agents: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """(sender, text) pairs: senders uniform over `agents` (phone, referral code), texts weighted by MIX."""
    texts, weights = zip(*MIX)
    picks = rng.choices(texts, weights=weights, k=count)
    senders = rng.choices(agents, k=count)
    return [(phone, text.format(code=code)) for (phone, code), text in zip(senders, picks)]


def write_requests(path: Path, service: Service, messages: list[tuple[str, str]]) -> Path:
    validator, url = RequestValidator(service.signing_token), service.base_url + PATH
    with open(path, "w") as out:
        for sender, text in messages:
            signed: SignedRequest = signed_sms(validator, url, sender, text)
            out.write(f"{signed.signature}\t{signed.body}\n")
    return path


# -- load and measurement ----------------------------------------------------------------------
@dataclass
class Load:
    """One wrk run, with the CPU each side used."""

    rps: float
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    threads_out_of_requests: int
    client_cpu_pct: float  # wrk, % of one core
    server_cpu_pct: float  # the Python service process, % of one core
    server_cpu_ms_per_request: float  # robust to a busy machine, unlike rps
    postgres_cpu_ms_per_request: float | None  # the database's backends (PostgreSQL only; see server.py)
    machine_busy_pct: float  # all cores, everything on the machine


def run_wrk(service: Service, requests_file: Path, script: Path, *, mode: str, seconds: float, connections: int,
            threads: int) -> Load:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "30s", "-s", str(script),
               service.base_url + PATH, "--", str(requests_file), mode, str(threads)]
    children_before, server_before = resource.getrusage(resource.RUSAGE_CHILDREN), process_cpu_seconds(service.pid)
    busy_before, total_before = machine_cpu_ticks()
    pg_before = postgres_backends_cpu(service.database_url)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    children_after, server_after = resource.getrusage(resource.RUSAGE_CHILDREN), process_cpu_seconds(service.pid)
    busy_after, total_after = machine_cpu_ticks()
    pg_after = postgres_backends_cpu(service.database_url)
    line = next((out for out in done.stdout.splitlines() if out.startswith("WRK_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    raw = json.loads(line.split(" ", 1)[1])
    client_cpu = (children_after.ru_utime + children_after.ru_stime
                  - children_before.ru_utime - children_before.ru_stime)
    pg_cpu = cpu_used_between(pg_before, pg_after)
    return to_load(raw, wall, client_cpu, server_after - server_before, pg_cpu,
                   (busy_after - busy_before) / max(1, total_after - total_before))


def to_load(raw: dict[str, Any], wall: float, client_cpu: float, server_cpu: float, pg_cpu: float | None,
            busy: float) -> Load:
    seconds, per_request = raw["duration_us"] / 1e6, 1000 / max(1, raw["requests"])
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Load(rps=round(raw["requests"] / seconds, 1), requests=raw["requests"], seconds=round(seconds, 2),
                p50_ms=raw["p50_us"] / 1000, p90_ms=raw["p90_us"] / 1000, p99_ms=raw["p99_us"] / 1000,
                max_ms=raw["max_us"] / 1000, errors=errors, threads_out_of_requests=raw["threads_out_of_requests"],
                client_cpu_pct=round(100 * client_cpu / wall, 1), server_cpu_pct=round(100 * server_cpu / wall, 1),
                server_cpu_ms_per_request=round(server_cpu * per_request, 3),
                postgres_cpu_ms_per_request=None if pg_cpu is None else round(pg_cpu * per_request, 3),
                machine_busy_pct=round(100 * busy, 1))


def describe(name: str, load: Load) -> str:
    return (f"{name}: {load.rps:.0f} req/s ({load.requests} in {load.seconds}s), p50 {load.p50_ms:.1f} ms, "
            f"p99 {load.p99_ms:.1f} ms, max {load.max_ms:.0f} ms, errors {load.errors}; CPU: wrk "
            f"{load.client_cpu_pct}%, server {load.server_cpu_pct}% ({load.server_cpu_ms_per_request} ms/request), "
            + (f"postgres backends {load.postgres_cpu_ms_per_request} ms/request, "
               if load.postgres_cpu_ms_per_request is not None else "")
            + f"machine {load.machine_busy_pct}% of all cores")


@contextmanager
def py_spy(pid: int, out: Path | None, seconds: float) -> Iterator[None]:
    """py-spy recording of `pid` for the block's duration (nothing when `out` is None)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if out is None or not Path(spy).exists():
        yield
        return
    target = out.with_suffix(".txt")
    command = [spy, "record", "--pid", str(pid), "--rate", "200", "--duration", str(int(seconds) + 1),
               "--nonblocking", "--threads", "--format", "raw", "-o", str(target)]
    recorder = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        recorder.wait()
        progress(f"profile (collapsed stacks, one thread per root): {target}")


# -- one target --------------------------------------------------------------------------------
async def seed(service: Service, agents: int) -> list[tuple[str, str]]:
    """`agents` agents, each the only one covering its zip, each offered one referral: (phone, code)."""
    async with aiohttp.ClientSession() as http:
        api = OperatorApi(http, service)
        zips = [f"{70000 + n:05d}" for n in range(1, agents + 1)]
        await api.create_agents([agent_fields(n, z) for n, z in zip(range(1, agents + 1), zips)])
        codes = []
        for z in zips:  # one at a time: concurrent creations can pick the same random code (a 500)
            created = await api.create_referral(referral_fields(z))
            assert created["offered"] == 1, created
            codes.append(created["code"])
    return [(agent_phone(n), code) for n, code in zip(range(1, agents + 1), codes)]


async def inbound_rows(url: str) -> int:
    from store.db import Store
    from store.models import Message

    store = Store(url, pool_size=1)
    try:
        return await store.run(lambda s: s.scalar(select(func.count()).select_from(Message)
                                                  .where(Message.direction == "in")))
    finally:
        await store.close()


async def measure_store(name: str, url: str, log_dir: Path, args: argparse.Namespace,
                        script: Path) -> dict[str, Any]:
    async with running_service(url, log_dir) as service:
        agents = await seed(service, args.agents)
        progress(f"{name}: {args.agents} agents with one open offer each")
        rng = random.Random(f"{name}-{args.seed}")
        warmup = write_requests(log_dir / "warmup.txt", service, message_mix(rng, agents, WARMUP_REQUESTS))
        measured = write_requests(log_dir / "requests.txt", service, message_mix(rng, agents, args.requests))
        run_wrk(service, warmup, script, mode="stop", seconds=WARMUP_SECONDS, connections=args.connections,
                threads=args.threads)
        before = await inbound_rows(url)
        profile = args.profile / name if args.profile else None
        with py_spy(service.pid, profile, args.duration):
            load = run_wrk(service, measured, script, mode="stop", seconds=args.duration,
                           connections=args.connections, threads=args.threads)
        recorded = await inbound_rows(url) - before
    progress(describe(name, load) + f"; inbound messages recorded {recorded}")
    return {**asdict(load), "inbound_recorded": recorded}


async def measure_bare(log_dir: Path, args: argparse.Namespace, script: Path) -> Load:
    async with running_bare(log_dir) as bare:
        agents = [(agent_phone(n), "1000") for n in range(1, args.agents + 1)]
        requests = write_requests(log_dir / "bare.txt", bare, message_mix(random.Random(args.seed), agents, 20000))
        run_wrk(bare, requests, script, mode="wrap", seconds=WARMUP_SECONDS, connections=args.connections,
                threads=args.threads)
        load = run_wrk(bare, requests, script, mode="wrap", seconds=args.duration, connections=args.connections,
                       threads=args.threads)
    progress(describe("bare", load))
    return load


def store_figures(figures: dict[str, Any], bare_rps: float | None) -> dict[str, Any]:
    ratio = round(figures["rps"] / bare_rps, 3) if bare_rps else None
    return {"rps": figures["rps"], "ratio": ratio, "p99_ms": figures["p99_ms"],
            **{k: v for k, v in figures.items() if k not in ("rps", "p99_ms")}}


async def main(args: argparse.Namespace) -> dict[str, Any]:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"connections": args.connections, "duration_s": args.duration,
                               "mix": {text: weight for text, weight in MIX}, "load_avg_1m": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="bench_sms_") as tmp:
        script = Path(tmp) / "sms.lua"
        script.write_text(WRK_SCRIPT)
        bare = [] if args.skip_bare else [await measure_bare(Path(tmp), args, script)]
        full: dict[str, Any] = {"sqlite": None, "postgres": None}
        if not args.skip_sqlite:
            with sqlite_database() as (url, log_dir):
                full["sqlite"] = await measure_store("sqlite", url, log_dir, args, script)
        test_url = os.environ.get("TEST_DATABASE_URL")
        if test_url:
            async with postgres_database(test_url) as (url, log_dir):
                full["postgres"] = await measure_store("postgres", url, log_dir, args, script)
        else:
            progress("TEST_DATABASE_URL is not set: PostgreSQL skipped")
        if not args.skip_bare:
            bare.append(await measure_bare(Path(tmp), args, script))
    bare_rps = sum(b.rps for b in bare) / len(bare) if bare else None
    results.update(bare_rps=round(bare_rps) if bare_rps else None, bare_runs=[asdict(b) for b in bare],
                   **{k: store_figures(v, bare_rps) if v else None for k, v in full.items()})
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--requests", type=int, default=40_000,
                        help="distinct signed requests per store (a run ends at --duration or when they run out)")
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=Path, help="record the service with py-spy into this directory")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-bare", action="store_true", help="full path only (no ratio): for profiling")
    parser.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.serve_bare:
        serve_bare(arguments.serve_bare)
    else:
        print_final(asyncio.run(main(arguments)))
