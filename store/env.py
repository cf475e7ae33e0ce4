"""What the store's side of the bot needs from the settings (built once per process by the wiring)."""
from __future__ import annotations

from dataclasses import dataclass

from bot.dispatch import BROADCAST, Dispatch
from bot.model import BotConfig


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
