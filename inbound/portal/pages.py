"""The referral portal's signed-in pages under /portal, and `install`, the portal's one entry point.

An account (A) invites another (B) from its home page by the email of one of B's users, and sees the
invitation as pending. B's user opens the signed link in the invitation email (`/portal/invitations/<token>`,
signing in first when needed) or their home page, reads "A would like to refer leads to you" and accepts.
Then A's home page lists B under "Accounts you can refer leads to", and B's lists A under "Accounts you
receive leads from" with the form that sets where A's leads land. A refers a lead from the lead's page.
A link only names the invitation: accepting it takes a signed-in user of the invited account.
"""
from __future__ import annotations

import uuid

from aiohttp import web
from sqlalchemy.orm import Session

from bot import portal as rules
from bot.tokens import BadToken
from inbound.api import int_param
from inbound.deps import BOT_ENV, deps
from inbound.layout import esc, message_page
from inbound.portal import api as portal_api
from inbound.portal import session as portal_session
from inbound.portal.api import FORWARD_RULES, SETTINGS_RULES, now_of
from inbound.portal.session import as_user, card, csrf_field, pages, posted_form, render, see_other, sign_out_form
from store import portal, portal_connections, portal_leads, validation
from store.portal_models import PortalConnection, PortalLead, PortalUser

routes = web.RouteTableDef()
DONE = {"accepted": "Invitation accepted: you now receive leads from this account. Choose below where they land.",
        "saved": "Settings saved.", "invited": "Invitation sent. It shows as pending until it is accepted.",
        "sent": "The lead was sent. A history note was recorded on it."}


def install(app: web.Application) -> None:
    """Add the referral portal: its operator API, sign-in, and pages."""
    for table in (portal_api.routes, portal_session.routes, routes):
        app.router.add_routes(table)


# -- invitations: A invites, B accepts ---------------------------------------------------------
def invitation_connection(request: web.Request) -> int | web.Response:
    d = deps(request)
    try:
        return portal_connections.invitation_id(d.settings.secret_key, request.match_info["token"], d.clock.now())
    except BadToken as exc:
        if str(exc) == "expired":
            return message_page("Invitation expired", "This invitation link has expired. Ask the account that "
                                "invited you to send a new invitation.", status=410, tone="muted")
        return message_page("Link not valid", "This invitation link isn't valid. Open the link exactly as it "
                            "was emailed to you.", status=404, tone="bad")


@routes.get("/portal/invitations/{token}")
@pages
async def show_invitation(request: web.Request) -> web.Response:
    """The invitation email's link, for a signed-in user of the invited (receiving) account."""
    connection_id = invitation_connection(request)
    if isinstance(connection_id, web.Response):
        return connection_id

    def work(session: Session, user: PortalUser) -> tuple[str, str]:
        connection = portal_connections.invitation_for(session, connection_id, user)
        inviter = portal.account(session, connection.sender_account_id)
        return connection.status, inviter.name
    status, inviter = await as_user(request, work)
    if status == rules.Status.ACCEPTED:
        return message_page("Connected", f"You receive leads from {inviter}.", status=200, tone="good",
                            detail="<p><a href=\"/portal\">Open the referral portal</a></p>")
    form = (f"<form method=\"post\" action=\"{esc(request.path)}/accept\">{csrf_field(request)}"
            "<button type=\"submit\">Accept the invitation</button></form>")
    text = (f"<h1>Invitation from {esc(inviter)}</h1><p>{esc(inviter)} would like to refer leads to you. Once "
            "you accept, the leads they refer arrive in your account, and you choose their folder, who they "
            f"are assigned to and their source label. Only a lead's name, phone, email, address, type and "
            f"{esc(inviter)}'s message are sent.</p>")
    return render("Invitation", [card(text + form)])


@routes.post("/portal/invitations/{token}/accept")
@pages
async def accept_invitation(request: web.Request) -> web.Response:
    connection_id = invitation_connection(request)
    if isinstance(connection_id, web.Response):
        return connection_id
    await posted_form(request)
    await as_user(request, lambda s, user: portal_connections.accept(s, connection_id, user, now=now_of(request)))
    return see_other("/portal?done=accepted")


@routes.post("/portal/connections/{connection_id}/accept")
@pages
async def accept_from_home(request: web.Request) -> web.Response:
    """The invited account's user accepts from their home page instead of the email's link."""
    await posted_form(request)
    connection_id = int_param(request, "connection_id")
    await as_user(request, lambda s, user: portal_connections.accept(s, connection_id, user, now=now_of(request)))
    return see_other("/portal?done=accepted")


@routes.post("/portal/invitations")
@pages
async def invite_from_home(request: web.Request) -> web.Response:
    """The signed-in user's account invites the account of the user with this email, to refer leads to it."""
    form = await posted_form(request)
    try:
        email = validation.email(form.get("email"))
    except ValueError as exc:
        raise portal.FieldErrors({"email": str(exc)}) from None
    env = request.app[BOT_ENV]
    await as_user(request, lambda s, user: portal_connections.invite(s, env, user.account_id, email,
                                                                     now=now_of(request)))
    return see_other("/portal?done=invited")


# -- the account's connections -----------------------------------------------------------------
@routes.get("/portal")
@pages
async def home(request: web.Request) -> web.Response:
    cards = await as_user(request, lambda s, user: home_cards(s, user, csrf_field(request)))
    done = DONE.get(request.query.get("done", ""))
    return render("Referral portal", ([card(f"<p>{esc(done)}</p>", "good")] if done else []) + cards)


