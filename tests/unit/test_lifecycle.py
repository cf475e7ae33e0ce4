"""The transition table: every allowed move passes, every other is refused, for every role."""
from __future__ import annotations

import itertools

import pytest

from bot.lifecycle import TRANSITIONS, WHO_MAY_SET, Role, Status, TransitionRefused, can_move, check_move

PAIRS = list(itertools.product(Status, Status, Role))


@pytest.mark.parametrize("current,target,role", PAIRS)
def test_every_move_is_allowed_exactly_when_the_table_says(current, target, role):
    allowed = target in TRANSITIONS[current] and role in WHO_MAY_SET.get(target, frozenset())
    assert can_move(current, target, role) is allowed
    if allowed:
        assert check_move(current, target, role) is target
    else:
        with pytest.raises(TransitionRefused):
            check_move(current, target, role)


ORDER = [Status.DRAFT, Status.NEW, Status.ACCEPTED, Status.PENDING, Status.AWARDED, Status.WORKING,
         Status.IN_ESCROW, Status.FEE_SENT, Status.FEE_RECEIVED, Status.CLOSED, Status.ARCHIVED]


def test_moves_only_go_forward():
    rank = {s: i for i, s in enumerate(ORDER)}
    for current, targets in TRANSITIONS.items():
        for target in targets:
            if current is not Status.LOST and target is not Status.LOST:
                assert rank[target] > rank[current], (current, target)
    assert TRANSITIONS[Status.ARCHIVED] == frozenset()


def test_fee_sent_by_the_receiver_and_fee_received_by_the_sender():
    assert can_move(Status.IN_ESCROW, Status.FEE_SENT, Role.RECEIVER)
    assert not can_move(Status.IN_ESCROW, Status.FEE_SENT, Role.SENDER)
    assert can_move(Status.FEE_SENT, Status.FEE_RECEIVED, Role.SENDER)
    assert not can_move(Status.FEE_SENT, Status.FEE_RECEIVED, Role.RECEIVER)


def test_report_outcomes_are_reachable_by_the_receiver():
    for current in (Status.AWARDED, Status.WORKING, Status.IN_ESCROW):
        assert can_move(current, Status.CLOSED, Role.RECEIVER)
        assert can_move(current, Status.LOST, Role.RECEIVER)
    assert can_move(Status.AWARDED, Status.WORKING, Role.RECEIVER)
    assert not can_move(Status.CLOSED, Status.WORKING, Role.RECEIVER)
