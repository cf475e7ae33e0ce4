"""Every text the bot sends, each kept to one SMS segment (160 GSM-7 characters) for the longest inputs it can
get (tests/unit/test_replies_fit.py); emails are not texts and may run longer.

Offers carry area, client type, price range and timeline, never the client's name, phone or email. Curly
quotes, dashes, emoji and letters outside GSM-7 would send a text as UCS-2 (70 characters a segment): our own
wording is plain ASCII, and what comes from input (names, the operator's program name, an agent's reason,
an offer's area and timeline) passes through `gsm_text` first.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from bot.model import (
    AgentView,
    BotConfig,
    Candidate,
    ClaimOutcome,
    ContactDetails,
    OfferView,
    RaceReceipt,
    ReferralSummary,
)
from bot.states import OfferStatus, ReferralMode

SEGMENT = 160
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENDED = set("^{}\\[~]|€")


def gsm7_length(text: str) -> int | None:
    """Septets needed in GSM-7, or None when a character forces UCS-2."""
    total = 0
    for char in text:
        if char in GSM7_BASIC:
            total += 1
        elif char in GSM7_EXTENDED:
            total += 2
        else:
            return None
    return total


def fits_one_segment(text: str) -> bool:
    length = gsm7_length(text)
    return length is not None and length <= SEGMENT


def money(dollars: int) -> str:
    """$450k, $1.2M, $950: short forms for texts."""
    if dollars >= 1_000_000:
        return f"${dollars / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if dollars >= 1000:
        return f"${dollars / 1000:.0f}k" if dollars % 1000 == 0 else f"${dollars / 1000:.1f}k"
    return f"${dollars}"


def price_range(summary: ReferralSummary) -> str:
    low, high = summary.price_min, summary.price_max
    if low and high:
        return f"{money(low)}-{money(high)}"
    if high:
        return f"up to {money(high)}"
    if low:
        return f"{money(low)}+"
    return ""


def summary_line(summary: ReferralSummary) -> str:
    """'buyer in 78704, $400k-$500k, 0-3 months'"""
    parts = [f"{summary.client_type.capitalize()} in {summary.zip_code}", price_range(summary),
             summary.timeline or ""]
    return ", ".join(p for p in parts if p)


def offer_text(offer: OfferView, link: str) -> str:
    """The offer: code, summary, the way to claim and the link, shortened until it fits one segment."""
    summary = offer.referral
    action = {ReferralMode.CALL_FIRST: "Reply CALL and we'll call you; press 1 to claim.",
              ReferralMode.PAID: f"{money((summary.price_cents or 0) // 100)}. Reply INVOICE to buy."}.get(
        summary.mode, "Reply YES to claim")
    for line in (summary_line(summary), _short_summary(summary), f"{summary.client_type} {summary.zip_code}"):
        text = gsm_text(f"New referral #{summary.code}: {line}. {action} {link}")
        if fits_one_segment(text):
            return text
    return gsm_text(f"#{summary.code}: {action} {link}")[:SEGMENT]


def _short_summary(summary: ReferralSummary) -> str:
    return ", ".join(p for p in (f"{summary.client_type} {summary.zip_code}", price_range(summary)) if p)


_PLAIN = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "...",
          "\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d", "\u0131": "i", "\u0152": "OE", "\u0153": "oe"}


def gsm_text(text: str) -> str:
    """`text` in GSM-7 alone: one character outside it (an "\u00c1" in a name, an emoji in a reason) would send the
    whole text as UCS-2, 70 characters a segment. Typographic quotes and dashes become plain ones, an accented
    letter GSM-7 lacks its base letter ("\u00c1ngela" -> "Angela"), and what has no such form is dropped."""
    return text if gsm7_length(text) is not None else "".join(_gsm_char(c) for c in text)


def _gsm_char(char: str) -> str:
    if gsm7_length(char) is not None:
        return char
    if char in _PLAIN:
        return _PLAIN[char]
    return "".join(part for part in unicodedata.normalize("NFKD", char) if gsm7_length(part) is not None)


def offer_email(agent: AgentView, offer: OfferView, link: str, config: BotConfig) -> tuple[str, str]:
    summary = offer.referral
    subject = f"New referral #{summary.code}: {summary_line(summary)}"
    how = {ReferralMode.CALL_FIRST: "Reply CALL (or open the link) and we'll call you; press 1 after the recording "
                                    "to claim.",
           ReferralMode.PAID: "Reply INVOICE (or open the link) to request an invoice."}.get(
        summary.mode, "Reply YES to claim it, or open the link.")
    body = (f"Hi {agent.first_name},\n\nA new referral matches your coverage:\n\n"
            f"  #{summary.code}: {summary_line(summary)}\n\n{how}\n{link}\n\n"
            f"The first agent to claim it gets the client's contact details. This offer expires in "
            f"{config.offer_ttl_days} days.\n\n{config.program_name}\n")
    return subject, body


def for_claim(outcome: ClaimOutcome, code: str) -> str:
    return {
        ClaimOutcome.WON: f"#{code} is yours! The client's contact details are on their way by email. "
                          "Reply SOLD, NO SALE or IN PROGRESS to update us.",
        ClaimOutcome.ALREADY_YOURS: f"#{code} is already yours; the client's details were emailed to you.",
        ClaimOutcome.TAKEN: f"Sorry, #{code} was already claimed by another agent. We'll send you the next one.",
        ClaimOutcome.EXPIRED: f"Sorry, #{code} has expired and can no longer be claimed.",
        ClaimOutcome.NOT_OFFERED: f"#{code} isn't one of your offers. Reply STATUS to see your open offers.",
        ClaimOutcome.WITHDRAWN: f"Sorry, #{code} was withdrawn by the network and is no longer available.",
    }[outcome]


def lost_race(code: str, receipt: RaceReceipt) -> str:
    """"Sorry, #4821 was already claimed 4 s after it went out; your answer came at 9 s." Each time from that
    agent's own offer leaving us; never who won."""
    return (f"Sorry, #{code} was already claimed {duration(receipt.claimed_after)} after it went out; your answer "
            f"came at {duration(receipt.answered_after)}. We'll send you the next one.")


