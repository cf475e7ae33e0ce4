"""Dispatch, over the wire and with time passed in: broadcast, cascade and round robin hand out offers on the
worker's clock; the ranking's parts are stored with each offer and shown to the operator; escalation steps
run once each and never after a claim; later offers are closed by a claim like any other."""
from __future__ import annotations

import itertools
import json

import pytest
from sqlalchemy import select

from bot.dispatch import Action, Dispatch, EscalationStep, Policy, holders, next_change, rotation
from referral_bot.jobs import periodic_jobs
from store.models import Offer, OutboxRow, ReviewItem
from store.settings import Settings, SettingsError
from tests.flows import add_agents, drain, new_referral, outbound, text_in

CASCADE = {"policy": "cascade", "window_seconds": 30, "step_seconds": 30, "max_agents": 3}


async def advance(settings, store, clock, **delta) -> int:
    """The worker's periodic dispatch job, run at the clock's time after moving it."""
    if delta:
        clock.advance(**delta)
    [job] = [j for j in periodic_jobs(settings, store) if j.name == "advance_dispatch"]
    return await job.run(clock.now())


async def view(client, referral_id: int) -> dict:
    response = await client.get(f"/api/referrals/{referral_id}", headers=client.admin)
    assert response.status == 200
    return await response.json()


def holding(referral: dict) -> set[int]:
    return {o["agent_id"] for o in referral["offers"] if o["status"] == "open"}


# -- the pure rules ----------------------------------------------------------------------------
def test_cascade_gives_the_top_agent_the_window_alone_then_adds_one_per_step_up_to_max_agents():
    rule = Dispatch(Policy.CASCADE, window_seconds=30, step_seconds=10, max_agents=3)
    assert holders(rule, [7, 5, 9, 2], 0) == [7]
    assert holders(rule, [7, 5, 9, 2], 29.9) == [7]
    assert holders(rule, [7, 5, 9, 2], 30) == [7, 5]
    assert holders(rule, [7, 5, 9, 2], 40) == [7, 5, 9]
    assert holders(rule, [7, 5, 9, 2], 10_000) == [7, 5, 9]
    assert holders(rule, [7, 5, 9, 2], 10_000, widened=True) == [7, 5, 9, 2]
    assert next_change(rule, 4, 0) == 30 and next_change(rule, 4, 31) == 40 and next_change(rule, 4, 40) is None


def test_round_robin_gives_each_agent_an_exclusive_window_in_turn_and_the_last_keeps_it():
    rule = Dispatch(Policy.ROUND_ROBIN, window_seconds=60, max_agents=3)
    assert [holders(rule, [4, 1, 8, 3], t) for t in (0, 59, 60, 120, 999)] == [[4], [4], [1], [8], [8]]
    assert next_change(rule, 4, 0) == 60 and next_change(rule, 4, 130) is None


def test_the_rotation_starts_after_the_agent_who_went_first_last_time():
    assert rotation([3, 1, 2], None) == [1, 2, 3]
    assert rotation([3, 1, 2], 1) == [2, 3, 1]
    assert rotation([3, 1, 2], 3) == [1, 2, 3]


def test_a_policy_survives_its_json_round_trip():
    rule = Dispatch(Policy.CASCADE, 5, 6, 7, (EscalationStep(300, Action.CALL),))
    assert Dispatch.from_json(json.loads(json.dumps(rule.to_json()))) == rule


