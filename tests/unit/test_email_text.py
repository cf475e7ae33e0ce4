"""inbound.email_text: our own samples, charsets, auto-reply rules and the reply-extraction rules.

The two corpora have their own modules: ours (test_email_corpus.py) and the third-party one
(test_email_corpus_third_party.py, run when `shared/` sits beside the project).
"""

from __future__ import annotations

import base64
import email
import quopri
from email import policy
from pathlib import Path

import pytest

from inbound.email_text import (
    ParsedEmail,
    extract_reply_from_text,
    is_auto_reply,
    parse_email,
)

SAMPLES = Path(__file__).resolve().parents[1] / "email_samples"


# --- our own samples -------------------------------------------------------------------------------------

def test_gmail_reply_above_quoted_reminder() -> None:
    parsed = parse_email((SAMPLES / "gmail_sold.eml").read_bytes())
    assert parsed == ParsedEmail(
        sender="jane.agent@gmail.example",
        sender_name="Jane Agent",
        to=["reply+abc@in.example.test"],
        subject="Re: Referral 4821: time for an update",
        message_id="<CAG8x9=jane-4821@mail.gmail.example>",
        in_reply_to="<reminder-4821-1@in.example.test>",
        references=["<reminder-4821-1@in.example.test>"],
        text=parsed.text,
        unquoted="Sold for $452,500",
        reply="Sold for $452,500",
        auto_reply=False,
    )
    assert "> Hi Jane, how is referral 4821" in parsed.text
    assert "\r" not in parsed.text


def test_gmail_reply_as_bare_text() -> None:
    body = ("Sold for $452,500\n\n"
            "On Sun, Nov 22, 2026 at 9:00 AM Referral Network <reply+abc@in.example.test> wrote:\n\n"
            "> Hi Jane, how is referral 4821 going?\n> Reply SOLD with the price.\n")
    assert extract_reply_from_text(body) == "Sold for $452,500"


def test_html_only_outlook_reply() -> None:
    parsed = parse_email((SAMPLES / "outlook_html_only.eml").read_bytes())
    assert parsed.reply == "In progress – client’s inspection is Friday."
    assert parsed.sender_name == "Renée O’Brien"
    assert "Hi Renée, how is referral 4821 going?" in parsed.text  # the full body keeps the quote
    assert "<div" not in parsed.text


def test_html_gmail_quote_block() -> None:
    html = ('<div dir="ltr">Claim 4821</div><div class="gmail_quote"><div class="gmail_attr">On Sun, Nov 22, '
            '2026 at 9:00 AM Referral Network wrote:</div><blockquote>New referral 4821</blockquote></div>')
    assert extract_reply_from_text(html, html=True) == "Claim 4821"


def test_html_blockquote_with_attribution_line() -> None:
    html = ('<p>No sale, the client went with a friend.<br>Thanks,<br>Sam</p>'
            '<p>22.11.2026, 09:00, "Referral Network" &lt;reply+x@in.example.test&gt;:</p>'
            '<blockquote>How is referral 4821 going?</blockquote>')
    assert extract_reply_from_text(html, html=True) == "No sale, the client went with a friend."


# --- charsets and transfer encodings ---------------------------------------------------------------------

def raw_message(body: bytes, content_type: str = 'text/plain; charset="utf-8"', **headers: str) -> bytes:
    """A small RFC 5322 message; keyword headers use underscores for hyphens (Auto_Submitted)."""
    fields = {"From": "Jane Agent <Jane@Example.test>", "To": "reply+abc@in.example.test",
              "Subject": "Re: Referral 4821", "Message-ID": "<m1@example.test>", "MIME-Version": "1.0",
              "Content-Type": content_type}
    fields.update({name.replace("_", "-"): value for name, value in headers.items()})
    head = "".join(f"{name}: {value}\r\n" for name, value in fields.items())
    return head.encode("utf-8") + b"\r\n" + body


REMINDER = b"\r\n\r\nOn Sun, Nov 22, 2026 at 9:00 AM Referral Network <r@in.example.test> wrote:\r\n> Reminder\r\n"


@pytest.mark.parametrize("charset, encoding, text", [
    ("iso-8859-1", "quoted-printable", "Vendu 452 500 $, réponse à Renée"),
    ("windows-1252", "quoted-printable", "Sold – $452,500 “closing” Dec 3"),
    ("windows-1252", "base64", "In progress – the client’s loan is approved"),
    ("iso-8859-1", "base64", "Verkauft für 452.500 $, schöne Grüße"),
    ("iso-2022-jp", "base64", "売却しました 452,500ドル"),
    ("utf-8", "base64", "Sold for $452,500 ✓"),
    ("utf-8", "8bit", "Vendido por 452.500 $ — ¡gracias!"),
])
def test_charsets_and_transfer_encodings(charset: str, encoding: str, text: str) -> None:
    data = text.encode(charset) + REMINDER
    if encoding == "base64":
        body = base64.encodebytes(data)
    elif encoding == "quoted-printable":
        body = quopri.encodestring(data)
    else:
        body = data
    raw = raw_message(body, content_type=f'text/plain; charset="{charset}"', Content_Transfer_Encoding=encoding)
    assert parse_email(raw).reply == text


