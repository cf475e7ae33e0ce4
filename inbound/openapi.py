"""The operator API's own OpenAPI 3.0 document, served at GET /api/openapi.json.

One dict per route in `PATHS`, built with the small helpers below; its schemas mirror `store.validation`
(same bounds, same enums), so a client and the schema-driven fuzz test (tests/test_openapi.py) generate what
the service accepts, and much that it refuses. To add an endpoint, add its entry to `PATHS` (or `PATHS.update`
from the feature's module): a test fails while an /api route in the router is missing here, or the reverse.
"""
from __future__ import annotations

from typing import Any

from aiohttp import web

from bot import portal as portal_rules
from bot import review as review_rules
from bot.fees import LedgerKind
from bot.lifecycle import Role, Status
from inbound.deps import json_response
from store import validation
from store.inbound_email import InboundEmailStatus

Schema = dict[str, Any]
routes = web.RouteTableDef()


# -- building blocks ----------------------------------------------------------------------------
def text(max_length: int, min_length: int = 0, **extra: Any) -> Schema:
    return {"type": "string", "minLength": min_length, "maxLength": max_length, **extra}


def whole(minimum: int, maximum: int) -> Schema:
    return {"type": "integer", "minimum": minimum, "maximum": maximum}


def one_of(values: Any) -> Schema:
    return {"type": "string", "enum": [str(v) for v in values]}


def nullable(schema: Schema) -> Schema:
    return {**schema, "nullable": True}


def obj(properties: dict[str, Schema], required: tuple[str, ...] = (), *, closed: bool = True) -> Schema:
    schema: Schema = {"type": "object", "properties": properties, "additionalProperties": not closed}
    return {**schema, "required": list(required)} if required else schema


def array_of(items: Schema, max_items: int, min_items: int = 0) -> Schema:
    return {"type": "array", "items": items, "minItems": min_items, "maxItems": max_items}


ID = whole(1, validation.MAX_ID)
NAME = text(200, 1, pattern=r"^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$")
EMAIL = text(validation.MAX_EMAIL, 3, format="email")
PHONE = text(32, 1, example="+15125550100")
ZIP = text(5, 5, pattern=r"^[0-9]{5}$")
DATE = nullable(text(10, 10, format="date"))
ANY_JSON: Schema = {}


def path_ids(*names: str) -> list[Schema]:
    return [{"name": n, "in": "path", "required": True, "schema": ID} for n in names]


def query(name: str, schema: Schema) -> Schema:
    return {"name": name, "in": "query", "required": False, "schema": schema}


def op(summary: str, *, params: list[Schema] | None = None, body: Schema | None = None,
       ok: int = 200, refusals: tuple[int, ...] = (422,)) -> Schema:
    """An operation: what it does, its parameters and JSON body, and the statuses it answers."""
    responses = {str(ok): {"description": "done", "content": {"application/json": {"schema": ANY_JSON}}}}
    responses.update({str(s): {"description": REFUSALS[s], "content": {"application/json": {"schema": ERROR}}}
                      for s in (401, *refusals)})
    operation: Schema = {"summary": summary, "parameters": params or [], "responses": responses}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return operation


REFUSALS = {401: "missing or wrong bearer token", 403: "not allowed for this account", 404: "no such thing",
            409: "not allowed in its current state", 422: "bad input: {\"errors\": {field: sentence}}"}
ERROR = obj({"error": {"type": "string"}, "errors": {"type": "object"}}, closed=False)


BOARD_FILTERS = [query("status", one_of(Status)), query("mode", one_of(validation.REFERRAL_MODES)),
                 query("zip", ZIP), query("agent_id", ID), query("q", text(200)), query("since", DATE),
                 query("before", DATE), query("attention", one_of(("0", "1"))), query("limit", whole(1, 200)),
                 query("cursor", text(24, pattern=r"^[A-Za-z0-9_-]*$"))]


# -- bodies ------------------------------------------------------------------------------------
PRICING = obj({"plan": one_of(validation.PRICING_PLANS),
               "fee_cents": whole(0, validation.MAX_FEE_CENTS),
               "billing_threshold_cents": whole(0, validation.MAX_FEE_CENTS),
               "agent_commission_rate": {"type": "number", "exclusiveMinimum": True, "minimum": 0, "maximum": 0.1},
               "referral_fee_share": {"type": "number", "exclusiveMinimum": True, "minimum": 0, "maximum": 1}},
              closed=False)
