"""One handler per intent: decide what changes (through the ports) and what to answer. No I/O here.

Handlers never look at the channel to choose an action: SMS, email, voice and the web page reach the same
intent and the same handler. The answer goes back on the channel the agent used; the inbound adapter
delivers it (TwiML, an email reply, a spoken sentence, a page).
"""
from __future__ import annotations

from bot import fees, intents, replies
from bot.messages import Channel, Outgoing
from bot.model import ClaimOutcome, OfferView
from bot.ports import Context
from bot.router import Reply, router

QUIET_UNKNOWN = {"reaction", "auto_reply", "empty"}  # never answered: no loops, no noise
CLOSED_OFFERS = {"won", "lost", "declined", "expired", "cancelled"}  # a NO changes nothing: the answer says why


def dispatch(intent: intents.Intent, ctx: Context) -> Reply:
    return router.dispatch(intent, ctx, fallback=not_built_yet)


def not_built_yet(intent: intents.Intent, ctx: Context) -> Reply:
    """Intents whose flow this network does not run: a person reads them."""
    ctx.review.flag(f"unhandled:{intents.intent_name(intent)}")
    return Reply(replies.forwarded_to_team(), "review")


# -- which referral ----------------------------------------------------------------------------
def resolve_offer(ref: str | None, ctx: Context, verb: str,
                  open_offers: list[OfferView] | None = None) -> OfferView | Reply:
    """The offer the agent means (see `find_offer`); the message is then linked to its referral in the log."""
    offer = find_offer(ref, ctx, verb, open_offers)
    if not isinstance(offer, Reply):
        ctx.referrals.about(offer.referral.id)
    return offer


def find_offer(ref: str | None, ctx: Context, verb: str, open_offers: list[OfferView] | None) -> OfferView | Reply:
    """The code they typed, else their single open offer, else their latest offer, else ask."""
    if ref:
        offer = ctx.referrals.offer_by_code(ctx.agent.id, ref)
        return offer if offer else Reply(replies.unknown_code(ref), "unknown_code")
    if open_offers is None:
        open_offers = ctx.referrals.open_offers(ctx.agent.id, ctx.now)
    if len(open_offers) > 1:
        return Reply(replies.which_referral([o.referral.code for o in open_offers], verb), "ambiguous")
    if open_offers:
        return open_offers[0]
    latest = ctx.referrals.latest_offer(ctx.agent.id)
    return latest if latest else Reply(replies.no_open_offer(), "no_offer")


# -- claim and decline -------------------------------------------------------------------------
@router.handles(intents.Claim)
def claim(intent: intents.Claim, ctx: Context) -> Reply:
    """Award the referral to the sender if it is still open (exclusive: the store's conditional update)."""
    open_offers = None if intent.ref else ctx.referrals.open_offers(ctx.agent.id, ctx.now)
    if open_offers == []:
        joined = exchange.accept_invitation(ctx)
        if joined:
            return joined
    offer = resolve_offer(intent.ref, ctx, "YES", open_offers)  # the same open offers: read once
    if isinstance(offer, Reply):
        return offer
    if offer.referral.exchange:
        return exchange.express_interest(offer, ctx)  # interest; the sender awards, the fee is agreed
    if offer.referral.mode == "call_first" and ctx.channel is not Channel.VOICE:
        return place_call(offer, ctx)  # call-first referrals are claimed by the keypress only
    if offer.referral.mode == "paid":
        return billing.request_invoice(offer, ctx)  # bought, not claimed: YES asks for the invoice
    outcome = ctx.referrals.claim(offer, ctx.now)
    if outcome is ClaimOutcome.WON:
        send_contact_details(offer, ctx)
        charge_award_fee(offer, ctx)
    return Reply(replies.for_claim(outcome, offer.referral.code), str(outcome))


def send_contact_details(offer: OfferView, ctx: Context) -> None:
    """The winner's email with the client's details, and a confirmation text when they claimed elsewhere."""
    contact = ctx.referrals.contact_for_winner(offer.referral.id, ctx.agent.id)
    if contact is None:
        return
    sender = ctx.billing.agent_by_id(offer.referral.sender_agent_id) if offer.referral.sender_agent_id else None
    subject, body = replies.contact_email(ctx.agent, offer.referral, contact, ctx.config,
                                          sender_name=sender.name if sender else None)
    ctx.outbox.send(Outgoing(Channel.EMAIL, ctx.agent.email, body, f"contact:{offer.referral.id}",
                             agent_id=ctx.agent.id, referral_id=offer.referral.id, subject=subject,
                             kind="contact"))
    if ctx.channel is not Channel.SMS and not ctx.agent.sms_opted_out:
        text = replies.for_claim(ClaimOutcome.WON, offer.referral.code)
        ctx.outbox.send(Outgoing(Channel.SMS, ctx.agent.phone, text, f"claim-confirm:{offer.referral.id}",
                                 agent_id=ctx.agent.id, referral_id=offer.referral.id, kind="confirmation"))


