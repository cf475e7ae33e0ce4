"""The referral portal over HTTP: the operator API under /api/portal (bearer auth, JSON, 422 field errors)
and the signed-in pages under /portal (sign in, accept an invitation, connections and their settings, leads
and the forward form).

Pages authenticate with a signed session cookie (`portal_session`: user id, expiry and an HMAC keyed from
SECRET_KEY that also covers the password hash); every form a signed-in page posts carries a CSRF token bound
to that cookie. An invitation link (`/portal/invitations/<token>`) only names the invitation: accepting it
takes a signed-in user of the invited account. Passwords are hashed with scrypt off the event loop.
The logic lives in `store.portal`; this module validates, runs one transaction, and renders.
"""
from __future__ import annotations

import asyncio
import functools
import hmac
import uuid
from urllib.parse import quote
from typing import Any, Awaitable, Callable, TypeVar

from aiohttp import web
from sqlalchemy.orm import Session

from bot import portal as rules
from bot.tokens import BadToken
from inbound import validation
from inbound.api import int_param
from inbound.deps import BOT_ENV, deps, json_body, json_response
from inbound.pages import esc, html_response, layout, message_page
from store import portal
from store.portal_models import PortalConnection, PortalLead, PortalUser

routes = web.RouteTableDef()
T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.Response]]
COOKIE = "portal_session"
SESSION_SECONDS = 12 * 3600


