"""The Twilio SMS and voice senders, driving the real SDK over real HTTP on 127.0.0.1.

Prism (Twilio's published spec) proves our requests are ones Twilio accepts; the scripted fake proves each
Twilio failure becomes the right sender-port error, with tenacity's in-attempt retries for transient ones.
"""
from __future__ import annotations

import base64
import re
from collections.abc import AsyncIterator

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from outbound.senders import (
    OptedOutError,
    OutboxItem,
    PermanentSendError,
    RateLimitedError,
    SendResult,
    TransientSendError,
)
from outbound.twilio_client import close_twilio_client, make_twilio_client, translate_twilio_error
from outbound.twilio_sms import TwilioSmsSender
from outbound.twilio_voice import TwilioVoiceSender
from tests.peers import fake_twilio as numbers
from tests.peers.fake_twilio import ACCEPTED, FakeTwilio, Outcome
from tests.peers.twilio_peers import (
    TEST_ACCOUNT_SID,
    TEST_AUTH_TOKEN,
    PeerUrl,
    free_port,
    prism_log,
    twilio_signature,
)

FROM = "+15125550100"
AGENT = "+15125550199"
SMS_STATUS = "https://bot.example.test/twilio/sms/status"
VOICE_STATUS = "https://bot.example.test/twilio/voice/status"
ANSWER_URL = "https://bot.example.test/twilio/voice/answer?offer=42"
TINY_WAIT = 0.001


def sms_item(to: str = AGENT, body: str = "New referral 4821 in 78704. Reply YES to claim.") -> OutboxItem:
    return OutboxItem(id=1, channel="sms", recipient=to, payload={"body": body}, attempts=0,
                      dedupe_key=f"sms:{to}")


def call_item(to: str = AGENT) -> OutboxItem:
    return OutboxItem(id=2, channel="voice", recipient=to, payload={"url": ANSWER_URL}, attempts=0,
                      dedupe_key=f"call:{to}")


async def client_for(base: str, timeout: float = 15.0) -> AsyncIterator[Client]:
    client = make_twilio_client(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, base, timeout=timeout)
    try:
        yield client
    finally:
        await close_twilio_client(client)


@pytest.fixture
async def prism_client(prism_twilio: PeerUrl) -> AsyncIterator[Client]:
    async for client in client_for(prism_twilio):
        yield client


@pytest.fixture
async def fake_client(fake_twilio: FakeTwilio) -> AsyncIterator[Client]:
    fake_twilio.reset()
    async for client in client_for(fake_twilio.base_url):
        yield client


def sms_sender(client: Client) -> TwilioSmsSender:
    return TwilioSmsSender(client, from_number=FROM, status_callback=SMS_STATUS, retry_wait=TINY_WAIT)


def voice_sender(client: Client) -> TwilioVoiceSender:
    return TwilioVoiceSender(client, from_number=FROM, status_callback=VOICE_STATUS, retry_wait=TINY_WAIT)


async def send_or_show_prism_log(sender: TwilioSmsSender | TwilioVoiceSender, item: OutboxItem,
                                 prism: PeerUrl) -> SendResult:
    try:
        return await sender.send(item)
    except PermanentSendError as exc:   # Prism's 422 says why only in its log
        pytest.fail(f"Prism rejected the request: {exc}\n--- prism log ---\n{prism_log(prism)[-4000:]}")


# --- against Prism: the requests are valid for Twilio's spec ------------------------------------------

async def test_sms_to_prism_returns_message_sid(prism_client: Client, prism_twilio: PeerUrl) -> None:
    result = await send_or_show_prism_log(sms_sender(prism_client), sms_item(), prism_twilio)
    assert re.fullmatch(r"SM[0-9a-fA-F]{32}", result.provider_id)
    assert result.status


async def test_call_to_prism_is_accepted_and_returns_call_sid(prism_client: Client,
                                                              prism_twilio: PeerUrl) -> None:
    result = await send_or_show_prism_log(voice_sender(prism_client), call_item(), prism_twilio)
    assert re.fullmatch(r"CA[0-9a-fA-F]{32}", result.provider_id)


