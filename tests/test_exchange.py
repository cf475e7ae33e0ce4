"""Agent-to-agent referrals end to end through messages: private, network and open; interest, the ranked
list, AWARD, AGREE (or signing on the page) and the release of the client's details to that receiver only."""
from __future__ import annotations

import asyncio
import html
import re

from sqlalchemy import select

from store import agents as agent_store
from store.models import Agreement, Message, Offer, Referral
from tests.flows import CLIENT, agent_fields, new_referral, outbound, reply_text, text_in

SECRETS = [CLIENT["name"], CLIENT["phone"], CLIENT["email"], "Quinlan", "5125559876"]


async def say(client, settings, agent: int, body: str) -> str | None:
    return reply_text(await (await text_in(client, settings, f"+1512555{agent:04d}", body)).text())


async def exchange_referral(client, mode: str, **extra) -> dict:
    return await new_referral(client, mode=mode, sender_agent_id=1, fee_percent=25, **extra)


async def view(client, created: dict) -> dict:
    return await (await client.get(f"/api/referrals/{created['id']}", headers=client.admin)).json()


async def place_agents(store, clock) -> None:
    """Agent 1 sends; 2 and 3 cover Austin (3 km and 5 km away), 4 is in Houston."""
    def work(session):
        now = clock.now()
        agent_store.create_agent(session, agent_fields(1, zip_codes=["78701"]), now=now)
        agent_store.create_agent(session, agent_fields(2, zip_codes=["78704"]), now=now)
        agent_store.create_agent(session, agent_fields(3, zip_codes=["78745", "78704"]), now=now)
        agent_store.create_agent(session, agent_fields(4, zip_codes=["77002"]), now=now)
    await store.run(work)


def assert_no_client_details(messages: list[Message], allowed_agent: int | None = None) -> None:
    for m in messages:
        text = " ".join(filter(None, [m.subject, m.body]))
        if any(secret in text for secret in SECRETS):
            assert m.kind == "contact" and m.agent_id == allowed_agent, (m.kind, m.agent_id, text)


async def test_private_referral_interest_award_agree_release(client, store, clock, settings):
    await place_agents(store, clock)
    created = await exchange_referral(client, "private", receiver_agent_ids=[2])
    [offer] = await outbound(store, kind="offer")
    assert offer.agent_id == 2 and "Fee 25%" in offer.body and "/x/" in offer.body and "from Agent S." in offer.body
    assert "interested in" in await say(client, settings, 2, "YES")
    assert (await view(client, created))["status"] == "accepted"
    [listing, _email] = await outbound(store, kind="interest_list")
    assert listing.agent_id == 1 and "1) Agent 2" in listing.body and "AWARD 1" in listing.body
    assert_no_client_details(await outbound(store))
    assert "You picked Agent 2 Smith" in await say(client, settings, 1, "AWARD 1")
    assert (await view(client, created))["status"] == "pending"
    [picked] = await outbound(store, kind="agreement")
    assert picked.agent_id == 2 and "Reply AGREE" in picked.body and "25%" in picked.body
    assert_no_client_details(await outbound(store))  # nothing before the agreement
    assert "Agreement recorded" in await say(client, settings, 2, "AGREE")
    final = await view(client, created)
    assert (final["status"], final["winner_agent_id"]) == ("awarded", 2)
    contact = await outbound(store, kind="contact")
    assert [m.to_addr for m in contact] == ["agent2@example.test"]
    assert_no_client_details(await outbound(store), allowed_agent=2)
    told = [m for m in await outbound(store, kind="agreement") if m.agent_id == 1]
    assert told and "agreed to the 25% fee" in told[0].body


async def test_sender_adds_receivers_later_and_others_are_told_not_selected(client, store, clock, settings):
    await place_agents(store, clock)
    created = await exchange_referral(client, "private", receiver_agent_ids=[2])
    added = await client.post(f"/api/referrals/{created['id']}/receivers", json={"agent_ids": [3, 2]},
                              headers=client.admin)
    assert (await added.json())["offered"] == 1
    await say(client, settings, 2, "YES")
    await say(client, settings, 3, "yes")
    lists = await outbound(store, kind="interest_list", channel="sms")
    assert "2 interested" in lists[-1].body
    choice = int(re.search(r"(\d)\) Agent 3", lists[-1].body).group(1))
    await say(client, settings, 1, f"AWARD {created['code']} {choice}")
    await say(client, settings, 3, f"AGREE {created['code']}")
    assert (await view(client, created))["winner_agent_id"] == 3
    not_selected = await outbound(store, kind="closed")
    assert [m.agent_id for m in not_selected] == [2] and "went to another agent" in not_selected[0].body
    assert "Agent 3" not in not_selected[0].body
    assert "no referral agreement" in await say(client, settings, 2, "AGREE")


