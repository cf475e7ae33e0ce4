"""The sandbox page (`GET /sandbox`): each agent's texts, calls and emails, and a box to reply as that agent.

Only installed when every channel is sandboxed or SANDBOX=1 (`settings.sandbox_enabled`); otherwise `/sandbox`
is a 404. Who may open it, and how (the admin token in a POST or a short-lived signed code, then an expiring
cookie; never the token in a query string), is `inbound.sandbox.access`.

A reply goes through the real inbound path: the form is turned into the signed form Twilio would POST
(`X-Twilio-Signature` over PUBLIC_BASE_URL + /twilio/sms, as the webhook checks it) and sent over HTTP to this
server's own listening socket. The webhook logs the TwiML answer in the message log, so it shows in the
thread. The "demo referral" form runs the same steps as `POST /api/referrals` with a fixed demo client, in
any of the modes the offer page knows (first come, call to claim, paid).

Calls (voice sandboxed): a call the bot placed and that is still under way rings on the agent's panel. Answer
posts to the call's real answer URL, signed as Twilio would sign it, reads the TwiML that comes back and shows
each `<Say>` as text; a `<Gather>` becomes a keypad whose keys post `Digits` to its action URL ("Stay silent"
posts without them, to the `<Redirect>`), until the call hangs up; then `/twilio/voice/status` hears
`completed`. Decline posts `no-answer`. The call's state (its SID, the next URL) lives in the page's form
fields, never in this process. The "Reply by email" box sends a real email, from the agent to the Reply-To of
their latest email, to the inbound SMTP server (SMTP_HOST:SMTP_PORT), so report-back by email can be tried.
"""
from __future__ import annotations

import hashlib
import re
import secrets
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import aiosmtplib
import structlog
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator
from yarl import URL as YURL

from bot.messages import EmailHeaders
from bot.states import MessageStatus
from inbound.deps import BOT_ENV, DEPS, deps, own_origin
from inbound.layout import esc, html_response, layout, message_page
from inbound.sandbox import access as sandbox_access
from inbound.sandbox.access import authorized, refused
from store import calls, conversation, referrals, validation
from store.messages import FINAL
from store.models import Agent, ClientCheck, Message, OutboxRow, Referral, ReferralContact
from store.settings import Settings

log = structlog.get_logger("sandbox")
routes = web.RouteTableDef()

