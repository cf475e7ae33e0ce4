"""The sandbox page: in Chromium, put in a demo referral and reply YES as an agent through the real signed
webhook; over plain HTTP, the admin-token protection and its absence when nothing is sandboxed, a ringing call
left unanswered (silence) or declined through the real voice webhooks, and a reply by email through the real
inbound SMTP server (and a clear message when that server isn't running)."""
from __future__ import annotations

import dataclasses
import html
from datetime import timedelta
from email import policy
from email.parser import BytesParser

import pytest
from aiohttp.test_utils import TestClient, TestServer
from bs4 import BeautifulSoup
from playwright.async_api import Page
from sqlalchemy import select

from inbound.sandbox.access import COOKIE, cookie_value, signin_code
from inbound.web import create_app
from store.models import Message, Offer, OutboxRow, Referral
from tests.conftest import T0
from tests.flows import add_agents, drain, new_referral, outbound, text_in
from tests.peers.smtp_sink import free_port
from tests.test_email import settle, smtp_server
from tests.test_pages import LiveServer, browser, live, live_server, page

REAL_CHANNELS = dict(twilio_account_sid="AC" + "1" * 32, twilio_auth_token="t", twilio_from_number="+15125550000",
                     smtp_url="smtp://127.0.0.1:25", stripe_api_key="sk_test_x")


async def test_demo_referral_and_yes_reply_through_the_real_webhook(live: LiveServer, page: Page, store, clock):
    await add_agents(store, clock, 2)
    await page.goto(f"{live.url}/sandbox/signin?code={signin_code(live.settings, clock.now())}")
    assert page.url == f"{live.url}/sandbox"  # the demo banner's code is swapped for a cookie
    async with page.expect_navigation():
        await page.get_by_role("button", name="Offer it").click()
    assert "offered to 2 agents" in await page.inner_text("body")
    thread = page.locator("#agent-2 .thread")
    assert "New referral #" in await thread.inner_text()
    await page.fill("#agent-2 input[name=body]", "YES")
    async with page.expect_navigation():
        await page.locator("#agent-2").get_by_role("button", name="Send").click()
    assert page.url == f"{live.url}/sandbox#agent-2"
    assert "is yours" in await thread.inner_text()
    assert "Email: Referral #" in await thread.inner_text()  # the contact-details email, collapsed
    assert (await store.run(lambda s: s.scalar(select(Referral.winner_agent_id)))) == 2
    sms_in = await store.run(lambda s: list(s.scalars(select(Message).where(Message.direction == "in"))))
    assert [(m.channel, m.from_addr, m.body) for m in sms_in] == [("sms", "+15125550002", "YES")]


async def test_sandbox_needs_the_admin_token_and_a_reply_without_it_changes_nothing(live: LiveServer, store,
                                                                                    clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http)
    async with live.http.session.get("/sandbox") as answer:
        assert answer.status == 401 and "agent1@example.test" not in await answer.text()
    async with live.http.session.get(f"/sandbox?token={live.settings.admin_token}") as answer:
        assert answer.status == 401  # the admin token is never taken from a query string
    async with live.http.session.post("/sandbox/signin", data={"token": "wrong"}, allow_redirects=False) as answer:
        assert answer.status == 401 and COOKIE not in answer.cookies
    async with live.http.session.post("/sandbox/reply", data={"agent_id": "1", "body": "YES"},
                                      allow_redirects=False) as answer:
        assert answer.status == 401
    async with live.http.session.post("/sandbox/referral", data={"zip": "78704"}, allow_redirects=False) as answer:
        assert answer.status == 401
    assert await store.run(lambda s: list(s.scalars(select(Message).where(Message.direction == "in")))) == []
    assert len(await store.run(lambda s: list(s.scalars(select(Referral))))) == 1


async def test_no_sandbox_page_when_every_channel_is_real(store, settings, clock, metrics):
    real = dataclasses.replace(settings, **REAL_CHANNELS)
    async with TestClient(TestServer(create_app(real, store, clock, metrics), host="127.0.0.1")) as http:
        for path in ("/sandbox", "/sandbox/signin"):
            assert (await http.get(path, headers=admin(real))).status == 404
        assert (await http.post("/sandbox/signin", data={"token": real.admin_token})).status == 404


async def test_the_sandbox_cookie_expires_and_so_does_the_banner_code(live: LiveServer, clock):
    async with live.http.session.post("/sandbox/signin", data={"token": live.settings.admin_token},
                                      allow_redirects=False) as answer:
        assert answer.status == 303 and answer.headers["Location"] == "/sandbox"
        cookie = answer.cookies[COOKIE]
        assert cookie["max-age"] == "28800" and cookie["httponly"] and cookie["samesite"] == "Strict"
        assert live.settings.admin_token not in cookie.value
    stale = {"Cookie": f"{COOKIE}={cookie_value(live.settings, clock.now() - timedelta(hours=8, seconds=1))}"}
    async with live.http.session.get("/sandbox", headers=stale) as answer:
        assert answer.status == 401
    old_code = signin_code(live.settings, clock.now() - timedelta(minutes=16))
    async with live.http.session.get(f"/sandbox/signin?code={old_code}", allow_redirects=False) as answer:
        assert answer.status == 401 and COOKIE not in answer.cookies
    forged = f"{int(clock.now().timestamp()) + 60}.{'0' * 64}"
    for value in (forged, "²³.x", "not-ours"):
        async with live.http.session.get("/sandbox", headers={"Cookie": f"{COOKIE}={value}"}) as answer:
            assert answer.status == 401


