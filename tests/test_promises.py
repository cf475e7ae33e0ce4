"""What agents are promised, over the wire: when a referral leaves them, every other agent offered it is told
at once, on the channel the offer went by, without the winner's name (text, keypress, claim page, paid
purchase, agent-to-agent award, expiry, operator withdrawal); and the message log ties their words to it."""
from __future__ import annotations

import re

from sqlalchemy import select

from referral_bot.jobs import periodic_jobs
from store.models import Message, Offer
from tests.flows import add_agents, new_referral, outbound, reply_text, text_in
from tests.test_paid import invoices, paid_event, post_event, work
from tests.test_voice import HUMAN, ask_for_call, path_of, post_voice

LINK = re.compile(r"https?://[^\s]+/r/[A-Za-z0-9_-]+")


async def notices(store) -> dict[int, Message]:
    found = await outbound(store, kind="closed")
    assert len({m.agent_id for m in found}) == len(found), "one notice per agent"
    return {m.agent_id: m for m in found}


def assert_anonymous(told: dict[int, Message]) -> None:
    for message in told.values():
        assert "Agent" not in message.body and "Smith" not in message.body, message.body


async def test_other_offered_agents_are_told_when_a_referral_is_claimed_by_text(client, store, clock, settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client)
    await text_in(client, settings, "+15125550002", "YES")
    told = await notices(store)
    assert set(told) == {1, 3} and all(m.channel == "sms" for m in told.values())
    assert all(f"#{created['code']} was claimed by another agent" in m.body for m in told.values())
    assert {m.to_addr for m in told.values()} == {"+15125550001", "+15125550003"}
    assert_anonymous(told)
    late = reply_text(await (await text_in(client, settings, "+15125550001", f"YES {created['code']}")).text())
    assert "already claimed" in late and len(await notices(store)) == 2  # told once, whatever happens next


async def test_an_agent_offered_by_email_is_told_by_email(client, store, clock, settings):
    await add_agents(store, clock, 2)
    await text_in(client, settings, "+15125550001", "STOP")
    await new_referral(client)
    await text_in(client, settings, "+15125550002", "YES")
    told = await notices(store)
    assert [(m.channel, m.to_addr) for m in told.values()] == [("email", "agent1@example.test")]
    assert told[1].reply_to and "claimed by another agent" in told[1].body


async def test_other_offered_agents_are_told_when_a_keypress_claims(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 2)
    gather = (await post_voice(client, settings, path_of(call.url), **HUMAN)).find("Gather")
    await post_voice(client, settings, path_of(gather.get("action")), Digits="1")
    told = await notices(store)
    assert set(told) == {1} and told[1].channel == "sms" and f"#{created['code']} was claimed" in told[1].body


async def test_other_offered_agents_are_told_and_their_page_shows_it_when_the_claim_page_claims(client, store,
                                                                                             clock, settings):
    await add_agents(store, clock, 2)
    await new_referral(client)
    links = {m.agent_id: LINK.search(m.body).group() for m in await outbound(store, kind="offer")}
    path = lambda agent: links[agent].split("127.0.0.1:8080")[-1]  # noqa: E731
    claimed = await client.post(path(2) + "/claim", allow_redirects=False)
    assert claimed.status == 303
    assert set(await notices(store)) == {1}
    page = await (await client.get(path(1))).text()
    assert "Already claimed" in page and "another agent claimed" in page


async def test_other_offered_agents_are_told_once_when_a_paid_referral_is_bought(client, store, clock, settings):
    await add_agents(store, clock, 3)
    await new_referral(client, mode="paid", price_cents=15000)
    await text_in(client, settings, "+15125550001", "INVOICE")
    await text_in(client, settings, "+15125550002", "INVOICE")
    await work(client, store, clock, settings)
    first, _second = await invoices(store)
    await post_event(client, settings, paid_event(first, "evt_buy"))
    told = await notices(store)
    assert set(told) == {2, 3} and all("Referral Purchased Already" in m.body for m in told.values())
    assert "invoice was voided" in told[2].body and "invoice" not in told[3].body
    texts_to_2 = [m for m in await outbound(store, agent_id=2)
                  if m.channel != "stripe" and m.kind not in ("offer", "invoice")]
    assert [m.kind for m in texts_to_2] == ["closed"]  # one message, not a second "voided" text


async def test_every_agent_offered_an_agent_to_agent_referral_is_told_when_it_is_awarded(client, store, clock,
                                                                                        settings):
    await add_agents(store, clock, 3)
    created = await new_referral(client, mode="open", sender_agent_id=1, fee_percent=25)
    await text_in(client, settings, "+15125550002", "YES")
    await text_in(client, settings, "+15125550001", f"AWARD {created['code']} 1")
    await text_in(client, settings, "+15125550002", "AGREE")
    told = await notices(store)
    assert set(told) == {3}  # agent 3 never answered: still told; the sender and the winner are not
    assert f"#{created['code']} went to another agent" in told[3].body and told[3].channel == "sms"


