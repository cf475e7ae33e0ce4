"""SmtpEmailSender against a real SMTP server (tests/peers/smtp_sink.py): headers, parts, refusals."""
from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from outbound.senders import OutboxItem, PermanentSendError, TransientSendError
from outbound.smtp_out import SmtpEmailSender, SmtpRelay, parse_smtp_url, text_to_html
from tests.conftest import T0
from tests.peers.smtp_sink import SinkHandler, free_port, running_sink

AGENT = "agent1@example.test"
PAYLOAD = {
    "body": "Hi Agent,\n\nReferral #4821 is yours & ready.\n<no tags>",
    "subject": "Referral #4821 is yours: contact details",
    "kind": "contact",
    "from": "Referral Network <referrals@referral-bot.test>",
    "reply_to": "reply+AbC-123_x@in.referral-bot.test",
    "message_id": "<0123456789abcdef01234567@in.referral-bot.test>",
    "thread_id": "<referral-4.agent-1@in.referral-bot.test>",
}


def item(recipient: str = AGENT, **payload: object) -> OutboxItem:
    return OutboxItem(id=7, channel="email", recipient=recipient, payload={**PAYLOAD, **payload}, attempts=1,
                      dedupe_key="contact:4", agent_id=1, referral_id=4)


def sender_for(port: int) -> SmtpEmailSender:
    return SmtpEmailSender(SmtpRelay("127.0.0.1", port), timeout=5, clock=FrozenClock(T0))


async def test_sends_threaded_signed_message_with_text_and_html_parts():
    async with running_sink() as sink:
        result = await sender_for(sink.port).send(item())
    assert result.provider_id == PAYLOAD["message_id"] and result.status == "sent"
    [received] = sink.received
    assert received.mail_from == "referrals@referral-bot.test" and received.rcpt_tos == [AGENT]
    msg = received.message
    assert msg["From"] == PAYLOAD["from"] and msg["To"] == AGENT and msg["Subject"] == PAYLOAD["subject"]
    assert msg["Reply-To"] == PAYLOAD["reply_to"] and msg["Message-ID"] == PAYLOAD["message_id"]
    assert msg["In-Reply-To"] == msg["References"] == PAYLOAD["thread_id"]
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["Date"].datetime == T0
    assert msg.get_content_type() == "multipart/alternative"
    assert msg.get_body(("plain",)).get_content().replace("\r\n", "\n").rstrip("\n") == PAYLOAD["body"]
    html = msg.get_body(("html",)).get_content()
    assert "Referral #4821 is yours &amp; ready.<br>" in html and "&lt;no tags&gt;" in html


async def test_given_html_is_used_and_no_thread_headers_without_a_thread():
    async with running_sink() as sink:
        await sender_for(sink.port).send(item(html="<p>Custom <b>HTML</b></p>", thread_id=None))
    msg = sink.received[0].message
    assert "<p>Custom <b>HTML</b></p>" in msg.get_body(("html",)).get_content()
    assert msg["In-Reply-To"] is None and msg["References"] is None


async def test_message_id_is_stable_across_retries_even_without_one_in_the_payload():
    async with running_sink() as sink:
        sender = sender_for(sink.port)
        first = await sender.send(item(message_id=None))
        second = await sender.send(item(message_id=None))
    assert first.provider_id == second.provider_id
    assert [r.message["Message-ID"] for r in sink.received] == [first.provider_id] * 2
    assert first.provider_id.endswith("@referral-bot.test>")


async def test_recipient_refused_550_is_permanent_with_the_code():
    async with running_sink(SinkHandler(refuse_rcpt={AGENT: "550 5.1.1 No such user"})) as sink:
        with pytest.raises(PermanentSendError) as refused:
            await sender_for(sink.port).send(item())
    assert refused.value.code == "550" and "No such user" in str(refused.value)
    assert sink.received == []


async def test_recipient_451_is_transient():
    async with running_sink(SinkHandler(refuse_rcpt={AGENT: "451 4.7.1 Greylisted, try again later"})) as sink:
        with pytest.raises(TransientSendError, match="451"):
            await sender_for(sink.port).send(item())


@pytest.mark.parametrize("reply, error", [("451 4.3.0 Temporary failure", TransientSendError),
                                          ("554 5.7.1 Message rejected as spam", PermanentSendError)])
async def test_data_refusals_follow_the_reply_class(reply, error):
    async with running_sink(SinkHandler(data_reply=reply)) as sink:
        with pytest.raises(error):
            await sender_for(sink.port).send(item())


async def test_connection_refused_is_transient():
    with pytest.raises(TransientSendError):
        await sender_for(free_port()).send(item())


async def test_authenticates_with_credentials_from_the_url():
    handler = SinkHandler(credentials=("mailer", "p@ss:word"))
    async with running_sink(handler) as sink:
        relay = parse_smtp_url(f"smtp://mailer:p%40ss%3Aword@127.0.0.1:{sink.port}")
        await SmtpEmailSender(relay, timeout=5).send(item())
    assert sink.received[0].login == "mailer"


async def test_wrong_credentials_are_retried_not_dead():
    # A bad password is the relay's configuration, not this message: fixing it must deliver the queue.
    async with running_sink(SinkHandler(credentials=("mailer", "right"))) as sink:
        relay = parse_smtp_url(f"smtp://mailer:wrong@127.0.0.1:{sink.port}")
        with pytest.raises(TransientSendError, match="535"):
            await SmtpEmailSender(relay, timeout=5).send(item())


async def test_missing_body_is_permanent():
    with pytest.raises(PermanentSendError):
        await sender_for(free_port()).send(item(body=""))


async def test_line_breaks_in_headers_built_from_input_are_flattened_never_injected_or_fatal():
    # An agent's decoded subject may carry CR/LF (RFC 2047 `=0D=0A`), a name typed into the API too.
    injected = {"subject": "Re: Hello\r\nBcc: everyone@example.test",
                "from": "Referral\nNetwork <referrals@referral-bot.test>",
                "reply_to": "reply+AbC@in.referral-bot.test\r\nX-Evil: 1", "thread_id": "<t@x.test>\u2028Cc: a@b.test"}
    async with running_sink() as sink:
        await sender_for(sink.port).send(item(**injected))
    [received] = sink.received
    msg = received.message
    assert received.rcpt_tos == [AGENT] and msg["Bcc"] is None and msg["Cc"] is None and msg["X-Evil"] is None
    assert msg["Subject"] == "Re: Hello Bcc: everyone@example.test"
    assert msg["From"] == "Referral Network <referrals@referral-bot.test>"
    assert msg["In-Reply-To"] == "<t@x.test> Cc: a@b.test"
    assert str(msg["Reply-To"]).startswith("reply+AbC@in.referral-bot.test")


def test_parse_smtp_url():
    assert parse_smtp_url("smtp://u:p@mail.example.test:2525") == SmtpRelay("mail.example.test", 2525, "u", "p")
    assert parse_smtp_url("smtps://u%2Bx:p%2F1@mail.example.test") == \
        SmtpRelay("mail.example.test", 465, "u+x", "p/1", implicit_tls=True)
    assert parse_smtp_url("smtp://relay.example.test") == SmtpRelay("relay.example.test", 587)
    for bad in ("http://relay.example.test", "smtp://", "relay.example.test:25"):
        with pytest.raises(ValueError):
            parse_smtp_url(bad)


def test_text_to_html_escapes_and_keeps_line_breaks():
    assert "a &lt;b&gt; &amp; c<br>\nd" in text_to_html("a <b> & c\nd")
