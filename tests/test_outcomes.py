"""The typed vocabulary: every handler outcome has its words on a call, its notice on a page and its HTTP status;
the enums keep the strings already stored."""
from __future__ import annotations

import pytest

from bot.clientside import ClientAnswer
from bot.intents import Outcome
from bot.lifecycle import Status
from bot.model import ClaimOutcome
from bot.outcomes import (
    CLAIMED,
    CLIENT_ANSWERED,
    DECLINE_CLOSED,
    IGNORED,
    REFUNDED,
    REPORTED,
    HandlerOutcome,
    read_outcome,
)
from bot.states import EXCHANGE_MODES, MessageStatus, OfferStatus, OutboxStatus, ReferralMode
from inbound import pages, voice
from inbound.exchange import api as exchange_api

EVERY_OUTCOME = set(HandlerOutcome)


@pytest.mark.parametrize("table", [voice.SPOKEN_OUTCOME, pages.TAP_NOTICE, exchange_api.ACTION_STATUS],
                         ids=["voice", "page", "http"])
def test_every_adapter_map_has_an_entry_for_every_outcome(table):
    assert set(table) == EVERY_OUTCOME


def test_a_call_has_words_for_every_claim_result_and_for_no():
    for outcome in (HandlerOutcome.WON, HandlerOutcome.ALREADY_YOURS, HandlerOutcome.TAKEN, HandlerOutcome.EXPIRED,
                    HandlerOutcome.DECLINED):
        assert voice.SPOKEN_OUTCOME[outcome] != voice.GOODBYE
    assert voice.SPOKEN_OUTCOME[HandlerOutcome.REVIEW] == voice.GOODBYE


def test_the_api_answers_200_only_when_the_action_happened():
    assert exchange_api.ACTION_STATUS[HandlerOutcome.SELECTED] == 200
    assert {exchange_api.ACTION_STATUS[o] for o in (HandlerOutcome.REFUSED, HandlerOutcome.NOT_YOURS,
                                                     HandlerOutcome.NOTHING_TO_AWARD)} == {409}
    assert set(exchange_api.ACTION_STATUS.values()) == {200, 409}


def test_a_page_notice_shows_only_on_the_page_of_its_state():
    assert pages.tap_notice(HandlerOutcome.CALL_UNDER_WAY, pages.State.OPEN) is not None
    assert pages.tap_notice(HandlerOutcome.CALL_UNDER_WAY, pages.State.YOURS) is None
    assert pages.tap_notice(HandlerOutcome.CONNECT_CALL_PLACED, pages.State.YOURS) is not None
    assert pages.tap_notice(HandlerOutcome.CONNECT_CALL_PLACED, pages.State.OPEN) is None
    assert pages.tap_notice(None, pages.State.OPEN) is None


def test_each_domain_result_has_its_handler_outcome():
    assert set(CLAIMED) == set(ClaimOutcome) and all(CLAIMED[c] == c.value for c in ClaimOutcome)
    assert set(REPORTED) == set(Outcome) and all(REPORTED[r] == r.value for r in Outcome)
    assert set(CLIENT_ANSWERED) == set(ClientAnswer)
    assert set(REFUNDED) == set(ClaimOutcome) - {ClaimOutcome.WON, ClaimOutcome.ALREADY_YOURS}
    assert set(DECLINE_CLOSED) == {OfferStatus.WON, OfferStatus.LOST, OfferStatus.DECLINED, OfferStatus.EXPIRED,
                                   OfferStatus.CANCELLED}
    assert set(IGNORED) == {"reaction", "auto_reply", "empty"}


def test_an_outcome_read_back_from_text_is_a_member_or_nothing():
    assert read_outcome("call_under_way") is HandlerOutcome.CALL_UNDER_WAY
    assert read_outcome("<script>") is None


# The strings already in the database and in logs, redirects and API bodies: a member renamed by value would
# orphan stored rows (no migration converts them), so the values are pinned here.
STORED = {
    OfferStatus: {"open", "interested", "selected", "won", "lost", "not_selected", "declined", "expired", "cancelled"},
    ReferralMode: {"first_come", "call_first", "paid", "private", "network", "open"},
    OutboxStatus: {"pending", "sending", "sent", "dead"},
    MessageStatus: {"received", "queued", "held", "accepted", "scheduled", "sending", "retrying", "sandboxed", "sent",
                    "ringing", "in-progress", "delivered", "undelivered", "failed", "read", "completed", "busy",
                    "no-answer", "canceled"},
    Status: {"draft", "new", "accepted", "pending", "awarded", "working_with_client", "in_escrow", "fee_sent",
             "fee_received", "closed", "lost", "archived"},
}


@pytest.mark.parametrize("enum", list(STORED), ids=lambda e: e.__name__)
def test_the_enums_keep_the_stored_strings(enum):
    assert {member.value for member in enum} == STORED[enum]


def test_exchange_modes_are_the_agent_to_agent_ones():
    assert set(EXCHANGE_MODES) == {ReferralMode.PRIVATE, ReferralMode.NETWORK, ReferralMode.OPEN}
