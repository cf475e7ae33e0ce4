"""The console's agents in headless Chromium against the real app, on both databases: the list with search and
filters, an agent's record (offers, claims, claim rate, time to claim, reports, balance) and its actions (pause,
suspend, restore, coverage, the plan for admins only), and a CSV import whose preview shows each row's problems
before anything is written."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import func, select

from bot.operators import OperatorRole
from store.console_models import AuditEntry
from store.models import Agent
from tests.flows import add_agents, new_referral, text_in
from tests.test_console_pages import add_operator, form_post, sign_in
from tests.test_pages import LiveServer, browser, live, page


async def agent(store, agent_id: int) -> Agent:
    return await store.run(lambda s: s.get(Agent, agent_id))


async def audit_actions(store) -> list[tuple[str, str]]:
    return await store.run(lambda s: [(a.actor, a.action) for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
                                      if a.action.startswith("agent")])


async def test_admin_finds_an_agent_reads_the_record_and_pauses_suspends_restores_and_edits(live, page, store,
                                                                                           clock):
    await add_agents(store, clock, 3)
    created = await new_referral(live.http)
    await text_in(live.http, live.settings, "+15125550002", f"YES {created['code']}")
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test", path="/console/agents")
    assert await page.locator("tbody tr").count() == 3

    await page.get_by_label("Search").fill("agent2@")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr")
    assert await rows.count() == 1 and "Agent 2 Smith" in await rows.inner_text()
    async with page.expect_navigation():
        await page.get_by_role("link", name="Agent 2 Smith").click()
    record = await page.inner_text("main")
    assert "1 (100% of offers)" in record, record
    assert f"#{created['code']}" in record and "Balance owed" in record
    if os.environ.get("SCREENSHOTS"):
        await page.screenshot(path=str(Path(os.environ["SCREENSHOTS"]) / "console-agent.png"), full_page=True)

    await page.get_by_label("Pause until").fill("2026-12-24")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Pause").click()
    assert "paused until 2026-12-24" in await page.inner_text("main")
    assert (await agent(store, 2)).status == "paused"
    async with page.expect_navigation():
        await page.get_by_role("button", name="Restore").click()
    assert (await agent(store, 2)).status == "active"
    await page.get_by_label("Suspend, with the reason").fill("complaints from clients")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Suspend").click()
    assert "suspended: complaints from clients" in await page.inner_text("main")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Restore").click()

    await page.get_by_label("Coverage (ZIP codes)").fill("78704 78745")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Save coverage").click()
    assert "78704 78745" in await page.inner_text("main")
    await page.get_by_label("Plan", exact=True).select_option("per_sale")
    await page.get_by_label("Fee in dollars").fill("250")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Save plan").click()
    assert (await agent(store, 2)).pricing == {"plan": "per_sale", "fee_cents": 25000}
    assert await audit_actions(store) == [("ann@example.test", a) for a in (
        "agent_pause", "agent_restore", "agent_suspend", "agent_restore", "agent_coverage", "agent_plan")]


async def test_filters_by_status_and_zip_and_pages_by_cursor(live, page, store, clock):
    await add_agents(store, clock, 55)
    await store.run(lambda s: setattr(s.get(Agent, 7), "status", "suspended"))
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "vic@example.test", path="/console/agents")
    assert await page.locator("tbody tr").count() == 50
    async with page.expect_navigation():
        await page.get_by_role("link", name="More agents").click()
    assert await page.locator("tbody tr").count() == 5
    await page.goto(live.url + "/console/agents?status=suspended")
    assert await page.locator("tbody tr").count() == 1
    await page.goto(live.url + "/console/agents?zip=99999")
    assert "No agents match." in await page.inner_text("tbody")


async def test_a_viewer_cannot_act_and_a_dispatcher_cannot_change_a_plan(live, page, store, clock):
    await add_agents(store, clock, 1)
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "vic@example.test", path="/console/agents/1")
    assert await page.get_by_role("button", name="Pause").count() == 0
    assert "Balance owed" not in await page.inner_text("main")
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
    status, _ = await form_post(live, "/console/agents/1/pause", {"csrf": csrf}, cookies)
    assert status == 403 and (await agent(store, 1)).status == "active"

    await page.context.clear_cookies()
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    await sign_in(page, live, "dee@example.test", path="/console/agents/1")
    assert await page.get_by_role("button", name="Save plan").count() == 0
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
    status, _ = await form_post(live, "/console/agents/1/plan", {"csrf": csrf, "plan": "per_referral",
                                                                 "fee_dollars": "1"}, cookies)
    assert status == 403 and (await agent(store, 1)).pricing == {}


CSV = """name,phone,email,zip_codes,client_types
Rosa Diaz,(512) 555-0301,rosa@example.test,78704;78745,buyer seller
Bad Phone,12,bad@example.test,78704,buyer
Rosa Again,512.555.0301,rosa2@example.test,78704,buyer
Taken Number,+1 512 555 0001,taken@example.test,78704,buyer
No Zip,+15125550302,nozip@example.test,,buyer
Sam Lee,+15125550303,sam@example.test,78701,seller
"""


async def test_a_csv_import_previews_every_row_and_writes_only_the_good_ones(live, page, store, clock, tmp_path):
    await add_agents(store, clock, 1)
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    await sign_in(page, live, "dee@example.test", path="/console/agents")
    async with page.expect_navigation():
        await page.get_by_role("link", name="Import agents from a CSV file").click()
    upload = tmp_path / "agents.csv"
    upload.write_text(CSV, encoding="utf-8")
    await page.get_by_label("CSV file").set_input_files(str(upload))
    async with page.expect_navigation():
        await page.get_by_role("button", name="Check the file").click()
    preview = await page.inner_text("main")
    assert "2 ready, 4 with problems" in preview, preview
    assert "the same number as line 2" in preview and "another agent already has this number" in preview
    assert "zip_codes" in preview and "+15125550301" in preview  # normalised to E.164
    assert await store.run(lambda s: s.scalar(select(func.count()).select_from(Agent))) == 1  # nothing yet

    async with page.expect_navigation():
        await page.get_by_role("button", name="Add the 2 agents without problems").click()
    assert "2 agents added." in await page.inner_text("main")
    names = await store.run(lambda s: sorted(s.scalars(select(Agent.name))))
    assert names == ["Agent 1 Smith", "Rosa Diaz", "Sam Lee"]
    assert ("dee@example.test", "agents_import") in [
        (a.actor, a.action) for a in await store.run(lambda s: list(s.scalars(select(AuditEntry))))]


async def test_a_file_without_the_needed_columns_is_refused_in_words(live, page, store, clock, tmp_path):
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    await sign_in(page, live, "dee@example.test", path="/console/agents-import")
    upload = tmp_path / "agents.csv"
    upload.write_bytes(b"\xff\xfename;tel\n")
    await page.get_by_label("CSV file").set_input_files(str(upload))
    async with page.expect_navigation():
        await page.get_by_role("button", name="Check the file").click()
    assert "The file could not be read: the header row needs the columns" in await page.inner_text("main")


async def test_the_record_is_in_the_api_for_token_holders_only(live: LiveServer, store, clock):
    await add_agents(store, clock, 2)
    created = await new_referral(live.http)
    await text_in(live.http, live.settings, "+15125550001", f"YES {created['code']}")
    response = await live.http.get("/api/agents/1/record", headers=live.http.admin)
    record = await response.json()
    assert response.status == 200 and (record["offers"], record["claims"], record["claim_rate"]) == (1, 1, 1.0)
    assert record["median_seconds_to_claim"] is not None and record["overdue_reports"] == 0
    assert (await live.http.get("/api/agents/1/record")).status == 401
    assert (await live.http.get("/api/agents/99/record", headers=live.http.admin)).status == 404