@pytest.mark.parametrize("live_channels,flag,exists", [
    (dict(stripe_api_key="sk_test_x", stripe_webhook_secret="whsec_" + "w" * 32), False, False),
    (dict(smtp_url="smtp://127.0.0.1:25"), False, False),
    (REAL_CHANNELS, True, True),
    ({}, False, True),
])
async def test_the_sandbox_exists_only_when_every_channel_is_sandboxed_or_sandbox_is_set(
        store, settings, clock, metrics, live_channels, flag, exists):
    chosen = dataclasses.replace(settings, sandbox=flag, **live_channels)
    async with TestClient(TestServer(create_app(chosen, store, clock, metrics), host="127.0.0.1")) as http:
        shown = await http.get("/sandbox", headers=admin(chosen))
        assert shown.status == (200 if exists else 404)
        invoice = await http.get("/sandbox/invoice/anything")
        assert (invoice.status == 404) and (exists or "Invoice not found" not in await invoice.text())


# -- calls and email replies over plain HTTP -------------------------------------------------------
def admin(settings) -> dict[str, str]:
    return {"Cookie": f"{COOKIE}={cookie_value(settings, T0)}"}


async def sandbox_html(live: LiveServer, method: str = "GET", path: str = "/sandbox",
                       data: dict[str, str] | None = None) -> BeautifulSoup:
    async with live.http.session.request(method, path, data=data, headers=admin(live.settings)) as answer:
        assert answer.status == 200, (path, answer.status)
        return BeautifulSoup(await answer.text(), "html.parser")


def form_of(soup: BeautifulSoup, selector: str) -> tuple[str, dict[str, str]] | None:
    """The action and hidden fields of the first form matching `selector` (a click, minus the browser)."""
    form = soup.select_one(selector)
    if form is None:
        return None
    return form["action"].split("#")[0], {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}


async def ringing_call(live: LiveServer, store, clock) -> BeautifulSoup:
    """A call-first demo referral, CALL texted, the call placed by the worker: the sandbox shows it ringing."""
    await add_agents(store, clock, 1)
    soup = await sandbox_html(live, "POST", "/sandbox/referral", {"zip": "78704", "mode": "call_first"})
    assert "offered to 1 agents" in soup.get_text()
    await text_in(live.http, live.settings, "+15125550001", "CALL")
    await drain(store, clock)
    soup = await sandbox_html(live)
    assert "RINGING" in soup.select_one("#agent-1 .call.ringing").get_text()
    return soup


async def test_staying_silent_on_a_sandbox_call_repeats_twice_then_says_goodbye(live: LiveServer, store, clock):
    soup = await ringing_call(live, store, clock)
    action, fields = form_of(soup, "#agent-1 .call.ringing form")
    assert action == "/sandbox/call/answer"
    soup, prompts = await sandbox_html(live, "POST", action, fields), 0
    while (silent := form_of(soup, "#agent-1 .call.live form:not(.keypad)")) is not None:
        assert soup.select_one("#agent-1 .keypad") is not None and "Press 1" in soup.select_one(".said").get_text()
        prompts += 1
        soup = await sandbox_html(live, "POST", *silent)
    assert prompts == 3  # the first prompt and two repeats
    assert "We didn't hear a choice" in soup.select_one("#agent-1 .said").get_text()
    assert "Call ended" in soup.select_one("#agent-1 .call.live").get_text()
    [text] = await outbound(store, kind="call_no_input")
    assert text.to_addr == "+15125550001" and "Reply CALL" in text.body
    assert [m.status for m in await outbound(store, channel="voice")] == ["completed"]
    assert (await sandbox_html(live)).select_one("#agent-1 .call") is None  # no longer ringing


async def test_declining_a_sandbox_call_sends_one_missed_call_text(live: LiveServer, store, clock):
    soup = await ringing_call(live, store, clock)
    action, fields = form_of(soup, "#agent-1 .call.ringing form[action='/sandbox/call/decline']")
    for _ in range(2):  # a second Decline (a repeated status callback) changes nothing
        async with live.http.session.post(action, data=fields, headers=admin(live.settings),
                                          allow_redirects=False) as answer:
            assert answer.status == 303 and answer.headers["Location"] == "/sandbox#agent-1"
    [missed] = await outbound(store, kind="missed_call")
    assert missed.to_addr == "+15125550001" and "Reply CALL" in missed.body
    assert [m.status for m in await outbound(store, channel="voice")] == ["no-answer"]
    soup = await sandbox_html(live)
    assert soup.select_one("#agent-1 .call") is None and "missed you" in soup.select_one("#agent-1 .thread").get_text()


