"""Call-to-claim: the TwiML of each step of the call, built with twilio's VoiceResponse.

answer  -> the referral summary and <Gather numDigits=1>: "Press 1 to claim. Press 2 to pass."
gather  -> 1 claims through the same exclusive claim as a text; 2 passes; no input: the prompt again, at
           most twice, then goodbye and a text saying how to ask for another call; any other key: again.
status  -> a call that was not answered (no-answer, busy, failed, canceled) gets one missed-call text.
connect -> live connect (call_first): after a won 1, "Press 1 to be connected to the client now, or hang up
           and we will email the details"; 1 answers <Dial callerId=network><Number url=whisper>client</Number>
           </Dial>, once per CallSid. whisper -> the client hears "Connecting you with Ana from <program>" (a
           machine gets a hang-up); the first human answer is the referral's first contact time. dialed -> the
           Dial's outcome (busy, no-answer, failed, voicemail) in words, logged, ending with the email.
bridge  -> the call a winner's CONNECT text placed: answered by a person, straight to the same <Dial>.
Every step is signed by Twilio and keyed by CallSid and step, so a retried webhook changes nothing twice.
A machine that answers gets a short voicemail and no keypad claim. Nothing spoken names the client.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import structlog
from aiohttp import web
from sqlalchemy.orm import Session
from twilio.twiml.voice_response import VoiceResponse

from bot import replies
from bot.intents import with_ref
from bot.messages import Channel, Inbound, Outgoing
from bot.model import AgentView, OfferView
from bot.outcomes import HandlerOutcome as O
from bot.parser import parse_digits
from bot.states import OfferStatus, ReferralMode
from bot.tokens import BadToken, read_token
from inbound.deps import BOT_ENV, deps
from inbound.twilio import forbidden, signed_form, status_callback
from store import connect, messages, pipeline, receipts, referrals, sending
from store.env import BotEnv
from store.models import Agent, Referral, WebhookReceipt

routes = web.RouteTableDef()
log = structlog.get_logger("voice")
MACHINE = ("machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax")
MISSED = {"no-answer", "busy", "failed", "canceled"}
MAX_REPEATS = 2  # the prompt is said again at most twice
MAX_WRONG_KEYS = 5
GOODBYE = "Thank you. Goodbye."
# What the call says after a keypress, by the handler's outcome (a test requires every outcome to be here). A key
# runs YES or NO on this call's offer: the claim's results have their own words, anything else a plain goodbye.
SPOKEN_OUTCOME: dict[O, str] = {
    O.WON: "It's yours! The client's details are on their way to you by email. Goodbye.",
    O.ALREADY_YOURS: "This referral is already yours. The client's details were sent to you by email. Goodbye.",
    O.TAKEN: "Sorry, another agent claimed it first. We'll send you the next one. Goodbye.",
    O.EXPIRED: "Sorry, this referral has expired. Goodbye.",
    O.DECLINED: "OK, you passed on this referral. Goodbye.",
    **dict.fromkeys((
        O.ANSWERED, O.NOT_OFFERED, O.WITHDRAWN, O.DECLINE_WON, O.DECLINE_LOST, O.DECLINE_DECLINED,
        O.DECLINE_EXPIRED, O.DECLINE_CANCELLED, O.UNKNOWN_CODE, O.AMBIGUOUS, O.NO_OFFER, O.NOT_YOURS, O.CALL_PLACED,
        O.CALL_UNDER_WAY, O.CONNECT_NOT_YOURS, O.CONNECT_NO_PHONE, O.CONNECT_CALL_PLACED, O.NOT_PAID,
        O.INVOICE_REQUESTED, O.INVOICE_RESENT, O.REFUNDED_TAKEN, O.REFUNDED_EXPIRED, O.REFUNDED_NOT_OFFERED,
        O.REFUNDED_WITHDRAWN, O.INTERESTED, O.CLOSED, O.SELECTED, O.NOT_SELECTED, O.REFUSED, O.NOTHING_TO_AWARD,
        O.NOTHING_TO_AGREE, O.JOINED, O.SOLD, O.NO_SALE, O.IN_PROGRESS, O.INVALID, O.FAIL, O.NOTED,
        O.NOTHING_TO_REPORT, O.ASK_REASON, O.ASK_AMOUNT, O.TOO_SOON, O.OPTED_OUT, O.OPTED_IN, O.PAUSED,
        O.PAUSE_DATE_PASSED, O.RESUMED, O.CAPACITY_SET, O.CAPACITY_OFF,
        O.REVIEW, O.CONFIRM_ASKED, O.IGNORED_REACTION, O.IGNORED_AUTO_REPLY,
        O.IGNORED_EMPTY,
        O.IGNORED_ACK, O.UNKNOWN_SENDER, O.CLIENT_YES, O.CLIENT_NOT_YET, O.CLIENT_STOP, O.CLIENT_OTHER), GOODBYE),
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


async def open_call(request: web.Request, to_machine: str) -> web.Response | tuple[Any, str, CallTarget]:
    """The opening every call we placed shares: a checked signature, the call's target, and a machine that
    answered told what to do (`to_machine`). A Response ends the call; otherwise (form, token, call)."""
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
                       f"{to_machine} Goodbye.")
    return form, token, call


@routes.post("/twilio/voice/answer")
async def answer(request: web.Request) -> web.Response:
    opened = await open_call(request, "To claim it, reply CALL to our text message and we will call you back.")
    if isinstance(opened, web.Response):
        return opened
    _form, token, call = opened
    if call.offer.status is not OfferStatus.OPEN or not call.offer.referral.available:
        return goodbye(SPOKEN_OUTCOME[O.ALREADY_YOURS if call.offer.status is OfferStatus.WON else O.TAKEN])
    response = say(VoiceResponse(), spoken_summary(call.offer, deps(request).settings.program_name))
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
        if outcome in (O.WON, O.ALREADY_YOURS) and await connect_possible(request, call):
            return xml(offer_connect(request, token, outcome))
        return goodbye(SPOKEN_OUTCOME[outcome])
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


async def keypress(request: web.Request, call: CallTarget, form: Mapping[str, str], digits: str) -> O:
    """1 or 2 through the same pipeline as a text; a retried keypress reports the state, acts on nothing."""
    d, env = deps(request), request.app[BOT_ENV]
    call_sid = form.get("CallSid", "")
    inbound = Inbound(Channel.VOICE, sender=call.agent.phone, body=digits, provider_id=f"{call_sid}:digits",
                      received_at=d.clock.now(), recipient=form.get("To"))
    intent = with_ref(parse_digits(digits), call.offer.referral.code)

    def work(session: Session) -> O:
        handled = pipeline.handle(session, env, pipeline.Arrival(inbound, agent=call.agent, intent=intent))
        return current_outcome(session, call) if handled.duplicate else handled.outcome
    return await d.store.run(work)


def current_outcome(session: Session, call: CallTarget) -> O:
    offer = referrals.offer_by_id(session, call.offer.id)
    if offer is None:
        return O.TAKEN
    return {OfferStatus.WON: O.ALREADY_YOURS, OfferStatus.DECLINED: O.DECLINED,
            OfferStatus.EXPIRED: O.EXPIRED}.get(offer.status, O.TAKEN)


async def text_after_silence(request: web.Request, call: CallTarget, call_sid: str) -> None:
    d = deps(request)
    text = replies.no_keypress(call.offer.referral.code)
    out = Outgoing(Channel.SMS, call.agent.phone, text, f"no-keypress:{call_sid}", agent_id=call.agent.id,
                   referral_id=call.offer.referral.id, kind="call_no_input")
    env = request.app[BOT_ENV]
    await d.store.run(lambda s: sending.send(s, env, out, now=d.clock.now()))


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
    sending.send(session, env, Outgoing(Channel.SMS, message.to_addr, text, f"missed-call:{sid}",
                                        agent_id=message.agent_id, referral_id=referral.id, kind="missed_call"),
                 now=now)


# -- live connect --------------------------------------------------------------------------------
CONNECTED_BY_EMAIL = "The client's details are on their way to you by email. Goodbye."
CONNECT_PROMPT = "Press 1 to be connected to the client now, or hang up and we will email the details."
RECORDING_NOTICE = "This call will be recorded."
DIAL_OUTCOME = {
    "busy": "The client's line is busy.",
    "no-answer": "The client did not answer.",
    "machine": "The client's voicemail answered, so we did not leave a message.",
    "failed": "We could not reach the client.",
    "canceled": "We could not reach the client.",
}


async def connect_possible(request: web.Request, call: CallTarget) -> bool:
    """Live connect is offered on a call_first referral this agent won, when the client gave a phone."""
    if call.offer.referral.mode is not ReferralMode.CALL_FIRST:
        return False
    phone = await deps(request).store.run(lambda s: connect.client_phone_for_winner(s, call.offer.id))
    return phone is not None


def step_url(request: web.Request, step: str, token: str, **extra: str) -> str:
    """The next step's URL carries the same signed call token (and Twilio signs the whole URL)."""
    query = "".join(f"&{k}={v}" for k, v in extra.items())
    return deps(request).settings.public_url(f"/twilio/voice/{step}?t={token}{query}")


