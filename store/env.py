"""What the store's side of the bot needs from the settings (built once per process by the wiring)."""
from __future__ import annotations

from dataclasses import dataclass

from bot.dispatch import BROADCAST, Dispatch
from bot.model import BotConfig
from store.settings import Settings


@dataclass(frozen=True, slots=True)
class BotEnv:
    """What the pipeline needs from the settings."""

    config: BotConfig
    secret_key: str
    public_base_url: str
    max_attempts: int = 8
    inbound_email_domain: str = "in.referral-bot.test"
    email_from: str = "Referral Network <referrals@referral-bot.test>"
    invoice_days_until_due: int = 7
    dispatch_default: Dispatch = BROADCAST  # the network's policy for referrals that name none


def bot_env(settings: Settings) -> BotEnv:
    """The BotEnv of these settings: what every process (web, SMTP, worker, jobs) hands the store."""
    config = BotConfig(program_name=settings.program_name, support_contact=settings.support_contact,
                       offer_ttl_days=settings.offer_ttl_days, reminder_days=settings.reminder_days,
                       report_overdue_days=settings.report_overdue_days,
                       suspend_grace_days=settings.suspend_grace_days)
    return BotEnv(config=config, secret_key=settings.secret_key, public_base_url=settings.public_base_url,
                  max_attempts=settings.outbox_max_attempts, inbound_email_domain=settings.inbound_email_domain,
                  email_from=settings.email_from, invoice_days_until_due=settings.invoice_days_until_due,
                  dispatch_default=settings.dispatch_policy)
