"""An offer as the agent receives it: the text with its claim link, or the email (subject and body).

Its own module because both publishing paths send it: store/dispatch.py (who holds a referral, and when) and
store/conversation.py (an undelivered offer text sent again by email).
"""
from __future__ import annotations

from bot import replies
from bot.messages import Channel, Outgoing
from bot.model import AgentView, OfferView
from store.env import BotEnv
from store.links import claim_link


def offer_message(agent: AgentView, offer: OfferView, channel: Channel, env: BotEnv) -> Outgoing:
    link = claim_link(env, offer.id, offer.expires_at)
    if channel is Channel.SMS:
        return Outgoing(Channel.SMS, agent.phone, replies.offer_text(offer, link), f"offer:{offer.id}:sms",
                        agent_id=agent.id, referral_id=offer.referral.id, kind="offer")
    subject, body = replies.offer_email(agent, offer, link, env.config)
    return Outgoing(Channel.EMAIL, agent.email, body, f"offer:{offer.id}:email", subject=subject,
                    agent_id=agent.id, referral_id=offer.referral.id, kind="offer")
