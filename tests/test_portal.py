"""The account-to-account referral portal, on SQLite and PostgreSQL: invitations (refusals, the signed link
with sign-in, both accounts' pages and views), the add-on switch, where incoming leads land, the field
whitelist, history notes, the assignee's text and email, round robin under concurrent forwards, and
idempotent forwards.

Roles, as the issue gives them: account A (Hill Country Homes, the sender) invites account B (Lone Star
Realty, the receiver) by the email of one of B's users (Rita); Rita signs in through the link and accepts;
then A can refer leads to B, B sets where they land, and A forwards its leads to B.
"""
from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot import portal as rules
from bot.portal import Direction, Status
from inbound.web import create_app
from store import portal_connections, portal_leads
from store.env import bot_env
from store.portal_models import PortalUser
from tests.conftest import truncate_all
from tests.flows import outbound

PASSWORD = "correct horse battery"
NOT_ENABLED = "the referral portal is not enabled for account {}; contact support to enable it"
INVITATION = "Hill Country Homes would like to refer leads to you"


# -- helpers -----------------------------------------------------------------------------------
async def call(client, method: str, path: str, expect: int, json: Any = None) -> Any:
    response = await client.request(method, path, json=json, headers=client.admin)
    assert response.status == expect, await response.text()
    return await response.json()


async def new_account(client, name: str, *, enabled: bool = True) -> int:
    return (await call(client, "POST", "/api/portal/accounts", 201, {"name": name, "portal_enabled": enabled}))["id"]


async def new_user(client, account_id: int, name: str, email: str, phone: str | None = None, **extra: Any) -> int:
    fields = {"name": name, "email": email, "password": PASSWORD, **extra}
    if phone:
        fields["phone"] = phone
    return (await call(client, "POST", f"/api/portal/accounts/{account_id}/users", 201, fields))["id"]


@dataclass
class Pair:
    sender: int  # A: invites, then refers leads
    receiver: int  # B: accepts, sets where incoming leads land, receives them
    sam: int  # A's user
    rita: int  # B's users; Rita is the one invited
    ray: int
    connection: int = 0


async def pair(client) -> Pair:
    sender = await new_account(client, "Hill Country Homes")
    receiver = await new_account(client, "Lone Star Realty")
    sam = await new_user(client, sender, "Sam Sender", "sam@hillcountry.test", "+15125550201")
    rita = await new_user(client, receiver, "Rita Receiver", "rita@lonestar.test", "+15125550101")
    ray = await new_user(client, receiver, "Ray Receiver", "ray@lonestar.test", "+15125550102")
    return Pair(sender, receiver, sam, rita, ray)


async def invite(client, p: Pair, expect: int = 201) -> Any:
    """A invites B by Rita's email."""
    return await call(client, "POST", f"/api/portal/accounts/{p.sender}/invitations", expect,
                      {"email": "rita@lonestar.test"})


async def connected(client) -> Pair:
    """A pair whose invitation A sent and B has yet to accept."""
    p = await pair(client)
    p.connection = (await invite(client, p))["id"]
    return p


async def accept(store, clock, p: Pair) -> None:
    """Rita accepts through the store (the HTML flow has its own tests)."""
    def work(session):
        portal_connections.accept(session, p.connection, session.get(PortalUser, p.rita), now=clock.now())
    await store.run(work)


async def ready(client, store, clock) -> Pair:
    p = await connected(client)
    await accept(store, clock, p)
    return p


async def new_lead(client, account_id: int, **fields: Any) -> int:
    body = {"name": "Pat Quinlan", "phone": "(512) 555-9876", "email": "pat@example.com",
            "address": "12 Oak St, Austin TX", "lead_type": "buyer", **fields}
    return (await call(client, "POST", f"/api/portal/accounts/{account_id}/leads", 201, body))["id"]


async def forward(client, lead_id: int, connection_id: int, message: str = "Pre-approved, wants 78704",
                  expect: int = 201, **extra: Any) -> Any:
    return await call(client, "POST", f"/api/portal/leads/{lead_id}/forward", expect,
                      {"connection_id": connection_id, "message": message, **extra})


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


