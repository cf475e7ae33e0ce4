"""Agent-to-agent referrals: receivers say they're interested, the sender awards one, the chosen receiver agrees the
fee and only then gets the client. Product rules over the in-memory ports."""
from __future__ import annotations

from datetime import timedelta

from bot.testing import T0, World, converse


def sent_out(world: World, receivers: int = 3) -> tuple[int, int, list[int]]:
    """A network referral (25% fee) from a sender to `receivers` agents, nearest first: (sender, referral, ids)."""
    sender = world.add_agent(name="Sam Sender").id
    referral = world.add_referral(mode="network", sender_agent_id=sender, fee_percent=25.0).id
    ids = [world.add_agent().id for _ in range(receivers)]
    for miles, agent in enumerate(ids):
        world.add_offer(referral, agent, now=T0, miles=float(miles * 10))
    return sender, referral, ids


def test_yes_is_interest_and_the_sender_gets_the_ranked_list(world: World) -> None:
    sender, referral, (near, far, _) = sent_out(world)
    assert converse(world, far, "YES", now=T0).outcome == "interested"
    assert converse(world, near, "YES", now=T0).outcome == "interested"
    assert world.referral(referral).status == "accepted" and world.referral(referral).winner_agent_id is None
    latest = world.sent_to(world.agent(sender).phone)[-1]
    assert latest.startswith("#1001: 2 interested: 1) Agent 2 Smith") and "2) Agent 3 Smith" in latest


def test_the_sender_awards_by_rank_and_only_the_agreement_releases_the_client(world: World) -> None:
    sender, referral, (near, far, other) = sent_out(world)
    converse(world, near, "YES", now=T0)
    converse(world, far, "YES", now=T0)
    assert converse(world, sender, "AWARD 2", now=T0 + timedelta(hours=1)).outcome == "selected"
    assert world.referral(referral).selected_agent_id == far
    assert not [m for m in world.sent() if m.kind == "contact"]
    assert converse(world, far, "AGREE", now=T0 + timedelta(hours=2)).outcome == "won"
    assert world.referral(referral).winner_agent_id == far and world.referral(referral).status == "awarded"
    assert [m.to for m in world.sent() if m.kind == "contact"] == [world.agent(far).email]
    assert [a.agent_id for a in world.agreements] == [far]
    told = {m.to for m in world.sent() if m.kind == "closed"}
    assert told == {world.agent(near).phone, world.agent(other).phone}


def test_an_agent_who_was_not_picked_cannot_agree(world: World) -> None:
    sender, referral, (near, far, _) = sent_out(world)
    converse(world, near, "YES", now=T0)
    converse(world, far, "YES", now=T0)
    converse(world, sender, "AWARD 1", now=T0)
    assert converse(world, far, "AGREE", now=T0).outcome == "nothing_to_agree"
    assert world.referral(referral).winner_agent_id is None


def test_a_second_award_is_refused(world: World) -> None:
    sender, _, (near, far, _) = sent_out(world)
    converse(world, near, "YES", now=T0)
    converse(world, far, "YES", now=T0)
    converse(world, sender, "AWARD 1", now=T0)
    assert converse(world, sender, "AWARD 1001 2", now=T0).outcome == "refused"


def test_yes_with_nothing_open_accepts_a_pending_network_invitation(world: World) -> None:
    owner, member = world.add_agent(name="Olga Owner").id, world.add_agent().id
    world.add_link(owner, member)
    reply = converse(world, member, "YES", now=T0)
    assert reply.outcome == "joined" and "Olga Owner" in (reply.text or "")
    assert world.links[1].status == "accepted"
