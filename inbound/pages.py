"""The claim-link page: `GET /r/{token}` shows a referral offer and the buttons its mode allows; each button is
a `POST /r/{token}/{action}` (claim, call, buy).

The token (bot.tokens, kind "offer") is signed, expiring and bound to one offer, so it is the agent's
credential: whoever holds the link acts as the offer's agent. A tampered or malformed token gets a 404 page and
never touches the store. A token past its day still names its offer (the signature is good), so the page can
say how the offer ended (yours, taken, expired) in the words of its mode; it never acts on it.

A tap is an inbound message like a text: the POST builds `Inbound(channel=WEB)` from the offer's agent and runs
the one pipeline (store/pipeline.py) with the button's intent (Claim, CallRequest, InvoiceRequest) in one transaction,
so the web shares the text handlers: the exclusive claim, never a second call while one is under way, one open
invoice per agent and referral. Each tap has its own provider id, and the POST answers with a redirect
(POST-redirect-GET): a refresh re-reads the state and never acts twice.

The GET page is drawn from the database: the offer's state (yours / taken / expired / closed / open) and, on an
open offer, whether a call about it is under way and whether the agent has an open invoice (with our /i/ pay
link once the worker has made it). The `outcome` query parameter only picks the wording of a state the
database confirms ("It's yours" right after winning, "Already yours" later), so editing it proves nothing.

Pages show only the offerable summary (area, client type, price range, timeline, code): nothing here reads
the client's contact table. The body is built in Python, every value escaped, inside the shared layout
(inbound/layout.py); no external assets.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import uuid4

import structlog
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import replies
from bot.intents import CallRequest, Claim, ConnectRequest, Intent, InvoiceRequest
from bot.lifecycle import Status as ReferralStatus
from bot.messages import Channel, Inbound
from bot.model import InvoiceView, OfferView
from bot.outcomes import HandlerOutcome as O
from bot.outcomes import read_outcome
from bot.states import MessageStatus, OfferStatus, ReferralMode
from bot.tokens import EPOCH, BadToken, TokenData, read_token
from inbound.deps import BOT_ENV, deps
from inbound.layout import esc, html_response, layout, message_page
from store import billing, calls, connect, pipeline, referrals
from store.env import BotEnv
from store.messages import FINAL
from store.models import Agent, Message

log = structlog.get_logger("pages")
routes = web.RouteTableDef()

# -- what the offer's page offers: one entry per referral mode ---------------------------------
@dataclass(frozen=True, slots=True)
class Action:
    """A button on the offer page: `POST /r/{token}/{name}` runs `intent(code)` as the agent's message."""

    name: str
    label: str
    body: str  # what the message log records the tap as
    intent: Callable[[str], Intent]
    secondary: bool = False


CLAIM = Action("claim", "Claim referral", "YES", lambda code: Claim(ref=code))
CALL = Action("call", "Call me to claim referral", "CALL", lambda code: CallRequest(ref=code))
BUY = Action("buy", "Buy referral", "INVOICE", lambda code: InvoiceRequest(ref=code))
# Once the referral is the agent's (any mode) and the client left a phone: call me and put me through.
CONNECT = Action("connect", "Call me and connect me to the client", "CONNECT",
                 lambda code: ConnectRequest(ref=code))
ACTIONS: dict[str, tuple[Action, ...]] = {
    "first_come": (CLAIM, dataclasses.replace(CALL, label="Call me to claim", secondary=True)),
    "call_first": (CALL,),
    "paid": (BUY,),
}
HINT = "Reply to our message to respond to this referral."  # modes without a web flow
FINE_PRINT = {
    "first_come": "The first agent to claim it gets the client's contact details by email.",
    "call_first": "We call you and play a short recording; press 1 to claim. The first agent to claim it gets "
                  "the client's contact details by email.",
    "paid": "Exclusive: the first agent to pay the invoice gets the client's contact details by email.",
}


def actions_for(offer: OfferView) -> tuple[Action, ...]:
    return ACTIONS.get(offer.referral.mode, ())


def action_named(offer: OfferView, name: str) -> Action | None:
    if name == CONNECT.name:
        return CONNECT  # the handler checks the referral is theirs and the client left a phone
    return next((a for a in actions_for(offer) if a.name == name), None)


def action_path(token: str, action: Action) -> str:
    return f"/r/{token}/{action.name}"


# -- state -------------------------------------------------------------------------------------
CLAIMABLE = ReferralStatus.NEW  # the status store.referrals.claim's conditional UPDATE requires


