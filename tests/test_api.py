"""Operator API: auth, agent validation, the message log and outbox endpoints, health and metrics."""
from __future__ import annotations

import pytest

from bot.messages import Channel, Outgoing
from outbound.senders import PermanentSendError
from outbound.worker import Worker
from store import outbox
from tests.helpers import ScriptedSender

AGENT = {"name": "Ana Ruiz", "phone": "(512) 555-0100", "email": "Ana@Example.com", "timezone": "America/Chicago",
         "zip_codes": ["78704", "78745"], "client_types": ["buyer", "seller"]}


async def test_api_requires_the_bearer_token(client):
    assert (await client.get("/api/agents")).status == 401
    assert (await client.get("/api/agents", headers={"Authorization": "Bearer wrong"})).status == 401
    assert (await client.post("/api/agents", json=AGENT)).status == 401
    assert (await client.get("/api/agents", headers=client.admin)).status == 200


async def test_create_get_and_patch_agent(client):
    created = await client.post("/api/agents", json=AGENT, headers=client.admin)
    assert created.status == 201
    body = await created.json()
    assert body["phone"] == "+15125550100" and body["email"] == "ana@example.com"
    assert body["zip_codes"] == ["78704", "78745"] and body["status"] == "active"
    fetched = await (await client.get(f"/api/agents/{body['id']}", headers=client.admin)).json()
    assert fetched == body
    patched = await client.patch(f"/api/agents/{body['id']}", headers=client.admin,
                                 json={"status": "paused", "paused_until": "2026-12-03", "zip_codes": ["78701"]})
    assert patched.status == 200
    patched = await patched.json()
    assert (patched["status"], patched["paused_until"], patched["zip_codes"]) == ("paused", "2026-12-03", ["78701"])


@pytest.mark.parametrize("field,value,message", [
    ("phone", "555-12", "phone"),
    ("phone", "not a number", "phone"),
    ("timezone", "Mars/Olympus", "timezone"),
    ("email", "ana@", "email"),
    ("zip_codes", ["7870"], "zip"),
    ("client_types", ["landlord"], "one of"),
])
async def test_bad_agent_fields_get_422_with_field_errors(client, field, value, message):
    response = await client.post("/api/agents", json={**AGENT, field: value}, headers=client.admin)
    assert response.status == 422
    errors = (await response.json())["errors"]
    assert list(errors) == [field] and message in errors[field].lower()


async def test_missing_fields_and_non_json_get_422(client):
    response = await client.post("/api/agents", json={"name": "X"}, headers=client.admin)
    assert response.status == 422
    assert set((await response.json())["errors"]) == {"phone", "email", "zip_codes"}
    response = await client.post("/api/agents", data=b"not json", headers=client.admin)
    assert response.status == 422


async def test_duplicate_phone_is_a_field_error(client):
    assert (await client.post("/api/agents", json=AGENT, headers=client.admin)).status == 201
    response = await client.post("/api/agents", json={**AGENT, "email": "b@x.test"}, headers=client.admin)
    assert response.status == 422 and "phone" in (await response.json())["errors"]


async def test_unknown_agent_is_404_and_bad_id_is_422(client):
    assert (await client.get("/api/agents/999", headers=client.admin)).status == 404
    assert (await client.get("/api/agents/abc", headers=client.admin)).status == 422


async def test_messages_filters_and_dead_outbox_retry(client, store, clock):
    def queue(session):
        outbox.enqueue(session, Outgoing(Channel.SMS, "+15125550100", "one", "k1"), now=clock.now())
        outbox.enqueue(session, Outgoing(Channel.EMAIL, "a@x.test", "two", "k2", subject="s"), now=clock.now())
    await store.run(queue)
    sms = await (await client.get("/api/messages?channel=sms&direction=out", headers=client.admin)).json()
    assert [m["body"] for m in sms] == ["one"] and sms[0]["to"] == "+15125550100"
    both = await (await client.get("/api/messages", headers=client.admin)).json()
    assert [m["body"] for m in both] == ["one", "two"]  # newest last

    sender = ScriptedSender("sms", script={"+15125550100": [PermanentSendError("bad", code="21211")]})
    await Worker(store, {"sms": sender, "email": ScriptedSender("email")}, clock=clock).drain()
    dead = await (await client.get("/api/outbox?status=dead", headers=client.admin)).json()
    assert [(r["recipient"], r["status"]) for r in dead] == [("+15125550100", "dead")]
    retried = await client.post(f"/api/outbox/{dead[0]['id']}/retry", headers=client.admin)
    assert retried.status == 200
    assert (await client.post(f"/api/outbox/{dead[0]['id']}/retry", headers=client.admin)).status == 409
    pending = await (await client.get("/api/outbox?status=pending", headers=client.admin)).json()
    assert [r["id"] for r in pending] == [dead[0]["id"]]


async def test_healthz_and_metrics(client, store, clock):
    await store.run(lambda s: outbox.enqueue(s, Outgoing(Channel.SMS, "+15125550100", "x", "k"), now=clock.now()))
    assert (await client.get("/healthz")).status == 200
    text = await (await client.get("/metrics")).text()
    assert 'outbox_jobs{channel="sms",status="pending"} 1.0' in text
    assert "http_requests_total" in text and "outbox_oldest_unsent_age_seconds" in text


REFERRAL = {"client": {"name": "Pat Lee", "phone": "+15125550199", "email": "pat@example.com"}, "zip": "78704",
            "client_type": "buyer", "mode": "first_come"}


@pytest.mark.parametrize("change,field", [
    ({"zip": "7870"}, "zip"),
    ({"zip": "ABCDE"}, "zip"),
    ({"client_type": "landlord"}, "client_type"),
    ({"client": {"name": "Pat Lee"}}, "client"),
    ({"client": {"name": "Pat Lee", "phone": "12"}}, "client"),
    ({"mode": "auction"}, "mode"),
    ({"mode": "paid"}, "price_cents"),
    ({"price_min": 500000, "price_max": 400000}, "price_min"),
])
async def test_bad_referrals_get_422_with_field_errors(client, change, field):
    response = await client.post("/api/referrals", json={**REFERRAL, **change}, headers=client.admin)
    assert response.status == 422
    assert field in (await response.json())["errors"]


async def test_unknown_referral_is_404(client):
    assert (await client.get("/api/referrals/12345", headers=client.admin)).status == 404