SANDBOX_TO_NUMBER = "+15005550006"  # Twilio's magic test number, when TWILIO_FROM_NUMBER is unset
SANDBOX_ACCOUNT_SID = "AC" + "0" * 32
DEMO_CLIENT = {"name": "Dana Demo", "phone": "+15125550199", "email": "dana.demo@example.com"}
DEMO_MODES = {"first_come": "First come", "call_first": "Call to claim", "paid": "Paid"}
MAX_BODY = 1600  # Twilio's longest message
MAX_EMAIL_TEXT = 4000
KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")  # a phone's keypad, in its order
CALL_SID = re.compile(r"CA[0-9a-f]{32}")
SANDBOX_MAIL_DOMAIN = "sandbox.referral-bot.test"
TAPPED = {"YES": "Claim", "CALL": "Call me", "INVOICE": "Buy"}
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
border-radius:8px;min-width:0}.reply button,.inline button,.call button{width:auto;font-size:1rem;padding:.5rem .9rem;
margin:0}.email-reply{margin-top:.5rem}
.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.inline label{font-size:.85rem;color:#5b6677}
.inline input,.inline select{display:block;font:inherit;padding:.4rem;border:1px solid #c5ccd6;border-radius:8px;
width:8.5rem}.flash{background:#e5f4ea;border-radius:8px;padding:.5rem .8rem}
.call{border:2px solid #0b6bcb;border-radius:10px;padding:.5rem .8rem;margin:0 0 .8rem}
.call.ringing{border-color:#17733a;background:#eefaf2}.call .inline{align-items:center}.call p{margin:.2rem 0 .5rem}
.said{margin:.2rem 0 .6rem;padding-left:1.2rem}.said li{margin:.2rem 0;font-style:italic}
.keypad{display:grid;grid-template-columns:repeat(3,3.4rem);gap:.4rem;margin:.3rem 0 .6rem}
.call .keypad button{width:3.4rem;padding:.55rem 0;font-size:1.15rem}
"""


def small_int(raw: object) -> int | None:
    """A form's id field as an int, or None (never a number the database would choke on)."""
    text = str(raw or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


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
        return f"Pressed {esc(message.body)} on the call" if message.direction == "in" else f"Call: {esc(message.body)}"
    if message.channel == "stripe":
        return f"Stripe: {esc(message.body)}"
    if message.channel == "web" and message.direction == "in":
        return f"Tapped {esc(TAPPED.get(message.body, message.body))} on the referral page"
    return linkify(message.body)


def bubble(message: Message) -> str:
    classes = f"msg {esc(message.direction)} {esc(message.channel)}"
    return f"<li class=\"{classes}\">{bubble_content(message)}{meta(message)}</li>"


@dataclass(frozen=True, slots=True)
class CallStep:
    """An answered call after one webhook step: what was said, and where a key or silence goes next."""

    message_id: int
    agent_id: int
    call_sid: str
    said: tuple[str, ...] = ()
    gather: str | None = None   # the <Gather action>: where a key goes
    silence: str | None = None  # the <Redirect> (or the Gather's action): where no key goes
    problem: str | None = None
    dial: str | None = None     # live connect: the <Dial action> (where the client leg's outcome goes)
    whisper: str | None = None  # live connect: the <Number url> the client hears on answering
    client_said: tuple[str, ...] = ()  # what the client heard (the whisper), once they answered

    @property
    def ended(self) -> bool:
        return self.gather is None and self.silence is None and self.dial is None


def agent_card(agent: Agent, messages: list[Message], *, now: datetime, calls_on: bool,
               live: CallStep | None) -> str:
    flags = " · texts off (STOP)" if agent.sms_opted_out_at else ""
    who = f"{agent.phone} · {agent.email} · {agent.status}{flags}"
    thread = "".join(bubble(m) for m in messages) or "<li class=\"meta\">No messages yet.</li>"
    reply = (f"<form method=\"post\" action=\"/sandbox/reply\" class=\"reply\">"
             f"<input type=\"hidden\" name=\"agent_id\" value=\"{agent.id}\">"
             f"<input name=\"body\" placeholder=\"Text as {esc(agent.name.split()[0])}\" autocomplete=\"off\" "
             f"maxlength=\"{MAX_BODY}\" aria-label=\"Reply as {esc(agent.name)}\" required>"
             "<button type=\"submit\">Send</button></form>")
    phone = call_panel(messages, now, live if live and live.agent_id == agent.id else None) if calls_on else ""
    return (f"<section class=\"card\" id=\"agent-{agent.id}\"><h2>{esc(agent.name)}</h2>"
            f"<p class=\"who\">{esc(who)}</p><div class=\"scroll\"><ol class=\"thread\">{thread}</ol></div>"
            f"{phone}{reply}{email_form(agent, messages)}</section>")


def demo_form() -> str:
    options = "".join(f"<option>{esc(t)}</option>" for t in validation.CLIENT_TYPES)
    modes = "".join(f"<option value=\"{esc(k)}\">{esc(v)}</option>" for k, v in DEMO_MODES.items())
    fields = (f"<label>ZIP<input name=\"zip\" value=\"78704\" inputmode=\"numeric\"></label>"
              f"<label>Client<select name=\"client_type\">{options}</select></label>"
              "<label>Price from<input name=\"price_min\" value=\"400000\" inputmode=\"numeric\"></label>"
              "<label>Price to<input name=\"price_max\" value=\"500000\" inputmode=\"numeric\"></label>"
              "<label>Timeline<input name=\"timeline\" value=\"0-3 months\"></label>"
              f"<label>Mode<select name=\"mode\">{modes}</select></label>"
              "<label>Paid: price $<input name=\"price\" value=\"150\" inputmode=\"numeric\"></label>")
    return (f"<section class=\"card\"><h2>Put in a demo referral</h2><p class=\"who\">Client: "
            f"{esc(DEMO_CLIENT['name'])}. Matched agents get an offer below.</p>"
            f"<form method=\"post\" action=\"/sandbox/referral\" class=\"inline\">{fields}"
            "<button type=\"submit\">Offer it</button></form></section>")


MAIL_FLASH = {
    "sent": "Email sent to the inbound SMTP server at {where}; refresh in a moment to see what it did.",
    "unreachable": "Email not sent: nothing answered at the inbound SMTP server {where}. Is it running? "
                   "(referral-bot run starts it.)",
    "refused": "Email not sent: the inbound SMTP server at {where} refused it.",
}


def flash(query: Any, settings: Settings) -> str:
    if query.get("created"):
        return (f"<p class=\"flash\">Referral #{esc(query['created'])} offered to "
                f"{esc(query.get('offered', '0'))} agents.</p>")
    if query.get("failed"):
        return f"<p class=\"flash\">The webhook answered HTTP {esc(query['failed'])}.</p>"
    if query.get("mail") in MAIL_FLASH:
        where = f"{settings.smtp_host}:{settings.smtp_port}"
        return f"<p class=\"flash\">{esc(MAIL_FLASH[query['mail']].format(where=where))}</p>"
    return ""


@dataclass(frozen=True, slots=True)
class ClientThread:
    """A client asked whether the winner reached them: the question, the answer so far."""

    referral_id: int
    code: str
    question: str
    status: str


def load_clients(session: Session) -> list[ClientThread]:
    rows = session.execute(select(ClientCheck, Referral.code, Message.body)
                           .join(Referral, Referral.id == ClientCheck.referral_id)
                           .join(Message, (Message.referral_id == ClientCheck.referral_id)
                                 & (Message.kind == "client_check"))
                           .order_by(ClientCheck.referral_id))
    return [ClientThread(check.referral_id, code, body, check.status) for check, code, body in rows]


def clients_panel(clients: list[ClientThread]) -> str:
    """The client's side: answer the check as the client would, through the real /twilio/sms webhook."""
    if not clients:
        return ""
    cards = "".join(
        f"<div class=\"client\" id=\"client-{c.referral_id}\"><p><b>Client of #{esc(c.code)}</b> · "
        f"{esc(c.status)}</p><p class=\"bubble\">{esc(c.question)}</p>"
        f"<form method=\"post\" action=\"/sandbox/client-reply\" class=\"inline\">"
        f"{hidden(referral_id=c.referral_id)}"
        + "".join(f"<button type=\"submit\" name=\"body\" value=\"{b}\">{b}</button>" for b in ("1", "2", "STOP"))
        + "</form></div>" for c in clients)
    return f"<h2>Clients</h2><div class=\"clients\">{cards}</div>"


def sandbox_page(settings: Settings, threads: list[tuple[Agent, list[Message]]], query: Any, now: datetime,
                 live: CallStep | None = None, clients: Sequence[ClientThread] = ()) -> str:
    channels = ", ".join(settings.sandboxed_channels)
    head = (f"<h1>Sandbox</h1><p class=\"who\">Sandboxed channels: {esc(channels)}. Messages are recorded "
            "here, not sent. A reply goes through the real, signed /twilio/sms webhook.</p>")
    cards = "".join(agent_card(a, m, now=now, calls_on=settings.sms_sandboxed, live=live)
                    for a, m in threads) or "<p>No agents yet.</p>"
    return layout("Sandbox", f"{head}{flash(query, settings)}{demo_form()}<div class=\"agents\">{cards}</div>"
                  f"{clients_panel(list(clients))}", extra_css=CSS)


@routes.get("/sandbox")
async def show(request: web.Request) -> web.Response:
    if not authorized(request):
        return refused(request)
    d = deps(request)
    threads = await d.store.run(load_threads)
    clients = await d.store.run(load_clients)
    return html_response(sandbox_page(d.settings, threads, request.query, d.clock.now(), clients=clients))


# -- reply as an agent, through the real webhook -----------------------------------------------
def twilio_form(settings: Settings, phone: str, body: str) -> dict[str, str]:
    return {"MessageSid": "SM" + secrets.token_hex(16),
            "AccountSid": settings.twilio_account_sid or SANDBOX_ACCOUNT_SID, "From": phone,
            "To": settings.twilio_caller_id or SANDBOX_TO_NUMBER, "Body": body, "NumMedia": "0"}


async def post_twilio(request: web.Request, path_qs: str, params: dict[str, str]) -> tuple[int, str]:
    """POST `params` to this server's `path_qs`, signed as Twilio signs: over PUBLIC_BASE_URL + path_qs."""
    settings = deps(request).settings
    signature = RequestValidator(settings.twilio_signing_token).compute_signature(
        settings.public_url(path_qs), params)
    timeout = aiohttp.ClientTimeout(total=15)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        async with http.post(YURL(own_origin(request) + path_qs, encoded=True), data=params, ssl=False,
                             headers={"X-Twilio-Signature": signature}) as answer:
            return answer.status, await answer.text()


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
        status, _ = await post_twilio(request, "/twilio/sms", twilio_form(deps(request).settings, phone, body))
        if status != 200:
            log.warning("sandbox reply refused by the webhook", status=status)
            raise web.HTTPSeeOther(f"/sandbox?failed={status}#agent-{agent_id}")
    raise web.HTTPSeeOther(f"/sandbox#agent-{agent_id}")


@routes.post("/sandbox/client-reply")
async def client_reply(request: web.Request) -> web.Response:
    """Answer as the client: the phone is looked up here, never carried by the page's form."""
    if not authorized(request):
        return refused(request)
    form = await request.post()
    referral_id, body = small_int(form.get("referral_id")), str(form.get("body", ""))
    phone = await deps(request).store.run(
        lambda s: s.scalar(select(ReferralContact.phone).where(ReferralContact.referral_id == referral_id)))
    if phone is None or body not in ("1", "2", "STOP"):
        return message_page("No such client", "That client wasn't asked anything.", status=404, tone="bad")
    status, _ = await post_twilio(request, "/twilio/sms", twilio_form(deps(request).settings, phone, body))
    raise web.HTTPSeeOther(f"/sandbox{'' if status == 200 else f'?failed={status}'}#client-{referral_id}")


def phone_of(session: Session, agent_id: str) -> str | None:
    agent_key = small_int(agent_id)
    agent = session.get(Agent, agent_key) if agent_key is not None else None
    return agent.phone if agent else None


# -- calls: ringing on the agent's panel, answered through the real voice webhooks -------------
@dataclass(frozen=True, slots=True)
class Call:
    """A call the bot placed, as the message log has it."""

    message_id: int
    agent_id: int
    to: str
    answer_url: str
    provider_id: str | None  # the SID the (sandbox) provider gave it when it was placed


def ringing(message: Message, now: datetime) -> bool:
    """A call still under way in the sense of store.calls.call_in_progress: queued or placed, not ended."""
    return (message.channel, message.direction, message.kind) == ("voice", "out", "call") and bool(message.url) \
        and message.status not in FINAL and message.status != MessageStatus.FAILED \
        and message.created_at > now - calls.CALL_WINDOW


def call_sid(message_id: int) -> str:
    """The CallSid Twilio would send with each step: fixed per call, so every step is keyed the same way."""
    return "CA" + hashlib.sha256(f"sandbox-call:{message_id}".encode()).hexdigest()[:32]


def hidden(**fields: object) -> str:
    return "".join(f"<input type=\"hidden\" name=\"{esc(k)}\" value=\"{esc(v)}\">" for k, v in fields.items())


def ringing_call(message: Message) -> str:
    fields = hidden(message_id=message.id)
    return (f"<div class=\"call ringing\" id=\"call-{message.id}\"><p><b>RINGING</b> · {esc(message.body)}</p>"
            f"<div class=\"inline\"><form method=\"post\" action=\"/sandbox/call/answer#agent-{message.agent_id}\">"
            f"{fields}<button type=\"submit\">Answer</button></form><form method=\"post\" "
            f"action=\"/sandbox/call/decline\">{fields}<button type=\"submit\" class=\"secondary\">Decline</button>"
            "</form></div></div>")


def live_call(step: CallStep) -> str:
    said = "".join(f"<li>{esc(text)}</li>" for text in step.said)
    action, back = f"/sandbox/call/step#agent-{step.agent_id}", f"/sandbox#agent-{step.agent_id}"
    if step.problem or step.ended:
        ending = f"<p class=\"flash\">{esc(step.problem)}</p>" if step.problem else "<p><b>Call ended.</b></p>"
        controls = f"{ending}<p><a href=\"{back}\">Back to the sandbox</a></p>"
    else:
        keys = "".join(f"<button type=\"submit\" name=\"digits\" value=\"{esc(k)}\">{esc(k)}</button>" for k in KEYS)
        keypad = (f"<form method=\"post\" action=\"{action}\" class=\"keypad\">"
                  f"{hidden(message_id=step.message_id, call_sid=step.call_sid, url=step.gather)}{keys}</form>"
                  if step.gather else "")
        silent = (f"<form method=\"post\" action=\"{action}\">"
                  f"{hidden(message_id=step.message_id, call_sid=step.call_sid, url=step.silence or step.gather)}"
                  "<button type=\"submit\" class=\"secondary\">Stay silent</button></form>")
        controls = client_leg(step) if step.dial else keypad + silent
    return (f"<div class=\"call live\" id=\"call-{step.message_id}\"><p><b>On the call</b> "
            f"<span class=\"meta\">{esc(step.call_sid)}</span></p><ol class=\"said\">{said}</ol>{controls}</div>")


CLIENT_LEG = {"human": "Answer as the client", "busy": "Client busy", "no-answer": "Client doesn't answer",
              "machine": "Voicemail answers", "completed": "Hang up the bridge"}


def client_leg(step: CallStep) -> str:
    """The client's phone in a live connect: ringing (answer, busy, no answer, voicemail) or bridged."""
    choices = ("completed",) if step.client_said else ("human", "busy", "no-answer", "machine")
    fields = hidden(message_id=step.message_id, call_sid=step.call_sid, dial=step.dial, whisper=step.whisper or "")
    buttons = "".join(f"<button type=\"submit\" name=\"outcome\" value=\"{esc(c)}\">{esc(CLIENT_LEG[c])}</button>"
                      for c in choices)
    heard = "".join(f"<li>{esc(text)}</li>" for text in step.client_said)
    state = (f"<p><b>Client leg: talking</b></p><ol class=\"said client\">{heard}</ol>" if step.client_said
             else "<p><b>Client leg: ringing the client</b> (their number stays hidden)</p>")
    return (f"<div class=\"client-leg\">{state}<form method=\"post\" action=\"/sandbox/call/client"
            f"#agent-{step.agent_id}\" class=\"inline\">{fields}{buttons}</form></div>")


def call_panel(messages: list[Message], now: datetime, live: CallStep | None) -> str:
    others = "".join(ringing_call(m) for m in messages if ringing(m, now) and not (live and m.id == live.message_id))
    return (live_call(live) if live else "") + others


def load_call(session: Session, raw_id: object) -> Call | None:
    message_id = small_int(raw_id)
    message = session.get(Message, message_id) if message_id is not None else None
    if message is None or (message.channel, message.direction, message.kind) != ("voice", "out", "call") \
            or not message.url or message.agent_id is None:
        return None
    return Call(message.id, message.agent_id, message.to_addr, message.url, message.provider_id)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def voice_form(settings: Settings, call: Call, sid: str, **fields: str) -> dict[str, str]:
    """What Twilio posts for an outbound call: From is our number, To the agent's."""
    return {"CallSid": sid, "AccountSid": settings.twilio_account_sid or SANDBOX_ACCOUNT_SID,
            "From": settings.twilio_caller_id or SANDBOX_TO_NUMBER, "To": call.to, "Direction": "outbound-api",
            "CallStatus": "in-progress", **fields}


def read_twiml(text: str, call: Call, sid: str) -> CallStep:
    root = ET.fromstring(text)
    gather, redirect = root.find("Gather"), root.find("Redirect")
    action = gather.get("action") if gather is not None else None
    silence = (redirect.text or "").strip() if redirect is not None else action
    said = tuple((say.text or "").strip() for say in root.iter("Say"))
    if root.find("Hangup") is not None:
        action = silence = None
    dial, number = root.find("Dial"), root.find("Dial/Number")  # the client's number is never shown
    return CallStep(call.message_id, call.agent_id, sid, said, action, silence,
                    dial=dial.get("action") if dial is not None else None,
                    whisper=number.get("url") if number is not None else None)


async def call_step(request: web.Request, call: Call, sid: str, path_qs: str, **fields: str) -> CallStep:
    """One webhook step of the call; when the TwiML ends the call, Twilio's `completed` status follows."""
    status, text = await post_twilio(request, path_qs, voice_form(deps(request).settings, call, sid, **fields))
    try:
        step = read_twiml(text, call, sid) if status == 200 else None
    except ET.ParseError:
        step = None
    if step is None:
        log.warning("sandbox call step refused by the webhook", status=status, path=path_qs.split("?")[0])
        return CallStep(call.message_id, call.agent_id, sid, problem=f"The voice webhook answered HTTP {status}.")
    if step.ended:
        await post_call_status(request, call, sid, "completed")
    return step


async def post_call_status(request: web.Request, call: Call, sid: str, status: str) -> int:
    """The status callback names the call by the SID the provider gave it when placing it (the message
    log's provider id), which is how /twilio/voice/status finds it; a call not placed yet has none."""
    form = voice_form(deps(request).settings, call, call.provider_id or sid, CallStatus=status)
    return (await post_twilio(request, "/twilio/voice/status", form))[0]


async def posted_call(request: web.Request) -> tuple[Call, Any] | web.Response:
    """The call a sandbox call form is about, or the page to answer with."""
    if not authorized(request):
        return refused(request)
    d = deps(request)
    if not d.settings.sms_sandboxed:
        return message_page("Calls are real", "Voice isn't sandboxed here: calls ring real phones.", status=409)
    form = await request.post()
    call = await d.store.run(lambda s: load_call(s, form.get("message_id")))
    if call is None:
        return message_page("No such call", "That call doesn't exist.", status=404, tone="bad")
    return call, form


async def show_step(request: web.Request, step: CallStep) -> web.Response:
    d = deps(request)
    threads = await d.store.run(load_threads)
    return html_response(sandbox_page(d.settings, threads, {}, d.clock.now(), live=step))


@routes.post("/sandbox/call/answer")
async def answer_call(request: web.Request) -> web.Response:
    posted = await posted_call(request)
    if isinstance(posted, web.Response):
        return posted
    call, _ = posted
    if urlsplit(call.answer_url).path not in ("/twilio/voice/answer", "/twilio/voice/bridge"):
        return message_page("No such call", "That call has no answer URL.", status=404, tone="bad")
    step = await call_step(request, call, call_sid(call.message_id), path_of(call.answer_url), AnsweredBy="human")
    return await show_step(request, step)


@routes.post("/sandbox/call/step")
async def press(request: web.Request) -> web.Response:
    """A key (Digits) or silence (no Digits) on an answered call, posted to where the last TwiML said."""
    posted = await posted_call(request)
    if isinstance(posted, web.Response):
        return posted
    call, form = posted
    sid, url, digits = str(form.get("call_sid", "")), str(form.get("url", "")), str(form.get("digits", ""))
    if not CALL_SID.fullmatch(sid) or urlsplit(url).path not in ("/twilio/voice/gather", "/twilio/voice/connect") \
            or digits not in ("", *KEYS):
        return message_page("Not a call step", "That keypress doesn't belong to a call.", status=400, tone="bad")
    step = await call_step(request, call, sid, path_of(url), **({"Digits": digits} if digits else {}))
    return await show_step(request, step)


@routes.post("/sandbox/call/client")
async def client_leg_outcome(request: web.Request) -> web.Response:
    """The client's side of a live connect, through the real whisper and Dial-action webhooks."""
    posted = await posted_call(request)
    if isinstance(posted, web.Response):
        return posted
    call, form = posted
    sid, dial, whisper = str(form.get("call_sid", "")), str(form.get("dial", "")), str(form.get("whisper", ""))
    outcome = str(form.get("outcome", ""))
    if not CALL_SID.fullmatch(sid) or urlsplit(dial).path != "/twilio/voice/dialed" or outcome not in CLIENT_LEG \
            or (outcome in ("human", "machine") and urlsplit(whisper).path != "/twilio/voice/whisper"):
        return message_page("Not a call step", "That doesn't belong to a live connect.", status=400, tone="bad")
    client_sid = "CA" + hashlib.sha256(f"client-leg:{sid}".encode()).hexdigest()[:32]
    if outcome in ("human", "machine"):
        fields = voice_form(deps(request).settings, call, client_sid,
                            AnsweredBy="human" if outcome == "human" else "machine_start")
        code, text = await post_twilio(request, path_of(whisper), fields)
        if code != 200:
            return await show_step(request, CallStep(call.message_id, call.agent_id, sid,
                                                     problem=f"The whisper webhook answered HTTP {code}."))
        if outcome == "human":
            heard = tuple((say.text or "").strip() for say in ET.fromstring(text).iter("Say"))
            return await show_step(request, CallStep(call.message_id, call.agent_id, sid, ("(bridged to the client)",),
                                                     dial=dial, whisper=whisper, client_said=heard or ("(silence)",)))
    status = {"machine": "completed", "human": "completed"}.get(outcome, outcome)
    step = await call_step(request, call, sid, path_of(dial), DialCallStatus=status)
    return await show_step(request, step)


@routes.post("/sandbox/call/decline")
async def decline_call(request: web.Request) -> web.Response:
    posted = await posted_call(request)
    if isinstance(posted, web.Response):
        return posted
    call, _ = posted
    status = await post_call_status(request, call, call_sid(call.message_id), "no-answer")
    raise web.HTTPSeeOther(f"/sandbox{'' if status < 300 else f'?failed={status}'}#agent-{call.agent_id}")


# -- reply by email, through the real inbound SMTP server ---------------------------------------
@dataclass(frozen=True, slots=True)
class EmailThread:
    """The agent's latest email from us: where a reply goes and which message it answers."""

    name: str
    address: str
    reply_to: str
    subject: str
    message_id: str | None
    thread_id: str | None


def has_email(messages: list[Message]) -> bool:
    return any(m.channel == "email" and m.direction == "out" and m.reply_to for m in messages)


def email_form(agent: Agent, messages: list[Message]) -> str:
    if not has_email(messages):
        return ""
    return (f"<form method=\"post\" action=\"/sandbox/email\" class=\"reply email-reply\">"
            f"{hidden(agent_id=agent.id)}<input name=\"reply\" placeholder=\"Email as {esc(agent.name.split()[0])}"
            f" (answers the latest email)\" autocomplete=\"off\" maxlength=\"{MAX_EMAIL_TEXT}\" "
            f"aria-label=\"Reply by email as {esc(agent.name)}\" required>"
            "<button type=\"submit\">Reply by email</button></form>")


def latest_email(session: Session, agent_id: int) -> EmailThread | None:
    agent = session.get(Agent, agent_id)
    message = session.scalar(select(Message).where(
        Message.agent_id == agent_id, Message.channel == "email", Message.direction == "out",
        Message.reply_to.is_not(None)).order_by(Message.created_at.desc(), Message.id.desc()).limit(1))
    if agent is None or message is None:
        return None
    payload = session.scalar(select(OutboxRow.payload).where(OutboxRow.message_id == message.id)) or {}
    headers = EmailHeaders.from_payload(payload)
    return EmailThread(agent.name, agent.email, message.reply_to or "", message.subject or "",
                       headers.message_id, headers.thread_id)


def reply_email(thread: EmailThread, text: str, now: datetime) -> EmailMessage:
    """The agent's answer as their mail client would write it: Re: subject, In-Reply-To, References."""
    message = EmailMessage()
    message["From"], message["To"] = formataddr((thread.name, thread.address)), thread.reply_to
    message["Subject"] = thread.subject if thread.subject.lower().startswith("re:") else f"Re: {thread.subject}"
    message["Date"], message["Message-ID"] = format_datetime(now), make_msgid("sandbox", domain=SANDBOX_MAIL_DOMAIN)
    if thread.message_id:
        message["In-Reply-To"] = thread.message_id
        message["References"] = " ".join(r for r in (thread.thread_id, thread.message_id) if r)
    message.set_content(text + "\n")
    return message


async def deliver(settings: Settings, thread: EmailThread, message: EmailMessage) -> str:
    """Hand the email to the inbound SMTP server; "sent", "refused" or "unreachable" (never raises)."""
    try:
        await aiosmtplib.send(message, sender=thread.address, recipients=[thread.reply_to],
                              hostname=settings.smtp_host, port=settings.smtp_port, timeout=10, start_tls=False,
                              local_hostname=SANDBOX_MAIL_DOMAIN)
    except (aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPResponseException) as exc:
        log.warning("sandbox email refused", error=str(exc))
        return "refused"
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        log.warning("inbound SMTP server unreachable", host=settings.smtp_host, port=settings.smtp_port,
                    error=str(exc))
        return "unreachable"
    return "sent"


@routes.post("/sandbox/email")
async def reply_by_email(request: web.Request) -> web.Response:
    if not authorized(request):
        return refused(request)
    form, d = await request.post(), deps(request)
    agent_id, text = small_int(form.get("agent_id")), str(form.get("reply", "")).strip()[:MAX_EMAIL_TEXT]
    thread = await d.store.run(lambda s: latest_email(s, agent_id)) if agent_id is not None else None
    if thread is None:
        return message_page("No email to answer", "That agent has no email from us to reply to.", status=404,
                            tone="bad")
    if not text:
        raise web.HTTPSeeOther(f"/sandbox#agent-{agent_id}")
    result = await deliver(d.settings, thread, reply_email(thread, text, d.clock.now()))
    raise web.HTTPSeeOther(f"/sandbox?mail={result}#agent-{agent_id}")


# -- a demo referral, as POST /api/referrals would put it in -----------------------------------
def whole_number(raw: Any) -> int | str | None:
    text = str(raw or "").replace(",", "").replace("$", "").strip()
    return int(text) if text.isdigit() else (text or None)  # non-digits reach validation and fail there


def demo_referral(form: Any) -> dict[str, Any]:
    mode = str(form.get("mode", "first_come"))
    data: dict[str, Any] = {"client": DEMO_CLIENT, "zip": str(form.get("zip", "")).strip(),
                            "client_type": str(form.get("client_type", "buyer")),
                            "mode": mode if mode in DEMO_MODES else "first_come"}
    price = whole_number(form.get("price"))
    if data["mode"] == "paid" and price is not None:
        data["price_cents"] = price * 100 if isinstance(price, int) else price
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
    """The sandbox exists only while every channel is sandboxed, or SANDBOX=1 asks for it."""
    if app[DEPS].settings.sandbox_enabled:
        app.router.add_routes(sandbox_access.routes)
        app.router.add_routes(routes)
