"""The offer page's buttons by referral mode, on both databases.

In Chromium: a call-first page asks for a call, the sandbox rings, answers through the real signed voice
webhooks and presses 1; a paid page buys, the worker makes the invoice, the sandbox invoice page pays it.
Over HTTP: the first-come page's extra call button, and the paid outcomes, which come from the database only.
"""
from __future__ import annotations

import html

from playwright.async_api import Page
from sqlalchemy import select

from store.models import Invoice, Message
from tests.flows import CLIENT, add_agents, new_referral, outbound
from tests.test_pages import (
    LiveServer,
    assert_private,
    browser,
    count,
    live,
    offer_links,
    page,
    referral_row,
    run_worker,
)

CALLING = "We're calling you now at (***) ***-0001; press 1 after the recording to claim."


async def click(page: Page, locator) -> None:
    async with page.expect_navigation():
        await locator.click()


# -- in the browser ----------------------------------------------------------------------------
async def test_call_first_page_calls_and_pressing_1_in_the_sandbox_claims(live: LiveServer, page: Page, store,
                                                                          clock):
    await add_agents(store, clock, 2)
    created = await new_referral(live.http, mode="call_first")
    links = await offer_links(store)
    await page.goto(links[1])
    assert await page.get_by_role("button", name="Claim referral", exact=True).count() == 0
    await click(page, page.get_by_role("button", name="Call me to claim referral"))
    assert CALLING in await page.inner_text("body")
    await click(page, page.get_by_role("button", name="Call me to claim referral"))  # again, mid-call
    assert "already calling you" in await page.inner_text("body")
    assert len(await outbound(store, channel="voice")) == 1
    await run_worker(store, clock, live.settings)  # the sandbox voice sender "places" the call

    await sign_in_to_sandbox(page, live)
    ringing = page.locator("#agent-1 .call")
    assert "RINGING" in await ringing.inner_text() and await page.locator("#agent-2 .call").count() == 0
    await click(page, ringing.get_by_role("button", name="Answer"))
    said = await page.locator("#agent-1 .said").inner_text()
    assert f"referral number {' '.join(created['code'])}" in said and "78704" in said and "Press 1" in said
    assert CLIENT["name"] not in said
    await click(page, page.locator("#agent-1 .keypad").get_by_role("button", name="1", exact=True))
    assert "It's yours" in await page.locator("#agent-1 .said").inner_text()
    assert "Press 1 to be connected to the client now" in await page.locator("#agent-1 .said").inner_text()
    await click(page, page.locator("#agent-1 .call").get_by_role("button", name="Stay silent"))  # hang up: email
    assert "by email" in await page.locator("#agent-1 .said").inner_text()
    assert "Call ended" in await page.locator("#agent-1 .call").inner_text()

    assert [(m.to_addr, m.agent_id) for m in await outbound(store, kind="contact")] == [("agent1@example.test", 1)]
    assert (await referral_row(store)).winner_agent_id == 1
    assert [m.status for m in await outbound(store, channel="voice")] == ["completed"]  # no longer under way
    await page.goto(links[1])
    assert "yours" in await page.inner_text("h1")


async def sign_in_to_sandbox(page: Page, live: LiveServer) -> None:
    """As a person would: open /sandbox, type the admin token into the form (posted, never in the URL)."""
    await page.goto(f"{live.url}/sandbox")
    await page.fill("input[name=token]", live.settings.admin_token)
    await click(page, page.get_by_role("button", name="Open"))
    assert page.url == f"{live.url}/sandbox"


