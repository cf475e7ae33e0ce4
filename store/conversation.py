"""Where a message meets the domain: the store's implementation of the bot's ports, the inbound pipeline
(record, dedupe, identify, parse, dispatch) and publishing a new referral to its matched agents.

Everything here runs inside one transaction handed in by the caller, so a state change and the messages it
causes are committed together.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import handlers, replies
from bot.handlers import Reply
from bot.intents import Intent
from bot.lifecycle import Status
from bot.matching import offer_channel
from bot.messages import Channel, Inbound, Outgoing
from bot.model import EXCHANGE_MODES
from bot.fees import Fee
from bot.model import (AgentView, BotConfig, Candidate, ClaimOutcome, ContactDetails, InvoiceView, OfferView,
                       ReferralSummary)
from bot.parser import parse_text
from bot.ports import Context
from bot.tokens import make_token
from store import agents as agent_store
from store import billing, calls, exchange, ledger, outbox, receipts, referrals
from store.models import Agent, Invoice, Message, Offer, Referral, ReviewItem


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


class StorePorts:
    """The bot's ports over one Session."""

    def __init__(self, session: Session, env: BotEnv, now: datetime, message_id: int | None = None,
                 agent: AgentView | None = None, channel: Channel = Channel.SMS, sender: str = "",
                 body: str = "") -> None:
        self.session, self.env, self.now = session, env, now
        self.message_id, self.agent, self.channel, self.sender, self.body = message_id, agent, channel, sender, body

    # ReferralsPort
    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]:
        return referrals.open_offers(self.session, agent_id, now=now)

    def latest_offer(self, agent_id: int) -> OfferView | None:
        return referrals.latest_offer(self.session, agent_id)

    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None:
        return referrals.offer_by_code(self.session, agent_id, code)

    def claim(self, offer: OfferView, now: datetime) -> ClaimOutcome:
        return referrals.claim(self.session, offer, now=now)

    def decline(self, offer: OfferView, now: datetime) -> None:
        referrals.decline(self.session, offer, now=now)

    def contact_for_winner(self, referral_id: int, agent_id: int) -> ContactDetails | None:
        return referrals.contact_for_winner(self.session, referral_id, agent_id)

    def awaiting_update(self, agent_id: int) -> list[ReferralSummary]:
        return referrals.awaiting_update(self.session, agent_id)

    def won_by_code(self, agent_id: int, code: str) -> ReferralSummary | None:
        return referrals.won_by_code(self.session, agent_id, code)

    def move(self, referral_id: int, current: str, target: str, now: datetime, *, sale_amount: int | None = None,
             lost_reason: str | None = None, invalid: bool = False) -> bool:
        return referrals.move(self.session, referral_id, current, target, now=now, sale_amount=sale_amount,
                              lost_reason=lost_reason, invalid=invalid)

    def note(self, referral_id: int, agent_id: int | None, kind: str, text: str, now: datetime) -> None:
        if text.strip():
            referrals.add_note(self.session, referral_id, agent_id, kind, text.strip()[:2000], now=now)

    # AgentsPort
    def opt_out(self, agent: AgentView, source: str, now: datetime) -> None:
        agent_store.opt_out(self.session, agent.phone, source=source, now=now)

    def opt_in(self, agent: AgentView, now: datetime) -> None:
        agent_store.opt_in(self.session, agent.phone, now=now)

    def pause(self, agent: AgentView, start: date, until: date | None, now: datetime) -> None:
        agent_store.pause(self.session, agent.id, start=start, until=until, now=now)

    def resume(self, agent: AgentView, now: datetime) -> None:
        agent_store.resume(self.session, agent.id, now=now)

    def restore_if_clear(self, agent: AgentView, now: datetime) -> bool:
        """Lift a suspension for overdue reports once none is overdue any more."""
        if agent.suspended_reason != agent_store.OVERDUE_REASON:
            return False
        if referrals.overdue(self.session, agent.id, now=now, days=self.env.config.report_overdue_days):
            return False
        return agent_store.unsuspend(self.session, agent.id, agent_store.OVERDUE_REASON, now=now)

    # BillingPort
    def open_invoice(self, agent_id: int, referral_id: int) -> InvoiceView | None:
        invoice = billing.open_purchase(self.session, agent_id, referral_id)
        return self._invoice_view(invoice) if invoice else None

    def request_invoice(self, offer: OfferView, agent: AgentView, channel: str, now: datetime) -> InvoiceView:
        invoice = billing.request_purchase(self.session, offer, agent, channel, now=now,
                                           days_until_due=self.env.invoice_days_until_due)
        return self._invoice_view(invoice)

    def refund(self, invoice: InvoiceView, reason: str, now: datetime) -> None:
        billing.refund(self.session, invoice.id, reason, now=now)

    def void_other_invoices(self, referral_id: int, winner_id: int, now: datetime) -> list[InvoiceView]:
        return [self._invoice_view(i) for i in billing.void_others(self.session, referral_id, winner_id, now=now)]

    def agent_by_id(self, agent_id: int) -> AgentView | None:
        return billing.agent_of(self.session, agent_id)

    def _invoice_view(self, invoice: Invoice) -> InvoiceView:
        return billing.invoice_view(invoice, self.env.public_base_url, self.env.secret_key)

    # ExchangePort
    def express_interest(self, offer: OfferView, now: datetime) -> bool:
        return exchange.express_interest(self.session, offer.id, offer.referral.id, now=now)

    def candidates(self, referral_id: int) -> list[Candidate]:
        return exchange.ranked_candidates(self.session, referral_id)

    def awaiting_award(self, sender_id: int) -> list[ReferralSummary]:
        return [referrals.summary(r) for r in exchange.sender_referrals(self.session, sender_id, ("accepted",))]

    def sender_referral(self, sender_id: int, code: str) -> ReferralSummary | None:
        found = [r for r in exchange.sender_referrals(self.session, sender_id, ("new", "accepted", "pending"))
                 if r.code == code.lstrip("#")]
        return referrals.summary(found[0]) if found else None

    def select(self, referral_id: int, rank: int, now: datetime) -> AgentView | None:
        offer = exchange.select_candidate(self.session, referral_id, rank, now=now)
        return billing.agent_of(self.session, offer.agent_id) if offer else None

    def selected_for(self, agent_id: int) -> list[ReferralSummary]:
        return [referrals.summary(r) for r in exchange.selected_for(self.session, agent_id)]

    def agree(self, referral_id: int, agent_id: int, now: datetime, *, signed_name: str | None = None,
              signed_ip: str | None = None) -> bool:
        return exchange.agree(self.session, referral_id, agent_id, now=now, channel=str(self.channel),
                              signed_name=signed_name, signed_ip=signed_ip)

    def not_selected(self, referral_id: int, winner_id: int) -> list[AgentView]:
        return exchange.not_selected(self.session, referral_id, winner_id)

    def offer_of(self, referral_id: int, agent_id: int) -> OfferView | None:
        return referrals.offer_for(self.session, referral_id, agent_id)

    def agreement_link(self, offer: OfferView) -> str:
        return exchange_link(self.env, offer.id, offer.expires_at)

    def accept_pending_invitation(self, agent_id: int, now: datetime) -> AgentView | None:
        link = exchange.pending_invitation(self.session, agent_id)
        if link is None or not exchange.accept(self.session, link.id, now=now):
            return None
        return billing.agent_of(self.session, link.owner_agent_id)

    # LedgerPort
    def charge(self, agent_id: int, referral_id: int | None, fee: Fee, now: datetime) -> None:
        ledger.charge(self.session, agent_id, referral_id, fee, now=now)

    def credit_award_fee(self, agent_id: int, referral_id: int, now: datetime) -> None:
        ledger.credit_award_fee(self.session, agent_id, referral_id, now=now)

    # OutboxPort
    def send(self, message: Outgoing) -> None:
        message = with_email_headers(self.session, self.env, message, self.now)
        outbox.enqueue(self.session, message, now=self.now, max_attempts=self.env.max_attempts)

    # ReviewPort
    def flag(self, reason: str) -> None:
        self.session.add(ReviewItem(message_id=self.message_id, agent_id=self.agent.id if self.agent else None,
                                    channel=str(self.channel), sender=self.sender, body=self.body,
                                    reason=reason, status="open", created_at=self.now))

    # LinksPort
    def claim_link(self, offer: OfferView) -> str:
        return claim_link(self.env, offer.id, offer.expires_at)

    def call_answer_url(self, offer: OfferView) -> str:
        return call_answer_url(self.env, offer.id, offer.expires_at)

    # CallsPort
    def call_in_progress(self, agent_id: int, now: datetime) -> bool:
        return calls.call_in_progress(self.session, agent_id, now=now)