@pytest.mark.parametrize("content_type, body, expected", [
    ('text/plain; charset="utf-8"', b"Sold \xff\xfe for 450k", "Sold \ufffd\ufffd for 450k"),
    ('text/plain; charset="x-no-such-charset"', "Vendu à 450k".encode(), "Vendu à 450k"),
    ("text/plain", "Sold – 450k".encode("windows-1252"), "Sold – 450k"),  # us-ascii by default, but 8bit
    ("text/plain", "Sold ✓".encode(), "Sold ✓"),
])
def test_undecodable_bodies_are_replaced_not_fatal(content_type: str, body: bytes, expected: str) -> None:
    assert parse_email(raw_message(body, content_type=content_type)).reply == expected


def test_broken_base64_is_not_fatal() -> None:
    raw = raw_message(b"U29sZCBmb3Ig!!!\r\n", Content_Transfer_Encoding="base64")
    assert isinstance(parse_email(raw).text, str)


def test_message_without_body() -> None:
    parsed = parse_email(b"From: jane@example.test\r\nSubject: Re: Referral 4821\r\n\r\n")
    assert (parsed.text, parsed.unquoted, parsed.reply) == ("", "", "")
    assert parsed.sender == "jane@example.test"
    assert parsed.to == [] and parsed.message_id is None and parsed.references == []


def test_message_with_only_an_attachment() -> None:
    raw = raw_message(b"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment\r\n\r\n%PDF\r\n"
                      b"--b--\r\n", content_type='multipart/mixed; boundary="b"')
    assert parse_email(raw).reply == ""


def test_empty_and_garbage_input() -> None:
    assert parse_email(b"").reply == ""
    assert isinstance(parse_email(b"\x00\xff garbage without headers").text, str)


def test_encoded_and_malformed_addresses() -> None:
    raw = raw_message(b"ok", From="=?utf-8?q?Jos=C3=A9_Agente?= <JOSE@Example.TEST>",
                      To="A <reply+AbC9@In.Example.TEST>, b@y.test, undisclosed-recipients:;")
    parsed = parse_email(raw)
    assert (parsed.sender, parsed.sender_name) == ("jose@example.test", "José Agente")
    assert parsed.to == ["reply+AbC9@in.example.test", "b@y.test"]  # a reply token may be case-sensitive
    assert parse_email(raw_message(b"ok", From="not an address")).sender == ""


def test_references_are_listed() -> None:
    raw = raw_message(b"ok", References="<a@x.test>\r\n <b@x.test> <c@x.test>", In_Reply_To="<c@x.test>")
    parsed = parse_email(raw)
    assert parsed.references == ["<a@x.test>", "<b@x.test>", "<c@x.test>"]
    assert parsed.in_reply_to == "<c@x.test>"


# --- the visible reply on its own ------------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("CLAIM 4821\n\nSent from my iPhone\n\nOn Nov 22, 2026, at 9:00 AM, Referral Network <r@x.test> wrote:\n> hi",
     "CLAIM 4821"),
    ("PAUSE until Dec 3\n\nAm So., 22. Nov. 2026 um 09:00 Uhr schrieb Referral Network <r@x.test>:\n\n> hi",
     "PAUSE until Dec 3"),
    ("Sold 4821 $450k\n\nLe dim. 22 nov. 2026 à 09:00, Referral Network <r@x.test> a écrit :\n> hi",
     "Sold 4821 $450k"),
    ("Yes\n\n-----Original Message-----\nFrom: Referral Network\nSent: Sunday\nTo: Jane\n\nNew referral", "Yes"),
    ("invoice\n________________________________\nFrom: Referral Network <r@x.test>\nSent: Sunday\nSubject: x",
     "invoice"),
    ("In progress\n\nBest regards,\nJane Agent\nACME Realty | 555-0100", "In progress"),
    ("Sold\n\n-- \nJane Agent\nACME Realty", "Sold"),
    ("Hi,\nThanks, I'll take it. CLAIM 4821", "Hi,\nThanks, I'll take it. CLAIM 4821"),
    ("Yes\nTake 4821 please", "Yes\nTake 4821 please"),
    ("Sold\n- closing Dec 3\n- price 450k", "Sold\n- closing Dec 3\n- price 450k"),
    ("> Did referral 4821 close?\nYes, for $452,500\n> Any notes?\nBuyer paid cash",
     "Yes, for $452,500\n\nBuyer paid cash"),
    ("", ""),
])
def test_extract_reply_from_text(body: str, expected: str) -> None:
    assert extract_reply_from_text(body) == expected