@router.handles(intents.CallRequest)
def call_request(intent: intents.CallRequest, ctx: Context) -> Reply:
    """"Call me to claim": place a call that ends with the keypad prompt (press 1 claims)."""
    offer = resolve_offer(intent.ref, ctx, "CALL")
    if isinstance(offer, Reply):
        return offer
    return place_call(offer, ctx)


@router.handles(intents.ConnectRequest)
def connect_request(intent: intents.ConnectRequest, ctx: Context) -> Reply:
    """"CONNECT": the winner is called and, on answering, put through to the client (one call at a time)."""
    offer = resolve_offer(intent.ref, ctx, "CONNECT")
    if isinstance(offer, Reply):
        return offer
    code = offer.referral.code
    if offer.status != "won":
        return Reply(replies.connect_not_yours(code), "connect_not_yours")
    contact = ctx.referrals.contact_for_winner(offer.referral.id, ctx.agent.id)
    if contact is None or not contact.phone:
        return Reply(replies.connect_no_phone(code), "connect_no_phone")
    if ctx.calls.call_in_progress(ctx.agent.id, ctx.now):
        return Reply(replies.call_already_under_way(code), "call_under_way")
    ctx.outbox.send(Outgoing(Channel.VOICE, ctx.agent.phone, f"Live connect for #{code}",
                             f"connect-call:{offer.id}:{ctx.now.isoformat()}", agent_id=ctx.agent.id,
                             referral_id=offer.referral.id, kind="call",
                             extra={"url": ctx.links.connect_call_url(offer)}))
    return Reply(replies.connecting(code), "connect_call_placed")


def place_call(offer: OfferView, ctx: Context) -> Reply:
    """Queue one outbound call for an open offer; never a second while one to this agent is under way."""
    if offer.status != "open" or offer.expired(ctx.now) or not offer.referral.available:
        outcome = ClaimOutcome.EXPIRED if offer.expired(ctx.now) else ClaimOutcome.TAKEN
        if offer.status == "won":
            outcome = ClaimOutcome.ALREADY_YOURS
        return Reply(replies.for_claim(outcome, offer.referral.code), str(outcome))
    if ctx.calls.call_in_progress(ctx.agent.id, ctx.now):
        return Reply(replies.call_already_under_way(offer.referral.code), "call_under_way")
    url = ctx.links.call_answer_url(offer)
    ctx.outbox.send(Outgoing(Channel.VOICE, ctx.agent.phone, replies.summary_line(offer.referral),
                             f"call:{offer.id}:{ctx.now.isoformat()}", agent_id=ctx.agent.id,
                             referral_id=offer.referral.id, kind="call", extra={"url": url}))
    return Reply(replies.calling(offer.referral.code), "call_placed")


def charge_award_fee(offer: OfferView, ctx: Context) -> None:
    fee = fees.fee_on_award(ctx.agent.pricing, offer.referral.code)
    if fee:
        ctx.ledger.charge(ctx.agent.id, offer.referral.id, fee, ctx.now)


@router.handles(intents.Decline)
def decline(intent: intents.Decline, ctx: Context) -> Reply:
    offer = resolve_offer(intent.ref, ctx, "NO")
    if isinstance(offer, Reply):
        return offer
    if offer.status in CLOSED_OFFERS or (offer.status == "open" and offer.expired(ctx.now)):
        status = "expired" if offer.status == "open" else offer.status
        return Reply(replies.decline_closed(offer.referral.code, status), f"decline_{status}")
    ctx.referrals.decline(offer, ctx.now)
    return Reply(replies.declined(offer.referral.code), "declined")


@router.handles(intents.Status)
def status(intent: intents.Status, ctx: Context) -> Reply:
    offers = [o.referral.code for o in ctx.referrals.open_offers(ctx.agent.id, ctx.now)]
    return Reply(replies.status(offers, [r.code for r in ctx.referrals.awaiting_update(ctx.agent.id)]))


# -- compliance --------------------------------------------------------------------------------
@router.handles(intents.Stop)
def stop(intent: intents.Stop, ctx: Context) -> Reply:
    ctx.agents.opt_out(ctx.agent, str(ctx.channel), ctx.now)
    return Reply(replies.stopped(ctx.config), "opted_out")


@router.handles(intents.Start)
def start(intent: intents.Start, ctx: Context) -> Reply:
    ctx.agents.opt_in(ctx.agent, ctx.now)
    return Reply(replies.started(ctx.config), "opted_in")


@router.handles(intents.Help)
def help_(intent: intents.Help, ctx: Context) -> Reply:
    return Reply(replies.help_text(ctx.config))


@router.handles(intents.Unknown)
def unknown(intent: intents.Unknown, ctx: Context) -> Reply:
    """Never guess: reactions and auto-replies are ignored; anything else is asked about and reviewed."""
    if intent.reason in QUIET_UNKNOWN:
        return Reply(None, f"ignored:{intent.reason}")
    if intent.reason == "ack":  # "k", 👍: never an action; ask "Claim #4821? Reply YES to confirm."
        return confirming.ask_to_confirm(ctx)
    ctx.review.flag(intent.reason)
    return Reply(replies.not_understood(), "review")


from bot import billing, confirming, exchange, reporting  # noqa: E402,F401  registers the remaining handlers
