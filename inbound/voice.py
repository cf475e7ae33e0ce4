"""Call-to-claim: the TwiML of each step of the call, built with twilio's VoiceResponse.

answer  -> the referral summary and <Gather numDigits=1>: "Press 1 to claim. Press 2 to pass."
gather  -> 1 claims through the same exclusive claim as a text; 2 passes; no input: the prompt again, at
           most twice, then goodbye and a text saying how to ask for another call; any other key: again.
status  -> a call that was not answered (no-answer, busy, failed, canceled) gets one missed-call text.
Every step is signed by Twilio and keyed by CallSid and step, so a retried webhook changes nothing twice.
A machine that answers gets a short voicemail and no keypad claim. Nothing spoken names the client.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Mapping

from aiohttp import web
from sqlalchemy.orm import Session
from twilio.twiml.voice_response import VoiceResponse

from bot import replies
from bot.messages import Channel, Inbound, Outgoing
from bot.model import AgentView, OfferView
from bot.parser import parse_digits
from bot.tokens import BadToken, read_token
from inbound.deps import BOT_ENV, deps
from inbound.twilio import forbidden, signed_form, status_callback
from store import conversation, messages, outbox, receipts, referrals
from store.conversation import BotEnv
from store.models import Agent, Referral

routes = web.RouteTableDef()
MACHINE = ("machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax")
MISSED = {"no-answer", "busy", "failed", "canceled"}
MAX_REPEATS = 2  # the prompt is said again at most twice
MAX_WRONG_KEYS = 5
SPOKEN_OUTCOME = {
    "won": "It's yours! The client's details are on their way to you by email. Goodbye.",
    "already_yours": "This referral is already yours. The client's details were sent to you by email. Goodbye.",
    "taken": "Sorry, another agent claimed it first. We'll send you the next one. Goodbye.",
    "expired": "Sorry, this referral has expired. Goodbye.",
    "declined": "OK, you passed on this referral. Goodbye.",
}


@dataclass(frozen=True, slots=True)
class CallTarget:
    offer: OfferView
    agent: AgentView


def xml(response: VoiceResponse) -> web.Response:
    return web.Response(text=str(response), content_type="text/xml")


def say(response: VoiceResponse, text: str) -> VoiceResponse:
    response.say(text, voice="Polly.Joanna")
    return response


def goodbye(text: str) -> web.Response:
    response = say(VoiceResponse(), text)
    response.hangup()
    return xml(response)


def spoken_summary(offer: OfferView, program: str) -> str:
    line = replies.summary_line(offer.referral).replace("$", " ").replace("-", " to ")
    return f"Hello, this is {program} with referral number {' '.join(offer.referral.code)}: {line}."


def prompt(response: VoiceResponse, action: str) -> VoiceResponse:
    gather = response.gather(num_digits=1, action=action, method="POST", timeout=6)
    gather.say("Press 1 to claim this referral. Press 2 to pass.", voice="Polly.Joanna")
    response.redirect(action, method="POST")  # reached only when the agent pressed nothing
    return response


def gather_url(request: web.Request, token: str, attempt: int, wrong: int = 0) -> str:
    return deps(request).settings.public_url(f"/twilio/voice/gather?t={token}&n={attempt}&w={wrong}")


async def load_target(request: web.Request, token: str) -> CallTarget | None:
    d = deps(request)
    try:
        data = read_token(d.settings.secret_key, token, "call", d.clock.now())
    except BadToken:
        return None
    return await d.store.run(lambda s: target(s, data.subject_id))


def target(session: Session, offer_id: int) -> CallTarget | None:
    offer = referrals.offer_by_id(session, offer_id)
    agent = session.get(Agent, offer.agent_id) if offer else None
    return CallTarget(offer, referrals.agent_view(agent)) if offer and agent else None


@routes.post("/twilio/voice/answer")
async def answer(request: web.Request) -> web.Response:
    form = await signed_form(request)
    if form is None:
        return forbidden()
    token = request.query.get("t", "")
    call = await load_target(request, token)
    program = deps(request).settings.program_name
    if call is None:
        return goodbye(f"Sorry, this call from {program} is no longer valid. Goodbye.")
    if form.get("AnsweredBy", "") in MACHINE:
        return goodbye(f"Hello, this is {program} about referral number {' '.join(call.offer.referral.code)}. "
                       "To claim it, reply CALL to our text message and we will call you back. Goodbye.")
    if call.offer.status != "open" or not call.offer.referral.available:
        return goodbye(SPOKEN_OUTCOME["already_yours" if call.offer.status == "won" else "taken"])
    response = say(VoiceResponse(), spoken_summary(call.offer, program))
    return xml(prompt(response, gather_url(request, token, 0)))


@routes.post("/twilio/voice/gather")
async def gather(request: web.Request) -> web.Response:
    form = await signed_form(request)
    if form is None:
        return forbidden()
    token, digits = request.query.get("t", ""), form.get("Digits", "")
    attempt, wrong = _int(request.query.get("n")), _int(request.query.get("w"))
    call = await load_target(request, token)
    if call is None:
        return goodbye("Sorry, this call is no longer valid. Goodbye.")
    if digits in ("1", "2"):
        outcome = await keypress(request, call, form, digits)
        return goodbye(SPOKEN_OUTCOME.get(outcome, "Thank you. Goodbye."))
    if digits:  # any other key: the prompt again
        if wrong >= MAX_WRONG_KEYS:
            return goodbye("Sorry, we didn't get that. Goodbye.")
        return xml(prompt(VoiceResponse(), gather_url(request, token, attempt, wrong + 1)))
    if attempt >= MAX_REPEATS:
        await text_after_silence(request, call, form.get("CallSid", ""))
        return goodbye("We didn't hear a choice. We'll text you how to get another call. Goodbye.")
    response = say(VoiceResponse(), spoken_summary(call.offer, deps(request).settings.program_name))
    return xml(prompt(response, gather_url(request, token, attempt + 1, wrong)))


def _int(raw: str | None) -> int:
    """A small counter from the query; anything else (other scripts' digits, a thousand of them) counts as 0."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) <= 3 else 0


async def keypress(request: web.Request, call: CallTarget, form: Mapping[str, str], digits: str) -> str:
    """1 or 2 through the same pipeline as a text; a retried keypress reports the state, acts on nothing."""
    d, env = deps(request), request.app[BOT_ENV]
    call_sid = form.get("CallSid", "")
    inbound = Inbound(Channel.VOICE, sender=call.agent.phone, body=digits, provider_id=f"{call_sid}:digits",
                      received_at=d.clock.now(), recipient=form.get("To"))
    intent = dataclasses.replace(parse_digits(digits), ref=call.offer.referral.code)

    def work(session: Session) -> str:
        handled = conversation.handle_inbound(session, inbound, env, agent=call.agent, intent=intent)
        return current_outcome(session, call) if handled.duplicate else handled.outcome
    return await d.store.run(work)


def current_outcome(session: Session, call: CallTarget) -> str:
    offer = referrals.offer_by_id(session, call.offer.id)
    if offer is None:
        return "taken"
    return {"won": "already_yours", "declined": "declined", "expired": "expired"}.get(offer.status, "taken")


async def text_after_silence(request: web.Request, call: CallTarget, call_sid: str) -> None:
    d = deps(request)
    text = replies.no_keypress(call.offer.referral.code)
    out = Outgoing(Channel.SMS, call.agent.phone, text, f"no-keypress:{call_sid}", agent_id=call.agent.id,
                   referral_id=call.offer.referral.id, kind="call_no_input")
    await d.store.run(lambda s: outbox.enqueue(s, out, now=d.clock.now()))


@routes.post("/twilio/voice/status")
async def status(request: web.Request) -> web.Response:
    d = deps(request)
    return await status_callback(request, "CallSid", "CallStatus", lambda s, form: record_call_status(
        s, request.app[BOT_ENV], form["CallSid"], form["CallStatus"], d.clock.now()))


def record_call_status(session: Session, env: BotEnv, sid: str, call_status: str, now) -> None:
    if not receipts.first_time(session, f"voice-status:{sid}:{call_status}", "twilio", now=now):
        return
    message = messages.record_delivery_status(session, "voice", sid, call_status, now=now)
    if message is None or call_status not in MISSED or message.agent_id is None:
        return
    referral = session.get(Referral, message.referral_id) if message.referral_id else None
    if referral is None:
        return
    text = replies.missed_call(referral.code)
    outbox.enqueue(session, Outgoing(Channel.SMS, message.to_addr, text, f"missed-call:{sid}",
                                     agent_id=message.agent_id, referral_id=referral.id, kind="missed_call"),
                   now=now)


def install(app: web.Application) -> None:
    app.router.add_routes(routes)