async def sign_in(client, email: str, password: str = PASSWORD, next_path: str = "/portal"):
    """As a browser does: load the sign-in form (its CSRF field and pre-session cookie), then post it."""
    csrf = csrf_of(await (await client.get("/portal/signin")).text())
    return await client.post("/portal/signin", data={"email": email, "password": password, "next": next_path,
                                                     "csrf": csrf})


def link_path(body: str) -> str:
    match = re.search(r"http://127\.0\.0\.1:8080(/portal/invitations/[A-Za-z0-9_-]+)", body)
    assert match, body
    return match.group(1)


def section(page: str, heading: str) -> str:
    """The card of a page that starts with `heading`."""
    start = page.index(heading)
    return page[start:page.index("</section>", start)]


# -- pure rules --------------------------------------------------------------------------------
def test_the_whitelist_is_exactly_the_travelling_fields():
    lead = {"name": "Pat", "phone": "+15125559876", "email": "p@x.test", "address": "12 Oak St",
            "lead_type": "buyer", "custom_fields": {"budget": 1}, "notes": ["private"], "folder": "Hot",
            "assigned_user_id": 3, "source": "Zillow", "id": 9}
    assert rules.forwarded_copy(lead) == {"name": "Pat", "phone": "+15125559876", "email": "p@x.test",
                                          "address": "12 Oak St", "lead_type": "buyer"}


@pytest.mark.parametrize("ids,last,chosen", [([], None, None), ([4, 2], None, 2), ([2, 4], 2, 4), ([2, 4], 4, 2),
                                             ([2, 4, 6], 3, 4), ([2, 4], 9, 2)])
def test_round_robin_takes_the_next_id_and_wraps(ids, last, chosen):
    assert rules.next_in_rotation(ids, last) == chosen


def test_the_inviter_refers_and_the_invitee_receives():
    assert [rules.label(Direction.REFERS_TO, s) for s in Status] == ["invitation pending", "you can refer leads to"]
    assert [rules.label(Direction.RECEIVES_FROM, s) for s in Status] == \
        ["invitation to accept", "you receive leads from"]
    subject, body = rules.invitation_email("Hill Country Homes", "Rita", "http://x.test/portal/invitations/t")
    assert subject == INVITATION and INVITATION in body and "sign in" in body


def test_passwords_are_salted_scrypt_hashes():
    first, second = rules.hash_password("s3cret-pass"), rules.hash_password("s3cret-pass")
    assert first != second and first.startswith("scrypt$")
    assert rules.verify_password("s3cret-pass", first) and not rules.verify_password("wrong", first)
    assert not rules.verify_password("s3cret-pass", None)


# -- accounts and users ------------------------------------------------------------------------
async def test_users_validation_and_the_password_is_never_returned(client):
    account = await new_account(client, "Lone Star Realty")
    created = await call(client, "POST", f"/api/portal/accounts/{account}/users", 201,
                         {"name": "Rita", "email": "Rita@LoneStar.test", "phone": "(512) 555-0101",
                          "password": PASSWORD})
    assert created["email"] == "rita@lonestar.test" and created["phone"] == "+15125550101"
    assert created["can_sign_in"] is True and not any("password" in key for key in created)
    bad = await call(client, "POST", f"/api/portal/accounts/{account}/users", 422,
                     {"email": "rita@lonestar.test", "phone": "555", "password": "short"})
    assert set(bad["errors"]) == {"name", "phone", "password"}
    duplicate = await call(client, "POST", f"/api/portal/accounts/{account}/users", 422,
                           {"name": "Other Rita", "email": "rita@lonestar.test"})
    assert "email" in duplicate["errors"]
    listed = await call(client, "GET", f"/api/portal/accounts/{account}/users", 200)
    assert [u["id"] for u in listed] == [created["id"]] and "password_hash" not in listed[0]
    await call(client, "GET", "/api/portal/accounts/999", 404)


async def test_portal_api_needs_the_bearer_token(client):
    assert (await client.get("/api/portal/accounts")).status == 401


