"""The container image as an operator runs it: built by scripts/build_image.sh (buildah, chroot isolation: these
machines have the Docker client but no daemon, and podman's runtime cannot set rlimits here), each process started
inside it against a fresh database on this machine's PostgreSQL.

Skipped, with the reason, where buildah or the image is missing or TEST_DATABASE_URL is unset. The build itself
downloads packages, so it is a separate step (`scripts/build_image.sh`), not part of the test."""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from scripts.source_digest import source_digest
from store.migrate import head_revisions
from tests.conftest import ROOT
from tests.peers.smtp_sink import free_port

IMAGE = os.environ.get("IMAGE", "localhost/referral-bot:latest")
SECRET = "k" * 32


def _why_not_runnable() -> str | None:
    if not shutil.which("buildah"):
        return "buildah is not installed (scripts/build_image.sh installs it and builds the image)"
    if os.geteuid() != 0:
        return "buildah's chroot isolation needs root here"
    if subprocess.run(["buildah", "inspect", "--type", "image", IMAGE], capture_output=True).returncode != 0:
        return f"the image {IMAGE} is not built: run scripts/build_image.sh"
    if image_label("org.referral-bot.source") != source_digest(ROOT):
        return f"the image {IMAGE} was built from another version of the source: run scripts/build_image.sh"
    if not os.environ.get("TEST_DATABASE_URL"):
        return "TEST_DATABASE_URL is not set: the image is run against PostgreSQL only"
    return None


def image_label(name: str) -> str:
    shown = subprocess.run(["buildah", "inspect", "--type", "image", "--format",
                            "{{index .Docker.Config.Labels \"" + name + "\"}}", IMAGE],
                           capture_output=True, text=True)
    return shown.stdout.strip()


pytestmark = pytest.mark.skipif(_why_not_runnable() is not None, reason=_why_not_runnable() or "")


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    """A database of its own: the image starts on an empty one, as a new deployment does."""
    server = os.environ["TEST_DATABASE_URL"]
    name = f"rb_image_{uuid.uuid4().hex[:8]}"
    run_on_server(server, f'CREATE DATABASE "{name}"')
    yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    run_on_server(server, f'DROP DATABASE "{name}" WITH (FORCE)')


def run_on_server(url: str, statement: str) -> None:
    """CREATE/DROP DATABASE cannot run inside a transaction: one plain asyncpg connection."""
    async def go() -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()
    asyncio.run(go())


@pytest.fixture(scope="module")
def container() -> Iterator[str]:
    name = subprocess.run(["buildah", "from", IMAGE], capture_output=True, text=True, check=True).stdout.strip()
    yield name
    subprocess.run(["buildah", "rm", name], capture_output=True)


def inside(container: str, database_url: str, *command: str, **env: str) -> list[str]:
    settings = {"DATABASE_URL": database_url, "SECRET_KEY": SECRET, "ADMIN_TOKEN": SECRET,
                "SHUTDOWN_SECONDS": "2", "HOST": "127.0.0.1", "SMTP_HOST": "127.0.0.1", **env}
    flags = [part for key, value in settings.items() for part in ("--env", f"{key}={value}")]
    return ["buildah", "run", "--isolation", "chroot", *flags, container, "--", *command]


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (chroot isolation shares this machine's process table)."""
    found = [int(child) for task in Path(f"/proc/{pid}/task").glob("*")
             for child in _read(task / "children").split()]  # a Go program forks from any of its threads
    return found + [grandchild for child in found for grandchild in descendants(child)]


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # the thread or process ended meanwhile
        return ""


def is_python_running(argv: list[str], command: str) -> bool:
    return len(argv) >= 3 and "python" in argv[0] and argv[1].endswith("/referral-bot") and argv[2] == command


def the_process_itself(runner: subprocess.Popen, command: str) -> int:
    """`buildah run` kills its child on SIGTERM instead of passing it on, so the test signals the process in the
    image directly, as a container runtime's `stop` does."""
    for _ in range(100):
        matches = [pid for pid in descendants(runner.pid)
                   if is_python_running(_read(Path(f"/proc/{pid}/cmdline")).split("\0"), command)]
        if matches:
            return matches[-1]
        time.sleep(0.1)
    raise AssertionError(f"no `referral-bot {command}` under buildah run")


def kill_all(runner: subprocess.Popen) -> None:
    """After a failure: the process in the image too, which killing `buildah run` alone leaves running."""
    for pid in descendants(runner.pid) if runner.poll() is None else []:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    runner.kill()
    runner.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until(ready, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("not ready in time")


def stop(runner: subprocess.Popen, command: str) -> float:
    began = time.monotonic()
    os.kill(the_process_itself(runner, command), signal.SIGTERM)
    _, err = runner.communicate(timeout=15)
    assert runner.returncode == 0, err
    assert "Traceback" not in err
    return time.monotonic() - began


def test_the_image_refuses_an_empty_database_then_migrates_and_serves(container, database_url):
    refused = subprocess.run(inside(container, database_url, "referral-bot", "web"), capture_output=True,
                             text=True, timeout=60)
    assert refused.returncode == 2
    assert "run `referral-bot migrate`" in refused.stderr

    migrated = subprocess.run(inside(container, database_url, "referral-bot", "migrate"), capture_output=True,
                              text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr

    port = free_port()
    web = subprocess.Popen(inside(container, database_url, "referral-bot", "web", PORT=str(port)),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: get(port, "/healthz")[0] == 200)
        status, body = get(port, "/readyz")
        assert status == 200, body
        assert stop(web, "web") < 10
    finally:
        kill_all(web)


@pytest.mark.parametrize("command", ["worker", "smtp"])
def test_the_other_processes_run_in_the_image_and_stop_on_sigterm(container, database_url, command):
    subprocess.run(inside(container, database_url, "referral-bot", "migrate"), check=True, capture_output=True,
                   timeout=120)
    smtp_port = free_port()
    runner = subprocess.Popen(inside(container, database_url, "referral-bot", command, SMTP_PORT=str(smtp_port)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        if command == "smtp":
            def greets() -> bool:
                with socket.create_connection(("127.0.0.1", smtp_port), timeout=2) as connection:
                    return connection.recv(100).startswith(b"220")
            wait_until(greets)
        else:
            wait_until(lambda: "worker started" in (runner.stdout.readline() if runner.stdout else ""))
        assert stop(runner, command) < 10
    finally:
        kill_all(runner)


def test_the_image_runs_as_a_user_and_carries_this_release(container, database_url):
    who = subprocess.run(inside(container, database_url, "id", "-u"), capture_output=True, text=True, check=True)
    assert who.stdout.strip() not in ("", "0")
    revision = subprocess.run(
        inside(container, database_url, "python", "-c", "from store.migrate import head_revisions as h; print(*h())"),
        capture_output=True, text=True, check=True)
    assert set(revision.stdout.split()) == set(head_revisions())