async def test_the_last_one_on_the_list_is_awarded_to_the_last_interested_agent(client, store, clock, settings):
    await place_agents(store, clock)
    created = await exchange_referral(client, "private", receiver_agent_ids=[2, 3])
    await say(client, settings, 2, "YES")
    await say(client, settings, 3, "yes")
    listing = (await outbound(store, kind="interest_list", channel="sms"))[-1].body
    last = re.findall(r"(\d)\) (Agent \d)", listing)[-1][1]
    assert f"You picked {last}" in await say(client, settings, 1, "the last one on the list")
    assert (await view(client, created))["status"] == "pending"


async def test_a_receiver_named_as_on_the_list_is_awarded_and_a_name_not_on_it_is_asked_about(
        client, store, clock, settings):
    def work(session):
        for n, name in ((1, "Sam Ortiz"), (2, "Dana Whitfield"), (3, "Priya Nair")):
            agent_store.create_agent(session, agent_fields(n, name=name), now=clock.now())
    await store.run(work)
    created = await exchange_referral(client, "private", receiver_agent_ids=[2, 3])
    await say(client, settings, 2, "YES")
    await say(client, settings, 3, "yes")
    asked = await say(client, settings, 1, "Give it to Marcus")
    assert f"Which agent gets #{created['code']}?" in asked and (await view(client, created))["status"] != "pending"
    picked = await say(client, settings, 1, "Let's go with Priya Nair. She knows Travis Heights")
    assert "You picked Priya Nair" in picked and (await view(client, created))["status"] == "pending"


async def test_network_invitations_radius_and_nearest_first(client, store, clock, settings):
    await place_agents(store, clock)
    unknown = await client.post("/api/agents/1/network/invitations", json={"email": "nobody@example.test"},
                                headers=client.admin)
    assert unknown.status == 422 and "active agent" in (await unknown.json())["errors"]["email"]
    for body in ({"phone": "+15125550002"}, {"email": "agent3@example.test"}, {"phone": "(512) 555-0004"}):
        response = await client.post("/api/agents/1/network/invitations", json=body, headers=client.admin)
        assert response.status == 201 and (await response.json())["status"] == "pending"
    invites = await outbound(store, kind="network_invite")
    assert len(invites) == 3 and all("/n/" in m.body for m in invites)
    assert "joined Agent 1" in await say(client, settings, 2, "YES")  # accepted by reply
    link = next(m.body for m in invites if m.agent_id == 3)
    path = link[link.index("/n/"):].split()[0]
    assert (await client.post(path, allow_redirects=False)).status == 303  # accepted by link
    await say(client, settings, 4, "YES")
    network = await (await client.get("/api/agents/1/network", headers=client.admin)).json()
    assert {n["agent_id"]: n["status"] for n in network} == {2: "accepted", 3: "accepted", 4: "accepted"}
    created = await exchange_referral(client, "network", radius_miles=25)
    assert created["offered"] == 2  # Houston is 150 miles away
    offers = (await view(client, created))["offers"]
    assert [o["agent_id"] for o in offers] == [2, 3] and offers[0]["miles"] <= offers[1]["miles"]


async def test_open_referral_goes_to_the_area_and_has_a_public_share_page(client, store, clock, settings):
    await place_agents(store, clock)
    created = await exchange_referral(client, "open")
    assert created["offered"] == 2 and created["share_url"].startswith(settings.public_url("/s/"))
    page = await client.get(created["share_url"].replace(settings.public_base_url, ""))
    text = await page.text()
    assert page.status == 200 and created["code"] in text and "78704" in text and "25%" in text
    assert not any(secret in text for secret in SECRETS)
    assert (await client.get("/s/AAAAAAAAAAAAAAAAAAAA")).status == 404


