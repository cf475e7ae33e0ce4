"""The console's money and queue pages in headless Chromium against the real app, on both databases: the ledger
filtered, totalled and downloaded as CSV (admins only), invoices by status, agents over their threshold, failed
charges; the outbox's depth, dead letters retried from the page (audited), held messages; and a client's contact
details kept from non-admins.

`SCREENSHOTS` (an env var naming a folder) makes the page tests save desktop and phone screenshots there.
"""
from __future__ import annotations

import csv
import io
import os
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.fees import LedgerKind
from bot.messages import Channel, Outgoing
from bot.operators import OperatorRole
from store import ledger, outbox
from store.console_models import AuditEntry
from store.models import Agent, Invoice, OutboxRow
from tests.flows import CLIENT, add_agents, new_referral
from tests.test_console_pages import add_operator, form_post, sign_in
from tests.test_pages import LiveServer, browser, live, page  # shared fixtures, one Chromium

PHONE = {"width": 390, "height": 844}


async def shoot(page, name: str) -> None:
    """Desktop and phone screenshots, when SCREENSHOTS names a folder."""
    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return
    await page.set_viewport_size({"width": 1280, "height": 800})
    await page.screenshot(path=str(Path(folder) / f"console-{name}.png"), full_page=True)
    await page.set_viewport_size(PHONE)
    await page.screenshot(path=str(Path(folder) / f"console-{name}-phone.png"), full_page=True)
    await page.set_viewport_size({"width": 1280, "height": 800})


# -- money ---------------------------------------------------------------------------------------
async def seed_money(store, clock) -> list[int]:
    """Two agents: Agent 1 with fees over a $100 threshold, a paid purchase and a refund; Agent 2 with a declined
    balance charge. Entries spread over three days."""
    ids = await add_agents(store, clock, 2)
    day = clock.now()

    def work(session) -> None:
        session.get(Agent, ids[0]).pricing = {"plan": "per_sale", "fee_cents": 25000,
                                              "billing_threshold_cents": 10000}
        purchase = Invoice(kind="purchase", agent_id=ids[0], amount_cents=4000, status="paid", channel="sms",
                           created_at=day, updated_at=day)
        declined = Invoice(kind="balance", agent_id=ids[1], amount_cents=7500, status="payment_failed",
                           channel="email", created_at=day, updated_at=day)
        session.add_all([purchase, declined])
        session.flush()
        ledger.book(session, ids[0], None, LedgerKind.SALE_FEE, 25000, "=Sale fee, formula-looking memo", "s1",
                    now=day - timedelta(days=2))
        ledger.book(session, ids[0], None, LedgerKind.PURCHASE, 4000, "Purchase of referral", "p1",
                    now=day - timedelta(days=1), invoice_id=purchase.id)
        ledger.book(session, ids[0], None, LedgerKind.PAYMENT, -4000, "Payment for the purchase", "pay1",
                    now=day - timedelta(days=1), invoice_id=purchase.id)
        ledger.book(session, ids[1], None, LedgerKind.AWARD_FEE, 7500, "Award fee", "a2", now=day,
                    invoice_id=declined.id)
        ledger.book(session, ids[1], None, LedgerKind.FAILED_CHARGE, 0, "Card declined for $75.00", "f2", now=day,
                    invoice_id=declined.id)
    await store.run(work)
    return ids


