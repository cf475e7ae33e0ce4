"""The claim-link page in headless Chromium against the real app on a loopback port, on both databases.

The app runs on a real socket (`LiveServer`) whose URL is its PUBLIC_BASE_URL, so the offer texts carry links
straight back to it. One Chromium serves the whole test session (shared with test_sandbox.py and
test_page_actions.py); each test gets a fresh browser context. The race test needs no browser: 10 claim-page
POSTs and 10 texted YESes at once.
"""
from __future__ import annotations

import asyncio
import dataclasses
import html
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, Playwright, async_playwright
from sqlalchemy import func, select

from inbound.web import create_app
from outbound.sandbox import SandboxSender, SandboxStripeSender
from outbound.worker import Worker
from store.billing_events import on_sent_hooks
from store.env import bot_env
from store.models import Message, Offer, Referral
from store.settings import Settings
from tests.flows import CLIENT, add_agents, new_referral, outbound, reply_text, text_in

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LINK = re.compile(r"https?://[^\s]+/r/[A-Za-z0-9_-]+")
CLIENT_SECRETS = [CLIENT["name"], "Quinlan", CLIENT["phone"], "5125559876", "555-9876", CLIENT["email"]]


# -- fixtures: one browser per session, one live server per test ------------------------------
class _Chromium:
    """Counts the fixture users (this module's and those importing it) so all share one browser."""

    users = 0
    playwright: Playwright | None = None
    browser: Browser | None = None


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if _Chromium.users == 0:
        _Chromium.playwright = await async_playwright().start()
        _Chromium.browser = await _Chromium.playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                                       args=CHROMIUM_ARGS)
    _Chromium.users += 1
    try:
        assert _Chromium.browser is not None
        yield _Chromium.browser
    finally:
        _Chromium.users -= 1
        if _Chromium.users == 0 and _Chromium.playwright is not None:
            await _Chromium.browser.close()  # type: ignore[union-attr]
            await _Chromium.playwright.stop()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    try:
        yield await context.new_page()
    finally:
        await context.close()


@dataclass
class LiveServer:
    url: str
    settings: Settings
    http: Http


class Http:
    """A plain HTTP client on the live server, shaped like the `client` fixture for tests.flows helpers."""

    def __init__(self, session: aiohttp.ClientSession, admin_token: str) -> None:
        self.session = session
        self.admin = {"Authorization": f"Bearer {admin_token}"}

    def get(self, path: str, **kw: Any) -> Any:
        return self.session.get(path, **kw)

    def post(self, path: str, **kw: Any) -> Any:
        return self.session.post(path, **kw)


@asynccontextmanager
async def live_server(settings: Settings, store, clock, metrics) -> AsyncIterator[LiveServer]:
    """The real app on a free loopback port; the socket is bound first so the URL (its PUBLIC_BASE_URL) is
    known up front."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    live_settings = dataclasses.replace(settings, public_base_url=url)
    runner = web.AppRunner(create_app(live_settings, store, clock, metrics), access_log=None)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    try:
        async with aiohttp.ClientSession(base_url=url) as session:
            yield LiveServer(url, live_settings, Http(session, live_settings.admin_token))
    finally:
        await runner.cleanup()


@pytest.fixture
async def live(store, settings, clock, metrics) -> AsyncIterator[LiveServer]:
    async with live_server(settings, store, clock, metrics) as server:
        yield server


# -- helpers -----------------------------------------------------------------------------------
async def offer_links(store) -> dict[int, str]:
    """agent id -> the claim link in the offer text they were sent."""
    links = {}
    for message in await outbound(store, kind="offer"):
        found = LINK.search(message.body)
        assert found, message.body
        links[message.agent_id] = found.group()
    return links


async def referral_row(store) -> Referral:
    return await store.run(lambda s: s.scalar(select(Referral)))


async def count(store, *where: Any) -> int:
    return await store.run(lambda s: s.scalar(select(func.count()).select_from(Message).where(*where)))


async def run_worker(store, clock, settings: Settings) -> None:
    """The worker as `referral-bot run` wires it in sandbox mode: sandbox senders, Stripe's answers recorded."""
    senders: dict[str, Any] = {c: SandboxSender(c) for c in ("sms", "email", "voice")}
    senders["stripe"] = SandboxStripeSender(settings.public_base_url, settings.secret_key)
    await Worker(store, senders, clock=clock, on_sent=on_sent_hooks(bot_env(settings))).drain()


