"""The board behind the console, over the wire on both databases: GET /api/referrals and GET /api/audit."""
from __future__ import annotations

import pytest

from store import audit
from tests.flows import add_agents, new_referral, text_in


async def board(client, **params) -> dict:
    response = await client.get("/api/referrals", params=params, headers=client.admin)
    assert response.status == 200, await response.text()
    return await response.json()


async def test_the_board_lists_newest_first_with_the_winners_name_offers_and_time_to_claim(client, store, clock,
                                                                                              settings):
    await add_agents(store, clock, 2)
    first = await new_referral(client)
    clock.advance(seconds=90)
    second = await new_referral(client)
    clock.advance(seconds=42)
    assert (await text_in(client, settings, "+15125550002", f"CLAIM {second['code']}")).status == 200

    items = (await board(client))["items"]
    assert [i["id"] for i in items] == [second["id"], first["id"]]
    newest = items[0]
    assert newest["winner"] == {"id": 2, "name": "Agent 2 Smith"}
    assert newest["offers_sent"] == 2 and newest["seconds_to_claim"] == 42
    assert {k: newest[k] for k in ("code", "status", "mode", "zip", "client_type")} == \
        {"code": second["code"], "status": "awarded", "mode": "first_come", "zip": "78704", "client_type": "buyer"}
    assert items[1]["winner"] is None and items[1]["seconds_to_claim"] is None
    assert set(newest) >= {"created_at", "sale_amount", "fee_cents"}


async def test_cursor_pages_neither_repeat_nor_skip_when_referrals_arrive_between_pages(client, store, clock):
    await add_agents(store, clock, 1)
    made = [(await new_referral(client))["id"] for _ in range(5)]
    first = await board(client, limit=2)
    assert [i["id"] for i in first["items"]] == made[:2:-1][:2] == [made[4], made[3]]
    await new_referral(client)  # arrives while the operator pages
    second = await board(client, limit=2, cursor=first["next_cursor"])
    third = await board(client, limit=2, cursor=second["next_cursor"])
    assert [i["id"] for i in second["items"] + third["items"]] == [made[2], made[1], made[0]]
    assert third["next_cursor"] is None


async def test_filters_narrow_the_board_by_status_mode_agent_area_and_search(client, store, clock, settings):
    await add_agents(store, clock, 2)
    claimed = await new_referral(client)
    await text_in(client, settings, "+15125550001", f"CLAIM {claimed['code']}")
    other = await new_referral(client, zip="78704", mode="call_first")

    async def ids(**params) -> list[int]:
        return [i["id"] for i in (await board(client, **params))["items"]]
    assert await ids(status="awarded") == [claimed["id"]]
    assert await ids(mode="call_first") == [other["id"]]
    assert await ids(q=claimed["code"]) == [claimed["id"]]
    assert await ids(q="agent 1 smith") == [other["id"], claimed["id"]]  # offered both; won one
    assert await ids(agent_id=1, status="awarded") == [claimed["id"]]
    assert await ids(zip="78704") == [other["id"], claimed["id"]]
    assert await ids(q="Quinlan") == [other["id"], claimed["id"]]  # the bearer token is an admin's
    assert await ids(zip="10001") == []


async def test_needs_attention_is_an_unclaimed_referral_past_its_window(client, store, clock, settings):
    await add_agents(store, clock, 1)
    waiting = await new_referral(client)
    claimed = await new_referral(client)
    await text_in(client, settings, "+15125550001", f"CLAIM {claimed['code']}")
    assert (await board(client, attention="1"))["items"] == []
    clock.advance(hours=2)
    assert [i["id"] for i in (await board(client, attention="1"))["items"]] == [waiting["id"]]


@pytest.mark.parametrize("params, field", [
    ({"status": "sideways"}, "status"), ({"mode": "telepathy"}, "mode"), ({"agent_id": "0"}, "agent_id"),
    ({"agent_id": "x"}, "agent_id"), ({"limit": "0"}, "limit"), ({"limit": "100000"}, "limit"),
    ({"cursor": "not-ours"}, "cursor"), ({"cursor": "cjp4"}, "cursor"), ({"since": "2026-13-01"}, "since"),
    ({"zip": "ABCDE"}, "zip"), ({"attention": "maybe"}, "attention"), ({"q": "x" * 201}, "q")])
async def test_a_bad_filter_is_a_422_naming_it(client, params, field):
    response = await client.get("/api/referrals", params=params, headers=client.admin)
    assert response.status == 422
    assert field in (await response.json())["errors"]


async def test_the_board_needs_the_bearer_token(client):
    assert (await client.get("/api/referrals")).status == 401


async def test_the_audit_log_lists_who_did_what_newest_first(client, store, clock):
    await store.run(lambda s: audit.record(s, "ann@example.test", "sign_in", now=clock.now()))
    clock.advance(minutes=1)
    await store.run(lambda s: audit.record(s, "bob@example.test", "cancel", target="referral 7", now=clock.now()))
    response = await client.get("/api/audit", headers=client.admin)
    items = (await response.json())["items"]
    assert [(i["actor"], i["action"], i["target"]) for i in items] == \
        [("bob@example.test", "cancel", "referral 7"), ("ann@example.test", "sign_in", None)]
    assert (await client.get("/api/audit", params={"limit": "0"}, headers=client.admin)).status == 422


async def test_a_change_made_with_the_admin_token_is_in_the_audit_log_and_a_read_is_not(client, store, clock):
    await add_agents(store, clock, 1)
    created = await new_referral(client)
    await client.get(f"/api/referrals/{created['id']}", headers=client.admin)
    await client.post("/api/referrals", json={}, headers=client.admin)  # refused: 422, nothing changed
    response = await client.post(f"/api/referrals/{created['id']}/status", json={"status": "lost"},
                                 headers=client.admin)
    assert response.status == 200
    items = (await (await client.get("/api/audit", headers=client.admin)).json())["items"]
    assert [(i["actor"], i["action"], i["target"]) for i in items] == [
        ("ADMIN_TOKEN", "POST /api/referrals/{id}/status", f"/api/referrals/{created['id']}/status"),
        ("ADMIN_TOKEN", "POST /api/referrals", "/api/referrals")]