def home_cards(session: Session, user: PortalUser, csrf: str) -> list[str]:
    """Invitations first (sent and pending, or to accept), then whom the account refers leads to, then whom
    it receives leads from (each with its settings), then the form to invite another account."""
    mine = user.account_id
    connections = portal_connections.connections_of(session, mine)
    account = portal.account(session, mine)
    users = [u for u in portal.list_users(session, mine) if u.active]
    refer = [c for c in connections if c.status == rules.Status.ACCEPTED and c.sender_account_id == mine]
    receive = [c for c in connections if c.status == rules.Status.ACCEPTED and c.receiver_account_id == mine]
    pending = [c for c in connections if c.status == rules.Status.PENDING]

    def name_of(connection: PortalConnection) -> str:
        return portal.account(session, portal_connections.other_account_id(connection, mine)).name
    return [
        card(f"<p class=\"kicker\">{esc(user.name)} &middot; {esc(account.name)}</p><h1>Referral portal</h1>"
             "<p><a href=\"/portal/leads\">Leads</a></p>" + sign_out_form(csrf)),
        card("<h2>Invitations</h2>" + (bullet([pending_item(c, name_of(c), mine, csrf) for c in pending])
                                       if pending or not connections else ALL_ACCEPTED)),
        card("<h2>Accounts you can refer leads to</h2>" + bullet([esc(name_of(c)) for c in refer])),
        card("<h2>Accounts you receive leads from</h2>" + (
            "".join(settings_form(session, c, name_of(c), users, csrf) for c in receive) or "<p>None yet.</p>")),
        card("<h2>Refer leads to another account</h2><form method=\"post\" action=\"/portal/invitations\">"
             f"{csrf}<label for=\"invite-email\">Email of one of their users</label>"
             "<input id=\"invite-email\" name=\"email\" type=\"email\" required>"
             "<button type=\"submit\">Send invitation</button></form>"),
    ]


ALL_ACCEPTED = "<p>No invitations waiting: every invitation sent or received has been accepted (see below).</p>"


def bullet(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else "<p>None yet.</p>"


def pending_item(connection: PortalConnection, other: str, mine: int, csrf: str) -> str:
    """The inviter waits; the invited account sees the invitation with an Accept button."""
    direction = portal_connections.direction_for(connection, mine)
    if direction is rules.Direction.REFERS_TO:
        return f"{esc(other)}: {esc(rules.label(direction, rules.Status.PENDING))}"
    return (f"{esc(other)} would like to refer leads to you. <form method=\"post\" "
            f"action=\"/portal/connections/{connection.id}/accept\">{csrf}"
            "<button type=\"submit\">Accept</button></form>")


def settings_form(session: Session, connection: PortalConnection, other: str, users: list[PortalUser],
                  csrf: str) -> str:
    current = portal_connections.settings_view(session, connection)
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
    """A user of the receiving account (B) sets where leads from this connection land."""
    form = await posted_form(request)
    connection_id = int_param(request, "connection_id")
    try:
        fields = validation.check({k: form.get(k, "") for k in ("folder", "assignment", "source")},
                                  SETTINGS_RULES)
        fields["assigned_user_id"] = int(form["assigned_user_id"]) if form.get("assigned_user_id") else None
    except (validation.Invalid, ValueError) as exc:
        raise portal.FieldErrors(getattr(exc, "errors", {"assigned_user_id": "pick a user"})) from None
    await as_user(request, lambda s, user: portal_connections.update_settings(
        s, user.account_id, connection_id, fields, now=now_of(request)))
    return see_other("/portal?done=saved")


# -- leads -------------------------------------------------------------------------------------
@routes.get("/portal/leads")
@pages
async def leads_page(request: web.Request) -> web.Response:
    def work(session: Session, user: PortalUser) -> str:
        leads = portal_leads.list_leads(session, user.account_id)
        rows = [f"<a href=\"/portal/leads/{lead.id}\">{esc(lead.name)}</a> <span class=\"fine\">"
                f"{esc(lead.lead_type or '')} &middot; {esc(lead.folder or 'No folder')} &middot; "
                f"{esc(lead.source or '')}</span>" for lead in leads]
        return "<h1>Leads</h1><p><a href=\"/portal\">Referral portal</a></p>" + bullet(rows)
    return render("Leads", [card(await as_user(request, work))])


def own_lead(session: Session, user: PortalUser, lead_id: int | None) -> PortalLead:
    found = portal_leads.lead(session, lead_id)
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
    view = portal_leads.lead_view(session, lead, with_notes=True)
    shown = [(k.replace("_", " ").capitalize(), view[k]) for k in (*rules.FORWARDED_FIELDS, "folder", "source")]
    shown += [(k, v) for k, v in lead.custom_fields.items()]
    details = "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in shown if v) + "</dl>"
    notes = "".join(f"<p class=\"note\">{esc(n['text'])}</p>" for n in view["notes"]) or "<p>No notes.</p>"
    return [card(f"<p class=\"kicker\"><a href=\"/portal/leads\">Leads</a></p><h1>{esc(lead.name)}</h1>{details}"),
            card(f"<h2>History</h2>{notes}"), card(forward_form(session, lead, csrf))]


def forward_form(session: Session, lead: PortalLead, csrf: str) -> str:
    """The accounts the lead's account refers leads to (connections it sent and that were accepted)."""
    targets = [c for c in portal_connections.connections_of(session, lead.account_id)
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
    """A user of the referring account (A) sends one of its leads to an account it refers leads to."""
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
        sending = portal_leads.ForwardRequest(lead_id, fields["connection_id"], fields["message"],
                                              fields["idempotency_key"], user.id)
        portal_leads.forward(session, env, sending, now=now_of(request))
    await as_user(request, work)
    return see_other(f"/portal/leads/{lead_id}?done=sent")