# -- invitations -------------------------------------------------------------------------------
async def test_inviting_an_unknown_or_inactive_email_fails_at_once(client, store):
    p = await pair(client)
    await call(client, "PATCH", f"/api/portal/accounts/{p.receiver}/users/{p.rita}", 200, {"active": False})
    for email in ("nobody@example.test", "rita@lonestar.test"):
        answer = await call(client, "POST", f"/api/portal/accounts/{p.sender}/invitations", 422, {"email": email})
        assert "not the email address of an active user" in answer["errors"]["email"]
    own = await call(client, "POST", f"/api/portal/accounts/{p.sender}/invitations", 422,
                     {"email": "sam@hillcountry.test"})
    assert "your own account" in own["errors"]["email"]
    assert await call(client, "GET", f"/api/portal/accounts/{p.sender}/invitations", 200) == []
    assert await call(client, "GET", f"/api/portal/accounts/{p.receiver}/invitations", 200) == []
    assert await outbound(store, kind="portal_invite") == []


async def test_invitation_accepted_through_the_signed_link_after_signing_in(client, store):
    p = await pair(client)
    invited = await invite(client, p)
    assert (invited["status"], invited["direction"], invited["label"], invited["account"]["name"]) == \
        ("pending", "refers_to", "invitation pending", "Lone Star Realty")
    [waiting] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/invitations", 200)
    assert (waiting["status"], waiting["direction"], waiting["label"], waiting["account"]["name"]) == \
        ("pending", "receives_from", "invitation to accept", "Hill Country Homes")
    [email] = await outbound(store, kind="portal_invite")
    assert email.channel == "email" and email.to_addr == "rita@lonestar.test" and email.agent_id is None
    assert email.subject == INVITATION and INVITATION in email.body
    path = link_path(email.body)

    form = await client.get(path)  # not signed in: sent to the sign-in form, and back afterwards
    assert form.status == 200 and form.url.path == "/portal/signin" and 'name="password"' in await form.text()
    wrong = await sign_in(client, "rita@lonestar.test", "not the password", next_path=path)
    assert wrong.status == 401 and "Wrong email or password" in await wrong.text()
    page = await sign_in(client, "rita@lonestar.test", next_path=path)
    html = await page.text()
    assert page.url.path == path and "Accept the invitation" in html and INVITATION in html
    assert "portal_session" in {c.key for c in client.session.cookie_jar}

    done = await client.post(path + "/accept", data={"csrf": csrf_of(html)})
    home = await done.text()
    assert done.status == 200 and done.url.path == "/portal" and "Invitation accepted" in home
    assert "Hill Country Homes" in section(home, "Accounts you receive leads from")
    assert "You receive leads from Hill Country Homes" in await (await client.get(path)).text()

    [sender_view] = await call(client, "GET", f"/api/portal/accounts/{p.sender}/connections", 200)
    [receiver_view] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/connections", 200)
    assert (sender_view["direction"], sender_view["status"], sender_view["label"], sender_view["account"]["name"]) \
        == ("refers_to", "accepted", "you can refer leads to", "Lone Star Realty")
    assert (receiver_view["direction"], receiver_view["label"], receiver_view["account"]["name"]) \
        == ("receives_from", "you receive leads from", "Hill Country Homes")
    assert sender_view["id"] == receiver_view["id"] and "settings" not in sender_view
    assert receiver_view["settings"] == {"folder": rules.DEFAULT_FOLDER, "assignment": "round_robin",
                                         "assigned_user_id": None, "source": "Hill Country Homes"}

    again = await invite(client, p, expect=200)
    assert again["id"] == invited["id"] and again["status"] == "accepted"
    assert len(await call(client, "GET", f"/api/portal/accounts/{p.sender}/invitations", 200)) == 1
    assert len(await outbound(store, kind="portal_invite")) == 1


