"""Typed email headers and call specs in `Outgoing`, stored in the outbox payload under the keys rows queued
before them already carry, so those rows still send."""
from __future__ import annotations

from bot.messages import CallSpec, Channel, EmailHeaders, Outgoing

PAYLOAD = {  # an email row as queued before the types existed (tests/test_smtp_sender.py sends the same)
    "body": "Hi Agent,\n\nReferral #4821 is yours & ready.\n<no tags>",
    "subject": "Referral #4821 is yours: contact details",
    "kind": "contact",
    "from": "Referral Network <referrals@referral-bot.test>",
    "reply_to": "reply+AbC-123_x@in.referral-bot.test",
    "message_id": "<0123456789abcdef01234567@in.referral-bot.test>",
    "thread_id": "<referral-4.agent-1@in.referral-bot.test>",
}
HEADERS = EmailHeaders(sender=PAYLOAD["from"], reply_to=PAYLOAD["reply_to"], message_id=PAYLOAD["message_id"],
                       thread_id=PAYLOAD["thread_id"])


def test_an_emails_payload_is_the_format_already_queued_rows_have():
    out = Outgoing(Channel.EMAIL, "agent1@example.test", PAYLOAD["body"], "contact:4", subject=PAYLOAD["subject"],
                   kind="contact", email=HEADERS)
    assert out.payload() == PAYLOAD


def test_headers_read_back_from_a_queued_payload():
    assert EmailHeaders.from_payload(PAYLOAD) == HEADERS
    assert EmailHeaders.from_payload({"body": "x", "thread_id": None}) == EmailHeaders()


def test_absent_headers_are_left_out_of_the_payload():
    out = Outgoing(Channel.EMAIL, "a@example.test", "hi", "k", email=EmailHeaders(sender="Network <n@x.test>"))
    assert out.payload() == {"body": "hi", "kind": "reply", "from": "Network <n@x.test>"}


def test_a_calls_url_is_the_payloads_url_both_ways():
    out = Outgoing(Channel.VOICE, "+15125550001", "Referral #4821", "call:1", kind="call",
                   call=CallSpec("http://127.0.0.1/twilio/voice/answer?t=abc"))
    assert out.payload() == {"body": "Referral #4821", "kind": "call",
                             "url": "http://127.0.0.1/twilio/voice/answer?t=abc"}
    assert CallSpec.from_payload(out.payload()) == out.call
    assert CallSpec.from_payload({"body": "no url"}) is None


def test_a_stripe_jobs_parameters_stay_at_the_top_of_the_payload():
    job = {"op": "send_invoice", "invoice_ref": 3}
    out = Outgoing(Channel.STRIPE, "stripe", "send_invoice", "invoice:3", kind="send_invoice", extra=job)
    assert out.payload() == {"body": "send_invoice", "kind": "send_invoice", **job}