async def test_agreement_signed_on_the_page_records_name_time_and_ip(client, store, clock, settings):
    await place_agents(store, clock)
    await exchange_referral(client, "private", receiver_agent_ids=[2])
    [offer] = await outbound(store, kind="offer")
    path = offer.body[offer.body.index("/x/"):].split()[0]
    assert "I am interested" in await (await client.get(path)).text()
    await client.post(path + "/interest", allow_redirects=False)
    await say(client, settings, 1, "AWARD 1")
    page = await (await client.get(path)).text()
    assert "sign" in page.lower() and CLIENT["name"] not in page
    signed = await client.post(path + "/agree", data={"signed_name": "Agent Two Smith"}, allow_redirects=False,
                               headers={"X-Forwarded-For": "203.0.113.9"})  # not from a trusted proxy: ignored
    assert signed.status == 303
    assert "It&#x27;s yours" in await (await client.get(path)).text()
    agreement = await store.run(lambda s: s.scalar(select(Agreement)))
    assert (agreement.signed_name, agreement.agent_id, agreement.fee_percent) == ("Agent Two Smith", 2, 25.0)
    assert agreement.signed_ip == "127.0.0.1" and agreement.agreed_at == clock.now() and agreement.channel == "web"
    assert [m.to_addr for m in await outbound(store, kind="contact")] == ["agent2@example.test"]


async def test_draft_is_sent_later(client, store, clock, settings):
    await place_agents(store, clock)
    created = await exchange_referral(client, "open", draft=True)
    assert (created["status"], created["offered"]) == ("draft", 0)
    sent = await client.post(f"/api/referrals/{created['id']}/send", headers=client.admin)
    assert (await sent.json())["offered"] == 2 and (await view(client, created))["status"] == "new"
    assert (await client.post(f"/api/referrals/{created['id']}/send", headers=client.admin)).status == 409


async def test_exchange_input_is_validated(client, store, clock, settings):
    await place_agents(store, clock)
    missing = await client.post("/api/referrals", headers=client.admin,
                                json={"client": CLIENT, "zip": "78704", "client_type": "buyer", "mode": "private"})
    assert set((await missing.json())["errors"]) == {"sender_agent_id", "fee_percent", "receiver_agent_ids"}
    unknown = await client.post("/api/referrals", headers=client.admin,
                                json={"client": CLIENT, "zip": "78704", "client_type": "buyer", "mode": "private",
                                      "sender_agent_id": 99, "fee_percent": 25, "receiver_agent_ids": [98]})
    assert unknown.status == 422 and set((await unknown.json())["errors"]) == {"sender_agent_id",
                                                                              "receiver_agent_ids"}


async def test_two_awards_at_once_select_one(client, store, clock, settings):
    await place_agents(store, clock)
    created = await exchange_referral(client, "open")
    await say(client, settings, 2, "YES")
    await say(client, settings, 3, "YES")
    by_text, by_api = await asyncio.gather(
        text_in(client, settings, "+15125550001", "AWARD 1"),
        client.post(f"/api/referrals/{created['id']}/award", json={"choice": 2}, headers=client.admin))
    wins = ["You picked" in reply_text(await by_text.text()), by_api.status == 200]
    assert wins.count(True) == 1
    picked = await store.run(lambda s: list(s.scalars(select(Offer).where(Offer.status == "selected"))))
    assert len(picked) == 1


async def test_two_receivers_agreeing_at_once_one_winner(client, store, clock, settings):
    await place_agents(store, clock)
    await exchange_referral(client, "open")
    await say(client, settings, 2, "YES")
    await say(client, settings, 3, "YES")
    await say(client, settings, 1, "AWARD 1")
    answers = await asyncio.gather(text_in(client, settings, "+15125550002", "AGREE"),
                                   text_in(client, settings, "+15125550003", "I agree"))
    texts = [reply_text(await a.text()) for a in answers]
    assert sum("Agreement recorded" in t for t in texts) == 1
    winners = await store.run(lambda s: list(s.scalars(select(Referral.winner_agent_id))))
    assert len(winners) == 1 and winners[0] in (2, 3)
    assert len(await outbound(store, kind="contact")) == 1
    assert len(await store.run(lambda s: list(s.scalars(select(Agreement))))) == 1


async def test_referral_fee_basis_is_the_receivers_commission_on_page_texts_and_email(client, store, clock, settings):
    await place_agents(store, clock)
    await exchange_referral(client, "private", receiver_agent_ids=[2])
    [offer] = await outbound(store, kind="offer")
    assert re.search(r"Fee 25% of (your )?commission\.", offer.body)
    path = offer.body[offer.body.index("/x/"):].split()[0]
    await client.post(path + "/interest", allow_redirects=False)
    [email] = await outbound(store, kind="interest_list", channel="email")
    assert "referral fee of 25% of the receiving agent's commission on the sale" in email.body
    assert "25% of the receiving agent's commission" in await say(client, settings, 1, "AWARD 1")
    [picked] = await outbound(store, kind="agreement")
    assert re.search(r"[Ff]ee:? 25% of your commission", picked.body)
    page = html.unescape(await (await client.get(path)).text())
    assert "a referral fee of 25% of your commission on this sale (not 25% of the price)" in page