def test_forwarded_message_marker_is_a_quote_header() -> None:
    body = ("Can you take this one?\n\n---------- Forwarded message ---------\nFrom: Referral Network <r@x.test>\n"
            "Date: Mon, Nov 23, 2026 at 8:00 AM\nSubject: New referral 4821\n\nNew referral 4821")
    assert extract_reply_from_text(body) == "Can you take this one?"


@pytest.mark.parametrize("footer", ["Sent from Yahoo Mail on Android", "Sent from Yahoo Mail for iPhone",
                                    "Verstuurd vanaf mijn iPhone", "Von meinem iPhone gesendet",
                                    "Envoyé de mon iPhone", "Sent from Mail for Windows"])
def test_mobile_footers_mail_parser_reply_lacks_end_the_reply(footer: str) -> None:
    assert extract_reply_from_text(f"Claim 4821\n\n{footer}\n\nmore text") == "Claim 4821"


@pytest.mark.parametrize("sender, body, expected", [
    ("Renée O'Brien <r@x.test>", "Pause until Dec 3\n\nRenée", "Pause until Dec 3"),
    ("Tom Nguyen <t@x.test>", "Sold for 452,500\n- Tom Nguyen", "Sold for 452,500"),
    ("\"Nguyen, Tom\" <t@x.test>", "Sold for 452,500\nTom", "Sold for 452,500"),
    ("Tom Nguyen <t@x.test>", "Sold to Tom's buyer\nclosing Friday", "Sold to Tom's buyer\nclosing Friday"),
    ("Tom Nguyen <t@x.test>", "Tom", "Tom"),            # a name alone is the whole reply, not a sign-off
    ("Tom Nguyen <t@x.test>", "Claim 4821\nTomas", "Claim 4821\nTomas"),
])
def test_sender_name_alone_on_the_last_line_is_a_sign_off(sender: str, body: str, expected: str) -> None:
    assert parse_email(raw_message(body.encode(), From=sender)).reply == expected


def test_windows_line_endings() -> None:
    body = "STOP\r\n\r\nOn Sun, Nov 22, 2026 Referral Network wrote:\r\n> hi\r\n"
    assert extract_reply_from_text(body) == "STOP"


# --- auto-replies ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Auto_Submitted": "auto-replied"},
    {"Auto_Submitted": "auto-generated"},
    {"Auto_Submitted": "auto-notified; owner-email=\"x@y.test\""},
    {"X_Autoreply": "yes"},
    {"X_Autorespond": "Out of office"},
    {"Precedence": "bulk"},
    {"Precedence": "auto_reply"},
    {"Precedence": "junk"},
    {"Precedence": "list"},
    {"Subject": "Out of Office: Re: Referral 4821"},
    {"Subject": "Automatic reply: Referral 4821"},
    {"Subject": "Auto-Reply: Referral 4821"},
    {"Subject": "Autoreply: Referral 4821"},
    {"Subject": "Abwesenheitsnotiz: Referral 4821"},
    {"Subject": "=?utf-8?q?R=C3=A9ponse_automatique_:_Referral_4821?="},
    {"Subject": "Réponse automatique : Referral 4821"},                 # raw UTF-8 header (RFC 6532)
    {"Subject": "I am out of the office"},
    {"Subject": "Vacation reply"},
    {"Subject": "Vacation auto-reply: Referral 4821"},
    {"Subject": "On vacation until Dec 3", "X_Auto_Response_Suppress": "OOF"},
    {"Subject": "Re: Referral 4821 (vacation)", "X_Auto_Response_Suppress": "All"},
])
def test_auto_replies(headers: dict[str, str]) -> None:
    parsed = parse_email(raw_message(b"I am away.", **headers))
    assert parsed.auto_reply is True


@pytest.mark.parametrize("headers", [
    {},
    {"Auto_Submitted": "no"},
    {"Precedence": "first-class"},
    {"X_Auto_Response_Suppress": "All"},                    # only a hint on its own
    {"Subject": "Re: Referral 4821, buyers want a vacation home"},  # "vacation" alone is not enough
    {"Subject": "Re: Vacation home in 78704"},
    {"Subject": "On vacation until Dec 3"},                  # may be the agent's own PAUSE request
])
def test_not_auto_replies(headers: dict[str, str]) -> None:
    assert parse_email(raw_message(b"Sold for $452,500", **headers)).auto_reply is False


def test_delivery_report_is_automatic() -> None:
    raw = raw_message(b"--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed\r\n--b--\r\n",
                      content_type='multipart/report; report-type=delivery-status; boundary="b"')
    assert parse_email(raw).auto_reply is True


def test_out_of_office_sample() -> None:
    raw = (SAMPLES / "out_of_office.eml").read_bytes()
    assert parse_email(raw).auto_reply is True
    assert is_auto_reply(email.message_from_bytes(raw, policy=policy.default)) is True