async def test_both_home_pages_show_the_invitation_and_then_the_connection(client, store):
    p = await pair(client)
    await sign_in(client, "sam@hillcountry.test")
    blank = await (await client.get("/portal")).text()
    sent = await client.post("/portal/invitations", data={"csrf": csrf_of(blank), "email": "rita@lonestar.test"})
    inviter = await sent.text()
    assert sent.status == 200 and "Invitation sent" in inviter
    assert "Lone Star Realty: invitation pending" in section(inviter, "<h2>Invitations")
    assert inviter.index("<h2>Invitations") < inviter.index("Accounts you can refer leads to")
    [email] = await outbound(store, kind="portal_invite")
    assert email.to_addr == "rita@lonestar.test"
    [view] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/connections", 200)

    await sign_in(client, "rita@lonestar.test")
    invitee = await (await client.get("/portal")).text()
    offer = section(invitee, "<h2>Invitations")
    assert f"{INVITATION}." in offer and f"/portal/connections/{view['id']}/accept" in offer
    assert invitee.index(INVITATION) < invitee.index("Accounts you receive leads from")
    accepted = await client.post(f"/portal/connections/{view['id']}/accept", data={"csrf": csrf_of(invitee)})
    receiving = section(await accepted.text(), "Accounts you receive leads from")
    assert "Hill Country Homes" in receiving and f"/portal/connections/{view['id']}/settings" in receiving

    await sign_in(client, "sam@hillcountry.test")
    after = await (await client.get("/portal")).text()
    assert "Lone Star Realty" in section(after, "Accounts you can refer leads to")
    assert "invitation pending" not in after and "None yet." in section(after, "Accounts you receive leads from")


async def test_reinviting_a_pending_pair_makes_no_second_connection(client, store, clock):
    p = await pair(client)
    first = await invite(client, p)
    same_day = await invite(client, p, expect=200)
    assert same_day["id"] == first["id"] and len(await outbound(store, kind="portal_invite")) == 1
    clock.advance(days=2)  # a reminder on a later day sends a fresh link
    await invite(client, p, expect=200)
    assert [m.to_addr for m in await outbound(store, kind="portal_invite")] == ["rita@lonestar.test"] * 2
    assert len(await call(client, "GET", f"/api/portal/accounts/{p.receiver}/invitations", 200)) == 1


async def test_a_link_for_another_account_a_tampered_or_expired_link_changes_nothing(client, store, clock):
    p = await connected(client)
    path = link_path((await outbound(store, kind="portal_invite"))[0].body)
    other = await new_account(client, "Third Party Realty")
    await new_user(client, other, "Olga Other", "olga@third.test")

    page = await sign_in(client, "olga@third.test", next_path=path)
    assert page.status == 403 and "sent to another account" in await page.text()
    home = await (await client.get("/portal")).text()
    assert (await client.post(path + "/accept", data={"csrf": csrf_of(home)})).status == 403

    inviter = await sign_in(client, "sam@hillcountry.test", next_path=path)  # A cannot accept for B
    assert inviter.status == 403 and "sent to another account" in await inviter.text()
    home = await (await client.get("/portal")).text()
    assert (await client.post(path + "/accept", data={"csrf": csrf_of(home)})).status == 403
    from_home = await client.post(f"/portal/connections/{p.connection}/accept", data={"csrf": csrf_of(home)})
    assert from_home.status == 403

    tampered = path[:-2] + ("AA" if not path.endswith("AA") else "BB")
    assert (await client.get(tampered)).status == 404
    clock.advance(days=31)
    expired = await client.get(path)
    assert expired.status == 410 and "expired" in await expired.text()
    [view] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/connections", 200)
    assert view["status"] == "pending"


async def test_a_form_without_the_csrf_token_is_refused(client, store):
    p = await connected(client)
    path = link_path((await outbound(store, kind="portal_invite"))[0].body)
    await sign_in(client, "rita@lonestar.test", next_path=path)
    assert (await client.post(path + "/accept", data={"csrf": "forged"})).status == 403
    [view] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/connections", 200)
    assert view["status"] == "pending" and view["label"] == "invitation to accept"


