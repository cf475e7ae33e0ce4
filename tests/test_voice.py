"""Call-to-claim over the wire: signed voice webhooks, TwiML parsed as XML, exclusive keypress claims."""
from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from store.models import Message, Offer, Referral
from tests.flows import CLIENT, add_agents, new_referral, outbound, reply_text, signed_post, text_in

HUMAN = {"AnsweredBy": "human", "CallStatus": "in-progress"}


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


async def ask_for_call(client, settings, store, agent: int, body: str = "CALL") -> tuple[str, Message]:
    answer = reply_text(await (await text_in(client, settings, f"+1512555{agent:04d}", body)).text())
    calls = await outbound(store, channel="voice", agent_id=agent)
    return answer, calls[-1] if calls else None


async def post_voice(client, settings, path: str, **form: str) -> ET.Element:
    params = {"CallSid": form.pop("CallSid", "CA" + "1" * 32), "AccountSid": "AC" + "0" * 32,
              "To": "+15125550001", **form}
    response = await signed_post(client, settings, path, params)
    assert response.status == 200 and response.content_type == "text/xml"
    return ET.fromstring(await response.text())


def said(root: ET.Element) -> str:
    return " ".join(e.text or "" for e in root.iter("Say"))


async def test_call_first_offer_says_call_and_yes_places_a_call_without_claiming(client, store, clock, settings):
    await add_agents(store, clock, 2)
    await new_referral(client, mode="call_first")
    offer_text = (await outbound(store, kind="offer"))[0].body
    assert "Reply CALL" in offer_text
    answer, call = await ask_for_call(client, settings, store, 1, "YES")
    assert "Calling you now" in answer and call is not None
    assert call.url.startswith(settings.public_url("/twilio/voice/answer?t="))
    assert await store.run(lambda s: s.scalar(select(Referral.status))) == "new"
    again, _ = await ask_for_call(client, settings, store, 1, "CALL")
    assert "already calling" in again
    assert len(await outbound(store, channel="voice")) == 1


async def test_answer_twiml_gathers_one_digit_and_never_names_the_client(client, store, clock, settings):
    await add_agents(store, clock, 1)
    created = await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 1)
    root = await post_voice(client, settings, path_of(call.url), **HUMAN)
    gather = root.find("Gather")
    assert gather is not None and gather.get("numDigits") == "1"
    assert gather.get("action").startswith(settings.public_url("/twilio/voice/gather?"))
    assert "Press 1 to claim this referral. Press 2 to pass." in said(gather)
    assert " ".join(created["code"]) in said(root) and "78704" in said(root)
    assert root.find("Redirect") is not None  # silence leads back to the gather step
    text = ET.tostring(root, encoding="unicode")
    assert not any(v in text for v in CLIENT.values()) and "Quinlan" not in text


async def test_machine_answer_leaves_voicemail_without_keypad(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 1)
    root = await post_voice(client, settings, path_of(call.url), AnsweredBy="machine_end_beep")
    assert root.find("Gather") is None and root.find("Hangup") is not None
    assert "reply CALL" in said(root)
    assert await store.run(lambda s: s.scalar(select(Referral.status))) == "new"


async def test_press_1_claims_and_contact_email_goes_to_that_agent_only(client, store, clock, settings):
    await add_agents(store, clock, 3)
    await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 2)
    root = await post_voice(client, settings, path_of(call.url), **HUMAN)
    action = path_of(root.find("Gather").get("action"))
    result = await post_voice(client, settings, action, Digits="1")
    assert "It's yours" in said(result) and result.find("Gather") is not None  # live connect is offered
    again = await post_voice(client, settings, action, Digits="1")  # Twilio retried the webhook
    assert "already yours" in said(again)
    contact = await outbound(store, kind="contact")
    assert [(m.to_addr, m.agent_id) for m in contact] == [("agent2@example.test", 2)]
    for message in await outbound(store):
        if message.kind != "contact":
            assert CLIENT["name"] not in message.body and CLIENT["phone"] not in message.body


async def test_press_2_passes_and_other_keys_prompt_again(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 1)
    action = path_of((await post_voice(client, settings, path_of(call.url), **HUMAN)).find("Gather").get("action"))
    wrong = await post_voice(client, settings, action, Digits="7")
    assert wrong.find("Gather") is not None
    passed = await post_voice(client, settings, action, Digits="2", CallSid="CA" + "2" * 32)
    assert "passed" in said(passed)
    assert await store.run(lambda s: s.scalar(select(Offer.status))) == "declined"


