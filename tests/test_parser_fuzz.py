"""The parser never raises, whatever it is sent: random and generated text on every channel. Kept out of the
unit tier (tests/unit/test_parser.py has the parser's rules) because thousands of generated inputs take seconds."""
from __future__ import annotations

import random
from datetime import datetime

from bot.intents import Unknown, intent_name, intent_to_json
from bot.messages import Channel
from bot.parser import parse_text

NOW = datetime.fromisoformat("2026-11-22T12:00:00+00:00")  # a Sunday


ALPHABET = "yesnoYESNO claimsoldpause#$0123456789.,!?'\"“”-/:\n\t👍😂🛑é中\u200d\ufe0f"


def test_never_raises_on_random_text() -> None:
    rng = random.Random(20261122)
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        for channel in Channel:
            assert intent_name(parse_text(text, channel, now=NOW))


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test extra; the random loop above still runs
    pass
else:
    @settings(max_examples=500, deadline=None)
    @given(text=st.text(), channel=st.sampled_from(list(Channel)))
    def test_never_raises_on_arbitrary_text(text: str, channel: Channel) -> None:
        intent = parse_text(text, channel, now=NOW)
        assert intent_name(intent)
        assert set(intent_to_json(intent)) >= {"intent", "ref", "amount", "until", "reason"}

    @settings(max_examples=300, deadline=None)
    @given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
    def test_reactions_never_act(text: str) -> None:
        assert parse_text(f'Liked “{text}”', now=NOW) == Unknown("reaction")