# -- policies over the wire --------------------------------------------------------------------
async def test_broadcast_stays_the_default_and_offers_everyone_at_once(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    assert created["offered"] == 3
    referral = await view(client, created["id"])
    assert holding(referral) == {1, 2, 3} and referral["dispatch"]["policy"] == "broadcast"


async def test_a_cascade_adds_the_next_ranked_agent_each_step_on_the_workers_clock(client, store, clock, settings):
    await add_agents(store, clock, 4)
    created = await new_referral(client, dispatch=CASCADE)
    assert created["offered"] == 1
    assert holding(await view(client, created["id"])) == {1}
    assert await advance(settings, store, clock, seconds=29) == 0
    assert holding(await view(client, created["id"])) == {1}
    assert await advance(settings, store, clock, seconds=1) == 1
    assert holding(await view(client, created["id"])) == {1, 2}
    assert await advance(settings, store, clock, seconds=30) == 1
    assert await advance(settings, store, clock, seconds=300) == 0  # max_agents reached
    assert holding(await view(client, created["id"])) == {1, 2, 3}
    assert len(await outbound(store, kind="offer")) == 3


async def test_an_agent_not_yet_reached_by_the_cascade_cannot_claim(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client, dispatch=CASCADE)
    await text_in(client, settings, "+15125550003", f"YES {created['code']}")
    assert (await view(client, created["id"]))["winner_agent_id"] is None


async def test_offers_added_by_the_cascade_hear_they_lost_when_someone_claims(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client, dispatch=CASCADE)
    await advance(settings, store, clock, seconds=60)  # agents 2 and 3 added
    await text_in(client, settings, "+15125550003", "YES")
    referral = await view(client, created["id"])
    assert referral["winner_agent_id"] == 3
    told = {m.agent_id for m in await outbound(store, kind="closed")}
    assert told == {1, 2}
    assert await advance(settings, store, clock, seconds=600) == 0  # nothing is added after a claim


async def test_round_robin_moves_the_exclusive_window_on_and_the_previous_holder_can_no_longer_claim(
        client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client, dispatch={"policy": "round_robin", "window_seconds": 60})
    assert holding(await view(client, created["id"])) == {1}
    await advance(settings, store, clock, seconds=60)
    assert holding(await view(client, created["id"])) == {2}
    assert [m.agent_id for m in await outbound(store, kind="closed")] == [1]  # told their window closed
    await text_in(client, settings, "+15125550001", f"YES {created['code']}")
    assert (await view(client, created["id"]))["winner_agent_id"] is None
    await text_in(client, settings, "+15125550002", "YES")
    assert (await view(client, created["id"]))["winner_agent_id"] == 2
    following = await new_referral(client, dispatch={"policy": "round_robin", "window_seconds": 60})
    assert holding(await view(client, following["id"])) == {2}  # the rotation goes on after agent 1


async def test_the_networks_default_policy_applies_when_a_referral_names_none(store, clock, metrics):
    from aiohttp.test_utils import TestClient, TestServer

    from inbound.web import create_app

    settings = Settings(admin_token="test-admin-token", secret_key="test-secret",
                        dispatch_default=json.dumps({"policy": "cascade", "window_seconds": 10}))
    await add_agents(store, clock, 3)
    async with TestClient(TestServer(create_app(settings, store, clock, metrics), host="127.0.0.1")) as http:
        http.admin = {"Authorization": f"Bearer {settings.admin_token}"}
        created = await new_referral(http)
        assert created["offered"] == 1
        assert (await view(http, created["id"]))["dispatch"]["window_seconds"] == 10


def test_a_malformed_network_default_stops_the_start():
    with pytest.raises(SettingsError, match="DISPATCH_DEFAULT"):
        Settings(dispatch_default='{"policy": "lottery"}').validate()
    with pytest.raises(SettingsError, match="DISPATCH_DEFAULT"):
        Settings(dispatch_default="cascade please").validate()


@pytest.mark.parametrize("dispatch, field", [
    ({"policy": "lottery"}, "policy"), ({"policy": "cascade", "window_seconds": 0}, "window_seconds"),
    ({"policy": "cascade", "max_agents": "ten"}, "max_agents"), ({"window_seconds": 5}, "policy"),
    ({"policy": "cascade", "escalation": [{"after_seconds": 5, "action": "pray"}]}, "action"),
    ({"policy": "cascade", "escalation": [{"action": "call"}]}, "after_seconds"),
    ({"policy": "cascade", "speed": 3}, "speed"), ("cascade", "object")])
async def test_a_malformed_dispatch_is_refused_naming_the_field(client, store, clock, dispatch, field):
    await add_agents(store, clock, 1)
    response = await client.post("/api/referrals", json={**REFERRAL_BODY, "dispatch": dispatch},
                                 headers=client.admin)
    assert response.status == 422
    assert field in (await response.json())["errors"]["dispatch"]


async def test_dispatch_is_refused_on_agent_to_agent_referrals(client, store, clock):
    await add_agents(store, clock, 2)
    response = await client.post("/api/referrals", json={**REFERRAL_BODY, "mode": "open", "sender_agent_id": 1,
                                                         "fee_percent": 25, "dispatch": CASCADE},
                                 headers=client.admin)
    assert response.status == 422 and "dispatch" in (await response.json())["errors"]


# -- ranking -----------------------------------------------------------------------------------
async def test_each_offer_carries_its_score_parts_and_the_agent_who_claims_most_ranks_first(
        client, store, clock, settings):
    await add_agents(store, clock, 3)
    await new_referral(client)
    clock.advance(seconds=42)
    await text_in(client, settings, "+15125550003", "YES")  # agent 3 answers, in 42 s
    clock.advance(days=10)  # no longer recent load
    created = await new_referral(client, dispatch=CASCADE)
    referral = await view(client, created["id"])
    assert referral["dispatch"]["ranked"][0] == 3 and holding(referral) == {3}
    [score] = [o["score"] for o in referral["offers"]]
    assert score["claim_rate"] == 1.0 and score["median_answer_seconds"] == 42.0 and score["miles"] == 0.0
    assert score["report_back_rate"] == 0.0 and score["recent_load"] == 0
    assert set(score["points"]) == {"claim_rate", "speed", "report_back", "distance", "load"}
    assert score["score"] == round(sum(score["points"].values()), 2)


async def test_answer_time_counts_from_the_agents_own_offer_leaving_not_from_the_referral(
        client, store, clock, settings):
    await add_agents(store, clock, 2)
    await new_referral(client)
    clock.advance(seconds=30)
    await drain(store, clock)  # the offers leave 30 s after the referral went in (a long provider queue)
    clock.advance(seconds=12)
    await text_in(client, settings, "+15125550002", "YES")
    clock.advance(days=10)
    created = await new_referral(client, dispatch=CASCADE)
    [score] = [o["score"] for o in (await view(client, created["id"]))["offers"]]
    assert score["median_answer_seconds"] == 12.0


async def test_each_offer_shows_when_it_was_handed_to_the_provider_and_the_answer_time_from_there(
        client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    clock.advance(seconds=20)
    await drain(store, clock)  # handed to the provider 20 s after the referral went in
    clock.advance(seconds=7)
    await text_in(client, settings, "+15125550001", "YES")
    offers = {o["agent_id"]: o for o in (await view(client, created["id"]))["offers"]}
    assert offers[1]["handed_off_at"] == offers[2]["handed_off_at"] != offers[1]["notified_at"]
    assert offers[1]["answer_seconds"] == 7.0 and offers[2]["answer_seconds"] is None


async def test_a_broadcast_does_not_send_offers_in_agent_id_order(client, store, clock):
    await add_agents(store, clock, 30)
    await new_referral(client)
    queued = await store.run(lambda s: list(s.scalars(select(OutboxRow.agent_id).order_by(OutboxRow.id))))
    assert sorted(queued) == list(range(1, 31)) and queued != sorted(queued)


# -- escalation --------------------------------------------------------------------------------
ESCALATING = {**CASCADE, "max_agents": 1, "escalation": [
    {"after_seconds": 60, "action": "call"}, {"after_seconds": 120, "action": "email"},
    {"after_seconds": 180, "action": "widen"}, {"after_seconds": 240, "action": "notify_operator"}]}


async def reviews(store) -> list[ReviewItem]:
    return await store.run(lambda s: list(s.scalars(select(ReviewItem))))


async def test_escalation_steps_run_once_each_at_their_time(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client, dispatch=ESCALATING)
    await advance(settings, store, clock, seconds=59)
    assert await outbound(store, channel="voice") == []
    await advance(settings, store, clock, seconds=1)
    await advance(settings, store, clock)  # a second run at the same moment repeats nothing
    calls = await outbound(store, channel="voice")
    assert [c.agent_id for c in calls] == [1]  # the agent who was texted
    await advance(settings, store, clock, seconds=60)
    assert [m.agent_id for m in await outbound(store, channel="email", kind="offer")] == [1]
    assert await advance(settings, store, clock, seconds=60) == 2  # widened to everyone matched
    assert holding(await view(client, created["id"])) == {1, 2, 3}
    await advance(settings, store, clock, seconds=60)
    await advance(settings, store, clock, seconds=60)
    [item] = await reviews(store)
    assert item.reason == "dispatch_unclaimed" and f"#{created['code']}" in item.body
    [mail] = await outbound(store, kind="escalation")
    assert mail.to_addr == settings.support_contact and "Pat" not in mail.body
    assert (await view(client, created["id"]))["dispatch"]["done"] == [0, 1, 2, 3]


async def test_a_claim_cancels_the_escalation_steps_still_to_come(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client, dispatch=ESCALATING)
    await advance(settings, store, clock, seconds=60)
    await text_in(client, settings, "+15125550001", "YES")
    await advance(settings, store, clock, seconds=600)
    assert await reviews(store) == [] and await outbound(store, kind="escalation") == []
    assert holding(await view(client, created["id"])) == set()
    assert len(await outbound(store, channel="voice")) == 1


REFERRAL_BODY = {"client": {"name": "Pat Quinlan", "phone": "+15125559876"}, "zip": "78704",
                 "client_type": "buyer"}


# -- in real seconds ---------------------------------------------------------------------------
async def test_in_real_seconds_the_running_scheduler_cascades_and_escalates(store, settings, metrics):
    """The service's own scheduler on the system clock: a 1 s window, a 1 s step, the operator told at 2 s."""
    import asyncio
    import time

    from aiohttp.test_utils import TestClient, TestServer

    from bot.clock import SystemClock
    from inbound.web import create_app
    from referral_bot.scheduler import Scheduler

    clock = SystemClock()
    await add_agents(store, clock, 3)
    stop = asyncio.Event()
    scheduler = asyncio.create_task(Scheduler(periodic_jobs(settings, store), clock).run_forever(stop))
    try:
        async with TestClient(TestServer(create_app(settings, store, clock, metrics), host="127.0.0.1")) as http:
            http.admin = {"Authorization": f"Bearer {settings.admin_token}"}
            started = time.monotonic()  # before the referral exists, so a slow create cannot eat the window
            created = await new_referral(http, dispatch={
                "policy": "cascade", "window_seconds": 1, "step_seconds": 1, "max_agents": 3,
                "escalation": [{"after_seconds": 2, "action": "notify_operator"}]})
            seen = [holding(await view(http, created["id"]))]
            while len(seen[-1]) < 3 or not await reviews(store):
                assert time.monotonic() - started < 8, f"holders over time: {seen}"
                await asyncio.sleep(0.2)
                seen.append(holding(await view(http, created["id"])))
            assert seen[-1] == {1, 2, 3}
            assert all(before <= after for before, after in itertools.pairwise(seen))  # a cascade only adds
            assert time.monotonic() - started >= 1.9  # the window, the step and the 2 s escalation were waited
            # The waits themselves, on the rows' own times, so a slow request in the test cannot blur them.
            offered = await store.run(lambda s: sorted(s.scalars(select(Offer.notified_at))))
            after_first = [(at - offered[0]).total_seconds() for at in offered[1:]]
            # A late scheduler may add two at once; it never adds one early.
            assert after_first[0] >= 0.95 and after_first[1] >= 1.95, f"offers {offered}"
    finally:
        stop.set()
        await scheduler
