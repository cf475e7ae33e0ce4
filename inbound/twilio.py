"""Twilio's side of the wire: signature checks, the inbound SMS webhook and delivery-status callbacks.

Every request is checked with twilio's `RequestValidator` against PUBLIC_BASE_URL + path (what Twilio
signed), never against the Host header, so the service can sit behind any proxy. A bad signature gets 403
and changes nothing. Replies are written straight into the TwiML answer.
"""
from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl

import structlog
from aiohttp import web
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator, compare
from twilio.twiml.messaging_response import MessagingResponse

from bot.messages import Channel, Inbound
from bot.parser import parse_text
from inbound.deps import BOT_ENV, DEPS, Deps, deps
from store import agents as agent_store
from store import conversation, messages, pipeline, receipts
from store.env import BotEnv
from store.ports import TextRunner, text_runner

log = structlog.get_logger("twilio")
routes = web.RouteTableDef()
VALIDATOR = web.AppKey("twilio_validator", RequestValidator)
SMS_GROUP = web.AppKey("sms_group", TextRunner)
UNDELIVERED = {"undelivered", "failed"}
FORM = "application/x-www-form-urlencoded"


async def signed_form(request: web.Request) -> Mapping[str, str] | None:
    """The POSTed form if its X-Twilio-Signature is right, else None (answered 403).

    Twilio posts UTF-8 `application/x-www-form-urlencoded` forms and nothing else. A request with no signature
    is refused before its body is read; any other content type (multipart above all) is never parsed: it is
    checked against the signature of the bare URL and refused, 403 or 400. A form whose bytes do not decode
    in its charset is a 400 (`web.HTTPBadRequest`). NUL, which no SMS carries and PostgreSQL cannot store, is
    dropped from the verified values."""
    signature = request.headers.get("X-Twilio-Signature", "")
    url = deps(request).settings.public_url(request.path_qs)
    if not signature:
        _forged(request)
        return None
    params = await _form_params(request) if _is_form(request) else None
    if not signature_matches(request.app[VALIDATOR], url, params or {}, signature):
        _forged(request)
        return None
    if params is None:
        raise web.HTTPBadRequest(text="Twilio posts application/x-www-form-urlencoded forms")
    return {key: value.replace("\x00", "") for key, value in params.items()}


def _forged(request: web.Request) -> None:
    log.warning("forged or unsigned twilio request", path=request.path)


def _is_form(request: web.Request) -> bool:
    return request.content_type == FORM or not request.body_exists


async def _form_params(request: web.Request) -> dict[str, str]:
    """The form's fields, decoded strictly: bytes that are not text in the declared charset are a 400."""
    charset = request.charset or "utf-8"
    try:
        codecs.lookup(charset)
        text = (await request.read()).decode(charset)
        return dict(parse_qsl(text, keep_blank_values=True, encoding=charset, errors="strict"))
    except (LookupError, UnicodeDecodeError, ValueError):
        raise web.HTTPBadRequest(text=f"the form is not text in charset {charset!r}") from None


def signature_matches(validator: RequestValidator, url: str, params: Mapping[str, str], signature: str) -> bool:
    """Twilio signs the URL it was configured with, which is PUBLIC_BASE_URL + path: that one HMAC is tried
    first; otherwise the library's full check, which also tries the URL with and without its default port
    (it always computes both, twice the work, so it is kept for the rare request that needs it)."""
    return compare(validator.compute_signature(url, params), signature) or validator.validate(url, params, signature)


def forbidden() -> web.Response:
    return web.Response(status=403, text="invalid signature")


def twiml(reply: str | None) -> web.Response:
    response = MessagingResponse()
    if reply:
        response.message(reply)
    return web.Response(text=str(response), content_type="text/xml")


@routes.post("/twilio/sms")
async def inbound_sms(request: web.Request) -> web.Response:
    form = await signed_form(request)
    if form is None:
        return forbidden()
    if not form.get("MessageSid") or not form.get("From"):
        return twiml(None)  # signed but not a message: nothing to act on
    d = deps(request)
    inbound = Inbound(Channel.SMS, sender=form["From"], body=form.get("Body", ""), provider_id=form["MessageSid"],
                      received_at=d.clock.now(), recipient=form.get("To"))
    intent = parse_text(inbound.body, Channel.SMS, inbound.received_at)
    env = request.app[BOT_ENV]
    handled = await request.app[SMS_GROUP].run(
        inbound, lambda session, group: pipeline.handle(session, env, pipeline.Arrival(
            inbound, intent=intent, answer=pipeline.Answer.KEPT), group=group))
    return twiml(handled.reply)


async def status_callback(request: web.Request, id_field: str, status_field: str,
                          record: Callable[[Session, Mapping[str, str]], None]) -> web.Response:
    """A signed delivery/call status report: recorded in one transaction, answered 204."""
    form = await signed_form(request)
    if form is None:
        return forbidden()
    if form.get(id_field) and form.get(status_field):
        await deps(request).store.run(lambda s: record(s, form))
    return web.Response(status=204)


@routes.post("/twilio/sms/status")
async def sms_status(request: web.Request) -> web.Response:
    d = deps(request)
    return await status_callback(request, "MessageSid", "MessageStatus",
                                 lambda s, form: record_sms_status(s, d, request.app[BOT_ENV], form))


def record_sms_status(session: Session, d: Deps, env: BotEnv, form: Mapping[str, str]) -> None:
    sid, status, now = form["MessageSid"], form["MessageStatus"], d.clock.now()
    if not receipts.first_time(session, f"sms-status:{sid}:{status}", "twilio", now=now):
        return
    code = form.get("ErrorCode") or None
    message = messages.record_delivery_status(session, "sms", sid, status, now=now,
                                              error=f"twilio error {code}" if code else None)
    if message is None:
        return
    if code == "21610":
        agent_store.opt_out(session, message.to_addr, source="carrier", now=now)
    if status in UNDELIVERED and message.status == status:
        conversation.fallback_to_email(session, sid, env, now=now)


def install(app: web.Application, signing_token: str) -> None:
    app[VALIDATOR] = RequestValidator(signing_token)
    app.router.add_routes(routes)
    app.on_startup.append(start_sms_group)


async def start_sms_group(app: web.Application) -> None:
    """Inbound texts are recorded and answered in groups: one transaction, a few statements per group."""
    app[SMS_GROUP] = text_runner(app[DEPS].store)