AGENT = obj({"name": NAME, "phone": PHONE, "email": EMAIL, "timezone": text(64, 1, example="America/Chicago"),
             "zip_codes": array_of(ZIP, 50), "client_types": array_of(one_of(validation.CLIENT_TYPES), 3, 1),
             "status": one_of(validation.AGENT_STATUSES), "paused_from": DATE, "paused_until": DATE,
             "pricing": PRICING, "language": one_of(validation.LANGUAGES), "max_per_week": nullable(whole(1, 99))})
SMS_CONSENT = obj({"given_at": text(40, 1, format="date-time"), "how": text(200, 1)}, ("given_at", "how"))
CLIENT = obj({"name": NAME, "phone": PHONE, "email": EMAIL, "sms_consent": SMS_CONSENT}, ("name",))
DISPATCH = obj({"policy": one_of(validation.DISPATCH_POLICIES),
                "window_seconds": whole(1, validation.MAX_DISPATCH_SECONDS),
                "step_seconds": whole(1, validation.MAX_DISPATCH_SECONDS),
                "max_agents": whole(1, validation.MAX_DISPATCH_AGENTS),
                "escalation": array_of(obj({"after_seconds": whole(0, validation.MAX_ESCALATION_SECONDS),
                                            "action": one_of(validation.ESCALATION_ACTIONS)},
                                           ("after_seconds", "action")), validation.MAX_ESCALATION_STEPS)},
               ("policy",))
REFERRAL = obj({"client": CLIENT, "zip": ZIP, "client_type": one_of(validation.CLIENT_TYPES),
                "price_min": whole(0, validation.MAX_PRICE_DOLLARS),
                "price_max": whole(0, validation.MAX_PRICE_DOLLARS), "timeline": text(64), "note": text(2000),
                "mode": one_of(validation.REFERRAL_MODES), "price_cents": whole(1, validation.MAX_FEE_CENTS),
                "sender_agent_id": ID, "fee_percent": {"type": "number", "exclusiveMinimum": True, "minimum": 0,
                                                       "maximum": 100},
                "receiver_agent_ids": array_of(ID, validation.MAX_IDS, 1), "radius_miles": whole(1, 500),
                "draft": {"type": "boolean"}, "dispatch": DISPATCH}, ("client", "zip", "client_type"))
REF = nullable(text(12, 1, pattern=r"^#?[0-9]+$"))
REVIEW_ACT = obj({"intent": one_of(review_rules.COMMANDS), "ref": REF,
                  "amount": nullable(whole(1, review_rules.MAX_AMOUNT)), "until": DATE,
                  "reason": nullable(text(200))}, ("intent",))
MOVE = obj({"status": one_of(Status), "as": one_of(r for r in Role if r is not Role.SYSTEM), "note": text(2000)},
           ("status",))
ACCOUNT = obj({"name": NAME, "portal_enabled": {"type": "boolean"}})
USER = obj({"name": NAME, "email": EMAIL, "phone": nullable(PHONE), "active": {"type": "boolean"},
            "password": text(200, 8)})
CONNECTION_SETTINGS = obj({"folder": nullable(text(200)), "assignment": one_of(portal_rules.Assignment),
                           "assigned_user_id": nullable(ID), "source": nullable(text(200))})
LEAD = obj({"name": NAME, "phone": nullable(PHONE), "email": nullable(EMAIL), "address": nullable(text(500)),
            "lead_type": nullable(one_of(portal_rules.LEAD_TYPES)),
            "custom_fields": {"type": "object", "maxProperties": 50,
                              "additionalProperties": {"nullable": True,
                                                       "oneOf": [text(1000), {"type": "number"},
                                                                 {"type": "boolean"}]}},
            "notes": array_of(text(2000, 1), 20), "folder": nullable(text(200)), "assigned_user_id": nullable(ID),
            "source": nullable(text(200))}, ("name",))
FORWARD = obj({"connection_id": ID, "message": text(2000), "idempotency_key": nullable(text(200))},
              ("connection_id",))

