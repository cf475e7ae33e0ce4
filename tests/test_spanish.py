"""Spanish agents (issue 15): `language` on the agent (en|es, through the API); replies in Spanish, one SMS segment
each; a Spanish message is understood whatever the agent's language."""
from __future__ import annotations

from datetime import date

import pytest

from bot import replies, spanish
from bot.model import BotConfig, ClaimOutcome
from tests.flows import agent_fields, new_referral, reply_text, text_in

CONFIG = BotConfig(program_name="Austin Referral Network", support_contact="help@arn.example")
ENGLISH = [
    *(replies.for_claim(outcome, "4821") for outcome in ClaimOutcome),
    replies.confirm_claim("4821"), replies.confirm_buy("4821"), replies.declined("4821"), replies.no_open_offer(),
    replies.unknown_code("4821"), replies.help_text(CONFIG), replies.stopped(CONFIG), replies.started(CONFIG),
    replies.not_understood(), replies.forwarded_to_team(), replies.noted("4821", "Working with Client"),
    replies.kept_as_note("4821", "Closed"), replies.ask_invalid_reason("4821"), replies.fail_reasons("4821"),
    replies.ask_sale_amount("4821"), replies.nothing_to_report(), replies.paused(None),
    replies.paused(date(2026, 12, 9)), replies.resumed(), replies.calling("4821"),
    replies.which_referral(["4821", "5530"], "YES"), replies.status(["4821", "5530"]),
    replies.report_echo("4821", "sold", 450_000, None), replies.report_echo("4821", "fail", None, "unresponsive"),
]


@pytest.mark.parametrize("english", ENGLISH)
def test_every_reply_an_agent_commonly_gets_has_a_spanish_text_of_one_segment(english: str) -> None:
    text = spanish.translate(english, "es")
    assert text != english and replies.fits_one_segment(text), text
    assert "4821" in text or "4821" not in english


def test_english_agents_get_english_and_unknown_texts_stay_english() -> None:
    assert spanish.translate(replies.declined("4821"), "en") == replies.declined("4821")
    assert spanish.translate("Something new the team wrote.", "es") == "Something new the team wrote."
    assert spanish.translate(None, "es") is None


def test_the_pause_date_is_written_the_spanish_way() -> None:
    assert spanish.translate(replies.paused(date(2026, 12, 9)), "es").startswith("Pausado hasta el 9 dic:")


async def test_the_api_takes_a_language_and_refuses_others(client):
    created = await client.post("/api/agents", json=agent_fields(1, language="es"), headers=client.admin)
    assert created.status == 201 and (await created.json())["language"] == "es"
    wrong = await client.post("/api/agents", json=agent_fields(2, language="fr"), headers=client.admin)
    assert wrong.status == 422 and "language" in (await wrong.json())["errors"]
    default = await client.post("/api/agents", json=agent_fields(3), headers=client.admin)
    assert (await default.json())["language"] == "en"
    agent_id = (await created.json())["id"]
    patched = await client.patch(f"/api/agents/{agent_id}", json={"language": "en"}, headers=client.admin)
    assert (await patched.json())["language"] == "en"


async def test_a_spanish_agent_is_asked_and_answered_in_spanish(client, store, clock, settings):
    await client.post("/api/agents", json=agent_fields(1, language="es"), headers=client.admin)
    created = await new_referral(client)
    phone = agent_fields(1)["phone"]
    question = reply_text(await (await text_in(client, settings, phone, "vale")).text())
    assert question == f"Reclamar #{created['code']}? Responde SI para confirmar."
    won = reply_text(await (await text_in(client, settings, phone, "Sí")).text())
    assert won.startswith(f"#{created['code']} es tuyo!") and replies.fits_one_segment(won)


async def test_an_english_agent_writing_spanish_is_understood_and_answered_in_english(client, store, clock, settings):
    await client.post("/api/agents", json=agent_fields(1), headers=client.admin)
    created = await new_referral(client)
    answer = reply_text(await (await text_in(client, settings, agent_fields(1)["phone"], "Sí, lo tomo")).text())
    assert answer.startswith(f"#{created['code']} is yours!")