async def test_agents_are_told_when_their_offer_expires(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    job = next(j for j in periodic_jobs(settings, store) if j.name == "expire_offers")
    assert await job.run(clock.advance(days=61)) == 2
    assert await job.run(clock.advance(minutes=10)) == 0
    told = await notices(store)
    assert set(told) == {1, 2} and all(f"#{created['code']} has expired" in m.body for m in told.values())


async def test_agents_are_told_when_the_operator_withdraws_a_referral(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    await text_in(client, settings, "+15125550002", "NO")
    moved = await client.post(f"/api/referrals/{created['id']}/status", json={"status": "lost"}, headers=client.admin)
    assert moved.status == 200
    told = await notices(store)
    assert set(told) == {1} and "withdrawn" in told[1].body  # agent 2 had already passed
    statuses = await store.run(lambda s: {o.agent_id: o.status for o in s.scalars(select(Offer))})
    assert statuses == {1: "cancelled", 2: "declined"}
    answer = reply_text(await (await text_in(client, settings, "+15125550001", f"YES {created['code']}")).text())
    assert "withdrawn by the network" in answer and "claimed" not in answer


async def test_a_referrals_message_log_shows_the_agents_own_words(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client)
    await text_in(client, settings, "+15125550001", "no thanks")
    await text_in(client, settings, "+15125550002", "Yes I'll call them now")
    await text_in(client, settings, "+15125550002", "HELP")  # about no referral
    log = await (await client.get(f"/api/messages?referral_id={created['id']}", headers=client.admin)).json()
    words = [(m["direction"], m["body"]) for m in log if m["direction"] == "in"]
    assert words == [("in", "no thanks"), ("in", "Yes I'll call them now")]
    replies = [m for m in log if m["kind"] == "reply"]
    assert len(replies) == 2 and "is yours" in replies[1]["body"]


async def test_an_invoice_request_gets_one_text_the_pay_link(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "invoice pls")).text())
    assert answer is None
    await work(client, store, clock, settings)
    texts = [m for m in await outbound(store, agent_id=1, channel="sms") if m.kind != "offer"]
    assert len(texts) == 1 and "/i/" in texts[0].body


async def test_a_paid_page_reloads_itself_until_the_pay_link_is_ready(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="paid", price_cents=15000)
    [offer] = await outbound(store, kind="offer")
    path = LINK.search(offer.body).group().split("127.0.0.1:8080")[-1]
    await client.post(path + "/buy", allow_redirects=False)
    waiting = await (await client.get(path)).text()
    assert 'http-equiv="refresh"' in waiting and "Refresh this page" not in waiting
    await work(client, store, clock, settings)
    ready = await (await client.get(path)).text()
    assert 'http-equiv="refresh"' not in ready and "Pay invoice" in ready


# -- a referral that would reach nobody is refused -------------------------------------------------
async def referral_answer(client, **fields):
    from tests.flows import REFERRAL
    response = await client.post("/api/referrals", json={**REFERRAL, **fields}, headers=client.admin)
    return response.status, await response.json()


async def test_a_referral_no_agent_covers_is_refused_with_the_reason(client, store, clock, settings):
    await add_agents(store, clock, 1)
    status, answer = await referral_answer(client, zip="90210")
    assert status == 422 and answer["errors"]["receivers"] == "no active agent covers 90210 for buyers"
    from store.models import Referral
    assert await store.run(lambda s: list(s.scalars(select(Referral)))) == []  # nothing was kept


async def test_a_network_referral_from_an_empty_network_is_refused_unless_a_draft(client, store, clock, settings):
    await add_agents(store, clock, 2)
    fields = dict(mode="network", sender_agent_id=1, fee_percent=25)
    status, answer = await referral_answer(client, **fields)
    assert status == 422 and answer["errors"]["receivers"] == "the sender's network is empty"
    status, draft = await referral_answer(client, **fields, draft=True)
    assert status == 201 and draft["status"] == "draft"
    sent = await client.post(f"/api/referrals/{draft['id']}/send", json={}, headers=client.admin)
    assert sent.status == 422 and (await sent.json())["errors"]["receivers"] == "the sender's network is empty"
    view = await (await client.get(f"/api/referrals/{draft['id']}", headers=client.admin)).json()
    assert view["status"] == "draft"


async def test_a_draft_created_with_receivers_keeps_them_and_sends_to_them(client, store, clock, settings):
    await add_agents(store, clock, 3)
    status, draft = await referral_answer(client, mode="private", sender_agent_id=1, fee_percent=25,
                                          receiver_agent_ids=[3], draft=True)
    assert status == 201 and draft["offered"] == 0 and await outbound(store, kind="offer") == []
    sent = await client.post(f"/api/referrals/{draft['id']}/send", json={}, headers=client.admin)
    assert sent.status == 200 and (await sent.json())["offered"] == 1
    assert [m.agent_id for m in await outbound(store, kind="offer")] == [3]


# -- the demo keeps its admin token -----------------------------------------------------------------
async def test_the_demo_admin_token_survives_a_restart_of_the_same_database(tmp_path):
    from referral_bot.service import with_demo_token
    from store.settings import Settings

    settings = Settings(database_url=f"sqlite:///{tmp_path}/demo.db")
    first = (await with_demo_token(settings)).admin_token
    again = (await with_demo_token(settings)).admin_token
    other = (await with_demo_token(Settings(database_url=f"sqlite:///{tmp_path}/other.db"))).admin_token
    assert first.startswith("demo-") and again == first and other != first