async def test_silence_repeats_twice_then_goodbye_and_one_text(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 1)
    root = await post_voice(client, settings, path_of(call.url), **HUMAN)
    prompts = 1
    action = path_of(root.find("Gather").get("action"))
    while True:
        root = await post_voice(client, settings, action)
        if root.find("Gather") is None:
            break
        prompts += 1
        action = path_of(root.find("Gather").get("action"))
    assert prompts == 3 and root.find("Hangup") is not None
    await post_voice(client, settings, action)  # a retried last step
    texts = await outbound(store, kind="call_no_input")
    assert len(texts) == 1 and "Reply CALL" in texts[0].body


async def test_no_answer_sends_one_missed_call_text(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 1)
    from tests.flows import drain
    await drain(store, clock)
    [call] = await outbound(store, channel="voice")
    for _ in range(2):
        response = await signed_post(client, settings, "/twilio/voice/status",
                                     {"CallSid": call.provider_id, "CallStatus": "no-answer"})
        assert response.status == 204
    missed = await outbound(store, kind="missed_call")
    assert len(missed) == 1 and "Reply CALL" in missed[0].body
    assert (await outbound(store, channel="voice"))[0].status == "no-answer"
    again, _ = await ask_for_call(client, settings, store, 1)  # the call is over: a new one may be placed
    assert "Calling you now" in again


async def test_forged_voice_webhooks_get_403(client, store, clock, settings):
    for path in ("/twilio/voice/answer?t=x", "/twilio/voice/gather?t=x", "/twilio/voice/status"):
        response = await signed_post(client, settings, path, {"CallSid": "CA" + "3" * 32, "Digits": "1"},
                                     signature="forged")
        assert response.status == 403


async def test_two_agents_pressing_1_at_once_on_call_first_one_winner(client, store, clock, settings):
    await add_agents(store, clock, 2)
    await new_referral(client, mode="call_first")
    actions = []
    for n in (1, 2):
        _, call = await ask_for_call(client, settings, store, n)
        root = await post_voice(client, settings, path_of(call.url), **HUMAN, CallSid=f"CA{n:032d}")
        actions.append(path_of(root.find("Gather").get("action")))
    results = await asyncio.gather(*(post_voice(client, settings, a, Digits="1", CallSid=f"CA{n:032d}")
                                     for n, a in zip((1, 2), actions)))
    outcomes = sorted(said(r) for r in results)
    assert sum("It's yours" in o for o in outcomes) == 1 and sum("first" in o for o in outcomes) == 1
    assert len(await store.run(lambda s: list(s.scalars(select(Offer).where(Offer.status == "won"))))) == 1


async def test_keypress_on_requested_call_races_a_texted_yes_one_winner(client, store, clock, settings):
    await add_agents(store, clock, 2)
    created = await new_referral(client, mode="first_come")
    _, call = await ask_for_call(client, settings, store, 1)
    action = path_of((await post_voice(client, settings, path_of(call.url), **HUMAN)).find("Gather").get("action"))
    pressed, texted = await asyncio.gather(post_voice(client, settings, action, Digits="1"),
                                           text_in(client, settings, "+15125550002", f"YES {created['code']}"))
    wins = ["It's yours" in said(pressed), "is yours" in reply_text(await texted.text())]
    assert wins.count(True) == 1
    assert len(await outbound(store, kind="contact")) == 1


async def test_call_url_token_is_signed(client, store, clock, settings):
    await add_agents(store, clock, 1)
    await new_referral(client, mode="call_first")
    _, call = await ask_for_call(client, settings, store, 1)
    token = parse_qs(urlsplit(call.url).query)["t"][0]
    tampered = "/twilio/voice/answer?t=" + ("A" if token[0] != "A" else "B") + token[1:]
    root = await post_voice(client, settings, tampered, **HUMAN)
    assert root.find("Gather") is None and "no longer valid" in said(root)


async def test_requested_call_is_placed_through_the_sdk_against_prism(client, store, clock, settings, prism_twilio):
    """The worker's real TwilioVoiceSender places the call; Prism checks the request against Twilio's spec."""
    from outbound.twilio_client import close_twilio_client, make_twilio_client
    from outbound.twilio_voice import TwilioVoiceSender
    from outbound.worker import Worker
    from tests.peers.twilio_peers import TEST_ACCOUNT_SID, TEST_AUTH_TOKEN

    await add_agents(store, clock, 1)
    await new_referral(client, mode="call_first")
    await ask_for_call(client, settings, store, 1)
    twilio = make_twilio_client(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, str(prism_twilio))
    sender = TwilioVoiceSender(twilio, from_number="+15005550006",
                               status_callback=settings.public_url("/twilio/voice/status"))
    try:
        await Worker(store, {"voice": sender}, clock=clock).drain()
    finally:
        await close_twilio_client(twilio)
    [call] = await outbound(store, channel="voice")
    assert call.provider_id.startswith("CA") and call.url.startswith(settings.public_url("/twilio/voice/answer"))
    assert call.status not in ("failed", "retrying")
