"""Live connect over the wire: after a won 1 on a call_first call, 1 bridges the agent to the client."""
from __future__ import annotations

import asyncio
import dataclasses
import xml.etree.ElementTree as ET

from sqlalchemy import select

from store.models import Referral
from tests.flows import CLIENT, add_agents, new_referral, outbound, signed_post
from tests.test_voice import HUMAN, ask_for_call, path_of, post_voice, said

NETWORK = "+15125550000"


async def won_call(client, store, clock, settings, agent: int = 1, mode: str = "call_first",
                   sid: str = "CA" + "1" * 32) -> tuple[ET.Element, dict]:
    await add_agents(store, clock, agent)
    created = await new_referral(client, mode=mode)
    _, call = await ask_for_call(client, settings, store, agent)
    root = await post_voice(client, settings, path_of(call.url), **HUMAN, CallSid=sid)
    action = path_of(root.find("Gather").get("action"))
    return await post_voice(client, settings, action, Digits="1", CallSid=sid), created


def connect_action(root: ET.Element) -> str:
    return path_of(root.find("Gather").get("action"))


async def test_won_call_first_offers_connect_then_email_on_hang_up(client, store, clock, settings):
    won, _ = await won_call(client, store, clock, settings)
    assert "It's yours" in said(won)
    gather = won.find("Gather")
    assert "Press 1 to be connected to the client now, or hang up and we will email the details" in said(gather)
    assert connect_action(won).startswith("/twilio/voice/connect?t=")
    assert path_of(won.find("Redirect").text) == connect_action(won)
    silent = await post_voice(client, settings, connect_action(won))
    assert silent.find("Dial") is None and silent.find("Hangup") is not None and "by email" in said(silent)
    assert CLIENT["phone"] not in ET.tostring(won, encoding="unicode")


async def test_first_come_win_is_not_offered_connect(client, store, clock, settings):
    won, _ = await won_call(client, store, clock, settings, mode="first_come")
    assert won.find("Gather") is None and "It's yours" in said(won)


async def test_press_1_dials_the_client_from_the_network_number_with_a_whisper(client, store, clock, settings):
    won, _ = await won_call(client, store, clock, settings)
    root = await post_voice(client, settings, connect_action(won), Digits="1", From=NETWORK)
    dial = root.find("Dial")
    assert dial is not None and dial.get("callerId") == NETWORK and dial.get("record") is None
    number = dial.find("Number")
    assert number.text == CLIENT["phone"] and number.get("machineDetection") == "Enable"
    assert number.get("url").startswith(settings.public_url("/twilio/voice/whisper?t="))
    assert CLIENT["phone"] not in said(root) and "recorded" not in said(root)
    whisper = await post_voice(client, settings, path_of(number.get("url")), AnsweredBy="human",
                               CallSid="CA" + "9" * 32)
    assert said(whisper).startswith("Connecting you with ") and whisper.find("Hangup") is None


async def test_whisper_names_the_agent_by_first_name(client, store, clock, settings):
    won, _ = await won_call(client, store, clock, settings)
    root = await post_voice(client, settings, connect_action(won), Digits="1", From=NETWORK)
    whisper = await post_voice(client, settings, path_of(root.find("Dial/Number").get("url")), AnsweredBy="human")
    from store.models import Agent
    first = (await store.run(lambda s: s.get(Agent, 1).name)).split()[0]
    assert said(whisper) == f"Connecting you with {first} from {settings.program_name}."


async def test_repeated_or_racing_connect_webhooks_give_one_bridge(client, store, clock, settings):
    won, _ = await won_call(client, store, clock, settings)
    action = connect_action(won)
    results = await asyncio.gather(*(post_voice(client, settings, action, Digits="1", From=NETWORK)
                                     for _ in range(3)))
    assert sum(r.find("Dial") is not None for r in results) == 1
    assert all(r.find("Hangup") is not None for r in results if r.find("Dial") is None)


async def test_bridge_answered_records_first_contact_time_once_shown_in_api(client, store, clock, settings):
    won, created = await won_call(client, store, clock, settings)
    root = await post_voice(client, settings, connect_action(won), Digits="1", From=NETWORK)
    whisper_url = path_of(root.find("Dial/Number").get("url"))
    answered_at = clock.now()
    await post_voice(client, settings, whisper_url, AnsweredBy="human")
    clock.advance(minutes=5)
    await post_voice(client, settings, whisper_url, AnsweredBy="human")
    stored = await store.run(lambda s: s.scalar(select(Referral.first_contact_at)))
    assert stored == answered_at
    response = await client.get(f"/api/referrals/{created['id']}",
                                headers={"Authorization": f"Bearer {settings.admin_token}"})
    body = await response.json()
    assert body["first_contact_at"] is not None and body["first_contact_at"].startswith(answered_at.date().isoformat())


