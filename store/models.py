"""SQLAlchemy 2 typed models: the whole schema in one place (migrations are generated from it).

The client's contact details live in their own table (`referral_contacts`), apart from the offerable
summary, so that no query that builds an offer can reach them by accident.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base
from store.base import UTCDateTime as UTCDateTime  # the migrations name it store.models.UTCDateTime


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="America/Chicago")
    client_types: Mapped[list[str]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | paused | suspended
    paused_from: Mapped[date | None]
    paused_until: Mapped[date | None]
    suspended_reason: Mapped[str | None] = mapped_column(String(200))
    sms_opted_out_at: Mapped[datetime | None]
    sms_opt_out_source: Mapped[str | None] = mapped_column(String(32))
    pricing: Mapped[dict[str, Any]] = mapped_column(default=dict)
    stripe_customer_id: Mapped[str | None] = mapped_column(String(64))
    billing_cycles_billed: Mapped[int] = mapped_column(Integer, default=0)  # pay-per-lead 30-day cycles
    language: Mapped[str] = mapped_column(String(2), default="en", server_default="en")  # en | es: our replies
    max_per_week: Mapped[int | None] = mapped_column(Integer)  # referrals won in 7 days before offers stop
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class AgentZipCode(Base):
    """Coverage: one row per (agent, zip) so matching is an indexed lookup."""

    __tablename__ = "agent_zip_codes"

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    zip_code: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)


class Referral(Base):
    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_status_id", "status", "id"), Index("ix_referrals_zip_id", "zip_code", "id"),
                      Index("ix_referrals_winner", "winner_agent_id"))  # the console's board (migration board01)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    mode: Mapped[str] = mapped_column(String(16), default="first_come")
    status: Mapped[str] = mapped_column(String(24), default="new")  # see bot.lifecycle.Status
    zip_code: Mapped[str] = mapped_column(String(10))
    client_type: Mapped[str] = mapped_column(String(16))
    price_min: Mapped[int | None] = mapped_column(BigInteger)
    price_max: Mapped[int | None] = mapped_column(BigInteger)
    timeline: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    price_cents: Mapped[int | None] = mapped_column(BigInteger)
    winner_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    awarded_at: Mapped[datetime | None]
    sale_amount: Mapped[int | None] = mapped_column(BigInteger)
    lost_reason: Mapped[str | None] = mapped_column(String(200))
    invalid: Mapped[bool] = mapped_column(default=False)
    last_update_at: Mapped[datetime | None]  # the winner's last report
    last_reminded_at: Mapped[datetime | None]
    overdue_warned_at: Mapped[datetime | None]
    # agent-to-agent referrals (modes private, network, open)
    sender_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    fee_percent: Mapped[float | None]
    radius_miles: Mapped[int | None] = mapped_column(Integer)
    selected_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    draft_receiver_ids: Mapped[list[int] | None] = mapped_column(JSON)  # a draft's chosen receivers, until sent
    first_contact_at: Mapped[datetime | None]  # live connect: the client answered the bridge (speed to lead)
    # dispatch (store/dispatch.py): the policy, the ranked agents and the escalation steps done; when next due
    dispatch: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    dispatch_next_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ReferralContact(Base):
    """The client's contact details. Read only to build the winner's contact email."""

    __tablename__ = "referral_contacts"

    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(320))
    # The client's consent to be texted by us (a record: when and how it was given); without it, no texts.
    sms_consent_at: Mapped[datetime | None]
    sms_consent_how: Mapped[str | None] = mapped_column(String(200))
    sms_opted_out: Mapped[bool] = mapped_column(default=False)


class ClientCheck(Base):
    """The one text asking the client whether the winner reached them, and the client's answer."""

    __tablename__ = "client_checks"

    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # bot.clientside.CheckStatus
    asked_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]


