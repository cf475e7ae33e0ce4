"""Startup refuses weak secrets once any channel is live: `referral-bot web` (and the other serving commands)
run as real processes, with live-looking provider credentials and secrets that are missing, the development
default or short, exit 2 with one line naming the variable. With good secrets, or in sandbox mode with no
secrets at all, the server starts and answers /healthz."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from store.settings import DEFAULT_SECRET, InsecureSecret, Settings, SettingsError
from tests.peers.smtp_sink import free_port

GOOD = "k" * 32
TWILIO = {"TWILIO_ACCOUNT_SID": "AC" + "1" * 32, "TWILIO_AUTH_TOKEN": "a" * 32, "TWILIO_FROM_NUMBER": "+15125550000"}
ALL_LIVE = {**TWILIO, "SMTP_URL": "smtp://127.0.0.1:25", "STRIPE_API_KEY": "sk_test_x",
            "STRIPE_WEBHOOK_SECRET": "whsec_" + "w" * 32, "SECRET_KEY": GOOD, "ADMIN_TOKEN": GOOD}


def process_env(tmp_path: Path, **env: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/secrets.db", **env}


def refused(tmp_path: Path, command: str, env: dict[str, str]) -> str:
    """Run a serving command that must refuse: exit 2, one line on stderr, which is returned."""
    result = subprocess.run([sys.executable, "-m", "referral_bot.cli", command], env=process_env(tmp_path, **env),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def wait_healthy(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not answer /healthz")


def starts(tmp_path: Path, env: dict[str, str], *args: str) -> str:
    """Start `referral-bot <args>`, wait for /healthz, stop it; its stdout (the logs) is returned."""
    port = free_port()
    if args[0] != "run":  # `run` migrates SQLite itself; the other processes need `referral-bot migrate` first
        subprocess.run([sys.executable, "-m", "referral_bot.cli", "migrate"], env=process_env(tmp_path, **env),
                       check=True, capture_output=True, timeout=60)
    argv = [*args, "--port", str(port)] + (["--smtp-port", str(free_port())] if args[0] == "run" else [])
    process = subprocess.Popen([sys.executable, "-m", "referral_bot.cli", *argv], env=process_env(tmp_path, **env),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_healthy(process, port)
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    return out


@pytest.mark.parametrize("name,value,problem", [
    ("SECRET_KEY", None, "is the development default"),
    ("SECRET_KEY", DEFAULT_SECRET, "is the development default"),
    ("SECRET_KEY", "short-secret", "is shorter than 32 bytes"),
    ("ADMIN_TOKEN", "x" * 31, "is shorter than 32 bytes"),
    ("STRIPE_WEBHOOK_SECRET", None, "is not set"),
    ("STRIPE_WEBHOOK_SECRET", "whsec_short", "is shorter than 32 bytes"),
])
def test_live_channels_refuse_to_start_with_a_weak_secret(tmp_path, name, value, problem):
    env = {k: v for k, v in ALL_LIVE.items() if k != name}
    if value is not None:
        env[name] = value
    line = refused(tmp_path, "web", env)
    assert line.startswith(f"referral-bot: {name} {problem}") and "live channels" in line


@pytest.mark.parametrize("command", ["worker", "smtp"])
def test_every_serving_process_checks_the_secrets(tmp_path, command):
    line = refused(tmp_path, command, {**TWILIO, "ADMIN_TOKEN": GOOD})
    assert line.startswith("referral-bot: SECRET_KEY is the development default")


def test_one_live_channel_is_enough_to_require_strong_secrets(tmp_path):
    line = refused(tmp_path, "web", {"SMTP_URL": "smtp://127.0.0.1:25", "SECRET_KEY": GOOD, "ADMIN_TOKEN": "short"})
    assert line.startswith("referral-bot: ADMIN_TOKEN is shorter than 32 bytes") and "(email)" in line


def test_with_strong_secrets_every_channel_live_starts(tmp_path):
    logs = starts(tmp_path, ALL_LIVE, "web")
    assert "all channels live" in logs


def test_sandbox_mode_starts_with_no_secrets_at_all(tmp_path):
    """`make run`: no environment, sandbox channels, derived webhook secrets, a generated demo token."""
    logs = starts(tmp_path, {}, "run", "--demo")
    assert "sandbox mode" in logs and "/sandbox/signin?code=" in logs


def test_derived_webhook_secrets_only_in_sandbox_mode():
    sandboxed = Settings()
    assert sandboxed.stripe_signing_secret.startswith("whsec_") and sandboxed.twilio_signing_token
    live = Settings(stripe_api_key="sk_test_x")
    with pytest.raises(SettingsError, match="STRIPE_WEBHOOK_SECRET"):
        _ = live.stripe_signing_secret
    with pytest.raises(InsecureSecret):
        live.require_safe_secrets()


@pytest.mark.parametrize("raw,value", [("1", True), ("true", True), ("0", False), ("", False)])
def test_sandbox_flag_reads_one_or_zero(raw, value):
    assert Settings.from_env({"SANDBOX": raw}).sandbox is value


def test_sandbox_flag_rejects_other_words():
    with pytest.raises(SettingsError, match="SANDBOX"):
        Settings.from_env({"SANDBOX": "maybe"})


async def test_a_client_that_stalls_mid_headers_is_disconnected(tmp_path):
    """Slow clients: a connection whose request headers never finish is closed after HTTP_IDLE_SECONDS."""
    import asyncio

    from bot.clock import SystemClock
    from referral_bot.service import start_web
    from store.db import Store
    from store.metrics import Metrics

    port = free_port()
    settings = Settings(admin_token=GOOD, port=port, http_idle_seconds=0.5)
    store = Store(f"sqlite:///{tmp_path}/slow.db")
    stop = await start_web(settings, store, SystemClock(), Metrics())
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and never the rest
        await writer.drain()
        started = time.monotonic()
        assert await asyncio.wait_for(reader.read(), timeout=5) == b""  # closed by the server, no answer
        assert time.monotonic() - started < 2
        writer.close()
    finally:
        await stop()
        await store.close()
