"""Pages of agent-to-agent referrals: the receiver's page (say you're interested; once picked, sign the fee
agreement with your typed name, the time and your IP recorded), the open referral's public share page
(the summary only), and the network invitation page. Every action goes through the same handlers as the
text replies, and every page is drawn from the database."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from aiohttp import web
from sqlalchemy.orm import Session

from bot import replies
from bot.events import AgreementSigned
from bot.intents import Claim
from bot.lifecycle import Status
from bot.messages import Channel, Inbound
from bot.model import AgentView, OfferView
from bot.outcomes import HandlerOutcome
from bot.states import OfferStatus, ReferralMode
from bot.tokens import BadToken, read_token
from inbound.deps import BOT_ENV, client_address, deps
from inbound.layout import esc, html_response, layout, message_page
from store import exchange, pipeline, referrals
from store.env import BotEnv
from store.models import Agent, NetworkLink, Referral

routes = web.RouteTableDef()
BAD_LINK = ("Link not valid", "This link is not valid or has expired.")


@dataclass(frozen=True, slots=True)
class Visit:
    offer: OfferView
    agent: AgentView
    sender: AgentView | None


def subject_id(request: web.Request, kind: str) -> int | None:
    d = deps(request)
    try:
        return read_token(d.settings.secret_key, request.match_info["token"], kind, d.clock.now()).subject_id
    except BadToken:
        return None


def load_visit(session: Session, offer_id: int) -> Visit | None:
    offer = referrals.offer_by_id(session, offer_id)
    if offer is None or not offer.referral.exchange:
        return None
    agent = pipeline.agent_by_id(session, offer.agent_id)
    sender = pipeline.agent_by_id(session, offer.referral.sender_agent_id) if offer.referral.sender_agent_id \
        else None
    return Visit(offer, agent, sender) if agent else None


def summary_card(offer: OfferView, sender: AgentView | None) -> str:
    r = offer.referral
    rows = [("Referral", f"#{r.code}"), ("Client", replies.summary_line(r)), ("From", sender.name if sender else "-"),
            ("Referral fee", replies.fee_basis(r.fee_percent, receiver=True) + " on the sale")]
    return "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows) + "</dl>"


def form(path: str, label: str, inner: str = "") -> str:
    return f'<form method="post" action="{esc(path)}">{inner}<button type="submit">{esc(label)}</button></form>'


def visit_page(visit: Visit, token: str) -> web.Response:
    """What this receiver can do now, from the referral's state."""
    r, offer, me = visit.offer.referral, visit.offer, visit.agent.id
    card = summary_card(offer, visit.sender)
    if r.winner_agent_id == me:
        return message_page("It's yours", "Agreement recorded. The client's contact details were sent to you by "
                            "email.", status=200, tone="good")
    if r.status is Status.PENDING and r.selected_agent_id == me:
        sign = ('<p><label>Type your full name to sign<br><input name="signed_name" required maxlength="200" '
                'autocomplete="name"></label></p>')
        body = (f"<section class='card'><h1>You were picked</h1>{card}<p>By signing you agree to pay the sender "
                f"a referral fee of {esc(replies.fee_basis(r.fee_percent, receiver=True))} on this sale (not "
                f"{esc(replies.percent(r.fee_percent))} of the price). The client's details are released after "
                f"you sign.</p>{form(f'/x/{token}/agree', 'I agree, sign', sign)}</section>")
        return html_response(layout("Referral agreement", body))
    if not r.available or offer.status in (OfferStatus.NOT_SELECTED, OfferStatus.LOST):
        return message_page("No longer available", f"Referral #{r.code} went to another agent.", status=200)
    if offer.status is OfferStatus.INTERESTED:
        return message_page("Interest sent", replies.interest_noted(r.code), status=200, tone="good")
    body = (f"<section class='card'><h1>New referral</h1>{card}"
            f"{form(f'/x/{token}/interest', 'I am interested')}<p class='fine'>Contact details are shared only "
            "after the sender picks you and you both agree the fee.</p></section>")
    return html_response(layout(f"Referral #{r.code}", body))


@routes.get("/x/{token}")
async def receiver_page(request: web.Request) -> web.Response:
    offer_id = subject_id(request, "offer")
    visit = await deps(request).store.run(lambda s: load_visit(s, offer_id)) if offer_id else None
    if visit is None:
        return message_page(*BAD_LINK, status=404, tone="bad")
    return visit_page(visit, request.match_info["token"])


