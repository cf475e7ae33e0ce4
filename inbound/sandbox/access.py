"""Who may open the sandbox: the holder of ADMIN_TOKEN, proven once, then by an expiring cookie.

The sandbox shows the winner's contact-details email, so a sandbox exposed by mistake must not leak client
details. The admin token is never read from a query string (it would sit in the address bar, the history and
any proxy's log). Two ways in:

* `POST /sandbox/signin` with the token in the form body (the form the locked page shows);
* `GET /sandbox/signin?code=...` with a short-lived code signed under SECRET_KEY (15 minutes): the link the
  demo banner prints. The code proves the token without containing it.

Either answers with the `rb_sandbox` cookie and a redirect to `/sandbox`. The cookie holds its expiry and an
HMAC over the admin token and that expiry, never the token; it is HttpOnly, SameSite=Strict (so another site
cannot make the browser post a reply as an agent), scoped to `/sandbox`, and expires after 8 hours (both the
browser's Max-Age and the signed expiry, which the server checks). With no ADMIN_TOKEN the sandbox stays shut.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from aiohttp import web

from inbound.deps import deps
from inbound.layout import message_page
from store.settings import Settings

routes = web.RouteTableDef()
COOKIE = "rb_sandbox"
COOKIE_SECONDS = 8 * 3600
CODE_SECONDS = 15 * 60


def _mac(settings: Settings, purpose: str, expires: int) -> str:
    message = f"{purpose}:{expires}:{settings.admin_token}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()


def _signed(settings: Settings, purpose: str, expires: int) -> str:
    return f"{expires}.{_mac(settings, purpose, expires)}"


def _holds(settings: Settings, purpose: str, value: str, now: datetime) -> bool:
    """A `<expiry>.<mac>` value for `purpose` that is well formed, unexpired and signed by us."""
    expires, _, mac = value.partition(".")
    if not settings.admin_token or not expires.isascii() or not expires.isdigit() or len(expires) > 12:
        return False
    return int(expires) > now.timestamp() and hmac.compare_digest(
        mac.encode(), _mac(settings, purpose, int(expires)).encode())


def cookie_value(settings: Settings, now: datetime) -> str:
    """What the cookie holds: its expiry and proof of the admin token, without the token itself."""
    return _signed(settings, "sandbox-cookie", int(now.timestamp()) + COOKIE_SECONDS)


def signin_code(settings: Settings, now: datetime) -> str:
    """A one-click sign-in code for the demo banner, good for 15 minutes."""
    return _signed(settings, "sandbox-code", int(now.timestamp()) + CODE_SECONDS)


def token_ok(settings: Settings, given: object) -> bool:
    return bool(settings.admin_token and given) and hmac.compare_digest(
        str(given).encode(), settings.admin_token.encode())


def authorized(request: web.Request) -> bool:
    d = deps(request)
    return _holds(d.settings, "sandbox-cookie", request.cookies.get(COOKIE, ""), d.clock.now())


def refused(request: web.Request, status: int = 401) -> web.Response:
    if not deps(request).settings.admin_token:
        return message_page("Sandbox locked", "Set ADMIN_TOKEN to use the sandbox: it shows client contact "
                            "details.", status=403, tone="bad")
    form = ("<form method=\"post\" action=\"/sandbox/signin\" class=\"reply\"><input type=\"password\" "
            "name=\"token\" placeholder=\"ADMIN_TOKEN\" aria-label=\"Admin token\" autocomplete=\"off\">"
            "<button type=\"submit\">Open</button></form>")
    text = ("Your sandbox sign-in has expired, or the admin token changed since you last opened the sandbox "
            "(the server restarted with a new one). Enter the current one, printed when the server started."
            if request.cookies.get(COOKIE) else "Enter the admin token to open the sandbox.")
    return message_page("Sandbox", text, status=status, detail=form)


def remember(request: web.Request) -> web.Response:
    """The signed cookie and a clean address."""
    d = deps(request)
    response = web.Response(status=303, headers={"Location": "/sandbox"})
    response.set_cookie(COOKIE, cookie_value(d.settings, d.clock.now()), path="/sandbox", httponly=True,
                        samesite="Strict", secure=request.secure, max_age=COOKIE_SECONDS)
    return response


@routes.post("/sandbox/signin")
async def signin_with_token(request: web.Request) -> web.Response:
    given = (await request.post()).get("token")
    return remember(request) if token_ok(deps(request).settings, given) else refused(request)


@routes.get("/sandbox/signin")
async def signin_with_code(request: web.Request) -> web.Response:
    d = deps(request)
    if _holds(d.settings, "sandbox-code", request.query.get("code", ""), d.clock.now()):
        return remember(request)
    return refused(request)
