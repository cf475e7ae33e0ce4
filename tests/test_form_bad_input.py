"""Bad bodies on the pages' forms (claim links, agreements, the portal, the sandbox): bytes that are not text
in the form's charset, an unknown charset or a broken multipart body get a 4xx, never a 500."""
from __future__ import annotations

import pytest

from tests.test_twilio_bad_input import assert_no_traceback, logged

FORM = "application/x-www-form-urlencoded"
FORM_PATHS = ["/x/abc/interest", "/x/abc/agree", "/n/abc", "/sandbox/invoice/abc", "/r/abc/claim", "/sandbox/reply",
              "/sandbox/call/answer", "/sandbox/call/step", "/sandbox/call/decline", "/sandbox/email",
              "/sandbox/referral", "/portal/signin", "/portal/signout", "/portal/invitations/abc/accept",
              "/portal/connections/1/accept", "/portal/invitations", "/portal/connections/1/settings",
              "/portal/leads/1/forward"]
BAD_BODIES = {
    "invalid utf-8": (FORM, b"name=\xff\xfe&email=a%40b.test"),
    "unknown charset": (f"{FORM}; charset=unknown-xyz", b"name=Ana&email=a%40b.test"),
    "broken multipart": ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Disposition: form-da"),
    "multipart without boundary": ("multipart/form-data", b"--xyz\r\n\r\nname\r\n--xyz--\r\n"),
}


@pytest.mark.parametrize("path", FORM_PATHS)
@pytest.mark.parametrize("case", list(BAD_BODIES))
async def test_an_undecodable_form_is_a_4xx_not_a_500(client, logged, path, case):
    content_type, body = BAD_BODIES[case]
    response = await client.post(path, data=body, headers={"Content-Type": content_type}, allow_redirects=False)
    assert 300 <= response.status < 500, (case, response.status)
    assert_no_traceback(logged)