@routes.post("/x/{token}/interest")
async def interest(request: web.Request) -> web.Response:
    d, env, offer_id = deps(request), request.app[BOT_ENV], subject_id(request, "offer")

    def work(session: Session) -> bool:
        visit = load_visit(session, offer_id) if offer_id else None
        if visit is None:
            return False
        inbound = Inbound(Channel.WEB, sender=visit.agent.phone, body="YES", received_at=d.clock.now(),
                          provider_id=f"web:{offer_id}:{uuid.uuid4().hex}")
        claim = Claim(visit.offer.referral.code)
        pipeline.handle(session, env, pipeline.Arrival(inbound, agent=visit.agent, intent=claim))
        return True
    if not await d.store.run(work):
        return message_page(*BAD_LINK, status=404, tone="bad")
    raise web.HTTPSeeOther(f"/x/{request.match_info['token']}")


@routes.post("/x/{token}/agree")
async def agree(request: web.Request) -> web.Response:
    """Sign the agreement: typed name, time and IP are recorded with it."""
    d, env, offer_id = deps(request), request.app[BOT_ENV], subject_id(request, "offer")
    name = str((await request.post()).get("signed_name", "")).strip()[:200]
    if not name:
        return message_page("Name needed", "Type your full name to sign the agreement.", status=422, tone="bad")
    ip = client_address(request)  # X-Forwarded-For only from a trusted proxy

    def work(session: Session) -> bool:
        visit = load_visit(session, offer_id) if offer_id else None
        if visit is None:
            return False
        sign_agreement(session, env, visit, name, ip, d.clock.now())
        return True
    if not await d.store.run(work):
        return message_page(*BAD_LINK, status=404, tone="bad")
    raise web.HTTPSeeOther(f"/x/{request.match_info['token']}")


def sign_agreement(session: Session, env: BotEnv, visit: Visit, name: str, ip: str, now) -> HandlerOutcome:
    referral = visit.offer.referral
    if referral.selected_agent_id != visit.agent.id:
        return HandlerOutcome.NOT_SELECTED
    signed = Inbound(Channel.WEB, sender=visit.agent.phone, body="", provider_id=f"agreement:{referral.id}",
                     received_at=now)  # the page's signed token and the agreement's own update deduplicate it
    return pipeline.handle(session, env, pipeline.Arrival(
        signed, agent=visit.agent, intent=AgreementSigned(referral, signed_name=name, signed_ip=ip),
        recorded=False)).outcome


@routes.get("/s/{token}")
async def share_page(request: web.Request) -> web.Response:
    """An open referral's public page: area, type, price range, timeline, fee. Never the client."""
    referral_id = subject_id(request, "share")

    def work(session: Session) -> tuple[OfferView | None, AgentView | None]:
        referral = session.get(Referral, referral_id) if referral_id else None
        if referral is None or referral.mode != ReferralMode.OPEN:
            return None, None
        summary = referrals.summary(referral)
        fake_offer = OfferView(0, 0, OfferStatus.OPEN, "web", referral.created_at, referral.created_at, summary)
        sender = pipeline.agent_by_id(session, referral.sender_agent_id) if referral.sender_agent_id else None
        return fake_offer, sender
    offer, sender = await deps(request).store.run(work)
    if offer is None:
        return message_page(*BAD_LINK, status=404, tone="bad")
    state = "Taking interest" if offer.referral.available else "Closed"
    body = (f"<section class='card'><h1>Open referral #{esc(offer.referral.code)}</h1>{summary_card(offer, sender)}"
            f"<p>{esc(state)}. Agents covering {esc(offer.referral.zip_code)} got this referral by text; reply YES "
            "to it to say you're interested.</p></section>")
    return html_response(layout(f"Open referral #{offer.referral.code}", body))


@routes.get("/n/{token}")
async def invitation_page(request: web.Request) -> web.Response:
    link_id = subject_id(request, "invite")

    def work(session: Session) -> tuple[NetworkLink | None, Agent | None]:
        link = session.get(NetworkLink, link_id) if link_id else None
        return link, session.get(Agent, link.owner_agent_id) if link else None
    link, owner = await deps(request).store.run(work)
    if link is None or owner is None:
        return message_page(*BAD_LINK, status=404, tone="bad")
    if link.status == "accepted":
        return message_page("You're in", f"You are in {owner.name}'s referral network.", status=200, tone="good")
    accept = form("/n/" + request.match_info["token"], "Accept invitation")
    body = (f"<section class='card'><h1>Join {esc(owner.name)}'s network</h1><p>{esc(owner.name)} would like to "
            f"send you referrals.</p>{accept}</section>")
    return html_response(layout("Network invitation", body))


@routes.post("/n/{token}")
async def accept_invitation(request: web.Request) -> web.Response:
    d, link_id = deps(request), subject_id(request, "invite")
    if link_id is None:
        return message_page(*BAD_LINK, status=404, tone="bad")
    await d.store.run(lambda s: exchange.accept(s, link_id, now=d.clock.now()))
    raise web.HTTPSeeOther(f"/n/{request.match_info['token']}")


def install(app: web.Application) -> None:
    app.router.add_routes(routes)
