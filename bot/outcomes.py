"""What handling one inbound message came to, as one enum shared by every layer.

A handler returns its answer's text and a `HandlerOutcome`; the adapters choose by it what to say on a call
(inbound/voice.py), which notice a page shows (inbound/pages.py) and which HTTP status an API action answers
(inbound/exchange/api.py), each from a map keyed by this enum that tests require to be complete. The values are
the strings logs, redirects, API bodies and `inbound_emails.outcome` always carried, so nothing stored changes.
"""
from __future__ import annotations

from enum import StrEnum

from bot.clientside import ClientAnswer
from bot.intents import Outcome
from bot.model import ClaimOutcome
from bot.states import OfferStatus


class HandlerOutcome(StrEnum):
    ANSWERED = ""  # an answer that changes nothing (HELP, STATUS)
    # YES on an offer: the exclusive claim (the values of ClaimOutcome)
    WON = "won"
    ALREADY_YOURS = "already_yours"
    TAKEN = "taken"
    EXPIRED = "expired"
    NOT_OFFERED = "not_offered"
    WITHDRAWN = "withdrawn"
    # NO on an offer
    DECLINED = "declined"
    DECLINE_WON = "decline_won"  # the offer had already closed: nothing changes, the answer says why
    DECLINE_LOST = "decline_lost"
    DECLINE_DECLINED = "decline_declined"
    DECLINE_EXPIRED = "decline_expired"
    DECLINE_CANCELLED = "decline_cancelled"
    # which referral the message is about (bot/handlers/lookup.py)
    UNKNOWN_CODE = "unknown_code"
    AMBIGUOUS = "ambiguous"  # several candidates: the answer lists their codes
    NO_OFFER = "no_offer"
    NOT_YOURS = "not_yours"
    # calls and live connect
    CALL_PLACED = "call_placed"
    CALL_UNDER_WAY = "call_under_way"
    CONNECT_NOT_YOURS = "connect_not_yours"
    CONNECT_NO_PHONE = "connect_no_phone"
    CONNECT_CALL_PLACED = "connect_call_placed"
    # paid referrals
    NOT_PAID = "not_paid"  # an invoice asked for on a free referral
    INVOICE_REQUESTED = "invoice_requested"
    INVOICE_RESENT = "invoice_resent"
    REFUNDED_TAKEN = "refunded_taken"  # a payment that came too late
    REFUNDED_EXPIRED = "refunded_expired"
    REFUNDED_NOT_OFFERED = "refunded_not_offered"
    REFUNDED_WITHDRAWN = "refunded_withdrawn"
    # agent-to-agent referrals
    INTERESTED = "interested"
    CLOSED = "closed"
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"  # an agreement signed by a receiver the sender did not pick
    REFUSED = "refused"  # an award or agreement no longer possible; a report that would move backwards
    NOTHING_TO_AWARD = "nothing_to_award"
    NOTHING_TO_AGREE = "nothing_to_agree"
    JOINED = "joined"  # YES accepted a network invitation
    # reports (SOLD ... FAIL: the values of intents.Outcome)
    SOLD = "sold"
    NO_SALE = "no_sale"
    IN_PROGRESS = "in_progress"
    INVALID = "invalid"
    FAIL = "fail"
    NOTED = "noted"
    NOTHING_TO_REPORT = "nothing_to_report"
    ASK_REASON = "ask_reason"
    ASK_AMOUNT = "ask_amount"
    TOO_SOON = "too_soon"
    # the agent's standing
    OPTED_OUT = "opted_out"
    OPTED_IN = "opted_in"
    PAUSED = "paused"
    PAUSE_DATE_PASSED = "pause_date_passed"
    RESUMED = "resumed"
    CAPACITY_SET = "capacity_set"  # "MAX 2 A WEEK"
    CAPACITY_OFF = "capacity_off"  # "MAX OFF"
    # text that is no command
    REVIEW = "review"  # a person reads it
    CONFIRM_ASKED = "confirm_asked"  # "Claim #4821? Reply YES to confirm."
    IGNORED_REACTION = "ignored:reaction"
    IGNORED_AUTO_REPLY = "ignored:auto_reply"
    IGNORED_EMPTY = "ignored:empty"
    IGNORED_ACK = "ignored:ack"  # "thanks", "k" with nothing open to confirm: nothing to answer or review
    # before any handler: who sent it
    UNKNOWN_SENDER = "unknown_sender"
    CLIENT_YES = "client_yes"  # a client answering "has the agent reached you?"
    CLIENT_NOT_YET = "client_not_yet"
    CLIENT_STOP = "client_stop"
    CLIENT_OTHER = "client_other"


CLAIMED: dict[ClaimOutcome, HandlerOutcome] = {claimed: HandlerOutcome(claimed.value) for claimed in ClaimOutcome}
REPORTED: dict[Outcome, HandlerOutcome] = {reported: HandlerOutcome(reported.value) for reported in Outcome}
CLIENT_ANSWERED: dict[ClientAnswer, HandlerOutcome] = {
    ClientAnswer.YES: HandlerOutcome.CLIENT_YES, ClientAnswer.NOT_YET: HandlerOutcome.CLIENT_NOT_YET,
    ClientAnswer.STOP: HandlerOutcome.CLIENT_STOP, ClientAnswer.OTHER: HandlerOutcome.CLIENT_OTHER}
REFUNDED: dict[ClaimOutcome, HandlerOutcome] = {
    ClaimOutcome.TAKEN: HandlerOutcome.REFUNDED_TAKEN, ClaimOutcome.EXPIRED: HandlerOutcome.REFUNDED_EXPIRED,
    ClaimOutcome.NOT_OFFERED: HandlerOutcome.REFUNDED_NOT_OFFERED,
    ClaimOutcome.WITHDRAWN: HandlerOutcome.REFUNDED_WITHDRAWN}
DECLINE_CLOSED: dict[OfferStatus, HandlerOutcome] = {
    OfferStatus.WON: HandlerOutcome.DECLINE_WON, OfferStatus.LOST: HandlerOutcome.DECLINE_LOST,
    OfferStatus.DECLINED: HandlerOutcome.DECLINE_DECLINED, OfferStatus.EXPIRED: HandlerOutcome.DECLINE_EXPIRED,
    OfferStatus.CANCELLED: HandlerOutcome.DECLINE_CANCELLED}
IGNORED: dict[str, HandlerOutcome] = {  # Unknown reasons never answered: no loops, no noise
    "reaction": HandlerOutcome.IGNORED_REACTION, "auto_reply": HandlerOutcome.IGNORED_AUTO_REPLY,
    "empty": HandlerOutcome.IGNORED_EMPTY}


def read_outcome(text: str) -> HandlerOutcome | None:
    """An outcome carried as text (a redirect's query); None for anything else, which is then ignored."""
    try:
        return HandlerOutcome(text)
    except ValueError:
        return None