async def test_prism_rejects_an_invalid_request(prism_client: Client) -> None:
    # Guards the two tests above: Prism really validates, so their success means something.
    sender = TwilioSmsSender(prism_client, from_number=FROM, status_callback="not a url",
                             retry_wait=TINY_WAIT)
    with pytest.raises(PermanentSendError) as raised:
        await sender.send(sms_item())
    assert raised.value.code == "422"


# --- against the fake: what we send --------------------------------------------------------------------

async def test_sms_form_fields(fake_client: Client, fake_twilio: FakeTwilio) -> None:
    result = await sms_sender(fake_client).send(sms_item(body="Reply YES to claim 4821"))
    [request] = fake_twilio.requests
    assert request.resource == "Messages" and request.account_sid == TEST_ACCOUNT_SID
    assert request.form == {"To": AGENT, "From": FROM, "Body": "Reply YES to claim 4821",
                            "StatusCallback": SMS_STATUS}
    assert result.provider_id.startswith("SM") and result.status == "queued"
    expected = base64.b64encode(f"{TEST_ACCOUNT_SID}:{TEST_AUTH_TOKEN}".encode()).decode()
    assert request.auth == f"Basic {expected}"


async def test_call_form_fields(fake_client: Client, fake_twilio: FakeTwilio) -> None:
    result = await voice_sender(fake_client).send(call_item())
    [request] = fake_twilio.requests
    assert request.resource == "Calls"
    assert request.form | {"StatusCallbackEvent": None} == {
        "To": AGENT, "From": FROM, "Url": ANSWER_URL, "Method": "POST", "MachineDetection": "Enable",
        "Timeout": "25", "StatusCallback": VOICE_STATUS, "StatusCallbackMethod": "POST",
        "StatusCallbackEvent": None,
    }
    assert request.form_lists["StatusCallbackEvent"] == ["initiated", "ringing", "answered", "completed"]
    assert result.provider_id.startswith("CA")


async def test_no_status_callback_sends_none(fake_client: Client, fake_twilio: FakeTwilio) -> None:
    sender = TwilioVoiceSender(fake_client, from_number=FROM, status_callback=None, ring_timeout=40)
    await sender.send(call_item())
    [request] = fake_twilio.requests
    assert request.form["Timeout"] == "40"
    assert not {"StatusCallback", "StatusCallbackEvent", "StatusCallbackMethod"} & request.form.keys()


async def test_missing_payload_is_permanent_without_a_request(fake_client: Client,
                                                              fake_twilio: FakeTwilio) -> None:
    with pytest.raises(PermanentSendError):
        await sms_sender(fake_client).send(sms_item(body=""))
    with pytest.raises(PermanentSendError):
        await voice_sender(fake_client).send(
            OutboxItem(id=3, channel="voice", recipient=AGENT, payload={}, attempts=0, dedupe_key="x"))
    assert fake_twilio.requests == []


# --- against the fake: Twilio's failures become the sender port's errors ---------------------------------

@pytest.mark.parametrize("make_sender,item", [(sms_sender, sms_item), (voice_sender, call_item)])
async def test_opted_out_recipient(fake_client: Client, fake_twilio: FakeTwilio, make_sender, item) -> None:
    with pytest.raises(OptedOutError) as raised:
        await make_sender(fake_client).send(item(numbers.OPTED_OUT))
    assert raised.value.code == "21610"
    assert len(fake_twilio.requests) == 1   # permanent: never retried


@pytest.mark.parametrize("number,code", [(numbers.INVALID_NUMBER, "21211"), (numbers.NOT_MOBILE, "21614")])
async def test_invalid_recipient_is_permanent(fake_client: Client, fake_twilio: FakeTwilio,
                                              number: str, code: str) -> None:
    with pytest.raises(PermanentSendError) as raised:
        await sms_sender(fake_client).send(sms_item(number))
    assert raised.value.code == code and not isinstance(raised.value, OptedOutError)
    assert len(fake_twilio.requests) == 1


@pytest.mark.parametrize("make_sender,item", [(sms_sender, sms_item), (voice_sender, call_item)])
async def test_transient_failure_after_three_tries(fake_client: Client, fake_twilio: FakeTwilio,
                                                   make_sender, item) -> None:
    with pytest.raises(TransientSendError) as raised:
        await make_sender(fake_client).send(item(numbers.SERVER_ERROR))
    assert not isinstance(raised.value, RateLimitedError)
    assert len(fake_twilio.requests_to(numbers.SERVER_ERROR)) == 3