async def test_an_admin_filters_the_ledger_sees_totals_and_downloads_the_filtered_csv(live, page, store, clock):
    ids = await seed_money(store, clock)
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test")
    async with page.expect_navigation():
        await page.get_by_role("navigation").get_by_role("link", name="Money").click()
    assert await page.locator("#ledger tbody tr").count() == 5
    totals = await page.inner_text("#totals tfoot")
    assert "5" in totals and "$325.00" in totals  # 250 + 40 - 40 + 75 + 0
    assert "Agent 2 Smith" in await page.inner_text("#failed") and "$75.00" in await page.inner_text("#failed")
    assert "Agent 1 Smith" in await page.inner_text("#over") and "$250.00" in await page.inner_text("#over")
    assert await page.locator("#failed tbody a").get_attribute("href") == f"/console/agents/{ids[1]}"
    invoices = await page.inner_text("#invoices")
    assert "payment failed" in invoices and "paid" in invoices
    await shoot(page, "money")

    await page.get_by_label("Agent", exact=True).select_option(label="Agent 1 Smith")
    await page.get_by_label("From").fill((clock.now() - timedelta(days=1)).date().isoformat())
    await page.get_by_label("To (inclusive)").fill((clock.now() - timedelta(days=1)).date().isoformat())
    async with page.expect_navigation():
        await page.get_by_role("button", name="Filter").click()
    rows = [await r.inner_text() for r in await page.locator("#ledger tbody tr").all()]
    assert len(rows) == 2 and {"payment", "purchase"} == {r.split("\t")[1] for r in rows}
    assert "$0.00" in await page.inner_text("#totals tfoot")

    async with page.expect_download() as downloading:
        await page.get_by_role("link", name="Download CSV").click()
    download = await downloading.value
    assert download.suggested_filename == f"ledger-{clock.now().date().isoformat()}.csv"
    found = list(csv.DictReader(io.StringIO(Path(await download.path()).read_text())))
    assert [(r["kind"], r["amount"], r["agent_name"]) for r in found] == [
        ("purchase", "40.00", "Agent 1 Smith"), ("payment", "-40.00", "Agent 1 Smith")]

    await page.goto(live.url + "/console/money?kind=sale_fee")
    async with page.expect_download() as downloading:
        await page.get_by_role("link", name="Download CSV").click()
    text = Path(await (await downloading.value).path()).read_text()
    assert "'=Sale fee" in text  # a spreadsheet would run a cell starting with '=' as a formula


async def test_a_bad_ledger_filter_says_which_field_not_a_500(live, page, store, clock):
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test")
    answer = await page.goto(live.url + "/console/money?kind=bribe&since=yesterday&agent_id=0&cursor=x")
    assert answer is not None and answer.status == 422
    problem = await page.inner_text("[role=alert]")
    assert all(name in problem for name in ("kind", "since", "agent_id", "cursor"))
    async with live.http.session.get("/console/money.csv?before=2026-13-01",
                                     cookies={c["name"]: c["value"] for c in await page.context.cookies()}) as r:
        assert r.status == 422 and "before" in await r.text()


async def test_money_is_for_admins_only(live, page, store, clock, browser):
    await seed_money(store, clock)
    for email, role in (("dee@example.test", OperatorRole.DISPATCHER), ("vic@example.test", OperatorRole.VIEWER)):
        await add_operator(store, clock, email, role)
        context = await browser.new_context()
        other = await context.new_page()
        await sign_in(other, live, email)
        assert await other.get_by_role("navigation").get_by_role("link", name="Money").count() == 0
        assert await other.get_by_role("navigation").get_by_role("link", name="Queue").count() == 1
        answer = await other.goto(live.url + "/console/money")
        assert answer is not None and answer.status == 403
        assert "$" not in await other.inner_text("main")
        cookies = {c["name"]: c["value"] for c in await context.cookies()}
        async with live.http.session.get("/console/money.csv", cookies=cookies) as response:
            assert response.status == 403 and "Award fee" not in await response.text()
        await context.close()
    async with live.http.session.get("/console/money.csv", allow_redirects=False) as response:
        assert response.status == 303  # signed out: to the sign-in page


# -- queue ---------------------------------------------------------------------------------------
async def seed_queue(live, store, clock) -> dict[str, int]:
    """A referral offered to two agents (two texts due), a dead text to agent 1, a dead text to the client whose
    error names the client's phone, a reminder held until the next morning, and a text waiting for its sender
    number's room (paced)."""
    await add_agents(store, clock, 2)
    created = await new_referral(live.http)
    now = clock.now()

    def work(session) -> dict[str, int]:
        dead_agent = outbox.enqueue(session, Outgoing(Channel.SMS, "+15125550001", "Offer", "dead-agent",
                                                      agent_id=1, referral_id=created["id"], kind="offer"), now=now)
        dead_client = outbox.enqueue(session, Outgoing(Channel.SMS, CLIENT["phone"], "Did the agent call?",
                                                       "dead-client", agent_id=2, referral_id=created["id"],
                                                       kind="client_check"), now=now)
        held = outbox.enqueue(session, Outgoing(Channel.SMS, "+15125550002", "Update us", "held", agent_id=2,
                                                referral_id=created["id"], kind="reminder"),
                              now=now, not_before=now + timedelta(hours=14))
        paced = outbox.enqueue(session, Outgoing(Channel.SMS, "+15125550001", "Offer again", "paced", agent_id=1,
                                                 kind="offer"), now=now)
        session.get(OutboxRow, paced).next_attempt_at = now + timedelta(hours=2)  # as outbox.defer leaves it
        outbox.mark_dead(session, dead_agent, "twilio 30003: unreachable destination handset", now=now)
        outbox.mark_dead(session, dead_client, f"twilio 21211: the 'To' number {CLIENT['phone']} is not valid",
                         now=now)
        return {"dead_agent": dead_agent, "dead_client": dead_client, "held": held, "referral": created["id"]}
    return await store.run(work)


