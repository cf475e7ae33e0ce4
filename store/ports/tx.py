"""What the store's port adapters share: one transaction and the message being handled."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.messages import Channel
from bot.model import AgentView
from store.env import BotEnv
from store.textgroup import TextGroup, direct_group


@dataclass
class Tx:
    """One transaction as the adapters see it. `group` is the text group it runs in (direct unless the SMS
    webhook's runner handed it a grouped one); `referral_id` is the referral the message resolved to (`about`)."""

    session: Session
    env: BotEnv
    now: datetime
    group: TextGroup
    agent: AgentView | None = None
    channel: Channel = Channel.SMS
    message_id: int | None = None
    sender: str = ""
    body: str = ""
    referral_id: int | None = None


def transaction(session: Session, env: BotEnv, now: datetime, *, group: TextGroup | None = None,
                agent: AgentView | None = None, channel: Channel = Channel.SMS, message_id: int | None = None,
                sender: str = "", body: str = "") -> Tx:
    """A `Tx` in the direct text group unless one is given."""
    return Tx(session, env, now, group if group is not None else direct_group(session), agent, channel, message_id,
              sender, body)
