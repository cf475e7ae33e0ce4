"""An operator's actions on a referral over the API: award and reassign with a reason (the previous winner told
and credited, the new one gets the contact email as after a claim), re-offer to the same agents or a new match,
and text or email the winner; each in the referral's history under who did it, refused in the wrong state."""
from __future__ import annotations

from sqlalchemy import select

from bot.operators import OperatorRole
from store import agents as agent_store
from store import operators
from store.models import HistoryNote, LedgerEntry, Offer, Referral
from tests.flows import add_agents, agent_fields, new_referral, outbound, text_in


async def notes(store, referral_id: int, kind: str = "operator") -> list[str]:
    return await store.run(lambda s: [n.text for n in s.scalars(select(HistoryNote).where(
        HistoryNote.referral_id == referral_id, HistoryNote.kind == kind).order_by(HistoryNote.id))])


async def post(client, path: str, body: dict, headers=None):
    answer = await client.post(path, json=body, headers=headers or client.admin)
    return answer.status, await answer.json()


async def test_award_then_reassign_tells_the_previous_winner_and_credits_their_fee(client, store, clock, settings):
    await add_agents(store, clock, 3, pricing={"plan": "per_referral", "fee_cents": 5000})
    created = await new_referral(client)
    rid = created["id"]
    status, body = await post(client, f"/api/referrals/{rid}/assign", {"agent_id": 2, "reason": "asked for it"})
    assert (status, body["outcome"]) == (200, "awarded"), body
    referral = await store.run(lambda s: s.get(Referral, rid))
    assert (referral.winner_agent_id, referral.status) == (2, "awarded")
    assert [m.agent_id for m in await outbound(store, kind="contact")] == [2]
    assert {m.agent_id for m in await outbound(store, kind="closed")} == {1, 3}  # the others hear it has gone

    status, body = await post(client, f"/api/referrals/{rid}/assign", {"agent_id": 3, "reason": "no answer in 2 days"})
    assert (status, body["outcome"]) == (200, "reassigned"), body
    referral = await store.run(lambda s: s.get(Referral, rid))
    assert referral.winner_agent_id == 3
    [told] = await outbound(store, kind="reassigned")
    assert told.agent_id == 2 and "no answer in 2 days" in told.body and "don't contact the client" in told.body
    assert [m.agent_id for m in await outbound(store, kind="contact")] == [2, 3]
    offers = await store.run(lambda s: {o.agent_id: o.status for o in s.scalars(select(Offer))})
    assert offers[2] == "cancelled" and offers[3] == "won"
    money = await store.run(lambda s: [(e.agent_id, e.kind, e.amount_cents) for e in s.scalars(
        select(LedgerEntry).order_by(LedgerEntry.id))])
    assert money == [(2, "award_fee", 5000), (2, "credit", -5000), (3, "award_fee", 5000)]
    assert await notes(store, rid) == [
        "ADMIN_TOKEN awarded to Agent 2 Smith: asked for it",
        "ADMIN_TOKEN reassigned from Agent 2 Smith to Agent 3 Smith: no answer in 2 days"]
    again = await post(client, f"/api/referrals/{rid}/assign", {"agent_id": 3, "reason": "again"})
    assert again[0] == 409
    assert (await post(client, f"/api/referrals/{rid}/assign", {"agent_id": 3}))[0] == 422
    assert (await post(client, "/api/referrals/999/assign", {"agent_id": 3, "reason": "x"}))[0] == 404


async def test_reoffer_to_the_same_agents_reopens_expired_offers_and_a_new_match_reaches_new_agents(client, store,
                                                                                                   clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    rid = created["id"]
    await text_in(client, settings, "+15125550001", f"NO {created['code']}")
    clock.advance(days=61)
    await store.run(lambda s: s.execute(Offer.__table__.update().where(Offer.agent_id == 2).values(status="expired")))
    status, body = await post(client, f"/api/referrals/{rid}/reoffer", {"to": "same"})
    assert (status, body["detail"]) == (200, "1 agents"), body
    offers = await store.run(lambda s: {o.agent_id: (o.status, o.expires_at > clock.now()) for o in s.scalars(
        select(Offer))})
    assert offers == {1: ("declined", False), 2: ("open", True)}  # who declined is left alone
    assert sorted(m.agent_id for m in await outbound(store, kind="offer")) == [1, 2, 2]  # 2's offer went again
    answer = await text_in(client, settings, "+15125550002", "YES")  # the reopened offer can be claimed
    assert "is yours" in await answer.text()

    second = await new_referral(client)
    assert (await post(client, f"/api/referrals/{second['id']}/reoffer", {"to": "new"}))[0] == 409  # no one new
    await store.run(lambda s: agent_store.create_agent(s, agent_fields(3), now=clock.now()))
    status, body = await post(client, f"/api/referrals/{second['id']}/reoffer", {"to": "new"})
    assert (status, body["detail"]) == (200, "1 agents"), body
    assert sorted(m.agent_id for m in await outbound(store, kind="offer", referral_id=second["id"])) == [1, 2, 3]
    assert (await post(client, f"/api/referrals/{rid}/reoffer", {"to": "same"}))[0] == 409  # it has a winner now
    assert (await post(client, f"/api/referrals/{rid}/reoffer", {"to": "sideways"}))[0] == 422
    assert await notes(store, second["id"]) == ["ADMIN_TOKEN re-offered it to a new match: 1 agents"]


async def test_message_the_winner_by_text_or_email_and_a_viewers_token_cannot(client, store, clock, settings):
    await add_agents(store, clock, 1)
    created = await new_referral(client)
    rid = created["id"]
    assert (await post(client, f"/api/referrals/{rid}/message", {"channel": "sms", "text": "hi"}))[0] == 409
    await text_in(client, settings, "+15125550001", "YES")
    status, body = await post(client, f"/api/referrals/{rid}/message",
                              {"channel": "sms", "text": "The client prefers mornings."})
    assert status == 200, body
    status, _ = await post(client, f"/api/referrals/{rid}/message", {"channel": "email", "text": "Notes attached."})
    assert status == 200
    sent = [(m.channel, m.body.strip(), m.status) for m in await outbound(store, kind="operator")]
    assert sent == [("sms", "The client prefers mornings.", "queued"), ("email", "Notes attached.", "queued")]
    assert await notes(store, rid) == ["ADMIN_TOKEN texted Agent 1 Smith: The client prefers mornings.",
                                       "ADMIN_TOKEN emailed Agent 1 Smith: Notes attached."]
    assert (await post(client, f"/api/referrals/{rid}/message", {"channel": "fax", "text": ""}))[1]["errors"].keys() \
        == {"channel", "text"}
    password = operators.hash_password("a long enough password")
    viewer = await store.run(lambda s: operators.add_operator(s, "vic@example.test", password, OperatorRole.VIEWER,
                                                              now=clock.now()).id)
    token = await store.run(lambda s: operators.create_token(s, viewer, "read", now=clock.now()))
    for path, body in (("message", {"channel": "sms", "text": "x"}), ("assign", {"agent_id": 1, "reason": "x"}),
                       ("reoffer", {"to": "new"})):
        status, _ = await post(client, f"/api/referrals/{rid}/{path}", body, {"Authorization": f"Bearer {token}"})
        assert status == 403, path