async def test_a_sandbox_cookie_from_an_older_token_is_told_the_token_changed(client, store, clock, settings):
    from inbound.sandbox.access import COOKIE

    fresh = await client.get("/sandbox")
    assert fresh.status == 401 and "changed" not in await fresh.text()
    stale = await client.get("/sandbox", headers={"Cookie": f"{COOKIE}=from-the-last-run"})
    assert stale.status == 401 and "admin token changed" in await stale.text()


async def test_status_lists_open_offers_and_the_referrals_awaiting_the_agents_report(client, store, clock, settings):
    await add_agents(store, clock, 1)
    won = await new_referral(client)
    await text_in(client, settings, "+15125550001", "YES")
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "STATUS")).text())
    assert f"Awaiting your update: #{won['code']}" in answer and "SOLD" in answer
    offered = await new_referral(client)
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "STATUS")).text())
    assert f"Open offers: #{offered['code']}" in answer and f"Awaiting your update: #{won['code']}" in answer
    from bot.replies import fits_one_segment
    assert fits_one_segment(answer)
    await text_in(client, settings, "+15125550001", f"SOLD {won['code']} $450k")
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "STATUS")).text())
    assert "Awaiting" not in answer and f"#{offered['code']}" in answer


async def test_the_senders_ranked_list_says_new_for_an_agent_without_a_record(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client, mode="open", sender_agent_id=1, fee_percent=25)
    await text_in(client, settings, "+15125550002", "YES")
    email = [m for m in await outbound(store, kind="interest_list") if m.channel == "email"][-1]
    text = [m for m in await outbound(store, kind="interest_list") if m.channel == "sms"][-1]
    assert email.subject == f"1 agent interested in #{created['code']}"
    assert "Agent 2 Smith: covers the area, new to the network" in email.body
    assert "0%" not in email.body and "0.0 miles" not in email.body
    assert "1) Agent 2 Smith new" in text.body and "0mi" not in text.body


async def test_the_contact_email_after_an_agent_to_agent_award_names_the_sender_and_the_fee(client, store, clock,
                                                                                          settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client, mode="private", sender_agent_id=1, fee_percent=25, receiver_agent_ids=[2])
    await text_in(client, settings, "+15125550002", "YES")
    await text_in(client, settings, "+15125550001", f"AWARD {created['code']} 1")
    await text_in(client, settings, "+15125550002", "AGREE")
    [contact] = await outbound(store, kind="contact")
    assert "You claimed" not in contact.body
    assert f"Agent 1 Smith awarded you referral #{created['code']}" in contact.body
    assert "25% referral fee, payable to Agent 1 Smith" in contact.body


async def test_an_agent_not_offered_a_referral_learns_nothing_about_it_from_texting_its_code(client, store, clock,
                                                                                            settings):
    from store import agents as agent_store
    from tests.flows import agent_fields

    await add_agents(store, clock, 1)
    await store.run(lambda s: agent_store.create_agent(s, agent_fields(2, zip_codes=["90210"]), now=clock.now()))
    created = await new_referral(client)  # offered to agent 1 only
    for body in (f"YES {created['code']}", f"NO {created['code']}", f"CALL {created['code']}", "STATUS"):
        answer = reply_text(await (await text_in(client, settings, "+15125550002", body)).text())
        assert "78704" not in answer and "Agent 1" not in answer and "claimed" not in answer, answer
    await text_in(client, settings, "+15125550001", "YES")
    answer = reply_text(await (await text_in(client, settings, "+15125550002", f"YES {created['code']}")).text())
    assert "couldn't find" in answer and "claimed" not in answer
    assert 2 not in await notices(store)  # the closure notice goes only to agents it was offered to


async def test_a_group_of_texts_tells_the_losers_exactly_as_one_by_one_would(store, settings):
    from tests.test_textgroup_contract import run_script

    def told(session):
        lost = {(o.referral_id, o.agent_id) for o in session.scalars(select(Offer).where(Offer.status == "lost"))}
        notes = {(m.referral_id, m.agent_id) for m in session.scalars(select(Message).where(Message.kind == "closed"))}
        return lost, notes
    one_by_one = (await run_script(store, settings, grouped=False), await store.run(told))
    together = (await run_script(store, settings, grouped=True), await store.run(told))
    assert together == one_by_one
    lost, notes = together[1]
    assert lost and notes == lost  # every agent whose offer was lost to the award, told once


async def test_a_referral_whose_covering_agents_are_all_paused_is_refused_saying_so(client, store, clock, settings):
    await add_agents(store, clock, 1, status="suspended")
    status, answer = await referral_answer(client)
    assert status == 422 and answer["errors"]["receivers"].startswith("every agent covering 78704 for buyers is")
    status, answer = await referral_answer(client, client_type="renter")
    assert status == 422 and answer["errors"]["receivers"] == "no active agent covers 78704 for renters"