# -- input rules -------------------------------------------------------------------------------
def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def optional(rule: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None or value == "" else rule(value)


def one_of(options: tuple[str, ...]) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        if value not in options:
            raise ValueError(f"one of {', '.join(options)}")
        return str(value)
    return rule


def password(value: Any) -> str:
    if not isinstance(value, str) or not 8 <= len(value) <= 200:
        raise ValueError("a password of 8 to 200 characters")
    return value


def whole_id(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError("an id (a positive whole number)")
    return value


def custom_fields(value: Any) -> dict[str, Any]:
    scalars = (str, int, float, bool, type(None))
    if not isinstance(value, dict) or len(value) > 50 or not all(
            isinstance(k, str) and len(k) <= 100 and isinstance(v, scalars) for k, v in value.items()):
        raise ValueError("an object of at most 50 named text, number or true/false values")
    return dict(value)


def note_texts(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v.strip()) <= 2000 for v in value):
        raise ValueError("a list of notes (text of 1 to 2000 characters)")
    return [v.strip() for v in value]


def required_text(limit: int) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        text = validation.short_text(limit)(value)
        if not text:
            raise ValueError(f"text of 1 to {limit} characters")
        return text
    return rule


ACCOUNT_RULES = {"name": validation.name, "portal_enabled": boolean}
USER_RULES = {"name": validation.name, "email": validation.email, "phone": optional(validation.phone),
              "active": boolean, "password": password}
SETTINGS_RULES = {"folder": optional(validation.short_text(200)),
                  "assignment": one_of(tuple(str(a) for a in rules.Assignment)),
                  "assigned_user_id": optional(whole_id), "source": optional(validation.short_text(200))}
LEAD_RULES = {"name": validation.name, "phone": optional(validation.phone), "email": optional(validation.email),
              "address": optional(validation.short_text(500)), "lead_type": optional(one_of(rules.LEAD_TYPES)),
              "custom_fields": custom_fields, "notes": note_texts, "folder": optional(validation.short_text(200)),
              "assigned_user_id": optional(whole_id), "source": optional(validation.short_text(200))}
FORWARD_RULES = {"connection_id": whole_id, "message": validation.short_text(2000),
                 "idempotency_key": optional(validation.short_text(200))}


async def hashed(fields: dict[str, Any]) -> dict[str, Any]:
    """Swap a password for its scrypt hash, computed on a worker thread (about 50 ms)."""
    if "password" in fields:
        fields = dict(fields)
        fields["password_hash"] = await asyncio.to_thread(rules.hash_password, fields.pop("password"))
    return fields


# -- the operator API --------------------------------------------------------------------------
def api(handler: Handler) -> Handler:
    """Field errors become 422 `{"errors": {...}}`; portal refusals their status with `{"error": "..."}`."""
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except validation.Invalid as exc:
            return json_response({"errors": exc.errors}, 422)
        except portal.PortalError as exc:
            return json_response(exc.body(), exc.status)
    return wrapped


async def body(request: web.Request, rules_: dict[str, Callable[[Any], Any]], *,
               required: tuple[str, ...] = ()) -> dict[str, Any]:
    return validation.check(await json_body(request), rules_, required=required)


async def answer(request: web.Request, work: Callable[[Session], Any], status: int = 200) -> web.Response:
    return json_response(await deps(request).store.run(work), status)


def now_of(request: web.Request) -> Any:
    return deps(request).clock.now()


@routes.post("/api/portal/accounts")
@api
async def create_account(request: web.Request) -> web.Response:
    fields = await body(request, ACCOUNT_RULES, required=("name",))
    return await answer(request, lambda s: portal.account_view(
        portal.create_account(s, fields, now=now_of(request))), 201)


@routes.get("/api/portal/accounts")
@api
async def list_accounts(request: web.Request) -> web.Response:
    return await answer(request, lambda s: [portal.account_view(a) for a in portal.list_accounts(s)])


@routes.get("/api/portal/accounts/{account_id}")
@api
async def get_account(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    return await answer(request, lambda s: portal.account_view(portal.account(s, account_id)))


@routes.patch("/api/portal/accounts/{account_id}")
@api
async def patch_account(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    fields = await body(request, ACCOUNT_RULES)
    return await answer(request, lambda s: portal.account_view(
        portal.update_account(s, account_id, fields, now=now_of(request))))


@routes.post("/api/portal/accounts/{account_id}/users")
@api
async def create_user(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    fields = await hashed(await body(request, USER_RULES, required=("name", "email")))
    return await answer(request, lambda s: portal.user_view(
        portal.create_user(s, account_id, fields, now=now_of(request))), 201)


@routes.get("/api/portal/accounts/{account_id}/users")
@api
async def list_users(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    return await answer(request, lambda s: [portal.user_view(u) for u in portal.list_users(s, account_id)])


@routes.get("/api/portal/accounts/{account_id}/users/{user_id}")
@api
async def get_user(request: web.Request) -> web.Response:
    account_id, user_id = int_param(request, "account_id"), int_param(request, "user_id")
    return await answer(request, lambda s: portal.user_view(portal.user_of(s, account_id, user_id)))


@routes.patch("/api/portal/accounts/{account_id}/users/{user_id}")
@api
async def patch_user(request: web.Request) -> web.Response:
    account_id, user_id = int_param(request, "account_id"), int_param(request, "user_id")
    fields = await hashed(await body(request, USER_RULES))
    return await answer(request, lambda s: portal.user_view(
        portal.update_user(s, account_id, user_id, fields, now=now_of(request))))


@routes.post("/api/portal/accounts/{account_id}/invitations")
@api
async def create_invitation(request: web.Request) -> web.Response:
    """The account asks to receive leads from the account of the active user with this email."""
    account_id = int_param(request, "account_id")
    email = (await body(request, {"email": validation.email}, required=("email",)))["email"]
    env = request.app[BOT_ENV]

    def work(session: Session) -> tuple[dict[str, Any], int]:
        invited = portal.invite(session, env, account_id, email, now=now_of(request))
        return portal.connection_view(session, invited.connection, account_id or 0), 201 if invited.created else 200
    view, status = await retrying(request, work)
    return json_response(view, status)


@routes.get("/api/portal/accounts/{account_id}/invitations")
@api
async def list_invitations(request: web.Request) -> web.Response:
    """Every invitation the account sent or received, with its status (pending or accepted)."""
    return await list_connections(request)


@routes.get("/api/portal/accounts/{account_id}/connections")
@api
async def list_connections(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id") or 0
    return await answer(request, lambda s: [portal.connection_view(s, c, account_id)
                                            for c in portal.connections_of(s, account_id)])


@routes.patch("/api/portal/accounts/{account_id}/connections/{connection_id}")
@api
async def patch_connection(request: web.Request) -> web.Response:
    account_id, connection_id = int_param(request, "account_id") or 0, int_param(request, "connection_id")
    fields = await body(request, SETTINGS_RULES)

    def work(session: Session) -> dict[str, Any]:
        connection = portal.update_settings(session, account_id, connection_id, fields, now=now_of(request))
        return portal.connection_view(session, connection, account_id)
    return await answer(request, work)


@routes.post("/api/portal/accounts/{account_id}/leads")
@api
async def create_lead(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    fields = await body(request, LEAD_RULES, required=("name",))
    return await answer(request, lambda s: portal.lead_view(
        s, portal.create_lead(s, account_id, fields, now=now_of(request)), with_notes=True), 201)


@routes.get("/api/portal/accounts/{account_id}/leads")
@api
async def list_leads(request: web.Request) -> web.Response:
    account_id, folder = int_param(request, "account_id"), request.query.get("folder")
    return await answer(request, lambda s: [portal.lead_view(s, lead)
                                            for lead in portal.list_leads(s, account_id, folder=folder)])


@routes.get("/api/portal/leads/{lead_id}")
@api
async def get_lead(request: web.Request) -> web.Response:
    lead_id = int_param(request, "lead_id")
    return await answer(request, lambda s: portal.lead_view(s, portal.lead(s, lead_id), with_notes=True))


@routes.post("/api/portal/leads/{lead_id}/notes")
@api
async def add_note(request: web.Request) -> web.Response:
    lead_id = int_param(request, "lead_id")
    text = (await body(request, {"text": required_text(2000)}, required=("text",)))["text"]

    def work(session: Session) -> dict[str, Any]:
        note = portal.add_note(session, portal.lead(session, lead_id).id, "note", text, now=now_of(request))
        return {"id": note.id, "lead_id": note.lead_id, "kind": note.kind, "text": note.text}
    return await answer(request, work, 201)


@routes.post("/api/portal/leads/{lead_id}/forward")
@api
async def forward_lead(request: web.Request) -> web.Response:
    """201 with the new lead; a repeated `idempotency_key` (body, or the Idempotency-Key header) answers 200
    with the first forward and changes nothing."""
    fields = await body(request, FORWARD_RULES, required=("connection_id",))
    key = fields.get("idempotency_key") or request.headers.get("Idempotency-Key") or None
    forward = portal.ForwardRequest(int_param(request, "lead_id"), fields["connection_id"],
                                    fields.get("message", ""), key)
    view, status = await retrying(request, lambda s: forwarded(s, request, forward))
    return json_response(view, status)


def forwarded(session: Session, request: web.Request, forward: portal.ForwardRequest) -> tuple[dict[str, Any], int]:
    done = portal.forward(session, request.app[BOT_ENV], forward, now=now_of(request))
    return portal.forward_result(session, done.forward), 201 if done.created else 200


async def retrying(request: web.Request, work: Callable[[Session], T]) -> T:
    """Run once more after a unique-constraint race (two identical invitations or keyed forwards at once):
    the second run finds what the first committed."""
    from sqlalchemy.exc import IntegrityError

    try:
        return await deps(request).store.run(work)
    except IntegrityError:
        return await deps(request).store.run(work)


@routes.get("/api/portal/accounts/{account_id}/forwards")
@api
async def list_forwards(request: web.Request) -> web.Response:
    account_id = int_param(request, "account_id")
    return await answer(request, lambda s: portal.forwards_of(s, account_id))


# -- pages: sessions ---------------------------------------------------------------------------
class SignInNeeded(Exception):
    """No valid session: the page sends the visitor to the sign-in form and back."""


EXTRA_CSS = """
label{display:block;margin:.6rem 0 .2rem;color:#5b6677;font-size:.9rem}
input,select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #c5ccd6;border-radius:8px}
h2{font-size:1.1rem;margin:.2rem 0 .6rem}ul{padding-left:1.1rem}li{margin:.3rem 0}
form{margin:.6rem 0}button{margin-top:.8rem}.link{background:none;color:#0b6bcb;padding:0;width:auto;
display:inline;font-weight:400;font-size:.9rem;margin:0}.note{border-left:3px solid #c5ccd6;padding-left:.6rem}
"""
DONE = {"accepted": "Invitation accepted: you can now refer leads to this account.",
        "saved": "Settings saved.", "invited": "Invitation sent. It shows as pending until it is accepted.",
        "sent": "The lead was sent. A history note was recorded on it."}


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
                                status=exc.status, tone="bad")
    return wrapped


async def as_user(request: web.Request, work: Callable[[Session, PortalUser], T]) -> T:
    """Run `work` for the signed-in user, whose account must have the portal."""
    d, value = deps(request), session_of(request)
    now = d.clock.now()

    def transaction(session: Session) -> T:
        user = portal.signed_in_user(session, d.settings.secret_key, value, now)
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
    expected = rules.csrf_token(deps(request).settings.secret_key, value)
    if not hmac.compare_digest(form.get("csrf", ""), expected):
        raise portal.Forbidden("this form has expired; reload the page and try again")
    return form


def csrf_field(request: web.Request) -> str:
    token = rules.csrf_token(deps(request).settings.secret_key, session_of(request))
    return f"<input type=\"hidden\" name=\"csrf\" value=\"{esc(token)}\">"


# -- pages: sign in ----------------------------------------------------------------------------
def signin_page(next_path: str, error: str = "", status: int = 200) -> web.Response:
    problem = f"<p class=\"fine\" role=\"alert\">{esc(error)}</p>" if error else ""
    form = ("<h1>Sign in</h1>" + problem + "<form method=\"post\" action=\"/portal/signin\">"
            f"<input type=\"hidden\" name=\"next\" value=\"{esc(next_path)}\">"
            "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required>"
            "<label for=\"password\">Password</label>"
            "<input id=\"password\" name=\"password\" type=\"password\" required>"
            "<button type=\"submit\">Sign in</button></form>")
    return render("Sign in", [card(form)], status)


@routes.get("/portal/signin")
async def signin_form(request: web.Request) -> web.Response:
    return signin_page(safe_next(request.query.get("next")))


@routes.post("/portal/signin")
async def signin(request: web.Request) -> web.Response:
    form = await request.post()
    email, given = str(form.get("email", "")).strip().lower(), str(form.get("password", ""))
    next_path = safe_next(str(form.get("next", "")))
    d = deps(request)
    user = await d.store.run(lambda s: portal.user_by_email(s, email))
    stored = user.password_hash if user is not None and user.active else None
    if not await asyncio.to_thread(rules.verify_password, given, stored) or user is None:
        return signin_page(next_path, "Wrong email or password.", 401)
    expires = int(d.clock.now().timestamp()) + SESSION_SECONDS
    value = rules.session_value(d.settings.secret_key, user.id, stored, expires)
    return see_other(next_path, value=value, max_age=SESSION_SECONDS, path="/portal", httponly=True,
                     samesite="Lax", secure=d.settings.public_base_url.startswith("https://"))


@routes.post("/portal/signout")
async def signout(request: web.Request) -> web.Response:
    response = see_other("/portal/signin")
    response.del_cookie(COOKIE, path="/portal")
    return response


# -- pages: invitations ------------------------------------------------------------------------
def invitation_connection(request: web.Request) -> int | web.Response:
    d = deps(request)
    try:
        return portal.invitation_id(d.settings.secret_key, request.match_info["token"], d.clock.now())
    except BadToken as exc:
        if str(exc) == "expired":
            return message_page("Invitation expired", "This invitation link has expired. Ask the account that "
                                "invited you to send a new invitation.", status=410, tone="muted")
        return message_page("Link not valid", "This invitation link isn't valid. Open the link exactly as it "
                            "was emailed to you.", status=404, tone="bad")


@routes.get("/portal/invitations/{token}")
@pages
async def show_invitation(request: web.Request) -> web.Response:
    connection_id = invitation_connection(request)
    if isinstance(connection_id, web.Response):
        return connection_id

    def work(session: Session, user: PortalUser) -> tuple[str, str]:
        connection = portal.invitation_for(session, connection_id, user)
        inviter = portal.account(session, connection.receiver_account_id)
        return connection.status, inviter.name
    status, inviter = await as_user(request, work)
    if status == rules.Status.ACCEPTED:
        return message_page("Connected", f"You can refer leads to {inviter}.", status=200, tone="good",
                            detail="<p><a href=\"/portal\">Open the referral portal</a></p>")
    form = (f"<form method=\"post\" action=\"{esc(request.path)}/accept\">{csrf_field(request)}"
            "<button type=\"submit\">Accept the invitation</button></form>")
    text = (f"<h1>Invitation from {esc(inviter)}</h1><p>{esc(inviter)} would like to receive referrals and leads "
            "from your account. Once you accept, you can send them leads; only a lead's name, phone, email, "
            "address, type and your message are sent.</p>")
    return render("Invitation", [card(text + form)])


@routes.post("/portal/invitations/{token}/accept")
@pages
async def accept_invitation(request: web.Request) -> web.Response:
    connection_id = invitation_connection(request)
    if isinstance(connection_id, web.Response):
        return connection_id
    await posted_form(request)
    await as_user(request, lambda s, user: portal.accept(s, connection_id, user, now=now_of(request)))
    return see_other("/portal?done=accepted")


@routes.post("/portal/connections/{connection_id}/accept")
@pages
async def accept_from_home(request: web.Request) -> web.Response:
    await posted_form(request)
    connection_id = int_param(request, "connection_id")
    await as_user(request, lambda s, user: portal.accept(s, connection_id, user, now=now_of(request)))
    return see_other("/portal?done=accepted")


@routes.post("/portal/invitations")
@pages
async def invite_from_home(request: web.Request) -> web.Response:
    form = await posted_form(request)
    try:
        email = validation.email(form.get("email"))
    except ValueError as exc:
        raise portal.FieldErrors({"email": str(exc)}) from None
    env = request.app[BOT_ENV]
    await as_user(request, lambda s, user: portal.invite(s, env, user.account_id, email, now=now_of(request)))
    return see_other("/portal?done=invited")


# -- pages: the account's connections ----------------------------------------------------------
@routes.get("/portal")
@pages
async def home(request: web.Request) -> web.Response:
    cards = await as_user(request, lambda s, user: home_cards(s, user, csrf_field(request)))
    done = DONE.get(request.query.get("done", ""))
    return render("Referral portal", ([card(f"<p>{esc(done)}</p>", "good")] if done else []) + cards)


def home_cards(session: Session, user: PortalUser, csrf: str) -> list[str]:
    mine = user.account_id
    connections = portal.connections_of(session, mine)
    account = portal.account(session, mine)
    users = [u for u in portal.list_users(session, mine) if u.active]
    refer = [c for c in connections if c.status == rules.Status.ACCEPTED and c.sender_account_id == mine]
    receive = [c for c in connections if c.status == rules.Status.ACCEPTED and c.receiver_account_id == mine]
    pending = [c for c in connections if c.status == rules.Status.PENDING]

    def name_of(connection: PortalConnection) -> str:
        return portal.account(session, portal.other_account_id(connection, mine)).name
    return [
        card(f"<p class=\"kicker\">{esc(user.name)} &middot; {esc(account.name)}</p><h1>Referral portal</h1>"
             "<p><a href=\"/portal/leads\">Leads</a></p><form method=\"post\" action=\"/portal/signout\">"
             "<button class=\"link\" type=\"submit\">Sign out</button></form>"),
        card("<h2>Accounts you can refer leads to</h2>" + bullet([esc(name_of(c)) for c in refer])),
        card("<h2>Accounts you receive leads from</h2>" + (
            "".join(settings_form(session, c, name_of(c), users, csrf) for c in receive) or "<p>None yet.</p>")),
        card("<h2>Invitations</h2>" + bullet([pending_item(c, name_of(c), mine, csrf) for c in pending])),
        card("<h2>Ask an account to send you leads</h2><form method=\"post\" action=\"/portal/invitations\">"
             f"{csrf}<label for=\"invite-email\">Email of one of their users</label>"
             "<input id=\"invite-email\" name=\"email\" type=\"email\" required>"
             "<button type=\"submit\">Send invitation</button></form>"),
    ]


def bullet(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else "<p>None yet.</p>"


def pending_item(connection: PortalConnection, other: str, mine: int, csrf: str) -> str:
    direction = portal.direction_for(connection, mine)
    if direction is rules.Direction.RECEIVES_FROM:
        return f"{esc(other)}: {esc(rules.label(direction, rules.Status.PENDING))}"
    return (f"{esc(other)} would like to receive leads from you. <form method=\"post\" "
            f"action=\"/portal/connections/{connection.id}/accept\">{csrf}"
            "<button type=\"submit\">Accept</button></form>")


def settings_form(session: Session, connection: PortalConnection, other: str, users: list[PortalUser],
                  csrf: str) -> str:
    current = portal.settings_view(session, connection)
    rotation = current["assignment"] == rules.Assignment.ROUND_ROBIN
    options = "".join(f"<option value=\"{u.id}\"{' selected' if u.id == current['assigned_user_id'] else ''}>"
                      f"{esc(u.name)}</option>" for u in users)
    return (f"<form method=\"post\" action=\"/portal/connections/{connection.id}/settings\">{csrf}"
            f"<h2>{esc(other)}</h2><label>Folder<input name=\"folder\" value=\"{esc(current['folder'])}\"></label>"
            "<label>Assignment<select name=\"assignment\">"
            f"<option value=\"round_robin\"{' selected' if rotation else ''}>Round robin over active users</option>"
            f"<option value=\"user\"{'' if rotation else ' selected'}>Always this user:</option></select></label>"
            f"<label>User<select name=\"assigned_user_id\"><option value=\"\">-</option>{options}</select></label>"
            f"<label>Source<input name=\"source\" value=\"{esc(current['source'])}\"></label>"
            "<button type=\"submit\">Save settings</button></form>")


@routes.post("/portal/connections/{connection_id}/settings")
@pages
async def save_settings(request: web.Request) -> web.Response:
    form = await posted_form(request)
    connection_id = int_param(request, "connection_id")
    try:
        fields = validation.check({k: form.get(k, "") for k in ("folder", "assignment", "source")},
                                  SETTINGS_RULES)
        fields["assigned_user_id"] = int(form["assigned_user_id"]) if form.get("assigned_user_id") else None
    except (validation.Invalid, ValueError) as exc:
        raise portal.FieldErrors(getattr(exc, "errors", {"assigned_user_id": "pick a user"})) from None
    await as_user(request, lambda s, user: portal.update_settings(s, user.account_id, connection_id, fields,
                                                                   now=now_of(request)))
    return see_other("/portal?done=saved")


# -- pages: leads ------------------------------------------------------------------------------
@routes.get("/portal/leads")
@pages
async def leads_page(request: web.Request) -> web.Response:
    def work(session: Session, user: PortalUser) -> str:
        leads = portal.list_leads(session, user.account_id)
        rows = [f"<a href=\"/portal/leads/{lead.id}\">{esc(lead.name)}</a> <span class=\"fine\">"
                f"{esc(lead.lead_type or '')} &middot; {esc(lead.folder or 'No folder')} &middot; "
                f"{esc(lead.source or '')}</span>" for lead in leads]
        return "<h1>Leads</h1><p><a href=\"/portal\">Referral portal</a></p>" + bullet(rows)
    return render("Leads", [card(await as_user(request, work))])


def own_lead(session: Session, user: PortalUser, lead_id: int | None) -> PortalLead:
    found = portal.lead(session, lead_id)
    if found.account_id != user.account_id:
        raise portal.Missing("no such lead")
    return found


@routes.get("/portal/leads/{lead_id}")
@pages
async def lead_page(request: web.Request) -> web.Response:
    lead_id, csrf = int_param(request, "lead_id"), csrf_field(request)
    cards = await as_user(request, lambda s, user: lead_cards(s, own_lead(s, user, lead_id), csrf))
    done = DONE.get(request.query.get("done", ""))
    return render("Lead", ([card(f"<p>{esc(done)}</p>", "good")] if done else []) + cards)


def lead_cards(session: Session, lead: PortalLead, csrf: str) -> list[str]:
    view = portal.lead_view(session, lead, with_notes=True)
    shown = [(k.replace("_", " ").capitalize(), view[k]) for k in (*rules.FORWARDED_FIELDS, "folder", "source")]
    shown += [(k, v) for k, v in lead.custom_fields.items()]
    details = "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in shown if v) + "</dl>"
    notes = "".join(f"<p class=\"note\">{esc(n['text'])}</p>" for n in view["notes"]) or "<p>No notes.</p>"
    return [card(f"<p class=\"kicker\"><a href=\"/portal/leads\">Leads</a></p><h1>{esc(lead.name)}</h1>{details}"),
            card(f"<h2>History</h2>{notes}"), card(forward_form(session, lead, csrf))]


def forward_form(session: Session, lead: PortalLead, csrf: str) -> str:
    targets = [c for c in portal.connections_of(session, lead.account_id)
               if c.status == rules.Status.ACCEPTED and c.sender_account_id == lead.account_id]
    if not targets:
        return "<h2>Refer this lead</h2><p>Your account is not connected to an account you can refer leads to.</p>"
    options = "".join(f"<option value=\"{c.id}\">{esc(portal.account(session, c.receiver_account_id).name)}"
                      "</option>" for c in targets)
    return (f"<h2>Refer this lead</h2><form method=\"post\" action=\"/portal/leads/{lead.id}/forward\">{csrf}"
            f"<input type=\"hidden\" name=\"idempotency_key\" value=\"{uuid.uuid4().hex}\">"
            f"<label>Refer the lead to<select name=\"connection_id\">{options}</select></label>"
            "<label>Message to recipient<textarea name=\"message\" rows=\"4\" maxlength=\"2000\"></textarea></label>"
            "<p class=\"fine\">Sent: name, phone, email, address and lead type, with your message. Not sent: "
            "custom fields and history notes.</p><button type=\"submit\">Refer the lead</button></form>")


@routes.post("/portal/leads/{lead_id}/forward")
@pages
async def forward_from_page(request: web.Request) -> web.Response:
    form = await posted_form(request)
    lead_id = int_param(request, "lead_id")
    try:
        fields = validation.check({"connection_id": int(form.get("connection_id", "")),
                                   "message": form.get("message", ""),
                                   "idempotency_key": form.get("idempotency_key", "")}, FORWARD_RULES)
    except validation.Invalid as exc:
        raise portal.FieldErrors(exc.errors) from None
    except ValueError:
        raise portal.FieldErrors({"connection_id": "pick an account to refer the lead to"}) from None
    env = request.app[BOT_ENV]

    def work(session: Session, user: PortalUser) -> None:
        own_lead(session, user, lead_id)
        portal.forward(session, env, portal.ForwardRequest(lead_id, fields["connection_id"], fields["message"],
                                                           fields["idempotency_key"], user.id), now=now_of(request))
    await as_user(request, work)
    return see_other(f"/portal/leads/{lead_id}?done=sent")


def install(app: web.Application) -> None:
    """Add the portal's API routes and pages."""
    app.router.add_routes(routes)