class Offer(Base):
    __tablename__ = "offers"
    __table_args__ = (
        UniqueConstraint("referral_id", "agent_id"),
        # At most one winning offer per referral, whatever the application does.
        Index("uq_offers_one_winner", "referral_id", unique=True,
              postgresql_where=text("status = 'won'"), sqlite_where=text("status = 'won'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    # open won lost declined expired; exchanges: interested selected not_selected
    status: Mapped[str] = mapped_column(String(16), default="open")
    channel: Mapped[str] = mapped_column(String(8))
    notified_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    responded_at: Mapped[datetime | None]
    rank: Mapped[int | None] = mapped_column(Integer)  # position in the sender's list of interested agents
    miles: Mapped[float | None]
    score: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the ranking's parts (bot/dispatch.py ScoreParts)
    handed_off_at: Mapped[datetime | None]  # the offer's message accepted by its provider: answer times count from it


class SenderSlot(Base):
    """A sender number's next free moment: texts from it are paced at TWILIO_MPS across every worker."""

    __tablename__ = "sender_slots"

    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_at: Mapped[datetime]


class Message(Base):
    """The message log: every inbound and outbound message, with its delivery status."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_provider", "channel", "provider_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(8))  # in | out
    channel: Mapped[str] = mapped_column(String(8))
    to_addr: Mapped[str] = mapped_column(String(320))
    from_addr: Mapped[str | None] = mapped_column(String(320))
    reply_to: Mapped[str | None] = mapped_column(String(400))
    subject: Mapped[str | None] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(32))
    provider_id: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class WebhookReceipt(Base):
    """Dedupe keys of everything that arrived (MessageSid, CallSid+step, Stripe event id, Message-ID)."""

    __tablename__ = "webhook_receipts"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime]
    reply: Mapped[str | None] = mapped_column(Text)  # what the webhook was answered: a retry gets it again


class HistoryNote(Base):
    __tablename__ = "history_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class ReviewItem(Base):
    """A message the bot did not understand, for the operator to read."""

    __tablename__ = "review_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    channel: Mapped[str] = mapped_column(String(8))
    sender: Mapped[str] = mapped_column(String(320))
    body: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime]
    # How an operator resolved it (store/review.py): acted for the agent, replied or dismissed; by whom, when,
    # with what note; `label` is the intent the message meant (the parser corpus's columns), `referral_id`
    # the referral it turned out to be about.
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_by: Mapped[str | None] = mapped_column(String(320))
    resolved_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)
    label: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_review_items_status_id", "status", "id"),)


class PendingQuestion(Base):
    """The one question the bot asked an agent and waits on ("Claim #4821? Reply YES to confirm."): the
    intent a YES will carry out, until it expires. Any other reply clears it. One per agent."""

    __tablename__ = "pending_questions"

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    intent: Mapped[dict[str, Any]]
    question: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime]


class OutboxRow(Base):
    """The queue. Rows are never deleted unsent: they end `sent` or `dead` (with the reason)."""

    __tablename__ = "outbox"
    # Pending rows in the order workers take them: no sort of the backlog, whatever the planner's statistics.
    __table_args__ = (Index("ix_outbox_pending", "next_attempt_at", "id", postgresql_where=text("status = 'pending'"),
                            sqlite_where=text("status = 'pending'")),
                      Index("ix_outbox_status", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))
    recipient: Mapped[str] = mapped_column(String(320))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(8), default="pending")  # pending sending sent dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=8)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    dedupe_key: Mapped[str] = mapped_column(String(300), unique=True)
    provider_id: Mapped[str | None] = mapped_column(String(128))
    last_error: Mapped[str | None] = mapped_column(Text)
    throttled: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 429s: never count as attempts
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class InboundEmail(Base):
    """A received email, stored as it arrived before the SMTP server acknowledges it; processed afterwards
    (and again after a crash, while `status` is still `received`)."""

    __tablename__ = "inbound_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str | None] = mapped_column(String(300), index=True)
    mail_from: Mapped[str] = mapped_column(String(320))
    rcpt_to: Mapped[str] = mapped_column(String(400))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="received")  # inbound_email.InboundEmailStatus
    outcome: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")  # failed processing tries
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]


class LedgerEntry(Base):
    """A money event: what it adds to (positive) or takes off (negative) the agent's balance, in cents.
    Fees and credits are billed once (invoice_id is set then); see store/ledger.py."""

    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # bot.fees.LedgerKind
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    memo: Mapped[str] = mapped_column(String(300))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    invoice_id: Mapped[str | None] = mapped_column(String(100))  # set when billed
    created_at: Mapped[datetime]


class Invoice(Base):
    """A Stripe invoice as we track it: a referral purchase (send_invoice) or a balance charge
    (charge_automatically). At most one open purchase invoice per agent and referral."""

    __tablename__ = "invoices"
    __table_args__ = (
        Index("uq_invoices_one_open_purchase", "agent_id", "referral_id", unique=True,
              postgresql_where=text("kind = 'purchase' AND status IN ('requested', 'open')"),
              sqlite_where=text("kind = 'purchase' AND status IN ('requested', 'open')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # purchase | balance
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    # requested open paid void refunded payment_failed
    status: Mapped[str] = mapped_column(String(16), default="requested")
    channel: Mapped[str] = mapped_column(String(8), default="sms")  # where the agent asked; the link goes there
    stripe_invoice_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    hosted_url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]


class Agreement(Base):
    """The referral-fee agreement of an agent-to-agent referral: contact details are released only after it."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), unique=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    fee_percent: Mapped[float]
    channel: Mapped[str] = mapped_column(String(8))
    signed_name: Mapped[str | None] = mapped_column(String(200))
    signed_ip: Mapped[str | None] = mapped_column(String(64))
    agreed_at: Mapped[datetime]


class NetworkLink(Base):
    """A sending agent's pre-approved network: an invitation, pending until the invited agent accepts."""

    __tablename__ = "network_links"
    __table_args__ = (UniqueConstraint("owner_agent_id", "member_agent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    member_agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending accepted
    created_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]


class AppSetting(Base):
    """Values the service chooses once and keeps (e.g. the demo's admin token, stable across restarts)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


from store import portal_models  # noqa: E402,F401  (the portal's tables, on Base's metadata with these)


class Reconciliation(Base):
    """One run of `referral-bot reconcile` (or the nightly job): the lines of its report, repaired and reported."""

    __tablename__ = "reconciliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(index=True)
    since: Mapped[datetime]
    fixed: Mapped[int] = mapped_column(Integer, default=0)
    reported: Mapped[int] = mapped_column(Integer, default=0)
    lines: Mapped[list[str]] = mapped_column(default=list)


from store import console_models  # noqa: E402,F401  (the operator console's tables)
