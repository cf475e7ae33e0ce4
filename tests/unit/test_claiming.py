"""Claiming and passing, as product rules, over the in-memory ports (no database, no HTTP)."""
from __future__ import annotations

from datetime import timedelta

from bot.messages import Channel
from bot.testing import T0, World, converse


def offered(world: World, agents: int = 2, **referral: object) -> tuple[int, list[int]]:
    """A referral offered (at T0) to `agents` new agents: (referral id, agent ids)."""
    made = world.add_referral(**referral)
    ids = [world.add_agent().id for _ in range(agents)]
    for agent_id in ids:
        world.add_offer(made.id, agent_id, now=T0)
    return made.id, ids


def test_the_first_yes_wins_and_gets_the_client_by_email(world: World) -> None:
    referral, (first, _) = offered(world)
    reply = converse(world, first, "YES", now=T0)
    assert reply.outcome == "won" and "is yours" in (reply.text or "")
    assert world.referral(referral).winner_agent_id == first
    contact = [m for m in world.sent() if m.kind == "contact"]
    assert [m.to for m in contact] == [world.agent(first).email] and "Pat Quinlan" in contact[0].body


def test_everyone_else_offered_it_hears_at_once_that_it_is_gone(world: World) -> None:
    _, (first, *others) = offered(world, agents=4)
    converse(world, first, "yes", now=T0)
    told = {m.to: m.body for m in world.sent() if m.kind == "closed"}
    assert set(told) == {world.agent(other).phone for other in others}
    assert all("claimed by another agent" in body and "Smith" not in body for body in told.values())


def test_the_race_loser_is_told_it_was_taken_and_nothing_changes(world: World) -> None:
    referral, (first, second) = offered(world)
    converse(world, first, "YES", now=T0)
    sent_before = len(world.sent())
    reply = converse(world, second, "YES", now=T0 + timedelta(seconds=1))
    assert reply.outcome == "taken" and "already claimed" in (reply.text or "")
    assert "your answer came at" in (reply.text or "")  # the receipt: times only, nothing about the winner
    assert world.referral(referral).winner_agent_id == first
    assert len(world.sent()) == sent_before


def test_a_repeat_yes_from_the_winner_sends_nothing_twice(world: World) -> None:
    _, (first, _) = offered(world)
    converse(world, first, "YES", now=T0)
    sent_before = len(world.sent())
    assert converse(world, first, "yes!", now=T0 + timedelta(minutes=1)).outcome == "already_yours"
    assert len(world.sent()) == sent_before


def test_an_offer_past_its_60_days_cannot_be_claimed(world: World) -> None:
    referral, (first, _) = offered(world)
    reply = converse(world, first, f"YES {world.referral(referral).code}", now=T0 + timedelta(days=61))
    assert reply.outcome == "expired"
    assert world.referral(referral).winner_agent_id is None


def test_with_several_offers_open_a_bare_yes_asks_which_and_claims_nothing(world: World) -> None:
    one, (agent,) = offered(world, agents=1)
    two = world.add_referral()
    world.add_offer(two.id, agent, now=T0)
    reply = converse(world, agent, "YES", now=T0)
    assert reply.outcome == "ambiguous" and "#1001" in (reply.text or "") and "#1002" in (reply.text or "")
    assert converse(world, agent, "YES 1002", now=T0).outcome == "won"
    assert world.referral(two.id).winner_agent_id == agent and world.referral(one).winner_agent_id is None


def test_no_passes_on_the_offer_and_a_second_no_says_so(world: World) -> None:
    referral, (agent, _) = offered(world)
    assert converse(world, agent, "NO", now=T0).outcome == "declined"
    assert world.offers[1].status == "declined"
    assert converse(world, agent, "no thanks", now=T0).outcome == "decline_declined"
    assert [n.kind for n in world.notes if n.referral_id == referral] == ["declined"]  # the second changed nothing


def test_no_after_someone_else_won_says_it_went_to_another_agent(world: World) -> None:
    _, (first, second) = offered(world)
    converse(world, first, "YES", now=T0)
    assert converse(world, second, "NO", now=T0).outcome == "decline_lost"


def test_a_call_first_referral_is_claimed_by_keypress_so_yes_places_a_call(world: World) -> None:
    referral, (agent, _) = offered(world, mode="call_first")
    assert converse(world, agent, "YES", now=T0).outcome == "call_placed"
    calls = [m for m in world.sent() if m.channel is Channel.VOICE]
    assert len(calls) == 1 and calls[0].call is not None
    assert calls[0].call.url.startswith("http://127.0.0.1:8080/twilio/voice/answer?t=")
    assert world.referral(referral).winner_agent_id is None
    assert converse(world, agent, "YES", now=T0 + timedelta(minutes=2)).outcome == "call_under_way"
    assert converse(world, agent, "YES", now=T0 + timedelta(minutes=11)).outcome == "call_placed"


def test_a_pay_per_referral_plan_is_charged_on_the_award_once(world: World) -> None:
    referral = world.add_referral()
    agent = world.add_agent(pricing={"plan": "per_referral", "fee_cents": 5000}).id
    world.add_offer(referral.id, agent, now=T0)
    converse(world, agent, "YES", now=T0)
    converse(world, agent, "YES", now=T0)
    assert [(e.kind, e.amount_cents) for e in world.ledger] == [("award_fee", 5000)]


def test_a_claim_by_email_is_confirmed_by_text_too(world: World) -> None:
    _, (agent, _) = offered(world)
    converse(world, agent, "Yes please", now=T0, channel=Channel.EMAIL)
    assert [m.kind for m in world.sent() if m.to == world.agent(agent).phone] == ["confirmation"]


def test_yes_with_nothing_open_says_so_and_status_lists_open_offers(world: World) -> None:
    agent = world.add_agent().id
    assert converse(world, agent, "YES", now=T0).outcome == "no_offer"
    referral = world.add_referral()
    world.add_offer(referral.id, agent, now=T0)
    assert "#1001" in (converse(world, agent, "STATUS", now=T0).text or "")
