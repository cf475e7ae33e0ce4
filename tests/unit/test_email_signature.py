"""Signature blocks and legal footers leave the visible reply (issue 15), even with no sign-off above them; a
command is never cut."""
from __future__ import annotations

import pytest

from inbound.email_text import extract_reply_from_text

CASES = [
    ("Request an invoice please.\n\nJohn Park\nKeller Williams Austin\n512-555-0199", "Request an invoice please."),
    ("I'll take it.\n\nMaria Lopez | Compass Realty | (512) 555-0142", "I'll take it."),
    ("Sold at 499k\n\nJane Doe\nBroker/Owner\nDoe Realty, LLC\nO: 512-555-0100 | M: 512-555-0101\nwww.doe.example",
     "Sold at 499k"),
    ("Yes, I'll take this one.\n\nThis message and any attachments are confidential. If you are not the intended "
     "recipient, please delete it.", "Yes, I'll take this one."),
    ("Pause until Dec 9.\n\nCONFIDENTIALITY NOTICE: This e-mail is intended only for the named recipient.",
     "Pause until Dec 9."),
    ("Sí, me interesa.\n\nLucía Gómez\nInmobiliaria Sol | 512-555-0133", "Sí, me interesa."),
    ("Yes\n\nSent from my iPhone", "Yes"),
    # a P.S. under the signature is part of the reply
    ("Thanks for thinking of me! Pinecrest is ten minutes from my office.\n\nWarmly,\nCarol Nguyen\nCompass | Coral "
     "Gables\n305.555.0190\n\nP.S. Go ahead and charge the card on file for 8830.",
     "Thanks for thinking of me! Pinecrest is ten minutes from my office.\n\nP.S. Go ahead and charge the card on file "
     "for 8830."),
    ("Sorry for the slow reply, crazy month.\n\nGina Russo\nRealtor | Weichert Realtors\n732-555-0156\n\nPS: #2208 "
     "sold, 449,9. Funded Thursday.",
     "Sorry for the slow reply, crazy month.\n\nPS: #2208 sold, 449,9. Funded Thursday."),
]
KEPT = [
    "Can you call me about this one? 512-555-0148",  # the phone number is part of the request
    "Sold 4821 for $450k\n\nThe buyers loved the house and closed early.",
    "Invalid: the number 512-555-0100 is disconnected\n\nand the email bounced too, so nobody is there.",
]


@pytest.mark.parametrize(("body", "reply"), CASES)
def test_a_contact_block_or_legal_footer_under_the_reply_is_dropped(body: str, reply: str) -> None:
    assert extract_reply_from_text(body) == reply


@pytest.mark.parametrize("body", KEPT)
def test_a_reply_that_mentions_a_phone_number_is_kept_whole(body: str) -> None:
    assert extract_reply_from_text(body) == body
