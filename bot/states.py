"""The states a stored row can be in, as enums. They are StrEnums whose values are the strings already in the
database, so a row reads back equal to its member (`OfferStatus("won") is OfferStatus.WON`) and nothing was
migrated.

Where the other states live: a referral's in `bot.lifecycle.Status` (with its transition table), an invoice's
in `bot.invoices.InvoiceStatus`, a client check's in `bot.clientside.CheckStatus`.
"""
from __future__ import annotations

from enum import StrEnum


class OfferStatus(StrEnum):
    """One agent's offer of one referral."""

    OPEN = "open"                  # waiting for the agent's answer
    INTERESTED = "interested"      # agent-to-agent: the receiver said YES; the sender decides
    SELECTED = "selected"          # agent-to-agent: the sender picked this receiver; the fee is not agreed yet
    WON = "won"                    # this agent has the referral
    LOST = "lost"                  # someone else claimed or bought it
    NOT_SELECTED = "not_selected"  # agent-to-agent: the sender awarded another receiver
    DECLINED = "declined"          # the agent said NO
    EXPIRED = "expired"            # its days ran out
    CANCELLED = "cancelled"        # the operator withdrew the referral



class ReferralMode(StrEnum):
    """How a referral is handed out."""

    FIRST_COME = "first_come"  # the first YES (text, link or keypress) wins
    CALL_FIRST = "call_first"  # claimed by pressing 1 on a call we place
    PAID = "paid"              # bought: YES asks for an invoice, the first payment wins
    PRIVATE = "private"        # agent-to-agent, to receivers the sender chose
    NETWORK = "network"        # agent-to-agent, to the sender's network within a radius
    OPEN = "open"              # agent-to-agent, to everyone covering the area


EXCHANGE_MODES = (ReferralMode.PRIVATE, ReferralMode.NETWORK, ReferralMode.OPEN)


class OutboxStatus(StrEnum):
    """A queued job's life (store/outbox.py): taken under a lease, finished once."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DEAD = "dead"  # out of attempts, or refused for good: the operator sees it


class MessageStatus(StrEnum):
    """A message-log row's delivery status: ours while queued, then the provider's words (Twilio's hyphens kept).
    Providers report out of order; store/messages.py only ever moves a status forward."""

    RECEIVED = "received"      # an inbound message
    QUEUED = "queued"
    HELD = "held"              # queued, waiting for the recipient's daytime
    ACCEPTED = "accepted"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    RETRYING = "retrying"
    SANDBOXED = "sandboxed"    # a sandboxed channel: shown on /sandbox, never sent
    SENT = "sent"
    RINGING = "ringing"
    IN_PROGRESS = "in-progress"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    READ = "read"
    COMPLETED = "completed"
    BUSY = "busy"
    NO_ANSWER = "no-answer"
    CANCELED = "canceled"