# -- the add-on switch -------------------------------------------------------------------------
async def test_without_the_portal_every_action_says_so(client, store, clock):
    p = await ready(client, store, clock)
    lead = await new_lead(client, p.sender)
    await call(client, "PATCH", f"/api/portal/accounts/{p.receiver}", 200, {"portal_enabled": False})
    sentence = NOT_ENABLED.format("Lone Star Realty")
    for method, path, body in (
            ("GET", f"/api/portal/accounts/{p.receiver}/connections", None),
            ("POST", f"/api/portal/accounts/{p.sender}/invitations", {"email": "rita@lonestar.test"}),
            ("POST", f"/api/portal/accounts/{p.receiver}/invitations", {"email": "sam@hillcountry.test"}),
            ("PATCH", f"/api/portal/accounts/{p.receiver}/connections/{p.connection}", {"folder": "X"}),
            ("POST", f"/api/portal/leads/{lead}/forward", {"connection_id": p.connection}),
            ("GET", f"/api/portal/accounts/{p.receiver}/forwards", None)):
        assert await call(client, method, path, 403, body) == {"error": sentence}, path
    await sign_in(client, "rita@lonestar.test")
    page = await client.get("/portal")
    assert page.status == 403 and "The referral portal is not enabled for account Lone Star Realty" in \
        await page.text()

    await call(client, "PATCH", f"/api/portal/accounts/{p.receiver}", 200, {"portal_enabled": True})
    await call(client, "PATCH", f"/api/portal/accounts/{p.sender}", 200, {"portal_enabled": False})
    refused = await forward(client, lead, p.connection, expect=403)
    assert refused == {"error": NOT_ENABLED.format("Hill Country Homes")}
    assert await outbound(store, kind="portal_lead") == []


# -- where incoming leads land -----------------------------------------------------------------
async def test_settings_place_incoming_leads(client, store, clock):
    p = await ready(client, store, clock)
    path = f"/api/portal/accounts/{p.receiver}/connections/{p.connection}"
    refused = await call(client, "PATCH", f"/api/portal/accounts/{p.sender}/connections/{p.connection}", 403,
                         {"folder": "Mine"})
    assert "only the receiving account" in refused["error"]
    await call(client, "PATCH", f"/api/portal/accounts/{p.receiver}/users/{p.ray}", 200, {"active": False})
    inactive = await call(client, "PATCH", path, 422, {"assignment": "user", "assigned_user_id": p.ray})
    assert "active user" in inactive["errors"]["assigned_user_id"]
    await call(client, "PATCH", f"/api/portal/accounts/{p.receiver}/users/{p.ray}", 200, {"active": True})
    outsider = await call(client, "PATCH", path, 422, {"assignment": "user", "assigned_user_id": p.sam})
    assert "receiving account" in outsider["errors"]["assigned_user_id"]

    view = await call(client, "PATCH", path, 200, {"folder": "Partner leads", "assignment": "user",
                                                   "assigned_user_id": p.ray, "source": "HCH partnership"})
    assert view["settings"] == {"folder": "Partner leads", "assignment": "user", "assigned_user_id": p.ray,
                                "source": "HCH partnership"}
    fixed = [await forward(client, await new_lead(client, p.sender), p.connection) for _ in range(2)]
    assert [(f["forwarded_lead"]["folder"], f["forwarded_lead"]["assigned_user_id"], f["forwarded_lead"]["source"])
            for f in fixed] == [("Partner leads", p.ray, "HCH partnership")] * 2

    await call(client, "PATCH", path, 200, {"assignment": "round_robin", "source": None})
    turns = [(await forward(client, await new_lead(client, p.sender), p.connection))["forwarded_lead"]
             for _ in range(3)]
    assert [t["assigned_user_id"] for t in turns] == [p.rita, p.ray, p.rita]
    assert {t["source"] for t in turns} == {"Hill Country Homes"}  # the default: the sender's (A's) name
    received = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/leads?folder=Partner%20leads", 200)
    assert len(received) == 5 and all(lead["account_id"] == p.receiver for lead in received)