def offer_connect(request: web.Request, token: str, outcome: O) -> VoiceResponse:
    opening = "It's yours!" if outcome is O.WON else "This referral is already yours."
    response = say(VoiceResponse(), opening)
    action = step_url(request, "connect", token)
    gather = response.gather(num_digits=1, action=action, method="POST", timeout=8)
    gather.say(CONNECT_PROMPT, voice="Polly.Joanna")
    response.redirect(action, method="POST")  # no key (or a hang-up): the connect step says "by email"
    return response


@routes.post("/twilio/voice/connect")
async def connect_to_client(request: web.Request) -> web.Response:
    """1 bridges the agent to the client from the network's number; a repeated webhook bridges nothing."""
    form = await signed_form(request)
    if form is None:
        return forbidden()
    token = request.query.get("t", "")
    call = await load_target(request, token)
    if call is None or form.get("Digits", "") != "1":
        return goodbye(CONNECTED_BY_EMAIL)
    return await bridge(request, call, token, form)


@routes.post("/twilio/voice/bridge")
async def bridge_call(request: web.Request) -> web.Response:
    """The call a winner's CONNECT text placed: straight to the bridge once a person answers."""
    opened = await open_call(request, "Reply CONNECT to our text message when you can talk, and we will call you "
                                      "back.")
    if isinstance(opened, web.Response):
        return opened
    form, token, call = opened
    return await bridge(request, call, token, form)


