"""Bad input to the operator API gets 422 with field errors (or 404 for an id that names nothing), never a 500:
bodies that are not a JSON object, numbers past what a column or a business can hold, NUL/CR/LF in names,
ids past 64 bits, in the path, the query or the body, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from store.validation import MAX_FEE_CENTS
from tests.test_api import AGENT

BODY_ENDPOINTS = [
    ("POST", "/api/agents"), ("PATCH", "/api/agents/1"), ("POST", "/api/referrals"),
    ("POST", "/api/referrals/1/status"), ("POST", "/api/referrals/1/send"), ("POST", "/api/referrals/1/receivers"),
    ("POST", "/api/referrals/1/award"), ("POST", "/api/agents/1/network/invitations"),
    ("POST", "/api/portal/accounts"), ("PATCH", "/api/portal/accounts/1"), ("POST", "/api/portal/accounts/1/users"),
    ("PATCH", "/api/portal/accounts/1/users/1"), ("POST", "/api/portal/accounts/1/invitations"),
    ("PATCH", "/api/portal/accounts/1/connections/1"), ("POST", "/api/portal/accounts/1/leads"),
    ("POST", "/api/portal/leads/1/notes"), ("POST", "/api/portal/leads/1/forward"),
]
NOT_AN_OBJECT = {
    "array": b"[1, 2]", "string": b'"agents"', "number": b"42", "null": b"null", "true": b"true",
    "not json": b"{name: 1}", "invalid utf-8": b'{"name": "\xff"}', "NaN": b'{"name": NaN}',
    "nested too deep": b"[" * 5_000 + b"]" * 5_000,
}
CLIENT = {"name": "Jo Client", "phone": "+15125550199", "email": "jo@example.test"}
REFERRAL = {"client": CLIENT, "zip": "78704", "client_type": "buyer"}
ID_PAST_64_BITS = 2**64 + 1


@pytest.mark.parametrize("method,path", BODY_ENDPOINTS)
@pytest.mark.parametrize("case", list(NOT_AN_OBJECT))
async def test_a_body_that_is_not_a_json_object_is_422(client, method, path, case):
    response = await client.request(method, path, data=NOT_AN_OBJECT[case],
                                    headers={**client.admin, "Content-Type": "application/json"})
    assert response.status == 422, (case, response.status)
    assert "_" in (await response.json())["errors"]


@pytest.mark.parametrize("method,path", BODY_ENDPOINTS)
async def test_a_body_in_an_unknown_charset_is_422(client, method, path):
    response = await client.request(method, path, data=b'{"name": "x"}',
                                    headers={**client.admin, "Content-Type": "application/json; charset=unknown-xyz"})
    assert response.status == 422


@pytest.mark.parametrize("method,path,body,field", [
    ("POST", "/api/agents", {**AGENT, "name": "Ana\x00Ruiz"}, "name"),
    ("POST", "/api/agents", {**AGENT, "name": "Ana\r\nBcc: x"}, "name"),
    ("POST", "/api/agents", {**AGENT, "name": "Ana\nRuiz"}, "name"),
    ("POST", "/api/agents", {**AGENT, "email": "a\x00@example.com"}, "email"),
    ("POST", "/api/agents", {**AGENT, "email": "a" * 400 + "@example.com"}, "email"),
    ("POST", "/api/agents", {**AGENT, "timezone": "A" * 5000}, "timezone"),
    ("POST", "/api/agents", {**AGENT, "pricing": {"plan": "per_sale", "fee_cents": 10**20}}, "pricing"),
    ("POST", "/api/agents", {**AGENT, "pricing": {"plan": "per_sale", "fee_cents": 2**62}}, "pricing"),
    ("POST", "/api/agents", {**AGENT, "pricing": {"plan": "per_referral", "billing_threshold_cents": 10**12}},
     "pricing"),
    ("POST", "/api/agents", {**AGENT, "name": "Ana \ud800"}, "name"),
    ("PATCH", "/api/agents/1", {"name": "x\x00"}, "name"),
    ("POST", "/api/referrals", {**REFERRAL, "price_min": 2**63}, "price_min"),
    ("POST", "/api/referrals", {**REFERRAL, "price_max": 10**15}, "price_max"),
    ("POST", "/api/referrals", {**REFERRAL, "mode": "paid", "price_cents": 2**63 - 1}, "price_cents"),
    ("POST", "/api/referrals", {**REFERRAL, "mode": "paid", "price_cents": ID_PAST_64_BITS}, "price_cents"),
    ("POST", "/api/referrals", {**REFERRAL, "mode": "open", "sender_agent_id": ID_PAST_64_BITS, "fee_percent": 25},
     "sender_agent_id"),
    ("POST", "/api/referrals", {**REFERRAL, "mode": "open", "sender_agent_id": 2**40, "fee_percent": 25},
     "sender_agent_id"),
    ("POST", "/api/referrals", {**REFERRAL, "mode": "private", "sender_agent_id": 1, "fee_percent": 25,
                                "receiver_agent_ids": [2**35]}, "receiver_agent_ids"),
    ("POST", "/api/referrals", {**REFERRAL, "mode": "open", "sender_agent_id": 1, "fee_percent": 1e308},
     "fee_percent"),
    ("POST", "/api/referrals", {**REFERRAL, "client": {**CLIENT, "name": "Jo\x00"}}, "client"),
    ("POST", "/api/referrals", {**REFERRAL, "note": "call after 5\x00pm"}, "note"),
    ("POST", "/api/referrals", {**REFERRAL, "timeline": "\ud83d"}, "timeline"),
    ("POST", "/api/referrals/1/receivers", {"agent_ids": [ID_PAST_64_BITS]}, "agent_ids"),
    ("POST", "/api/referrals/1/send", {"receiver_agent_ids": [2**31]}, "receiver_agent_ids"),
    ("POST", "/api/referrals/1/award", {"choice": ID_PAST_64_BITS}, "choice"),
    ("POST", "/api/referrals/1/award", {"choice": 2**40}, "choice"),
    ("POST", "/api/referrals/1/status", {"status": "closed", "note": "x\x00"}, "note"),
    ("POST", "/api/portal/accounts", {"name": "Acme\nInc"}, "name"),
    ("POST", "/api/portal/accounts/1/users", {"name": "U", "email": "u@example.test", "password": "\ud800" * 9},
     "password"),
    ("POST", "/api/portal/accounts/1/leads", {"name": "L", "custom_fields": {"n": ID_PAST_64_BITS}},
     "custom_fields.n"),
    ("POST", "/api/portal/accounts/1/leads", {"name": "L", "custom_fields": {"n\x00": 1}}, "custom_fields.n\x00"),
    ("POST", "/api/portal/accounts/1/leads", {"name": "L", "assigned_user_id": 2**40}, "assigned_user_id"),
    ("POST", "/api/portal/accounts/1/leads", {"name": "L", "folder": "In\x00box"}, "folder"),
    ("PATCH", "/api/portal/accounts/1/connections/1", {"assigned_user_id": 2**31}, "assigned_user_id"),
    ("POST", "/api/portal/leads/1/forward", {"connection_id": ID_PAST_64_BITS}, "connection_id"),
    ("POST", "/api/portal/leads/1/notes", {"text": "a\x00b"}, "text"),
])
async def test_out_of_range_numbers_and_unstorable_text_are_field_errors(client, method, path, body, field):
    response = await client.request(method, path, json=body, headers=client.admin)
    assert response.status == 422, (await response.text())
    errors = (await response.json())["errors"]
    assert [key for key in errors if key == field or key.startswith((f"{field}.", f"{field}["))], errors


async def test_a_number_literal_that_overflows_a_float_is_a_field_error(client):
    body = b'{"client": {"name": "Jo", "phone": "+15125550199"}, "zip": "78704", "client_type": "buyer", ' \
           b'"mode": "open", "sender_agent_id": 1, "fee_percent": 1e400}'
    response = await client.post("/api/referrals", data=body,
                                 headers={**client.admin, "Content-Type": "application/json"})
    assert response.status == 422
    assert (await response.json())["errors"] == {"fee_percent": "a finite number"}


PATH_IDS = ["/api/agents/{}", "/api/agents/{}/ledger", "/api/agents/{}/network", "/api/referrals/{}",
            "/api/portal/accounts/{}", "/api/portal/accounts/{}/users", "/api/portal/accounts/1/users/{}",
            "/api/portal/accounts/{}/leads", "/api/portal/accounts/{}/forwards", "/api/portal/accounts/{}/connections",
            "/api/portal/leads/{}"]


@pytest.mark.parametrize("template", PATH_IDS)
@pytest.mark.parametrize("raw", [str(2**31), str(ID_PAST_64_BITS), "9" * 5000, "0", "-1", "²", "1e3", "abc"])
async def test_a_path_id_past_the_key_column_or_not_a_number_is_404_or_422(client, template, raw):
    response = await client.get(template.format(raw), headers=client.admin)
    assert response.status in (404, 422), (raw, response.status)


@pytest.mark.parametrize("method,template", [("POST", "/api/outbox/{}/retry"), ("POST", "/api/review/{}/resolve"),
                                             ("PATCH", "/api/agents/{}"), ("POST", "/api/referrals/{}/award")])
async def test_an_action_on_an_id_past_64_bits_is_404_or_422(client, method, template):
    response = await client.request(method, template.format(ID_PAST_64_BITS), json={"choice": 1},
                                    headers=client.admin)
    assert response.status in (404, 422)


@pytest.mark.parametrize("query", [f"agent_id={ID_PAST_64_BITS}", f"referral_id={2**40}", "agent_id=%C2%B2",
                                   "channel=sms%00", "direction=%00"])
async def test_message_log_filters_out_of_range_or_with_nul_are_422(client, query):
    response = await client.get(f"/api/messages?{query}", headers=client.admin)
    assert response.status == 422


@pytest.mark.parametrize("path", ["/api/review?status=open%00", "/api/portal/accounts/1/leads?folder=%00",
                                  "/api/outbox?status=dead%0A"])
async def test_query_text_with_a_nul_or_newline_is_422(client, path):
    assert (await client.get(path, headers=client.admin)).status == 422


async def test_the_largest_fee_and_price_still_fit_and_read_back(client):
    """The bounds are not too tight: a $1,000,000 fee plan and a $1,000,000,000 price are accepted and stored."""
    agent = await client.post("/api/agents", headers=client.admin,
                              json={**AGENT, "pricing": {"plan": "per_sale", "fee_cents": 100_000_000}})
    assert agent.status == 201
    assert (await agent.json())["pricing"]["fee_cents"] == 100_000_000
    referral = await client.post("/api/referrals", headers=client.admin,
                                 json={**REFERRAL, "price_min": 0, "price_max": 1_000_000_000})
    assert referral.status == 201


async def test_the_largest_fee_an_operator_can_set_is_booked_when_the_agent_reports_sales(client, store, clock,
                                                                                          settings):
    """Issue 12: a fee the API accepts never fails later, when an agent's text books it; one past the bound
    is refused up front."""
    from tests.test_reporting import ledger, say, won

    created = await won(client, store, clock, settings, count=2)
    too_big = {"pricing": {"plan": "per_sale", "fee_cents": MAX_FEE_CENTS + 1}}
    assert (await client.patch("/api/agents/1", json=too_big, headers=client.admin)).status == 422
    largest = {"pricing": {"plan": "per_sale", "fee_cents": MAX_FEE_CENTS}}
    assert (await client.patch("/api/agents/1", json=largest, headers=client.admin)).status == 200
    for referral in created:
        answer = await say(client, settings, f"SOLD {referral['code']} $999,999,999")
        assert answer.startswith(f"SOLD #{referral['code']} $"), answer
    assert (await ledger(client))["balance_cents"] == 2 * MAX_FEE_CENTS
