"""The operator console in headless Chromium against the real app on a loopback port, on both databases:
the landing page, sign-in (CSRF, throttle, sessions that end), the board (filters, paging, live refresh), a
referral's page (its story, a note, cancel) with the privacy rule per role, and the audit log.

`SCREENSHOTS` (an env var naming a folder) makes the board test save its screenshot there.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from playwright.async_api import expect
from sqlalchemy import func, select

from bot.operators import OperatorRole
from store import operators
from store.console_models import AuditEntry, OperatorSession
from store.models import Referral
from tests.flows import CLIENT, add_agents, new_referral, outbound, text_in
from tests.test_pages import LiveServer, browser, live, page

PASSWORD = "a long enough password"
CLIENT_DETAILS = [CLIENT["name"], CLIENT["phone"], CLIENT["email"]]


async def add_operator(store, clock, email: str, role: OperatorRole) -> None:
    password_hash = operators.hash_password(PASSWORD)
    await store.run(lambda s: operators.add_operator(s, email, password_hash, role, now=clock.now()))


async def sign_in(page, live: LiveServer, email: str, password: str = PASSWORD, path: str = "/console") -> None:
    await page.goto(live.url + path)
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(password)
    async with page.expect_navigation():
        await page.get_by_role("button", name="Sign in").click()


async def form_post(live: LiveServer, path: str, data: dict, cookies: dict) -> tuple[int, str]:
    async with live.http.session.post(path, data=data, cookies=cookies, allow_redirects=False) as response:
        return response.status, await response.text()


async def test_the_landing_page_offers_sign_in_and_the_api_reference(live, page):
    answer = await page.goto(live.url + "/")
    assert answer is not None and answer.status == 200
    assert await page.get_by_role("link", name="Open the console").get_attribute("href") == "/console"
    assert await page.get_by_role("link", name="API reference (OpenAPI)").get_attribute("href") == \
        "/api/openapi.json"
    async with page.expect_navigation():
        await page.get_by_role("link", name="Open the console").click()
    assert await page.inner_text("h1") == "Sign in to the console"


async def test_the_console_needs_a_session_and_comes_back_after_sign_in(live, page, store, clock):
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await page.goto(live.url + "/console/audit")
    assert "/console/signin" in page.url
    await page.get_by_label("Email").fill("ann@example.test")
    await page.get_by_label("Password").fill(PASSWORD)
    async with page.expect_navigation():
        await page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/console/audit")
    assert "sign_in" in await page.inner_text("table")


async def test_admin_filters_the_board_pages_it_and_sees_a_new_referral_without_reloading(live, page, store, clock,
                                                                                           settings):
    await add_agents(store, clock, 2)
    codes = [(await new_referral(live.http))["code"] for _ in range(3)]
    await text_in(live.http, live.settings, "+15125550002", f"CLAIM {codes[0]}")
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test")
    rows = page.locator("#board-rows tr")
    assert await rows.count() == 3
    assert "Agent 2 Smith" in await rows.nth(2).inner_text()  # the winner by name, never a bare id

    await page.get_by_label("Status").select_option("awarded")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Filter").click()
    assert await rows.count() == 1 and f"#{codes[0]}" in await rows.first.inner_text()

    await page.goto(live.url + "/console?limit=2")
    assert await rows.count() == 2
    async with page.expect_navigation():
        await page.get_by_role("link", name="Older referrals").click()
    assert (await rows.first.inner_text()).startswith(f"#{codes[0]}")

    await page.goto(live.url + "/console")
    await page.get_by_label("Search").fill("Quinlan")  # an admin may search by the client's name
    async with page.expect_navigation():
        await page.get_by_label("Search").press("Enter")
    assert await rows.count() == 3
    await page.goto(live.url + "/console")
    newest = (await new_referral(live.http))["code"]
    await expect(rows).to_have_count(4, timeout=15000)  # the page's own polling, under its CSP
    assert f"#{newest}" in await rows.first.inner_text()
    assert page.url == live.url + "/console"  # no reload
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        await page.set_viewport_size({"width": 1280, "height": 720})
        await page.screenshot(path=str(Path(folder) / "console-board.png"), full_page=True)


async def test_a_bad_board_filter_shows_what_is_wrong_not_a_500(live, page, store, clock):
    await add_operator(store, clock, "ann@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "ann@example.test")
    answer = await page.goto(live.url + "/console?status=sideways&cursor=zz")
    assert answer is not None and answer.status == 422
    assert "status" in await page.inner_text("[role=alert]")


async def test_a_dispatcher_reads_the_story_adds_a_note_and_cancels_and_the_audit_says_who(live, page, store, clock):
    await add_agents(store, clock, 2)
    created = await new_referral(live.http)
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    await sign_in(page, live, "dee@example.test")
    async with page.expect_navigation():
        await page.get_by_role("link", name=f"#{created['code']}").click()
    body = await page.inner_text("main")
    assert "Agent 1 Smith" in body and "Agent 2 Smith" in body and "offer" in body.lower()
    assert "contact details are shown to admins only" in body
    markup = await page.content()
    for secret in CLIENT_DETAILS:
        assert secret not in markup

    await page.get_by_label("Add a note").fill("Called the client <b>twice</b>")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Add note").click()
    assert "Called the client <b>twice</b> (dee@example.test)" in await page.inner_text(".timeline")  # escaped
    if os.environ.get("SCREENSHOTS"):
        await page.screenshot(path=str(Path(os.environ["SCREENSHOTS"]) / "console-referral.png"), full_page=True)
    await page.get_by_label("Reason for cancelling").fill("client withdrew")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Cancel the referral").click()
    assert "Everyone still offered was told" in await page.inner_text("main")
    assert (await store.run(lambda s: s.get(Referral, created["id"]))).status == "lost"
    told = {m.agent_id for m in await outbound(store, kind="closed") if "withdrawn" in m.body}
    assert told == {1, 2}, [(m.kind, m.body) for m in await outbound(store)]
    audit = await store.run(lambda s: [(a.actor, a.action, a.target) for a in s.scalars(
        select(AuditEntry).order_by(AuditEntry.id))])
    assert audit[0][:2] == ("ADMIN_TOKEN", "POST /api/referrals") and audit[1][:2] == ("dee@example.test", "sign_in")
    assert audit[2:] == [("dee@example.test", "note", f"referral {created['id']}"),
                         ("dee@example.test", "cancel", f"referral {created['id']}")]
    await page.goto(live.url + "/console/audit")
    assert "cancel" in await page.inner_text("table")


async def test_an_admin_sees_the_clients_details_a_viewer_cannot_act(live, page, store, clock, browser):
    await add_agents(store, clock, 1)
    created = await new_referral(live.http)
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "ann@example.test", path=f"/console/referrals/{created['id']}")
    shown = await page.inner_text("main")
    assert all(secret in shown for secret in CLIENT_DETAILS)

    viewer = await (await browser.new_context()).new_page()
    await sign_in(viewer, live, "vic@example.test", path=f"/console/referrals/{created['id']}")
    markup = await viewer.content()
    assert all(secret not in markup for secret in CLIENT_DETAILS)
    assert await viewer.get_by_role("button", name="Add note").count() == 0
    csrf = await viewer.locator("input[name=csrf]").first.get_attribute("value")
    cookies = {c["name"]: c["value"] for c in await viewer.context.cookies()}
    status, _ = await form_post(live, f"/console/referrals/{created['id']}/cancel", {"csrf": csrf}, cookies)
    assert status == 403
    async with live.http.session.get("/console/board.json", params={"q": "Quinlan"}, cookies=cookies) as response:
        assert (await response.json())["items"] == []  # a viewer cannot search by the client's name
    async with live.http.session.get("/console/board.json", cookies=cookies) as response:
        assert [set(i) & {"fee_cents"} for i in (await response.json())["items"]] == [set()]  # nor see fees
    assert (await store.run(lambda s: s.get(Referral, created["id"]))).status != "lost"
    await viewer.context.close()


async def test_signing_out_ends_the_session_on_the_server(live, page, store, clock):
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test")
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    async with page.expect_navigation():
        await page.get_by_role("button", name="Sign out").click()
    assert await store.run(lambda s: s.scalar(select(func.count()).select_from(OperatorSession))) == 0
    async with live.http.session.get("/console", cookies=cookies, allow_redirects=False) as response:
        assert response.status == 303  # the copied cookie is dead too


async def test_a_session_expires(live, page, store, clock):
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    await sign_in(page, live, "ann@example.test")
    clock.advance(hours=9)
    await page.goto(live.url + "/console")
    assert "/console/signin" in page.url


async def test_sign_in_and_sign_out_need_the_forms_csrf_token(live, store, clock):
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    status, _ = await form_post(live, "/console/signin", {"email": "ann@example.test", "password": PASSWORD}, {})
    assert status == 403
    assert await store.run(lambda s: s.scalar(select(func.count()).select_from(OperatorSession))) == 0


async def test_failed_sign_ins_are_throttled_then_the_right_password_waits_too(live, page, store, clock):
    await add_operator(store, clock, "ann@example.test", OperatorRole.ADMIN)
    for _ in range(5):
        await sign_in(page, live, "ann@example.test", password="wrong password!")
        assert "Wrong email or password" in await page.inner_text("[role=alert]")
    await sign_in(page, live, "ann@example.test")
    assert "Too many failed sign-ins" in await page.inner_text("[role=alert]")
    clock.advance(minutes=2)
    await sign_in(page, live, "ann@example.test")
    assert re.search(r"/console$", page.url)


def test_operators_add_reads_the_password_from_stdin_and_hashes_it_with_argon2(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/ops.db"}
    run = [sys.executable, "-m", "referral_bot.cli"]
    subprocess.run([*run, "migrate"], env=env, check=True, capture_output=True)
    added = subprocess.run([*run, "operators", "add", "Ann@Example.test", "--role", "dispatcher",
                            "--password-stdin"], input=PASSWORD + "\n", env=env, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    assert "ann@example.test (dispatcher) added" in added.stdout
    again = subprocess.run([*run, "operators", "add", "ann@example.test", "--password-stdin"], input=PASSWORD,
                           env=env, capture_output=True, text=True)
    assert again.returncode == 2 and "already exists" in again.stderr
    short = subprocess.run([*run, "operators", "add", "bob@example.test", "--password-stdin"], input="short",
                           env=env, capture_output=True, text=True)
    assert short.returncode == 2 and "10 characters" in short.stderr
    import sqlite3
    stored = sqlite3.connect(f"{tmp_path}/ops.db").execute("SELECT password_hash, role FROM operators").fetchall()
    assert len(stored) == 1 and stored[0][0].startswith("$argon2id$") and stored[0][1] == "dispatcher"
    assert PASSWORD not in stored[0][0]


async def test_an_operators_api_token_acts_with_their_role_and_is_audited_under_their_name(live, page, store,
                                                                                            clock):
    await add_agents(store, clock, 1)
    created = await new_referral(live.http)
    await add_operator(store, clock, "vic@example.test", OperatorRole.VIEWER)
    await sign_in(page, live, "vic@example.test", path="/console/tokens")
    await page.get_by_label("Name of a new token").fill("CRM sync")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Create a token").click()
    token = (await page.inner_text("#new-token")).strip()
    bearer = {"Authorization": f"Bearer {token}"}
    async with live.http.session.get("/api/referrals", headers=bearer) as response:
        assert response.status == 200 and len((await response.json())["items"]) == 1
    async with live.http.session.post(f"/api/referrals/{created['id']}/status", json={"status": "lost"},
                                      headers=bearer) as response:
        assert response.status == 403  # a viewer's token reads only
    async with live.http.session.get("/api/ledger", headers=bearer) as response:
        assert response.status == 403

    await page.goto(live.url + "/console/tokens")
    assert "CRM sync" in await page.inner_text("table") and await page.locator("#new-token").count() == 0
    async with page.expect_navigation():
        await page.get_by_role("button", name="Revoke CRM sync").click()
    async with live.http.session.get("/api/referrals", headers=bearer) as response:
        assert response.status == 401
    actions = await store.run(lambda s: [(a.actor, a.action) for a in s.scalars(select(AuditEntry).order_by(
        AuditEntry.id))])
    assert ("vic@example.test", "api_token_created") in actions and ("vic@example.test", "api_token_revoked") in actions


async def test_a_dispatchers_api_token_changes_things_under_the_dispatchers_name(live, store, clock):
    await add_agents(store, clock, 1)
    created = await new_referral(live.http)
    await add_operator(store, clock, "dee@example.test", OperatorRole.DISPATCHER)
    dee = await store.run(lambda s: operators.by_email(s, "dee@example.test").id)
    token = await store.run(lambda s: operators.create_token(s, dee, "script", now=clock.now()))
    async with live.http.session.post(f"/api/referrals/{created['id']}/status", json={"status": "lost"},
                                      headers={"Authorization": f"Bearer {token}"}) as response:
        assert response.status == 200
    last = await store.run(lambda s: s.scalar(select(AuditEntry).order_by(AuditEntry.id.desc())))
    assert (last.actor, last.operator_id, last.action) == ("dee@example.test", dee, "POST /api/referrals/{id}/status")
    async with live.http.session.get("/api/referrals", headers={"Authorization": f"Bearer {token}x"}) as response:
        assert response.status == 401
