"""Session-scoped Stripe peers for tests: our stateful fake behind Prism, and localstripe.

- `fake_stripe`: `FakeStripe` (see `fake_stripe.py`) served on the session's event loop, behind
  `prism proxy --errors` with Stripe's published spec (`specs/stripe_spec3.invoicing.json`, pruned and patched
  for the SDK's API version by `spec_for_sdk_version`). Prism checks every request the SDK sends AND every
  answer the fake gives; a mismatch comes back as 422 (request) or 500 (answer) with Prism's report as the
  body, which the sender's error message carries (and `prism_log(fake_stripe)` has Prism's log). Yields a
  `FakeStripePeer`: the Prism base URL (host only, what `make_stripe_client` takes) with `.fake` (the state:
  objects, recorded requests, scripted faults, webhooks) and `.direct_url` (the fake without Prism).
- `localstripe`: `python tests/peers/run_localstripe.py PORT` (PyPI localstripe, in the venv) for
  customers, payment methods, payment intents, subscriptions and refunds. Yields its base URL (a `PeerUrl`).
  localstripe pickles its store to /tmp/localstripe.pickle after every write (not configurable); it never
  reads it back when started this way, so parallel sessions do not see each other's objects.

Both are shared by the session: assert on what a test created (ids, deltas), or call `fake.reset()` first.
Install Prism with `bash scripts/install_test_peers.sh`; the fixtures fail, not skip, without it.
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import stripe

from tests.peers.fake_stripe import FakeStripe, start_fake_stripe
from tests.peers.twilio_peers import PRISM_BIN, SPECS_DIR, PeerUrl, free_port, prism_log

INVOICING_SPEC = SPECS_DIR / "stripe_spec3.invoicing.json"
RUN_LOCALSTRIPE = Path(__file__).resolve().parent / "run_localstripe.py"
START_TIMEOUT = 60.0
TEST_API_KEY = "sk_test_referralbot0123456789"

__all__ = ["TEST_API_KEY", "FakeStripePeer", "fake_stripe", "localstripe", "prism_log", "spec_for_sdk_version"]

# Fields Stripe's 2020-08-27 spec requires that the SDK's version (2026-10-28) no longer returns: the 2025-03-31
# ("basil") release moved invoice payments to `payments` and line item details under `parent`.
REMOVED_SINCE_SPEC = {"invoice": {"paid", "paid_out_of_band", "total_tax_amounts"},
                      "line_item": {"proration", "type"}}
# `invoice.payments` (2025-03-31 and later), written from stripe-python 16's InvoicePayment, so Prism also
# checks the part of the fake's answer that the refund path reads.
INVOICE_PAYMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["amount_requested", "created", "currency", "id", "invoice", "is_default", "livemode",
                 "object", "payment", "status", "status_transitions"],
    "properties": {
        "id": {"type": "string"}, "object": {"type": "string", "enum": ["invoice_payment"]},
        "amount_paid": {"type": "integer", "nullable": True}, "amount_requested": {"type": "integer"},
        "created": {"type": "integer"}, "currency": {"type": "string"}, "invoice": {"type": "string"},
        "is_default": {"type": "boolean"}, "livemode": {"type": "boolean"},
        "status": {"type": "string", "enum": ["canceled", "open", "paid"]},
        "payment": {"type": "object", "required": ["type"], "properties": {
            "type": {"type": "string", "enum": ["charge", "payment_intent", "payment_record"]},
            "payment_intent": {"type": "string"}, "charge": {"type": "string"}}},
        "status_transitions": {"type": "object", "properties": {
            "canceled_at": {"type": "integer", "nullable": True}, "paid_at": {"type": "integer", "nullable": True}}},
    },
}

# Object-valued fields the fake never sends whose schemas are most of the spec (an error body's `payment_intent`,
# `source`...: 188 of the 220 schemas an invoice reaches). Described as "any object or null", so Prism compiles
# each operation's validators in milliseconds instead of seconds; everything the fake does send is still checked.
OPAQUE_FIELDS = {"api_errors": ("bank_account", "card", "payment_intent", "payment_method", "setup_intent", "source"),
                 "customer": ("sources", "subscriptions")}


class FakeStripePeer(PeerUrl):
    """Prism's base URL in front of the fake, with the fake's state and its own URL."""

    fake: FakeStripe
    direct_url: str


def spec_for_sdk_version(spec: Path, out: Path) -> Path:
    """Write `spec` to `out` relaxed for the API version the SDK speaks; return `out`.

    The spec predates the SDK's pinned version, so it still requires fields that version removed; Prism would
    reject a faithful answer. We drop exactly those from `required` (types of fields still sent are checked),
    describe `invoice.payments`, which the spec does not know, and make `OPAQUE_FIELDS` plain objects.
    """
    document = json.loads(spec.read_text())
    schemas = document["components"]["schemas"]
    for name, removed in REMOVED_SINCE_SPEC.items():
        schemas[name]["required"] = [f for f in schemas[name].get("required", []) if f not in removed]
    for name, opaque in OPAQUE_FIELDS.items():
        schemas[name]["properties"].update({f: {"type": "object", "nullable": True} for f in opaque})
    schemas["invoice_payment"] = INVOICE_PAYMENT_SCHEMA
    schemas["invoice"]["properties"]["payments"] = {
        "type": "object", "nullable": True, "required": ["data", "has_more", "object", "url"],
        "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/invoice_payment"}},
                       "has_more": {"type": "boolean"}, "object": {"type": "string", "enum": ["list"]},
                       "url": {"type": "string"}}}
    _drop_unreachable(document)
    out.write_text(json.dumps(document))
    return out


def _drop_unreachable(document: dict[str, Any]) -> None:
    """Remove component schemas no path reaches any more (a smaller spec also loads faster in Prism)."""
    schemas = document["components"]["schemas"]
    seen: set[str] = set()
    todo: list[Any] = [document["paths"]]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in seen:
                    seen.add(name)
                    todo.append(schemas[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    document["components"]["schemas"] = {n: s for n, s in schemas.items() if n in seen}


def _require(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} is missing at {path}", pytrace=False)


def _start(cmd: list[str], log_path: Path, cwd: Path) -> subprocess.Popen[bytes]:
    with log_path.open("wb") as log:
        return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=cwd,
                                start_new_session=True)   # its own process group, so _stop reaches children


async def _wait_listening(proc: subprocess.Popen[bytes], name: str, port: int, log_path: Path) -> None:
    """Poll until the peer accepts TCP connections (Prism listens only once the spec is loaded)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{name} exited with {proc.returncode}:\n{log_path.read_text()}", pytrace=False)
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        await writer.wait_closed()
        return
    pytest.fail(f"{name} did not listen within {START_TIMEOUT:.0f} s:\n{log_path.read_text()}", pytrace=False)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    # The prism launcher is node running a child; signal the whole process group it leads.
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=5)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def fake_stripe(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FakeStripePeer]:
    """The stateful fake on a free port, behind `prism proxy --errors`; yields Prism's base URL and the fake."""
    _require(PRISM_BIN, "Prism (run `bash scripts/install_test_peers.sh`)")
    _require(INVOICING_SPEC, "Stripe's pruned spec (run `scripts/prune_specs.py`)")
    # Without a Stripe-Version header (or for events) the fake answers in the version the SDK pins.
    fake, runner = await start_fake_stripe(api_version=stripe.api_version)
    workdir = tmp_path_factory.mktemp("prism-stripe")
    spec = spec_for_sdk_version(INVOICING_SPEC, workdir / "spec3.invoicing.sdk.json")
    port, log_path = free_port(), workdir / "prism.log"
    proc = _start([str(PRISM_BIN), "proxy", "--errors", "-h", "127.0.0.1", "-p", str(port), str(spec),
                   fake.base_url], log_path, workdir)
    try:
        await _wait_listening(proc, "Prism (stripe proxy)", port, log_path)
        peer = FakeStripePeer(f"http://127.0.0.1:{port}", log_path)
        peer.fake, peer.direct_url = fake, fake.base_url
        yield peer
    finally:
        _stop(proc)
        await fake.wait_for_deliveries()
        await runner.cleanup()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def localstripe(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[PeerUrl]:
    """localstripe on a free loopback port, with an empty store; yields its base URL."""
    _require(RUN_LOCALSTRIPE, "tests/peers/run_localstripe.py")
    workdir = tmp_path_factory.mktemp("localstripe")
    port, log_path = free_port(), workdir / "localstripe.log"
    proc = _start([sys.executable, str(RUN_LOCALSTRIPE), str(port)], log_path, workdir)
    try:
        await _wait_listening(proc, "localstripe", port, log_path)
        yield PeerUrl(f"http://127.0.0.1:{port}", log_path)
    finally:
        _stop(proc)
