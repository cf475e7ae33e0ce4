"""Every text the bot sends fits one SMS segment (160 GSM-7 characters) for the longest inputs it can get: six-digit
codes (a million referrals), eight-figure prices, the longest labels and reasons, full lists, signed links on a
realistic base URL and long agent names, in English and in Spanish. A text that would split costs twice and
arrives in pieces."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bot import replies, spanish
from bot.closing import Closure, notice_text
from bot.model import AgentView, BotConfig, Candidate, ClaimOutcome, OfferView, RaceReceipt, ReferralSummary
from bot.replies import fits_one_segment
from bot.tokens import make_token

CODE = "999999"
CODES = [str(999990 + n) for n in range(10)]
BASE = "https://referrals.austin-network.com"
EXPIRES = datetime(2027, 1, 22, tzinfo=UTC)
LINK = f"{BASE}/r/{make_token('s', 'offer', 99_999_999, EXPIRES)}"
NAME = "Maria-Fernanda Gonzalez"  # 23 characters: longer than 95% of agents' names
DAY = date(2027, 9, 30)  # "Sep 30": the longest month-day
CONFIG = BotConfig(program_name="Austin Referral Network", support_contact="support@austin-network.com")
REFERRAL = ReferralSummary(id=1, code=CODE, mode="first_come", status="new", zip_code="78704",
                           client_type="seller", price_min=10_500_000, price_max=12_750_000,
                           timeline="more than 12 months", price_cents=99_999_900, fee_percent=33.5)
STRETCHED = AgentView(id=1, name=NAME, phone="+15125550100", email="a@example.test", timezone="America/Chicago",
                      client_types=("buyer",), status="paused", paused_from=None, paused_until=DAY,
                      sms_opted_out=False, suspended_reason="overdue reports", max_per_week=99, won_this_week=99)
OFFER = OfferView(id=99_999_999, agent_id=1, status="open", channel="sms", notified_at=EXPIRES, expires_at=EXPIRES,
                  referral=REFERRAL)
AGENT = AgentView(id=1, name=NAME, phone="+15125550100", email="a@b.test", timezone="America/Chicago",
                  client_types=("buyer",), status="active", paused_from=None, paused_until=None, sms_opted_out=False)
CANDIDATES = [Candidate(rank, replace(AGENT, name=f"{NAME} {rank}"), 42.0, None, None) for rank in range(1, 9)]
REASON = "x" * 80

TEXTS: dict[str, Callable[[], str]] = {
    **{f"for_claim:{o}": (lambda o=o: replies.for_claim(o, CODE)) for o in ClaimOutcome},
    **{f"decline_closed:{s}": (lambda s=s: replies.decline_closed(CODE, s))
       for s in ("won", "lost", "declined", "cancelled", "expired")},
    **{f"report_echo:{o}": (lambda o=o: replies.report_echo(CODE, o, 99_999_999, f"invalid: {REASON}"))
       for o in ("sold", "no_sale", "in_progress", "invalid", "fail")},
    **{f"which_referral:{v}": (lambda v=v: replies.which_referral(CODES, v))
       for v in ("YES", "NO", "CALL", "CONNECT", "INVOICE", "SOLD", "NO SALE", "IN PROGRESS", "AWARD", "AGREE")},
    **{f"notice:{c}:{m}": (lambda c=c, m=m: notice_text(CODE, c, m, invoice_voided=True))
       for c in Closure for m in ("first_come", "paid")},
    "calling": lambda: replies.calling(CODE),
    "call_already_under_way": lambda: replies.call_already_under_way(CODE),
    "connecting": lambda: replies.connecting(CODE),
    "connect_not_yours": lambda: replies.connect_not_yours(CODE),
    "connect_no_phone": lambda: replies.connect_no_phone(CODE),
    "missed_call": lambda: replies.missed_call(CODE),
    "no_keypress": lambda: replies.no_keypress(CODE),
    "declined": lambda: replies.declined(CODE),
    "no_open_offer": replies.no_open_offer,
    "unknown_code": lambda: replies.unknown_code(CODE),
    "status": lambda: replies.status(CODES, CODES),
    "status_offers": lambda: replies.status_offers(CODES),
    "unknown_sender": lambda: replies.unknown_sender(CONFIG),
    "help_text": lambda: replies.help_text(CONFIG),
    "stopped": lambda: replies.stopped(CONFIG),
    "started": lambda: replies.started(CONFIG),
    "not_understood": replies.not_understood,
    "forwarded_to_team": replies.forwarded_to_team,
    "sold_fee_echo:commission": lambda: replies.sold_fee_echo(CODE, 99_999_999, "33.5% of 3.25%", 99_999_999_99),
    "sold_fee_echo:flat": lambda: replies.sold_fee_echo(CODE, 99_999_999, "flat per sale", 99_999_99),
    "not_your_referral": lambda: replies.not_your_referral(CODE),
    "nothing_to_report": replies.nothing_to_report,
    "noted": lambda: replies.noted(CODE, "Working with Client"),
    "kept_as_note": lambda: replies.kept_as_note(CODE, "Working with Client"),
    "ask_invalid_reason": lambda: replies.ask_invalid_reason(CODE),
    "fail_reasons": lambda: replies.fail_reasons(CODE),
    "fail_too_soon": lambda: replies.fail_too_soon(CODE, 30),
    "ask_sale_amount": lambda: replies.ask_sale_amount(CODE),
    "paused": lambda: replies.paused(DAY),
    "paused:indefinitely": lambda: replies.paused(None),
    "out_of_office_pause_offer": lambda: replies.out_of_office_pause_offer(DAY),
    "pause_date_passed": lambda: replies.pause_date_passed(DAY),
    "resumed": replies.resumed,
    "capacity_set": lambda: replies.capacity_set(99),
    "capacity_off": replies.capacity_off,
    "no_offers_because:at_capacity": lambda: replies.no_offers_because("at_capacity", STRETCHED),
    "no_offers_because:away": lambda: replies.no_offers_because("away", STRETCHED),
    "no_offers_because:on_hold": lambda: replies.no_offers_because("on_hold", STRETCHED),
    "with_open_offers": lambda: replies.with_open_offers(replies.no_offers_because("away", STRETCHED), CODES),
    "lost_race": lambda: replies.lost_race(CODE, RaceReceipt(claimed_after=99, answered_after=47 * 3600)),
    "digest_text": lambda: replies.digest_text(CODES),
    "overdue_warning": lambda: replies.overdue_warning(CODES, 7),
    "suspended_for_reports": lambda: replies.suspended_for_reports(CODES),
    "free_to_claim": lambda: replies.free_to_claim(CODE),
    "expired_referral": lambda: replies.expired_referral(CODE),
    "purchased_already": lambda: replies.purchased_already(CODE),
    "invoice_coming": lambda: replies.invoice_coming(CODE, 99_999_900, "seller in 78704"),
    "invoice_link": lambda: replies.invoice_link(CODE, 99_999_900, LINK, "seller in 78704"),
    "invoice_voided": lambda: replies.invoice_voided(CODE),
    "refunded_taken": lambda: replies.refunded_taken(CODE),
    "refunded_expired": lambda: replies.refunded_expired(CODE),
    "card_declined": lambda: replies.card_declined(LINK),
    "balance_paid": replies.balance_paid,
    "offer_text": lambda: replies.offer_text(OFFER, LINK),
    **{f"offer_text:{m}": (lambda m=m: replies.offer_text(replace(OFFER, referral=replace(REFERRAL, mode=m)), LINK))
       for m in ("call_first", "paid")},
    "exchange_offer_text": lambda: replies.exchange_offer_text(OFFER, NAME, LINK),
    "interest_noted": lambda: replies.interest_noted(CODE),
    "exchange_closed": lambda: replies.exchange_closed(CODE),
    "candidate_list_text": lambda: replies.candidate_list_text(CODE, CANDIDATES),
    "selected": lambda: replies.selected(REFERRAL, LINK),
    "awarded_to": lambda: replies.awarded_to(CODE, NAME, 33.5),
    "award_refused": lambda: replies.award_refused(CODE, 12),
    "nothing_to_award": replies.nothing_to_award,
    "award_which": lambda: replies.award_which(CODE),
    "nothing_to_agree": replies.nothing_to_agree,
    "agreement_closed": lambda: replies.agreement_closed(CODE),
    "agreement_recorded": lambda: replies.agreement_recorded(CODE),
    "agreement_done": lambda: replies.agreement_done(CODE, NAME, 33.5),
    "network_invitation": lambda: replies.network_invitation(NAME, LINK),
    "joined_network": lambda: replies.joined_network(NAME),
    "confirm_claim": lambda: replies.confirm_claim(CODE),
    "confirm_buy": lambda: replies.confirm_buy(CODE),
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_text_fits_one_segment_for_the_longest_inputs(name: str) -> None:
    text = TEXTS[name]()
    assert fits_one_segment(text), f"{len(text)} characters: {text}"
    in_spanish = spanish.translate(text, "es") or ""
    assert fits_one_segment(in_spanish), f"{len(in_spanish)} characters in Spanish: {in_spanish}"


def test_every_text_the_bot_can_send_is_listed_here() -> None:
    """A new text function in bot/replies.py is added to TEXTS (emails and helpers are not texts)."""
    not_texts = {"gsm7_length", "fits_one_segment", "money", "price_range", "summary_line", "offer_email",
                 "contact_email", "how_won", "dollars", "cents", "percent", "fee_basis", "candidate_list_email",
                 "candidate_stats", "plural", "gsm_text", "duration"}
    functions = {name for name, value in vars(replies).items() if callable(value) and not name.startswith("_")
                 and getattr(value, "__module__", "") == replies.__name__}
    listed = {name.split(":")[0] for name in TEXTS}
    assert functions - not_texts - listed == set()


# Input outside GSM-7: one such character would send the whole text as UCS-2 (70 characters a segment).
FOREIGN = "Ángela Núñez-Łukasiewicz 😀"
FOREIGN_TEXTS: dict[str, Callable[[], str]] = {
    "awarded_to": lambda: replies.awarded_to(CODE, FOREIGN, 33.5),
    "agreement_done": lambda: replies.agreement_done(CODE, FOREIGN, 33.5),
    "network_invitation": lambda: replies.network_invitation(FOREIGN, LINK),
    "joined_network": lambda: replies.joined_network(FOREIGN),
    "exchange_offer_text": lambda: replies.exchange_offer_text(OFFER, FOREIGN, LINK),
    "candidate_list_text": lambda: replies.candidate_list_text(
        CODE, [replace(c, agent=replace(c.agent, name=FOREIGN)) for c in CANDIDATES]),
    "report_echo": lambda: replies.report_echo(CODE, "invalid", None, f"invalid: {FOREIGN} moved – “never”"),
    **{f"{name}:program": (lambda name=name: getattr(replies, name)(replace(CONFIG, program_name=FOREIGN)))
       for name in ("unknown_sender", "help_text", "stopped", "started")},
    "offer_text": lambda: replies.offer_text(replace(OFFER, referral=replace(REFERRAL, timeline="más de 12 meses")),
                                             LINK),
}


@pytest.mark.parametrize("name", sorted(FOREIGN_TEXTS))
def test_a_text_carrying_input_outside_gsm7_stays_one_gsm7_segment(name: str) -> None:
    text = FOREIGN_TEXTS[name]()
    assert fits_one_segment(text), f"{replies.gsm7_length(text)} septets: {text}"


def test_letters_outside_gsm7_keep_their_base_letter() -> None:
    """ñ and ü are GSM-7 and stay; á and ú are not."""
    assert replies.gsm_text("Ángela Núñez-Łukasiewicz 😀 “hi” – ok") == 'Angela Nuñez-Lukasiewicz  "hi" - ok'
    assert replies.gsm_text("Zoë Müller") == "Zoe Müller"