def duration(seconds: float) -> str:
    """4 s, 95 s, 12 min, 3 h, 2 days: whole units, short enough for a text."""
    if seconds < 100:
        return f"{round(seconds)} s"
    if seconds < 100 * 60:
        return f"{round(seconds / 60)} min"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} days"


def contact_email(agent: AgentView, summary: ReferralSummary, contact: ContactDetails,
                  config: BotConfig, *, sender_name: str | None = None) -> tuple[str, str]:
    """The winner's email: the only message that ever carries the client's details. An agent-to-agent
    referral names its sender and the fee agreed (`sender_name`)."""
    subject = f"Referral #{summary.code} is yours: contact details"
    lines = [f"Hi {agent.first_name},", "", how_won(summary, sender_name),
             "Please contact the client promptly:", "", f"  Name:  {contact.name}"]
    lines += [f"  Phone: {contact.phone}"] if contact.phone else []
    lines += [f"  Email: {contact.email}"] if contact.email else []
    lines += ["", f"Note from the network: {contact.note}"] if contact.note else []
    lines += ["", "Reply to this email (or text us) with SOLD $amount, NO SALE, IN PROGRESS or INVALID and a reason",
              "to report back.", "", config.program_name]
    return subject, "\n".join(lines) + "\n"


def how_won(summary: ReferralSummary, sender_name: str | None) -> str:
    what = f"referral #{summary.code} ({summary_line(summary)})"
    if summary.exchange:
        return (f"{sender_name or 'The sender'} awarded you {what}. You agreed to a {percent(summary.fee_percent)} "
                f"referral fee, payable to {sender_name or 'the sender'} when the client closes.")
    return f"You bought {what}." if summary.mode is ReferralMode.PAID else f"You claimed {what}."


def calling(code: str) -> str:
    return f"Calling you now about #{code}. Listen to the recording, then press 1 to claim it."


def call_already_under_way(code: str) -> str:
    return f"We're already calling you about #{code}. Pick up, then press 1 to claim it."


def connecting(code: str) -> str:
    return f"Calling you now to put you through to the client of #{code}. Pick up and stay on the line."


