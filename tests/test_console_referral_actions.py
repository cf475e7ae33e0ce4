"""A referral's page in headless Chromium: a dispatcher awards and reassigns it with a reason (the previous
winner is told), re-offers it, and texts the winner; the story shows each with the operator's name, offers
answered and (for admins) the money; a viewer gets no forms and a 403; every control is labelled.

`SCREENSHOTS` (an env var naming a folder) saves the page at desktop and phone width.
"""
from __future__ import annotations

from sqlalchemy import select

from bot.operators import OperatorRole
from store.console_models import AuditEntry
from store.models import Referral
from tests.flows import add_agents, new_referral, outbound, text_in
from tests.test_console_pages import add_operator, form_post, sign_in
from tests.test_console_review import screenshots, unlabelled
from tests.test_pages import LiveServer, browser, live, page


async def open_referral(page, live: LiveServer, referral_id: int) -> None:
    await page.goto(live.url + f"/console/referrals/{referral_id}")


async def test_award_then_reassign_with_a_reason_and_message_the_winner(live, page, store, clock):
    await add_agents(store, clock, 3, pricing={"plan": "per_referral", "fee_cents": 5000})
    created = await new_referral(live.http)
    rid = created["id"]
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    await sign_in(page, live, "dee@example.test", path=f"/console/referrals/{rid}")
    assert await unlabelled(page) == []
    await page.get_by_label("Agent", exact=True).select_option(label="Agent 2 Smith")
    await page.get_by_label("Reason for awarding").fill("called the office")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Award", exact=True).click()
    assert "Awarded: awarded to Agent 2 Smith" in await page.inner_text("[role=status]")

    await page.get_by_label("Agent", exact=True).select_option(label="Agent 3 Smith")
    await page.get_by_label("Reason for reassigning (Agent 2 Smith is told)").fill("no answer in two days")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Reassign").click()
    assert "Reassigned: reassigned from Agent 2 Smith to Agent 3 Smith" in await page.inner_text("[role=status]")
    assert (await store.run(lambda s: s.get(Referral, rid))).winner_agent_id == 3
    [told] = await outbound(store, kind="reassigned")
    assert told.agent_id == 2 and "no answer in two days" in told.body

    await page.get_by_label("Message to the winner").fill("The client prefers mornings.")
    await page.get_by_label("Send by").select_option("sms")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Send to the winner").click()
    assert "Message queued" in await page.inner_text("[role=status]")
    [sent] = await outbound(store, kind="operator")
    assert (sent.agent_id, sent.channel, sent.body, sent.status) == (3, "sms", "The client prefers mornings.", "queued")

    story = await page.inner_text(".timeline")
    for line in ("dee@example.test awarded to Agent 2 Smith: called the office",
                 "dee@example.test reassigned from Agent 2 Smith to Agent 3 Smith: no answer in two days",
                 "dee@example.test texted Agent 3 Smith: The client prefers mornings.", "offer answered: won",
                 "offer answered: cancelled", "queued"):
        assert line in story, line
    assert "$50.00" not in story  # the money is an admin's to see
    await screenshots(page, "console-referral-actions")
    audit = await store.run(lambda s: [a.action for a in s.scalars(select(AuditEntry).where(
        AuditEntry.actor == "dee@example.test").order_by(AuditEntry.id))])
    assert audit == ["sign_in", "assign", "assign", "message_winner"]


async def test_reoffer_from_the_page_and_the_admin_sees_the_money_in_the_story(live, page, store, clock):
    await add_agents(store, clock, 2, pricing={"plan": "per_referral", "fee_cents": 5000})
    created = await new_referral(live.http)
    await text_in(live.http.session, live.settings, "+15125550001", f"NO {created['code']}")
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test", path=f"/console/referrals/{created['id']}")
    await page.get_by_label("the same agents").check()
    async with page.expect_navigation():
        await page.get_by_role("button", name="Re-offer").click()
    assert "Offered again: 1 agents" in await page.inner_text("[role=status]")
    await page.get_by_label("a new match").check()
    async with page.expect_navigation():
        await page.get_by_role("button", name="Re-offer").click()
    assert "Nothing was done: no agent it has not reached matches it now" in await page.inner_text("[role=alert]")
    await text_in(live.http.session, live.settings, "+15125550002", "YES")
    await open_referral(page, live, created["id"])
    story = await page.inner_text(".timeline")
    assert "ann@example.test re-offered it to the same agents: 1 agents" in story
    assert "($50.00)" in story  # the award fee, on an admin's page
    assert await page.get_by_role("button", name="Re-offer").count() == 0  # claimed: nothing to re-offer


async def test_a_viewer_sees_no_actions_and_is_refused(live, page, store, clock):
    await add_agents(store, clock, 2)
    created = await new_referral(live.http)
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "vic@example.test", path=f"/console/referrals/{created['id']}")
    assert await page.get_by_role("button", name="Award").count() == 0
    csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    for action, data in (("assign", {"agent_id": "1", "reason": "x"}), ("reoffer", {"to": "new"}),
                         ("message", {"channel": "sms", "text": "x"})):
        status, _ = await form_post(live, f"/console/referrals/{created['id']}/{action}", {"csrf": csrf, **data},
                                    cookies)
        assert status == 403, action
    assert (await store.run(lambda s: s.get(Referral, created["id"]))).winner_agent_id is None
