"""The console's review inbox in headless Chromium: a dispatcher resolves items by acting for the agent (the
agent's echo is queued, the referral's story shows it with the operator's name), by replying and by dismissing;
a viewer reads only; every control has a label and the forms work from the keyboard.

`SCREENSHOTS` (an env var naming a folder) saves the inbox at desktop and phone width.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from bot.operators import OperatorRole
from store.console_models import AuditEntry
from store.models import Referral, ReviewItem
from tests.flows import add_agents, new_referral, outbound, text_in
from tests.test_console_pages import add_operator, form_post, sign_in
from tests.test_pages import LiveServer, browser, live, page

UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
  .filter(e => e.tagName === 'BUTTON' ? !e.innerText.trim() : !e.labels.length && !e.getAttribute('aria-label'))
  .map(e => e.outerHTML)"""


async def unlabelled(page) -> list[str]:
    return await page.evaluate(UNLABELLED)


async def screenshots(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return
    for width, height, suffix in ((1280, 800, ""), (390, 844, "-phone")):
        await page.set_viewport_size({"width": width, "height": height})
        await page.screenshot(path=str(Path(folder) / f"{name}{suffix}.png"), full_page=True)
    await page.set_viewport_size({"width": 1280, "height": 800})


async def missed(live: LiveServer, sender: str, body: str) -> None:
    await text_in(live.http.session, live.settings, sender, body)


async def test_a_dispatcher_acts_for_the_agent_and_the_agent_gets_the_echo(live, page, store, clock):
    await add_agents(store, clock, 2)
    created = await new_referral(live.http)
    await missed(live, "+15125550001", "I can do it tmrw")
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    await sign_in(page, live, "dee@example.test")
    async with page.expect_navigation():
        await page.get_by_role("link", name="Review").click()
    item = page.locator("article.review-item")
    assert await item.count() == 1
    shown = await item.inner_text()
    assert "Agent 1 Smith" in shown and "I can do it tmrw" in shown and "nothing recognised" in shown
    assert f"#{created['code']}" in shown  # the referral it might be about
    assert await unlabelled(page) == []
    await screenshots(page, "console-review")

    await item.get_by_label("Command").select_option("claim")
    await item.get_by_label("Referral", exact=True).select_option(created["code"])
    async with page.expect_navigation():
        await item.get_by_role("button", name="Run for Agent 1 Smith").click()
    assert "Done for the agent (the bot's answer: won)" in await page.inner_text("[role=status]")
    assert await page.locator("article.review-item").count() == 0
    referral = await store.run(lambda s: s.get(Referral, created["id"]))
    assert referral.winner_agent_id == 1
    *_, echo = await outbound(store, kind="reply", agent_id=1)
    assert echo.status == "queued" and f"#{created['code']} is yours" in echo.body

    await page.goto(live.url + f"/console/referrals/{created['id']}")
    story = await page.inner_text(".timeline")
    assert "dee@example.test acted for Agent 1 Smith" in story and "I can do it tmrw" in story
    await page.goto(live.url + "/console/review?status=resolved")
    assert "acted by dee@example.test" in await page.inner_text("article.review-item")
    audit = await store.run(lambda s: [(a.actor, a.action, a.target) for a in s.scalars(
        select(AuditEntry).where(AuditEntry.action.like("review_%")))])
    assert audit == [("dee@example.test", "review_act", "review 1")]


async def test_reply_and_dismiss_from_the_keyboard_and_a_bad_form_says_what_is_wrong(live, page, store, clock):
    await add_agents(store, clock, 2)
    created = await new_referral(live.http)
    await missed(live, "+15125550001", "who is the client??? call me back")
    await missed(live, "+15125550002", "hmm not sure")
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test", path="/console/review")
    first, second = page.locator("#item-1"), page.locator("#item-2")

    await first.get_by_label("Command").select_option("sold")
    await first.get_by_label("Sale amount, $ (sold)").fill("lots")
    async with page.expect_navigation():
        await first.get_by_role("button", name="Run for Agent 1 Smith").click()
    assert "amount" in await page.inner_text("[role=alert]")  # 422, nothing done
    assert (await store.run(lambda s: s.get(ReviewItem, 1))).status == "open"

    await first.get_by_label("Message to Agent 1 Smith").focus()
    await page.keyboard.type("The client is on the contact email once you claim: reply YES.")
    await page.keyboard.press("Tab")  # to "About referral"
    await page.keyboard.press("ArrowDown")  # the first referral
    await page.keyboard.press("Tab")
    async with page.expect_navigation():
        await page.keyboard.press("Enter")  # "Send reply"
    assert "Reply queued" in await page.inner_text("[role=status]")
    *_, sent = await outbound(store, kind="reply", agent_id=1)
    assert (sent.body, sent.referral_id, sent.status) == (
        "The client is on the contact email once you claim: reply YES.", created["id"], "queued")

    await second.get_by_label("Note").fill("thinking aloud")
    async with page.expect_navigation():
        await second.get_by_label("Note").press("Enter")
    assert "Dismissed" in await page.inner_text("[role=status]")
    assert await page.locator("article.review-item").count() == 0
    assert "Nothing to review" in await page.inner_text("main")


async def test_a_viewer_reads_the_inbox_but_cannot_resolve(live, page, store, clock):
    await add_agents(store, clock, 1)
    await new_referral(live.http)
    await missed(live, "+15125550001", "hmm not sure")
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "vic@example.test", path="/console/review")
    assert "hmm not sure" in await page.inner_text("article.review-item")
    assert await page.locator("article.review-item form").count() == 0
    csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    for action, data in (("act", {"intent": "help"}), ("reply", {"text": "hi"}), ("dismiss", {"note": "x"})):
        status, _ = await form_post(live, f"/console/review/1/{action}", {"csrf": csrf, **data}, cookies)
        assert status == 403, action
    assert (await store.run(lambda s: s.get(ReviewItem, 1))).status == "open"
