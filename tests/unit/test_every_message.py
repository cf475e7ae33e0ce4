"""Every message of the parser corpus (what agents really type, on SMS and email) through the parser and the handlers
over the in-memory ports: none raises, and every answer fits one SMS segment, in English and in Spanish."""
from __future__ import annotations

from datetime import timedelta

from bot.messages import Channel
from bot.replies import fits_one_segment
from bot.testing import T0, World, converse
from tests.corpus import SPLITS, Row, load

ROWS = [row for split in SPLITS for row in load(split)]


def busy_agent(world: World, language: str) -> int:
    """An agent with one open offer, one paid offer and one referral awaiting their report."""
    agent = world.add_agent(language=language).id
    world.add_offer(world.add_referral().id, agent, now=T0)
    world.add_offer(world.add_referral(mode="paid", price_cents=15_000).id, agent, now=T0)
    world.add_referral(status="awarded", winner_agent_id=agent, awarded_at=T0 - timedelta(days=20))
    return agent


def test_no_message_raises_and_every_answer_fits_one_segment() -> None:
    too_long: list[tuple[str, str]] = []
    for n, row in enumerate(ROWS):
        world = World()
        language = ("en", "es")[n % 2]  # each message once, the agents' two languages alternately
        reply = converse(world, busy_agent(world, language), row.text, now=T0 + timedelta(hours=1),
                         channel=Channel(row.channel))
        if reply.text is not None and not fits_one_segment(reply.text):
            too_long.append((row.text, reply.text))
    assert ROWS and not too_long, too_long[:5]


def test_the_corpus_is_here(rows: list[Row] = ROWS) -> None:
    assert len(rows) >= 800
