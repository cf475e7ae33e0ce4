"""The operator API's OpenAPI document is served, names exactly the /api routes the app has, and a
schema-driven fuzz run (schemathesis, valid and invalid input, a bounded number of examples per operation, a
fixed seed) against the running app on a loopback port gets no 5xx, on SQLite and on PostgreSQL."""
from __future__ import annotations

import asyncio
import os
from collections import Counter

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from inbound.openapi import document
from tests.flows import add_agents, new_referral

EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_EXAMPLES", "24"))  # split between valid and invalid input
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}  # HEAD comes with every GET


def router_routes(app) -> set[tuple[str, str]]:
    return {(route.method, route.resource.canonical) for route in app.router.routes()
            if route.resource is not None and route.resource.canonical.startswith("/api/")
            and route.method in METHODS}


def documented_routes(doc: dict) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, operations in doc["paths"].items() for method in operations}


async def test_the_document_names_every_api_route_and_nothing_else(client):
    in_router, in_document = router_routes(client.server.app), documented_routes(document())
    assert in_router - in_document == set(), "routes missing from inbound/openapi.py PATHS"
    assert in_document - in_router == set(), "documented routes the app does not have"


async def test_the_document_is_served_to_the_operator(client):
    assert (await client.get("/api/openapi.json")).status == 401
    response = await client.get("/api/openapi.json", headers=client.admin)
    assert response.status == 200
    assert await response.json() == document()


async def test_schema_driven_fuzzing_gets_no_server_error(client, store, clock):
    """Every operation, valid and invalid input alike: 4xx or 2xx, never 5xx. A few agents, a referral and a
    portal account exist first, so small ids reach real rows and the handlers' deeper paths."""
    await add_agents(store, clock, 3)
    await new_referral(client)
    await client.post("/api/portal/accounts", json={"name": "Acme"}, headers=client.admin)
    base_url = str(client.make_url("")).rstrip("/")
    statuses: Counter[int] = Counter()
    failures = await asyncio.to_thread(fuzz, base_url, dict(client.admin), statuses)
    assert failures == [], "\n\n".join(failures)
    print(sorted(statuses.items()))
    assert statuses[201] and statuses[200] and statuses[404] and statuses[422]  # it reached the handlers


def fuzz(base_url: str, headers: dict[str, str], statuses: Counter[int]) -> list[str]:
    schema = schemathesis.openapi.from_dict(document())
    failures: list[str] = []
    with requests.Session() as session:
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                failures += fuzz_operation(operation, mode, base_url, headers, session, statuses)
    return failures


def fuzz_operation(operation, mode, base_url: str, headers: dict[str, str], session,
                   statuses: Counter[int]) -> list[str]:
    failures: list[str] = []

    @settings(max_examples=EXAMPLES_PER_OPERATION // 2, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        response = case.call(base_url=base_url, headers=headers, session=session, timeout=10)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{operation.method.upper()} {operation.path} ({mode}) -> {response.status_code}\n"
                            f"{case.as_curl_command(headers=headers)}\n{response.text[:300]}")
    run()
    return failures