# -- the operations ----------------------------------------------------------------------------
ACCOUNT_ID, LEAD_ID = path_ids("account_id"), path_ids("lead_id")
PATHS: dict[str, dict[str, Schema]] = {
    "/api/openapi.json": {"get": op("This document", refusals=())},
    "/api/agents": {"get": op("Every agent", refusals=()),
                    "post": op("Add an agent", body=obj(AGENT["properties"], validation.AGENT_REQUIRED), ok=201)},
    "/api/agents/{id}": {"get": op("One agent", params=path_ids("id"), refusals=(404, 422)),
                         "patch": op("Change an agent", params=path_ids("id"), body=AGENT, refusals=(404, 422))},
    "/api/agents/{id}/ledger": {"get": op("An agent's money events", params=path_ids("id"), refusals=(404, 422))},
    "/api/agents/{id}/record": {"get": op("An agent's record: offers, claims, claim rate, median seconds to claim, "
                                          "report-back rate, overdue reports, speed to lead, balance",
                                          params=path_ids("id"), refusals=(404, 422))},
    "/api/ledger": {"get": op("Every agent's money events, oldest first, with running balances", params=[
        query("agent_id", ID), query("kind", one_of(LedgerKind)), query("since", DATE), query("before", DATE),
        query("limit", whole(1, 500)), query("cursor", text(18, pattern=r"^[0-9]*$"))])},
    "/api/inbound-emails": {"get": op("Stored inbound emails, newest first", params=[
        query("status", one_of(InboundEmailStatus))])},
    "/api/inbound-emails/{id}/retry": {"post": op("Process a dead inbound email again", params=path_ids("id"),
                                                  refusals=(409, 422))},
    "/api/agents/{id}/network": {"get": op("An agent's network", params=path_ids("id"))},
    "/api/agents/{id}/network/invitations": {
        "post": op("Invite an agent into this agent's network", params=path_ids("id"), ok=201,
                   body=obj({"phone": PHONE, "email": EMAIL}), refusals=(404, 422))},
    "/api/messages": {"get": op("The message log, newest last", params=[
        query("agent_id", ID), query("referral_id", ID), query("channel", one_of(("sms", "email", "voice", "web"))),
        query("direction", one_of(("in", "out")))])},
    "/api/outbox": {"get": op("Queued messages", params=[query("status", one_of(("pending", "sending", "sent",
                                                                                   "dead")))])},
    "/api/outbox/{id}/retry": {"post": op("Retry a dead outbox row", params=path_ids("id"), refusals=(409, 422))},
    "/api/reconciliations": {"get": op("Reconciliation runs with the providers, newest first", refusals=())},
    "/api/quiet-hours": {"get": op("When clients may be texted: the federal window and each state's rule",
                                   refusals=())},
    "/api/referrals": {"post": op("Put a referral in", body=REFERRAL, ok=201),
                       "get": op("The referral board, newest first, paged by cursor", params=BOARD_FILTERS)},
    "/api/audit": {"get": op("Operator actions, newest first: who, what, when", params=[
        query("limit", whole(1, 500)), query("cursor", text(10, pattern=r"^[0-9]+$"))])},
    "/api/referrals/{id}": {"get": op("One referral with its offers and history", params=path_ids("id"),
                                      refusals=(404, 422))},
    "/api/referrals/{id}/status": {"post": op("Move a referral along its life cycle", params=path_ids("id"),
                                              body=MOVE, refusals=(404, 409, 422))},
    "/api/referrals/{id}/send": {"post": op("Send a draft agent-to-agent referral", params=path_ids("id"),
                                            body=obj({"receiver_agent_ids": REFERRAL["properties"][
                                                "receiver_agent_ids"]}), refusals=(409, 422))},
    "/api/referrals/{id}/receivers": {"post": op("Add receivers to an open agent-to-agent referral",
                                                 params=path_ids("id"), refusals=(409, 422), body=obj(
                                                     {"agent_ids": array_of(ID, validation.MAX_IDS, 1)},
                                                     ("agent_ids",)))},
    "/api/referrals/{id}/award": {"post": op("Award for the sender", params=path_ids("id"), refusals=(404, 409, 422),
                                             body=obj({"choice": whole(1, validation.MAX_IDS)}, ("choice",)))},
    "/api/referrals/{id}/assign": {"post": op("Award it to an agent, or reassign it from its winner (who is told)",
                                              params=path_ids("id"), refusals=(404, 409, 422),
                                              body=obj({"agent_id": ID, "reason": text(200, 1)},
                                                       ("agent_id", "reason")))},
    "/api/referrals/{id}/reoffer": {"post": op("Offer an unclaimed referral again, to the same agents or a new match",
                                               params=path_ids("id"), refusals=(404, 409, 422),
                                               body=obj({"to": one_of(("same", "new"))}, ("to",)))},
    "/api/referrals/{id}/message": {"post": op("Text or email the referral's winner", params=path_ids("id"),
                                               refusals=(404, 409, 422),
                                               body=obj({"channel": one_of(("sms", "email")), "text": text(1600, 1)},
                                                        ("channel", "text")))},
    "/api/review": {"get": op("The review inbox: each item with its agent, what the parser saw, the referrals it "
                              "might be about", params=[query("status", one_of(("open", "resolved"))),
                                                        query("agent_id", ID)])},
    "/api/review/{id}/resolve": {"post": op("Resolve a review item", params=path_ids("id"), refusals=(404, 422))},
    "/api/review/{id}/act": {"post": op("Act for the agent: run a command as if they had sent it; they get the echo",
                                        params=path_ids("id"), body=REVIEW_ACT, refusals=(404, 409, 422))},
    "/api/review/{id}/reply": {"post": op("Reply to the agent (text, or email when they wrote by email)",
                                          params=path_ids("id"), refusals=(404, 409, 422),
                                          body=obj({"text": text(1600, 1), "ref": REF}, ("text",)))},
    "/api/review/{id}/dismiss": {"post": op("Dismiss the item with a note", params=path_ids("id"),
                                            refusals=(404, 409, 422),
                                            body=obj({"note": text(2000, 1), "ref": REF}, ("note",)))},
    "/api/portal/accounts": {"get": op("Every portal account", refusals=()),
                             "post": op("Add an account", body=obj(ACCOUNT["properties"], ("name",)), ok=201)},
    "/api/portal/accounts/{account_id}": {
        "get": op("One account", params=ACCOUNT_ID, refusals=(404, 422)),
        "patch": op("Change an account", params=ACCOUNT_ID, body=ACCOUNT, refusals=(404, 422))},
    "/api/portal/accounts/{account_id}/users": {
        "get": op("An account's users", params=ACCOUNT_ID, refusals=(404, 422)),
        "post": op("Add a user", params=ACCOUNT_ID, body=obj(USER["properties"], ("name", "email")), ok=201,
                   refusals=(404, 409, 422))},
    "/api/portal/accounts/{account_id}/users/{user_id}": {
        "get": op("One user", params=path_ids("account_id", "user_id"), refusals=(404, 422)),
        "patch": op("Change a user", params=path_ids("account_id", "user_id"), body=USER,
                    refusals=(404, 409, 422))},
    "/api/portal/accounts/{account_id}/invitations": {
        "get": op("Invitations sent and received", params=ACCOUNT_ID, refusals=(404, 422)),
        "post": op("Invite the account of the active user with this email", params=ACCOUNT_ID, ok=201,
                   body=obj({"email": EMAIL}, ("email",)), refusals=(404, 409, 422))},
    "/api/portal/accounts/{account_id}/connections": {
        "get": op("An account's connections", params=ACCOUNT_ID, refusals=(404, 422))},
    "/api/portal/accounts/{account_id}/connections/{connection_id}": {
        "patch": op("Where leads from this connection land", params=path_ids("account_id", "connection_id"),
                    body=CONNECTION_SETTINGS, refusals=(403, 404, 409, 422))},
    "/api/portal/accounts/{account_id}/leads": {
        "get": op("An account's leads", params=[*ACCOUNT_ID, query("folder", text(200))], refusals=(404, 422)),
        "post": op("Add a lead", params=ACCOUNT_ID, body=LEAD, ok=201, refusals=(404, 422))},
    "/api/portal/accounts/{account_id}/forwards": {
        "get": op("Leads an account forwarded", params=ACCOUNT_ID, refusals=(404, 422))},
    "/api/portal/leads/{lead_id}": {"get": op("One lead with its notes", params=LEAD_ID, refusals=(404, 422))},
    "/api/portal/leads/{lead_id}/notes": {
        "post": op("Add a note to a lead", params=LEAD_ID, body=obj({"text": text(2000, 1)}, ("text",)), ok=201,
                   refusals=(404, 422))},
    "/api/portal/leads/{lead_id}/forward": {
        "post": op("Forward a lead over an accepted connection", params=LEAD_ID, body=FORWARD, ok=201,
                   refusals=(403, 404, 409, 422))},
}


def document() -> Schema:
    return {
        "openapi": "3.0.3",
        "info": {"title": "referral-bot operator API", "version": "1",
                 "description": "JSON in and out; 422 with {\"errors\": {field: sentence}} on bad input."},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": PATHS,
    }


@routes.get("/api/openapi.json")
async def openapi_json(request: web.Request) -> web.Response:
    return json_response(document())
