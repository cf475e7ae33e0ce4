"""ReferralsPort: the same answers and the same rows from the in-memory ports, SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

from bot.model import ClaimOutcome
from bot.testing import T0

HOUR = timedelta(hours=1)


async def offered(backend, agents: int = 2, **referral):
    """A referral offered at T0 to `agents` new agents: (referral, [agent views], [offer views])."""
    made = await backend.referral(**referral)
    people = [await backend.agent() for _ in range(agents)]
    offers = [await backend.offer(made.id, a.id, now=T0) for a in people]
    return made, people, offers


async def test_open_offers_are_the_open_unexpired_ones_of_available_referrals_oldest_first(backend):
    agent = await backend.agent()
    later, sooner, gone, closed = [await backend.referral() for _ in range(4)]
    await backend.offer(later.id, agent.id, now=T0 + HOUR)
    await backend.offer(sooner.id, agent.id, now=T0)
    await backend.offer(gone.id, agent.id, now=T0 - timedelta(days=61))
    await backend.offer(closed.id, agent.id, now=T0, status="declined")
    found = await backend.run(T0 + 2 * HOUR, lambda p: p.referrals.open_offers(agent.id, T0 + 2 * HOUR))
    assert [o.referral.id for o in found] == [sooner.id, later.id]
    assert found[0].referral.code == sooner.code and found[0].status == "open"


async def test_the_latest_offer_is_the_newest_whatever_its_status(backend):
    agent = await backend.agent()
    first, second = await backend.referral(), await backend.referral()
    await backend.offer(first.id, agent.id, now=T0)
    await backend.offer(second.id, agent.id, now=T0 + HOUR, status="declined")
    latest = await backend.run(T0, lambda p: p.referrals.latest_offer(agent.id))
    assert latest.referral.id == second.id and latest.status == "declined"
    nobody = await backend.agent()
    assert await backend.run(T0, lambda p: p.referrals.latest_offer(nobody.id)) is None


async def test_an_offer_is_found_by_its_code_with_or_without_the_hash_and_only_for_its_agent(backend):
    referral, (mine, other), _ = await offered(backend)
    stranger = await backend.agent()
    found = await backend.run(T0, lambda p: [p.referrals.offer_by_code(mine.id, referral.code),
                                             p.referrals.offer_by_code(other.id, "#" + referral.code),
                                             p.referrals.offer_by_code(stranger.id, referral.code)])
    assert [o.agent_id if o else None for o in found] == [mine.id, other.id, None]


async def test_the_first_claim_wins_and_everyone_else_offered_it_is_told(backend):
    referral, (first, second, third), offers = await offered(backend, agents=3)
    assert await backend.run(T0, lambda p: p.referrals.claim(offers[0], T0)) is ClaimOutcome.WON
    state = await backend.state()
    assert state.referrals[referral.id][:2] == ("awarded", first.id)
    assert [state.offers[o.id] for o in offers] == ["won", "lost", "lost"]
    assert {(row[1], row[2]) for row in state.sent("closed")} == {
        (second.phone, f"closed:{referral.id}:{second.id}"), (third.phone, f"closed:{referral.id}:{third.id}")}
    assert (referral.id, first.id, "claimed", f"Claimed by agent {first.id}") in state.notes


async def test_a_claim_read_before_someone_else_won_is_taken_and_changes_nothing(backend):
    referral, _, offers = await offered(backend)
    stale = offers[1]  # read before the first claim, as a concurrent claimer would have it
    await backend.run(T0, lambda p: p.referrals.claim(offers[0], T0))
    before = await backend.state()
    assert await backend.run(T0, lambda p: p.referrals.claim(stale, T0)) is ClaimOutcome.TAKEN
    fresh = await backend.run(T0, lambda p: p.referrals.offer_by_code(stale.agent_id, referral.code))
    assert await backend.run(T0, lambda p: p.referrals.claim(fresh, T0)) is ClaimOutcome.TAKEN
    assert await backend.state() == before


async def test_the_winners_repeat_claim_is_already_theirs_from_a_stale_or_a_fresh_read(backend):
    referral, (first, _), offers = await offered(backend)
    await backend.run(T0, lambda p: p.referrals.claim(offers[0], T0))
    fresh = await backend.run(T0, lambda p: p.referrals.offer_by_code(first.id, referral.code))
    answers = await backend.run(T0, lambda p: [p.referrals.claim(offers[0], T0), p.referrals.claim(fresh, T0)])
    assert answers == [ClaimOutcome.ALREADY_YOURS, ClaimOutcome.ALREADY_YOURS]


async def test_an_expired_or_withdrawn_offer_cannot_be_claimed(backend):
    referral, _, (old, _) = await offered(backend)
    cancelled_referral = await backend.referral()
    agent = await backend.agent()
    withdrawn = await backend.offer(cancelled_referral.id, agent.id, now=T0, status="cancelled")
    late = T0 + timedelta(days=60)
    answers = await backend.run(late, lambda p: [p.referrals.claim(old, late), p.referrals.claim(withdrawn, T0)])
    assert answers == [ClaimOutcome.EXPIRED, ClaimOutcome.WITHDRAWN]
    assert (await backend.state()).referrals[referral.id][:2] == ("new", None)


async def test_a_decline_closes_only_an_open_offer_and_is_noted_either_way(backend):
    referral, (agent, _), (offer, _) = await offered(backend)
    await backend.run(T0, lambda p: p.referrals.decline(offer, T0))
    declined = await backend.run(T0, lambda p: p.referrals.offer_by_code(agent.id, referral.code))
    await backend.run(T0, lambda p: p.referrals.decline(declined, T0))
    state = await backend.state()
    assert state.offers[offer.id] == "declined"
    assert state.notes == [(referral.id, agent.id, "declined", f"Declined by agent {agent.id}")] * 2


async def test_the_clients_details_go_to_the_winner_only(backend):
    referral, (first, second), offers = await offered(backend)
    await backend.run(T0, lambda p: p.referrals.claim(offers[0], T0))
    found = await backend.run(T0, lambda p: [p.referrals.contact_for_winner(referral.id, first.id),
                                             p.referrals.contact_for_winner(referral.id, second.id)])
    assert found[0].name == "Pat Quinlan" and found[0].phone == "+15125559876" and found[1] is None


async def test_referrals_awaiting_the_winners_update_oldest_award_first_and_by_code(backend):
    agent = await backend.agent()
    newer = await backend.referral(status="working_with_client", winner_agent_id=agent.id, awarded_at=T0)
    older = await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0 - HOUR)
    done = await backend.referral(status="closed", winner_agent_id=agent.id, awarded_at=T0 - 2 * HOUR)
    found = await backend.run(T0, lambda p: (p.referrals.awaiting_update(agent.id),
                                             p.referrals.won_by_code(agent.id, "#" + done.code),
                                             p.referrals.won_by_code((agent.id + 1), done.code)))
    assert [r.id for r in found[0]] == [older.id, newer.id]
    assert found[1].id == done.id and found[1].status == "closed" and found[2] is None


async def test_a_move_happens_only_from_the_status_it_was_checked_against(backend):
    agent = await backend.agent()
    referral = await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0)
    moves = await backend.run(T0, lambda p: [
        p.referrals.move(referral.id, "working_with_client", "closed", T0, sale_amount=1),
        p.referrals.move(referral.id, "awarded", "closed", T0, sale_amount=455_000),
        p.referrals.move(referral.id, "awarded", "lost", T0, lost_reason="no sale")])
    assert moves == [False, True, False]
    state = await backend.state()
    assert state.referrals[referral.id] == ("closed", agent.id, None, 455_000, None, False)
    assert state.notes == [(referral.id, None, "status", "awarded -> closed")]


async def test_a_lost_move_keeps_the_reason_and_the_invalid_mark(backend):
    agent = await backend.agent()
    referral = await backend.referral(status="awarded", winner_agent_id=agent.id, awarded_at=T0)
    await backend.run(T0, lambda p: p.referrals.move(referral.id, "awarded", "lost", T0,
                                                     lost_reason="invalid: wrong number", invalid=True))
    assert (await backend.state()).referrals[referral.id][3:] == (None, "invalid: wrong number", True)


async def test_notes_keep_the_words_trimmed_and_bounded_and_skip_blank_ones(backend):
    referral, (agent, _), _ = await offered(backend)
    await backend.run(T0, lambda p: [p.referrals.note(referral.id, agent.id, "report", text, T0)
                                     for text in ("  showing homes Sat  ", "   ", "x" * 2500)])
    assert (await backend.state()).notes == [(referral.id, agent.id, "report", "showing homes Sat"),
                                             (referral.id, agent.id, "report", "x" * 2000)]


async def test_about_remembers_the_first_referral_the_message_resolved_to(backend):
    first, second = await backend.referral(), await backend.referral()

    def resolve(p):
        p.referrals.about(first.id)
        p.referrals.about(second.id)
        return p.referrals.referral_id
    assert await backend.run(T0, resolve) == first.id


async def test_the_winner_gets_the_senders_note_about_the_client(backend):
    referral, (first, _), offers = await offered(backend, note="Prefers texts after 5pm")
    await backend.run(T0, lambda p: p.referrals.claim(offers[0], T0))
    found = await backend.run(T0, lambda p: p.referrals.contact_for_winner(referral.id, first.id))
    assert found.note == "Prefers texts after 5pm"


async def test_a_loser_who_opted_out_of_texts_or_was_offered_by_email_is_told_by_email(backend):
    referral = await backend.referral()
    winner = await backend.agent()
    opted_out = await backend.agent(sms_opted_out_at=T0 - HOUR)
    by_email = await backend.agent()
    offers = [await backend.offer(referral.id, winner.id, now=T0),
              await backend.offer(referral.id, opted_out.id, now=T0),
              await backend.offer(referral.id, by_email.id, now=T0, channel="email")]
    await backend.run(T0, lambda p: p.referrals.claim(offers[0], T0))
    told = sorted((row[0], row[1], row[4]) for row in (await backend.state()).sent("closed"))
    notice = f"#{referral.code} was claimed by another agent. We'll send you the next one.\n"
    assert told == sorted([("email", opted_out.email, notice), ("email", by_email.email, notice)])
