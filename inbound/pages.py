"""The claim-link page: `GET /r/{token}` shows a referral offer, `POST /r/{token}/claim` claims it.

The token (bot.tokens, kind "offer") is signed, expiring and bound to one offer, so it is the agent's
credential: whoever holds the link acts as the offer's agent. A tampered or malformed token gets a 404 page,
an expired one a 410 page; neither touches the store.

A tap on Claim is an inbound message like a text: the POST builds `Inbound(channel=WEB, body="YES")` from the
offer's agent and runs `conversation.handle_inbound` with `Claim(ref=code)` in one transaction, so the web and
SMS paths share the exclusive claim, the winner's contact email and the confirmation text. The POST answers
with a redirect (POST-redirect-GET): a refresh re-reads the state and never claims twice.

The GET page is drawn from the database state (yours / taken / expired / closed / open); the `outcome` query
parameter only picks the wording of a state the database confirms ("It's yours" right after winning,
"Already yours" later), so editing it cannot make the page say anything untrue.

Pages show only the offerable summary (area, client type, price range, timeline, code): nothing here reads
the client's contact table. HTML is built in Python with `html.escape` on every value; no external assets.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Callable
from uuid import uuid4

import structlog
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import replies
from bot.intents import Claim
from bot.lifecycle import Status as ReferralStatus
from bot.messages import Channel, Inbound
from bot.model import OfferView
from bot.tokens import BadToken, TokenData, read_token
from inbound.deps import BOT_ENV, deps
from store import conversation, referrals
from store.conversation import BotEnv
from store.models import Agent, Referral

log = structlog.get_logger("pages")
routes = web.RouteTableDef()

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
}
CSS = """
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1d2430;background:#f3f5f8}main{max-width:34rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:14px;padding:1.25rem 1.25rem 1rem;box-shadow:0 1px 4px #0002;margin:1rem 0}
h1{font-size:1.45rem;margin:.2rem 0 .8rem}.kicker{color:#5b6677;font-size:.9rem;margin:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;margin:0 0 1rem}dt{color:#5b6677}
dd{margin:0;font-weight:600}
button,.button{display:block;width:100%;font:inherit;font-weight:700;font-size:1.1rem;padding:.85rem;border:0;
border-radius:10px;background:#0b6bcb;color:#fff;cursor:pointer;text-align:center;text-decoration:none}
button:active{background:#09539e}.fine{color:#5b6677;font-size:.85rem}
.good h1{color:#17733a}.bad h1{color:#a23b12}.muted h1{color:#5b6677}
"""


# -- layout (shared with the sandbox page) -----------------------------------------------------
def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def layout(title: str, body: str, *, extra_css: str = "") -> str:
    """A whole HTML document: viewport for phones, inline CSS, no external assets."""
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{CSS}{extra_css}</style></head>"
            f"<body><main>{body}</main></body></html>")


def html_response(document: str, status: int = 200) -> web.Response:
    return web.Response(text=document, status=status, content_type="text/html", charset="utf-8",
                        headers=SECURITY_HEADERS)


def message_page(title: str, text: str, *, status: int, tone: str = "muted", detail: str = "") -> web.Response:
    card = f"<section class=\"card {esc(tone)}\"><h1>{esc(title)}</h1><p>{esc(text)}</p>{detail}</section>"
    return html_response(layout(title, card), status)


# -- what the offer's page offers: one place per referral mode ---------------------------------
@dataclass(frozen=True, slots=True)
class Action:
    """A button on the offer page: a POST to `path`."""

    label: str
    path: str


def claim_path(token: str) -> str:
    return f"/r/{token}/claim"


# first_come: Claim. Later issues add "call_first" -> "Call me to claim referral" (POST /r/{token}/call)
# and "paid" -> "Buy" (POST /r/{token}/buy); until then those modes show HINTS instead of a button.
ACTIONS: dict[str, Callable[[str], list[Action]]] = {
    "first_come": lambda token: [Action("Claim referral", claim_path(token))],
}
HINTS = {
    "call_first": "Reply CALL to our text and we'll call you; press 1 after the short recording to claim it.",
    "paid": "Reply INVOICE to our email to buy this referral.",
}


def actions_for(offer: OfferView, token: str) -> list[Action]:
    """The buttons for this offer's referral mode (none for modes whose web flow isn't built yet)."""
    build = ACTIONS.get(offer.referral.mode)
    return build(token) if build else []


def claimable_on_web(offer: OfferView) -> bool:
    return offer.referral.mode in ACTIONS


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
    offer: OfferView
    winner_agent_id: int | None


def load_offer(session: Session, offer_id: int) -> OfferState | None:
    offer = referrals.offer_by_id(session, offer_id)
    if offer is None:
        return None
    winner = session.scalar(select(Referral.winner_agent_id).where(Referral.id == offer.referral.id))
    return OfferState(offer, winner)


def state_of(found: OfferState, now: datetime) -> State:
    """Where the offer stands for its agent; a winner is reported before expiry (it says more)."""
    offer, winner = found.offer, found.winner_agent_id
    if winner is not None:
        return State.YOURS if winner == offer.agent_id else State.TAKEN
    if offer.status == "expired" or offer.expired(now):
        return State.EXPIRED
    if offer.referral.status != CLAIMABLE:
        return State.CLOSED
    return State.OPEN


# -- rendering ---------------------------------------------------------------------------------
def summary_list(offer: OfferView) -> str:
    summary = offer.referral
    rows = [("Area", f"ZIP {summary.zip_code}"), ("Client", summary.client_type.capitalize()),
            ("Price", replies.price_range(summary) or "Not given"), ("Timeline", summary.timeline or "Not given"),
            ("Code", f"#{summary.code}")]
    return "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows) + "</dl>"


def action_forms(actions: list[Action]) -> str:
    return "".join(f"<form method=\"post\" action=\"{esc(a.path)}\"><button type=\"submit\">{esc(a.label)}</button>"
                   "</form>" for a in actions)


def open_page(offer: OfferView, token: str) -> str:
    actions = actions_for(offer, token)
    how = action_forms(actions) if actions else f"<p>{esc(HINTS.get(offer.referral.mode, ''))}</p>"
    expires = offer.expires_at.strftime("%b %d, %Y").replace(" 0", " ")
    body = (f"<section class=\"card\"><p class=\"kicker\">Referral #{esc(offer.referral.code)}</p>"
            f"<h1>New referral for you</h1>{summary_list(offer)}{how}"
            "<p class=\"fine\">The first agent to claim it gets the client's contact details by email. "
            f"This offer expires {esc(expires)}.</p></section>")
    return layout(f"Referral #{offer.referral.code}", body)


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


def state_page(found: OfferState, state: State, token: str, outcome: str) -> web.Response:
    if state is State.OPEN:
        return html_response(open_page(found.offer, token))
    key = "won" if state is State.YOURS and outcome == "won" else str(state)
    title, text, tone, status = OUTCOME_PAGES[key]
    detail = summary_list(found.offer)
    return message_page(title, text, status=status, tone=tone, detail=detail)


def bad_link() -> web.Response:
    return message_page("Link not valid", "This claim link isn't valid. Please open the link exactly as it "
                        "was sent to you, or reply to our text message.", status=404, tone="bad")


def expired_link() -> web.Response:
    title, text, tone, status = OUTCOME_PAGES["expired"]
    return message_page(title, text, status=status, tone=tone)


# -- handlers ----------------------------------------------------------------------------------
def read_offer_token(request: web.Request) -> TokenData | web.Response:
    """The token's data, or the page to answer with (404 bad link, 410 expired link)."""
    d = deps(request)
    try:
        return read_token(d.settings.secret_key, request.match_info["token"], "offer", d.clock.now())
    except BadToken as exc:
        log.info("claim link refused", reason=str(exc))
        return expired_link() if str(exc) == "expired" else bad_link()


@routes.get("/r/{token}")
async def show_offer(request: web.Request) -> web.Response:
    data = read_offer_token(request)
    if isinstance(data, web.Response):
        return data
    d = deps(request)
    found = await d.store.run(lambda s: load_offer(s, data.subject_id))
    if found is None:
        return bad_link()
    state = state_of(found, d.clock.now())
    return state_page(found, state, request.match_info["token"], request.query.get("outcome", ""))


@routes.post("/r/{token}/claim")
async def claim_offer(request: web.Request) -> web.Response:
    data = read_offer_token(request)
    if isinstance(data, web.Response):
        return data
    d, env = deps(request), request.app[BOT_ENV]
    now = d.clock.now()
    outcome = await d.store.run(lambda s: claim_transaction(s, data.subject_id, env, now))
    if outcome == "missing":
        return bad_link()
    raise web.HTTPSeeOther(f"/r/{request.match_info['token']}?outcome={outcome}")


def claim_transaction(session: Session, offer_id: int, env: BotEnv, now: datetime) -> str:
    """Claim as if the offer's agent had texted YES; returns the handler's outcome ("won", "taken", ...)."""
    offer = referrals.offer_by_id(session, offer_id)
    if offer is None:
        return "missing"
    if not claimable_on_web(offer):
        return "not_claimable"
    agent = referrals.agent_view(session.get_one(Agent, offer.agent_id))
    inbound = Inbound(Channel.WEB, sender=agent.phone, body="YES", provider_id=f"web:{offer.id}:{uuid4().hex}",
                      received_at=now)
    handled = conversation.handle_inbound(session, inbound, env, agent=agent, intent=Claim(ref=offer.referral.code))
    conversation.log_reply(session, handled, inbound)  # the page is the reply; the log shows what it said
    if handled.outcome not in ("won", "already_yours", "taken", "expired"):
        log.warning("unexpected claim outcome", offer_id=offer_id, outcome=handled.outcome)
    return handled.outcome


def install(app: web.Application) -> None:
    """Add the claim-link routes, and the sandbox's when a channel is sandboxed."""
    from inbound import sandbox  # imported here: the sandbox renders with this module's layout

    app.router.add_routes(routes)
    sandbox.install(app)
