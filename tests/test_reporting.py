"""Report-back by text: outcomes move the life cycle forward only, notes are kept, fees booked, echoes sent;
reminders as one digest in the agent's daytime; suspension for overdue reports and restore; pause."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from store import agents as agent_store
from store import reminders
from store.models import Agent, Message, Referral
from tests.flows import REFERRAL, add_agents, new_referral, outbound, reply_text, text_in


async def won(client, store, clock, settings, *, count: int = 1, pricing: dict | None = None) -> list[dict]:
    """Agent 1 wins `count` referrals."""
    await add_agents(store, clock, 2, **({"pricing": pricing} if pricing else {}))
    created = []
    for _ in range(count):
        referral = await new_referral(client)
        await text_in(client, settings, "+15125550001", f"YES {referral['code']}")
        created.append(referral)
    return created


async def say(client, settings, body: str, agent: int = 1) -> str | None:
    return reply_text(await (await text_in(client, settings, f"+1512555{agent:04d}", body)).text())


async def referral(client, created: dict) -> dict:
    return await (await client.get(f"/api/referrals/{created['id']}", headers=client.admin)).json()


async def ledger(client, agent: int = 1) -> dict:
    return await (await client.get(f"/api/agents/{agent}/ledger", headers=client.admin)).json()


async def test_sold_closes_with_amount_echo_and_note(client, store, clock, settings):
    [created] = await won(client, store, clock, settings, pricing={"plan": "per_sale", "fee_cents": 25000})
    answer = await say(client, settings, "Sold for $452,500 - closing was smooth, thanks!")
    assert answer.startswith(f"SOLD #{created['code']} $452,500 recorded: fee $250 (flat per sale)")
    view = await referral(client, created)
    assert (view["status"], view["sale_amount"]) == ("closed", 452500)
    assert any("closing was smooth" in n for n in view["notes"])
    book = await ledger(client)
    assert [(e["kind"], e["amount_cents"]) for e in book["entries"]] == [("sale_fee", 25000)]
    assert book["balance_cents"] == 25000


async def test_in_progress_then_backwards_update_is_kept_as_a_note(client, store, clock, settings):
    [created] = await won(client, store, clock, settings)
    assert "IN PROGRESS" in await say(client, settings, "in progress, showing homes this weekend")
    assert (await referral(client, created))["status"] == "working_with_client"
    assert "Noted" in await say(client, settings, "still working with them")
    await say(client, settings, "no sale, they went with another agent")
    view = await referral(client, created)
    assert (view["status"], view["lost_reason"]) == ("lost", "no sale")
    answer = await say(client, settings, f"in progress {created['code']} they called back")
    assert "can't move back" in answer
    view = await referral(client, created)
    assert view["status"] == "lost" and any("they called back" in n for n in view["notes"])


async def test_invalid_needs_a_reason_and_costs_nothing(client, store, clock, settings):
    [created] = await won(client, store, clock, settings, pricing={"plan": "per_referral", "fee_cents": 5000})
    assert (await ledger(client))["balance_cents"] == 5000  # charged on award
    assert "Why is" in await say(client, settings, "invalid")
    assert (await referral(client, created))["status"] == "awarded"
    assert "INVALID (wrong number)" in await say(client, settings, "invalid wrong number")
    view = await referral(client, created)
    assert view["invalid"] and view["lost_reason"] == "invalid: wrong number"
    book = await ledger(client)
    assert book["balance_cents"] == 0 and [e["kind"] for e in book["entries"]] == ["award_fee", "credit"]


async def test_fail_only_for_the_two_reasons_and_unresponsive_after_30_days(client, store, clock, settings):
    [created] = await won(client, store, clock, settings)
    assert "only be failed" in await say(client, settings, "fail, too far away")
    assert "only 30 days" in await say(client, settings, "fail unresponsive")
    clock.advance(days=31)
    assert "FAILED (unresponsive)" in await say(client, settings, "fail unresponsive")
    assert (await referral(client, created))["lost_reason"] == "failed: unresponsive"


COMMISSION = {"plan": "commission", "agent_commission_rate": 0.03, "referral_fee_share": 0.25}


async def test_commission_fee_is_share_of_agent_commission_not_of_price(client, store, clock, settings):
    [created] = await won(client, store, clock, settings, pricing=COMMISSION)
    assert "sale price" in await say(client, settings, "SOLD")
    answer = await say(client, settings, f"SOLD {created['code']} $700,000")
    assert answer.startswith(f"SOLD #{created['code']} $700,000 recorded: fee 25% of 3% = $5,250")
    book = await ledger(client)
    [entry] = book["entries"]
    assert (entry["kind"], entry["amount_cents"], book["balance_cents"]) == ("commission", 525_000, 525_000)
    assert "25% of 3% commission on $700,000" in entry["memo"]


async def test_commission_plan_states_both_parts_and_nonsense_is_refused(client, store, clock, settings):
    await add_agents(store, clock, 1)
    path = "/api/agents/1"
    for pricing, field in [({"plan": "commission", "agent_commission_rate": 0.03, "referral_fee_share": 1.5}, "share"),
                           ({"plan": "commission", "agent_commission_rate": 0.3, "referral_fee_share": 0.25}, "side"),
                           ({"plan": "commission", "agent_commission_rate": 0.03}, "missing share"),
                           ({"plan": "commission", "referral_fee_share": 0.25}, "missing side"),
                           ({"plan": "commission", "agent_commission_rate": 0.03, "referral_fee_share": 0}, "zero"),
                           ({"plan": "commission", "commission_rate": 0.25}, "old ambiguous key")]:
        answer = await client.patch(path, json={"pricing": pricing}, headers=client.admin)
        assert answer.status == 422 and "pricing" in (await answer.json())["errors"], field
    good = await client.patch(path, json={"pricing": COMMISSION}, headers=client.admin)
    assert good.status == 200 and (await good.json())["pricing"] == COMMISSION


async def test_commission_echo_fits_one_segment():
    from bot.replies import fits_one_segment, sold_fee_echo
    assert fits_one_segment(sold_fee_echo("48213", 12_500_000, "33.3333% of 2.75%", 11_458_325))


async def test_several_awarded_referrals_need_the_code(client, store, clock, settings):
    first, second = await won(client, store, clock, settings, count=2)
    answer = await say(client, settings, "no sale")
    assert f"#{first['code']}" in answer and f"#{second['code']}" in answer
    await say(client, settings, f"NO SALE {second['code']}")
    assert (await referral(client, first))["status"] == "awarded"
    assert (await referral(client, second))["status"] == "lost"
    assert "isn't one of your referrals" in await say(client, settings, f"SOLD {second['code']} $1", agent=2)


async def test_reports_by_non_winner_change_nothing(client, store, clock, settings):
    [created] = await won(client, store, clock, settings)
    assert "no referrals awaiting" in await say(client, settings, "SOLD $300k", agent=2)
    assert (await referral(client, created))["status"] == "awarded"


def env_of(client):
    from inbound.deps import BOT_ENV
    return client.server.app[BOT_ENV]


async def test_reminder_is_one_digest_held_for_daytime(client, store, clock, settings):
    await won(client, store, clock, settings, count=2)
    env = env_of(client)
    night = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # 03:00 in Chicago, 15 days after award
    clock.set(night)
    assert await store.run(lambda s: reminders.send_digests(s, env, now=night)) == 1
    assert await store.run(lambda s: reminders.send_digests(s, env, now=night)) == 0  # once per period
    digests = await outbound(store, kind="digest")
    assert sorted(m.channel for m in digests) == ["email", "sms"] and {m.status for m in digests} == {"held"}
    assert all(f"#{code}" in digests[0].body for code in await codes(store))
    from tests.flows import drain
    senders = await drain(store, clock)
    assert digests_sent(senders) == []  # still night in Chicago
    clock.set(datetime(2026, 12, 8, 14, 0, tzinfo=UTC))  # 08:00 in Chicago
    senders = await drain(store, clock)
    assert digests_sent(senders) == ["email", "sms"]
    later = night + timedelta(days=14)
    assert await store.run(lambda s: reminders.send_digests(s, env, now=later)) == 1


def digests_sent(senders) -> list[str]:
    return sorted(i.channel for s in senders.values() for i in s.sent if i.payload["kind"] == "digest")


async def codes(store) -> list[str]:
    return await store.run(lambda s: list(s.scalars(select(Referral.code))))


async def test_overdue_warning_then_suspension_then_restore(client, store, clock, settings):
    [created] = await won(client, store, clock, settings)
    env = env_of(client)
    warned = await store.run(lambda s: reminders.enforce_overdue(s, env, now=clock.advance(days=31)))
    assert warned == {"warned": 1, "suspended": 0}
    assert await store.run(lambda s: reminders.enforce_overdue(s, env, now=clock.advance(days=3))) == \
        {"warned": 0, "suspended": 0}
    assert await store.run(lambda s: reminders.enforce_overdue(s, env, now=clock.advance(days=5))) == \
        {"warned": 0, "suspended": 1}
    agent = await store.run(lambda s: s.get(Agent, 1))
    assert (agent.status, agent.suspended_reason) == ("suspended", agent_store.OVERDUE_REASON)
    assert (await new_referral(client))["offered"] == 1  # only agent 2 is offered now
    await say(client, settings, f"in progress {created['code']}")
    agent = await store.run(lambda s: s.get(Agent, 1))
    assert agent.status == "active"
    assert len(await outbound(store, kind="enforcement")) == 4  # warning + suspension, email and text each


async def test_pause_until_a_date_stops_offers_and_ends_by_itself(client, store, clock, settings):
    await add_agents(store, clock, 2)
    assert "Paused until Dec 3" in await say(client, settings, "PAUSE until Dec 3")
    agent = await store.run(lambda s: s.get(Agent, 1))
    assert (agent.status, str(agent.paused_until)) == ("paused", "2026-12-03")
    assert (await new_referral(client))["offered"] == 1
    clock.set(datetime(2026, 12, 4, 15, 0, tzinfo=UTC))
    assert await store.run(lambda s: reminders.end_pauses(s, now=clock.now())) == 1
    assert (await new_referral(client))["offered"] == 2


async def test_vacation_and_resume_by_text(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await say(client, settings, "vacation until 12/10")
    refused = await client.post("/api/referrals", json=REFERRAL, headers=client.admin)  # would reach nobody
    assert refused.status == 422 and "paused" in (await refused.json())["errors"]["receivers"]
    assert "Welcome back" in await say(client, settings, "RESUME")
    assert (await new_referral(client))["offered"] == 1
    messages = await store.run(lambda s: list(s.scalars(select(Message).where(Message.direction == "in"))))
    assert len(messages) == 2


async def test_fee_sent_by_the_receiver_and_received_by_the_sender_through_the_api(client, store, clock, settings):
    [created] = await won(client, store, clock, settings)
    path = f"/api/referrals/{created['id']}/status"
    refused = await client.post(path, json={"status": "fee_received", "as": "sender", "note": "wired Monday"},
                                headers=client.admin)
    assert refused.status == 409 and (await refused.json())["note_kept"]
    assert (await client.post(path, json={"status": "in_escrow", "as": "receiver"}, headers=client.admin)).status == 200
    assert (await client.post(path, json={"status": "fee_sent", "as": "sender"}, headers=client.admin)).status == 409
    assert (await client.post(path, json={"status": "fee_sent", "as": "receiver"}, headers=client.admin)).status == 200
    assert (await client.post(path, json={"status": "fee_received", "as": "sender"},
                              headers=client.admin)).status == 200
    backwards = await client.post(path, json={"status": "working_with_client", "as": "operator"}, headers=client.admin)
    assert backwards.status == 409
    view = await referral(client, created)
    assert view["status"] == "fee_received" and "wired Monday" in view["notes"]
    assert (await client.post(path, json={"status": "sideways"}, headers=client.admin)).status == 422


async def set_code(store, created: dict, code: str) -> None:
    def work(session):
        session.get(Referral, created["id"]).code = code
    await store.run(work)


async def test_a_bare_number_that_fits_both_a_code_and_an_amount_is_resolved_by_what_is_open(
        client, store, clock, settings):
    first, second = await won(client, store, clock, settings, count=2)
    await set_code(store, first, "52000")  # codes grow to five digits once four run out
    answer = await say(client, settings, "sold 52000")
    assert answer.startswith("Marked #52000 SOLD")
    view = await referral(client, first)
    assert (view["status"], view["sale_amount"]) == ("closed", None)
    assert (await referral(client, second))["status"] == "awarded"


async def test_a_bare_price_with_several_referrals_awaiting_an_update_asks_which_listing_the_codes(
        client, store, clock, settings):
    first, second = await won(client, store, clock, settings, count=2)
    answer = await say(client, settings, "sold 52000")
    assert f"#{first['code']}" in answer and f"#{second['code']}" in answer and "SOLD" in answer
    assert [(await referral(client, r))["status"] for r in (first, second)] == ["awarded", "awarded"]


async def test_an_acknowledgement_with_several_open_offers_asks_which_listing_the_codes(
        client, store, clock, settings):
    await add_agents(store, clock, 1)
    first, second = await new_referral(client), await new_referral(client)
    answer = await say(client, settings, "sounds good")
    assert answer.startswith("You have 2 open offers:") and f"#{first['code']}" in answer
    assert f"#{second['code']}" in answer
    assert [(await referral(client, r))["status"] for r in (first, second)] == ["new", "new"]