def claim_link(env: BotEnv, offer_id: int, expires_at: datetime) -> str:
    return env.public_base_url.rstrip("/") + "/r/" + make_token(env.secret_key, "offer", offer_id, expires_at)


def exchange_link(env: BotEnv, offer_id: int, expires_at: datetime) -> str:
    """The page where a receiver says they're interested and, once picked, signs the fee agreement."""
    return env.public_base_url.rstrip("/") + "/x/" + make_token(env.secret_key, "offer", offer_id, expires_at)


SHARE_DAYS = 365


def share_link(env: BotEnv, referral_id: int, created_at: datetime) -> str:
    """An open referral's public page: the summary only. Stable for a year from the referral's creation."""
    expires = created_at + timedelta(days=SHARE_DAYS)
    return env.public_base_url.rstrip("/") + "/s/" + make_token(env.secret_key, "share", referral_id, expires)


def call_answer_url(env: BotEnv, offer_id: int, expires_at: datetime) -> str:
    token = make_token(env.secret_key, "call", offer_id, expires_at)
    return env.public_base_url.rstrip("/") + "/twilio/voice/answer?t=" + token


REPLY_ADDRESS_DAYS = 3 * 365


def reply_address(session: Session, env: BotEnv, agent_id: int, referral_id: int | None, now: datetime) -> str:
    """`reply+<token>@domain`: signed, bound to this agent's offer of this referral (or to the agent alone)."""
    expires = now + timedelta(days=REPLY_ADDRESS_DAYS)
    offer_id = session.scalar(select(Offer.id).where(Offer.agent_id == agent_id, Offer.referral_id == referral_id)) \
        if referral_id else None
    token = make_token(env.secret_key, "reply", offer_id, expires) if offer_id else \
        make_token(env.secret_key, "agent", agent_id, expires)
    return f"reply+{token}@{env.inbound_email_domain}"