def connect_not_yours(code: str) -> str:
    return f"CONNECT puts you through to a client once a referral is yours; #{code} is not yours."


def connect_no_phone(code: str) -> str:
    return f"The client of #{code} left no phone number; their details are in your email."


def missed_call(code: str) -> str:
    return f"We called you about referral #{code} but missed you. Reply CALL to get another call."


def no_keypress(code: str) -> str:
    return f"We didn't hear a choice on the call about #{code}. Reply CALL for another call, or YES to claim."


def declined(code: str) -> str:
    return f"Got it, you passed on #{code}. We'll send you the next one."


def decline_closed(code: str, status: OfferStatus) -> str:
    """A NO for an offer that is no longer open: say what it is instead of pretending it was passed on."""
    if status is OfferStatus.WON:
        return f"#{code} is yours and stays with you. If it isn't going anywhere, reply NO SALE or INVALID {code}."
    if status is OfferStatus.LOST:
        return f"No problem: #{code} has already gone to another agent."
    if status is OfferStatus.DECLINED:
        return f"You already passed on #{code}."
    if status is OfferStatus.CANCELLED:
        return f"#{code} was withdrawn by the network, so there is nothing to pass on."
    return f"#{code} has expired, so there is nothing to pass on."


def which_referral(codes: list[str], verb: str = "YES") -> str:
    listed = ", ".join(f"#{c}" for c in codes[:8])
    return f"You have {len(codes)} open offers: {listed}. Reply {verb} with the number, e.g. {verb} {codes[0]}."


def no_open_offer() -> str:
    return "You have no open referral offers right now. We'll text you when one comes in."


def unknown_code(code: str) -> str:
    return f"We couldn't find referral #{code} among your offers. Reply STATUS to see them."


def status(codes: list[str], awaiting: list[str] | tuple[str, ...] = ()) -> str:
    """Open offers, then the referrals waiting on the agent's report (both are theirs to act on)."""
    if not awaiting:
        return status_offers(codes)
    for most in (6, 4, 3, 2, 1):  # six-digit codes: fewer of each list until the text fits one segment
        text = _status_both(codes[:most], awaiting[:most])
        if fits_one_segment(text):
            break
    return text


def _status_both(codes: list[str], awaiting: list[str] | tuple[str, ...]) -> str:
    report = (f"Awaiting your update: {', '.join('#' + c for c in awaiting)}. "
              f"Reply SOLD, NO SALE or IN PROGRESS with the number.")
    if not codes:
        return report
    return f"Open offers: {', '.join('#' + c for c in codes)} (reply YES + number). " + report


def status_offers(codes: list[str]) -> str:
    if not codes:
        return no_open_offer()
    return f"Your open offers: {', '.join('#' + c for c in codes[:10])}. Reply YES with a number to claim."


def unknown_sender(config: BotConfig) -> str:
    return gsm_text(f"This number isn't registered with {config.program_name}. For help contact "
                    f"{config.support_contact}.")


def help_text(config: BotConfig) -> str:
    return gsm_text(f"{config.program_name}: referral offers for agents. Reply YES to claim, NO to pass, PAUSE, "
                    f"STOP to opt out. Help: {config.support_contact}")


def stopped(config: BotConfig) -> str:
    return gsm_text(f"You're unsubscribed from {config.program_name} texts; offers will come by email. Reply START "
                    "to resubscribe.")


def started(config: BotConfig) -> str:
    return gsm_text(f"You're resubscribed to {config.program_name} texts. Reply HELP for help, STOP to opt out.")


def not_understood() -> str:
    return "Sorry, we didn't understand. Reply YES to claim, NO to pass, or HELP. A person will read your message."


def forwarded_to_team() -> str:
    return "Thanks, we've passed your message to the team."


REPORT_VERBS = {"sold": "SOLD", "no_sale": "NO SALE", "in_progress": "IN PROGRESS", "invalid": "INVALID",
                "fail": "FAIL"}


def dollars(amount: int) -> str:
    return f"${amount:,}"


