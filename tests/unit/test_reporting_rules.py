"""Reporting back, pausing and opting out, as product rules over the in-memory ports."""
from __future__ import annotations

from datetime import date, timedelta

from bot.testing import T0, World, converse

COMMISSION = {"plan": "commission", "agent_commission_rate": 0.03, "referral_fee_share": 0.25}


def won(world: World, **agent: object) -> tuple[int, int]:
    """An agent who claimed a referral at T0: (agent id, referral id)."""
    agent_id = world.add_agent(**agent).id
    referral = world.add_referral()
    world.add_offer(referral.id, agent_id, now=T0)
    assert converse(world, agent_id, "YES", now=T0).outcome == "won"
    return agent_id, referral.id


def test_sold_with_an_amount_closes_the_referral_and_echoes_it(world: World) -> None:
    agent, referral = won(world)
    reply = converse(world, agent, "SOLD $455,000", now=T0 + timedelta(days=40))
    assert reply.text == "Marked #1001 SOLD $455,000. Thanks for the update!"
    assert world.referrals[referral].status == "closed" and world.referrals[referral].sale_amount == 455_000
    assert [n.text for n in world.notes if n.kind == "report"] == ["SOLD $455,000"]


def test_a_commission_fee_is_a_share_of_the_agents_commission_never_of_the_price(world: World) -> None:
    agent, _ = won(world, pricing=COMMISSION)
    reply = converse(world, agent, "sold 700k", now=T0 + timedelta(days=40))
    assert reply.text == "SOLD #1001 $700,000 recorded: fee 25% of 3% = $5,250. Thanks for the update!"
    assert world.balance(agent) == 525_000


def test_on_a_commission_plan_sold_without_a_price_asks_for_it_and_records_nothing(world: World) -> None:
    agent, referral = won(world, pricing=COMMISSION)
    assert converse(world, agent, "SOLD", now=T0 + timedelta(days=40)).outcome == "ask_amount"
    assert world.referrals[referral].status == "awarded" and world.ledger == []


def test_in_progress_then_a_backwards_update_is_kept_as_a_note(world: World) -> None:
    agent, referral = won(world)
    assert converse(world, agent, "in progress, showing homes", now=T0 + timedelta(days=3)).outcome == "in_progress"
    converse(world, agent, "NO SALE", now=T0 + timedelta(days=9))
    reply = converse(world, agent, "IN PROGRESS 1001 after all", now=T0 + timedelta(days=10))
    assert reply.outcome == "refused" and "can't move back" in (reply.text or "")
    assert world.referrals[referral].status == "lost"
    assert world.notes[-1].kind == "note" and world.notes[-1].text == "IN PROGRESS 1001 after all"


def test_invalid_needs_a_reason_and_then_costs_nothing(world: World) -> None:
    agent, referral = won(world, pricing={"plan": "per_referral", "fee_cents": 5000})
    assert converse(world, agent, "INVALID", now=T0 + timedelta(days=1)).outcome == "ask_reason"
    assert converse(world, agent, "INVALID wrong number", now=T0 + timedelta(days=1)).outcome == "invalid"
    assert world.referrals[referral].invalid and world.balance(agent) == 0


def test_fail_as_unresponsive_only_after_30_days(world: World) -> None:
    agent, referral = won(world)
    assert converse(world, agent, "FAIL unresponsive", now=T0 + timedelta(days=10)).outcome == "too_soon"
    assert converse(world, agent, "FAIL unresponsive", now=T0 + timedelta(days=31)).outcome == "fail"
    assert world.referrals[referral].lost_reason == "failed: unresponsive"


def test_a_report_from_an_agent_who_did_not_win_changes_nothing(world: World) -> None:
    _, referral = won(world)
    other = world.add_agent().id
    assert converse(world, other, "SOLD 1001 $400k", now=T0).outcome == "not_yours"
    assert world.referrals[referral].status == "awarded"


def test_a_report_lifts_a_suspension_for_overdue_reports_once_nothing_is_overdue(world: World) -> None:
    agent, _ = won(world)
    world.agents[agent].status, world.agents[agent].suspended_reason = "suspended", "overdue reports"
    converse(world, agent, "SOLD $400,000", now=T0 + timedelta(days=45))
    assert world.agent(agent).status == "active" and world.agent(agent).suspended_reason is None


def test_pause_until_a_date_then_resume(world: World) -> None:
    agent = world.add_agent().id
    reply = converse(world, agent, "pause until Dec 9", now=T0)
    assert reply.text == "Paused until Dec 9: no new offers till then. Reply RESUME to come back sooner."
    view = world.agent(agent)
    assert (view.status, view.paused_from, view.paused_until) == ("paused", date(2026, 11, 23), date(2026, 12, 9))
    assert converse(world, agent, "RESUME", now=T0).outcome == "resumed"
    assert world.agent(agent).status == "active" and world.agent(agent).paused_until is None


def test_a_pause_date_already_behind_the_agents_day_is_asked_about_not_applied(world: World) -> None:
    agent = world.add_agent().id
    assert converse(world, agent, "pause until Nov 20", now=T0).outcome == "pause_date_passed"
    assert world.agent(agent).status == "active"


def test_a_suspended_agent_cannot_pause_their_way_out(world: World) -> None:
    agent = world.add_agent(status="suspended", suspended_reason="payment failed").id
    converse(world, agent, "PAUSE", now=T0)
    assert world.agent(agent).status == "suspended"


def test_stop_opts_out_of_texts_and_start_opts_back_in(world: World) -> None:
    agent = world.add_agent().id
    assert converse(world, agent, "STOP", now=T0).outcome == "opted_out"
    assert world.agent(agent).sms_opted_out and world.agents[agent].sms_opt_out_source == "sms"
    assert converse(world, agent, "START", now=T0).outcome == "opted_in"
    assert not world.agent(agent).sms_opted_out


def test_a_spanish_speaking_agent_is_answered_in_spanish(world: World) -> None:
    agent = world.add_agent(language="es").id
    assert converse(world, agent, "RESUME", now=T0).text != converse(world, world.add_agent().id, "RESUME",
                                                                      now=T0).text