async def test_a_dispatcher_reads_the_queue_and_retries_a_dead_letter_which_is_audited(live, page, store, clock):
    ids = await seed_queue(live, store, clock)
    clock.advance(minutes=90)
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    await sign_in(page, live, "dee@example.test")
    async with page.expect_navigation():
        await page.get_by_role("navigation").get_by_role("link", name="Queue").click()
    depth = {tuple((await r.inner_text()).split("\t")) for r in await page.locator("#depth tbody tr").all()}
    assert ("sms", "due", "2", "1h 30m ago") in depth and ("sms", "dead", "2", "1h 30m ago") in depth
    assert ("sms", "held", "1", "1h 30m ago") in depth and ("sms", "paced", "1", "1h 30m ago") in depth
    dead = page.locator(f"#dead tr[data-id='{ids['dead_agent']}']")
    assert "unreachable destination handset" in await dead.inner_text()
    held = await page.inner_text("#held tbody")
    assert "reminder" in held and "12h 30m" in held and "Agent 2 Smith" in held and "offer" not in held
    assert await page.locator("#held tbody a").first.get_attribute("href") == "/console/agents/2"
    await shoot(page, "queue")

    async with page.expect_navigation():
        await page.get_by_role("button", name=f"Retry message {ids['dead_agent']}").click()
    assert "queued again" in await page.inner_text("[role=status]")
    assert await page.locator(f"#dead tr[data-id='{ids['dead_agent']}']").count() == 0
    row = await store.run(lambda s: s.get(OutboxRow, ids["dead_agent"]))
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 0, clock.now())
    entries = await store.run(lambda s: [(a.actor, a.action, a.target) for a in s.scalars(
        select(AuditEntry).where(AuditEntry.action == "outbox_retry"))])
    assert entries == [("dee@example.test", "outbox_retry", f"outbox {ids['dead_agent']}")]

    csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    status, _ = await form_post(live, f"/console/queue/{ids['dead_agent']}/retry", {"csrf": csrf}, cookies)
    assert status == 303  # a second retry of a row no longer dead changes nothing, and says so
    async with live.http.session.get(f"/console/queue?done=refused&id={ids['dead_agent']}", cookies=cookies) as r:
        assert "no longer a dead letter" in await r.text()
    assert len(await store.run(lambda s: list(s.scalars(select(AuditEntry).where(
        AuditEntry.action == "outbox_retry"))))) == 1


async def test_the_queue_keeps_client_details_from_non_admins_and_viewers_cannot_retry(live, page, store, clock,
                                                                                      browser):
    ids = await seed_queue(live, store, clock)
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "vic@example.test", path="/console/queue")
    markup = await page.content()
    assert all(secret not in markup for secret in CLIENT.values())
    client_row = await page.inner_text(f"#dead tr[data-id='{ids['dead_client']}']")
    assert "[client details hidden]" in client_row and "twilio 21211" in client_row
    assert "+15125550001" in await page.inner_text(f"#dead tr[data-id='{ids['dead_agent']}']")  # the agent's own
    assert await page.get_by_role("button", name="Retry", exact=False).count() == 0
    csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    status, _ = await form_post(live, f"/console/queue/{ids['dead_client']}/retry", {"csrf": csrf}, cookies)
    assert status == 403
    assert (await store.run(lambda s: s.get(OutboxRow, ids["dead_client"]))).status == "dead"

    admin = await (await browser.new_context()).new_page()
    await sign_in(admin, live, "ann@example.test", path="/console/queue")
    assert CLIENT["phone"] in await admin.inner_text(f"#dead tr[data-id='{ids['dead_client']}']")
    await admin.context.close()


async def test_an_empty_queue_says_so(live, page, store, clock):
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "vic@example.test", path="/console/queue")
    assert "every message went out" in await page.inner_text("#depth")
    assert "No dead letters" in await page.inner_text("#dead") and "Nothing held" in await page.inner_text("#held")
    answer = await page.goto(live.url + "/console/queue/abc/retry")
    assert answer is not None and answer.status in (404, 405)