def assert_private(markup: str) -> None:
    for secret in CLIENT_SECRETS:
        assert secret.lower() not in html.unescape(markup).lower(), secret


# -- in the browser ----------------------------------------------------------------------------
async def test_claim_link_shows_summary_claims_once_and_second_agent_sees_taken(live, page, store, clock):
    await add_agents(store, clock, 2)
    created = await new_referral(live.http)
    links = await offer_links(store)
    answer = await page.goto(links[1])
    assert answer is not None and answer.status == 200
    body = await page.inner_text("body")
    for shown in ("ZIP 78704", "Buyer", "$400k-$500k", "0-3 months", f"#{created['code']}"):
        assert shown in body
    assert await page.locator("meta[name=viewport]").count() == 1
    assert_private(await page.content())
    async with page.expect_navigation():
        await page.get_by_role("button", name="Claim referral").click()
    assert "It's yours" in await page.inner_text("h1")
    assert "on their way to your email" in await page.inner_text("body")
    assert_private(await page.content())
    await page.reload()  # a refresh re-reads; it never claims again
    assert "yours" in await page.inner_text("h1")
    referral = await referral_row(store)
    assert referral.winner_agent_id == 1 and referral.status == "awarded"
    assert [(m.channel, m.to_addr) for m in await outbound(store, kind="contact")] == [("email", "agent1@example.test")]
    assert [(m.channel, m.to_addr) for m in await outbound(store, kind="confirmation")] == [("sms", "+15125550001")]
    assert await count(store, Message.channel == "web", Message.direction == "in") == 1

    await page.goto(links[2])
    assert "Already claimed" in await page.inner_text("h1")
    assert await page.get_by_role("button").count() == 0
    assert_private(await page.content())


async def test_expired_link_shows_expired_page(live, page, store, clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http)
    [link] = (await offer_links(store)).values()
    clock.advance(days=61)
    answer = await page.goto(link)
    assert answer is not None and answer.status == 410
    assert "Expired referral" in await page.inner_text("h1")
    assert await page.get_by_role("button").count() == 0


async def test_tampered_link_shows_bad_link_page_and_changes_nothing(live, page, store, clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http)
    [link] = (await offer_links(store)).values()
    token = link.rsplit("/", 1)[1]
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    answer = await page.goto(f"{live.url}/r/{tampered}")
    assert answer is not None and answer.status == 404
    assert "Link not valid" in await page.inner_text("h1")
    assert await page.get_by_role("button").count() == 0
    posted = await live.http.post(f"/r/{tampered}/claim", allow_redirects=False)
    assert posted.status == 404
    assert (await referral_row(store)).winner_agent_id is None
    assert await count(store, Message.direction == "in") == 0


