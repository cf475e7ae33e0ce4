"""Calls (CALL, CONNECT), HELP and what the bot does not understand, as product rules over the in-memory ports."""
from __future__ import annotations

from datetime import timedelta

from bot.messages import Channel
from bot.model import ContactDetails
from bot.testing import T0, World, converse


def winner(world: World, **referral: object) -> tuple[int, int]:
    """An agent who claimed a referral at T0: (agent id, referral id)."""
    agent = world.add_agent().id
    made = world.add_referral(**referral)
    world.add_offer(made.id, agent, now=T0)
    converse(world, agent, "YES", now=T0)
    return agent, made.id


def calls(world: World) -> list[str]:
    return [m.call.url for m in world.sent() if m.channel is Channel.VOICE and m.call is not None]


def test_call_me_places_one_call_that_ends_in_the_keypad_prompt(world: World) -> None:
    agent = world.add_agent().id
    world.add_offer(world.add_referral().id, agent, now=T0)
    assert converse(world, agent, "call me", now=T0).outcome == "call_placed"
    assert converse(world, agent, "call me", now=T0 + timedelta(minutes=1)).outcome == "call_under_way"
    assert len(calls(world)) == 1 and "/twilio/voice/answer?t=" in calls(world)[0]


def test_connect_puts_the_winner_through_to_the_client(world: World) -> None:
    agent, _ = winner(world)
    reply = converse(world, agent, "CONNECT", now=T0 + timedelta(minutes=20))
    assert reply.outcome == "connect_call_placed" and "/twilio/voice/bridge?t=" in calls(world)[0]


def test_connect_is_only_for_the_winner_and_only_with_a_client_phone(world: World) -> None:
    _, referral = winner(world)
    loser = world.add_agent().id
    world.add_offer(referral, loser, now=T0)
    code = world.referral(referral).code
    assert converse(world, loser, f"CONNECT {code}", now=T0).outcome == "connect_not_yours"
    no_phone, _ = winner(world, contact=ContactDetails(name="Pat Quinlan", phone=None, email="pat@example.com"))
    assert converse(world, no_phone, "CONNECT", now=T0).outcome == "connect_no_phone"
    assert calls(world) == []


def test_help_answers_and_changes_nothing(world: World) -> None:
    agent = world.add_agent().id
    reply = converse(world, agent, "HELP", now=T0)
    assert "Reply YES to claim" in (reply.text or "") and world.sent() == [] and world.reviews == []


def test_what_the_bot_does_not_understand_goes_to_a_person_and_reactions_are_ignored(world: World) -> None:
    agent = world.add_agent().id
    assert converse(world, agent, "can you ask my broker about the title company", now=T0).outcome == "review"
    assert [(r.agent_id, r.reason) for r in world.reviews] == [(agent, "unrecognised")]
    reply = converse(world, agent, "Liked “New referral #1001”", now=T0)
    assert reply.text is None and len(world.reviews) == 1
