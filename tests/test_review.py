"""The review inbox over the API: an operator acts for the agent (through the same pipeline as the agent's own
text, the agent gets the echo), replies or dismisses; each is recorded with who, lands in the referral's history,
and resolves the item once."""
from __future__ import annotations

from sqlalchemy import select

from store.models import HistoryNote, Message, Referral, ReviewItem
from tests.flows import add_agents, new_referral, outbound, reply_text, text_in


async def a_missed_message(client, settings, sender: str = "+15125550001",
                           body: str = "I can do it tmrw") -> dict:
    answer = reply_text(await (await text_in(client, settings, sender, body)).text())
    assert "didn't understand" in answer
    [item] = await (await client.get("/api/review", headers=client.admin)).json()
    return item


async def test_the_inbox_shows_the_agent_what_the_parser_saw_and_the_referrals_it_might_be_about(client, store,
                                                                                                  clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    item = await a_missed_message(client, settings)
    assert item["agent"] == {"id": 1, "name": "Agent 1 Smith"}
    assert item["parsed"]["intent"] == "unknown" and item["parsed"]["explain"]["rule"] == "nothing recognised"
    assert [(c["code"], c["why"]) for c in item["candidates"]] == [(created["code"], "offered")]
    assert item["parser_missed"] and item["may_act"] and item["status"] == "open"


async def test_acting_for_the_agent_claims_through_the_pipeline_and_queues_the_echo(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    item = await a_missed_message(client, settings)
    answer = await client.post(f"/api/review/{item['id']}/act", json={"intent": "claim", "ref": created["code"]},
                               headers=client.admin)
    assert answer.status == 200, await answer.text()
    done = await answer.json()
    assert (done["outcome"], done["referral_id"], done["resolution"]) == ("won", created["id"], "acted")
    referral = await store.run(lambda s: s.get(Referral, created["id"]))
    assert referral.winner_agent_id == 1 and referral.status == "awarded"
    *_, echo = await outbound(store, kind="reply", agent_id=1)  # after the "didn't understand" of the webhook
    assert (echo.channel, echo.to_addr, echo.status) == ("sms", "+15125550001", "queued")
    assert created["code"] in echo.body
    assert len(await outbound(store, kind="contact")) == 1  # the winner's details, as after their own YES
    assert {m.agent_id for m in await outbound(store, kind="closed")} == {2}  # the other agent is told
    original = await store.run(lambda s: s.get(Message, item["message_id"]))
    assert original.referral_id == created["id"]  # the agent's message now belongs to the referral's story
    notes = await store.run(lambda s: [n.text for n in s.scalars(select(HistoryNote).where(
        HistoryNote.referral_id == created["id"], HistoryNote.kind == "operator"))])
    assert notes == ['ADMIN_TOKEN acted for Agent 1 Smith on their message "I can do it tmrw": Claim it (YES) (won)']
    stored = await store.run(lambda s: s.get(ReviewItem, item["id"]))
    assert (stored.status, stored.resolution, stored.label["intent"], stored.label["ref"]) == \
        ("resolved", "acted", "claim", created["code"])
    again = await client.post(f"/api/review/{item['id']}/act", json={"intent": "claim", "ref": created["code"]},
                              headers=client.admin)
    assert again.status == 409  # resolved once: a double submit acts once
    assert len(await outbound(store, kind="reply", agent_id=1)) == 2


async def test_a_report_for_the_agent_keeps_their_words_and_the_amount(client, store, clock, settings):
    await add_agents(store, clock, 1)
    created = await new_referral(client)
    await text_in(client, settings, "+15125550001", f"YES {created['code']}")
    item = await a_missed_message(client, settings, body="the Hendersons are happy campers now, 452 all in")
    answer = await client.post(f"/api/review/{item['id']}/act", headers=client.admin,
                               json={"intent": "sold", "ref": created["code"], "amount": "452,000"})
    assert answer.status == 200, await answer.text()
    referral = await store.run(lambda s: s.get(Referral, created["id"]))
    assert (referral.status, referral.sale_amount) == ("closed", 452000)
    reports = await store.run(lambda s: [n.text for n in s.scalars(select(HistoryNote).where(
        HistoryNote.referral_id == created["id"], HistoryNote.kind == "report"))])
    assert "the Hendersons are happy campers now, 452 all in" in reports


async def test_a_bad_command_is_a_422_naming_the_field_and_changes_nothing(client, store, clock, settings):
    await add_agents(store, clock, 1)
    created = await new_referral(client)
    item = await a_missed_message(client, settings)
    for body, field in (({"intent": "explode"}, "intent"), ({"intent": "claim"}, "ref"),
                        ({"intent": "sold", "ref": created["code"], "amount": -3}, "amount"),
                        ({"intent": "fail", "ref": created["code"], "reason": "meh"}, "reason"),
                        ({"intent": "pause", "until": "2020-01-01"}, "until"),
                        ({"intent": "claim", "ref": ["x"]}, "ref")):
        answer = await client.post(f"/api/review/{item['id']}/act", json=body, headers=client.admin)
        assert answer.status == 422 and field in (await answer.json())["errors"], body
    assert (await store.run(lambda s: s.get(ReviewItem, item["id"]))).status == "open"
    missing = await client.post("/api/review/999/act", json={"intent": "help"}, headers=client.admin)
    assert missing.status == 404


async def test_reply_texts_the_agent_and_dismiss_keeps_the_note(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    first = await a_missed_message(client, settings)
    answer = await client.post(f"/api/review/{first['id']}/reply", headers=client.admin,
                               json={"text": "No rush: reply YES when you can.", "ref": created["code"]})
    assert answer.status == 200, await answer.text()
    *_, sent = await outbound(store, kind="reply", agent_id=1)
    assert (sent.channel, sent.body, sent.referral_id) == ("sms", "No rush: reply YES when you can.", created["id"])
    await text_in(client, settings, "+15125550002", "hmm not sure")
    [second] = await (await client.get("/api/review", headers=client.admin)).json()
    assert (await client.post(f"/api/review/{second['id']}/dismiss", json={"note": ""},
                              headers=client.admin)).status == 422
    answer = await client.post(f"/api/review/{second['id']}/dismiss", headers=client.admin,
                               json={"note": "thinking aloud", "ref": created["code"]})
    assert answer.status == 200
    resolved = await (await client.get("/api/review?status=resolved", headers=client.admin)).json()
    assert [(r["resolution"], r["note"], r["resolved_by"]) for r in resolved] == [
        ("dismissed", "thinking aloud", "ADMIN_TOKEN"), ("replied", "No rush: reply YES when you can.", "ADMIN_TOKEN")]
    notes = await store.run(lambda s: [n.text for n in s.scalars(select(HistoryNote).where(
        HistoryNote.referral_id == created["id"], HistoryNote.kind == "operator").order_by(HistoryNote.id))])
    assert notes == ["ADMIN_TOKEN replied to Agent 1 Smith: No rush: reply YES when you can.",
                     'ADMIN_TOKEN dismissed the message "hmm not sure": thinking aloud']
    assert (await client.post(f"/api/review/{second['id']}/reply", json={"text": "x"},
                              headers=client.admin)).status == 409


async def test_an_item_from_no_agent_can_only_be_dismissed(client, store, clock, settings):
    await store.run(lambda s: s.add(ReviewItem(channel="system", sender="dispatch", body="nobody claimed #1",
                                               reason="dispatch_unclaimed", created_at=clock.now())))
    [item] = await (await client.get("/api/review", headers=client.admin)).json()
    assert not item["may_act"] and item["parsed"] is None
    answer = await client.post(f"/api/review/{item['id']}/act", json={"intent": "help"}, headers=client.admin)
    assert answer.status == 409
    assert (await client.post(f"/api/review/{item['id']}/dismiss", json={"note": "looked"},
                              headers=client.admin)).status == 200