@pytest.mark.parametrize("make_sender,item", [(sms_sender, sms_item), (voice_sender, call_item)])
async def test_a_rate_limit_is_not_hammered_within_the_attempt(fake_client: Client, fake_twilio: FakeTwilio,
                                                                make_sender, item) -> None:
    with pytest.raises(RateLimitedError):
        await make_sender(fake_client).send(item(numbers.RATE_LIMITED))
    assert len(fake_twilio.requests_to(numbers.RATE_LIMITED)) == 1  # the worker waits, then tries again


async def test_flaky_recipient_succeeds_within_one_attempt(fake_client: Client,
                                                           fake_twilio: FakeTwilio) -> None:
    result = await sms_sender(fake_client).send(sms_item(numbers.FLAKY))
    assert result.provider_id.startswith("SM")
    assert len(fake_twilio.requests_to(numbers.FLAKY)) == 3   # 503, 503 (non-JSON body), 201


async def test_stalled_answer_times_out_and_is_retried(fake_twilio: FakeTwilio) -> None:
    # The SDK never applies its own timeout to aiohttp; make_twilio_client must.
    fake_twilio.reset()
    fake_twilio.script(AGENT, Outcome(delay=2.0), ACCEPTED)
    async for client in client_for(fake_twilio.base_url, timeout=0.2):
        result = await sms_sender(client).send(sms_item())
    assert result.provider_id.startswith("SM")
    assert len(fake_twilio.requests_to(AGENT)) == 2


async def test_unreachable_twilio_is_transient() -> None:
    async for client in client_for(f"http://127.0.0.1:{free_port()}"):
        with pytest.raises(TransientSendError):
            await sms_sender(client).send(sms_item())


def test_client_factory_works_outside_an_event_loop() -> None:
    # The SDK's own async client needs a running loop at construction; ours opens its session lazily.
    client = make_twilio_client(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, "http://127.0.0.1:4010/")
    assert client.api.base_url == "http://127.0.0.1:4010"
    assert client.api.v2010.absolute_url("Accounts") == "http://127.0.0.1:4010/2010-04-01/Accounts"
    assert make_twilio_client(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, None).api.base_url == "https://api.twilio.com"


# --- the error table itself ---------------------------------------------------------------------------

@pytest.mark.parametrize("status,code,expected", [
    (400, 21610, OptedOutError),
    (400, 21211, PermanentSendError),
    (400, 21614, PermanentSendError),
    (400, 21408, PermanentSendError),
    (400, 21612, PermanentSendError),
    (400, 21217, PermanentSendError),
    (401, 20003, PermanentSendError),
    (404, 20404, PermanentSendError),
    (429, 20429, RateLimitedError),
    (400, 20429, RateLimitedError),
    (429, 429, RateLimitedError),
    (408, 408, TransientSendError),
    (500, 20500, TransientSendError),
    (503, 503, TransientSendError),
])
def test_translate_twilio_error(status: int, code: int, expected: type[Exception]) -> None:
    exc = TwilioRestException(status, "/2010-04-01/Accounts/AC/Messages.json", "Unable to create record",
                              code=code)
    translated = translate_twilio_error(exc)
    assert type(translated) is expected
    if isinstance(translated, PermanentSendError):
        assert translated.code == str(code)


@pytest.mark.parametrize("exc", [TimeoutError(), ConnectionResetError()])
def test_translate_transport_errors(exc: Exception) -> None:
    assert isinstance(translate_twilio_error(exc), TransientSendError)


def test_twilio_signature_is_what_the_validator_accepts() -> None:
    url = "https://bot.example.test/twilio/sms?x=1"
    params = {"From": AGENT, "Body": "YES", "MessageSid": "SM" + "a" * 32}
    signature = twilio_signature(TEST_AUTH_TOKEN, url, params)
    assert RequestValidator(TEST_AUTH_TOKEN).validate(url, params, signature)
    assert not RequestValidator("other-token").validate(url, params, signature)