async def test_settings_from_the_receivers_page(client, store, clock):
    p = await ready(client, store, clock)
    await sign_in(client, "sam@hillcountry.test")  # the sending account has no settings to change
    sender_home = await (await client.get("/portal")).text()
    assert "/settings" not in sender_home
    refused = await client.post(f"/portal/connections/{p.connection}/settings",
                                data={"csrf": csrf_of(sender_home), "folder": "Mine", "assignment": "round_robin"})
    assert refused.status == 403 and "Only the receiving account" in await refused.text()

    await sign_in(client, "rita@lonestar.test")
    home = await (await client.get("/portal")).text()
    assert "Hill Country Homes" in section(home, "Accounts you receive leads from")
    saved = await client.post(f"/portal/connections/{p.connection}/settings",
                              data={"csrf": csrf_of(home), "folder": "From HCH", "assignment": "user",
                                    "assigned_user_id": str(p.rita), "source": "Partner"})
    assert saved.status == 200 and "Settings saved" in await saved.text()
    [view] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/connections", 200)
    assert view["settings"] == {"folder": "From HCH", "assignment": "user", "assigned_user_id": p.rita,
                                "source": "Partner"}


# -- what travels ------------------------------------------------------------------------------
async def test_only_the_whitelisted_fields_travel_and_a_history_note_is_written(client, store, clock):
    p = await ready(client, store, clock)
    lead = await new_lead(client, p.sender, custom_fields={"budget": 450000, "pre_approved": True},
                          notes=["Called twice, prefers texts", "Private: commission split 30%"],
                          folder="Hot", source="Zillow")
    done = await forward(client, lead, p.connection, "Please call her this week")
    copy = await call(client, "GET", f"/api/portal/leads/{done['forwarded_lead']['id']}", 200)
    assert copy["account_id"] == p.receiver and copy["custom_fields"] == {}
    travelled = {k: copy[k] for k in rules.FORWARDED_FIELDS}
    assert travelled == {"name": "Pat Quinlan", "phone": "+15125559876", "email": "pat@example.com",
                         "address": "12 Oak St, Austin TX", "lead_type": "buyer"}
    assert (copy["folder"], copy["source"]) == (rules.DEFAULT_FOLDER, "Hill Country Homes")
    assert [n["text"] for n in copy["notes"]] == \
        ["Referred by Hill Country Homes on Nov 23, 2026: Please call her this week"]

    original = await call(client, "GET", f"/api/portal/leads/{lead}", 200)
    assert original["custom_fields"] == {"budget": 450000, "pre_approved": True}
    assert [n["text"] for n in original["notes"]][-1] == \
        "Forwarded to Lone Star Realty on Nov 23, 2026: Please call her this week"
    sent = await call(client, "GET", f"/api/portal/accounts/{p.sender}/forwards", 200)
    got = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/forwards", 200)
    assert [(f["direction"], f["lead_id"], f["account"]["name"]) for f in sent] == \
        [("sent", lead, "Lone Star Realty")]
    assert [(f["direction"], f["lead_id"], f["assigned_user_id"], f["account"]["name"]) for f in got] == \
        [("received", copy["id"], p.rita, "Hill Country Homes")]


async def test_the_assignee_is_told_by_text_and_email(client, store, clock):
    p = await ready(client, store, clock)
    await forward(client, await new_lead(client, p.sender), p.connection, "Pre-approved, wants 78704")
    [text] = await outbound(store, kind="portal_lead", channel="sms")
    [email] = await outbound(store, kind="portal_lead", channel="email")
    assert text.to_addr == "+15125550101" and email.to_addr == "rita@lonestar.test"
    for message in (text, email):
        assert "Pat Quinlan" in message.body and "+15125559876" in message.body
        assert "Pre-approved, wants 78704" in message.body and "Hill Country Homes" in message.body
    assert email.subject == "New lead from Hill Country Homes: Pat Quinlan"

    phoneless = await new_user(client, p.receiver, "Nina Nophone", "nina@lonestar.test")
    path = f"/api/portal/accounts/{p.receiver}/connections/{p.connection}"
    await call(client, "PATCH", path, 200, {"assignment": "user", "assigned_user_id": phoneless})
    await forward(client, await new_lead(client, p.sender, name="Lee Park"), p.connection)
    assert [m.to_addr for m in await outbound(store, kind="portal_lead")] == \
        ["+15125550101", "rita@lonestar.test", "nina@lonestar.test"]