async def test_paid_page_buys_through_the_worker_and_the_sandbox_invoice(live: LiveServer, page: Page, store,
                                                                         clock):
    await add_agents(store, clock, 2)
    await new_referral(live.http, mode="paid", price_cents=15000)
    links = await offer_links(store)
    await page.goto(links[1])
    assert "$150" in await page.inner_text("body")
    await click(page, page.get_by_role("button", name="Buy referral"))
    assert "Your invoice is on its way" in await page.inner_text("body")
    assert await page.get_by_role("link", name="Pay invoice").count() == 0  # the worker hasn't made it yet
    await run_worker(store, clock, live.settings)
    await page.reload()
    pay = page.get_by_role("link", name="Pay invoice")
    assert "/i/" in (await pay.get_attribute("href") or "")
    await click(page, pay)
    assert "/sandbox/invoice/" in page.url
    await click(page, page.get_by_role("button", name="Pay"))
    paid = await page.inner_text("body")
    assert "Paid in full: $150" in paid and "won" not in paid  # words, never the webhook's outcome code
    assert await page.get_by_role("button", name="Pay").count() == 0

    assert (await referral_row(store)).winner_agent_id == 1
    assert [(m.to_addr, m.agent_id) for m in await outbound(store, kind="contact")] == [("agent1@example.test", 1)]
    await page.goto(links[1])
    assert "It's yours" in await page.inner_text("h1")
    await page.goto(links[2])
    assert "Referral Purchased Already" in await page.inner_text("h1")
    assert await page.get_by_role("button").count() == 0
    assert_private(await page.content())


# -- over plain HTTP ---------------------------------------------------------------------------
async def page_text(live: LiveServer, url: str) -> tuple[int, str]:
    async with live.http.session.get(url) as answer:
        return answer.status, html.unescape(await answer.text())


async def test_first_come_page_also_offers_a_call_and_a_second_tap_places_no_second_call(live: LiveServer, store,
                                                                                          clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http)
    [link] = (await offer_links(store)).values()
    path = link.replace(live.url, "")
    _, text = await page_text(live, link + "?outcome=call_under_way")
    assert f'action="{path}/claim"' in text and f'action="{path}/call"' in text and ">Call me to claim<" in text
    assert "calling you" not in text  # the query string alone says nothing
    for expected in ("call_placed", "call_under_way"):
        tapped = await live.http.post(path + "/call", allow_redirects=False)
        assert tapped.status == 303 and tapped.headers["Location"].endswith(f"?outcome={expected}")
    _, text = await page_text(live, tapped.headers["Location"])
    assert CALLING in text and "already calling you" in text and "Claim referral" in text
    [call] = await outbound(store, channel="voice")
    assert call.agent_id == 1 and call.url.startswith(f"{live.url}/twilio/voice/answer?t=")
    taps = await store.run(lambda s: list(s.scalars(select(Message).where(Message.channel == "web",
                                                                          Message.direction == "in"))))
    assert [m.body for m in taps] == ["CALL", "CALL"] and len({m.provider_id for m in taps}) == 2
    claimed = await live.http.post(path + "/claim", allow_redirects=False)  # the button still claims
    assert claimed.headers["Location"].endswith("?outcome=won")


async def test_paid_page_outcomes_come_from_the_database(live: LiveServer, store, clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http, mode="paid", price_cents=15000)
    [link] = (await offer_links(store)).values()
    path = link.replace(live.url, "")
    status, text = await page_text(live, link + "?outcome=won")
    assert status == 200 and "Buy referral" in text and "$150" in text and "It's yours" not in text
    clock.advance(days=60, hours=1)  # the offer has ended; its link still reads
    status, text = await page_text(live, link)
    assert status == 410 and "Expired Referral" in text and "<form" not in text
    bought = await live.http.post(path + "/buy", allow_redirects=False)
    assert bought.status == 303 and bought.headers["Location"].endswith("?outcome=expired")
    assert await store.run(lambda s: list(s.scalars(select(Invoice)))) == []
    clock.advance(days=1)  # now the link's own day has passed too
    status, text = await page_text(live, link + "?outcome=won")
    assert status == 410 and "Expired Referral" in text
    assert await count(store, Message.channel == "web", Message.direction == "in") == 1
