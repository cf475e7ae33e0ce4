"""Scenario helpers for flow tests: agents, referrals, signed webhooks, draining the outbox."""
from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import select

from outbound.worker import Worker
from store import agents
from store.models import Message
from tests.helpers import ScriptedSender
from tests.peers.twilio_peers import twilio_signature

CLIENT = {"name": "Pat Quinlan", "phone": "+15125559876", "email": "pat.quinlan@example.com"}
REFERRAL = {"client": CLIENT, "zip": "78704", "client_type": "buyer", "price_min": 400000, "price_max": 500000,
            "timeline": "0-3 months", "mode": "first_come"}
_sids = itertools.count(1)


def agent_fields(n: int, **extra: Any) -> dict[str, Any]:
    return {"name": f"Agent {n} Smith", "phone": f"+1512555{n:04d}", "email": f"agent{n}@example.test",
            "timezone": "America/Chicago", "zip_codes": ["78704"], "client_types": ["buyer", "seller"], **extra}


async def add_agents(store, clock, count: int, **extra: Any) -> list[int]:
    def work(session):
        return [agents.create_agent(session, agent_fields(n, **extra), now=clock.now()).id
                for n in range(1, count + 1)]
    return await store.run(work)


async def new_referral(http, **overrides: Any) -> dict[str, Any]:
    response = await http.post("/api/referrals", json={**REFERRAL, **overrides}, headers=http.admin)
    assert response.status == 201, await response.text()
    return await response.json()


async def signed_post(client, settings, path: str, params: dict[str, str], *, signature: str | None = None):
    url = settings.public_url(path)
    sig = signature if signature is not None else twilio_signature(settings.twilio_signing_token, url, params)
    return await client.post(path, data=params, headers={"X-Twilio-Signature": sig})


async def text_in(client, settings, sender: str, body: str, *, sid: str | None = None):
    """An agent's text arriving from Twilio, signed."""
    params = {"MessageSid": sid or f"SM{next(_sids):032x}", "From": sender, "To": "+15125550000", "Body": body,
              "AccountSid": "AC" + "0" * 32}
    return await signed_post(client, settings, "/twilio/sms", params)


def reply_text(twiml: str) -> str | None:
    import xml.etree.ElementTree as ET

    message = ET.fromstring(twiml).find("Message")
    return None if message is None else message.text


async def drain(store, clock) -> dict[str, ScriptedSender]:
    senders = {c: ScriptedSender(c) for c in ("sms", "email", "voice", "stripe")}
    await Worker(store, senders, clock=clock).drain()
    return senders


async def outbound(store, **filters: Any) -> list[Message]:
    query = select(Message).where(Message.direction == "out").order_by(Message.id)
    for key, value in filters.items():
        query = query.where(getattr(Message, key) == value)
    return await store.run(lambda s: list(s.scalars(query)))