def report_echo(code: str, outcome: str, amount: int | None, reason: str | None) -> str:
    words = {"sold": "SOLD", "no_sale": "NO SALE", "in_progress": "IN PROGRESS", "invalid": "INVALID",
             "fail": "FAILED"}[outcome]
    text = f"Marked #{code} {words}"
    if amount:
        text += f" {dollars(amount)}"
    if reason and outcome in ("invalid", "fail"):
        text += f" ({gsm_text(reason.split(': ', 1)[-1]).strip()[:60]})"  # the agent's words: never UCS-2
    return text + ". Thanks for the update!"


def sold_fee_echo(code: str, amount: int, basis: str, fee_cents: int) -> str:
    """'SOLD #4821 $700,000 recorded: fee 25% of 3% = $5,250.' (or 'fee $250 (flat per sale)')."""
    fee = f"{basis} = {cents(fee_cents)}" if "%" in basis else f"{cents(fee_cents)} ({basis})"
    return f"SOLD #{code} {dollars(amount)} recorded: fee {fee}. Thanks for the update!"


def not_your_referral(code: str) -> str:
    return f"#{code} isn't one of your referrals. Reply STATUS to see yours."


def nothing_to_report() -> str:
    return "You have no referrals awaiting an update. Thanks!"


def noted(code: str, label: str) -> str:
    return f"Noted on #{code} ({label}). Thanks for the update!"


def kept_as_note(code: str, label: str) -> str:
    return f"#{code} is already {label} and can't move back; we kept your message as a note."


def ask_invalid_reason(code: str) -> str:
    return f"Why is #{code} invalid? Reply e.g. INVALID {code} wrong number."


def fail_reasons(code: str) -> str:
    return (f"A referral can only be failed as not a good fit, or unresponsive after 30+ days. "
            f"Reply FAIL {code} not a good fit.")


def fail_too_soon(code: str, days: int) -> str:
    return (f"#{code} can be failed as unresponsive only {days} days after you got it. "
            "Keep trying, or reply with a note.")


def ask_sale_amount(code: str) -> str:
    return f"Congrats! What was the sale price for #{code}? Reply e.g. SOLD {code} $450,000."


def paused(until: object) -> str:
    if until is None:
        return "Paused: no new offers until you reply RESUME."
    return f"Paused until {until:%b %-d}: no new offers till then. Reply RESUME to come back sooner."


def out_of_office_pause_offer(until: object) -> str:
    return f"Got your out-of-office until {until:%b %-d}. Reply PAUSE to hold referrals until then."


def pause_date_passed(until: object) -> str:
    return (f"{until:%b %-d} has already passed, so nothing is paused. "
            "Until when? Reply e.g. PAUSE UNTIL and a date ahead.")


def capacity_set(per_week: int) -> str:
    return (f"Got it: at most {per_week} referrals a week. Offers pause once you've won {per_week} in 7 days. "
            "Reply MAX OFF to lift it.")


def capacity_off() -> str:
    return "Got it: no weekly maximum. Offers come whenever a referral matches you."


def no_offers_because(reason: object, agent: AgentView) -> str:
    """STATUS when matching skips the agent (bot/availability.py Unavailable), one segment with a way out."""
    if str(reason) == "on_hold":
        return f"No new offers: they're on hold ({agent.suspended_reason or 'by the network'}). Reply HELP for help."
    if str(reason) == "away":
        if agent.paused_until is None:
            return "No new offers: you're paused. Reply BACK to get them again."
        return f"No new offers: you're away until {agent.paused_until:%b %-d}. Reply BACK to get them sooner."
    return (f"No new offers: you've won {agent.won_this_week} in 7 days, your max of {agent.max_per_week}. "
            "Reply MAX OFF to lift it.")


def with_open_offers(note: str, codes: list[str]) -> str:
    """The note, and the offers still open to claim (already offered before the pause or the maximum)."""
    return note if not codes else f"{note} Still open: {', '.join('#' + c for c in codes[:3])}."


def resumed() -> str:
    return "Welcome back! New referral offers are on again."


def digest_text(codes: list[str]) -> str:
    listed = ", ".join("#" + c for c in codes[:6]) + ("..." if len(codes) > 6 else "")
    return f"Update reminder: {listed}. Reply e.g. SOLD {codes[0]} $450k, NO SALE {codes[0]} or IN PROGRESS {codes[0]}."


