"""Reconciliation with the providers: a webhook can be missed (our outage, theirs, a wrong URL), the providers
keep the truth. Each run repairs what it can through the SAME code the webhooks run, reports what it only sees,
and stores its report; running it twice repairs nothing twice (each repair is the webhook's idempotent path,
and a repaired row agrees with the provider the next time).

* Stripe: the invoices created in the window (auto-paging). Ours open but paid at Stripe: processed as the
  `invoice.paid` event would have been (the exclusive award included). Any other disagreement is reported.
* Twilio: texts and calls sent in the window, older than a day and still not final, are fetched by SID and
  their status recorded as the status callback would have (forward only; a 21610 opts the number out).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import structlog

from store import billing_events, payment_checks, reconciliations
from store.db import Store
from store.env import BotEnv, bot_env

log = structlog.get_logger("reconcile")
SETTLE_AFTER = timedelta(days=1)  # a delivery report may take this long; younger ones are left to the callback


@dataclass
class Findings:
    fixed: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)


class _Clock:
    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now


class _Deps:
    """What inbound.twilio.record_sms_status reads from the web app's deps: only the clock."""

    def __init__(self, now: datetime) -> None:
        self.clock = _Clock(now)


# -- Stripe -----------------------------------------------------------------------------------------------
async def stripe_invoices(client: Any, since: datetime) -> list[dict[str, Any]]:
    page = await client.v1.invoices.list_async({"created": {"gte": int(since.timestamp())}, "limit": 100})
    return [invoice.to_dict() async for invoice in page.auto_paging_iter()]


async def reconcile_stripe(client: Any, store: Store, env: BotEnv, *, since: datetime, now: datetime,
                           findings: Findings) -> None:
    at_stripe = await stripe_invoices(client, since)
    await store.run(lambda s: _apply_stripe(s, env, at_stripe, now, findings))


def _apply_stripe(session: Any, env: BotEnv, at_stripe: list[dict[str, Any]], now: datetime,
                  findings: Findings) -> None:
    ours = reconciliations.invoices_by_stripe_id(session, [str(i["id"]) for i in at_stripe])
    for obj in at_stripe:
        invoice = ours.get(str(obj["id"]))
        if invoice is None:  # not one we recorded (another system's, or from before our record)
            continue
        theirs, mine = str(obj.get("status")), invoice.status
        if mine in reconciliations.AGREES.get(theirs, {mine}):
            continue
        if theirs == "paid" and mine in ("open", "requested", "void", "payment_failed"):
            event = {"id": f"reconcile:{obj['id']}", "type": "invoice.paid", "data": {"object": obj}}
            outcome = billing_events.apply_event(session, env, event, now)
            if outcome == payment_checks.HELD:  # held once; the review item is the repair's end
                findings.reported.append(f"stripe invoice {obj['id']} (ours #{invoice.id}) paid at Stripe but "
                                         f"not as issued: held for review")
                continue
            findings.fixed.append(f"stripe invoice {obj['id']} (ours #{invoice.id}) paid at Stripe, "
                                  f"missed event processed: {outcome}")
        else:
            findings.reported.append(f"stripe invoice {obj['id']} (ours #{invoice.id}) is {theirs} at Stripe, "
                                     f"{mine} here")


# -- Twilio -----------------------------------------------------------------------------------------------
async def reconcile_twilio(client: Any, store: Store, env: BotEnv, *, since: datetime, now: datetime,
                           findings: Findings) -> None:
    unsettled = await store.run(lambda s: reconciliations.unsettled_deliveries(s, since=since,
                                                                               before=now - SETTLE_AFTER))
    for channel, sid in unsettled:
        try:
            resource = client.messages(sid) if channel == "sms" else client.calls(sid)
            fetched = await resource.fetch_async()
        except Exception as exc:
            findings.reported.append(f"twilio {channel} {sid}: cannot fetch ({type(exc).__name__})")
            continue
        status, code = str(fetched.status), getattr(fetched, "error_code", None)
        changed = await store.run(partial(_record_delivery, env=env, channel=channel, sid=sid, status=status, code=code,
                                           now=now))
        if changed:
            findings.fixed.append(f"twilio {channel} {sid}: status {status} recorded"
                                  + (f" (error {code})" if code else ""))


def _record_delivery(session: Any, env: BotEnv, channel: str, sid: str, status: str, code: Any,
                     now: datetime) -> bool:
    """The callback's own code path; True when the message's stored status moved."""
    from inbound.twilio import record_sms_status
    from inbound.voice import record_call_status
    from store import messages

    before = messages.find_by_provider_id(session, channel, sid)
    old = before.status if before else None
    if channel == "sms":
        form = {"MessageSid": sid, "MessageStatus": status, **({"ErrorCode": str(code)} if code else {})}
        record_sms_status(session, _Deps(now), env, form)  # type: ignore[arg-type]
    else:
        record_call_status(session, env, sid, status, now)
    after = messages.find_by_provider_id(session, channel, sid)
    return after is not None and after.status != old


# -- one run -----------------------------------------------------------------------------------------------
async def reconcile(store: Store, env: BotEnv, *, stripe_client: Any | None, twilio_client: Any | None,
                    since: datetime, now: datetime) -> dict[str, object]:
    """One run over both providers (a provider not configured is skipped and said so); returns the stored report."""
    findings = Findings()
    for name, client, step in (("stripe", stripe_client, reconcile_stripe), ("twilio", twilio_client,
                                                                              reconcile_twilio)):
        if client is None:
            continue
        try:
            await step(client, store, env, since=since, now=now, findings=findings)
        except Exception as exc:
            log.warning("reconcile step failed", provider=name, error=type(exc).__name__)
            findings.reported.append(f"{name}: could not reconcile ({type(exc).__name__}: {exc})")
    run = await store.run(lambda s: reconciliations.run_json(reconciliations.record_run(
        s, ran_at=now, since=since, fixed=findings.fixed, reported=findings.reported)))
    log.info("reconciled", since=since.isoformat(), fixed=run["fixed"], reported=run["reported"],
             lines=run["lines"])
    return run


# -- wiring ------------------------------------------------------------------------------------------------
async def reconcile_live(settings: Any, store: Store, *, since: datetime, now: datetime) -> dict[str, object]:
    """A run with the providers that are live in `settings` (a sandboxed channel has nothing to reconcile)."""
    stripe_client = twilio_client = None
    if not settings.stripe_sandboxed:
        from outbound.stripe_billing import make_stripe_client
        stripe_client = make_stripe_client(settings.stripe_api_key, settings.stripe_api_base or None)
    if not settings.sms_sandboxed:
        from outbound.twilio_client import make_twilio_client
        twilio_client = make_twilio_client(settings.twilio_account_sid, settings.twilio_auth_token,
                                           settings.twilio_api_base or None)
    try:
        return await reconcile(store, bot_env(settings), stripe_client=stripe_client, twilio_client=twilio_client,
                               since=since, now=now)
    finally:
        if stripe_client is not None:
            from outbound.stripe_billing import close_stripe_client
            await close_stripe_client(stripe_client)
        if twilio_client is not None:
            from outbound.twilio_client import close_twilio_client
            await close_twilio_client(twilio_client)


def parse_window(raw: str) -> timedelta:
    """`48h`, `2d`, `90m`: how far back a run looks."""
    units = {"m": "minutes", "h": "hours", "d": "days"}
    number, unit = raw[:-1], raw[-1:].lower()
    if unit not in units or not number.isdigit() or int(number) == 0:
        raise ValueError(f"--since {raw!r} is not a window like 48h, 2d or 90m")
    return timedelta(**{units[unit]: int(number)})
