"""The outbox, review, links and calls ports: what leaves, what the operator sees, signed links, calls. Every write
another transaction could also make first tells the text group (`shared_write`)."""
from __future__ import annotations

from datetime import datetime

from bot.messages import Outgoing
from bot.model import OfferView
from store import calls, sending
from store.links import call_answer_url, claim_link, connect_call_url
from store.ports.tx import Tx
from store.review import review_row


class OutboxAdapter:
    """bot.ports.OutboxPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def send(self, message: Outgoing) -> None:
        self.tx.group.shared_write(keeps_reads=True)  # a queued message changes nothing the group read
        sending.send(self.tx.session, self.tx.env, message, now=self.tx.now)


class ReviewAdapter:
    """bot.ports.ReviewPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def flag(self, reason: str) -> None:
        tx = self.tx
        tx.group.review(review_row(message_id=tx.message_id, agent_id=tx.agent.id if tx.agent else None,
                                   channel=str(tx.channel), sender=tx.sender, body=tx.body, reason=reason, now=tx.now))


class LinksAdapter:
    """bot.ports.LinksPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def claim_link(self, offer: OfferView) -> str:
        return claim_link(self.tx.env, offer.id, offer.expires_at)

    def call_answer_url(self, offer: OfferView) -> str:
        return call_answer_url(self.tx.env, offer.id, offer.expires_at)

    def connect_call_url(self, offer: OfferView) -> str:
        return connect_call_url(self.tx.env, offer.id, offer.expires_at)


class CallsAdapter:
    """bot.ports.CallsPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def call_in_progress(self, agent_id: int, now: datetime) -> bool:
        return calls.call_in_progress(self.tx.session, agent_id, now=now)
