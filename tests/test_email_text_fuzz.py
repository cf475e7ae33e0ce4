"""inbound.email_text never fails on what arrives: any bytes, any body in any charset and transfer encoding, any
text. Generated inputs take seconds, so these stay out of the unit tier (tests/unit/test_email_text.py)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inbound.email_text import ParsedEmail, extract_reply_from_text, parse_email
from tests.unit.test_email_text import raw_message

# --- nothing is fatal ------------------------------------------------------------------------------------

CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "iso-2022-jp", "x-unknown", "utf-16", ""]
ENCODINGS = ["7bit", "8bit", "quoted-printable", "base64", "x-uuencode", ""]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_parse(raw: bytes) -> None:
    assert isinstance(parse_email(raw), ParsedEmail)


@settings(max_examples=300, deadline=None)
@given(body=st.binary(max_size=500), charset=st.sampled_from(CHARSETS), encoding=st.sampled_from(ENCODINGS),
       subtype=st.sampled_from(["plain", "html"]))
def test_any_body_in_any_charset_and_encoding(body: bytes, charset: str, encoding: str, subtype: str) -> None:
    content_type = f'text/{subtype}; charset="{charset}"'
    raw = raw_message(body, content_type=content_type, Content_Transfer_Encoding=encoding)
    assert isinstance(parse_email(raw).reply, str)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000), st.booleans())
def test_any_text_extracts(text: str, html: bool) -> None:
    assert isinstance(extract_reply_from_text(text, html=html), str)