class State(StrEnum):
    OPEN = "open"
    YOURS = "yours"
    TAKEN = "taken"
    EXPIRED = "expired"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class OfferState:
    """Everything the page shows, read in one transaction."""

    offer: OfferView
    winner_agent_id: int | None
    phone: str = ""                  # the offer's agent: "we're calling you at ..."
    calling: bool = False            # a call about this referral to this agent is under way
    calling_agent: bool = False      # any call to this agent is under way (what the call handler checks)
    invoice: InvoiceView | None = None  # the agent's open invoice for this referral
    connectable: bool = False        # won by this agent and the client left a phone: live connect on offer


def load_offer(session: Session, offer_id: int, env: BotEnv, now: datetime) -> OfferState | None:
    offer = referrals.offer_by_id(session, offer_id)
    if offer is None:
        return None
    agent = session.get_one(Agent, offer.agent_id)
    purchase = billing.open_purchase(session, agent.id, offer.referral.id)
    invoice = billing.invoice_view(purchase, env.public_base_url, env.secret_key) if purchase else None
    return OfferState(offer, offer.referral.winner_agent_id, agent.phone,
                      call_under_way(session, agent.id, offer.referral.id, now),
                      calls.call_in_progress(session, agent.id, now=now), invoice,
                      connect.client_phone_for_winner(session, offer.id) is not None)


def call_under_way(session: Session, agent_id: int, referral_id: int, now: datetime) -> bool:
    """Like store.calls.call_in_progress, narrowed to calls about this referral."""
    statuses = session.scalars(select(Message.status).where(
        Message.agent_id == agent_id, Message.referral_id == referral_id, Message.channel == "voice",
        Message.direction == "out", Message.kind == "call", Message.created_at > now - calls.CALL_WINDOW))
    return any(status not in FINAL and status != MessageStatus.FAILED for status in statuses)


def state_of(found: OfferState, now: datetime) -> State:
    """Where the offer stands for its agent; a winner is reported before expiry (it says more)."""
    offer, winner = found.offer, found.winner_agent_id
    if winner is not None:
        return State.YOURS if winner == offer.agent_id else State.TAKEN
    if offer.status is OfferStatus.EXPIRED or offer.expired(now):
        return State.EXPIRED
    if offer.referral.status != CLAIMABLE:
        return State.CLOSED
    return State.OPEN


# -- rendering ---------------------------------------------------------------------------------
def masked_phone(phone: str) -> str:
    """(***) ***-0101: enough for the agent to recognise their number, not enough to leak it."""
    digits = re.sub(r"\D", "", phone)
    return f"(***) ***-{digits[-4:]}" if len(digits) >= 4 else "your phone"


def summary_list(offer: OfferView) -> str:
    summary = offer.referral
    rows = [("Area", f"ZIP {summary.zip_code}"), ("Client", summary.client_type.capitalize()),
            ("Price", replies.price_range(summary) or "Not given"), ("Timeline", summary.timeline or "Not given"),
            ("Code", f"#{summary.code}")]
    return "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows) + "</dl>"


def action_forms(actions: list[Action], token: str) -> str:
    return "".join(f"<form method=\"post\" action=\"{esc(action_path(token, a))}\"><button type=\"submit\" "
                   f"class=\"{'secondary' if a.secondary else 'primary'}\">{esc(a.label)}</button></form>"
                   for a in actions)


def notices(found: OfferState, outcome: O | None) -> str:
    """What the database says is going on: a call under way, an invoice on its way or ready to pay."""
    parts, code = [], found.offer.referral.code
    said = tap_notice(outcome, State.OPEN)
    if said and found.calling_agent:
        parts.append(said(code))  # the handler's answer to a second tap, while a call is under way
    if found.calling:
        parts.append(f"We're calling you now at {masked_phone(found.phone)}; press 1 after the recording to "
                     "claim.")
    if found.invoice is not None:
        parts.append(f"Your invoice is on its way ({replies.cents(found.invoice.amount_cents)})."
                     + ("" if found.invoice.link else " The pay button appears here as soon as it's ready."))
    html_parts = "".join(f"<p class=\"notice\">{esc(p)}</p>" for p in parts)
    if found.invoice is not None and found.invoice.link:
        html_parts += f"<a class=\"button\" href=\"{esc(found.invoice.link)}\">Pay invoice</a>"
    return html_parts


