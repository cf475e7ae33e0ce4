"""Bad bodies on the Twilio webhooks: an undecodable form, an unknown charset or a broken multipart body is
answered 400 or 403 before anything is read into the store, and nothing lands in the log as a traceback."""
from __future__ import annotations

import logging

import pytest
import structlog
from sqlalchemy import func, select

from inbound.deps import DEPS
from store.models import Message, WebhookReceipt
from tests.peers.twilio_peers import twilio_signature

TWILIO_PATHS = ["/twilio/sms", "/twilio/sms/status", "/twilio/voice/answer", "/twilio/voice/gather",
                "/twilio/voice/status"]
FORM = "application/x-www-form-urlencoded"
GOOD = {"MessageSid": "SM" + "1" * 32, "From": "+15125550001", "To": "+15125550000", "Body": "YES",
        "MessageStatus": "delivered", "CallSid": "CA" + "1" * 32, "CallStatus": "completed", "Digits": "1"}
BAD_BODIES = {
    "invalid utf-8": (FORM, b"MessageSid=SM1&From=%2B15125550001&Body=\xff\xfe\xfd"),
    "invalid utf-8 with utf-8 charset": (f"{FORM}; charset=utf-8", b"Body=caf\xe9&From=%2B15125550001"),
    "unknown charset": (f"{FORM}; charset=unknown-xyz", b"MessageSid=SM1&From=%2B15125550001&Body=YES"),
    "broken multipart": ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Disposition: form-da"),
    "multipart without boundary": ("multipart/form-data", b"--xyz\r\n\r\nBody\r\n--xyz--\r\n"),
    "json": ("application/json", b'{"Body": "YES"}'),
}


@pytest.fixture
def logged():
    """Everything logged during the test: structlog events and the standard library's records."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    root = logging.getLogger()
    root.addHandler(handler)
    with structlog.testing.capture_logs() as events:
        yield events, records
    root.removeHandler(handler)


def assert_no_traceback(logged) -> None:
    events, records = logged
    assert not [e for e in events if e.get("exc_info") or e.get("log_level") in ("error", "critical")], events
    assert not [r for r in records if r.exc_info or r.levelno >= logging.ERROR], records


async def stored_rows(store) -> int:
    return await store.run(lambda s: s.scalar(select(func.count()).select_from(Message))
                           + s.scalar(select(func.count()).select_from(WebhookReceipt)))


def signature_of(client, path: str, params: dict[str, str]) -> str:
    settings = client.server.app[DEPS].settings
    return twilio_signature(settings.twilio_signing_token, settings.public_url(path), params)


@pytest.mark.parametrize("path", TWILIO_PATHS)
@pytest.mark.parametrize("case", list(BAD_BODIES))
async def test_unsigned_bad_body_is_403_and_leaves_no_traceback(client, store, logged, path, case):
    content_type, body = BAD_BODIES[case]
    response = await client.post(path, data=body, headers={"Content-Type": content_type})
    assert response.status == 403
    assert await stored_rows(store) == 0
    assert_no_traceback(logged)


@pytest.mark.parametrize("path", TWILIO_PATHS)
@pytest.mark.parametrize("case", list(BAD_BODIES))
async def test_signed_bad_body_is_400_or_403_and_leaves_no_traceback(client, store, logged, path, case):
    """Signed as if the form were empty (what a signer that could not read the body would sign) and signed
    over the form it was meant to carry: neither gets past the body check."""
    content_type, body = BAD_BODIES[case]
    for signature in (signature_of(client, path, {}), signature_of(client, path, GOOD)):
        response = await client.post(path, data=body, headers={"Content-Type": content_type,
                                                               "X-Twilio-Signature": signature})
        assert response.status in (400, 403), (case, response.status)
    assert await stored_rows(store) == 0
    assert_no_traceback(logged)


async def test_a_correctly_signed_form_in_an_unknown_charset_is_400(client, store, logged):
    """The signature is right for the form's text, but a charset Python cannot decode is refused, not guessed."""
    body = b"MessageSid=SM1&From=%2B15125550001&Body=YES"
    signature = signature_of(client, "/twilio/sms", {"MessageSid": "SM1", "From": "+15125550001", "Body": "YES"})
    response = await client.post("/twilio/sms", data=body, headers={
        "Content-Type": f"{FORM}; charset=unknown-xyz", "X-Twilio-Signature": signature})
    assert response.status == 400
    assert await stored_rows(store) == 0
    assert_no_traceback(logged)


async def test_a_signed_status_callback_with_a_nul_is_answered_not_a_500(client, store, logged):
    """PostgreSQL cannot store NUL in text: the character is dropped from what Twilio signed, and the report
    is recorded like any other."""
    params = {"MessageSid": "SM\x00" + "2" * 32, "MessageStatus": "delivered\x00", "ErrorCode": "\x00"}
    response = await client.post("/twilio/sms/status", data=params,
                                 headers={"X-Twilio-Signature": signature_of(client, "/twilio/sms/status", params)})
    assert response.status == 204
    keys = await store.run(lambda s: list(s.scalars(select(WebhookReceipt.key))))
    assert keys == ["sms-status:SM" + "2" * 32 + ":delivered"]
    assert_no_traceback(logged)
