"""One pipeline (store/pipeline.py): every entry point hands what arrived to `pipeline.handle`, and nothing else
builds a handler's context or dispatches to the handlers. Payments and signed agreements are routed events."""
from __future__ import annotations

import ast
from pathlib import Path

from bot import events
from bot.handlers import ROUTER
from bot.handlers.billing import payment_received
from bot.handlers.exchange import agreement_signed

ROOT = Path(__file__).resolve().parent.parent
APPLICATION = ("bot", "store", "inbound", "outbound", "referral_bot", "benchmarks")
# every door through which an agent's message or an event reaches the handlers
ENTRY_POINTS = ("inbound/twilio.py", "inbound/voice.py", "inbound/pages.py", "inbound/exchange/pages.py",
                "inbound/exchange/api.py", "store/inbound_email.py", "store/billing_events.py")
BUILDS_OR_DISPATCHES = {"build_context", "build_ports", "dispatch"}


def calls(path: Path) -> set[tuple[str, str]]:
    """(object, attribute) or ("", name) of every call in `path`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                found.add((func.value.id, func.attr))
            elif isinstance(func, ast.Name):
                found.add(("", func.id))
    return found


def modules() -> list[Path]:
    return [path for package in APPLICATION for path in (ROOT / package).rglob("*.py")]


def test_every_entry_point_goes_through_the_pipeline():
    missing = [door for door in ENTRY_POINTS if not ({("pipeline", "handle"), ("", "handle")} & calls(ROOT / door))]
    assert not missing, missing


def test_nothing_but_the_pipeline_builds_a_context_or_dispatches_to_the_handlers():
    def offends(path: Path) -> bool:
        found = calls(path)
        return bool({("handlers", "dispatch"), ("", "build_context"), ("", "build_ports")} & found) or any(
            attr in ("build_context", "build_ports") for _, attr in found)
    offenders = {str(path.relative_to(ROOT)) for path in modules() if offends(path)}
    assert offenders == {"store/pipeline.py", "store/ports/__init__.py"}, offenders  # (build_context's own body)


def test_the_old_ways_in_are_gone():
    names = {"handle_inbound", "act_on", "text_transaction", "sms_transaction", "StorePorts"}
    defined = {(str(path.relative_to(ROOT)), node.name) for path in modules()
               for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, (ast.FunctionDef, ast.ClassDef))
               and node.name in names}
    assert not defined, defined


def test_payments_and_agreements_are_routed_events():
    assert ROUTER.handlers[events.PaymentReceived] is payment_received
    assert ROUTER.handlers[events.AgreementSigned] is agreement_signed