def open_page(found: OfferState, token: str, outcome: O | None) -> str:
    offer = found.offer
    buttons = [a for a in actions_for(offer) if not (a is BUY and found.invoice is not None)]
    how = action_forms(buttons, token) if actions_for(offer) else f"<p>{esc(HINT)}</p>"
    price = (f"<p class=\"price\">Buy it for <b>{esc(replies.cents(offer.referral.price_cents or 0))}</b></p>"
             if offer.referral.mode is ReferralMode.PAID else "")
    expires = offer.expires_at.strftime("%b %d, %Y").replace(" 0", " ")
    fine = FINE_PRINT.get(offer.referral.mode, FINE_PRINT["first_come"])
    body = (f"<section class=\"card\"><p class=\"kicker\">Referral #{esc(offer.referral.code)}</p>"
            f"<h1>New referral for you</h1>{summary_list(offer)}{price}{notices(found, outcome)}{how}"
            f"<p class=\"fine\">{esc(fine)} This offer expires {esc(expires)}.</p></section>")
    return layout(f"Referral #{offer.referral.code}", body, refresh_seconds=PAY_LINK_POLL_SECONDS
                  if found.invoice is not None and not found.invoice.link else None)


PAY_LINK_POLL_SECONDS = 3  # the worker usually has Stripe's invoice within a second or two
OUTCOME_PAGES: dict[str, tuple[str, str, str, int]] = {
    # key: (title, text, tone, HTTP status)
    "won": ("It's yours", "It's yours — the client's contact details are on their way to your email.", "good", 200),
    "yours": ("Already yours", "You already claimed this referral; the client's contact details were emailed "
                               "to you.", "good", 200),
    "taken": ("Already claimed", "Sorry, another agent claimed this referral first. We'll send you the next "
                                 "one.", "bad", 200),
    "expired": ("Expired referral", "This offer has expired and can no longer be claimed.", "muted", 410),
    "closed": ("No longer available", "This referral is no longer open for claims.", "muted", 410),
}
PAID_PAGES: dict[str, tuple[str, str, str, int]] = {  # the marketplace's own words
    "won": ("It's yours", "It's yours — your payment went through and the client's contact details are on "
                          "their way to your email.", "good", 200),
    "taken": ("Referral Purchased Already", "Sorry, another agent bought this referral first. We'll send you "
                                            "the next one.", "bad", 200),
    "expired": ("Expired Referral", "This offer ended 60 days after we sent it; the referral can no longer be "
                                    "bought.", "muted", 410),
}


def outcome_page(mode: str, state: State, outcome: O | None) -> tuple[str, str, str, int]:
    if mode == ReferralMode.PAID:  # bought, not claimed: "It's yours" whenever the payment made it so
        key = "won" if state is State.YOURS else str(state)
        return PAID_PAGES.get(key) or OUTCOME_PAGES[key]
    return OUTCOME_PAGES["won" if state is State.YOURS and outcome is O.WON else str(state)]


def state_page(found: OfferState, state: State, token: str, outcome: O | None) -> web.Response:
    if state is State.OPEN:
        return html_response(open_page(found, token, outcome))
    title, text, tone, status = outcome_page(found.offer.referral.mode, state, outcome)
    detail = summary_list(found.offer)
    if state is State.YOURS and found.connectable:
        detail += connect_notice(found, outcome) + action_forms([CONNECT], token)
    return message_page(title, text, status=status, tone=tone, detail=detail)


def connect_notice(found: OfferState, outcome: O | None) -> str:
    """What a tap on the connect button did (the handler's outcome, carried on the redirect)."""
    said = tap_notice(outcome, State.YOURS)
    return f"<p class=\"notice\">{esc(said(found.offer.referral.code))}</p>" if said else ""


def calling_to_connect(code: str) -> str:
    return "We're calling you now: pick up and stay on the line to be put through to the client."


# The words a tap's outcome (carried on the redirect) adds to the page, and on which page: only where the state
# the database draws agrees, so an edited `?outcome=` proves nothing. A test requires every outcome to be here.
TAP_NOTICE: dict[O, tuple[State, Callable[[str], str]] | None] = {
    O.CALL_UNDER_WAY: (State.OPEN, replies.call_already_under_way),
    O.CONNECT_CALL_PLACED: (State.YOURS, calling_to_connect),
    **dict.fromkeys((  # the page the database draws says it all
        O.ANSWERED, O.WON, O.ALREADY_YOURS, O.TAKEN, O.EXPIRED, O.NOT_OFFERED, O.WITHDRAWN, O.DECLINED,
        O.DECLINE_WON, O.DECLINE_LOST, O.DECLINE_DECLINED, O.DECLINE_EXPIRED, O.DECLINE_CANCELLED, O.UNKNOWN_CODE,
        O.AMBIGUOUS, O.NO_OFFER, O.NOT_YOURS, O.CALL_PLACED, O.CONNECT_NOT_YOURS, O.CONNECT_NO_PHONE, O.NOT_PAID,
        O.INVOICE_REQUESTED, O.INVOICE_RESENT, O.REFUNDED_TAKEN, O.REFUNDED_EXPIRED, O.REFUNDED_NOT_OFFERED,
        O.REFUNDED_WITHDRAWN, O.INTERESTED, O.CLOSED, O.SELECTED, O.NOT_SELECTED, O.REFUSED, O.NOTHING_TO_AWARD,
        O.NOTHING_TO_AGREE, O.JOINED, O.SOLD, O.NO_SALE, O.IN_PROGRESS, O.INVALID, O.FAIL, O.NOTED,
        O.NOTHING_TO_REPORT, O.ASK_REASON, O.ASK_AMOUNT, O.TOO_SOON, O.OPTED_OUT, O.OPTED_IN, O.PAUSED,
        O.PAUSE_DATE_PASSED, O.RESUMED, O.CAPACITY_SET, O.CAPACITY_OFF,
        O.REVIEW, O.CONFIRM_ASKED, O.IGNORED_REACTION, O.IGNORED_AUTO_REPLY,
        O.IGNORED_EMPTY,
        O.IGNORED_ACK, O.UNKNOWN_SENDER, O.CLIENT_YES, O.CLIENT_NOT_YET, O.CLIENT_STOP, O.CLIENT_OTHER), None),
}