def with_email_headers(session: Session, env: BotEnv, out: Outgoing, now: datetime) -> Outgoing:
    """Give an email its From, signed Reply-To, a stable Message-ID and the thread it belongs to, so one
    referral stays one conversation in the agent's mail client and replies come back to us."""
    if out.channel is not Channel.EMAIL or out.agent_id is None or "reply_to" in out.extra:
        return out
    domain = env.inbound_email_domain
    thread = f"<referral-{out.referral_id}.agent-{out.agent_id}@{domain}>" if out.referral_id else None
    digest = hashlib.sha256(out.dedupe_key.encode()).hexdigest()[:24]
    extra = {**out.extra, "from": env.email_from, "message_id": f"<{digest}@{domain}>", "thread_id": thread,
             "reply_to": reply_address(session, env, out.agent_id, out.referral_id, now)}
    return dataclasses.replace(out, extra=extra)


# -- the inbound pipeline ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Handled:
    duplicate: bool = False
    reply: str | None = None
    agent: AgentView | None = None
    outcome: str = ""
    message_id: int | None = None


def log_inbound(session: Session, inbound: Inbound, agent: AgentView | None) -> Message:
    message = Message(direction="in", channel=str(inbound.channel), to_addr=inbound.recipient or "",
                      from_addr=inbound.sender, subject=inbound.subject, body=inbound.body,
                      provider_id=inbound.provider_id, status="received", agent_id=agent.id if agent else None,
                      created_at=inbound.received_at, updated_at=inbound.received_at)
    session.add(message)
    session.flush()
    return message


