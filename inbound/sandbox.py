"""The sandbox page (`GET /sandbox`): each agent's texts, calls and emails, and a box to reply as that agent.

Only installed when a channel is in sandbox mode (`settings.any_sandbox`); otherwise `/sandbox` is a 404.

Protection: the threads include the winner's contact-details email, so a sandbox exposed by mistake must not
leak client details. The page needs ADMIN_TOKEN: open `/sandbox?token=<ADMIN_TOKEN>` once; the server answers
with a cookie and a redirect to `/sandbox` (the token leaves the address bar and history). The cookie holds an
HMAC of the admin token under SECRET_KEY, not the token itself; it is HttpOnly, SameSite=Strict (so another
site cannot make the browser POST a reply as an agent) and scoped to `/sandbox`. With no ADMIN_TOKEN set the
sandbox refuses to open at all (`referral-bot run --demo` always sets one and prints it).

A reply goes through the real inbound path: the form is turned into the signed form Twilio would POST
(`X-Twilio-Signature` over PUBLIC_BASE_URL + /twilio/sms, as the webhook checks it) and sent over HTTP to this
server's own listening socket. The webhook logs the TwiML answer in the message log, so it shows in the
thread. The "demo referral" form runs the same steps as `POST /api/referrals` with a fixed demo client.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections import defaultdict
from typing import Any

import aiohttp
import structlog
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator

from inbound import validation
from inbound.deps import BOT_ENV, DEPS, deps
from inbound.pages import esc, html_response, layout, message_page
from referral_bot.settings import Settings
from store import conversation, referrals
from store.models import Agent, Message

log = structlog.get_logger("sandbox")
routes = web.RouteTableDef()

COOKIE = "rb_sandbox"
SANDBOX_TO_NUMBER = "+15005550006"  # Twilio's magic test number, when TWILIO_FROM_NUMBER is unset
DEMO_CLIENT = {"name": "Dana Demo", "phone": "+15125550199", "email": "dana.demo@example.com"}
MAX_BODY = 1600  # Twilio's longest message
URL = re.compile(r"https?://[^\s<>\"']+")
CSS = """
main{max-width:62rem}.agents{display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:1rem}
.agents .card{margin:0}h2{font-size:1.1rem;margin:0}.who{color:#5b6677;font-size:.85rem;margin:.1rem 0 .6rem}
.scroll{display:flex;flex-direction:column-reverse;overflow-y:auto;max-height:30rem;margin:0 0 .8rem}
.thread{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.45rem}
.msg{max-width:88%;padding:.45rem .7rem;border-radius:14px;
white-space:pre-wrap;word-wrap:break-word;background:#e9ecf1}.msg.in{align-self:flex-end;background:#0b6bcb;
color:#fff}.msg.in a{color:#fff}.msg.email,.msg.voice,.msg.web{max-width:100%;border-radius:8px}
.meta{display:block;font-size:.72rem;opacity:.7;margin-top:.15rem}details pre{white-space:pre-wrap;
font:inherit;font-size:.88rem;margin:.4rem 0 0}summary{cursor:pointer;font-weight:600}
.reply{display:flex;gap:.4rem}.reply input{flex:1;font:inherit;padding:.5rem;border:1px solid #c5ccd6;
border-radius:8px;min-width:0}.reply button,.inline button{width:auto;font-size:1rem;padding:.5rem .9rem}
.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.inline label{font-size:.85rem;color:#5b6677}
.inline input,.inline select{display:block;font:inherit;padding:.4rem;border:1px solid #c5ccd6;border-radius:8px;
width:8.5rem}.flash{background:#e5f4ea;border-radius:8px;padding:.5rem .8rem}
"""


# -- protection --------------------------------------------------------------------------------
def cookie_value(settings: Settings) -> str:
    """What the cookie holds: proof of the admin token without the token itself."""
    return hmac.new(settings.secret_key.encode(), b"sandbox:" + settings.admin_token.encode(),
                    hashlib.sha256).hexdigest()


def token_ok(settings: Settings, given: str | None) -> bool:
    return bool(settings.admin_token and given) and hmac.compare_digest(
        str(given).encode(), settings.admin_token.encode())


def authorized(request: web.Request) -> bool:
    settings = deps(request).settings
    if not settings.admin_token:
        return False
    cookie = request.cookies.get(COOKIE, "")
    return token_ok(settings, request.query.get("token")) or hmac.compare_digest(
        cookie.encode(), cookie_value(settings).encode())


def refused(request: web.Request) -> web.Response:
    if not deps(request).settings.admin_token:
        return message_page("Sandbox locked", "Set ADMIN_TOKEN to use the sandbox: it shows client contact "
                            "details.", status=403, tone="bad")
    form = ("<form method=\"get\" action=\"/sandbox\" class=\"reply\"><input type=\"password\" name=\"token\" "
            "placeholder=\"ADMIN_TOKEN\" aria-label=\"Admin token\"><button type=\"submit\">Open</button></form>")
    return message_page("Sandbox", "Enter the admin token to open the sandbox.", status=401, detail=form)


def remember(request: web.Request) -> web.Response:
    """Swap `?token=` for the cookie and a clean address."""
    response = web.Response(status=303, headers={"Location": "/sandbox"})
    response.set_cookie(COOKIE, cookie_value(deps(request).settings), path="/sandbox", httponly=True,
                        samesite="Strict", secure=request.secure)
    return response


# -- the page (threads scroll from the bottom: column-reverse, no script needed) ---------------
def load_threads(session: Session) -> list[tuple[Agent, list[Message]]]:
    """Every agent with their message log, both directions, oldest first."""
    agents = list(session.scalars(select(Agent).order_by(Agent.id)))
    threads: dict[int, list[Message]] = defaultdict(list)
    query = select(Message).where(Message.agent_id.is_not(None)).order_by(Message.created_at, Message.id)
    for message in session.scalars(query):
        threads[message.agent_id].append(message)  # type: ignore[index]
    return [(agent, threads[agent.id]) for agent in agents]


def linkify(text: str) -> str:
    """Escape `text` and make its URLs (claim links) clickable."""
    parts, last = [], 0
    for match in URL.finditer(text):
        parts += [esc(text[last:match.start()]), f"<a href=\"{esc(match.group())}\">{esc(match.group())}</a>"]
        last = match.end()
    return "".join(parts) + esc(text[last:])


def meta(message: Message) -> str:
    when = message.created_at.strftime("%b %d %H:%M UTC")
    kind = f" · {message.kind}" if message.kind else ""
    return f"<span class=\"meta\">{esc(message.channel)}{esc(kind)} · {esc(message.status)} · {esc(when)}</span>"


def bubble_content(message: Message) -> str:
    if message.channel == "email":
        return (f"<details><summary>Email: {esc(message.subject or '(no subject)')}</summary>"
                f"<pre>{linkify(message.body)}</pre></details>")
    if message.channel == "voice":
        return f"Call{': ' + esc(message.body) if message.body else ''}{' ' + esc(message.url) if message.url else ''}"
    if message.channel == "web" and message.direction == "in":
        return f"Tapped Claim on the referral page ({esc(message.body)})"
    return linkify(message.body)


def bubble(message: Message) -> str:
    classes = f"msg {esc(message.direction)} {esc(message.channel)}"
    return f"<li class=\"{classes}\">{bubble_content(message)}{meta(message)}</li>"


def agent_card(agent: Agent, messages: list[Message]) -> str:
    flags = " · texts off (STOP)" if agent.sms_opted_out_at else ""
    who = f"{agent.phone} · {agent.email} · {agent.status}{flags}"
    thread = "".join(bubble(m) for m in messages) or "<li class=\"meta\">No messages yet.</li>"
    reply = (f"<form method=\"post\" action=\"/sandbox/reply\" class=\"reply\">"
             f"<input type=\"hidden\" name=\"agent_id\" value=\"{agent.id}\">"
             f"<input name=\"body\" placeholder=\"Text as {esc(agent.name.split()[0])}\" autocomplete=\"off\" "
             f"maxlength=\"{MAX_BODY}\" aria-label=\"Reply as {esc(agent.name)}\" required>"
             "<button type=\"submit\">Send</button></form>")
    return (f"<section class=\"card\" id=\"agent-{agent.id}\"><h2>{esc(agent.name)}</h2>"
            f"<p class=\"who\">{esc(who)}</p><div class=\"scroll\"><ol class=\"thread\">{thread}</ol></div>"
            f"{reply}</section>")


def demo_form() -> str:
    options = "".join(f"<option>{esc(t)}</option>" for t in validation.CLIENT_TYPES)
    fields = (f"<label>ZIP<input name=\"zip\" value=\"78704\" inputmode=\"numeric\"></label>"
              f"<label>Client<select name=\"client_type\">{options}</select></label>"
              "<label>Price from<input name=\"price_min\" value=\"400000\" inputmode=\"numeric\"></label>"
              "<label>Price to<input name=\"price_max\" value=\"500000\" inputmode=\"numeric\"></label>"
              "<label>Timeline<input name=\"timeline\" value=\"0-3 months\"></label>")
    return (f"<section class=\"card\"><h2>Put in a demo referral</h2><p class=\"who\">Client: "
            f"{esc(DEMO_CLIENT['name'])} (first come, first served). Matched agents get an offer below.</p>"
            f"<form method=\"post\" action=\"/sandbox/referral\" class=\"inline\">{fields}"
            "<button type=\"submit\">Offer it</button></form></section>")


def flash(query: Any) -> str:
    if query.get("created"):
        return (f"<p class=\"flash\">Referral #{esc(query['created'])} offered to "
                f"{esc(query.get('offered', '0'))} agents.</p>")
    if query.get("failed"):
        return f"<p class=\"flash\">The webhook answered HTTP {esc(query['failed'])}.</p>"
    return ""


def sandbox_page(settings: Settings, threads: list[tuple[Agent, list[Message]]], query: Any) -> str:
    channels = ", ".join(settings.sandboxed_channels)
    head = (f"<h1>Sandbox</h1><p class=\"who\">Sandboxed channels: {esc(channels)}. Messages are recorded "
            "here, not sent. A reply goes through the real, signed /twilio/sms webhook.</p>")
    cards = "".join(agent_card(a, m) for a, m in threads) or "<p>No agents yet.</p>"
    return layout("Sandbox", f"{head}{flash(query)}{demo_form()}<div class=\"agents\">{cards}</div>", extra_css=CSS)


@routes.get("/sandbox")
async def show(request: web.Request) -> web.Response:
    if not authorized(request):
        return refused(request)
    if "token" in request.query:
        return remember(request)
    d = deps(request)
    threads = await d.store.run(load_threads)
    return html_response(sandbox_page(d.settings, threads, request.query))


# -- reply as an agent, through the real webhook -----------------------------------------------
def twilio_form(settings: Settings, phone: str, body: str) -> dict[str, str]:
    return {"MessageSid": "SM" + secrets.token_hex(16), "AccountSid": settings.twilio_account_sid or "AC" + "0" * 32,
            "From": phone, "To": settings.twilio_from_number or SANDBOX_TO_NUMBER, "Body": body, "NumMedia": "0"}


def own_origin(request: web.Request) -> str:
    """This server's own listening socket: not the Host header (the client's to choose), nor
    PUBLIC_BASE_URL (it may name a proxy or a tunnel that doesn't lead back here)."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if isinstance(sockname, tuple) and len(sockname) >= 2:
        host = str(sockname[0])
        return f"{request.scheme}://{f'[{host}]' if ':' in host else host}:{sockname[1]}"
    return str(request.url.origin())


async def post_signed(request: web.Request, params: dict[str, str]) -> int:
    settings = deps(request).settings
    signature = RequestValidator(settings.twilio_signing_token).compute_signature(
        settings.public_url("/twilio/sms"), params)
    timeout = aiohttp.ClientTimeout(total=15)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        async with http.post(own_origin(request) + "/twilio/sms", data=params, ssl=False,
                             headers={"X-Twilio-Signature": signature}) as answer:
            await answer.read()
            return answer.status


@routes.post("/sandbox/reply")
async def reply(request: web.Request) -> web.Response:
    if not authorized(request):
        return refused(request)
    form = await request.post()
    agent_id, body = str(form.get("agent_id", "")), str(form.get("body", "")).strip()[:MAX_BODY]
    phone = await deps(request).store.run(lambda s: phone_of(s, agent_id))
    if phone is None:
        return message_page("No such agent", "That agent doesn't exist.", status=404, tone="bad")
    if body:
        status = await post_signed(request, twilio_form(deps(request).settings, phone, body))
        if status != 200:
            log.warning("sandbox reply refused by the webhook", status=status)
            raise web.HTTPSeeOther(f"/sandbox?failed={status}#agent-{agent_id}")
    raise web.HTTPSeeOther(f"/sandbox#agent-{agent_id}")


def phone_of(session: Session, agent_id: str) -> str | None:
    agent = session.get(Agent, int(agent_id)) if agent_id.isdigit() else None
    return agent.phone if agent else None


# -- a demo referral, as POST /api/referrals would put it in -----------------------------------
def whole_number(raw: Any) -> int | str | None:
    text = str(raw or "").replace(",", "").replace("$", "").strip()
    return int(text) if text.isdigit() else (text or None)  # non-digits reach validation and fail there


def demo_referral(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"client": DEMO_CLIENT, "zip": str(form.get("zip", "")).strip(),
                            "client_type": str(form.get("client_type", "buyer")), "mode": "first_come"}
    for key in ("price_min", "price_max"):
        if (value := whole_number(form.get(key))) is not None:
            data[key] = value
    if str(form.get("timeline", "")).strip():
        data["timeline"] = str(form["timeline"]).strip()
    return validation.referral_input(data)


@routes.post("/sandbox/referral")
async def put_in_referral(request: web.Request) -> web.Response:
    if not authorized(request):
        return refused(request)
    try:
        fields = demo_referral(await request.post())
    except validation.Invalid as exc:
        problems = "".join(f"<li>{esc(k)}: {esc(v)}</li>" for k, v in exc.errors.items())
        return message_page("Not a valid referral", "Fix these and try again:", status=422, tone="bad",
                            detail=f"<ul>{problems}</ul><p><a href=\"/sandbox\">Back to the sandbox</a></p>")
    d, env = deps(request), request.app[BOT_ENV]

    def work(session: Session) -> tuple[str, int]:
        now = d.clock.now()
        referral = referrals.create_referral(session, fields, now=now)
        return referral.code, conversation.publish_referral(session, referral, env, now=now)
    code, offered = await d.store.run(work)
    raise web.HTTPSeeOther(f"/sandbox?created={code}&offered={offered}")


def install(app: web.Application) -> None:
    """The sandbox exists only while some channel is sandboxed."""
    if app[DEPS].settings.any_sandbox:
        app.router.add_routes(routes)
