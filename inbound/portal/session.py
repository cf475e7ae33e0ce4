"""Who is signed in to the referral portal's pages, and the pages' common frame.

Pages authenticate with a session cookie (`portal_session`): a random token whose hash names a row of
`portal_sessions` (store.portal_signin), so signing out ends the session on the server and a password change
ends all of that user's sessions. A cookie that is not ours (malformed, unknown, expired) is simply signed
out. Every form a signed-in page posts, sign-out included, carries a CSRF token bound to that cookie; the
sign-in form carries one bound to a random pre-session cookie (`portal_signin`), so another site cannot sign
a browser in to an account of its choosing. Failed sign-ins are throttled per account and per client address
(`store.portal_signin`: 5 failures in 15 minutes, then a wait that doubles) before the password is checked.
`pages` turns a missing session into a redirect to the sign-in form (and back afterwards, which is how an
invitation link asks the invited user to sign in first) and a portal refusal into a page with the API's
sentence. Passwords are checked with scrypt off the event loop.
"""
from __future__ import annotations

import asyncio
import functools
import hmac
import math
import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar
from urllib.parse import quote

from aiohttp import web
from sqlalchemy.orm import Session

from bot import portal as rules
from inbound.deps import client_address, deps
from inbound.layout import esc, html_response, layout, message_page
from store import portal, portal_signin
from store.portal_models import PortalUser

routes = web.RouteTableDef()
T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.Response]]
COOKIE = "portal_session"
SIGNIN_COOKIE = "portal_signin"
SESSION_SECONDS = 12 * 3600


class SignInNeeded(Exception):
    """No valid session: the page sends the visitor to the sign-in form and back."""


EXTRA_CSS = """
label{display:block;margin:.6rem 0 .2rem;color:#5b6677;font-size:.9rem}
input,select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #c5ccd6;border-radius:8px}
h2{font-size:1.1rem;margin:.2rem 0 .6rem}ul{padding-left:1.1rem}li{margin:.3rem 0}
form{margin:.6rem 0}button{margin-top:.8rem}.link{background:none;color:#0b6bcb;padding:0;width:auto;
display:inline;font-weight:400;font-size:.9rem;margin:0}.note{border-left:3px solid #c5ccd6;padding-left:.6rem}
"""
def sign_out_form(csrf: str) -> str:
    """The sign-out button; `csrf` is the page's `csrf_field`."""
    return (f"<form method=\"post\" action=\"/portal/signout\">{csrf}<button class=\"link\" type=\"submit\">"
            "Sign out</button></form>")


def render(title: str, cards: list[str], status: int = 200) -> web.Response:
    return html_response(layout(title, "".join(cards), extra_css=EXTRA_CSS), status)


def card(inner: str, tone: str = "") -> str:
    return f"<section class=\"card {esc(tone)}\">{inner}</section>"


def see_other(location: str, **cookie: Any) -> web.Response:
    response = web.Response(status=303, headers={"Location": location})
    if cookie:
        response.set_cookie(COOKIE, **cookie)
    return response


def safe_next(raw: str | None) -> str:
    """Only our own pages: no open redirect."""
    return raw if raw and raw.startswith("/portal") and not raw.startswith("//") else "/portal"


def session_of(request: web.Request) -> str:
    return request.cookies.get(COOKIE, "")


def pages(handler: Handler) -> Handler:
    """Refusals become pages with the same sentence the API gives; no session sends you to sign in."""
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except SignInNeeded:
            back = request.path if request.method == "GET" else "/portal"
            return see_other(f"/portal/signin?next={quote(back)}")
        except portal.FieldErrors as exc:
            items = "".join(f"<li>{esc(k)}: {esc(v)}</li>" for k, v in exc.errors.items())
            return render("Please check", [card(f"<h1>Please check</h1><ul>{items}</ul>"
                                                "<p><a href=\"/portal\">Back</a></p>", "bad")], 422)
        except portal.PortalError as exc:
            return message_page("Not possible", exc.message[:1].upper() + exc.message[1:] + ".",
                                status=exc.status, tone="bad",
                                detail=sign_out_form(csrf_field(request)) if exc.status == 403 else "")
    return wrapped


async def as_user(request: web.Request, work: Callable[[Session, PortalUser], T]) -> T:
    """Run `work` for the signed-in user, whose account must have the portal."""
    d, value = deps(request), session_of(request)
    now = d.clock.now()

    def transaction(session: Session) -> T:
        user = portal_signin.session_user(session, value, now)
        if user is None:
            raise SignInNeeded()
        portal.enabled_account(session, user.account_id)
        return work(session, user)
    return await d.store.run(transaction)


async def posted_form(request: web.Request) -> dict[str, str]:
    """The form of a signed-in POST, after the session and CSRF checks."""
    value = session_of(request)
    if not value:
        raise SignInNeeded()
    form = {k: str(v) for k, v in (await request.post()).items()}
    if not csrf_ok(request, form, value):
        raise portal.Forbidden("this form has expired; reload the page and try again")
    return form