def log_reply(session: Session, handled: Handled, inbound: Inbound, *, status: str = "sent") -> None:
    """A reply answered inline (TwiML, a spoken sentence, a page) is logged like any outbound message."""
    if handled.reply is None:
        return
    session.add(Message(direction="out", channel=str(inbound.channel), to_addr=inbound.sender,
                        from_addr=inbound.recipient, body=handled.reply, kind="reply", status=status,
                        agent_id=handled.agent.id if handled.agent else None,
                        created_at=inbound.received_at, updated_at=inbound.received_at))


def handle_inbound(session: Session, inbound: Inbound, env: BotEnv, *, agent: AgentView | None,
                   intent: Intent | None = None) -> Handled:
    """Record and act on one inbound message; a repeat of its provider id changes nothing."""
    if not receipts.first_time(session, f"{inbound.channel}:{inbound.provider_id}", str(inbound.channel),
                               now=inbound.received_at):
        return Handled(duplicate=True)
    message = log_inbound(session, inbound, agent)
    if agent is None:
        return Handled(reply=replies.unknown_sender(env.config), outcome="unknown_sender", message_id=message.id)
    intent = intent or parse_text(inbound.body, inbound.channel, inbound.received_at)
    ports = StorePorts(session, env, inbound.received_at, message.id, agent, inbound.channel, inbound.sender,
                       inbound.body)
    reply = handlers.dispatch(intent, context(ports, agent, inbound.channel, inbound.received_at, env))
    return Handled(reply=reply.text, agent=agent, outcome=reply.outcome, message_id=message.id)


def context(ports: StorePorts, agent: AgentView, channel: Channel, now: datetime, env: BotEnv) -> Context:
    return Context(agent=agent, channel=channel, now=now, config=env.config, referrals=ports, agents=ports,
                   outbox=ports, review=ports, links=ports, calls=ports, ledger=ports, billing=ports,
                   exchange=ports, text=ports.body)


def agent_by_id(session: Session, agent_id: int) -> AgentView | None:
    agent = session.get(Agent, agent_id)
    return referrals.agent_view(agent) if agent else None


def agent_by_phone(session: Session, phone: str) -> AgentView | None:
    agent = agent_store.by_phone(session, phone)
    return referrals.agent_view(agent) if agent else None


# -- publishing a referral ---------------------------------------------------------------------
def publish_referral(session: Session, referral: Referral, env: BotEnv, *, now: datetime,
                     receiver_ids: list[int] | None = None) -> int:
    """Offer `referral` to every matched agent: a text (or an email when they opted out of SMS)."""
    if referral.mode in EXCHANGE_MODES:
        return publish_exchange(session, referral, env, now=now, receiver_ids=receiver_ids)
    matched = referrals.matching_agents(session, referral, now=now)
    ports = StorePorts(session, env, now)
    for agent in matched:
        channel = offer_channel(agent)
        offer = referrals.create_offer(session, referral, agent, str(channel), now=now,
                                       ttl_days=env.config.offer_ttl_days)
        view = referrals.offer_view(offer, referral)
        ports.send(offer_message(agent, view, channel, env))
    referrals.add_note(session, referral.id, None, "offered", f"Offered to {len(matched)} agents", now=now)
    return len(matched)