def overdue_warning(codes: list[str], days: int) -> str:
    listed = ", ".join("#" + c for c in codes[:6])
    return (f"Overdue: please update {listed} within {days} days or new offers will stop. "
            "Reply SOLD, NO SALE or IN PROGRESS.")


def suspended_for_reports(codes: list[str]) -> str:
    listed = ", ".join("#" + c for c in codes[:6])
    return f"New offers are paused until you update {listed}. Reply SOLD, NO SALE or IN PROGRESS to restore them."


def cents(amount: int) -> str:
    return f"${amount / 100:,.2f}".replace(".00", "")


def free_to_claim(code: str) -> str:
    return f"#{code} is free to claim: reply YES {code}."


def expired_referral(code: str) -> str:
    return f"Expired Referral: #{code} is no longer available (offers last 60 days)."


def purchased_already(code: str) -> str:
    return f"Referral Purchased Already: #{code} was bought by another agent."


def invoice_coming(code: str, amount_cents: int, area: str = "") -> str:
    what = f"#{code} ({area})" if area else f"#{code}"
    return _first_fitting([f"Your invoice for {what}, {cents(amount_cents)}, is on its way; pay it to get the "
                           "client's details.",
                           f"Your invoice for #{code}, {cents(amount_cents)}, is on its way."])


def invoice_link(code: str, amount_cents: int, link: str, area: str = "") -> str:
    """What the invoice is for (code, area, price) and the link, shortened until it fits one segment."""
    return _first_fitting([f"Invoice for #{code} ({area}), {cents(amount_cents)}: {link} Pay it to get the "
                           "client's details.",
                           f"Invoice for #{code} ({area}), {cents(amount_cents)}: {link}",
                           f"Invoice #{code} {cents(amount_cents)}: {link}"])


def _first_fitting(texts: list[str]) -> str:
    for text in texts:
        if fits_one_segment(gsm_text(text)):
            return gsm_text(text)
    return gsm_text(texts[-1])


def invoice_voided(code: str) -> str:
    return purchased_already(code) + " Your invoice is cancelled; you owe nothing."


def refunded_taken(code: str) -> str:
    return (f"Referral Purchased Already: another agent bought #{code} first. Your payment is being refunded in "
            "full; you owe nothing.")


def refunded_expired(code: str) -> str:
    return (f"Expired Referral: #{code} expired before your payment arrived. "
            "It is being refunded in full; you owe nothing.")


def card_declined(link: str | None) -> str:
    where = f" at {link}" if link else ""
    return f"Your card was declined for your referral fees. Please update it{where}; offers are paused until paid."


def balance_paid() -> str:
    return "Thanks, your balance is paid. New referral offers are on again."


def percent(value: float | None) -> str:
    return f"{value:g}%" if value is not None else "the agreed"


def fee_basis(value: float | None, *, receiver: bool = False) -> str:
    """An agent-to-agent referral fee is a share of the receiving agent's commission, never of the price:
    '25% of your commission' (to the receiver) or '25% of the receiving agent's commission'."""
    whose = "your" if receiver else "the receiving agent's"
    return f"{percent(value)} of {whose} commission"


def exchange_offer_text(offer: OfferView, sender_name: str, link: str) -> str:
    summary = offer.referral
    short_name = sender_name.split()[0] + (f" {sender_name.split()[-1][0]}." if len(sender_name.split()) > 1 else "")
    fee = percent(summary.fee_percent)
    for line, basis in ((summary_line(summary), " of your commission"), (_short_summary(summary), " of commission"),
                        (summary_line(summary), ""), (_short_summary(summary), "")):
        text = gsm_text(f"Referral #{summary.code} from {short_name}: {line}. Fee {fee}{basis}. "
                      f"Reply YES if interested {link}")
        if fits_one_segment(text):
            return text
    return gsm_text(f"#{summary.code} from {short_name}, fee {fee}. Reply YES {link}")[:SEGMENT]


def interest_noted(code: str) -> str:
    return f"Thanks! We told the sender you're interested in #{code}. You'll hear from us if you're selected."


