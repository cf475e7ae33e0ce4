"""ExchangePort: interest, the ranked list, the sender's award and the fee agreement, and network invitations; the
same answers and rows from the in-memory ports, SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

from bot.testing import T0

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


async def sent_out(backend, receivers: int = 3):
    """A network referral (25% fee) from a sender to receivers 0, 10, 20... miles away."""
    sender = await backend.agent(name="Sam Sender")
    referral = await backend.referral(mode="network", sender_agent_id=sender.id, fee_percent=25.0)
    people = [await backend.agent() for _ in range(receivers)]
    offers = [await backend.offer(referral.id, a.id, now=T0, miles=float(10 * n)) for n, a in enumerate(people)]
    return sender, referral, people, offers


async def test_interest_counts_once_and_makes_the_referral_accepted(backend):
    _, referral, _, (offer, *_) = await sent_out(backend)
    firsts = await backend.run(T0, lambda p: [p.exchange.express_interest(offer, T0) for _ in range(2)])
    assert firsts == [True, False]
    state = await backend.state()
    assert state.offers[offer.id] == "interested" and state.referrals[referral.id][0] == "accepted"


async def test_candidates_are_ranked_nearest_first_and_the_sender_awards_by_rank(backend):
    sender, referral, people, offers = await sent_out(backend)
    await backend.run(T0, lambda p: [p.exchange.express_interest(o, T0) for o in reversed(offers)])
    ranked = await backend.run(T0, lambda p: p.exchange.candidates(referral.id))
    assert [(c.rank, c.agent.id, c.miles, c.reliability) for c in ranked] == [
        (1, people[0].id, 0.0, None), (2, people[1].id, 10.0, None), (3, people[2].id, 20.0, None)]
    awaiting = await backend.run(T0, lambda p: p.exchange.awaiting_award(sender.id))
    assert [r.id for r in awaiting] == [referral.id]
    chosen = await backend.run(T0, lambda p: (p.exchange.select(referral.id, 2, T0),
                                              p.exchange.select(referral.id, 1, T0)))
    assert chosen == (people[1], None)
    state = await backend.state()
    assert state.referrals[referral.id][:3] == ("pending", None, people[1].id)
    assert [state.offers[o.id] for o in offers] == ["interested", "selected", "interested"]


async def test_only_the_selected_receiver_agrees_once_and_the_rest_are_told(backend):
    _, referral, people, offers = await sent_out(backend)
    await backend.run(T0, lambda p: [p.exchange.express_interest(o, T0) for o in offers[:2]])
    await backend.run(T0, lambda p: (p.exchange.candidates(referral.id), p.exchange.select(referral.id, 1, T0)))
    selected = await backend.run(T0, lambda p: p.exchange.selected_for(people[0].id))
    assert [r.id for r in selected] == [referral.id]
    agreed = await backend.run(T0 + HOUR, lambda p: [p.exchange.agree(referral.id, people[1].id, T0 + HOUR),
                                                     p.exchange.agree(referral.id, people[0].id, T0 + HOUR,
                                                                      signed_name="Agent One"),
                                                     p.exchange.agree(referral.id, people[0].id, T0 + HOUR)])
    assert agreed == [False, True, False]
    state = await backend.state()
    assert state.referrals[referral.id][:2] == ("awarded", people[0].id)
    assert [state.offers[o.id] for o in offers] == ["won", "not_selected", "not_selected"]
    assert {row[1] for row in state.sent("closed")} == {people[1].phone, people[2].phone}


async def test_the_sender_finds_their_referral_by_code_while_it_is_open(backend):
    sender, referral, _, _ = await sent_out(backend)
    found = await backend.run(T0, lambda p: (p.exchange.sender_referral(sender.id, "#" + referral.code),
                                             p.exchange.sender_referral(sender.id + 1, referral.code)))
    assert found[0].id == referral.id and found[1] is None


async def test_an_offer_of_a_referral_and_its_agreement_link(backend):
    _, referral, people, offers = await sent_out(backend)
    found = await backend.run(T0, lambda p: (p.exchange.offer_of(referral.id, people[1].id),
                                             p.exchange.agreement_link(offers[1])))
    assert found[0].id == offers[1].id and found[1].startswith("http://127.0.0.1:8080/x/")


async def test_yes_accepts_the_oldest_pending_invitation_once(backend):
    first_owner, second_owner, member = await backend.agent(), await backend.agent(), await backend.agent()
    first = await backend.link(first_owner.id, member.id)
    second = await backend.link(second_owner.id, member.id)
    owners = await backend.run(T0, lambda p: [p.exchange.accept_pending_invitation(member.id, T0) for _ in range(3)])
    assert [o.id if o else None for o in owners] == [first_owner.id, second_owner.id, None]
    assert (await backend.state()).links == {first: "accepted", second: "accepted"}


async def test_a_candidates_record_counts_reports_on_past_awards_and_ignores_invalid_ones(backend):
    _, referral, (agent, *_), (offer, *_) = await sent_out(backend)
    reported = await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0 - 30 * DAY)
    await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0 - 20 * DAY)  # due, no report
    await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0 - 2 * DAY)  # not due yet
    await backend.referral(status="lost", winner_agent_id=agent.id, awarded_at=T0 - 25 * DAY, invalid=True)
    await backend.run(T0 - 26 * DAY, lambda p: p.referrals.move(reported.id, "awarded", "working_with_client",
                                                                 T0 - 26 * DAY))
    await backend.run(T0, lambda p: p.exchange.express_interest(offer, T0))
    (candidate,) = await backend.run(T0, lambda p: p.exchange.candidates(referral.id))
    assert (candidate.reliability, candidate.report_days) == (0.5, 4.0)