def tap_notice(outcome: O | None, state: State) -> Callable[[str], str] | None:
    notice = TAP_NOTICE[outcome] if outcome is not None else None
    return notice[1] if notice and notice[0] is state else None


def bad_link() -> web.Response:
    return message_page("Link not valid", "This claim link isn't valid. Please open the link exactly as it "
                        "was sent to you, or reply to our text message.", status=404, tone="bad")


# -- handlers ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Link:
    data: TokenData
    expired: bool  # past the token's day: show how the offer ended, never act


def read_offer_token(request: web.Request) -> Link | web.Response:
    """The link's offer, or the 404 page for a tampered or malformed token."""
    d = deps(request)
    token = request.match_info["token"]
    try:
        return Link(read_token(d.settings.secret_key, token, "offer", d.clock.now()), expired=False)
    except BadToken as exc:
        if str(exc) != "expired":
            log.info("claim link refused", reason=str(exc))
            return bad_link()
    # The signature is good, only the day has passed: read it as of the epoch to learn which offer it names.
    return Link(read_token(d.settings.secret_key, token, "offer", EPOCH), expired=True)


@routes.get("/r/{token}")
async def show_offer(request: web.Request) -> web.Response:
    link = read_offer_token(request)
    if isinstance(link, web.Response):
        return link
    d, env = deps(request), request.app[BOT_ENV]
    now = d.clock.now()
    found = await d.store.run(lambda s: load_offer(s, link.data.subject_id, env, now))
    if found is None:
        return bad_link()
    state = state_of(found, now)
    if link.expired and state is State.OPEN:  # cannot happen (the link outlives its offer); never offer it
        state = State.EXPIRED
    return state_page(found, state, request.match_info["token"], read_outcome(request.query.get("outcome", "")))


@routes.post("/r/{token}/{action:claim|call|buy|connect}")
async def act_on_offer(request: web.Request) -> web.Response:
    link = read_offer_token(request)
    if isinstance(link, web.Response):
        return link
    token = request.match_info["token"]
    if link.expired:
        raise web.HTTPSeeOther(f"/r/{token}")
    d, env = deps(request), request.app[BOT_ENV]
    now, name = d.clock.now(), request.match_info["action"]
    outcome = await d.store.run(lambda s: act_transaction(s, link.data.subject_id, name, env, now))
    if outcome is None:
        return bad_link()
    raise web.HTTPSeeOther(f"/r/{token}?outcome={outcome}")


def act_transaction(session: Session, offer_id: int, name: str, env: BotEnv, now: datetime) -> O | None:
    """Run the button's intent as if the offer's agent had texted it; returns the handler's outcome (None: there
    is no such offer)."""
    offer = referrals.offer_by_id(session, offer_id)
    if offer is None:
        return None
    action = action_named(offer, name)
    if action is None:
        return O.NOT_OFFERED  # e.g. a hand-made POST /claim on a call-first referral: nothing happens
    agent = referrals.agent_view(session.get_one(Agent, offer.agent_id))
    inbound = Inbound(Channel.WEB, sender=agent.phone, body=action.body, provider_id=f"web:{offer.id}:{uuid4().hex}",
                      received_at=now)
    handled = pipeline.handle(session, env, pipeline.Arrival(  # the page is the reply: logged inline
        inbound, agent=agent, intent=action.intent(offer.referral.code), answer=pipeline.Answer.INLINE))
    log.info("offer page action", offer_id=offer_id, action=name, outcome=handled.outcome)
    return handled.outcome


def install(app: web.Application) -> None:
    """Add the claim-link routes."""
    app.router.add_routes(routes)