# -- over plain HTTP ---------------------------------------------------------------------------
MALFORMED = ["x", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA", "%00%ff", "é" * 30, "A" * 5000, "-_-_", "=="]


async def test_malformed_tokens_get_a_page_never_a_500(live):
    for token in MALFORMED:
        for method, path in (("GET", f"/r/{token}"), ("POST", f"/r/{token}/claim")):
            async with live.http.session.request(method, path, allow_redirects=False) as answer:
                assert answer.status == 404, (method, token, answer.status)
                assert "text/html" in answer.content_type and "Link not valid" in await answer.text()


async def test_offer_past_its_60_days_with_a_still_valid_token_says_expired(live, store, clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http)
    [link] = (await offer_links(store)).values()
    clock.advance(days=60, hours=1)  # the token lives to the end of its last day; the offer does not
    page = await live.http.session.get(link)
    assert page.status == 410 and "Expired referral" in await page.text()
    claimed = await live.http.post(link.replace(live.url, "") + "/claim", allow_redirects=False)
    assert claimed.status == 303 and claimed.headers["Location"].endswith("?outcome=expired")
    assert (await referral_row(store)).winner_agent_id is None


async def test_agent_who_won_by_text_sees_already_yours_and_wording_cannot_be_forged(live, store, clock):
    await add_agents(store, clock, 2)
    await new_referral(live.http)
    links = await offer_links(store)
    forged = await live.http.session.get(links[1] + "?outcome=won")
    assert "Claim referral" in await forged.text()  # still open: the query string changes nothing
    await text_in(live.http, live.settings, "+15125550001", "YES")
    mine = html.unescape(await (await live.http.session.get(links[1])).text())
    assert "Already yours" in mine and mine.count("<form") == 1 and "/connect" in mine  # only live connect
    assert_private(mine)


async def test_winner_taps_connect_and_is_called_loser_gets_no_button_and_no_call(live, page, store, clock):
    await add_agents(store, clock, 2)
    await new_referral(live.http)
    links = await offer_links(store)
    await page.goto(links[1])
    async with page.expect_navigation():
        await page.get_by_role("button", name="Claim referral").click()
    async with page.expect_navigation():
        await page.get_by_role("button", name="Call me and connect me to the client").click()
    assert "We're calling you now" in await page.inner_text("body")
    assert_private(await page.content())
    [call] = await outbound(store, channel="voice", agent_id=1)
    assert call.to_addr == "+15125550001" and "/twilio/voice/bridge" in call.url

    await page.goto(links[2])
    assert await page.get_by_role("button").count() == 0
    forged = await live.http.post(links[2].replace(live.url, "") + "/connect", allow_redirects=False)
    assert forged.status == 303 and forged.headers["Location"].endswith("?outcome=connect_not_yours")
    assert len(await outbound(store, channel="voice")) == 1


async def test_call_first_referral_has_only_the_call_button_and_post_claim_claims_nothing(live, store, clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http, mode="call_first")
    [link] = (await offer_links(store)).values()
    path = link.replace(live.url, "")
    text = await (await live.http.session.get(link)).text()
    assert f'action="{path}/call"' in text and "Call me to claim referral" in text
    assert f'action="{path}/claim"' not in text and f'action="{path}/buy"' not in text
    claimed = await live.http.post(path + "/claim", allow_redirects=False)
    assert claimed.status == 303 and claimed.headers["Location"].endswith("?outcome=not_offered")
    assert (await referral_row(store)).winner_agent_id is None
    assert await count(store, Message.direction == "in") == 0 and await outbound(store, channel="voice") == []


async def test_ten_page_claims_and_ten_texted_yeses_at_once_make_one_winner(live, store, clock):
    await add_agents(store, clock, 20)
    await new_referral(live.http)
    links = await offer_links(store)

    async def tap(agent: int) -> bool:
        answer = await live.http.post(links[agent].replace(live.url, "") + "/claim", allow_redirects=False)
        assert answer.status == 303
        return answer.headers["Location"].endswith("?outcome=won")

    async def text(agent: int) -> bool:
        answer = await text_in(live.http, live.settings, f"+1512555{agent:04d}", "YES")
        return "is yours" in (reply_text(await answer.text()) or "")

    results = await asyncio.gather(*[tap(n) for n in range(1, 11)], *[text(n) for n in range(11, 21)])
    assert sum(results) == 1
    winner = results.index(True) + 1
    referral = await referral_row(store)
    assert referral.winner_agent_id == winner
    won = await store.run(lambda s: list(s.scalars(select(Offer.agent_id).where(Offer.status == "won"))))
    assert won == [winner]
    assert [m.to_addr for m in await outbound(store, kind="contact")] == [f"agent{winner}@example.test"]