# -- races and repeats -------------------------------------------------------------------------
async def test_concurrent_forwards_take_turns(client, store, clock):
    p = await ready(client, store, clock)
    leads = [await new_lead(client, p.sender, name=f"Lead {n}") for n in range(4)]
    pair_done = await asyncio.gather(*(forward(client, lead, p.connection) for lead in leads[:2]))
    assert {f["forwarded_lead"]["assigned_user_id"] for f in pair_done} == {p.rita, p.ray}
    more = await asyncio.gather(*(forward(client, lead, p.connection) for lead in leads[2:]))
    assert sorted(f["forwarded_lead"]["assigned_user_id"] for f in more) == sorted([p.rita, p.ray])


@pytest.fixture
async def postgres_client(postgres_store, settings, clock, metrics):
    """A client over PostgreSQL alone, for row locks (SQLite has none: it serialises writers instead)."""
    await truncate_all(postgres_store)
    async with TestClient(TestServer(create_app(settings, postgres_store, clock, metrics), host="127.0.0.1")) as http:
        http.admin = {"Authorization": f"Bearer {settings.admin_token}"}
        yield http


@pytest.mark.postgres
async def test_a_forward_waits_for_the_connection_row_lock(postgres_client, postgres_store, clock, settings):
    from sqlalchemy.ext.asyncio import AsyncSession

    p = await ready(postgres_client, postgres_store, clock)
    first_lead, second_lead = await new_lead(postgres_client, p.sender), await new_lead(postgres_client, p.sender)
    env = bot_env(settings)

    def forward_in(session, lead_id: int) -> int | None:
        return portal_leads.forward(session, env, portal_leads.ForwardRequest(lead_id, p.connection),
                                    now=clock.now()).forward.assigned_user_id
    async with AsyncSession(postgres_store.engine) as session, session.begin():
        first = await session.run_sync(forward_in, first_lead)
        second = asyncio.create_task(postgres_store.run(lambda s: forward_in(s, second_lead)))
        await asyncio.sleep(0.3)
        assert not second.done()  # blocked on the connection row until the first commits
    assert {first, await second} == {p.rita, p.ray}


async def test_forwards_with_one_idempotency_key_happen_once(client, store, clock):
    p = await ready(client, store, clock)
    lead, other = await new_lead(client, p.sender), await new_lead(client, p.sender, name="Lee Park")
    first = await forward(client, lead, p.connection, idempotency_key="req-1")
    repeat = await forward(client, lead, p.connection, idempotency_key="req-1", expect=200)
    assert repeat["id"] == first["id"] and repeat["forwarded_lead"]["id"] == first["forwarded_lead"]["id"]
    reused = await forward(client, other, p.connection, idempotency_key="req-1", expect=422)
    assert "idempotency_key" in reused["errors"]
    racing = await asyncio.gather(*(client.post(f"/api/portal/leads/{other}/forward", headers={
        **client.admin, "Idempotency-Key": "req-2"}, json={"connection_id": p.connection}) for _ in range(2)))
    assert sorted(r.status for r in racing) == [200, 201]
    assert len({(await r.json())["forwarded_lead"]["id"] for r in racing}) == 1
    again = await forward(client, lead, p.connection)  # without a key a second forward is a new one
    assert again["id"] != first["id"]
    assert len(await call(client, "GET", f"/api/portal/accounts/{p.receiver}/leads", 200)) == 3
    assert len(await outbound(store, kind="portal_lead")) == 6  # text and email, three times
    notes = (await call(client, "GET", f"/api/portal/leads/{lead}", 200))["notes"]
    assert [n["kind"] for n in notes] == ["forwarded", "forwarded"]


