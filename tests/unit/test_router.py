"""Routers: features are included explicitly, and one intent handled twice is refused at start-up."""
from __future__ import annotations

import typing

import pytest

from bot import events, handlers, intents
from bot.handlers import fallback
from bot.router import DuplicateHandler, Reply, Router


def answer(text: str):
    return lambda intent, ctx: Reply(text, text)


def test_an_included_router_dispatches_its_handlers_and_the_rest_falls_back():
    feature = Router("feature")
    feature.handles(intents.Help)(answer("help"))
    top = Router("top").include(feature)
    assert top.dispatch(intents.Help(), None, fallback=answer("nobody")).outcome == "help"
    assert top.dispatch(intents.Status(), None, fallback=answer("nobody")).outcome == "nobody"


def test_registering_one_intent_twice_on_a_router_raises():
    feature = Router("feature")
    feature.handles(intents.Help)(answer("first"))
    with pytest.raises(DuplicateHandler, match="Help"):
        feature.handles(intents.Help)(answer("second"))
    assert feature.dispatch(intents.Help(), None, fallback=answer("nobody")).outcome == "first"


def test_two_features_handling_one_intent_raise_when_included():
    one, two = Router("one"), Router("two")
    one.handles(intents.Stop)(answer("one"))
    two.handles(intents.Stop)(answer("two"))
    top = Router("top").include(one)
    with pytest.raises(DuplicateHandler, match="Stop"):
        top.include(two)


def test_build_router_gives_every_intent_and_routed_event_exactly_one_handler():
    every_intent = set(typing.get_args(intents.Intent))
    assert set(handlers.build_router().handlers) == every_intent | set(events.EVENTS)
    assert fallback.unknown is handlers.build_router().handlers[intents.Unknown]


def test_build_router_builds_a_fresh_router_each_time():
    """Each call includes the features anew, so building twice is no duplicate."""
    assert handlers.build_router() is not handlers.build_router()