def exchange_closed(code: str) -> str:
    return f"#{code} is no longer taking interest. We'll send you the next one."


def candidate_list_text(code: str, candidates: list[Candidate]) -> str:
    parts = []
    for c in candidates:
        distance = f" {c.miles:.0f}mi" if c.miles is not None and c.miles >= 0.5 else ""
        parts.append(f"{c.rank}) {gsm_text(c.agent.name)[:18]}{distance}{' new' if c.reliability is None else ''}")
    text = f"#{code}: {len(candidates)} interested: " + " ".join(parts)
    tail = f" Reply AWARD {candidates[0].rank} to pick."
    return (text[:SEGMENT - len(tail) - 3] + "..." if len(text) + len(tail) > SEGMENT else text) + tail


def candidate_list_email(sender: AgentView, referral: ReferralSummary, candidates: list[Candidate]) -> tuple[str, str]:
    lines = [f"Hi {sender.first_name},", "", f"Agents interested in your referral #{referral.code} "
             f"({summary_line(referral)}), best first:", ""]
    for c in candidates:
        lines.append(f"  {c.rank}) {c.agent.name}: {candidate_stats(c)}")
    lines += ["", f"Reply AWARD <number> (e.g. AWARD {candidates[0].rank}) to choose; they will then be asked "
              f"to agree to your referral fee of {fee_basis(referral.fee_percent)} on the sale before the "
              "client's details are shared."]
    return f"{plural(len(candidates), 'agent')} interested in #{referral.code}", "\n".join(lines) + "\n"


def candidate_stats(c: Any) -> str:
    """What is known about an interested agent; an agent with no record yet is "new", never "0%"."""
    stats = []
    if c.miles is not None:
        stats.append("covers the area" if c.miles < 0.05 else f"{c.miles:.1f} miles away")
    if c.reliability is None:
        stats.append("new to the network")
    else:
        stats.append(f"reports back on {c.reliability:.0%} of referrals")
    if c.report_days is not None:
        stats.append(f"first update in {c.report_days:.1f} days on average")
    return ", ".join(stats)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def selected(referral: ReferralSummary, link: str) -> str:
    return _first_fitting([
        f"You were picked for referral #{referral.code}. Fee: {fee_basis(referral.fee_percent, receiver=True)}. "
        f"Reply AGREE to accept and get the client's details, or sign: {link}",
        f"Picked for #{referral.code}: fee {fee_basis(referral.fee_percent, receiver=True)}. Reply AGREE for the "
        f"client's details, or sign: {link}"])


def awarded_to(code: str, name: str, fee: float | None) -> str:
    return gsm_text(f"You picked {name} for #{code}. We've asked them to agree to the fee: {fee_basis(fee)}.")


def award_refused(code: str, choice: int) -> str:
    return f"Couldn't award #{code} to number {choice}: it isn't on the list, or #{code} was already awarded."


def award_which(code: str) -> str:
    return f"Which agent gets #{code}? Reply AWARD {code} and their number on the list."


def nothing_to_award() -> str:
    return "You have no referral with interested agents waiting for your pick."


def nothing_to_agree() -> str:
    return "You have no referral agreement waiting for you."


def agreement_closed(code: str) -> str:
    return f"The agreement for #{code} is no longer open."


def agreement_recorded(code: str) -> str:
    return f"Agreement recorded for #{code}. The client's contact details are on their way by email."


def agreement_done(code: str, name: str, fee: float | None) -> str:
    return gsm_text(f"{name} agreed to the {percent(fee)} fee for #{code} ({percent(fee)} of their commission); the "
                    "client's details went to them.")


def network_invitation(owner_name: str, link: str) -> str:
    return gsm_text(f"{owner_name} invites you to their referral network. Reply YES to join, or tap {link}")


def joined_network(owner_name: str) -> str:
    return gsm_text(f"You joined {owner_name}'s referral network. You'll get their network referrals.")


def confirm_claim(code: str) -> str:
    return f"Claim #{code}? Reply YES to confirm."


def confirm_buy(code: str) -> str:
    return f"Buy #{code}? Reply YES to confirm and we'll send the invoice."