def csrf_ok(request: web.Request, form: Any, bound_to: str) -> bool:
    expected = rules.csrf_token(deps(request).settings.secret_key, bound_to)
    return bool(bound_to) and hmac.compare_digest(str(form.get("csrf", "")).encode(), expected.encode())


def csrf_field(request: web.Request) -> str:
    token = rules.csrf_token(deps(request).settings.secret_key, session_of(request))
    return f"<input type=\"hidden\" name=\"csrf\" value=\"{esc(token)}\">"


# -- sign in and out ---------------------------------------------------------------------------
def signin_page(request: web.Request, next_path: str, error: str = "", status: int = 200, *,
                email: str = "") -> web.Response:
    """The sign-in form, its CSRF field bound to the visitor's pre-session cookie (set here when missing);
    after a failed attempt it keeps the email typed (never the password)."""
    nonce, fresh = signin_nonce(request, SIGNIN_COOKIE)
    csrf = rules.csrf_token(deps(request).settings.secret_key, "signin:" + nonce)
    problem = f"<p class=\"fine\" role=\"alert\">{esc(error)}</p>" if error else ""
    form = ("<h1>Sign in</h1>" + problem + "<form method=\"post\" action=\"/portal/signin\">"
            f"<input type=\"hidden\" name=\"csrf\" value=\"{esc(csrf)}\">"
            f"<input type=\"hidden\" name=\"next\" value=\"{esc(next_path)}\">"
            f"<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" "
            f"value=\"{esc(email)}\" required{'' if email else ' autofocus'}>"
            "<label for=\"password\">Password</label>"
            "<input id=\"password\" name=\"password\" type=\"password\" required>"
            "<button type=\"submit\">Sign in</button></form>")
    response = render("Sign in", [card(form)], status)
    if fresh:
        response.set_cookie(SIGNIN_COOKIE, nonce, path="/portal", httponly=True, samesite="Lax",
                            secure=secure_cookies(request))
    return response


def signin_nonce(request: web.Request, cookie: str) -> tuple[str, bool]:
    """The visitor's pre-session nonce (the sign-in form's CSRF is bound to it), and whether it is new and so
    must be set as `cookie` on the answer."""
    nonce = request.cookies.get(cookie, "")
    fresh = not (nonce.isascii() and len(nonce) == 43)
    return (secrets.token_urlsafe(32) if fresh else nonce), fresh


def secure_cookies(request: web.Request) -> bool:
    return deps(request).settings.public_base_url.startswith("https://")


@routes.get("/portal/signin")
async def signin_form(request: web.Request) -> web.Response:
    return signin_page(request, safe_next(request.query.get("next")))


@routes.post("/portal/signin")
async def signin(request: web.Request) -> web.Response:
    form = await request.post()
    email, given = str(form.get("email", "")).strip().lower(), str(form.get("password", ""))
    next_path = safe_next(str(form.get("next", "")))
    if not csrf_ok(request, form, "signin:" + request.cookies.get(SIGNIN_COOKIE, "")):
        return signin_page(request, next_path, "This form has expired; please sign in again.", 403)
    d, now = deps(request), deps(request).clock.now()
    keys = [portal_signin.account_key(email), portal_signin.address_key(client_address(request))]
    wait = await d.store.run(lambda s: portal_signin.wait_left(s, keys, now))
    if wait is not None:
        return too_many(request, next_path, wait)
    user = await d.store.run(lambda s: portal.user_by_email(s, email))
    stored = user.password_hash if user is not None and user.active else None
    if not await asyncio.to_thread(rules.verify_password, given, stored) or user is None:
        await d.store.run(lambda s: portal_signin.record_failure(s, keys, now))
        return signin_page(request, next_path, "Wrong email or password.", 401,
                           email=str(form.get("email", "")).strip())

    def start(session: Session) -> str:
        portal_signin.clear(session, keys[0])
        return portal_signin.start_session(session, user.id, now=now, lifetime=timedelta(seconds=SESSION_SECONDS))
    token = await d.store.run(start)
    return see_other(next_path, value=token, max_age=SESSION_SECONDS, path="/portal", httponly=True,
                     samesite="Lax", secure=secure_cookies(request))


def too_many(request: web.Request, next_path: str, wait: timedelta) -> web.Response:
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    response = signin_page(request, next_path, f"Too many failed sign-ins. Try again in {minutes} minute"
                           f"{'s' if minutes > 1 else ''}.", 429)
    response.headers["Retry-After"] = str(math.ceil(wait.total_seconds()))
    return response


@routes.post("/portal/signout")
async def signout(request: web.Request) -> web.Response:
    """Ends the session on the server; the form's CSRF token must match, so another site cannot sign you out."""
    value = session_of(request)
    if value:
        if not csrf_ok(request, await request.post(), value):
            return message_page("Not signed out", "This form has expired; reload the page and try again.",
                                status=403, tone="bad")
        await deps(request).store.run(lambda s: portal_signin.end_session(s, value))
    response = see_other("/portal/signin")
    response.del_cookie(COOKIE, path="/portal")
    return response
