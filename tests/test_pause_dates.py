"""Pause dates (issue 15): an end date already behind the agent's day is asked about, never applied; dates are read
against the agent's own day in their time zone, not the server's. Over the wire, both databases."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from store.models import Agent
from tests.flows import add_agents, reply_text, text_in

AGENT = "+15125550001"  # agent 1, in America/Chicago
CHICAGO_EVENING = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # Mon Nov 23, 21:00 in Chicago; Nov 24 in UTC


async def say(client, settings, body: str) -> str | None:
    return reply_text(await (await text_in(client, settings, AGENT, body)).text())


async def pause_of(store) -> tuple[str, date | None, date | None]:
    def read(session):
        agent = session.scalars(select(Agent).where(Agent.phone == AGENT)).one()
        return agent.status, agent.paused_from, agent.paused_until
    return await store.run(read)


async def test_a_pause_date_in_the_past_is_asked_about_not_applied(client, store, clock, settings):
    await add_agents(store, clock, 1)
    for text in ("pause until Nov 20", "please hold my referrals until 11/21"):
        answer = await say(client, settings, text)
        assert "has already passed" in answer and "Until when?" in answer
        assert await pause_of(store) == ("active", None, None)
    assert (await say(client, settings, "pause until Dec 10")).startswith("Paused until Dec 10")
    assert await pause_of(store) == ("paused", date(2026, 11, 23), date(2026, 12, 10))


async def test_a_pause_date_is_read_against_the_agents_local_day(client, store, clock, settings):
    await add_agents(store, clock, 1)
    clock.set(CHICAGO_EVENING)
    assert (await say(client, settings, "pause until the 24th")).startswith("Paused until Nov 24")  # UTC: Dec 24
    assert await pause_of(store) == ("paused", date(2026, 11, 23), date(2026, 11, 24))


async def test_the_agents_today_is_not_in_the_past_where_the_server_is_already_tomorrow(client, store, clock,
                                                                                        settings):
    await add_agents(store, clock, 1)
    clock.set(CHICAGO_EVENING)
    assert (await say(client, settings, "pause until Nov 23")).startswith("Paused until Nov 23")
    assert await pause_of(store) == ("paused", date(2026, 11, 23), date(2026, 11, 23))


def test_the_past_date_question_has_a_spanish_text_of_one_segment() -> None:
    from bot import replies, spanish

    text = spanish.translate(replies.pause_date_passed(date(2026, 11, 20)), "es")
    assert text.startswith("El 20 nov ya paso") and len(text) <= 160 and text.isascii()