async def test_busy_no_answer_failure_and_voicemail_are_said_and_end_with_email(client, store, clock, settings):
    won, _ = await won_call(client, store, clock, settings)
    root = await post_voice(client, settings, connect_action(won), Digits="1", From=NETWORK)
    dialed = path_of(root.find("Dial").get("action"))
    expected = {"busy": "busy", "no-answer": "did not answer", "failed": "could not reach"}
    for status, words in expected.items():
        result = await post_voice(client, settings, dialed, DialCallStatus=status)
        assert words in said(result) and "by email" in said(result) and result.find("Hangup") is not None
    machine = await post_voice(client, settings, path_of(root.find("Dial/Number").get("url")),
                               AnsweredBy="machine_start")
    assert machine.find("Hangup") is not None and machine.find("Say") is None
    result = await post_voice(client, settings, dialed, DialCallStatus="completed")
    assert "voicemail" in said(result) and "by email" in said(result)
    assert await store.run(lambda s: s.scalar(select(Referral.first_contact_at))) is None
    assert len(await outbound(store, kind="contact")) == 1


async def test_recording_is_announced_to_both_parties_when_the_network_turns_it_on(store, clock, settings, metrics):
    from aiohttp.test_utils import TestClient, TestServer

    from inbound.web import create_app
    recording = dataclasses.replace(settings, connect_record_calls=True)
    async with TestClient(TestServer(create_app(recording, store, clock, metrics), host="127.0.0.1")) as client:
        client.admin = {"Authorization": f"Bearer {settings.admin_token}"}
        won, _ = await won_call(client, store, clock, recording)
        root = await post_voice(client, recording, connect_action(won), Digits="1", From=NETWORK)
        assert "This call will be recorded." in said(root)
        assert root.find("Dial").get("record") == "record-from-answer-dual"
        whisper = await post_voice(client, recording, path_of(root.find("Dial/Number").get("url")),
                                   AnsweredBy="human")
        assert "This call will be recorded." in said(whisper)


async def test_forged_connect_webhooks_get_403(client, store, clock, settings):
    for path in ("/twilio/voice/connect?t=x", "/twilio/voice/whisper?t=x&c=y", "/twilio/voice/dialed?t=x"):
        response = await signed_post(client, settings, path, {"CallSid": "CA" + "3" * 32, "Digits": "1"},
                                     signature="forged")
        assert response.status == 403


async def test_winner_texting_connect_is_called_then_bridged(client, store, clock, settings):
    await won_call(client, store, clock, settings)
    from tests.flows import drain, reply_text, text_in
    await drain(store, clock)
    clock.advance(minutes=15)  # the claim call is over
    answer = reply_text(await (await text_in(client, settings, "+15125550001", "CONNECT")).text())
    assert "put you through to the client" in answer and CLIENT["phone"] not in answer
    call = (await outbound(store, channel="voice", agent_id=1))[-1]
    assert call.url.startswith(settings.public_url("/twilio/voice/bridge?t="))
    root = await post_voice(client, settings, path_of(call.url), AnsweredBy="human", From=NETWORK,
                            CallSid="CA" + "5" * 32)
    assert root.find("Dial/Number").text == CLIENT["phone"] and root.find("Dial").get("callerId") == NETWORK
    again = await post_voice(client, settings, path_of(call.url), AnsweredBy="human", CallSid="CA" + "5" * 32)
    assert again.find("Dial") is None


async def test_connect_from_an_agent_who_did_not_win_places_no_call(client, store, clock, settings):
    from tests.flows import reply_text, text_in
    await add_agents(store, clock, 2)
    created = await new_referral(client, mode="first_come")
    await text_in(client, settings, "+15125550001", f"YES {created['code']}")
    answer = reply_text(await (await text_in(client, settings, "+15125550002", f"CONNECT {created['code']}")).text())
    assert "not yours" in answer and CLIENT["phone"] not in answer
    assert await outbound(store, channel="voice") == []


async def test_connect_call_left_to_voicemail_asks_for_connect_again(client, store, clock, settings):
    from tests.flows import text_in
    await add_agents(store, clock, 1)
    created = await new_referral(client, mode="first_come")
    await text_in(client, settings, "+15125550001", f"YES {created['code']}")
    await text_in(client, settings, "+15125550001", "connect me")
    [call] = await outbound(store, channel="voice")
    root = await post_voice(client, settings, path_of(call.url), AnsweredBy="machine_end_beep")
    assert root.find("Dial") is None and "Reply CONNECT" in said(root)
