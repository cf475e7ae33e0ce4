"""The one place that turns settings into adapters: store, senders, web app, worker, scheduler."""
from __future__ import annotations

from typing import Any

import structlog

from bot.clock import Clock
from outbound.sandbox import SandboxSender, SandboxStripeSender
from outbound.senders import Sender
from outbound.worker import Worker
from store.db import Store
from store.metrics import Metrics
from store.pacing import SenderPool
from store.settings import Settings
from store.wakeup import Wakeup

log = structlog.get_logger("wiring")


def build_senders(settings: Settings, clock: Clock | None = None) -> dict[str, Sender]:
    """Real senders where credentials are set, sandbox senders elsewhere (each channel on its own)."""
    senders: dict[str, Sender] = {name: SandboxSender(name) for name in ("sms", "voice", "email")}
    senders["stripe"] = SandboxStripeSender(settings.public_base_url, settings.secret_key, clock)
    if not settings.sms_sandboxed:
        senders.update(_twilio_senders(settings))
    if not settings.email_sandboxed:
        from outbound.smtp_out import SmtpEmailSender, parse_smtp_url

        senders["email"] = SmtpEmailSender(parse_smtp_url(settings.smtp_url), timeout=30.0,
                                           default_from=settings.email_from)
    if not settings.stripe_sandboxed:
        from outbound.stripe_billing import StripeSender, make_stripe_client

        senders["stripe"] = StripeSender(make_stripe_client(settings.stripe_api_key, settings.stripe_api_base or None))
    return senders


def _twilio_senders(settings: Settings) -> dict[str, Any]:
    from outbound.twilio_client import make_twilio_client
    from outbound.twilio_sms import TwilioSmsSender
    from outbound.twilio_voice import TwilioVoiceSender

    client = make_twilio_client(settings.twilio_account_sid, settings.twilio_auth_token,
                                settings.twilio_api_base or None)
    return {
        "sms": TwilioSmsSender(client, from_number=next(iter(settings.sender_numbers), ""),
                               messaging_service_sid=settings.twilio_messaging_service_sid or None,
                               status_callback=settings.public_url("/twilio/sms/status")),
        "voice": TwilioVoiceSender(client, from_number=settings.twilio_caller_id,
                                   status_callback=settings.public_url("/twilio/voice/status")),
    }


def sender_pool(settings: Settings) -> SenderPool | None:
    """Texts paced per number when Twilio is live and no Messaging Service queues them (store/pacing.py). A
    worker waits in memory for slots up to a quarter of its lease, never long enough to lose the lease."""
    if settings.sms_sandboxed or settings.twilio_messaging_service_sid:
        return None
    return SenderPool(settings.sender_numbers, settings.twilio_mps,
                      horizon_seconds=settings.outbox_lease_seconds / 4)


def build_worker(settings: Settings, store: Store, clock: Clock, metrics: Metrics) -> Worker:
    from store.billing_events import on_sent_hooks
    from store.env import bot_env

    return Worker(store, build_senders(settings, clock), clock=clock, batch_size=settings.worker_batch_size,
                  concurrency=settings.worker_concurrency, lease_seconds=settings.outbox_lease_seconds,
                  poll_seconds=settings.worker_poll_seconds, metrics=metrics,
                  on_sent=on_sent_hooks(bot_env(settings)), wakeup=Wakeup(store), pool=sender_pool(settings))


def log_channels(settings: Settings) -> None:
    sandboxed = settings.sandboxed_channels
    if sandboxed:
        log.warning("sandbox mode: these channels are recorded and shown, not sent", channels=sandboxed)
    else:
        log.info("all channels live")