async def test_reply_by_email_goes_through_the_inbound_smtp_server(store, settings, clock, metrics):
    await add_agents(store, clock, 1)
    async with smtp_server(settings, store, clock) as port:
        async with live_server(dataclasses.replace(settings, smtp_port=port), store, clock, metrics) as server:
            await text_in(server.http, server.settings, "+15125550001", "STOP")  # offers now come by email
            await new_referral(server.http)
            [offer] = await outbound(store, kind="offer")
            assert offer.channel == "email"
            action, fields = form_of(await sandbox_html(server), "#agent-1 form.email-reply")
            async with server.http.session.post(action, data={**fields, "reply": "NO"},
                                                headers=admin(server.settings), allow_redirects=False) as answer:
                assert answer.headers["Location"] == "/sandbox?mail=sent#agent-1"
            [received] = await settle(store)
    assert received.outcome == "declined" and received.mail_from == "agent1@example.test"
    headers = BytesParser(policy=policy.default).parsebytes(received.raw)
    offer_headers = await store.run(lambda s: s.scalar(select(OutboxRow.payload).where(
        OutboxRow.message_id == offer.id)))
    assert headers["To"] == offer.reply_to and headers["In-Reply-To"] == offer_headers["message_id"]
    assert await store.run(lambda s: s.scalar(select(Offer.status))) == "declined"
    [answer_email] = await outbound(store, kind="reply", channel="email")
    assert answer_email.to_addr == "agent1@example.test" and "passed" in answer_email.body


async def test_reply_by_email_with_no_smtp_server_says_so(store, settings, clock, metrics):
    await add_agents(store, clock, 1)
    async with live_server(dataclasses.replace(settings, smtp_port=free_port()), store, clock, metrics) as server:
        await text_in(server.http, server.settings, "+15125550001", "STOP")
        await new_referral(server.http)
        action, fields = form_of(await sandbox_html(server), "#agent-1 form.email-reply")
        async with server.http.session.post(action, data={**fields, "reply": "NO"},
                                            headers=admin(server.settings)) as shown:
            assert shown.status == 200
            assert "Email not sent" in html.unescape(await shown.text())
    assert await store.run(lambda s: s.scalar(select(Offer.status))) == "open"


async def test_sandbox_call_goes_from_the_offer_to_talking_with_the_client(live: LiveServer, store, clock):
    """Live connect in the sandbox: answer, 1 claims, 1 connects, answer as the client, the whisper, hang up."""
    from store.models import Referral, ReferralContact

    soup = await ringing_call(live, store, clock)
    soup = await sandbox_html(live, "POST", *form_of(soup, "#agent-1 .call.ringing form"))
    for _ in range(2):  # 1 claims, then 1 connects
        action, fields = form_of(soup, "#agent-1 .call.live form.keypad")
        soup = await sandbox_html(live, "POST", action, {**fields, "digits": "1"})
    leg = soup.select_one("#agent-1 .client-leg")
    assert "ringing the client" in leg.get_text()
    client_phone = await store.run(lambda s: s.scalar(select(ReferralContact.phone)))
    assert client_phone not in str(soup.select_one("#agent-1 .call.live"))  # the call never shows it
    action, fields = form_of(soup, "#agent-1 .client-leg form")
    soup = await sandbox_html(live, "POST", action, {**fields, "outcome": "human"})
    heard = soup.select_one("#agent-1 .client-leg .said").get_text()
    assert "Connecting you with" in heard and "Referral Network" in heard
    assert await store.run(lambda s: s.scalar(select(Referral.first_contact_at))) is not None
    action, fields = form_of(soup, "#agent-1 .client-leg form")
    soup = await sandbox_html(live, "POST", action, {**fields, "outcome": "completed"})
    assert "Call ended" in soup.select_one("#agent-1 .call.live").get_text()
    assert "by email" in soup.select_one("#agent-1 .said").get_text()


async def test_sandbox_lets_you_answer_the_client_check_as_the_client(live: LiveServer, store, clock):
    from store import clientside
    from store.env import bot_env
    from store.models import ClientCheck, ReferralContact

    await add_agents(store, clock, 1)
    await sandbox_html(live, "POST", "/sandbox/referral", {"zip": "78704", "mode": "first_come"})
    await text_in(live.http, live.settings, "+15125550001", "YES")

    def consent(session):
        session.scalar(select(ReferralContact)).sms_consent_at = clock.now()
    await store.run(consent)
    clock.advance(hours=5)
    env = bot_env(live.settings)
    await store.run(lambda s: clientside.ask_clients(s, env, now=clock.now(), delay=timedelta(hours=4)))
    soup = await sandbox_html(live)
    card = soup.select_one(".clients .client")
    assert "Reply 1 yes, 2 not yet" in card.get_text()
    action, fields = form_of(soup, ".clients .client form")
    soup = await sandbox_html(live, "POST", action, {**fields, "body": "1"})
    assert await store.run(lambda s: s.scalar(select(ClientCheck.status))) == "confirmed"
    assert "confirmed" in soup.select_one(".clients .client").get_text()
