"""Privacy as a property: over every outbound message of any scenario, the client's name, phone and email
reach only the agent who won the referral, and only after the award."""
from __future__ import annotations

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import select

from store.models import Message, OutboxRow, Referral
from tests.conftest import truncate_all
from tests.flows import add_agents, drain, new_referral, text_in

CLIENT = {"name": "Zelda Quixote-Marrow", "phone": "+15125557788", "email": "zelda.qm@client.example"}
SECRETS = [CLIENT["name"], "Zelda", "Quixote", CLIENT["phone"], "5125557788", "555-7788", CLIENT["email"]]
REPLIES = ["YES", "yes!", "NO", "pass", "STATUS", "HELP", "STOP", "START", "claim {code}", "cliam", "??",
           "is the client motivated?", "Liked \"New referral #{code}\"", "SOLD $450k", "CALL", "INVOICE",
           "PAUSE until Dec 3", "don't claim yet"]
AGENTS = 6

actions = st.lists(st.tuples(st.integers(1, AGENTS), st.sampled_from(REPLIES)), min_size=1, max_size=12)


@hsettings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=actions)
async def test_client_details_reach_only_the_winner(client, store, clock, settings, script):
    await truncate_all(store)
    await add_agents(store, clock, AGENTS)
    created = await new_referral(client, client=CLIENT)
    for agent_number, body in script:
        await text_in(client, settings, f"+1512555{agent_number:04d}", body.format(code=created["code"]))
    await drain(store, clock)
    winner = await store.run(lambda s: s.scalar(select(Referral.winner_agent_id)))
    messages = await store.run(lambda s: list(s.scalars(select(Message).where(Message.direction == "out"))))
    payloads = await store.run(lambda s: list(s.scalars(select(OutboxRow))))
    winner_email = f"agent{winner}@example.test" if winner else None
    for message in messages:
        text = " ".join(filter(None, [message.subject, message.body, message.url]))
        if any(secret in text for secret in SECRETS):
            assert winner is not None and message.agent_id == winner and message.to_addr == winner_email, text
            assert message.channel == "email" and message.kind == "contact"
    for row in payloads:
        if any(secret in str(row.payload) for secret in SECRETS):
            assert row.recipient == winner_email and row.agent_id == winner
    contact_emails = [m for m in messages if m.kind == "contact"]
    assert len(contact_emails) == (1 if winner else 0)


EXCHANGE_REPLIES = ["YES", "yes", "NO", "AWARD 1", "AWARD 2", "AGREE", "I agree", "STATUS", "HELP", "SOLD $300k",
                    "what's the fee?", "CALL"]
exchange_actions = st.lists(st.tuples(st.integers(1, 4), st.sampled_from(EXCHANGE_REPLIES)), min_size=1, max_size=14)


@hsettings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=exchange_actions, mode=st.sampled_from(["private", "open"]))
async def test_exchange_details_only_after_the_agreement_and_only_to_that_receiver(
        client, store, clock, settings, script, mode):
    """Agent 1 sends; 2-4 receive. After every message: no client detail anywhere unless an agreement exists,
    and then only in the agreed receiver's contact email."""
    from store.models import Agreement

    await truncate_all(store)
    await add_agents(store, clock, 4)
    extra = {"receiver_agent_ids": [2, 3, 4]} if mode == "private" else {}
    await new_referral(client, client=CLIENT, mode=mode, sender_agent_id=1, fee_percent=30, **extra)
    for agent_number, body in script:
        await text_in(client, settings, f"+1512555{agent_number:04d}", body)
        agreement = await store.run(lambda s: s.scalar(select(Agreement)))
        messages = await store.run(lambda s: list(s.scalars(select(Message).where(Message.direction == "out"))))
        for message in messages:
            text = " ".join(filter(None, [message.subject, message.body]))
            if any(secret in text for secret in SECRETS):
                assert agreement is not None and message.agent_id == agreement.agent_id
                assert message.kind == "contact"