async def bridge(request: web.Request, call: CallTarget, token: str, form: Mapping[str, str]) -> web.Response:
    """Dial the client for the referral's winner, once per CallSid (a repeat or racing webhook gets a goodbye)."""
    d, call_sid = deps(request), form.get("CallSid", "")

    def claim_bridge(session: Session) -> str | None:
        phone = connect.client_phone_for_winner(session, call.offer.id)
        if phone is None or not receipts.first_time(session, f"voice-connect:{call_sid}:dial", "twilio",
                                                    now=d.clock.now()):
            return None
        return phone
    phone = await d.store.run(claim_bridge)
    if phone is None:
        return goodbye("This call is already connecting to the client, or cannot be. " + CONNECTED_BY_EMAIL)
    log.info("live connect dialing", referral=call.offer.referral.code, agent_id=call.agent.id)
    return xml(dial_client(request, token, call_sid, phone, form.get("From", "")))


def dial_client(request: web.Request, token: str, call_sid: str, phone: str, caller: str) -> VoiceResponse:
    settings = deps(request).settings
    response = VoiceResponse()
    if settings.connect_record_calls:
        say(response, RECORDING_NOTICE)
    say(response, "Connecting you to the client now.")
    dial = response.dial(caller_id=settings.twilio_caller_id or caller, action=step_url(request, "dialed", token),
                         method="POST", timeout=25,
                         record="record-from-answer-dual" if settings.connect_record_calls else None)
    dial.number(phone, url=step_url(request, "whisper", token, c=call_sid), method="POST",
                machine_detection="Enable")
    return response


@routes.post("/twilio/voice/whisper")
async def whisper(request: web.Request) -> web.Response:
    """Played to the client before the bridge: who is calling. A machine is hung up on (no voicemail)."""
    form = await signed_form(request)
    if form is None:
        return forbidden()
    d, parent_sid = deps(request), request.query.get("c", "")
    call = await load_target(request, request.query.get("t", ""))
    if call is None or form.get("AnsweredBy", "") in MACHINE:
        if call is not None:
            await d.store.run(lambda s: receipts.first_time(s, f"voice-connect:{parent_sid}:machine", "twilio",
                                                             now=d.clock.now()))
        response = VoiceResponse()
        response.hangup()
        return xml(response)
    await d.store.run(lambda s: connect.record_first_contact(s, call.offer.id, now=d.clock.now()))
    response = say(VoiceResponse(), f"Connecting you with {call.agent.first_name} from {d.settings.program_name}.")
    if d.settings.connect_record_calls:
        say(response, RECORDING_NOTICE)
    return xml(response)


@routes.post("/twilio/voice/dialed")
async def dialed(request: web.Request) -> web.Response:
    """The <Dial> is over: its outcome in words and in the log; the email with the details goes as always."""
    form = await signed_form(request)
    if form is None:
        return forbidden()
    d = deps(request)
    call = await load_target(request, request.query.get("t", ""))
    call_sid, dial_status = form.get("CallSid", ""), form.get("DialCallStatus", "")

    def outcome(session: Session) -> str:
        if session.get(WebhookReceipt, f"voice-connect:{call_sid}:machine") is not None:
            return "machine"
        return dial_status
    result = await d.store.run(outcome)
    if call is not None:
        log.info("live connect ended", referral=call.offer.referral.code, agent_id=call.agent.id, outcome=result)
    if result in DIAL_OUTCOME:
        return goodbye(f"{DIAL_OUTCOME[result]} {CONNECTED_BY_EMAIL}")
    return goodbye("Thank you. " + CONNECTED_BY_EMAIL)


def install(app: web.Application) -> None:
    app.router.add_routes(routes)

