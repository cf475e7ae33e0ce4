"""Forms posted to the pages (claim links, agreements, the portal, the sandbox) are read once, up front, by
`readable_forms`: a body that is not text in its charset, names a charset Python does not know, or is a broken
multipart body gets 400 before any handler runs. aiohttp keeps what it parsed, so the handler's own
`request.post()` gets the same form. Twilio's webhooks are left to `inbound.twilio` (their signature is checked
before a body is read) and the JSON API to `inbound.json_input`.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
OWN_READERS = ("/twilio/", "/api/")


@web.middleware
async def readable_forms(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.content_type in FORM_TYPES and not request.path.startswith(OWN_READERS):
        try:
            await request.post()
        except (ValueError, LookupError):
            return web.Response(status=400, text="the form could not be read (send UTF-8 form fields)")
    return await handler(request)
