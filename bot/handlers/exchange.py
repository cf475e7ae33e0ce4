"""Agent-to-agent referrals: receivers say they're interested, the sender awards one, the chosen receiver
agrees the referral fee, and only then are the client's details released (to that receiver alone).

New -> Accepted (someone is interested) -> Pending (the sender picked) -> Awarded (the fee is agreed).
"""
from __future__ import annotations

from bot import events, intents, replies
from bot.handlers.contact import send_contact_details
from bot.handlers.lookup import pick_referral
from bot.messages import Channel, Outgoing
from bot.model import AgentView, OfferView, ReferralSummary
from bot.outcomes import HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router
from bot.states import OfferStatus

router = Router("exchange")


def express_interest(offer: OfferView, ctx: Context) -> Reply:
    """YES on an exchange referral: interest, and the sender gets the updated ranked list."""
    code = offer.referral.code
    if not offer.referral.available or offer.status not in (OfferStatus.OPEN, OfferStatus.INTERESTED):
        return Reply(replies.exchange_closed(code), HandlerOutcome.CLOSED)
    if offer.expired(ctx.now):
        return Reply(replies.expired_referral(code), HandlerOutcome.EXPIRED)
    if ctx.exchange.express_interest(offer, ctx.now):
        send_candidate_list(offer.referral, ctx)
    return Reply(replies.interest_noted(code), HandlerOutcome.INTERESTED)


def send_candidate_list(referral: ReferralSummary, ctx: Context) -> None:
    sender = ctx.billing.agent_by_id(referral.sender_agent_id) if referral.sender_agent_id else None
    candidates = ctx.exchange.candidates(referral.id)
    if sender is None or not candidates:
        return
    key = f"interest-list:{referral.id}:{len(candidates)}"
    if not sender.sms_opted_out:
        ctx.outbox.send(Outgoing(Channel.SMS, sender.phone, replies.candidate_list_text(referral.code, candidates),
                                 key + ":sms", agent_id=sender.id, referral_id=referral.id, kind="interest_list"))
    subject, body = replies.candidate_list_email(sender, referral, candidates)
    ctx.outbox.send(Outgoing(Channel.EMAIL, sender.email, body, key + ":email", agent_id=sender.id,
                             referral_id=referral.id, subject=subject, kind="interest_list"))


@router.handles(intents.Award)
def award(intent: intents.Award, ctx: Context) -> Reply:
    """The sender picks receiver number `choice` from the list they were sent."""
    referral = resolve_sender_referral(intent.ref, ctx)
    if isinstance(referral, Reply):
        return referral
    choice = intent.choice
    if choice == intents.Award.LAST:  # "the last one on the list"
        choice = max((candidate.rank for candidate in ctx.exchange.candidates(referral.id)), default=choice)
    if choice == intents.Award.BY_NAME:  # "Give it to Dana Whitfield"
        named = [c.rank for c in ctx.exchange.candidates(referral.id) if same_person(intent.name or "", c.agent.name)]
        if len(named) != 1:  # nobody or several by that name: their number settles it
            return Reply(replies.award_which(referral.code), HandlerOutcome.AMBIGUOUS)
        choice = named[0]
    chosen = ctx.exchange.select(referral.id, choice, ctx.now)
    if chosen is None:
        return Reply(replies.award_refused(referral.code, choice), HandlerOutcome.REFUSED)
    offer = ctx.exchange.offer_of(referral.id, chosen.id)
    if offer is not None:
        notify(ctx, chosen, replies.selected(referral, ctx.exchange.agreement_link(offer)),
               f"selected:{referral.id}", referral, "agreement")
    return Reply(replies.awarded_to(referral.code, chosen.name, referral.fee_percent), HandlerOutcome.SELECTED)


def same_person(said: str, listed: str) -> bool:
    """Whether a name the sender typed ("Dana", "dana whitfield", "Whitfield") is the listed agent's: every word
    typed is one of the listed name's words, ignoring case."""
    typed, names = said.casefold().split(), listed.casefold().split()
    return bool(typed) and all(word in names for word in typed)


def resolve_sender_referral(ref: str | None, ctx: Context) -> ReferralSummary | Reply:
    """The sender's referral being awarded: the code typed, else their only one with interested agents."""
    found = pick_referral(ref, lambda code: ctx.exchange.sender_referral(ctx.agent.id, code),
                          lambda: ctx.exchange.awaiting_award(ctx.agent.id), verb="AWARD",
                          nothing=Reply(replies.nothing_to_award(), HandlerOutcome.NOTHING_TO_AWARD))
    if not isinstance(found, Reply):
        ctx.referrals.about(found.id)
    return found


@router.handles(intents.Agree)
def agree(intent: intents.Agree, ctx: Context) -> Reply:
    """The selected receiver agrees the fee; the client's details go to them and nobody else."""
    chosen = [r for r in ctx.exchange.selected_for(ctx.agent.id) if not intent.ref or r.code == intent.ref]
    if len(chosen) != 1:
        return Reply(replies.nothing_to_agree() if not chosen else
                     replies.which_referral([r.code for r in chosen], "AGREE"), HandlerOutcome.NOTHING_TO_AGREE)
    return record_agreement(chosen[0], ctx)


@router.handles(events.AgreementSigned)
def agreement_signed(event: events.AgreementSigned, ctx: Context) -> Reply:
    """The fee agreement signed on its page (a routed event: inbound/exchange/pages.py)."""
    return record_agreement(event.referral, ctx, signed_name=event.signed_name, signed_ip=event.signed_ip)


def record_agreement(referral: ReferralSummary, ctx: Context, *, signed_name: str | None = None,
                     signed_ip: str | None = None) -> Reply:
    ctx.referrals.about(referral.id)
    if not ctx.exchange.agree(referral.id, ctx.agent.id, ctx.now, signed_name=signed_name, signed_ip=signed_ip):
        return Reply(replies.agreement_closed(referral.code), HandlerOutcome.REFUSED)
    offer = ctx.exchange.offer_of(referral.id, ctx.agent.id)
    if offer is not None:
        send_contact_details(offer, ctx)
    sender = ctx.billing.agent_by_id(referral.sender_agent_id) if referral.sender_agent_id else None
    if sender is not None:
        notify(ctx, sender, replies.agreement_done(referral.code, ctx.agent.name, referral.fee_percent),
               f"agreed:{referral.id}", referral, "agreement")
    return Reply(replies.agreement_recorded(referral.code), HandlerOutcome.WON)


def notify(ctx: Context, agent: AgentView, text: str, key: str, referral: ReferralSummary, kind: str) -> None:
    """A text (or an email for agents who opted out of texts)."""
    if agent.sms_opted_out:
        ctx.outbox.send(Outgoing(Channel.EMAIL, agent.email, text, key, agent_id=agent.id, referral_id=referral.id,
                                 subject=f"Referral #{referral.code}", kind=kind))
    else:
        ctx.outbox.send(Outgoing(Channel.SMS, agent.phone, text, key, agent_id=agent.id, referral_id=referral.id,
                                 kind=kind))


def accept_invitation(ctx: Context) -> Reply | None:
    """YES from an agent with a pending network invitation (and nothing open to claim) accepts it."""
    owner = ctx.exchange.accept_pending_invitation(ctx.agent.id, ctx.now)
    return Reply(replies.joined_network(owner.name), HandlerOutcome.JOINED) if owner else None

