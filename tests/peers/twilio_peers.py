"""Session-scoped Twilio peers for tests: Prism serving Twilio's published spec, and our scripted fake.

- `prism_twilio`: the base URL (host only) of Prism mocking Twilio's published spec, pruned to the operations we
  call (`specs/twilio_api_v2010.pruned.json`, made by `scripts/prune_specs.py`).
  Prism validates each request body against the spec (422 when it does not match, with the reason only in
  Prism's log: see `PeerUrl.log_path` / `prism_log`) and answers 201 with a generated resource. The spec is
  served with one patch for a Prism bug with repeated form keys (see `prism_compatible_spec`).
- `fake_twilio`: a `FakeTwilio` (see `fake_twilio.py`) for Twilio error codes and flaky 5xx answers. It is shared
  by the whole session: call `fake_twilio.reset()` first in a test that counts requests or tries.
- `twilio_signature`: the `X-Twilio-Signature` Twilio would send, for webhook tests.

Install Prism with `bash scripts/install_test_peers.sh`; the fixtures fail, not skip, without it.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from twilio.request_validator import RequestValidator

from tests.peers.fake_twilio import FakeTwilio, start_fake_twilio

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SPECS_DIR = Path(__file__).resolve().parent / "specs"
TWILIO_SPEC = SPECS_DIR / "twilio_api_v2010.pruned.json"
PRISM_BIN = PROJECT_ROOT / ".peers/node_modules/.bin/prism"
PRISM_START_TIMEOUT = 60.0

# A syntactically valid AccountSid: Prism rejects anything not matching ^AC[0-9a-f]{32}$.
TEST_ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
TEST_AUTH_TOKEN = "test-auth-token-0123456789abcdef"


class PeerUrl(str):
    """A peer's base URL that also knows where the peer's log is."""

    log_path: Path

    def __new__(cls, url: str, log_path: Path) -> PeerUrl:
        peer = super().__new__(cls, url)
        peer.log_path = log_path
        return peer


def prism_log(peer: PeerUrl) -> str:
    """Prism's log so far: the only place that says why a request got 422."""
    return peer.log_path.read_text(errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """The X-Twilio-Signature for a POST of `params` to `url` (exactly the URL the server rebuilds)."""
    return RequestValidator(auth_token).compute_signature(url, dict(params))


def _require_prism() -> None:
    if not PRISM_BIN.exists():
        pytest.fail(f"Prism is not installed at {PRISM_BIN}: run `bash scripts/install_test_peers.sh`",
                    pytrace=False)
    if not TWILIO_SPEC.exists():
        pytest.fail(f"Twilio's spec is missing at {TWILIO_SPEC}: run `scripts/prune_specs.py`", pytrace=False)


def prism_compatible_spec(spec: Path, out: Path) -> Path:
    """Write `spec` to `out` with every form-body array also accepting a single item; return `out`.

    Twilio (and its SDK) send a list as repeated keys (`StatusCallbackEvent=initiated&StatusCallbackEvent=
    ringing`), which is OpenAPI's default form encoding. Prism 5 keeps only the last repeated key and then
    rejects the string with 422 "must be array" (stoplightio/prism#2473, fix pending in #2654); it only
    understands `Key[]=` bracket keys, which Twilio does not. So a lone item is allowed too: item values are
    still validated, and our production requests stay exactly what Twilio expects.
    """
    document = json.loads(spec.read_text())
    for operation in _operations(document):
        form = operation.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
        properties = (form or {}).get("schema", {}).get("properties", {})
        for name, schema in properties.items():
            if schema.get("type") == "array" and "items" in schema:
                properties[name] = {"anyOf": [schema, schema["items"]]}
    out.write_text(json.dumps(document))
    return out


def _operations(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for path_item in document.get("paths", {}).values():
        yield from (op for op in path_item.values() if isinstance(op, dict))


def _wait_until_serving(proc: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    """Poll until Prism answers anything over HTTP (it loads the spec first)."""
    deadline = time.monotonic() + PRISM_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"Prism exited with {proc.returncode}:\n{log_path.read_text()}", pytrace=False)
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return   # an HTTP error answer (404 for "/") still means it is serving
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"Prism did not answer within {PRISM_START_TIMEOUT:.0f} s:\n{log_path.read_text()}",
                pytrace=False)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    # The prism launcher is node running a child; kill the whole process group it leads.
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=wait)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def prism_twilio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PeerUrl]:
    """Prism mocking Twilio's 2010-04-01 API on a free loopback port; yields its base URL."""
    _require_prism()
    port = free_port()
    workdir = tmp_path_factory.mktemp("prism-twilio")
    spec = prism_compatible_spec(TWILIO_SPEC, workdir / "twilio_api_v2010.prism.json")
    log_path = workdir / "prism.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(PRISM_BIN), "mock", "-h", "127.0.0.1", "-p", str(port), str(spec)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(proc, url + "/", log_path)
        yield PeerUrl(url, log_path)
    finally:
        _stop(proc)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def fake_twilio() -> AsyncIterator[FakeTwilio]:
    """The scripted Twilio fake on a free loopback port; `fake_twilio.base_url` is its host-only base."""
    fake, runner = await start_fake_twilio()
    try:
        yield fake
    finally:
        await runner.cleanup()