async def test_forwarding_needs_an_accepted_connection_from_the_leads_account(client, store, clock):
    p = await connected(client)
    lead = await new_lead(client, p.sender)
    pending = await forward(client, lead, p.connection, expect=422)
    assert "not been accepted" in pending["errors"]["connection_id"]
    await accept(store, clock, p)
    receivers_own = await new_lead(client, p.receiver)  # B receives over this connection; it cannot send
    wrong_side = await forward(client, receivers_own, p.connection, expect=422)
    assert "does not refer leads" in wrong_side["errors"]["connection_id"]
    await forward(client, lead, 999, expect=422)
    await forward(client, 999, p.connection, expect=404)
    leads = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/leads", 200)
    assert [lead["id"] for lead in leads] == [receivers_own]
    assert await call(client, "GET", f"/api/portal/accounts/{p.sender}/leads", 200) != []
    assert (await call(client, "GET", f"/api/portal/leads/{lead}", 200))["notes"] == []
    assert (await call(client, "GET", f"/api/portal/leads/{receivers_own}", 200))["notes"] == []


async def test_a_signed_in_user_forwards_from_the_lead_page(client, store, clock):
    p = await ready(client, store, clock)
    lead = await new_lead(client, p.sender, custom_fields={"budget": 1}, notes=["private note"])
    await sign_in(client, "sam@hillcountry.test")
    page = await (await client.get(f"/portal/leads/{lead}")).text()
    assert "Refer the lead" in page and "Lone Star Realty" in page and "private note" in page
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
    form = {"csrf": csrf_of(page), "connection_id": str(p.connection), "message": "Hot <b>buyer</b>",
            "idempotency_key": key}
    sent = await client.post(f"/portal/leads/{lead}/forward", data=form)
    after = await sent.text()
    assert sent.status == 200 and "The lead was sent" in after
    assert "Forwarded to Lone Star Realty on Nov 23, 2026: Hot &lt;b&gt;buyer&lt;/b&gt;" in after
    await client.post(f"/portal/leads/{lead}/forward", data=form)  # a double submit
    [received] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/leads", 200)
    assert (await client.get(f"/portal/leads/{received['id']}")).status == 404  # not Sam's account's

    await sign_in(client, "rita@lonestar.test")  # B sees the lead, and has nobody to refer it to
    copy = await (await client.get(f"/portal/leads/{received['id']}")).text()
    assert "Referred by Hill Country Homes on Nov 23, 2026: Hot &lt;b&gt;buyer&lt;/b&gt;" in copy
    assert "private note" not in copy and "budget" not in copy
    assert "not connected to an account you can refer leads to" in copy


async def test_after_an_invitation_is_accepted_neither_home_says_none_yet_for_invitations(client, store):
    p = await pair(client)
    await sign_in(client, "sam@hillcountry.test")
    blank = await (await client.get("/portal")).text()
    assert "None yet." in section(blank, "<h2>Invitations")  # truly none yet
    await client.post("/portal/invitations", data={"csrf": csrf_of(blank), "email": "rita@lonestar.test"})
    [view] = await call(client, "GET", f"/api/portal/accounts/{p.receiver}/connections", 200)
    await sign_in(client, "rita@lonestar.test")
    invitee = await (await client.get("/portal")).text()
    accepted = await (await client.post(f"/portal/connections/{view['id']}/accept",
                                        data={"csrf": csrf_of(invitee)})).text()
    assert "None yet." not in section(accepted, "<h2>Invitations") and "accepted" in section(accepted,
                                                                                             "<h2>Invitations")
    await sign_in(client, "sam@hillcountry.test")
    inviter = await (await client.get("/portal")).text()
    assert "None yet." not in section(inviter, "<h2>Invitations") and "accepted" in section(inviter,
                                                                                            "<h2>Invitations")


async def test_a_failed_sign_in_keeps_the_typed_email_and_never_the_password(client, store):
    await pair(client)
    failed = await sign_in(client, "Sam@HillCountry.test", password="not-the-password")
    page = await failed.text()
    assert failed.status == 401 and 'value="Sam@HillCountry.test"' in page and "not-the-password" not in page