def publish_exchange(session: Session, referral: Referral, env: BotEnv, *, now: datetime,
                     receiver_ids: list[int] | None = None) -> int:
    """Send an agent-to-agent referral (or add receivers to one): private to the chosen agents, network to
    the sender's accepted network within the radius, open to everyone covering the area; nearest first."""
    if referral.status == Status.DRAFT:
        referral.status = Status.NEW
    placed = exchange.receivers(session, referral, now=now, agent_ids=receiver_ids)
    made = exchange.add_offers(session, referral, placed, now=now, ttl_days=env.config.offer_ttl_days)
    sender = session.get(Agent, referral.sender_agent_id) if referral.sender_agent_id else None
    ports = StorePorts(session, env, now)
    for agent, offer in made:
        view = referrals.offer_view(offer, referral)
        ports.send(exchange_offer_message(agent, view, sender.name if sender else env.config.program_name, env))
    referrals.add_note(session, referral.id, referral.sender_agent_id, "offered",
                       f"Sent to {len(made)} agents ({referral.mode})", now=now)
    return len(made)


def exchange_offer_message(agent: AgentView, offer: OfferView, sender_name: str, env: BotEnv) -> Outgoing:
    link = exchange_link(env, offer.id, offer.expires_at)
    common = dict(agent_id=agent.id, referral_id=offer.referral.id, kind="offer")
    text = replies.exchange_offer_text(offer, sender_name, link)
    if agent.sms_opted_out:
        return Outgoing(Channel.EMAIL, agent.email, text + "\n", f"offer:{offer.id}:email",
                        subject=f"Referral #{offer.referral.code} from {sender_name}", **common)  # type: ignore[arg-type]
    return Outgoing(Channel.SMS, agent.phone, text, f"offer:{offer.id}:sms", **common)  # type: ignore[arg-type]


def offer_message(agent: AgentView, offer: OfferView, channel: Channel, env: BotEnv) -> Outgoing:
    link = claim_link(env, offer.id, offer.expires_at)
    common = dict(agent_id=agent.id, referral_id=offer.referral.id, kind="offer")
    if channel is Channel.SMS:
        return Outgoing(Channel.SMS, agent.phone, replies.offer_text(offer, link), f"offer:{offer.id}:sms",
                        **common)  # type: ignore[arg-type]
    subject, body = replies.offer_email(agent, offer, link, env.config)
    return Outgoing(Channel.EMAIL, agent.email, body, f"offer:{offer.id}:email", subject=subject,
                    **common)  # type: ignore[arg-type]


def fallback_to_email(session: Session, provider_id: str, env: BotEnv, *, now: datetime) -> bool:
    """An offer text that could not be delivered is sent again by email (once)."""
    message = session.query(Message).filter(Message.channel == "sms", Message.provider_id == provider_id).first()
    if message is None or message.kind != "offer" or message.agent_id is None or message.referral_id is None:
        return False
    offer = next((o for o in referrals.open_offers(session, message.agent_id, now=now)
                  if o.referral.id == message.referral_id), None)
    agent = session.get(referrals.Agent, message.agent_id)
    if offer is None or agent is None:
        return False
    email = with_email_headers(session, env, offer_message(referrals.agent_view(agent), offer, Channel.EMAIL, env),
                               now)
    return outbox.enqueue(session, email, now=now) is not None



def send_network_invitation(session: Session, env: BotEnv, link: Any, *, now: datetime) -> None:
    """The invited agent gets a text (or an email) with a signed accept link; YES accepts too."""
    owner, member = agent_by_id(session, link.owner_agent_id), agent_by_id(session, link.member_agent_id)
    if owner is None or member is None:
        return
    url = env.public_base_url.rstrip("/") + "/n/" + make_token(env.secret_key, "invite", link.id,
                                                             now + timedelta(days=30))
    text = replies.network_invitation(owner.name, url)
    channel, to = (Channel.EMAIL, member.email) if member.sms_opted_out else (Channel.SMS, member.phone)
    StorePorts(session, env, now).send(Outgoing(channel, to, text, f"network-invite:{link.id}", agent_id=member.id,
                                                subject="Referral network invitation" if channel is Channel.EMAIL
                                                else None, kind="network_invite"))
