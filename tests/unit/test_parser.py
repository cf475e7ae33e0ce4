"""The parser against what agents really type: one row per message, the JSON `referral-bot parse` prints."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.intents import (
    Award,
    CallRequest,
    Claim,
    Decline,
    Outcome,
    Pause,
    Report,
    Unknown,
    intent_from_json,
    intent_name,
    intent_to_json,
)
from bot.messages import Channel
from bot.parser import parse_digits, parse_text

NOW = datetime.fromisoformat("2026-11-22T12:00:00+00:00")  # a Sunday
OFFER = "New referral #4821: Buyer in 78704, $400-500k, 0-3 months. Reply YES to claim"


def out(intent: str, ref: str | None = None, amount: int | None = None, until: str | None = None,
        reason: str | None = None, **extra: int) -> dict:
    return {"intent": intent, "ref": ref, "amount": amount, "until": until, "reason": reason, **extra}


def unknown(reason: str, ref: str | None = None) -> dict:
    """Not a command; a code the agent typed is kept all the same (one code, not in a quoted offer)."""
    return out("unknown", ref=ref, reason=reason)


CLAIMS = [
    ("YES", out("claim")),
    ("yes", out("claim")),
    ("  Yes.  ", out("claim")),
    ("Yes!!!", out("claim")),
    ("YES 👍", out("claim")),
    ("👍 claim", out("claim")),
    ("👍", unknown("ack")),  # a bare acknowledgement never claims (issue 15); the handler asks to confirm
    ("👍🏽", unknown("ack")),
    ("Y", out("claim")),
    ("yse", out("claim")),
    ("yess", out("claim")),
    ("Yesss!", out("claim")),
    ("yea", out("claim")),
    ("Yeah", out("claim")),
    ("yep", out("claim")),
    ("Yup", out("claim")),
    ("sure", unknown("ack")),
    ("Sure!", unknown("ack")),
    ("ok", unknown("ack")),
    ("Okay", unknown("ack")),
    ("CLAIM", out("claim")),
    ("cliam", out("claim")),
    ("clam", out("claim")),
    ("calim 4821", out("claim", ref="4821")),
    ("I'll take it", out("claim")),
    ("ill take it", out("claim")),
    ("I’ll take it!", out("claim")),
    ("I will take it", out("claim")),
    ("mine", out("claim")),
    ("Mine!", out("claim")),
    ("Yes I'll call them now", out("claim")),
    ("Yes I’ll call them now", out("claim")),
    ("yes please", out("claim")),
    ("Yes 4821", out("claim", ref="4821")),
    ("4821 yes", out("claim", ref="4821")),
    ("4821 - yes", out("claim", ref="4821")),
    ("#4821 YES", out("claim", ref="4821")),
    ("CLAIM4821", out("claim", ref="4821")),
    ("claim 4821", out("claim", ref="4821")),
    ("claim #4821", out("claim", ref="4821")),
    ("Claim #4821 please", out("claim", ref="4821")),
    ("claim 123", out("claim", ref="123")),
    ("claim 12345678", out("claim", ref="12345678")),
    ("claim 123456789", out("claim")),
    ("claim 12", out("claim")),
    ("Hi! Yes I'll take it", out("claim")),
    ("Hey Sam, yes", out("claim")),
    ("Yes, thanks!", out("claim")),
    ("YES! when can I call them?", out("claim")),
    ("Count me in", out("claim")),
    ("I'm interested", out("claim")),
    ("accept", out("claim")),
]

DECLINES = [
    ("NO", out("decline")),
    ("no", out("decline")),
    ("No.", out("decline")),
    ("nope", out("decline")),
    ("no thanks", out("decline")),
    ("No thank you", out("decline")),
    ("pass", out("decline")),
    ("Pass on this one", out("decline")),
    ("not interested", out("decline")),
    ("Not interested, thanks", out("decline")),
    ("decline", out("decline")),
    ("DECLINE 4821", out("decline", ref="4821")),
    ("can't take it", out("decline")),
    ("Sorry, I can't take this one", out("decline")),
    ("No, I'm slammed this month", out("decline")),
    ("no 4821", out("decline", ref="4821")),
]

CALLS = [
    ("CALL", out("call")),
    ("call", out("call")),
    ("call me", out("call")),
    ("Call me to claim", out("call")),
    ("please call", out("call")),
    ("CALL 4821", out("call", ref="4821")),
    ("Call me about #4821", out("call", ref="4821")),
    ("Give me a call", out("call")),
    ("Yes, call me", out("call")),
]

INVOICES = [
    ("INVOICE", out("invoice")),
    ("invoice please", out("invoice")),
    ("Request an Invoice", out("invoice")),
    ("send invoice", out("invoice")),
    ("Send me the invoice for 4821", out("invoice", ref="4821")),
    ("buy", out("invoice")),
    ("Buy it", out("invoice")),
    ("I'll buy it", out("invoice")),
    ("invioce", out("invoice")),
]

REPORTS = [
    # the Spanish report words our own replies teach (bot/spanish.py REPORT_WORDS)
    ("VENDIDO 4821 450 mil", out("sold", ref="4821", amount=450000)),
    ("SIN VENTA", out("no_sale")),
    ("EN PROCESO, ya tienen preaprobación", out("in_progress")),
    ("FALLIDO", out("fail")),
    ("SOLD 4821 $1", out("sold", ref="4821", amount=None)),  # a typo'd price still reports the named referral
    ("sold it to a guy from church for 6k lol", unknown("unrecognised")),  # no home, no referral: a truck
    ("fallido 4821, el cliente no contesta", out("fail", ref="4821", reason="unresponsive")),
    ("SOLD", out("sold")),
    ("sold $450k", out("sold", amount=450_000)),
    ("Sold for $452,500", out("sold", amount=452_500)),
    ("closed at 1.2M", out("sold", amount=1_200_000)),
    ("Se cerró!! vendida en 450, el comprador recibió 6 mil de crédito por el techo", out("sold", amount=450_000)),
    ("Closed on 4418 at four fifty", out("sold", ref="4418", amount=450_000)),  # hundreds said aloud
    ("3307 sold!! a million two, fee to follow", out("sold", ref="3307", amount=1_200_000)),
    ("El referido #8832 ya se vendió en medio millón", out("sold", ref="8832", amount=500_000)),
    ("referral 2644 closed on the 30th at 489.9k", out("sold", ref="2644", amount=489_900)),
    ("Closed 7731 at 318k, my side was $9,540", out("sold", ref="7731", amount=318_000)),
    ("closed 2.5 million", out("sold", amount=2_500_000)),
    ("sold 450,000", out("sold", amount=450_000)),
    ("SOLD 450000", out("sold", amount=450_000)),
    ("SOLD 4821 $450k", out("sold", ref="4821", amount=450_000)),
    ("SOLD 4821 450000", out("sold", ref="4821", amount=450_000)),
    ("sold #4821 for $1,250,000.00", out("sold", ref="4821", amount=1_250_000)),
    ("Sold 4821", out("sold", ref="4821")),
    ("Sold! $450K", out("sold", amount=450_000)),
    ("sold 4821 450K, closed Dec 3, 2026", out("sold", ref="4821", amount=450_000)),
    ("Sold 🎉🎉 $615,000", out("sold", amount=615_000)),
    ("We closed on the house for 380k", out("sold", amount=380_000)),
    ("no sale", out("no_sale")),
    ("NO SALE 4821", out("no_sale", ref="4821")),
    ("didn't buy", out("no_sale")),
    ("Client did not buy", out("no_sale")),
    ("lost the client", out("no_sale")),
    ("They went with another agent", out("no_sale")),
    ("in progress", out("in_progress")),
    ("IN PROGRESS #4821", out("in_progress", ref="4821")),
    ("working with them", out("in_progress")),
    ("still working", out("in_progress")),
    ("showing them homes this weekend", out("in_progress")),
    ("under contract", out("in_progress")),
    ("No, still working with them", out("in_progress")),
    ("invalid", out("invalid")),
    ("INVALID 4821", out("invalid", ref="4821")),
    ("invalid wrong number", out("invalid", reason="wrong number")),
    ("Invalid #4821: client never asked for an agent",
     out("invalid", ref="4821", reason="client never asked for an agent")),
    ("bad number", out("invalid", reason="bad number")),
    ("Fake lead", out("invalid", reason="Fake lead")),
    ("not a real client", out("invalid", reason="not a real client")),
    ("FAIL not a good fit", out("fail", reason="not a good fit")),
    ("fail unresponsive", out("fail", reason="unresponsive")),
    ("Fail 4821 - client unresponsive after 30 days", out("fail", ref="4821", reason="unresponsive")),
    ("client unresponsive", out("fail", reason="unresponsive")),
    ("not a good fit", out("fail", reason="not a good fit")),
    ("fail", out("fail")),
    ("FAIL they moved to Denver", out("fail")),
]

PAUSES = [
    ("PAUSE", out("pause")),
    ("pause until Dec 3", out("pause", until="2026-12-03")),
    ("Pause until December 3rd", out("pause", until="2026-12-03")),
    # the date after "until" ends it even when a later day is named; "Thursday, December 10" is one date
    ("hold off until Thursday the 26th, back at my desk Friday", out("pause", until="2026-11-26")),
    ("away until Thursday, December 10, pause please", out("pause", until="2026-12-10")),
    ("pause through the end of February", out("pause", until="2027-02-28")),
    ("pause until next week", out("pause", until="2026-11-29")),  # next week starts on Sunday
    ("pause until December fifth", out("pause", until="2026-12-05")),
    ("hold my leads for to weeks", out("pause", until="2026-12-06")),  # voice-to-text "to"
    ("vacation until 12/10", out("pause", until="2026-12-10")),
    ("on vacation till 1/15", out("pause", until="2027-01-15")),
    ("pause until Aug 1", out("pause", until="2027-08-01")),  # passed months ago: next year
    ("pause until Nov 1", out("pause", until="2026-11-01")),  # passed three weeks ago: the handler asks
    ("pause until 3/1/2027", out("pause", until="2027-03-01")),
    ("pause for 2 weeks", out("pause", until="2026-12-06")),
    ("pause for 10 days", out("pause", until="2026-12-02")),
    ("Pause for a month", out("pause", until="2026-12-22")),
    ("pause until next Monday", out("pause", until="2026-11-30")),
    ("pause until Friday", out("pause", until="2026-11-27")),
    ("pause till tomorrow", out("pause", until="2026-11-23")),
    ("out of office until the 5th", out("pause", until="2026-12-05")),
    ("Please pause my referrals until Jan 2", out("pause", until="2027-01-02")),
    ("pause until Feb 30", out("pause")),
    ("Vacation Dec 20 - Jan 3", out("pause", until="2027-01-03")),
    ("pause for 2 weeks, back Dec 7", out("pause", until="2026-12-07")),
    ("pause thru 12/31/26", out("pause", until="2026-12-31")),
    ("pause until 2026-12-24", out("pause", until="2026-12-24")),
    ("no leads thru Thanksgiving please", out("pause", until="2026-11-26")),  # November's fourth Thursday
    ("pausa hasta Navidad", out("pause", until="2026-12-25")),
    ("Heading to Cabo Dec 10-20, hold my referrals", out("pause", until="2026-12-20")),  # a range ends on its last day
    ("Pausa hasta el lunes 30 porfa", out("pause", until="2026-11-30")),  # the weekday names which 30th
    ("pause me thru sat pls", out("pause", until="2026-11-28")),
    ("Pausen mi cuenta hasta el 15/12", out("pause", until="2026-12-15")),  # day first: 15 is no month
    ("hold my leads till after Christmas", out("pause", until="2026-12-25")),  # as "until after the 10th": the 10th
    ("hold referrals thru the Monday after Thanksgiving", out("pause", until="2026-11-30")),
    ("Pause me til Dec 7\nactually make it the 14th", out("pause", until="2026-12-14")),  # amended on second thought
    ("PAUSE for 2 weeks\nactually make it 3", out("pause", until="2026-12-13")),
    ("pausen hasta después de Reyes", out("pause", until="2027-01-06")),
    ("Estoy fuera hasta el 4/12, pausa por favor", out("pause", until="2026-12-04")),  # Spanish: day first
    ("pausen hasta pasado mañana", out("pause", until="2026-11-24")),
    ("I'm off Monday through Thursday. Pause my referrals until I'm back Friday the 27th",
     out("pause", until="2026-11-27")),
    ("Going on vacation for a couple of weeks", out("pause", until="2026-12-06")),
    ("RESUME", out("resume")),
    ("back", out("resume")),
    ("I'm back", out("resume")),
    ("Im back!", out("resume")),
    ("unpause", out("resume")),
    ("resume offers", out("resume")),
    ("Back from vacation", out("resume")),
    ("back on Dec 3", unknown("unrecognised")),
]

COMPLIANCE = [
    ("STOP", out("stop")),
    ("stop", out("stop")),
    ("Stop.", out("stop")),
    ("STOP 🛑", out("stop")),
    ("STOPALL", out("stop")),
    ("UNSUBSCRIBE", out("stop")),
    ("unsubcribe", out("stop")),
    ("CANCEL", out("stop")),
    ("End", out("stop")),
    ("QUIT", out("stop")),
    ("REVOKE", out("stop")),
    ("OPTOUT", out("stop")),
    ("OPT OUT", out("stop")),
    ("opt-out", out("stop")),
    ("please stop texting me", out("stop")),
    ("stop sending me these", out("stop")),
    ("remove me from this list", out("stop")),
    ("Take me off your list", out("stop")),
    ("don't text me anymore", out("stop")),
    ("Yes stop", out("stop")),
    ("I'll stop by the house tomorrow", unknown("unrecognised")),
    ("non-stop showings today", out("in_progress")),
    ("I'll be at the end of the street", unknown("unrecognised")),
    ("START", out("start")),
    ("unstop", out("start")),
    ("Subscribe", out("start")),
    ("opt in", out("start")),
    ("HELP", out("help")),
    ("help", out("help")),
    ("INFO", out("help")),
    ("?", out("help")),
    ("help?", out("help")),
    ("STATUS", out("status")),
    ("status 4821", out("status", ref="4821")),
    ("Status?", out("status")),
    ("what's open", out("status")),
    ("what's open?", out("status")),
    ("my referrals", out("status")),
    ("AGREE", out("agree")),
    ("I agree", out("agree")),
    ("agreed", out("agree")),
    ("AGREE 4821", out("agree", ref="4821")),
    ("AWARD 2", out("award", choice=2)),
    ("award #2", out("award", choice=2)),
    ("award 2 for 4821", out("award", ref="4821", choice=2)),
    ("pick 2", out("award", choice=2)),
    ("choose agent 2", out("award", choice=2)),
    ("AWARD", unknown("unrecognised")),
    ("award 4821", unknown("unrecognised", ref="4821")),
]

NOT_COMMANDS = [
    ("don't claim yet", unknown("negation")),
    ("do not claim", unknown("negation")),
    ("Do NOT claim 4821", unknown("negation", ref="4821")),
    ("not yet", unknown("negation")),
    ("no don't buy", unknown("negation")),
    ("No, don't buy it", unknown("negation")),
    ("I can't claim right now", unknown("negation")),
    ("dont invoice me yet", unknown("negation")),
    ("haven't sold yet", unknown("negation")),
    ("Not sold yet, still looking", out("in_progress")),  # a progress report with a note (issue 15)
    ("Yes. Wait, no don't claim", unknown("negation")),
    ("don't call me", unknown("negation")),
    ('Liked "YES"', unknown("reaction")),
    (f'Liked “{OFFER}”', unknown("reaction")),
    (f'Loved "{OFFER}"', unknown("reaction")),
    ('Laughed at “claim 4821”', unknown("reaction")),
    ('Emphasized "Reply YES to claim"', unknown("reaction")),
    ('Questioned "SOLD"', unknown("reaction")),
    ('Disliked “Reply STOP to opt out”', unknown("reaction")),
    (f'Reacted 👍 to "{OFFER}"', unknown("reaction")),
    ("Liked an image", unknown("reaction")),
    ("I'm driving with Do Not Disturb While Driving turned on. I'll see your message when I get where "
     "I'm going.", unknown("auto_reply")),
    ("Auto-reply: I am out of the office", unknown("auto_reply")),
    ("This is an automated response", unknown("auto_reply")),
    ("Thanks for your message! I'll get back to you as soon as I can. Reply YES for updates",
     unknown("auto_reply")),
    ("is it still available?", unknown("question")),
    ("what's the price range?", unknown("question")),
    ("can I claim tomorrow?", unknown("question")),
    ("who is the client?", unknown("question")),
    ("Yes?", unknown("question")),
    ("Is 4821 still open? If so yes", unknown("question", ref="4821")),
    ("Could you call me?", out("call")),  # a polite request, like "can you bill me for this one"
    ("", unknown("empty")),
    ("   ", unknown("empty")),
    ("\n\t", unknown("empty")),
    ("😂", unknown("empty")),
    ("🙏🙏", unknown("empty")),
    ("...", unknown("empty")),
    ("4821", unknown("unrecognised", ref="4821")),
    ("thanks!", unknown("ack")),  # thanks alone acknowledges: asked to confirm when an offer is open
    ("Ok thanks", unknown("ack")),  # an acknowledgement with thanks: asked about, never acted on
    ("Sounds like a nice area", unknown("unrecognised")),
    ("y'all are the best", unknown("unrecognised")),
    ("lol", unknown("unrecognised")),
    ("Great news! Sold for $450k", out("sold", amount=450_000)),
    ("no problem, I'll take it", out("claim")),
    ("no problem I'll claim it", out("claim")),
    ("Yes, I'm working with them", out("in_progress")),
    ("I'm back in the office", out("resume")),
    ("Stop by 4821?", unknown("question", ref="4821")),
    ("Please cancel my claim", unknown("unrecognised")),
    ("I presume the client is a buyer", unknown("unrecognised")),
]
# A second thought hands the reading to what follows it; a doubt alone after a yes asks; taken back, nothing is done
SECOND_THOUGHTS = [
    ("PAUSE\nwait no I meant unpause, back early", out("resume")),
    ("No sale\nwait no sorry, wrong client. 8832 is under contract, closing Dec 18", out("in_progress", ref="8832")),
    ("mine!\n...oh wait it's a rental? is this even a buyer?", unknown("likely")),
    ("Call me pls\nactually nvm, texting is fine", unknown("unrecognised")),
    ("Sí\nperdón, quise decir recibido, gracias", unknown("ack")),
    ("STOP\nwait no, START. hit the wrong one", out("start")),
    ("STOP\nsorry wrong thread, meant for the HOA chat. But pass on 6120, not my area", out("decline", ref="6120")),
    ("Stop. Wait, will I still get paid on my open ones?", out("stop")),  # a question takes no STOP back
    ("I don't agree to 30%... oh wait it says 25. ok AGREE on 7731", out("agree", ref="7731")),
    ("SOLD!! well... accepted offer, not closed yet lol. 7731", out("in_progress", ref="7731")),
    ("Yes on 4821. Pass on 4822, too far north for me", unknown("unrecognised")),  # two answers ask
]

ROWS = CLAIMS + DECLINES + CALLS + INVOICES + REPORTS + PAUSES + COMPLIANCE + NOT_COMMANDS + SECOND_THOUGHTS


def test_there_are_enough_rows() -> None:
    assert len(ROWS) >= 170


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[repr(text)[:60] for text, _ in ROWS])
def test_sms(text: str, expected: dict) -> None:
    assert intent_to_json(parse_text(text, now=NOW)) == expected


EMAILS = [
    ("Sold for $452,500\n\nThe buyers loved the place. Invoice me when ready.\n\nOn Mon, Nov 23, 2026 at 9:00 AM "
     "Referral Bot <bot@example.com> wrote:\n> Reply SOLD, NO SALE or IN PROGRESS",
     out("sold", amount=452_500)),
    ("Hi Jane,\n\nI'll take it.\n\nBest,\nBob\n-- \nBob Smith, Realtor", out("claim")),
    ("Request an Invoice\n\nSent from my iPhone", out("invoice")),
    ("Thank you for your email. I am currently out of the office with limited access to email.",
     unknown("auto_reply")),
    ("\n\n> New referral #4821. Reply YES to claim", unknown("empty")),
    ("Hello,\nIs the client pre-approved?\n\nThanks", unknown("question")),
    ("STOP\n\nFrom: Referral Bot\nSent: Monday", out("stop")),
    ("pause until Dec 3\nI'm at a conference.", out("pause", until="2026-12-03")),
    # answers written between the quoted lines: the keyword paragraph is the answer
    ("On Wed, Nov 18, 2026 at 8:30 AM Referral Bot <bot@example.com> wrote:\n> How is referral #5120 going?\n\n"
     "He's not buying a condo, he wants a 40-unit building.\n\n> Reply SOLD $amount, NO SALE or FAIL.\n\n"
     "FAIL. I only do residential resale.", out("fail", reason="not a good fit")),
    # a yes under a quoted paid offer buys it
    ("On Fri, Nov 20, 2026 at 4:05 PM Referral Bot <bot@example.com> wrote:\n> Paid referral #8154: seller in 85255."
     "\n\nyes please", out("invoice")),
    ("Yes\n\nActually, hold on. Please have someone call me first.", out("call")),  # a second thought below
    ("SOLD at 475! Closed Friday.\n\n...wait. Wrong file, that was my own listing, not your referral.",
     unknown("unrecognised")),
    # the lines on top only say the answer is below, between the quoted lines
    ("Hi, see my answer below.\n\nThanks, Lauren\nLauren Pierce | Compass\n949-555-0183\n\n> 2 agents are "
     "interested in your referral #4536:\n> 1. Ken Aoki\n\nGo with Ken (#1).\n\n> 2. Rachel Stein",
     out("award", choice=1)),
    ("Hola, contesto abajo.\n\n> How is referral #4410 going?\n\nSOLD 449,9. Cerramos el jueves.\n\nSaludos,\nYaritza",
     out("sold", amount=449_900)),
    # news of one referral, a question about another in the next paragraph: which one is not ours to guess
    ("SOLD on 4821 - closed Friday at $449,900.\n\nSeparate question on 4830: did the buyer confirm her email?",
     out("sold", amount=449_900)),
    # an earlier reply taken back by what it said: the words are no command now
    ("Please disregard my IN PROGRESS reply on #8802. It's a 40-unit apartment building, not my line of work, so "
     "I'm returning it - FAIL, not a good fit.", out("fail", ref="8802", reason="not a good fit")),
    # an answer sent before, quoted by its keyword, is no answer now
    ("Correction to my reply yesterday: I wrote NO SALE for 3968 by mistake, that was a different client. The "
     "Hendersons actually closed Friday at $412,250.00.", out("sold", ref="3968", amount=412_250)),
    # an answer written into the quoted original, marked with the writer's initials
    ("From: Referral Network\nSent: Thursday, November 19, 2026\n\nHow is referral #4410 going?\n\n[RD] SOLD 449,9"
     "\n\nRay Dominguez", out("sold", amount=449_900)),
    # the ask in a later paragraph, below one that only says the agent can take no one new
    ("I'm having knee surgery on Tuesday, so I can't take on anyone new right now.\n\nPlease hold new referrals "
     "until Monday, December 14th.", out("pause", until="2026-12-14")),
    # a fail under a quoted offer, with no word of having had it, passes the offer on
    ("Could you please send this one to another agent? It's outside the area I cover.\n\n> New referral #5528: "
     "seller in 78741. Reply YES to claim or NO to pass.", out("decline")),
    # a deal lost in one paragraph, the sale in the next ("a 3/2" is bedrooms and baths, not March 2)
    ("The seller backed out two days before closing.\n\nBut we closed on Thursday on a 3/2 on Maple Ridge Dr. Final "
     "price was $412,250.00. This was referral #2915.", out("sold", ref="2915", amount=412_250)),
]


@pytest.mark.parametrize(("body", "expected"), EMAILS)
def test_email(body: str, expected: dict) -> None:
    assert intent_to_json(parse_text(body, Channel.EMAIL, now=NOW)) == expected


def test_email_channel_given_as_string() -> None:
    assert parse_text("Hi,\nYes", "email", now=NOW) == Claim(None)


@pytest.mark.parametrize(("digits", "expected"), [
    ("1", Claim(None)), ("2", Decline(None)), (" 1 ", Claim(None)), ("1#", Claim(None)),
    ("3", Unknown("unrecognised")), ("", Unknown("unrecognised")), ("12", Unknown("unrecognised")),
    ("*", Unknown("unrecognised")),
])
def test_keypad(digits: str, expected: object) -> None:
    assert parse_digits(digits) == expected


def test_values_are_typed() -> None:
    assert parse_text("SOLD 4821 $450k", now=NOW) == Report(Outcome.SOLD, ref="4821", amount=450_000, reason=None)
    assert parse_text("pause until Dec 3", now=NOW) == Pause(until=date(2026, 12, 3))
    assert parse_text("call me", now=NOW) == CallRequest(None)
    assert parse_text("award 2 for #4821", now=NOW) == Award(ref="4821", choice=2)


def test_json_keys_in_contract_order() -> None:
    assert list(intent_to_json(parse_text("YES", now=NOW))) == ["intent", "ref", "amount", "until", "reason"]
    award = intent_to_json(parse_text("AWARD 2", now=NOW))
    assert list(award) == ["intent", "ref", "amount", "until", "reason", "choice"]


def test_every_contract_name_is_reachable() -> None:
    names = {intent_name(parse_text(text, now=NOW)) for text, _ in ROWS}
    assert names == set(
        ["claim", "decline", "call", "invoice", "sold", "no_sale", "in_progress", "invalid", "fail", "pause", "resume",
         "stop", "start", "help", "status", "agree", "award", "unknown"]
    )


def test_now_defaults_to_the_clock() -> None:
    assert parse_text("pause for 2 weeks").until is not None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("yes, but only if the buyer is in Hutto", "hypothetical"),
        ("if 4821 sold I'll tell you", "hypothetical"),
        ("I might pause in February", "hypothetical"),
        ("maybe I'll buy this one", "hypothetical"),
        ("my teammate sold a ranch for 900k", "third_party"),
        ("heard the Lees sold in Kyle", "third_party"),
        ("mi tía compró una casa", "third_party"),
    ],
)
def test_a_hypothetical_or_someone_elses_news_is_never_an_action(text: str, reason: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == "unknown"
    assert intent_to_json(parse_text(text, now=NOW))["reason"] == reason


def test_the_agent_calling_back_is_no_request_to_be_called() -> None:
    assert intent_to_json(parse_text("showing homes all morning, call you at noon", now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize("text", ["I'll pause after Christmas", "it will be sold by the 30th", "will invoice soon"])
def test_an_action_put_in_the_future_is_never_an_action_now(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["reason"] == "future"


@pytest.mark.parametrize(("text", "choice"), [
    ("the last one on the list", Award.LAST), ("go with the last one", Award.LAST), ("el segundo de la lista", 2),
    ("give it to the last agent", Award.LAST),
])
def test_an_award_by_place_on_the_list(text: str, choice: int) -> None:
    assert parse_text(text, now=NOW) == Award(ref=None, choice=choice)


def test_a_bare_place_without_the_list_is_no_award() -> None:
    assert intent_to_json(parse_text("the first one", now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "intent", "ref"), [
    ("HELP - what are my reply options for 8840?", "help", "8840"),
    ("how do I report a price under 100k? just SOLD 95000?", "help", None),
    ("Pausing til Dec 6, traveling. 5519 still in progress tho", "pause", "5519"),
])
def test_a_help_request_or_a_pause_keeps_the_code_typed_beside_it(text: str, intent: str, ref: str | None) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == (intent, ref)


@pytest.mark.parametrize(("text", "intent", "ref"), [
    ("Cole me when you get a sec", "call", None),
    ("Yes on referral 51 17 I'll take it", "claim", "5117"),
    ("Past on this one I'm slammed this week", "decline", None),
    ("A word 6012 to agent 2", "award", "6012"),
    ("Un stop", "start", None),
])
def test_voice_dictation_slips(text: str, intent: str, ref: str | None) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == (intent, ref)


def test_a_stop_for_a_while_is_a_pause_and_a_bare_stop_is_still_a_stop() -> None:
    paused = parse_text("Please stop sending me leads for 10 days, I'm away. Don't remove me though!", now=NOW)
    assert intent_to_json(paused)["intent"] == "pause" and intent_to_json(paused)["until"] == "2026-12-02"
    assert intent_to_json(parse_text("STOP. I'm on vacation until the 5th", now=NOW))["intent"] == "stop"
    assert intent_to_json(parse_text("Please remove me from your list. I retired at the end of October.",
                                     now=NOW))["intent"] == "stop"


@pytest.mark.parametrize("text", [
    "going on vacation 12/20-1/2, can I pause then?",
    "I'm not asking to stop, but please vet these better",
    "Si vendo mi casa este año te aviso jaja",
    "sí, la casa es de 3 cuartos y 2 baños",
    "FYI Craig's brother-in-law sold his condo on Brickell for 620k, not one of ours lol",
])
def test_no_action_nobody_asked_for(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == "unknown"


def test_news_of_one_referral_and_a_question_about_another_names_neither() -> None:
    got = intent_to_json(parse_text("closed on 8123 for 385. btw is 4410 still open?", now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", None, 385000)


@pytest.mark.parametrize("text", [
    "This is the third reminder I've received on 61155. Please update your records so these reminders stop.",
    "Can you stop texting me at 6am?? Afternoons are fine",
])
def test_a_stop_that_is_no_opt_out(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] != "stop"


def test_a_stop_sent_by_a_child_and_then_undone_is_a_start() -> None:
    assert intent_to_json(parse_text("My kid was playing on my phone and replied STOP 🙄 sorry! START",
                                     now=NOW))["intent"] == "start"


@pytest.mark.parametrize("text", [
    "I'll take the next one in 78745 for sure",
    "Babe call me when ur out of the showing, the dog got out again",
    "Hi Mrs. Patel! Yes, Thursday at 4 works for the final walkthrough. See you there",
    "Yes, this is still my correct email and cell number.",
    "Third referral this month with a bad phone number. Who is vetting these?",
    "my own listing on Oak just went pending!",
    "Mi socio Raúl vendió su propia casa en Hialeah, ¡felicidades a él!",
])
def test_more_messages_that_ask_for_nothing(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "reason"), [("Ok. Received. Frank", "ack"), ("Thank you. Sincerely, Dorothy", "ack")])
def test_an_acknowledgement_signed_with_a_name(text: str, reason: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["reason"] == reason


@pytest.mark.parametrize(("text", "intent"), [("ok. Pass", "decline"), ("Thanks. Start", "start")])
def test_a_keyword_after_an_acknowledgement_is_no_signature(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


@pytest.mark.parametrize("text", [
    "Yes — 10am works for the showing, I'll meet you at the house on NE Killingsworth",
    "no we don't need a second appraisal, can you let underwriting know",
    "Hoping to get an offer in on 2915 by the weekend",
    "Mi compadre vendió su casa con otra agencia. ¿Ustedes trabajan en Puerto Rico también?",
    "No he vendido todavía, paciencia",
    "my sis sold her condo 4 380k lol",
    "don't award it yet, still talking to the seller",
    "yes, the buyers are still looking in Frisco",
    "Stop sending me leads with fake phone numbers!! 3 in a row now",
])
def test_no_action_in_answers_to_others_hopes_and_complaints(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] not in ("claim", "sold", "in_progress", "invalid",
                                                                       "pause", "award", "stop", "decline")


@pytest.mark.parametrize(("text", "intent"), [
    ("Was on vacation last week, sorry for the slow reply on 4821. Showing them 3 houses Tuesday", "in_progress"),
    ("Under contract on 6012, closing Dec 18. Then I'm off till January", "in_progress"),
    ("Heading out on vacation tomorrow so award 6012 to agent 2 pls", "award"),
    ("fee's fine, count me in", "agree"),
    ("YES 4821! just got back from vacation, perfect timing", "claim"),
    ("No, I haven't heard from them since Tuesday. Should I keep trying or give it back?", "unknown"),
])
def test_an_absence_or_an_aside_beside_the_command(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


def test_an_email_that_opens_with_an_apology_for_the_delay_is_read_past_it() -> None:
    body = ("Apologies for the delay in getting back to you on this. I was at a CE class all day Friday.\n\n"
            "The 30% is a little higher than I'm used to, but the client is already pre-approved, so it makes sense. "
            "Consider this my formal acceptance: agreed, 30% works for me.\n\nThanks,\nTom")
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == "agree"


@pytest.mark.parametrize(("text", "intent"), [
    ("No sale yet, waiting on the appraisal, closing is set for Dec 11", "in_progress"),
    ("Claimed 4410 last week and never got the contact info. Someone call me 865-555-0134", "call"),
    ("No pausen mi cuenta, sigo trabajando en diciembre", "unknown"),
    ("No gracias, no la compro. Llámenme cuando tengan algo en Hialeah", "decline"),
    ("No, pass. And please don't call me about it either", "decline"),
    ("award 6012 2. #1 hasn't sold anything in Gwinnett", "award"),
    ("Help me celebrate 🎉 4410 closed today at $612,000", "sold"),
    ("INVALID - I called, the lady said stop calling her, she never asked for a realtor", "invalid"),
    ("START. sorry, my assistant hit stop on my phone", "start"),
    ("start time for the showing is 3pm right?", "unknown"),
    ("Not sold yet, stop asking every week", "unknown"),
])
def test_a_command_beside_words_of_another(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


@pytest.mark.parametrize(("text", "amount"), [
    ("The Hendersons closed Thursday! Listed at $535,000 and we got it for $518,500.", 518500),
    ("closed at list price 450k", 450000),
])
def test_the_list_price_is_not_the_sale_price_when_another_is_said(text: str, amount: int) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["amount"] == amount


@pytest.mark.parametrize(("text", "intent"), [
    ("Not on vacation anymore, send them again", "resume"),
    ("Don't call me, connect me straight to the client", "connect"),
    ("BUY. and if this one's another disconnected number I want my $50 back", "invoice"),
    ("Charge my card for 7012 - Rachel has the company Amex if it bounces.", "invoice"),
    ("AGREE\n(sent it to the wrong chat earlier, this is the right one)", "agree"),
    ("pass on 3307 not my area. @Dave you want it? lol", "decline"),
    ("sold!!! jk", "unknown"),
])
def test_a_command_with_a_remark_beside_it(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


def test_an_email_to_a_teammate_by_first_name_with_a_request_of_theirs_is_no_report() -> None:
    body = ("Hi Mike,\n\nThe Johnsons are clear to close Thursday!! Can you get the gift basket ordered?\n\n"
            "Thanks,\nAngela")
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "intent"), [
    ("Got a weird one about the fee split on a referral that turned into two deals (they sold in Edison and bought"
     " in Metuchen with me). Too long to type out. Call me this afternoon", "call"),
    ("El cliente no contesta números que no conoce. Conéctenme por teléfono con él, así ve el número de ustedes",
     "connect"),
    ("Pass on 8830, I'm out till Monday anyway", "decline"),
    ("Sorry for the pause in replies, been sick. Still showing the Garcias homes this week", "in_progress"),
    ("I texted PAUSE on Friday but I'm still getting new leads. Did it go through?", "unknown"),
    ("Our house finally sold!! 525k, moving in January", "unknown"),
    ("todavía no se vendió, not sold yet", "unknown"),
    ("Vendi minha casa! finally, 410 mil", "unknown"),
])
def test_asides_apologies_and_homes_around_a_command(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


def test_an_email_whose_story_comes_before_the_ask_is_read_to_the_ask() -> None:
    body = ("Hi,\n\nI met with the owner on Thursday. Turns out it's a 40-unit apartment building and he wants "
            "someone with investment sales experience.\n\nI'm returning this referral, it's not a good fit for me."
            "\n\nThanks,\nTeresa")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["reason"]) == ("fail", "not a good fit")


def test_a_zip_is_never_the_price() -> None:
    assert intent_to_json(parse_text("Sold the condo in 33157, $289k", now=NOW))["amount"] == 289000


@pytest.mark.parametrize("text", [
    "stop at publix and grab milk pls ❤️", "Please stop calling my cell at 7am. Texts are fine.",
])
def test_a_stop_on_the_way_or_about_the_hour_is_no_opt_out(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] != "stop"


@pytest.mark.parametrize(("text", "intent"), [
    ("Yes we're still interested! When can we see it?", "unknown"),
    ("vendí mi propio apartamento esta semana, por eso no he contestado", "unknown"),
    ("Es la tercera referencia este mes con número equivocado. Estoy pagando por estos contactos.", "unknown"),
    ("Mi casa se vendió ayer en 380 mil, ¡por fin!", "unknown"),
    ("Jen can you call me back about the Maple St showing", "unknown"),
    ("wish I could pause life for a week lol", "unknown"),
    ("Mañana te digo si la tomo", "unknown"),
    ("Doesn't matter what the fee is, I'll take it. AGREE", "agree"),
    ("I didn't say stop, why did I get an opt-out confirmation??", "unknown"),
    ("Soy la esposa de Rafael, dice que sí toma la 2290. Él está manejando", "claim"),
])
def test_more_voices_around_the_agent(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("our house in Rochester Hills finally sold! thank god", "unknown"),
    ("Se fueron por su cuenta, la vendieron ellos mismos (FSBO). Ni modo", "no_sale"),
    ("I'm off the grid until Monday, November 30. If this is about a closing, call my office.\n\n"
     "This message was sent automatically.", "unknown"),
    ("Si digo que no a este, me siguen mandando de esta zona?", "unknown"),
    ("The listing at 4821 Maple Dr just hit the market, gorgeous", "unknown"),
    ("I agree the market is slow right now", "unknown"),
    ("Yes!! Go Cowboys", "unknown"),
    ("Quit texting me at 6am please, 9am is fine", "unknown"),
    ("Fat-fingered STOP last week, turn me back on", "start"),
])
def test_idioms_and_near_misses(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


@pytest.mark.parametrize("body", [
    "Hi John and Maria,\n\nGreat news, the sellers accepted! We're under contract at $415,000.\n\nTalk soon,\nLisa",
    "Disregard — this went to the wrong thread, meant for my team lead.\n\nRyan, the Hudsonville buyers ghosted me"
    " on the Saturday showings, can you cover the Tuesday ones?",
])
def test_an_email_for_the_clients_or_taken_back_is_no_report(body: str) -> None:
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "intent"), [
    ("I'll happily take the Baltimore lead as long as the buyer is already pre-approved. Can you confirm that?",
     "unknown"),
    ("Oh perfect timing, a buyer of mine just fell through so my Saturday is wide open. Yes, I'll take 4821", "claim"),
    ("Had a great experience with the last paid one, closed in 40 days. BUY", "invoice"),
    ("Will pause after the 15th when I start maternity leave, I'll text you then", "unknown"),
    ("Por cierto, mi casa propia ya se vendió en 320 mil 🙌 ahora a buscar otra", "unknown"),
    ("Sí, ya le mandé el contrato a mi cliente", "unknown"),
    ("Stop the presses — we're under contract on 6128! Closing set for Dec 18", "in_progress"),
    ("Me operan la rodilla el martes 😬 y el doctor dice reposo total. Pausen los referidos hasta el 14 de diciembre",
     "pause"),
])
def test_the_story_around_a_command_and_the_command_in_it(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


def test_a_street_number_is_never_the_price() -> None:
    got = intent_to_json(parse_text("The Hendersons closed Friday on 118 Oak Hollow Dr. Final price $389,500.00.",
                                    now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 389500)


@pytest.mark.parametrize(("text", "intent"), [
    ("Stop 🤣 you're killing me, I'm at a closing", "unknown"),
    ("if I pause for a month, do I just stop getting offers or do I lose my spot too?", "unknown"),
    ("if you send me one more condo lead in Doral I'm hitting STOP lol", "unknown"),  # a threat, not an opt-out
    ("Stop calling me please, texts are fine", "unknown"),  # the calls, not the texts
    ("Stop the 3pm showing on Elm st, buyer has covid", "unknown"),
    ("does STOP also stop the emails or just the texts?", "help"),
    ("Sí\nperdón, ese sí era para mi cliente, no para ustedes", "unknown"),
    ("estoy de vacaciones pero sigan mandando 😎", "unknown"),  # away, and still wants offers
    ("Thank you for contacting the Ramirez Team. Maria is out of the office until Dec 1.", "unknown"),  # auto-reply
    ("Mike call me when ur out of the closing", "unknown"),  # for a teammate at a closing
    ("YES\nsorry, fat fingered that. NO on 5190", "decline"),  # the second word
    ("YES lol jk, Pflugerville is too far. pass", "decline"),
    ("pausing for lunch, will reply on 4821 in an hour", "unknown"),
    ("Stop the clock! 4417 closed Friday at 452,500 🎉", "sold"),  # an idiom, not an opt-out
    ("I said to pause me until Dec but the trip got cancelled. Turn my referrals back on please", "resume"),
    ("I'll take it. Actually let me check with my team lead first, will get back to you", "unknown"),
    ("I replied START by accident. I want OUT. STOP", "stop"),  # the last word stands
    ("Sorry wrong chat!! YES babe I'll grab milk on the way home", "unknown"),
    ("Call it a day, y'all 🍻 happy Sunday", "unknown"),  # idioms, no call and no pass
    ("Pass the gravy 🦃 happy early Thanksgiving team", "unknown"),
    ("can you take 4410 back? called and texted her for 3 weeks, not a peep", "fail"),  # a request shaped as a question
    ("No need to call me, just charge the card on file for #4410", "invoice"),
    ("Would you mind offering 3307 to someone else? I'm swamped through the holidays", "decline"),  # asked politely
    ("¿Me pueden marcar el 9016 como inválido? La señora dice que nunca pidió agente", "invalid"),  # not "call me"
    ("PASS on 4821\nactually hold on, lemme check w my team first", "unknown"),
    ("help\nactually just call me, easier", "call"),
    ("dont charge the old visa, use the amex on file instead. BUY 6120", "invoice"),
    ("YES- wait, before I take another one, which referrals do I have open right now?", "status"),
    ("Not sure about 25% tbh... eh ok fine. AGREE", "agree"),  # the doubt given up, the keyword said last
    ("Acepto el 25% solo si el cliente ya está preaprobado", "unknown"),
    ("Chamo ya regresé de vacaciones, pueden volver a mandarme referidos", "resume"),
    ("Sorry, my assistant hit YES on 4821 by mistake. Please change that to a NO, we pass.", "decline"),
    ("Hit stop by accident while driving to a closing, add me back please", "start"),  # no auto-reply
    ("Pause me until Dec 7, knee surgery on the 30th. cell 214-555-0188 if anything urgent", "pause"),
    ("who is the client??? call me back", "unknown"),  # a question with a call request: an operator sees it
    ("Mike, the buyers on Oak said NO to the counter. Call me.", "unknown"),  # a colleague called by name
    ("Please don't take me off the list, I still want these! Just a slow week on my end", "unknown"),
    ("When you get a minute could somebody give me a ring? Easier to explain over the phone", "call"),
    ("don't award it to agent 1, she never returns calls. give it to 3", "award"),  # the pick said after
    ("Les informo que he regresado de mis vacaciones. Favor de reanudar el envío de referidos", "resume"),
    ("Seguimos trabajando. Hicimos una oferta el jueves. Si no sale esa, tenemos dos más para ver", "in_progress"),
    ("sorry I hit YES on 5190 by mistake, meant NO!! pls pass it to someone else", "decline"),
    ("Agree 100%, inventory is brutal this winter", "unknown"),
    ("I never agreed to a 35% fee", "unknown"),
    ("our roofer ghosted us so the kitchen is on hold, how was your weekend", "unknown"),
    ("Which of my leads are still open? I thought I closed out 5120 already", "status"),
    ("Still looking at 6140, will get back to you after lunch", "unknown"),
    ("I might take January off, still deciding. Will let you know", "unknown"),
    ("Quiero pausar pero después de navidad, no ahora", "unknown"),
    ("The condo they loved sold to another buyer, we got outbid. still out looking with them", "in_progress"),
])
def test_action_words_that_ask_nothing(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("YES! just got back from Aspen, I'll take 7321", "claim"),
    ("Closed my last deal of the year, taking some time off. Pause referrals until Jan 6 please", "pause"),
    ("I have to send referral 5532 back, they're buying in El Paso and I only cover Austin", "fail"),
    ("when I reply SOLD should I put the contract price or the appraisal?", "help"),
    ("¿Cómo reporto una venta? ¿Escribo SOLD y el precio nomás?", "help"),
    ("Sin referidos por dos semanas porfa, me voy de viaje", "pause"),
    ("no x ahora, estoy hasta el cuello", "decline"),
    ("Marcy agrees to the 25% referral fee on 9921, please send her the agreement", "agree"),
    ("Please charge my card for 3318. If our bookkeeper needs a receipt I'll forward it to her.", "invoice"),
    ("sí la tomo la 4477 estoy en una cita pero en cuanto salga le hablo al cliente", "claim"),
])
def test_commands_with_their_reasons_around_them(text: str, intent: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == intent


@pytest.mark.parametrize(("text", "want"), [
    ("my brother finally sold his townhouse, but the big news: the buyer on 3020 closed yesterday at $1.2M!",
     ("sold", "3020", 1200000)),
    ("La referencia 8842 se cerró. El precio fue de cuatrocientos cincuenta y cinco mil dólares.",
     ("sold", "8842", 455000)),
    ("vendimos la 7310 en un millón doscientos mil", ("sold", "7310", 1200000)),
    ("5512 closed friday at 452,500! also whats going on with 3315", ("sold", None, 452500)),
    ("BUY 2291, and put it on the card ending 4417 please", ("invoice", "2291", None)),
    ("FAIL 3902 called 6x texted 4x nothing", ("fail", "3902", None)),
])
def test_codes_and_prices_in_news(text: str, want: tuple[str, str | None, int | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("im back! resume pls. did I miss anything on 5139?", ("resume", "5139")),
    ("START. hit stop by mistake, can I still claim 6198?", ("start", "6198")),
])
def test_a_return_keeps_the_code_typed_beside_it(text: str, want: tuple[str, str]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_couple_of_weeks_is_two() -> None:
    got = intent_to_json(parse_text("Burnt out, taking a couple weeks. Pause me", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", "2026-12-06")


@pytest.mark.parametrize(("text", "name"), [
    ("Give it to Dana Whitfield", "Dana Whitfield"),
    ("Let's go with Priya Nair. She's closest to the client", "Priya Nair"),
    ("award 6012 and 6019 to Marcus, he's good with both", "Marcus"),
])
def test_a_receiver_named_as_the_list_names_them(text: str, name: str) -> None:
    got = parse_text(text, now=NOW)
    assert isinstance(got, Award) and (got.choice, got.name) == (Award.BY_NAME, name)
    assert intent_from_json(intent_to_json(got)) == got


@pytest.mark.parametrize("text", ["give it to someone local", "Let's go with a different lender", "give it to him"])
def test_no_receiver_named(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("Le doy el referido 5187 a la agente número 3, gracias", ("award", "5187")),
    ("I think I'm supposed to pick one? I'll go with the second agent on the list for 6012", ("award", "6012")),
    ("Please set up a call between me and Mrs. Adeyemi so I can introduce myself", ("connect", None)),
    ("Can I get a call back about the fee on 7731? thx", ("call", "7731")),
    ("any of my referrals still open? cleaning up my pipeline", ("status", None)),
    ("Status: under contract, closing 12/18 #2915", ("in_progress", "2915")),
    ("Taking it — 60214. Calling the buyer tonight", ("claim", "60214")),
    ("I'll pay the $50 for 3390, send it over", ("invoice", "3390")),
    ("ok charge it, pero mándame el recibo", ("invoice", None)),
    ("Cóbrenlo a mi tarjeta, quiero el de 33012", ("invoice", None)),
    ("Pass on this one, 33157 is outside where I work", ("decline", None)),
    ("los compradores terminaron comprando con un agente amigo de la familia", ("no_sale", None)),
    ("el numero del cliente no existe, llamé tres veces", ("invalid", None)),
    ("ya les estoy enseñando casas, vemos 3 el sábado", ("in_progress", None)),
    ("Regarding 7102: under contract, closing is set for Dec 18. I will report back once we have closed.",
     ("in_progress", "7102")),
])
def test_more_commands_in_their_own_words(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize("text", [
    "yes babe, and grab milk too pls",
    "yes call the lender back and tell her 6.25 is fine",
    "Yes I can cover the open house Sat 1-4",
    "No, the 14th doesn't work for me, can we push the walkthrough to the 16th?",
    "I agree it's a good lead but 30% is too much. 20 and we have a deal",
    "Yes 9am works. Lockbox is on the side gate, code 4417",
    "MLS# 73215 can u pull comps before 4",
])
def test_answers_to_others_and_counter_offers_take_no_action(text: str) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == ("unknown", None)


@pytest.mark.parametrize("text", ["oki gracias pana 👍", "Thank you so much, I received your message."])
def test_thanks_with_a_friendly_word_is_an_acknowledgement(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["reason"] == "ack"


@pytest.mark.parametrize(("body", "want"), [
    ("Hi,\n\nWe saw five houses Monday and three more Thursday, the buyers loved a 3/2 on Elm.\n\nLong story short on "
     "#4821: offer accepted, under contract, closing Dec 18.\n\nBest,\nMarisol", ("in_progress", "4821")),
    ("Hello,\n\nI called her nine times, left voicemails and drove past the house she listed, nothing.\n\nI'm giving "
     "#3307 back. She's not responding and someone else might be able to reach her.\n\nGreg", ("fail", "3307")),
    ("Hola,\n\nTuvimos una semana con una inspección que salió fatal.\n\n¿Me pueden decir en qué estado está la 3815?"
     "\n\nYesenia", ("status", "3815")),
    ("Hi,\n\nI replied last Friday with a paragraph about the showings and the lender.\n\nWhat exactly am I supposed to"
     " reply to those reminders?\n\nKelly", ("help", None)),
    ("Hi,\n\nThe inspection on 1418 Crestview was a disaster: failing sewer line, roof leak.\n\nThey signed a lease and"
     " are not buying. So 5119 is a no sale.\n\nAngela", ("no_sale", "5119")),
    ("Rob,\n\nThe Hendersons are walking - they decided to rent. Please cancel the appraisal.\n\nAllison",
     ("unknown", None)),
])
def test_a_long_email_is_read_to_its_ask_and_its_code(body: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Esta semana fue una locura, una inspección que salió fatal. No puedo con más clientes, así que paso con la 4410",
     ("decline", "4410")),
    ("I'll take 4410 and 4412, both are by my office", ("claim", None)),
    ("si la tomo yo la referencia tres tres cero siete gracias", ("claim", "3307")),
    ("Sorry wrong thread, that was for my lender. But to answer you, 2915 is under contract", ("in_progress", "2915")),
    ("I'm back, resume sending referrals. No more pausing for me", ("resume", None)),
    ("So my 6 yr old had my phone and replied STOP to you. I am NOT trying to opt out, please add me back",
     ("start", None)),
    ("Soy la secretaria del Lic. Herrera. Él pide que ya no le manden mensajes, denlo de baja por favor",
     ("stop", None)),
    ("This is Carlos, TC for Rebecca Lyons. She asked me to pass on #3307, it's outside her market",
     ("decline", "3307")),
    ("Don't email me, just call me when u get a sec", ("call", None)),
    ("under contact closing dec 12", ("in_progress", None)),
])
def test_stories_assistants_and_dictation_around_a_command(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize("text", [
    "Sorry for the slow replies, my dad fell. I have to sort his meds, call his insurance, cancel his cruise",
    "Honestly not sure where 6231 is heading. We toured 4 places in October, then they went silent",
    "Ugh, my own listing's inspection came back with 42 pages. I also need to stop taking listings before the holidays",
    "Last month I claimed a buyer, paid the $50, showed her three condos and she went with another agent. I need to "
    "put this on the record.",
    "I think it's a fake number but gonna try once more before I report it",
])
def test_a_story_with_action_words_takes_no_action(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("pausen mis referencias hasta el quince de diciembre", ("pause", "2026-12-15", None)),
    ("closed yesterday, final sale price was three hundred eighty nine thousand five hundred dollars",
     ("sold", None, 389500)),
    ("Hola! Ya regresé de Santo Domingo. Pueden volver a enviarme referidos cuando quieran", ("resume", None, None)),
])
def test_dates_and_prices_said_in_words(text: str, want: tuple[str, str | None, int | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["until"], got["amount"]) == want


@pytest.mark.parametrize(("body", "want"), [
    ("To whom it may concern,\n\nI've been a member for a year and I want to explain why I'm leaving.\n\nI get "
     "reminders on deals I closed months ago.\n\nPlease remove me from your list entirely.\n\nHoward", "stop"),
    ("Hi,\n\nMy grandson was playing a game on my phone and replied STOP to your texts.\n\nPlease opt me back in and "
     "start sending me texts again.\n\nDeborah", "start"),
    ("Hola,\n\nLa clienta no contesta mis llamadas, creo que piensa que es spam.\n\nPor favor conéctenme con ella por "
     "teléfono.\n\nVerónica", "connect"),
    ("Hi,\n\nI just lost one of my listings to a discount brokerage.\n\nGo ahead and charge the card on file for "
     "#6650. I'll call the seller as soon as I get the contact info.\n\nMelissa", "invoice"),
    ("Hi,\n\nThe planning office is closed until Monday, of course.\n\nI'll get back to you next week with a yes or "
     "no.\n\nOmar", "unknown"),
])
def test_a_long_email_honours_its_stop_and_reads_past_its_story(body: str, want: str) -> None:
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == want


@pytest.mark.parametrize("text", [
    "Just SOLD my Maple St listing for 615k!! ok back to work",
    "My buyer closed today!!! not one of yours lol, one from my sphere",
    "all my showings got cancelled, the weather is nasty",
    "tell Mike to stop showing the Cedar Ln house, seller pulled it off the market",
    "Yes! Lockbox is on the back door, code is 4471",
    "Broker says we have to stop paying referral fees over 25%",
    "Hey can you stop by the office tmrw and sign the Maple St listing agreement",
])
def test_the_agents_other_business_takes_no_action(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("Sold 3390 for 389k! and my own listing on Pine finally sold too", ("sold", "3390", 389000)),
    ("closed on 5519 a hair under 500... 497,5 to be exact", ("sold", "5519", 497500)),
    ("SOLD $ 615 000 ref 60214", ("sold", "60214", 615000)),
    ("not sold yet, the 389k deal fell apart on inspection but we're back out touring Sat",
     ("in_progress", None, None)),
    ("YES I'll take it! right after my daughter's recital", ("claim", None, None)),
    ("Update: Okafor (#3364) under contract. Brennan on 3390 still waiting on lender", ("in_progress", None, None)),
])
def test_our_referral_beside_the_agents_own_news(text: str, want: tuple[str, str | None, int | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("I told you pause til the 14th but the surgery got moved to Jan, so go ahead and send referrals again", "resume"),
    ("Pause the whole team for Thanksgiving, back Monday the 30th", "pause"),
    ("Favor de no enviarme referidos por un tiempo, mi mamá está enferma", "pause"),
    ("Ya regresamos, pueden volver a mandarnos referidos", "resume"),
    ("Sí lo compro, cárguelo a mi tarjeta porfa", "invoice"),
    ("¿En qué va el 6620? No me ha llegado nada", "status"),
    ("What's going on with 5034? I claimed it Tuesday and nobody has told me anything", "status"),
    ("do I reply SOLD 450 or SOLD 450000?", "help"),
])
def test_more_everyday_commands(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize(("body", "want"), [
    ("Hi there,\n\nThanks for thinking of me.\n\nLakeway is forty minutes away and I have never sold a home out there."
     "\n\nI'm going to pass on 3307. Please send it to someone closer.\n\nTom", ("decline", "3307")),
    ("Hi,\n\nThe first house fell apart after the inspection.\n\nWe regrouped and found a 1998 two-story.\n\nClosed "
     "Friday: SOLD at $412,250.00 on referral 2915.\n\nAmanda", ("sold", "2915")),
    ("Hi everyone,\n\nBig news: we finally sold our own house!\n\nClosed at 525k on Friday.\n\nMelissa",
     ("unknown", None)),
    ("Hi,\n\nQuick heads up: knee surgery Tuesday.\n\nNo long drives for a couple of weeks, which rules out showings."
     "\n\nPlease hold new referrals until Dec 7.\n\nBill", ("pause", None)),
    ("Hola, ¿qué tal?\n\nFue un proceso largo con el banco.\n\nLa referencia 3381 ya está vendida: se cerró en 275 mil."
     "\n\nJavier", ("sold", "3381")),
    ("Hola,\n\nLe llamé tres veces y me contestaron en una lavandería, nadie está buscando casa.\n\nCreo que este "
     "contacto es falso. Márquenlo como inválido, por favor.\n\nOsvaldo", ("invalid", None)),
])
def test_a_long_email_is_read_to_its_plain_answer(body: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("MLS down AGAIN. can't even mark my listing pending", "unknown"),
    ("lender on my Birch St listing is unresponsive, 4 days no CD", "unknown"),
    ("Sí, mañana le llamo al prestamista para lo del avalúo", "unknown"),
    ("sold 3 listings this month, busy busy! send me more in 78745 pls", "unknown"),
    ("Si nadie más la quiere, yo la tomo", "unknown"),
    ("call me before I buy this one, I have questions", "call"),
    ("$75 for a lead in 33101?? hard pass", "decline"),
    ("yes!! whats the buyers timeline?", "claim"),
    ("Should I reply FAIL or INVALID when the number works but it's the wrong guy?", "help"),
    ("Deal on 6021 fell apart at inspection. Back out looking this weekend", "in_progress"),
    ("Gracias, pero no voy a poder con esta. Estoy enfocada en locales comerciales", "decline"),
    ("Thank you kindly 🙏", "unknown"),
])
def test_other_business_and_plain_answers(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_a_year_before_a_home_is_no_code() -> None:
    got = intent_to_json(parse_text("no sale. they bought a 2019 townhome thru the builder's agent", now=NOW))
    assert (got["intent"], got["ref"]) == ("no_sale", None)


@pytest.mark.parametrize(("text", "want"), [
    ("Before I accept 5290, is the buyer pre-approved?", "unknown"),
    ("Update de la 5108: hicimos oferta. La casa de al lado se vendió el mes pasado en 455 mil", "in_progress"),
    ("Me voy a Santo Domingo. Por favor no me manden referidos por dos semanas. La última se vendió el viernes",
     "pause"),
    ("My teammate Tom asked me to let you know his referral from you closed last week for $610,000", "unknown"),
    ("Had to pause my Zillow ads till January, budget's tight", "unknown"),
    ("Hey can you stop by the office tmrw and sign the Maple St listing agreement", "unknown"),
    ("Mine are all still early, nothing to report yet", "unknown"),
    ("Me quedo con la agente número 3 para el 4417, la que habla español", "award"),
    ("under contarct! closing 12/18", "in_progress"),
    ("fake # on 5093, disconnected", "invalid"),
    ("conect me w the buyer pls", "connect"),
    ("closing Friday on 4410, fingers crossed", "in_progress"),
    ("Paused pls - in Cabo til Wed", "pause"),
    ("ya estoy back, turn on my referrals otra vez porfa", "resume"),
    ("Sorry that STOP was meant for my pharmacy texts, not you! Please keep me on", "start"),
    ("He decidido no renovar mi licencia. Por favor eliminen mi número y mi correo de su lista.", "stop"),
    ("Hola, soy la esposa de Ramón, él va manejando. Dice que sí, que la toma", "claim"),
    ("Ben's assistant: please patch him through to the buyer on 4821", "connect"),
    ("BUY. go ahead and charge the card on file. last month I passed on one and it sold two weeks later", "invoice"),
])
def test_one_word_decides(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_a_pause_through_the_end_of_the_year() -> None:
    got = intent_to_json(parse_text("pause me through the end of the year please", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", "2026-12-31")


@pytest.mark.parametrize(("text", "want"), [
    ("No, I mean yes. Yes. I'll take 3307", ("claim", "3307")),
    ("ok crazy week. had to pause my facebook ads bc of budget lol. BUT 3390 closed yesterday!! final was 389,9",
     ("sold", "3390")),
    ("Hola, les cuento de la 6604. La señora decidió seguir rentando. Mi hermano sí vendió su casa la semana pasada "
     "jaja. Así que por mi parte no hubo venta", ("no_sale", "6604")),
    ("Mi primo vendió su casa en 385 mil, sin agente, y ahora quiere que le busque algo en Orlando", ("unknown", None)),
    ("lol so I texted STOP last month bc I thought this was the cable company. my bad. START.", ("start", None)),
    ("Esta vez no, paso. Estoy cerrando dos ventas mías y el prestamista de una no contesta", ("decline", None)),
    ("Please send me the invoice for #6120. The last one I bought closed at 301k in September", ("invoice", "6120")),
    ("Me gustó “Reply AGREE to accept the 25% referral fee on #7731.”", ("unknown", None)),
    ("Yes, Tuesday 10am works for the inspection. Can you confirm with the listing agent?", ("unknown", None)),
    ("Connected w the buyer yesterday, showing set for Tues", ("in_progress", None)),
    ("Yes! I'll take it. call me if the buyer needs anything b4 I reach her", ("claim", None)),
    ("ok lockbox is 2580, push the door hard it sticks", ("unknown", None)),
    ("If this happens again I'm going to unsubscribe, and I mean it. Please fix your send times.", ("unknown", None)),
])
def test_the_last_round_of_readings(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("body", "want"), [
    ("Hi Jen,\n\nAttached is the signed listing agreement for 418 Oak Ridge Dr. Let me know if the sellers need "
     "anything else before photos on Tuesday.\n\nLisa", "unknown"),
    ("Hello,\n\nUpdate on 4932: the sellers decided to pull the house and rent it out instead, so you can close this "
     "one out on your end.\n\nAngela", "no_sale"),
    ("Please take #6630 back, it turned out to be a 40-unit apartment building and I only do residential resale."
     "\n\nRob", "fail"),
    ("Hi,\n\nI met Mrs. Lindqvist twice. Last week her nephew offered to buy it outright and she accepted.\n\nPlease "
     "close this one out as no sale.\n\nBrian", "no_sale"),
])
def test_emails_to_others_and_plain_asks(body: str, want: str) -> None:
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == want


@pytest.mark.parametrize(("text", "want"), [
    ("Go with Maria Delgado for 4410, she knows Naperville", ("award", "4410")),
    ("Can you get me on a call with the seller on 8127? Easier to talk live than text", ("connect", "8127")),
    ("2915 closed!! sold 449,9 on Friday. also my neighbor's house down the street sold for 520", ("sold", "2915")),
    ("lol should I just reply STOP to all of these at this point", ("unknown", None)),
    ("Please do NOT mark 2915 as no sale - buyer is just traveling for work", ("unknown", "2915")),
    ("Hola Ana, sí, mañana te llamo para lo del contrato de la casa. Besos", ("unknown", None)),
    ("SOLD!! ...jk not yet. inspection is Tuesday", ("in_progress", None)),
])
def test_the_final_round_of_readings(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_start_told_about_in_an_email_with_no_stop_is_read_in_its_turn() -> None:
    body = ("Buenos días,\n\nEsta vez no, gracias. Esa zona me queda a hora y media.\n\nHace unos meses les mandé "
            "STOP sin querer y después me reactivé. Todo bien ahora.\n\nLuis")
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == "decline"


@pytest.mark.parametrize(("text", "want"), [
    ("NO SALE - they ended up buying their neighbor's place FSBO", ("no_sale", None)),
    ("La clienta de la 4417 decidió seguir rentando. Dijo que quizás en 2028 vuelve a buscar. Pueden cerrarla.",
     ("no_sale", "4417")),
    ("still on it. they toured 6 homes sat, loved the one on 4410 Burnet but got outbid", ("in_progress", None)),
    ("Mike — tell the Garcias we're taking it. Full price, no inspection contingency.", ("unknown", None)),
    ("If you keep texting me at 6am I'm replying STOP lol", ("unknown", None)),
    ("Sí, la tomo. Conozco bien el 33165", ("claim", None)),
    ("Can you send me a list of every referral I have open right now?", ("status", None)),
])
def test_details_that_change_the_reading(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("body", "want"), [
    ("Hello,\n\nMy calendar is packed through the new year.\n\nSo please pass on 3307 for me. If it were in Kendall "
     "I'd jump on it.\n\nAna", ("decline", None)),
    ("Hello,\n\nI've called him nine times, left voicemails and emailed. Nothing since October 14th.\n\nI'm giving "
     "7002 back.\n\nGreg", ("fail", "unresponsive")),
    ("Hi all,\n\nPlease hold all new referrals until Dec 14. My partner Jen is covering my files, so if you send "
     "check-ins she'll answer them.\n\nRob", ("pause", None)),
])
def test_an_email_keeps_its_ask_and_its_reason(body: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["reason"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("sold 450k, I mean 445k", ("sold", None, 445000)),  # the corrected price, not "k" read as an "ok"
    ("Closed at 390k... no wait 385k, they took a credit", ("sold", None, 385000)),
    ("Appraised at $512,000 but we closed at $505,000", ("sold", None, 505000)),
    ("Se cerró la 7021. La tasaron en 330 mil pero vendimos en 322 mil", ("sold", "7021", 322000)),
    ("Checked out 8810 all week. The address (2201 Birch) is a vacant lot and the number is dead. Fake lead",
     ("invalid", "8810", None)),
    ("Sobre la 3184: siguen rentando, firmaron hasta 2028", ("no_sale", "3184", None)),
])
def test_a_price_or_a_code_beside_numbers_that_are_neither(text: str, want: tuple[str, str | None, int | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == want


def test_a_list_of_two_codes_in_an_email_names_neither() -> None:
    body = ("Update on both:\n\n4410 - showing three homes Tuesday.\n4452 - waiting on the lender.\n\nAmy\n\n"
            "Sent from my iPhone")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("in_progress", None)


@pytest.mark.parametrize(("text", "want"), [
    ("not closed yet haha still pending, appraisal Tuesday", ("in_progress", None)),  # the laugh ends the negation
    ("Regreso la 5120, nunca me contestó", ("fail", "5120")),
    ("📞 me when you can please", ("call", None)),
    ("Ana Ruiz 📞 (305) 555-0101", ("unknown", None)),  # a phone symbol in a signature asks for nothing
])
def test_a_laugh_a_spanish_give_back_and_a_phone_symbol(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_pause_explained_by_being_out_of_reach_is_no_hedge() -> None:
    got = intent_to_json(parse_text("hold my referrals for 10 days, at my sister's wedding and probably won't check "
                                    "my email", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", "2026-12-02")
    assert intent_to_json(parse_text("I might pause for 2 weeks", now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    # STOP-shaped words that opt out of nothing
    ("stop sending me Doral leads, I only work Brickell now", ("unknown", None)),
    ("AGREE on 7731. pls stop sending the fee reminder", ("agree", "7731")),
    ("Award 5120 to agent 3. You can stop the alerts on that one", ("award", "5120")),
    ("take me off 4410 please, it's a land deal and I only do residential", ("fail", "4410")),
    ("take me off please", ("stop", None)),
    ("¿Cómo hago para dejar de recibir referidos un mes sin darme de baja?", ("help", None)),
    ("Before I opt out can someone call me?", ("call", None)),
    # a deal on hold is no pause; a pause asked in few words is
    ("La firma de la 3375 está en pausa, el banco pidió papeles", ("unknown", "3375")),
    ("in Tulum thru sunday no leads pls", ("pause", None)),
    # Spanish disagreement and agreement, typos and spellings
    ("No estoy de acuerdo con el 30%, es mucho", ("unknown", None)),
    ("Acepto el 25 por ciento de honorarios para la 2290", ("agree", "2290")),
    ("wich referals do i have open", ("status", None)),
    ("Un subscribe me please", ("stop", None)),
    ("Resivido grasias", ("unknown", None)),
    # a no to an offer beside an old story of silence; a question about what was sent
    ("Esta vez no. Ese cliente me lo mandaron el año pasado y nunca contestó", ("decline", None)),
    ("Sent the wrong number screenshot this morning, did you get it?", ("unknown", None)),
    ("the one who vanished in June? SOLD 412 lol", ("sold", None)),
    ("don't give it to the first one on the list", ("unknown", None)),
    ("Please give referral 3391 to the agent from Coldwell (the second one on your list).", ("award", "3391")),
    ("Pasa en 07302 y yo solo trabajo Hoboken 07030. Paso en la 4418", ("decline", "4418")),
])
def test_lookalikes_and_spellings_of_this_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_client_heard_from_again_then_closed_is_a_sale() -> None:
    body = ("Hi,\n\nGood news on 3916! She ghosted me all summer and I had written her off. She resurfaced in "
            "September and we closed on Friday. Final sale price was $412,250.00.\n\nDana")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", "3916", 412250)


def test_a_teammates_news_relayed_for_her_to_answer_is_not_acted_on() -> None:
    body = ("Hi,\n\nNot mine, but my teammate Ana asked me to pass this along: her client on 5512 went with another "
            "brokerage. She'll reply herself on Monday.\n\nJosh")
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("N", ("decline", None)),
    ("FSBO ugh", ("no_sale", None)),
    ("got the receipt, thanks", ("unknown", None)),
    ("Invoice INV-4410 says $75 but your text said $50, which is it?", ("unknown", None)),
    ("Ref 6120 - offer was 480 but the appraisal came low, closed at 470 on Friday", ("sold", "6120")),
    ("Closing got pushed from the 18th to Dec 4, underwriter still reviewing", ("in_progress", None)),
    ("She stopped answering after the financing fell through. 5 calls, nothing in 2 wks. Giving it back",
     ("fail", None)),
    ("Volvimos a poner la casa en venta hoy", ("in_progress", None)),
    ("Can you tell me what you have for 5120? I reported under contract last week", ("status", "5120")),
    ("the buyers finally sold their condo back in Denver so they can shop here now, touring Saturday #2915",
     ("in_progress", "2915")),
    ("PASS, no trabajo por el 33178", ("decline", None)),
    ("leaving tomorrow for vacation, no referrals please", ("pause", None)),
])
def test_short_answers_money_talk_and_timing_of_this_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want
    assert got["until"] is None


@pytest.mark.parametrize(("body", "want"), [
    # three paragraphs of story, then the answer
    ("Good morning,\n\nThanks for this one.\n\nI looked up the zip. 95762 is El Dorado Hills and I'm in Stockton, over "
     "an hour each way.\n\nI know an agent up there but she isn't in the network.\n\nSo I'm going to pass on this one."
     "\n\nDerek", ("decline", None)),
    # a fallback for the card is no condition on the purchase
    ("Hi,\n\nI read the details on the paid lead. Pre-approved and relocating, my kind of client.\n\nI'd like to buy "
     "referral 7140. Charge the card on file, or if that doesn't work send me the invoice.\n\nRenee",
     ("invoice", "7140")),
    # the client's silence to unknown numbers is why a live call is asked for
    ("Hola,\n\nEl cliente del referido 3742 no contesta números desconocidos.\n\nPor favor, comuníquenme por teléfono "
     "directamente con el cliente.\n\nLuis", ("connect", "3742")),
    ("Hi,\n\nI haven't spoken with the sellers in a couple of weeks. Not sold yet, that much I know. I'll check in "
     "after Thanksgiving.\n\nPaul", ("unknown", None)),
])
def test_long_emails_of_this_round(body: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    # texts for family and friends
    ("Yes! Tell your dad thanks for the grill, we'll pick it up Sunday", ("unknown", None)),
    ("SOLD!! congrats Tina, dinner is on you", ("unknown", None)),
    ("Help!! anybody have a drill I can borrow?", ("unknown", None)),
    ("yes take 4821 for me\nand tell your mom we'll be there by 6", ("claim", "4821")),
    # questions put as statements, statements put as questions
    ("mind sending the invoice for 6638?", ("invoice", "6638")),
    ("why don't you give this one to someone closer to Katy, I'm out in Cypress", ("decline", None)),
    ("you want an update on 5502? under contract, closing 12/18", ("in_progress", "5502")),
    ("did you know the number on 3318 is disconnected? totally fake lead", ("invalid", "3318")),
    ("Dime si el cliente de la 4410 ya tiene preaprobación", ("unknown", "4410")),
    ("wait i hit yes on 6618 by mistake?? i meant NO", ("decline", "6618")),
    ("so BUY means you charge me the $50? ok yeah BUY", ("invoice", None)),
    ("how do i pause? surgery Tuesday, hold my referrals till Dec 7 pls", ("pause", None)),
    ("La verdad no sé bien cómo funciona esto pero esta vez paso", ("decline", None)),
    ("idk what to answer lol. still looking, saw 3 houses yesterday", ("in_progress", None)),
    ("number's disconnected. not sure if thats INVALID or FAIL but it's fake so INVALID", ("invalid", None)),
    # sales that are not ours, and prices corrected
    ("FYI a listing two doors down from the 4821 buyer sold for 610k, good comp", ("unknown", "4821")),
    ("Se vendió pero con otro agente, no con nosotros. 3876", ("no_sale", "3876")),
    ("¿Cómo van el 7204 y el 7211?", ("status", None)),
    ("Qué tal todo? Cómo va el fin de semana?", ("unknown", None)),
])
def test_texts_for_others_and_questions_put_otherwise(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "amount"), [
    ("sold 450 wait no 455. ref 6012", 455000),
    ("Buyer closed last wk. offers were in the 740-750 range, final was 746,500. #9034", 746500),
])
def test_the_price_said_last_or_named_final(text: str, amount: int) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["amount"] == amount


def test_a_pause_until_a_bare_spanish_day_and_an_open_spanish_stop() -> None:
    got = intent_to_json(parse_text("No me manden nada hasta el 12 por favor", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", "2026-12-12")
    got = intent_to_json(parse_text("No me manden más referidos por un tiempo, yo les aviso", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", None)


@pytest.mark.parametrize(("text", "want"), [
    # assistants writing for the agent
    ("Hi this is Carla, I manage Greg Patel's texts. He's in surgery tmrw, please hold his referrals until Dec 14",
     ("pause", None)),
    ("Greg is back and cleared to work, turn his referrals back on pls - Carla (his asst)", ("resume", None)),
    ("Please bill our brokerage card on file for referral 7719 on behalf of Jason Park", ("invoice", "7719")),
    # Caribbean and Venezuelan Spanish
    ("Dale, esa e' mía! El 33165 lo trabajo full", ("claim", None)),
    ("Ya se vendió la casa del referido 3392 en un palo doscientos", ("sold", "3392")),
    ("Devuelvo la 5120, ese cliente no coge el teléfono", ("fail", "5120")),
    ("Capaz que me piro pa Maracaibo en diciembre, ahí les aviso pa pausar", ("unknown", None)),
    ("Okis, anotado 👍", ("unknown", None)),
    # a regret before a pass, a payment promise, a complaint, a closing named with its referral
    ("Man I wish I could, honestly. Going to pass on 3307 though, too far for me", ("decline", "3307")),
    ("please send me the invoice, I'll pay it as soon as it hits my inbox", ("invoice", None)),
    ("Miren, no es por quejarme pero los últimos tres referidos fueron un desastre. Esta semana hice 4 showings",
     ("unknown", None)),
    ("Happy to report that referral 7745 closed this past Friday at $389,900.00", ("sold", "7745")),
    ("the sellers on 4410 decided to list it themselves, FSBO", ("no_sale", "4410")),
    ("my sister just sold her house in Katy for 380k. She used a discount brokerage. The buyer you sent me hasn't "
     "called back though", ("unknown", None)),
])
def test_assistants_caribbean_spanish_and_asides_of_this_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_read_receipt_is_an_auto_reply_without_the_quoted_code() -> None:
    body = ("Su mensaje\n\n  Para: Rafael Domínguez\n  Asunto: New referral #3307: seller in 60614, est. $620k\n"
            "  Enviado: sábado, 21 de noviembre de 2026 15:02\n\nse ha leído el domingo, 22 de noviembre de 2026 7:10.")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("unknown", None)


@pytest.mark.parametrize(("text", "want"), [
    ("no I don't want to stop, I just had a question about 4821. is the buyer preapproved?", ("unknown", "4821")),
    ("FAIL 8830 never answered a single call or text in 3 weeks", ("fail", "8830")),
    ("no more waiting lol SOLD 449,9 on 1184", ("sold", "1184")),
    ("I'll take it but only at 20%, not 25. lmk", ("unknown", None)),
    ("Claimed 3307 Friday but turns out it's raw land. I don't do land, giving it back", ("fail", "3307")),
    ("how do i pass on one without replying NO every time? do i just ignore it?", ("help", None)),
    ("yes still on it, under contract, closing Dec 18", ("in_progress", None)),
    ("A gree period twenty five percent is fine on 7731", ("agree", "7731")),
    ("Un stop period", ("start", None)),
    ("En proceso. Ya hicimos oferta en la #3150. La 3144 se cayó, el cliente compró con otro agente.",
     ("in_progress", None)),
])
def test_negations_keywords_and_two_referrals_of_this_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("body", "want"), [
    ("Hi,\n\nNo update yet on 5120. I haven't been able to reach the buyer since Tuesday but I'll keep trying.\n\nDana",
     ("unknown", "5120")),
    ("Hello,\n\nThe sellers on #2264 decided to go FSBO.\n\nThe buyer on # 2271 is still active.\n\nDon",
     ("no_sale", None)),
    ("Yes, I'd love this one. A couple of questions before I reach out: do we know if they've sold their current "
     "home?\n\nTom", ("claim", None)),
    ("Yes, I'll take it.\n\nFull disclosure: I represented the sellers of 1418 Maple Ridge two years ago.\n\nKevin",
     ("claim", None)),
    ("Buenas tardes,\n\nAún no se ha vendido, los clientes siguen viendo casas con calma. Les aviso cuando haya algo."
     "\n\nMarisol", ("unknown", None)),
])
def test_emails_of_this_round(body: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    # no-sale told indirectly, and setbacks that are still progress
    ("Mark's company is relocating him in January, so they won't be purchasing here", "no_sale"),
    ("buyers are splitting up. house hunt is over", "no_sale"),
    ("went with Redfin, couldn't compete with the 1% fee", "no_sale"),
    ("they're staying in the rental, landlord offered a good renewal", "no_sale"),
    ("Wife's mom is gifting them her condo so they don't need to buy anymore", "no_sale"),
    ("se fueron con una de esas compañías de descuento", "no_sale"),
    ("Ya perdió el interés, mejor se queda donde está", "no_sale"),
    ("Seller backed out of the one they had under contract but we're out looking again Sat", "in_progress"),
    ("closing slides a week but we're still closing", "in_progress"),
    ("el banco pidió más documentos, se atrasó el cierre pero seguimos", "in_progress"),
    ("Todavía no se ha vendido: la tasación salió baja y estamos renegociando", "in_progress"),
    # awards by description: the handler asks for the number when the list has no such name
    ("go w whoever answered first", "award"),
    ("The one from Compass pls", "award"),
    ("Asígnale el 6012 a la agente que habla español por favor", "award"),
    ("my husband says go with whoever answered first lol. ok decided: award 6012 to agent 3", "award"),
    # look-alikes
    ("Mi clienta quiere pausar la búsqueda hasta después de las fiestas, ¿la dejo abierta?", "unknown"),
    ("Help! left my lockbox key at the showing, anyone near 78745?", "unknown"),
    ("Ok thanks, that helps 👍", "unknown"),
    ("START 🔁 my bad i hit stop on accident lol", "start"),
    ("Please call me and conference in the buyer on 6012", "connect"),
])
def test_indirect_outcomes_described_picks_and_lookalikes(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_a_pick_by_description_is_an_award_by_name_and_first_to_answer_is_number_one() -> None:
    described = parse_text("The one from Compass pls", now=NOW)
    assert isinstance(described, Award) and described.choice == Award.BY_NAME
    first = parse_text("go w whoever answered first", now=NOW)
    assert isinstance(first, Award) and first.choice == 1


@pytest.mark.parametrize(("text", "want"), [
    ("nah pass on 3307 ngl thats way out my area", ("decline", "3307")),
    ("give it to whoever is closest to 78745, looks like agent 3", ("award", None)),
    ("I tried reaching the buyer on #6190. When I finally got through, he said he never requested a realtor. "
     "Please mark this one invalid.", ("invalid", "6190")),
])
def test_codes_and_time_clauses_of_this_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("fail - number rings but nobody picks up, 4 weeks now", ("fail", "unresponsive")),
    ("Have to kick 7745 back. It's a strip center, that's commercial and I'm residential only",
     ("fail", "not a good fit")),
    ("FAIL 2290, buyers only speak Haitian Creole, I can't communicate with them", ("fail", "not a good fit")),
    ("fail. it's a 12-unit apartment bldg. outta my lane", ("fail", "not a good fit")),
])
def test_fail_reasons_of_this_round(text: str, want: tuple[str, str]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["reason"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("go with the second one. first one's auto reply says she's out on leave", "award"),
    ("Back from the closing table 🎉 2915 sold 412,5", "sold"),
    ("back in the office, connect me with the buyer on 4821 pls", "connect"),
    ("Sad update. They signed another year on their lease, her job might move them. mark 3390 no sale pls", "no_sale"),
    ("El correo del Sr. Ortiz rebota y el teléfono es de una pizzería, ese lead no existe. #3056", "invalid"),
    ("Ya me recuperé de la cirugía. Pueden reactivar mi cuenta para volver a recibir referidos.", "resume"),
    ("No sale? nope!! SOLD lol, 298 on #5531", "sold"),
    ("Fail? no way, we're writing an offer on 4419 tonight", "in_progress"),
    ("sold?? lol no. not even listed yet", "unknown"),
    ("Buy you a coffee next time for thinking of me, but no thanks on 4411", "decline"),
    ("Help, I've been summoned by the robot again 🤖 AGREE to 7731", "agree"),
    ("Sorry to bug you on a Sunday! quick question about the fee, can someone call me?", "call"),
    ("pass me the client's phone number pls for 3190, it's missing a digit", "unknown"),
    ("Perdón, no había visto el mensaje. Recibido, gracias!", "unknown"),
])
def test_keywords_buried_or_echoed_and_returns_that_explain(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_a_zip_told_as_where_and_a_zip_in_my_area_are_no_codes() -> None:
    got = intent_to_json(parse_text("YES!! 78704 is where I sold the Garcias their first place. mine 5590", now=NOW))
    assert (got["intent"], got["ref"]) == ("claim", "5590")
    assert intent_to_json(parse_text("is 78666 even in my area?", now=NOW))["ref"] is None


@pytest.mark.parametrize(("text", "want"), [
    ("Yes I saw it but I'm gonna pass, slammed w/ closings this month", "decline"),
    ("Budget's back, turn the paid referrals back on", "resume"),
    ("How does billing work? Do I pay the $50 upfront?", "help"),
    ("Lo compro si el cliente está preaprobado", "unknown"),
    ("ok ya estoy back, pueden mandarme referrals again 💪", "resume"),
    ("9902 offer in @ 340, waiting on counter", "in_progress"),
    ("sí, 305-555-0148 es mi cel", "unknown"),
    ("PS award 6012 2", "award"),
])
def test_short_answers_and_spanglish_of_the_last_round(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize(("body", "want"), [
    ("Subject: Re: New referral #6120 - YES, mine\n\n\n\nSent from my iPhone", ("claim", None)),
    ("Subject: Re: How is referral #6602 going? INVALID - number disconnected\n\nSent from Yahoo Mail for iPhone",
     ("invalid", None)),
    ("Re: How is referral #2290 going?\n\nStill working it. We wrote an offer last night.\n\nJen",
     ("in_progress", None)),
    ("Re: referral 6093\n\nUnfortunately the Kims decided to keep renting.\n\nAna", ("no_sale", "6093")),
    ("> Reply AGREE to accept the 25% referral fee on #7731.\n\nBefore I agree to anything please give me a ring, I "
     "have questions about the split.\n\nVal", ("call", None)),
])
def test_answers_in_the_subject_and_codes_of_our_own_subject(body: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("my other buyer closed at 500 but #3391 is still looking, going back out tues", ("in_progress", "3391")),
    ("Colleague of mine just sold her listing on Ridge for 610k 🎉 nothing new on mine", ("unknown", None)),
    ("pls return 2290, they want a 40 acre horse property and I only do condos", ("fail", "2290")),
    ("Mía! 🙋 dale que yo la trabajo", ("claim", None)),
    ("NO. Yes I know, I never say no, but rentals aren't my thing", ("decline", None)),
    ("Dale, que se la quede la primera agente, la de Doral", ("award", None)),
    ("Estoy de vacaciones hasta el 30 pero igual me pueden mandar referidos, tengo el cel", ("unknown", None)),
    ("I'm on vacation next week but I'll take #6120, my team can show while I'm out", ("claim", "6120")),
    ("I'll be in Mexico Dec 20 - Jan 3, will pause before I go", ("unknown", None)),
    ("My medical leave ended Friday and I'm back. Please resume sending me referrals", ("resume", None)),
    ("Hace unos meses pedí que me dieran de baja, pero quiero volver a recibirlos. Reactiven mi cuenta.",
     ("start", None)),
])
def test_the_last_round_of_this_stop(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("sí sí la tomo el 4821 es mío, mándeme los datos del cliente", ("claim", "4821")),
    ("si si ya me llego el correo", ("unknown", None)),
    ("Not the 3rd guy, he never texted me back. Give it to #1", ("award", None)),
    ("Que se lo den a Carlos, el que habla español", ("award", None)),
    ("My client met with both of them, she wants Rachel. Go ahead", ("unknown", None)),
    ("how do I accept the agreement? do I just text agree?", ("help", None)),
    ("¿La 8120 es compradora o vendedora? Solo dice 33139 y $1.1M", ("unknown", "8120")),
    ("how does this work? got 2 offers for 90210 since 9am", ("help", None)),
])
def test_spanish_yes_twice_picks_and_zips_of_the_last_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_an_agreement_sent_on_behalf_of_the_agent_and_spanish_fail_reasons() -> None:
    body = ("Good morning,\n\nOn behalf of Jennifer Alvarez, please accept this as her agreement to the 25% referral "
            "fee on referral 4821.\n\nTyler Banks\nTransaction Coordinator, Alvarez Realty Team")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("agree", "4821")
    got = intent_to_json(parse_text("Devuelvo el 4470, está muy lejos de El Paso para mí", now=NOW))
    assert (got["intent"], got["reason"]) == ("fail", "not a good fit")


@pytest.mark.parametrize(("text", "want"), [
    ("giving this one back called texted emailed like 8 times over 3 weeks never heard a peep fail 6118",
     ("fail", "6118")),
    ("I'll probably close on 3120 next month, fingers crossed on the appraisal", ("unknown", "3120")),
    ("Karen stop texting me about the HOA meeting, I already said I'm not going", ("unknown", None)),
    ("stop texting me about the referrals", ("stop", None)),
])
def test_run_ons_guesses_and_topics_of_the_final_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("the Weston buyers closed Thursday at 512k, the Davie couple I'll update you next week", ("sold", 512000)),
    ("Las de Pembroke Pines cerraron el viernes en 298 mil, de las otras te cuento el lunes", ("sold", 298000)),
    ("the townhouse isn't sold yet but the Nguyen buyers closed Friday at 455k", ("sold", 455000)),
    ("not sold yet but we close on the 15th", ("unknown", None)),
    ("Pásasela a la #2, la que contestó primero", ("award", None)),
    ("BUY 5120, and I'm not kidding, I want it", ("invoice", None)),
    ("¿Me podrían poner en una llamada con el vendedor?", ("connect", None)),
    ("how can I mark two referrals in one text?", ("help", None)),
    ("how do I update my profile picture?", ("unknown", None)),
    ("Estoy a tope, no nos manden nuevas hasta el 10 de enero", ("pause", None)),
    ("Walkthrough is at 4 at 212 Oak, grab the extra lockbox from my desk", ("unknown", None)),
])
def test_news_beside_other_news_and_requests_of_the_next_round(text: str, want: tuple[str, int | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["amount"]) == want


@pytest.mark.parametrize(("text", "until"), [
    ("hold my referrals until MLK Day", "2027-01-18"),
    ("pause me thru Memorial Day weekend", "2027-05-31"),
    ("no leads till Easter please", "2027-03-28"),
    ("pausa hasta el día de acción de gracias", "2026-11-26"),
    ("pause until the fourth of July", "2027-07-04"),
    ("pause through Labor Day", "2027-09-06"),
])
def test_pauses_until_a_holiday(text: str, until: str) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["until"]) == ("pause", until)


def test_a_code_in_our_own_spanish_subject_is_not_the_agents() -> None:
    body = ("Subject: Re: Nuevo referido #5310\n\nNo gracias, esa zona no la trabajo.\n\nAna Ruiz\nKeller Williams\n\n"
            "> New referral #5310: seller in 33015. Reply YES to claim or NO to pass.")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("decline", None)


@pytest.mark.parametrize(("text", "want"), [
    ("Give 6120 to Carla Jimenez pls", ("award", "6120")),
    ("6120 => Carla Jimenez. fastest reply", ("award", "6120")),
    ("Asignar 6120 a Carla Jiménez por favor", ("award", "6120")),
    ("3rd gal. 6120", ("award", "6120")),
    ("let's do the guy from Compass", ("award", None)),
    ("Not agent 2. Still deciding between the remaining two", ("unknown", None)),
    ("Really want it but I'm swamped this month. Have to say no on 4410", ("decline", "4410")),
    ("I want it but what's the zip?", ("unknown", None)),
    ("jaja si me lo regalan lo tomo", ("unknown", None)),
    ("Happy to buy it, but only if you can confirm it's not listed yet", ("unknown", None)),
    ("Please call my transaction coordinator at 512-555-0100 about the paperwork", ("unknown", None)),
    ("Gracias, pero los últimos referidos fueron pura basura, número falso", ("unknown", None)),
    ("Pass — kidding!! yes, I'll take it", ("claim", None)),
    ("no ty", ("decline", None)),
    ("Esta semana no puedo con la de Doral, paso, que se la den a otro agente", ("decline", None)),
])
def test_picks_regrets_and_conditions_of_the_next_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("SOLD 6120 415k - wait no typo, 451k", ("sold", 451000)),
    ("Agreed on 25%. Even if the price drops that's fair", ("agree", None)),
    ("I'd appreciate it if someone from your office could give me a call this afternoon", ("call", None)),
    ("go with the second one for 6120, and let me know once she has the buyer's info", ("award", None)),
    ("no me manden referrals x 3 semanas porfa, me operan", ("pause", None)),
    ("Perdón la demora, con la mudanza de mi hijo ni contesté, pero se vendió la casa del señor Ruiz, cerramos en "
     "310 mil, la 6120", ("sold", 310000)),
])
def test_corrections_concessions_and_asks_of_the_next_round(text: str, want: tuple[str, int | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["amount"]) == want


def test_a_story_before_a_status_question_and_an_invoice_beside_family_news() -> None:
    asked = ("I've been working with them off and on, but my notes got lost when we switched CRMs. Where does "
             "referral 6120 stand on your end?")
    got = intent_to_json(parse_text(asked, now=NOW))
    assert (got["intent"], got["ref"]) == ("status", "6120")
    body = ("Hi,\n\nI only saw the paid referral this morning, I was at my son's game all evening. Talked it over "
            "with my broker, so please send me the invoice for the buyer lead in Clermont.\n\nThanks,\nAmy")
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == "invoice"


@pytest.mark.parametrize(("text", "want"), [
    ("I almost replied NO SALE, then they called back asking to see two more homes. still in progress",
     ("in_progress", None)),
    ("Casi le puse NO SALE pero ayer me escribieron, quieren ver más casas", ("in_progress", None)),
    ("I asked for a pause through January but it's slow, send me leads again", ("resume", None)),
    ("Bumped into the buyer at Target, she bought a townhome last month with the listing agent", ("no_sale", None)),
    ("Sellers accepted Offerpad's offer, didn't want strangers walking through", ("no_sale", None)),
    ("La 6120: el cliente se compró una casa con otro agente", ("no_sale", "6120")),
    ("her cousin just got licensed so she's using him", ("no_sale", None)),
    ("Counter came back at 520, we're going back at 509", ("in_progress", None)),
    ("They've narrowed it down to two neighborhoods, touring again after Christmas", ("in_progress", None)),
    ("La 6120 sigue, están esperando que el banco apruebe el préstamo", ("in_progress", "6120")),
    ("re 6120, wild how fast listings go pending around there", ("unknown", "6120")),
    ("Inventory is thin, feels like 2021 again", ("unknown", None)),
    ("Yes I followed up. They're going to keep renting", ("no_sale", None)),
    ("Buy for $50? no thanks, I'll pass", ("decline", None)),
    ("¿Son 50 dólares? Bueno, cóbrenme la 6120", ("invoice", "6120")),
    ("Ten four, thanks", ("unknown", None)),
    ("Thank you so much for sending this my way", ("unknown", None)),
])
def test_answers_not_given_indirect_news_and_prices_said_back(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_slipped_price_before_the_code_and_a_spanish_sale_price() -> None:
    got = intent_to_json(parse_text("SOLD 610 on 6120... sorry 615k", now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", "6120", 615000)
    body = ("Buenas,\n\nLa referencia 6120 ya cerró. Pensé que sería en 330 mil pero con los créditos el precio de "
            "venta quedó en 322 mil.\n\nSaludos,\nAna")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", "6120", 322000)


@pytest.mark.parametrize(("text", "want"), [
    ("Y 6120 👍", ("claim", "6120")),
    ("accepted at 540, closing mid January", ("in_progress", None)),
    ("Agent 2 or agent 4, can't decide. which one closes more?", ("unknown", None)),
    ("¿Pueden pausar mis referidos por 10 días? Me voy de viaje", ("pause", None)),
    ("¿Ya me pueden volver a enviar referidos? Ya regresé", ("resume", None)),
    ("I'm back from my paternity leave, please resume sending me referrals", ("resume", None)),
    ("I do the showings, the inspections, the late calls, and you take 25%? wrong business lol", ("unknown", None)),
    ("6120 disconnected", ("invalid", "6120")),
    ("renting now 6120", ("no_sale", "6120")),
    ("Take my $50. BUY. If this one is another dud I'm framing the invoice", ("invoice", None)),
    ("Dénselo a Marta Gil, la que habla español", ("award", None)),
    ("Would it be possible for your team to connect me live with the seller by phone?", ("connect", None)),
    ("Lamentablemente no podré tomar el referido, tengo la agenda llena", ("decline", None)),
    ("Please proceed with the purchase of this referral and charge the $50 to the card on file", ("invoice", None)),
    ("Deseo comprar este referido. Envíenme la factura o, si lo prefieren, cárguenlo a mi tarjeta", ("invoice", None)),
    ("El cliente no comprará conmigo, va a comprar a través de su cuñado que ya tiene licencia", ("no_sale", None)),
])
def test_short_forms_polite_frames_and_spanish_emails(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_full_mailbox_and_not_one_reply_are_an_unresponsive_client() -> None:
    got = intent_to_json(parse_text("Returning 6120, her mailbox is full and not one reply in a month", now=NOW))
    assert (got["intent"], got["ref"], got["reason"]) == ("fail", "6120", "unresponsive")


@pytest.mark.parametrize(("text", "want"), [
    ("ok thanks for checking in", ("unknown", None)),
    ("Got both, thanks.", ("unknown", None)),
    ("ok tato", ("unknown", None)),
    ("not under contract yet on 6120, they're still deciding if the move is even happening", ("unknown", "6120")),
    ("Spoke with the Lees, they're waiting on the inspection before they can decide anything", ("unknown", None)),
    ("Sí, claro… ¿pero en qué zona es?", ("unknown", None)),
    ("No to both, I'm buried in closings", ("decline", None)),
    ("Back from the cruise, put me back in the rotation", ("resume", None)),
    ("rates dropped so they refinanced instead of moving", ("no_sale", None)),
    ("Se separaron y ella se quedó con la casa, así que no se vende", ("no_sale", None)),
    ("Offer on 6120 at 410k got rejected, writing another one tomorrow", ("in_progress", "6120")),
    ("No me manden clientes por 2 semanas porfa, me operan", ("pause", None)),
    ("is there any way u can put me on the phone with the seller?", ("connect", None)),
    ("what part of town is 78745? condo or house?", ("unknown", None)),
    ("me me me! #6120", ("claim", "6120")),
    ("klk, me quedo con el 6120 mano", ("claim", "6120")),
    ("I've texted her 8 times in 3 weeks, nothing. I'd rather give her back so someone else can try", ("fail", None)),
    ("Once I hear back I'll let you know where things stand", ("unknown", None)),
])
def test_doubts_acks_and_no_sales_of_the_fifth_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_sale_before_other_news_a_pause_corrected_and_a_purchase_asked_then_made() -> None:
    got = intent_to_json(parse_text("6120 ya se vendió en 305 mil. Del otro todavía no sé nada.", now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", "6120", 305000)
    got = intent_to_json(parse_text("I meant hold my referrals for 3 weeks, not 3 months!", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", "2026-12-13")
    got = intent_to_json(parse_text("wait I pay for this one? fine, I'll pay the $50 for 6120", now=NOW))
    assert (got["intent"], got["ref"]) == ("invoice", "6120")
    got = intent_to_json(parse_text("6120 sold. list 499, offers at 480 and 490, we took 490", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 490000)


@pytest.mark.parametrize(("text", "want"), [
    ("YES 6120\nwait no. sorry NO, I'm maxed out this month", ("decline", "6120")),
    ("I said NO SALE on #6120 but that was the wrong file. #6120 actually closed on 11/18 at $540,000",
     ("sold", "6120")),
    ("Pedí pausa hasta enero, pero volví antes. Ya pueden volver a enviarme referidos", ("resume", None)),
    ("I was about to mark #6120 as FAIL, but maybe one more week? not sure", ("unknown", "6120")),
    ("Please stop sending these at 5 in the morning, I'm happy to get them after 8", ("unknown", None)),
    ("Dejen de mandarle mensajes a mi cliente por favor", ("unknown", None)),
    ("don't call me, I'll manage\n...actually yes please call me, I can't find the agreement", ("call", None)),
    ("Pass on 6120\nhmm actually let me think about it, give me till tonight", ("unknown", "6120")),
    ("Sí... no... no sé todavía, déjenme hablar con mi socio", ("unknown", None)),
    ("Oh ok, ya entendí, gracias", ("unknown", None)),
    ("The contact info for referral 6120 appears to be fabricated", ("invalid", "6120")),
    ("25% sounds fair, glad to agree", ("agree", None)),
    ("No rush but could you put my referrals on hold for a bit?", ("pause", None)),
])
def test_second_thoughts_preferences_and_polite_asks(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("I claimed 6120 thinking it was a house but it's a 12 unit building. I don't do multifamily, giving it back",
     ("6120", "not a good fit")),
    ("FAIL on 912 - they want retail space and I only do residential", ("912", "not a good fit")),
    ("le escribí como 5 veces y nada, ni me contesta. FAIL 6120", ("6120", "unresponsive")),
])
def test_fail_reasons_and_a_short_code_after_on(text: str, want: tuple[str, str]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"], got["reason"]) == ("fail", *want)


@pytest.mark.parametrize(("text", "want"), [
    ("lead no. 612 - showed 4 homes sunday, offer going in tonight", ("in_progress", "612")),
    ("referral number 6120: under contract, closing Jan 9", ("in_progress", "6120")),
    ("Can you pull the 2024 tax records for 12 Bay Rd before I call them?", ("unknown", None)),
    ("Referencia inválida, el número es de una lavandería", ("invalid", None)),
    ("lead 6120 invalid", ("invalid", "6120")),
])
def test_codes_named_years_before_taxes_and_invalid_leads(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("A neighbor of mine sold her condo through me for 410k, does that count for anything?", ("unknown", None)),
    ("lol my seller told me to stop showing her house on Sundays", ("unknown", None)),
    ("Hi Dana,\n\nSigned listing agreement attached. Let me know when the stager can come by.\n\nThanks,\nLiz",
     ("unknown", None)),
    ("Qué chévere, gracias pana!", ("unknown", None)),
    ("la clienta no quiso la casa de hoy, el sábado vemos 2 más", ("in_progress", None)),
    ("Back from Tulum, turn my referrals back on. did anything come in for 33139?", ("resume", None)),
])
def test_friends_chores_and_zips_of_the_last_round(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Yes, I'll take #6120. Please ignore my earlier reply on #6121, my assistant sent it by mistake",
     ("claim", None)),
    ("Please turn my text messages back on, I'm ready for referrals again", ("start", None)),
    ("Help wanted: anyone know a good lender in Doral?", ("unknown", None)),
    ("FYI, Tom's own house on Birch closed yesterday at $410,000, please update his mailing address",
     ("unknown", None)),
])
def test_earlier_replies_named_by_code_and_look_alikes(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_an_inbox_manager_and_an_assistant_write_for_the_agent() -> None:
    passed = ("Hello,\n\nI manage the inbox for Lou Park. Lou is passing on 6120, too far north for him.\n\n"
              "Best,\nSam Ortiz")
    got = intent_to_json(parse_text(passed, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("decline", "6120")
    called = ("Hello,\n\nLou would like a call about #6120 before Friday. Please ring him directly at 512-555-0100."
              "\n\nSam Ortiz\nExecutive Assistant to Lou Park")
    got = intent_to_json(parse_text(called, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("call", "6120")


@pytest.mark.parametrize(("text", "want"), [
    ("Mi compañero dice que ese pueblo queda a 3 horas de nosotros. Devuelvo la 5120, FAIL", ("fail", "5120")),
    ("FAIL 5120, it's not really our area", ("fail", "5120")),
    ("Give me a ring when you get a chance, can't talk rn in a showing", ("call", None)),
    ("Klk con el 5120?", ("status", "5120")),
    ("thanks for sending the names award 5120 3 he picked up first", ("award", "5120")),
    ("a word 5120 to agent four pls", ("award", "5120")),
    ("START my bad, pressed stop by accident", ("start", None)),
    ("got it, sorry about the late reply", ("unknown", None)),
])
def test_reasons_questions_and_picks_of_batches_767_to_774(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_fail_reasons_and_picks_read_in_full() -> None:
    assert parse_text("Devuelvo la 5120, FAIL, no es nuestra zona", now=NOW).reason == "not a good fit"
    assert intent_to_json(parse_text("a word 5120 to agent four pls", now=NOW))["choice"] == 4


@pytest.mark.parametrize(("text", "want"), [
    ("Perdón, no era que me llamaran. Conéctenme con la compradora por favor", ("connect", None)),
    ("Llámame cuando puedas. El mensaje anterior era para mi socio, perdón", ("call", None)),
    ("Corrijo: no es que compraron con otro, estamos esperando la tasación en la 5120", ("in_progress", "5120")),
    ("I paused my referrals last week but scratch that, keep them coming", ("resume", None)),
    ("Oops, my last text said NO by mistake. I meant to say yes to 5120!", ("claim", "5120")),
    ("I meant to pass on 5120 yesterday", ("unknown", "5120")),
    ("Sadly the buyer on 5120 chose to buy through a family friend instead", ("no_sale", "5120")),
    ("Lakefront condo on 5120 is way out of my area now that I moved. Please release it to someone closer",
     ("fail", "5120")),
    ("YES!! back from the conference and ready to work", ("claim", None)),
    ("inspection came in at 412 on #5120, list was 425, still negotiating", ("in_progress", "5120")),
])
def test_corrections_and_the_move_itself_of_batches_767_to_774(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_complaint_about_lead_quality_and_a_zip_in_brackets() -> None:
    complaint = ("Honestly I'm frustrated with the quality of leads lately. Two of them had bought a home years "
                 "before you sent them. Please vet them better.")
    assert intent_to_json(parse_text(complaint, now=NOW))["intent"] == "unknown"
    billed = ("Hello,\n\nPlease send me the invoice for the paid referral (Orlando seller, 32806) so our office "
              "can process it.\n\nThanks,\nJo")
    got = intent_to_json(parse_text(billed, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("invoice", None)


@pytest.mark.parametrize(("text", "want"), [
    ("No. They listed with her nephew back in September", ("no_sale", None)),
    ("el teléfono está mal, me contesta una tienda de llantas", ("invalid", None)),
    ("Hey Dana, buyers signed the counter at 405, appraisal Friday. Call me", ("unknown", None)),
    ("We're going with the second one, she knows the neighborhood", ("award", None)),
    ("Would somebody be able to reach me by phone this afternoon? Easier than texting", ("call", None)),
    ("¿Alguien me puede marcar mañana? Prefiero hablar", ("call", None)),
    ("¿Me pueden comunicar por teléfono con el señor del 5120?", ("connect", "5120")),
    ("go ahead and put 5120 on my card", ("invoice", "5120")),
    ("Kindly lose this number, I sold my brokerage", ("stop", None)),
    ("I mistakenly turned off your texts on Friday, can you switch them back on?", ("start", None)),
])
def test_roundabout_asks_and_late_answers_of_batches_775_to_782(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Update on 5120: financing was denied Monday so we relisted Friday. Three showings this weekend, still at it.",
     ("in_progress", "5120")),
    ("Between a listing whose seller backed out and two closings, I'm swamped. Please pause me until Dec 14.",
     ("pause", None)),
    ("See my coordinator's notes below. No sale on 5120.", ("no_sale", "5120")),
])
def test_a_house_described_and_a_loss_recovered_of_batches_775_to_782(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_fail_reasons_said_as_what_the_agent_does_not_handle() -> None:
    for said in ("Returning 5120, it's a duplex on leased land and I don't handle those",
                 "Giving 5120 back, a horse farm is outside my practice (residential only)"):
        assert parse_text(said, now=NOW).reason == "not a good fit", said


def test_a_bare_yes_under_a_quoted_reminder_is_no_claim() -> None:
    body = ("Yes\n\nSent from my iPhone\n\nOn Fri, Nov 20, 2026 at 9:02 AM Referral Network "
            "<referrals@referralnet.io> wrote:\n> How is referral #5120 going? Reply SOLD $amount, NO SALE, "
            "IN PROGRESS, INVALID or FAIL.")
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("Hello,\n\nWe need to release this lead, it's a marina and I only sell homes.\n\nBest,\nKai", ("fail", None)),
    ("is 5120 the Pflugerville one? also BUY 5121", ("invoice", None)),
    ("Renting for the time being, they're not buying", ("no_sale", None)),
    ("La 5120 no va, se quedaron rentando. La otra todavía no sé", ("no_sale", "5120")),
    ("Could somebody give me a ring today? I have questions about my open referrals", ("call", None)),
    ("5120 will probably fall apart, they're talking to a builder", ("unknown", "5120")),
    ("Ok ya, recibido", ("unknown", None)),
    ("Everyone's serious until you ask for a pre-approval 🙄", ("unknown", None)),
    ("signing tomorrow on 5120, funding should hit Friday", ("in_progress", "5120")),
    ("sold pending at 410k, closes on the 12th", ("in_progress", None)),
    ("Not closed yet but we're scheduled to close Dec 12 at 400k", ("in_progress", None)),
    ("Todavía no cierra la 5120, el banco no ha fondeado", ("in_progress", "5120")),
])
def test_releases_doubts_and_closings_to_come_of_batches_783_to_790(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Bad news, my seller wound up listing with a different brokerage", ("no_sale", None)),
    ("La clienta vendió por su cuenta, no cerró conmigo. Referencia 5120", ("no_sale", "5120")),
    ("Quick one: could you tell me if 5120 shows as sold on your end?", ("status", "5120")),
    ("Please put Dana on hold for new referrals, she's in the hospital", ("pause", None)),
    ("Can you patch my partner Jo through to the buyer on 5120?", ("connect", "5120")),
    ("¿Me das de baja o respondo algo en especial?", ("help", None)),
    ("Reached the buyer on 5120 at last, she bought through her sister back in July", ("no_sale", "5120")),
    ("Pass. The last two leads from 78521 were fake", ("decline", None)),
    ("STOP texting me. I closed 5120 and I'm out of the business", ("stop", "5120")),
    ("STOP. I retired in 2023, the 2019 deals are long done", ("stop", None)),
])
def test_codes_records_and_losses_of_batches_783_to_790(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_hang_up_gives_the_unresponsive_reason_and_an_asked_marking_is_no_past_answer() -> None:
    assert parse_text("he hung up on me three times, FAIL 5120", now=NOW).reason == "unresponsive"
    assert intent_to_json(parse_text("This lead should be marked invalid, the number is a fax", now=NOW))[
        "intent"] == "invalid"
    body = ("Please remove me from your list, I'm leaving the business. Referral 5120 should go to someone else."
            "\n\nRegards,\nLee")
    got = intent_to_json(parse_text(body, Channel.EMAIL, NOW))
    assert (got["intent"], got["ref"]) == ("stop", "5120")


@pytest.mark.parametrize(("text", "want"), [
    ("20% sounds fine, happy to agree 👍", ("agree", None)),
    ("whats the status on 5120 did they ever pick an agent", ("status", "5120")),
    ("qlq con el referido 5120 que les mandé?", ("status", "5120")),
    ("I texted STOP a couple months ago but ok, YES I'll take 5120", ("claim", "5120")),
    ("Esta ves no gracias", ("decline", None)),
    ("please charge my cart for 5120", ("invoice", "5120")),
    ("a ward 5120 too agent number three", ("award", "5120")),
    ("could you call me at five one two five five five zero one nine nine", ("call", None)),
    ("Llamen me cuando puedan", ("call", None)),
    ("can you con next me with the buyer on 5120", ("connect", "5120")),
    ("Recibido gracious", ("unknown", None)),
    ("Got it, thanks hon 👍", ("unknown", None)),
])
def test_dictation_slips_and_small_asks_of_batches_791_to_798(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("¿Y cómo les aviso que ya lo contacté?", ("help", None)),
    ("Both buyers you sent me closed this month!", ("sold", None)),
    ("the gate code at Elm is 4417 not 4471, sorry babe", ("unknown", None)),
    ("Ya tiene agente, ref 5120", ("no_sale", "5120")),
    ("She already has a realtor, her aunt. Dead end", ("no_sale", None)),
    ("Wrong property type, it's a mobile home park and I don't list those. returning 5120", ("fail", "5120")),
    ("my coworker Sam got a bogus lead from you guys last week too", ("unknown", None)),
    ("still calling 5120 but I'm beginning to think the number is fake", ("unknown", "5120")),
    ("I'd pause until the 10th if I keep my spot, let me know", ("unknown", None)),
    ("After sleeping on it I'd like to buy 5120, send the invoice", ("invoice", "5120")),
    ("Got back early Thursday, go ahead and start sending again", ("resume", None)),
    ("I'll turn my leads back on once the kids are back in school", ("unknown", None)),
    ("The 20% gave me a little pause, but fine, I agree to it on 5120", ("agree", "5120")),
    ("Judy here. I asked you to put me on hold in October. I'm back now, please turn my referrals back on",
     ("resume", None)),
    ("Hace un mes les mandé STOP porque estaba enferma, ya estoy bien. Vuélvanme a inscribir", ("start", None)),
    ("Ya le escribí a la clienta del 5120. Por favor comuníqueme por teléfono con ella", ("connect", "5120")),
])
def test_rambling_and_roundabout_answers_of_batches_791_to_798(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_pause_ends_said_late_or_started_soon() -> None:
    assert parse_text("Pause me a few weeks pls, paternity leave starts Monday", now=NOW).until is None
    assert parse_text("Please paws my leads until December ninth", now=NOW).until == date(2026, 12, 9)
    body = ("Please hold my referrals through December 10.\n\nCorrection - my flight moved, please hold them "
            "through the 13th instead.\n\nThanks,\nAl")
    assert parse_text(body, Channel.EMAIL, NOW).until == date(2026, 12, 13)
    body = "Hi,\n\nI'm away for Christmas, so please pause all referrals until January 4th.\n\nThanks,\nAl"
    assert parse_text(body, Channel.EMAIL, NOW).until == date(2027, 1, 4)


def test_fail_reasons_told_the_long_way() -> None:
    said = ("Since you sent her over I have called her six times and left voicemails. Not a peep. At this point "
            "I think it is best for everybody if I give #5120 back to you.")
    got = parse_text(said, now=NOW)
    assert (intent_to_json(got)["intent"], got.reason) == ("fail", "unresponsive")
    harold = ("It's a warehouse with loading docks. I have sold houses for 30 years and don't know cap rates. "
              "I'm giving referral 5120 back to you")
    assert intent_to_json(parse_text(harold, now=NOW))["intent"] == "fail"


@pytest.mark.parametrize(("text", "want"), [
    ("Long day. Update on 5120: the sellers sold to a friend of their nephew's, so no sale there. Onward!",
     ("no_sale", "5120")),
    ("My son sent STOP from my phone as a joke. Please start me back up", ("start", None)),
    ("si la tomo la 5120, ahorita no puedo hablar pero si me interesa", ("claim", "5120")),
    ("Mándenme el invoice please, quiero este lead. Mi prima me dijo que son buenos", ("invoice", None)),
    ("Could somebody llamarme this afternoon?", ("call", None)),
    ("Deed got recorded this morning on 5120, 615k", ("sold", "5120")),
    ("wrong person entirely, the man who answered has never moved", ("invalid", None)),
    ("what's going on with my referral 5120, did anybody take it", ("status", "5120")),
    ("Changed my mind, give 5120 to Rosa instead of Ken", ("award", "5120")),
    ("I'd like to award referral 5120 to Rosa Diaz. We co-listed a condo last year.", ("award", "5120")),
    ("Please disregard my earlier reply on 5120 awarding it to #1. I'd like it to go to #3 instead.",
     ("award", "5120")),
    ("sorry, meant 3 not 1 for 5120", ("award", "5120")),
    ("Award the Lakeway agent please, the client lives there", ("award", None)),
])
def test_picks_starts_and_losses_of_batches_799_to_806(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("The buyers on 5120 signed another lease, so no sale. Probably for the best honestly", ("no_sale", "5120")),
    ("my emails still show Compass under my name, please fix", ("unknown", None)),
    ("my former partner sold the Oak St listing for 410k after I left", ("unknown", None)),
    ("Back from leave in February, I'll turn things back on then", ("unknown", None)),
    ("Yes the sellers accepted the counter, thanks Mrs. Park. I'll call you tonight", ("unknown", None)),
])
def test_look_alikes_of_batches_799_to_806(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_picks_read_by_number_and_by_description() -> None:
    assert intent_to_json(parse_text("sorry, meant 3 not 1 for 5120", now=NOW))["choice"] == 3
    assert intent_to_json(parse_text("Please disregard my earlier reply on 5120 awarding it to #1. I'd like it to go "
                                     "to #3 instead.", now=NOW))["choice"] == 3
    described = intent_to_json(parse_text("Award the Lakeway agent please, the client lives there", now=NOW))
    assert described.get("name") == "the lakeway agent"


@pytest.mark.parametrize(("text", "want"), [
    ("Let's do the Compass agent for 5120", ("award", "5120")),
    ("Actually change my pick on 5120 - I want Ana Ruiz instead of Ben", ("award", "5120")),
    ("Go with Ana Ruiz from eXp, she lives near the buyers", ("award", None)),
    ("Go with Ana.", ("award", None)),
    ("Se la doy a la 3, gracias", ("award", None)),
    ("Perdón, mejor el número 2, no el 1. Ref 5120", ("award", "5120")),
    ("Al segundo de la lista, el de Coldwell", ("award", None)),
    ("Le asigno el referido 5120 a Ana Ruiz de Compass", ("award", "5120")),
    ("¿Cómo elijo al agente, con el número o el nombre?", ("help", None)),
    ("Thanks for the names!", ("unknown", None)),
])
def test_picks_of_batches_807_to_814(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("La vendedora decidió vender ella solita, no quiere pagar comisión", ("no_sale", None)),
    ("1st offer fell through on inspection, now we're in the option period on another one", ("in_progress", None)),
    ("wire got held at closing, title says we re-sign tomorrow", ("in_progress", None)),
    ("Before I reply: the buyer closed with my teammate instead of me. Does that count as sold for me?",
     ("unknown", None)),
    ("Dice que lo va a hablar con su esposo y me avisa si quieren seguir buscando o no", ("unknown", None)),
    ("No, didn't get it", ("unknown", None)),
    ("Would appreciate a call from someone today, 512-555-0100", ("call", None)),
    ("pausing my own showings this week but keep the referrals coming", ("unknown", None)),
    ("No, I don't want to stay on hold anymore. Turn my leads back on", ("resume", None)),
    ("I'm not saying I'll buy it, just curious. Is 5120 pre-approved?", ("unknown", "5120")),
    ("Not saying no to this one, YES I'll take 5120", ("claim", "5120")),
])
def test_outcomes_asks_and_negations_of_batches_807_to_814(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_year_beside_a_code_is_no_second_code() -> None:
    sold = "Referral 5120 closed Friday after a lien from a 2011 refinance was cleared. $640,000"
    assert intent_to_json(parse_text(sold, now=NOW))["ref"] == "5120"
    body = "Hi,\n\nGreat year, looking forward to 2027.\n\nP.S. NO on 5120, not my area.\n\nJo"
    assert intent_to_json(parse_text(body, Channel.EMAIL, NOW))["ref"] == "5120"
    subject = ("Subject: Re: New referral #5120 -- YES\n\nOn Sat, Nov 21, 2026 at 4:40 PM Referral Network "
               "<referrals@referralnet.io> wrote:\n> New referral #5120: buyer. Reply YES to claim or NO to pass.")
    assert intent_to_json(parse_text(subject, Channel.EMAIL, NOW))["intent"] == "claim"


@pytest.mark.parametrize(("text", "want"), [
    ("NO SALE 5120 - they renewed the lease, said maybe buy next year", ("no_sale", "5120")),
    ("qué onda con la 5120? cómo va?", ("status", "5120")),
    ("Para el 5120 os pido que se lo deis a la agente 2", ("award", "5120")),
    ("Paren los envíos por una semana, vale? me operan el lunes", ("pause", None)),
    ("Quisiera que me pongan en llamada con la compradora del 5120", ("connect", "5120")),
    ("Quick q: do you cover the east side? For this one, NO, I'll pass.", ("decline", None)),
    ("sold 425 on 5120 🙌 do u need the settlement statement?", ("sold", "5120")),
    ("Receipt received, thanks", ("unknown", None)),
    ("totally burnt out. put me on the bench, I'll holler when I'm ready for leads again", ("pause", None)),
    ("Cleared by my doctor, you can start routing referrals to me again", ("resume", None)),
    ("I texted STOP while I was away. I'm back, turn the texts back on please", ("start", None)),
    ("I'd like to be resubscribed to your texts now", ("start", None)),
    ("¿Se pueden pausar los referidos en enero? Me voy de viaje", ("unknown", None)),
    ("Ya volví, la tomo! #5120", ("claim", "5120")),
    ("Just landed, BUY 5120", ("invoice", "5120")),
])
def test_slang_tags_and_returns_of_batches_815_to_822(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Let's go with the second agent on the list (Ravi?), he knows the area", ("award", None)),
    ("Jaja mi esposo dice que le conteste STOP a todo 🙄", ("unknown", None)),
    ("Where are we on this one? I lost track", ("status", None)),
    ("might need you to connect me with the seller next week, I'll let you know", ("unknown", None)),
    ("Hi Sam, can you call me when you land? Need to go over the flyer", ("unknown", None)),
    ("Ref 5120 vendida en 1.4 palos 🙌", ("sold", "5120")),
    ("Closed 5120 at 405-410... checked the CD, final was 407,500", ("sold", "5120")),
])
def test_picks_tags_and_prices_of_batches_823_to_830(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_prices_said_as_ranges_palos_and_commissions() -> None:
    assert parse_text("Ref 5120 vendida en 1.4 palos 🙌", now=NOW).amount == 1_400_000
    assert parse_text("Cerramos la 5120 por medio palo", now=NOW).amount == 500_000
    assert parse_text("Closed 5120 at 405-410... checked the CD, final was 407,500", now=NOW).amount == 407_500
    told = "The Parks closed! Commission check was $12,150, so your 25% comes to $3,037."
    assert parse_text(told, now=NOW).amount is None
    assert parse_text("sold $ 312 500 #5120", now=NOW).amount == 312_500


@pytest.mark.parametrize(("text", "want"), [
    ("I know 33186 well, I've sold about forty homes there. Yes, I'll take it", ("claim", None)),
    ("Conozco la zona del 33186, he vendido como treinta casas ahí. Sí, la tomo", ("claim", None)),
    ("He vendido más de 50 casas en Doral", ("unknown", None)),
    ("I've sold homes for 30 years and this is commercial. Returning 5120, not a good fit for me", ("fail", "5120")),
    ("The market is calmer, not like 2021. I'm going to pass on 5120", ("decline", "5120")),
    ("5120 closed Friday, a 1962 build with the original floors, at $318,000", ("sold", "5120")),
    ("No usábamos los abrigos desde el 2020. El contacto del 5120 no es válido", ("invalid", "5120")),
    ("I'm still working and still happy to take referrals, just sold our own place", ("unknown", None)),
    ("I've been selling in Tulsa since 1990, back when a handshake was a contract", ("unknown", None)),
    ("How does this all work? Is there a list of the replies I can send?", ("help", None)),
    ("dictando en el carro perdonen de acuerdo con el veinte por ciento acepto", ("agree", None)),
    ("acepto el 30 por ciento del 5120", ("agree", "5120")),
    ("quick one I'm driving sorry is the seller on 5120 still living in the house", ("unknown", "5120")),
    ("the one who speaks Korean, give #5120 to him", ("award", "5120")),
    ("wait switch it to #2, not Mia", ("award", None)),
    ("Please go with the eXp agent, she answered first", ("award", None)),
    ("I said no before but fine, I'll agree to the 30% on 5120", ("agree", "5120")),
    ("got the names, thanks", ("unknown", None)),
    ("Gracias mi pana", ("unknown", None)),
    ("Correction: the sale price on 5120 was 498k, not 489k", ("sold", "5120")),
    ("Sadly the buyers on 5120 went with a cousin who's an agent", ("no_sale", "5120")),
    ("I told my seller to text STOP to the lender's spam and she did lol", ("unknown", None)),
])
def test_track_records_years_and_dictated_questions_of_batches_831_to_838(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_prices_said_aloud_with_the_half_thousand() -> None:
    assert parse_text("we closed on 5120 four twenty nine five", now=NOW).amount == 429_500
    assert parse_text("sold for three eighty five", now=NOW).amount == 385_000
    assert parse_text("closed at four twenty five five days ago", now=NOW).amount == 425_000


def test_dear_sirs_and_madams_is_no_couple_of_clients() -> None:
    body = "Dear Sirs and Madams,\n\nHow does this all work? What do I reply to these texts?\n\nThanks,\nDot"
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "help"


def test_back_to_work_with_referrals_asked_for_resumes() -> None:
    assert intent_to_json(parse_text("I'm back to work, send me referrals", now=NOW))["intent"] == "resume"
    assert intent_to_json(parse_text("ok back to work", now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("lender stalled, then her dad talked them into renting. dead deal on 5120", ("no_sale", "5120")),
    ("Rough month but 51207 finally closed!! 402k 🎉", ("sold", "51207")),
    ("El avalúo salió bien y el banco aprobó. Cerramos el martes en 310 mil. Referido 5120.", ("sold", "5120")),
    ("Clear to close!! cerramos el martes 🙌", ("in_progress", None)),
    ("callme when u can", ("call", None)),
    ("Órale, gracias", ("unknown", None)),
    ("Can you only send me leads in 78704 from now on? The Round Rock ones are way too far", ("unknown", None)),
    ("if it sells at 400k my 3% is 12k so your 25% = 3000 right?", ("unknown", None)),
    ("I should like to AWARD 5120 2. The second gentleman, please.", ("award", "5120")),
    ("We would like the second lady on the list to have our client.", ("award", None)),
    ("My husband nags me to answer these. The Lopezes closed on Friday.", ("sold", None)),
    ("my cousin's neighbors sold. the Parks closed on Friday", ("unknown", None)),
    ("Referral 5120 is a strip mall and I have only ever sold family homes in my 30 years. FAIL.", ("fail", "5120")),
    ("Good evening. I typed STOP by mistake. Please add me back. START. My apologies. Ruth Ames", ("start", None)),
    ("Dear Sir, which word am I supposed to reply with? Please explain how this system works.", ("help", None)),
    ("Dear Sir, Thank you kindly. Received. Warm regards, Ethel Moore", ("unknown", None)),
    ("Recibido, gracias. Saludos cordiales, Sra. Ana Ruiz", ("unknown", None)),
    ("Dear Sir, Yes, this is still my office number, though we moved offices. Regards, Ann", ("unknown", None)),
    ("Commercial isn't really my thing, returning 5120", ("fail", "5120")),
])
def test_stories_letters_and_relayed_answers_of_batches_839_to_846(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_duration_typed_without_a_space_and_a_price_after_a_code_that_closed() -> None:
    assert intent_to_json(parse_text("hold my leads 3wks pls", now=NOW))["until"] == "2026-12-13"
    assert parse_text("Rough month but 51207 finally closed!! 402k 🎉", now=NOW).amount == 402_000
    assert parse_text("Commercial isn't really my thing, returning 5120", now=NOW).reason == "not a good fit"


def test_an_answer_relayed_in_quotes_by_a_grandson_is_the_agents() -> None:
    body = ('Hi, this is Sam, typing for my grandma. She says:\n\n"The couple are still touring and waiting on the '
            'lender letter. IN PROGRESS."\n\nThanks,\nRuth')
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "in_progress"


def test_a_letter_to_dear_sir_is_no_message_for_a_named_person() -> None:
    body = "Dear Sir,\n\nThe Lopezes closed on Thursday last.\n\nSOLD for $410,000.\n\nRespectfully,\nLeon"
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 410_000)


@pytest.mark.parametrize(("text", "want"), [
    ("pas on 5120", ("decline", "5120")),
    ("strat", ("start", None)),
    ("We close tomorrow on 5120!! 🎉", ("in_progress", "5120")),
    ("La venta de 5120 sigue pendiente, firmamos el 9", ("in_progress", "5120")),
    ("count me out on this one, too many closings", ("decline", None)),
    ("don't count me out", ("unknown", None)),
    ("sacame d la lista", ("stop", None)),
    ("Denme un descanso con los referidos, estoy de mudanza", ("pause", None)),
    ("In a lockbox meeting til 4 but YES on 5120", ("claim", "5120")),
    ("not sure but yes", ("unknown", None)),
])
def test_older_misses_read_after_batches_839_to_846(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_price_in_tenths_after_a_dollar_sign_is_thousands() -> None:
    assert parse_text("VENDIDA la 5120 en $389,5 🎉", now=NOW).amount == 389_500


@pytest.mark.parametrize(("text", "want"), [
    ("Sadly no sale on 5120. The sellers went FSBO after their neighbor sold on his own.", ("no_sale", "5120")),
    ("Disregard my pause from earlier, the trip fell through. send me referrals again", ("resume", None)),
    ("Ana ya regresó de vacation, pueden volver a mandarle referrals", ("resume", None)),
    ("just text me the info\nactually can someone just call me? easier", ("call", None)),
    ("Honestly it would be quicker if somebody called me. Free after 3.", ("call", None)),
    ("YES\nwait not sure, what am I supposed to reply? what are the options", ("help", None)),
    ("nvm figured it out, thanks", ("unknown", None)),
    ("Olvídalo, ya lo encontré. Gracias", ("unknown", None)),
    ("ok y'all 👍", ("unknown", None)),
    ("el dueño de la 5120 al final vendió solo, sin agente. no hay venta", ("no_sale", "5120")),
    ("vendí mi depto en Doral!! 🎉", ("unknown", None)),
    ("Pausen mis referidos por una semana, viajo a Lima. Vuelo 2231 sale el martes", ("pause", None)),
    ("Se vendió la #5120 en 310 mil 🙌 ¿a dónde mando el pago?", ("sold", "5120")),
    ("Sí, claro… ¿pero de dónde es el cliente?", ("unknown", None)),
    ("what do I reply to these? half of them land in my auto-reply folder", ("help", None)),
    ("Mia - is 78745 your side of town? tell me before I answer", ("unknown", None)),
])
def test_second_thoughts_and_spanish_of_batches_847_to_854(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_prices_corrected_and_reasons_of_batches_847_to_854() -> None:
    assert parse_text("VENDIDO 410 mil... no perdón, fueron 401 mil. El 5120", now=NOW).amount == 401_000
    told = "I said it closed at $612,000, but the final number on the settlement statement is $598,500."
    assert parse_text(told, now=NOW).amount == 598_500
    given_back = "Returning 5120: they want 40 acres of ranch land and I'm a condo specialist, never done ag land. FAIL"
    assert parse_text(given_back, now=NOW).reason == "not a good fit"


@pytest.mark.parametrize(("text", "want"), [
    ("I'm writing for my mother, who passed away. Please remove her number and email from your list.", ("stop", None)),
    ("Mi esposo tuvo un accidente. ¿Qué referidos tiene abiertos? Quiero avisar a sus clientes", ("status", None)),
    ("stop texting me the football scores lol I'm at a closing", ("unknown", None)),
    ("Counter: agree if you can do 20 instead of 25", ("unknown", None)),
    ("give it to the Compass lady", ("award", None)),
    ("second one please", ("award", None)),
    ("the first one", ("unknown", None)),
    ("I'd like to go with Ravi Shah from eXp (agent 2) on 5120", ("award", "5120")),
    ("Go with la muchacha de Keller Williams", ("award", None)),
    ("Dale a la 2", ("award", None)),
    ("No gracias mi amor, Homestead me queda muy lejos. Pass", ("decline", None)),
    ("Cerramo la 5120 ayer en 410, gracia a Dio", ("sold", "5120")),
    ("Ninguno me convence, gracias. Me la quedo yo", ("unknown", None)),
    ("Pregunta: si esto se alarga hasta marzo, ¿la referencia sigue activa?", ("unknown", None)),
    ("Decidieron seguir rentando, no van a comprar. Tal vez en 2028 pero por ahora nada.", ("no_sale", None)),
    ("AGREE 5120 - maybe we can talk 20% next time but this one's fine", ("agree", "5120")),
    ("De acuerdo con el 25% en la 5120, si hay algo que firmar me avisan", ("agree", "5120")),
    ("pretty sure they're buying FSBO but haven't confirmed yet, texting them tomorrow", ("unknown", None)),
    ("Jo - appraisal on your sellers came in at 402k, tell them congrats!", ("unknown", None)),
    ("Listing at 118 Oak Hollow Dr just went under contract!! 🏡", ("unknown", None)),
    ("Update on 5120: the buyers decided to purchase through his sister-in-law. You can close it out.",
     ("no_sale", "5120")),
])
def test_life_changes_picks_and_side_remarks_of_batches_855_to_862(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_reasons_and_years_of_batches_855_to_862() -> None:
    moved = parse_text("FAIL 5120 - I moved to Denver, can't work Austin anymore", now=NOW)
    assert moved.reason == "not a good fit"
    lapsed = parse_text("Returning 5120, my license lapsed and I can't represent the buyer. FAIL", now=NOW)
    assert lapsed.reason == "not a good fit"
    thanks = "Thank you all. 2026 has been my best year since I got licensed."
    assert intent_to_json(parse_text(thanks, now=NOW))["ref"] is None


def test_an_auto_responder_talked_about_is_no_auto_reply() -> None:
    body = ("Hi,\n\nBack from Lisbon. How many referrals came through while I was gone?\n\nAlso, the auto-responder I "
            "set up apparently replied to your bot a dozen times. Sorry!\n\nThanks")
    assert intent_to_json(parse_text(body, "email", now=NOW))["reason"] != "auto_reply"


@pytest.mark.parametrize(("text", "want"), [
    ("I am sorry but I must to refuse 5120, I am very busy in this month", ("decline", "5120")),
    ("After I read all profile I choose second agent in the list. He speak Vietnamese", ("award", None)),
    ("#5120 the seller decide not sell anymore, she will rent to students", ("no_sale", "5120")),
    ("The lead for referral 5120 is not real. Phone is disconnect", ("invalid", "5120")),
    ("I have surgery on friday, please hold the new referral for 2 weeks", ("pause", None)),
    ("Please start again to send me the new clients, I feel good now", ("resume", None)),
    ("How many referral I have open now?", ("status", None)),
    ("How this work? What word I must reply?", ("help", None)),
    ("Okay so um pass on 5120, I'm, uh, slammed, my buyer Phil still can't decide", ("decline", "5120")),
    ("Les comunico que paso en esta ocasión, tengo la agenda completa", ("decline", None)),
    ("Confirmo la compra del referido. Pueden cargar los USD 50 a mi tarjeta", ("invoice", None)),
    ("Les ruego que me pongan en contacto telefónico con la compradora", ("connect", None)),
    ("3way w seller plz 📞", ("connect", None)),
    ("Let's hop on a quick call about #5120, not clear on the fee", ("call", "5120")),
    ("oh great another one in the middle of nowhere 🙄 pass on 5120", ("decline", "5120")),
    ("Hi um so yes good news on 5120, we closed Friday at $402,000, mark it sold", ("sold", "5120")),
])
def test_second_language_english_and_dictated_emails_of_batches_863_to_870(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


@pytest.mark.parametrize(("text", "until"), [
    ("no referrals until two weeks from Friday pls", "2026-12-11"),
    ("no more leads for the rest of the month", "2026-11-30"),
    ("Please hold my referrals, I'll be back the Monday after Thanksgiving", "2026-11-30"),
])
def test_pause_ends_said_around_a_weekday_a_month_or_a_holiday(text: str, until: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["until"] == until


def test_phones_and_offices_written_the_european_way_are_no_codes() -> None:
    signed = "AGREE\n\nAtte.\nRocío\nAv. Javier Prado 4200, Of. 1203, Lima\nCel. +51 944 118 305"
    assert intent_to_json(parse_text(signed, "email", now=NOW))["ref"] is None
    restarted = ("Respondí STOP por error. Vuelvan a darme de alta.\n\nJavier\nAv. Constitución 7, 41004 Sevilla\n"
                 "Tel. +34 954 21 67 03")
    assert intent_to_json(parse_text(restarted, "email", now=NOW))["ref"] is None
    assert parse_text("take 55 30", now=NOW).ref == "5530"


def test_reasons_said_in_formal_spanish() -> None:
    tried = "Les devuelvo el referido 5120. He intentado comunicarme en repetidas ocasiones, sin obtener respuesta."
    assert parse_text(tried, now=NOW).reason == "unresponsive"
    outside = "Devuelvo el referido 5120: busca un terreno agrícola y me dedico exclusivamente a vivienda. FALLO"
    assert parse_text(outside, now=NOW).reason == "not a good fit"


def test_a_chat_with_the_client_and_nothing_else_is_no_progress() -> None:
    assert intent_to_json(parse_text("talked w her yesterday, such a sweet lady", now=NOW))["intent"] == "unknown"
    told = "talked w her yesterday, sweet lady, offer going in tonight"
    assert intent_to_json(parse_text(told, now=NOW))["intent"] == "in_progress"


def test_an_acknowledgement_said_several_ways_with_a_yep_is_still_bare() -> None:
    said = "Okay got it, thank you, yep, got it, thanks so much, okay, bye"
    assert intent_to_json(parse_text(said, now=NOW))["reason"] == "ack"


@pytest.mark.parametrize(("text", "want"), [
    ("let's have the third one take it", ("award", None)),
    ("We're going with whoever knows Katy best", ("award", None)),
    ("you can send it to Priya", ("award", None)),
    ("Mándaselo a Luis porfa", ("award", None)),
    ("We'd like Ana Ruiz (the first agent) to handle this one.", ("award", None)),
    ("Nos quedamos con la agente número 2. Asígnele el referido 5120.", ("award", "5120")),
    ("ok the guy from Redfin it is", ("award", None)),
    ("Go ahead con el primer agente", ("award", None)),
    ("the 30 is fine by me", ("agree", None)),
    ("count me in on the fee", ("agree", None)),
    ("cuenten conmigo con lo del porcentaje", ("agree", None)),
    ("30% referral fee on 5120 works, signing off on it", ("agree", "5120")),
    ("Loan approved for #5120!! closing the 9th", ("in_progress", "5120")),
    ("El cierre del 5120 se pospuso, el banco pidió más papeles", ("in_progress", "5120")),
    ("pásame con la clienta live porfa", ("connect", None)),
    ("bro where are we on 5120?", ("status", "5120")),
    ("Where are we with the Nguyen loan? Underwriting wants more statements", ("unknown", None)),
    ("He picked up, said he's already under contract w another agent. 5120", ("no_sale", "5120")),
    ("I paid for three referrals and two of them were bad. Not asking for anything, just explain", ("unknown", None)),
    ("How are the referral fees calculated? On my side or the price?", ("help", None)),
    ("What is the correct way to report a wrong number? INVALID or FAIL?", ("help", None)),
    ("What's the status on the house at 118 Oak? still active?", ("unknown", None)),
])
def test_indirect_picks_agreements_and_money_questions_of_batches_871_to_878(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_prices_said_roughly_or_with_a_comma_before_k() -> None:
    assert parse_text("5120 cerrada en 412,5k!!", now=NOW).amount == 412_500
    assert parse_text("Sold for just under 400 😅", now=NOW).amount is None
    assert intent_to_json(parse_text("pls update my license # to 0654321", now=NOW))["ref"] is None


@pytest.mark.parametrize(("text", "want"), [
    ("awrad 5120 2", ("award", "5120")),
    ("go wiht the frist one", ("award", None)),
    ("Happy to report #5120 clsoed Friday at 1.1M", ("sold", "5120")),
    ("venidda en 310 mil", ("sold", None)),
    ("no sael", ("no_sale", None)),
    ("unstpo", ("start", None)),
    ("clal me pls", ("call", None)),
    ("agrre", ("agree", None)),
    ("no contseta nunca, la devulevo", ("fail", None)),
    ("im bakc from leave, pls sned referrals again!", ("resume", None)),
    ("yse I got teh email", ("unknown", None)),
    ("cliam adjuster finally came for the roof", ("unknown", None)),
    ("You won a $500 gift card! Claim now: bit.ly/x1 Reply STOP to opt out", ("unknown", None)),
    ("Pre-approved funding up to $250k. Reply YES for details or STOP to end", ("unknown", None)),
    ("URGENT: wiring instructions for your closing have changed. Call 888-555-0100", ("unknown", None)),
    ("Hola, me dieron este número para hablar con la agente Ana. ¿Me puede llamar?", ("unknown", None)),
    ("Guys I'm out of town till Dec 1 so count me out for poker this week", ("unknown", None)),
    ("Mr. Lee decided to sell the place himself. So no sale on 5120.", ("no_sale", "5120")),
    ("how does this even work? do I just reply yes?", ("help", None)),
    ("Your verification code is 48213. Do not share it.", ("unknown", None)),
    ("Favor de cargar a mi tarjeta la referencia 5120.", ("invoice", "5120")),
])
def test_slips_blasts_and_strangers_of_batches_879_to_886(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_emails_a_subject_line_opens_a_lender_signs_or_a_postscript_answers() -> None:
    agreed = "Subject: Re: Referral fee agreement\n\n30% works for me. Agreed.\n\nThanks,\nMarc"
    assert intent_to_json(parse_text(agreed, "email", now=NOW))["intent"] == "agree"
    lender = ("Hi all,\n\nUnderwriting issued final approval. We are clear to close on the 4th.\n\nThanks,\nKevin\n"
              "Senior Loan Officer | Summit Home Lending\nNMLS #1184422")
    assert intent_to_json(parse_text(lender, "email", now=NOW))["intent"] == "unknown"
    postscript = ("Hi,\n\nCrazy fall here, my buyer's agent just went on maternity leave so I'm doing it all.\n\n"
                  "P.S. Yes, I'll take #5120.\n\nDana")
    assert intent_to_json(parse_text(postscript, "email", now=NOW))["intent"] == "claim"


@pytest.mark.parametrize(("text", "want"), [
    ("I'll agree to 20% on 5120, not 25", ("unknown", "5120")),
    ("Un pause me please comma I'm back in the office period", ("resume", None)),
    ("By 5120 period", ("invoice", "5120")),
    ("Stoptexting me period", ("stop", None)),
    ("closed on 51207 last wk, 525,000", ("sold", "51207")),
    ("Cheque, gracias chele", ("unknown", None)),
    ("Dear Team, thank you, message received.", ("unknown", None)),
    ("Referral #5120 does not appear to be a genuine lead. The contact information is simply made up.",
     ("invalid", "5120")),
    ("The Lowells decided to buy through another agent, his nephew. I wish them every happiness. No sale on 5120.",
     ("no_sale", "5120")),
    ("I should be grateful if you would pause new referrals until Monday, January 4th.", ("pause", None)),
    ("I should like to be connected by telephone with the buyer on #5120.", ("connect", "5120")),
    ("Please consider this my AGREE on 5120; the 25% fee is entirely acceptable.", ("agree", "5120")),
    ("We are under contract, closing the 18th. My husband Bill says to tell you hello.", ("in_progress", None)),
    ("I'm out on vacation this week, my assistant Brenda is keeping an eye on my inbox.", ("unknown", None)),
    ("Les escribo para devolverles la referencia 5120. Nunca me ha contestado.", ("fail", "5120")),
])
def test_letters_haggles_and_dictation_of_batches_887_to_894(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_stop_owned_as_a_mistake_is_undone_and_one_feared_is_not() -> None:
    owned = "I'm afraid I replied STOP to one of your texts by mistake. Please add me back."
    assert intent_to_json(parse_text(owned, now=NOW))["intent"] == "start"
    assert intent_to_json(parse_text("I'm afraid I'll hit STOP by accident", now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("de acuerdo acepto el 30", ("agree", None)),
    ("go with the 2nd 1, he answered fast", ("award", None)),
    ("devuelvo la 5120, qeda fuera d mi zona", ("fail", "5120")),
    ("whatdo I still have open?", ("status", None)),
    ("Hi Laura it's Tom Becker. We saw the house again and want to offer. Call when you can", ("unknown", None)),
    ("haha did you see Jen's new listing photos, the dog is in every one", ("unknown", None)),
    ("Claim. (and ignore that photo I just sent, it was for my sister)", ("claim", None)),
    ("oops that last text was meant for my husband. PASS", ("decline", None)),
    ("tried 5120 twice, voicemail full and the lead's no good", ("invalid", "5120")),
    ("OMG Rosa just sold the Hillcrest house for 900k!! drinks on her", ("unknown", None)),
    ("Go with Ana Ruiz on 5120, she knows the area", ("award", "5120")),
    ("nope not agent 2, he's my brother in law lol. absolutely not him", ("unknown", None)),
    ("sold 1.3 mill on 5120", ("sold", "5120")),
    ("5120 and 5121 - where do those stand?", ("status", None)),
    ("nada de referidos por ahora, no mas referidos por ahora porfa", ("pause", None)),
    ("Call me when you can about pausing over the holidays", ("call", None)),
    ("No need to pause me, I'm back Monday anyway", ("unknown", None)),
    ("Ya no necesito la pausa, ya regresé. Mándenme referidos", ("resume", None)),
    ("Estoy fuera hasta el jueves, le respondo sobre el 5120 cuando regrese", ("unknown", "5120")),
    ("FAIL 5120, la llamé mil veces y nada, me ghosteó", ("fail", "5120")),
])
def test_slips_strangers_and_picks_of_batches_895_to_902(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_the_price_sold_at_not_the_list_price_and_an_address_number_is_no_code() -> None:
    assert intent_to_json(parse_text("List 610 sold 598 on 5120", now=NOW))["amount"] == 598_000
    calle = "Cerramos la casa en Calle 12 #3301 por $410.000. Referido 5120."
    got = intent_to_json(parse_text(calle, "email", now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", "5120", 410_000)
    named = intent_to_json(parse_text("Changed my mind, not Tom. Give 5120 to Ana Ruiz instead", now=NOW))
    assert (named["intent"], named.get("name")) == ("award", "Ana Ruiz")
    hold = intent_to_json(parse_text("hold off on new leads till first week of February, we move Tues", now=NOW))
    assert hold["until"] == "2027-02-01"


def test_emails_the_marked_answer_a_late_stop_and_a_title_company_notice() -> None:
    story = ("Hi,\n\nLong week here, the kids had the flu.\n\nThe market is slow and rates are up again.\n\n"
             "Our first house fell through after inspection and they walked.\n\n"
             "So, to answer your question: #5120 closed Friday at 610k.\n\nBest,\nJo")
    got = intent_to_json(parse_text(story, "email", now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", "5120", 610_000)
    leaving = ("Hello,\n\nI got your reminder.\n\nAfter 30 years I am retiring this month.\n\n"
               "My clients went to a colleague.\n\nPlease take me off your list, no more emails or texts.\n\nBob")
    assert intent_to_json(parse_text(leaving, "email", now=NOW))["intent"] == "stop"
    title = ("Good afternoon,\n\nThe closing disclosure for 12 Oak St is ready; closing stays on schedule.\n\n"
             "Thank you,\nAnn Lee | Escrow Officer\nRiver Title Co.")
    assert intent_to_json(parse_text(title, "email", now=NOW))["intent"] == "unknown"
    quiet = ("Hi,\n\nSorry for the delay.\n\nBusy month.\n\nShe was nervous but came through.\n\n"
             "It's sold. I'd rather not put the price in an email, my broker's office will send the docs.\n\nKim")
    assert intent_to_json(parse_text(quiet, "email", now=NOW))["intent"] == "sold"


@pytest.mark.parametrize(("text", "want"), [
    ("torn between 2 and 3 tbh... ok go with agent 3. AWARD 5120 3", ("award", "5120")),
    ("12 calls and 4 texts, zip. if she ever calls back I'll let u know but giving 5120 back", ("fail", "5120")),
    ("If that's a real phone number I'll eat my hat. INVALID", ("invalid", None)),
    ("not sure 5120 is still open for me? what's its status", ("status", "5120")),
    ("how many referrals do i still have open?", ("status", None)),
    ("we didn't really click, she wants someone pushier. release 5120 to another agent pls", ("fail", "5120")),
    ("the lady who answered said her nephew put her number down as a prank", ("invalid", None)),
    ("I think they might end up staying put, waiting to hear back", ("unknown", None)),
    ("Totally unrelated but my cousin just bought with a Zillow agent lol", ("unknown", None)),
    ("NO to 5120. not my area", ("decline", "5120")),
    ("Fake number again. Pause me for 10 days, I need a break", ("pause", None)),
    ("Se fue pa Florida, ya no compra aquí", ("no_sale", None)),
    ("Wrong number, I'm not a real estate agent", ("unknown", None)),
    ("Did I accidentally opt out? no leads in weeks", ("unknown", None)),
    ("stop the texts but keep the emails coming please", ("unknown", None)),
    ("Vamos con la agente 3 para la 5120", ("award", "5120")),
    ("Recibido parce, gracias", ("unknown", None)),
    ("oops — I meant YES 5120 not 5102", ("claim", "5120")),
    ("hit me up on my cell, driving", ("call", None)),
    ("hook me up w the buyer on a call pls", ("connect", None)),
    ("Me llegó la factura pero dice $75", ("unknown", None)),
])
def test_conditions_settled_strangers_and_channels_of_batches_903_to_910(text: str,
                                                                           want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_emails_in_another_mail_clients_language_and_news_of_two_referrals() -> None:
    french = ("Le ven. 20 nov. 2026 à 09:00, Referral Network <referrals@referralnet.io> a écrit :\n\n"
              "> How is referral #5120 going?\n\nSOLD 410k, closed Thursday.\n\n--\nMarie")
    got = intent_to_json(parse_text(french, "email", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 410_000)
    two = "Hi,\n\nUpdate on two of mine: #5120 closed Friday at $400,000. #5121 is still looking.\n\nThanks,\nDee"
    assert intent_to_json(parse_text(two, "email", now=NOW))["intent"] == "unknown"
    asked = ("Hello,\n\nI have two with you (#5120 and #5121): one closed and the other fell through. How do I report "
             "each one?\n\nBrenda")
    assert intent_to_json(parse_text(asked, "email", now=NOW))["intent"] == "help"
    billed = "Hi,\n\nI got a bill for a membership. I never signed up for a membership. Can you check?\n\nLaura"
    assert intent_to_json(parse_text(billed, "email", now=NOW))["intent"] == "unknown"
    hedged = ("Hi,\n\nKnee surgery Tuesday. Please pause my referrals for 2 weeks. If it goes well I might be back "
              "sooner, but plan on two weeks.\n\nBeth")
    assert intent_to_json(parse_text(hedged, "email", now=NOW))["until"] == "2026-12-06"


@pytest.mark.parametrize(("text", "want"), [
    ("Sí, la tomo! oye la comisión es 20 o 25%? no me acuerdo", ("claim", None)),
    ("copy that - SOLD 610", ("sold", None)),
    ("I think the Garcias might back out, appraisal came in low. Will know more Monday", ("unknown", None)),
    ("I am agree with the fee for #5120", ("agree", "5120")),
    ("I visit my family in Seoul, please no send referral until 12/14", ("pause", None)),
    ("Hello. Holiday is finish, please turn on my referrals", ("resume", None)),
    ("Where is referral 5120 now? not in my list", ("status", "5120")),
    ("Ok thank you, spasibo", ("unknown", None)),
    ("bet", ("unknown", None)),
    ("oops 👍 START", ("start", None)),
    ("Please remove Ana Lopez from your text and email lists, she left the business", ("stop", None)),
    ("dasela a la 3 xfa, la 5120", ("award", "5120")),
    ("ahorita andamos viendo casas con los de la 5120", ("in_progress", "5120")),
    ("Hola, me pueden hablar por telefono?", ("call", None)),
    ("k referidos tengo abiertos?", ("status", None)),
    ("creo k cerramos el mes k entra", ("unknown", None)),
    ("Yes to the buyer one from Monday, not this condo", ("unknown", None)),
    ("might pause in January. also do you guys send 1099s?", ("unknown", None)),
])
def test_second_languages_reactions_and_teams_of_batches_911_to_918(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_emails_an_assistant_forwards_or_asks_and_a_complaint_asks_a_refund() -> None:
    forwarded = ("FYI see Dana's note below, she asked me to answer your reminder.\n\nRob\n\n"
                 "---------- Forwarded message ---------\nFrom: Dana Cho <dana@example.com>\nSubject: Fwd: referral\n\n"
                 "SOLD 420k, closed the 19th!!\n\n> How is referral #5120 going?")
    got = intent_to_json(parse_text(forwarded, "email", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 420_000)
    assistant = ("Luis asked me to request a live connect with the buyer on 5120. Please connect him by phone.\n\n"
                 "Denise\nTeam Assistant, Luis Arroyo Team")
    assert intent_to_json(parse_text(assistant, "email", now=NOW))["intent"] == "connect"
    refund = ("To whom it may concern,\n\nI'm writing to complain that I was charged $50 for #5120 and the lead was a "
              "duplicate. I would like a refund.\n\nSincerely,\nPat")
    assert intent_to_json(parse_text(refund, "email", now=NOW))["intent"] == "unknown"
    colleague = "Hi Sam, the Lee inspection moved to 9am Monday, I put it on your calendar.\n\nJess"
    assert intent_to_json(parse_text(colleague, "email", now=NOW))["intent"] == "unknown"
    android = '👍 to "New paid referral #5120: buyer in 85254, est. $610k. Reply BUY to purchase for $50."'
    assert intent_to_json(parse_text(android, now=NOW))["reason"] == "reaction"


@pytest.mark.parametrize(("text", "want"), [
    ("When do I reply SOLD, at contract or after funding?", ("help", None)),
    ("how do I set a pause with an end date?", ("help", None)),
    ("back on market, buyers' loan fell apart. relisting friday at 610", ("in_progress", None)),
    ("Hold my referrals till the week after next", ("pause", None)),
    ("hold referrals until the 1st of the year, wrapping up 2026 with family", ("pause", None)),
    ("Todo va bien con el 5120, firmamos el 15", ("in_progress", "5120")),
    ("YWS 5120", ("claim", "5120")),
    ("PAUSW until Dec 7", ("pause", None)),
    ("BUT why", ("unknown", None)),
    ("WE'RE ENGAGED!!! call me when ur up!!!", ("unknown", None)),
    ("Bank Fraud Alert: did you buy $99 at Target? Reply YES or NO. To opt out reply STOP.", ("unknown", None)),
    ("You've been selected for a $500 gift card! Claim now: bit.ly/x", ("unknown", None)),
    ("perdón eso era pa mi cuñada jaja. La 5120 paso, no es mi zona", ("decline", "5120")),
    ("Your driver is arriving in a blue Honda (plate 8ABC 4412)", ("unknown", None)),
    ("I texted STOP to the wrong number earlier, pls keep sending me referrals", ("start", None)),
    ("Recibido graciass", ("unknown", None)),
])
def test_slips_in_capitals_dates_and_strangers_of_batches_919_to_926(text: str,
                                                                       want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_pause_ends_when_said_and_family_mail_and_a_referral_given_back_after_its_story() -> None:
    assert intent_to_json(parse_text("Hold my referrals till the week after next", now=NOW))["until"] == "2026-12-06"
    new_year = intent_to_json(parse_text("hold referrals until the 1st of the year", now=NOW))
    assert new_year["until"] == "2027-01-01"
    family = "Hi Uncle Rob!!\n\nWe finally closed on the new house yesterday. Housewarming is Dec 12!\n\nLove,\nMeg"
    assert intent_to_json(parse_text(family, "email", now=NOW))["intent"] == "unknown"
    extended = "Hello,\n\nI'm paused until Dec 1 but recovery is slow. Please extend the hold through 12/14.\n\nMarcus"
    assert intent_to_json(parse_text(extended, "email", now=NOW))["until"] == "2026-12-14"
    given_back = ("Hello,\n\nAfter their contract fell through, my clients want acreage for horses. I don't handle "
                  "land and it is well outside my market, so I'm giving this referral back.\n\nRenee")
    assert intent_to_json(parse_text(given_back, "email", now=NOW))["intent"] == "fail"


@pytest.mark.parametrize(("text", "want"), [
    ("just called her and set up a showing for friday on 5120", ("in_progress", "5120")),
    ("handed the keys over Friday!! 🔑", ("sold", None)),
    ("Called the number, it's a dentist. Nobody named Rosa there", ("invalid", None)),
    ("Putting my name on this one, calling him now", ("claim", None)),
    ("Esa zona me queda lejos, la dejo pasar", ("decline", None)),
    ("¡Claro! No la dejo pasar, es mía", ("claim", None)),
    ("ya mine fr 5120 lmk wen u send the deets", ("claim", "5120")),
    ("dale a la 2da agente pa la 5120", ("award", "5120")),
    ("5120 wrong person she nvr asked 4 an agent", ("invalid", "5120")),
    ("Por medio del presente les informo que en esta ocasión no tomaré el referido.", ("decline", None)),
    ("I would like to award referral 5120 to agent no. 3 (Ms. Lee).", ("award", "5120")),
    ("I respectfully request that no new referrals be sent to me until December 7.", ("pause", None)),
    ("Kindly arrange a live telephone connection between myself and the seller.", ("connect", None)),
    ("Kindly explain the available reply options.", ("help", None)),
    ("I'll take #5120. Please confirm the referral fee is the standard 25%.", ("claim", "5120")),
    ("can i split the fee w my partner? she's doing the showings on 5120", ("unknown", "5120")),
    ("¿Qué pasa si contesto NO SALE?", ("help", None)),
    ("Agent 1 texted me she'd take it, but I haven't decided who to award it to yet", ("unknown", None)),
    ("For 5120 go with agent #1. For 5121 still deciding", ("award", None)),
    ("actually switch my pick on 5120 to agent 1 instead of 3", ("award", "5120")),
    ("Change it to Dana (option 2), the first guy never called back", ("award", None)),
    ("Mejor cambia al número 2, el primero no habla español", ("award", None)),
    ("NONE for 5120. ill keep this one myself", ("decline", "5120")),
])
def test_deeds_slang_and_formal_letters_of_batches_927_to_934(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_listed_update_is_read_and_a_number_in_words_and_digits_once() -> None:
    listed = ("Good evening,\n\nPlease see the update below:\n\n• Clients toured four homes Saturday\n"
              "• Offer submitted at $389,000\n\nI will advise once we are under contract.\n\nRegards,\nRay")
    assert intent_to_json(parse_text(listed, "email", now=NOW))["intent"] == "in_progress"
    weeks = intent_to_json(parse_text("Kindly suspend all referrals for the next two (2) weeks.", now=NOW))
    assert (weeks["intent"], weeks["until"]) == ("pause", "2026-12-06")


@pytest.mark.parametrize(("text", "want"), [
    ("Ya volvió el licenciado de sus vacaciones, pueden volver a mandarle referidos", ("resume", None)),
    ("listing expired on 5120 and the owners are staying put, not relisting", ("no_sale", "5120")),
    ("off to Denver Dec 4-9 but my team covers showings so keep em coming", ("unknown", None)),
    ("the closing you heard about was my personal condo, not related to any referral of yours", ("unknown", None)),
    ("5120 COE'd friday 🎉 final 455k", ("sold", "5120")),
    ("5120 fell out of escrow, they're renting another year", ("no_sale", "5120")),
    ("should be pending by next week 🤞", ("unknown", None)),
    ("Hi Ana, lockbox code is 5120. The buyers will meet you there at 3", ("unknown", None)),
    ("Please mark Rob as a pass on 5120, he no longer covers that county", ("decline", "5120")),
    ("Esta vez no, gracias. El licenciado no está tomando clientes nuevos", ("decline", None)),
    ("Por favor vuelvan a agregarme a la lista, me di de baja por error", ("start", None)),
    ("NO pa la 5120, toy full", ("decline", "5120")),
    ("Dale, esa e mía", ("claim", None)),
    ("Pause pls, I'll be back at it after the holidays", ("pause", None)),
    ("what does NO SALE even do?", ("help", None)),
    ("how do i report a bad number?? the number on 5120 is disconnected", ("invalid", "5120")),
    ("whats the difference between FAIL and INVALID?? anyway client ghosted me, giving 5120 back", ("fail", "5120")),
    ("No entiendo cómo llamo al cliente. Conécteme con él, por favor", ("connect", None)),
    ("Not sure what format you want. I'd like to give referral 5120 to the second agent.", ("award", "5120")),
    ("is it still paused? I'm back, turn them back on", ("resume", None)),
    ("new here, do i just type yes?? ok yes, i want it", ("claim", None)),
    ("which one is this? either way pass, too busy", ("decline", None)),
    ("ok got it, thank you for explaining", ("unknown", None)),
])
def test_returns_jargon_how_to_asks_and_caribbean_spanish_of_batches_935_to_942(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_dictated_codes_and_prices_and_a_pause_changed_are_read() -> None:
    said = intent_to_json(parse_text("sold four five zero thousand on fifty one twenty closed friday", now=NOW))
    assert (said["intent"], said["ref"], said["amount"]) == ("sold", "5120", 450000)
    spanish = intent_to_json(parse_text("sí la tomo la cincuenta y uno dos cero", now=NOW))
    assert (spanish["intent"], spanish["ref"]) == ("claim", "5120")
    award = intent_to_json(parse_text("A word five one two zero to agent number two", now=NOW))
    assert (award["intent"], award["ref"]) == ("award", "5120")
    changed = intent_to_json(parse_text("I said hold til Dec 20 but make it til the 8th instead", now=NOW))
    assert (changed["intent"], changed["until"]) == ("pause", "2026-12-08")
    price = intent_to_json(parse_text("we closed on 5120 three eighty nine five final price", now=NOW))
    assert (price["ref"], price["amount"]) == ("5120", 389500)


@pytest.mark.parametrize(("text", "want"), [
    ("NO SALE\nugh autocorrect. meant IN PROGRESS, still touring", ("in_progress", None)),
    ("STOP\nay perdón, era para otro número. START", ("start", None)),
    ("Llámenme\nperdón, mejor conéctenme con el cliente", ("connect", None)),
    ("in progress\nwait actually not sure yet, might fall apart", ("unknown", None)),
    ("Long week: two closings, a sick kid and a flat tire, and my relocation couple sees 8 houses Monday. "
     "Just no bandwidth, gotta pass on 5120, sorry!!", ("decline", "5120")),
    ("Busy weekend, a flat tire and my son's tournament. Anyway yes I got the email with the agreement, "
     "will read it tonight", ("unknown", None)),
    ("Mi prima compró en Hialeah el mes pasado. Si tienen más compradores por esa zona me avisan", ("unknown", None)),
    ("Puse STOP sin querer la semana pasada, fue un error. Por favor vuélvanme a agregar", ("start", None)),
    ("si si I'll take it, send me the buyer's number", ("claim", None)),
    ("Márcame antes de decidir porfa", ("call", None)),
    ("Ahorita no sé, déjame ver", ("unknown", None)),
    ("¿me puedes dar un ring después de las 5?", ("call", None)),
])
def test_second_thoughts_long_stories_and_spanglish_of_batches_943_to_950(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_price_corrected_after_scratch_that_and_a_sale_announced_too_soon_by_email() -> None:
    corrected = intent_to_json(parse_text("SOLD 5120 $410k\nscratch that, final was 415,500", now=NOW))
    assert (corrected["intent"], corrected["ref"], corrected["amount"]) == ("sold", "5120", 415500)
    too_soon = ("Sold!!\n\nSorry, I jumped the gun. We're under contract, closing set for Dec 18.\n\nMaya")
    assert intent_to_json(parse_text(too_soon, "email", now=NOW))["intent"] == "in_progress"


def test_a_claim_with_its_code_before_a_fee_remark_and_an_outcome_named_in_a_later_paragraph() -> None:
    claim = intent_to_json(parse_text("Yes!! I'll take #5120, the 25% fee is fine", now=NOW))
    assert (claim["intent"], claim["ref"]) == ("claim", "5120")
    assert intent_to_json(parse_text("25% is fine, I'm in on 5120", now=NOW))["intent"] == "agree"
    story = ("Hi,\n\nQuick update on the Lopez buyers: we saw nine homes over three weekends and they loved two.\n\n"
             "Then nothing for weeks. Turns out they bought with a friend of the family. So this one is a no sale "
             "for me, sadly.\n\nThanks,\nDev")
    assert intent_to_json(parse_text(story, "email", now=NOW))["intent"] == "no_sale"
    letter = intent_to_json(parse_text("sí, mi cliente tiene pre-approval, ya te mandé la carta", now=NOW))
    assert letter["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("Reached them at last on 5120: they closed on a condo before the lead reached me, bought with another agent. "
     "Nothing to do, marking it no sale.", ("no_sale", "5120")),
    ("the sellers on 5120 decided to list FSBO after our appointment", ("no_sale", "5120")),
    ("thought he ghosted me but he was out of town. showing 2 homes sat on 5120", ("in_progress", "5120")),
    ("5120 buyers nearly signed with another agent but went with me. touring sunday", ("in_progress", "5120")),
    ("I think the client on 5120 may have bought, her post shows a SOLD sign. Asking her first", ("unknown", "5120")),
    ("Ando de viaje en Cancún pero el martes te contesto lo del 5120", ("unknown", "5120")),
    ("jajaja STOP 😂 $50?? ok fine BUY 5120", ("invoice", "5120")),
    ("Por una emergencia necesito que suspendan temporalmente mis referidos", ("pause", None)),
    ("Ya me recuperé. Manden referidos cuando quieran", ("resume", None)),
    ("Todo salió bien, actívenme de nuevo por favor", ("resume", None)),
    ("Which referral I have open now?", ("status", None)),
    ("sts on 5120 pls", ("status", "5120")),
    ("Salamat po, noted", ("unknown", None)),
    ("Not this one po, I pass this time", ("decline", None)),
])
def test_dead_ends_told_as_stories_laughs_and_other_languages_of_batches_951_to_958(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_couple_of_weeks_in_spanish_and_a_tried_connection_are_read() -> None:
    pause = intent_to_json(parse_text("Pausen mis referidos por un par de semanas", now=NOW))
    assert (pause["intent"], pause["until"]) == ("pause", "2026-12-06")
    tried = intent_to_json(parse_text("He intentado comunicarme con la clienta del 5120 y nunca responde. "
                                      "Prefiero devolverlo.", now=NOW))
    assert (tried["intent"], tried["ref"]) == ("fail", "5120")


@pytest.mark.parametrize(("text", "want"), [
    ("Buyer just texted me “can your agent call me, I hate texting 😅”. Please connect me with her by phone on 5120",
     ("connect", "5120")),
    ("Mi socio me dijo: 'el de Doral ya lo cerraron, ¿no?' ¿En qué estado está la 5120?", ("status", "5120")),
    ("under contract! 310 list, accepted 305", ("in_progress", None)),
    ("i think it closed around 410 but let me double check with the title company", ("unknown", None)),
    ("Acepto en nombre de mi broker, Keller Williams", ("agree", None)),
    ("el avalúo todavía no sale, seguimos esperando al banco. 5120", ("in_progress", "5120")),
    ("I'll buy it friday when I get paid", ("unknown", None)),
    ("5120 closed yesterday sold for 449,9 thanks so much talk soon", ("sold", "5120")),
    ("Please purchase 5120 for me and charge the new card on file", ("invoice", "5120")),
    ("Les dejé mensajes tres semanas y nunca respondió. Prefiero devolverlo, es el 5120", ("fail", "5120")),
    ("What does SOLD $amount mean, the whole price or my side?", ("help", None)),
    ("la clienta está de viaje hasta el 10, retomamos cuando regrese", ("in_progress", None)),
])
def test_pasted_words_prices_and_money_talk_of_batches_959_to_966(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_million_and_a_half_in_spanish_and_a_hold_until_then() -> None:
    sold = intent_to_json(parse_text("VENDIDA la 5120 en millón y medio!!", now=NOW))
    assert (sold["intent"], sold["amount"]) == ("sold", 1500000)
    hold = intent_to_json(parse_text("I won't need new referrals through Saturday, out of state. "
                                     "Please hold them until then.", now=NOW))
    assert (hold["intent"], hold["until"]) == ("pause", "2026-11-28")


def test_an_assistants_signature_is_found_with_curly_apostrophes_and_accents_in_it() -> None:
    """The signature is searched in a plain form (lower case, no accents, straight apostrophes), not normalised
    line by line."""
    body = "Hi,\n\nYes, he'll take 5120, he knows that area well.\n\nAmy Lee\n{signature} | Coastal Realty"
    signed = intent_to_json(parse_text(body.format(signature="Carl\u2019s assistant"), "email", now=NOW))
    assert (signed["intent"], signed["ref"]) == ("claim", "5120")
    unsigned = intent_to_json(parse_text(body.format(signature="Realtor"), "email", now=NOW))
    assert unsigned["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    # how it works asked, then the answer with its code
    ("do i text the buyer myself or do you set up the call? connect me with the seller on 5120 please",
     ("connect", "5120")),
    ("what happens if the buyer went with someone else? NO SALE on 5120, she used her brother", ("no_sale", "5120")),
    ("Si pongo NO me quitan de todo? Bueno, NO a la 5120, no trabajo esa zona", ("decline", "5120")),
    ("does AGREE sign anything legally binding? either way AGREE", ("agree", None)),
    # a STOP asked about is no STOP; a stop asked for still is
    ("does STOP also end the reminders on deals I already have?", ("unknown", None)),
    ("can you stop texting me?", ("stop", None)),
    # the yes is the answer; the story is an earlier referral's
    ("YES 5120. The last one you sent fell through at closing but here's hoping", ("claim", "5120")),
    ("No, no es falso, es mi cliente de verdad", ("unknown", None)),
    ("Voy a pausar la cuenta cuando me vaya de viaje, les aviso", ("unknown", None)),
    ("Pongan mis referidos en hold por favor, tengo una emergencia familiar", ("pause", None)),
    ("did 5120 get marked sold? still shows open here", ("status", "5120")),
    ("Do I just reply YES or do I need to log in to something?", ("help", None)),
    ("I have three buyers of my own under contract. Nothing new to report on the referrals you sent me yet",
     ("unknown", None)),
    ("No on the Round Rock seller, please send it to someone else", ("decline", None)),
    ("YES\nwait is 78745 north of the river?", ("unknown", None)),
])
def test_questions_answered_stops_asked_about_and_stories_of_batches_967_to_974(
        text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_pause_asked_after_a_question_about_what_pause_stops() -> None:
    body = ("Hi,\n\nDoes PAUSE also hold the reminders on deals I already have? Either way, please pause new "
            "referrals for me through Friday.\n\nThanks,\nDana")
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", "2026-11-27")


@pytest.mark.parametrize("body", [
    "Morning!\n\nCrazy week here, the roof leaked.\n\nMy own listings are under contract, two of them.\n\n"
    "Anyway, please send me the invoice for the Dublin seller lead, I want it.\n\nThanks,\nRae",
])
def test_a_one_word_greeting_is_skipped_so_the_ask_in_the_fourth_paragraph_is_read(body: str) -> None:
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "invoice"


@pytest.mark.parametrize(("body", "want"), [
    ("Hi Dana,\n\nAttached is the appraisal for the Elm St house, it came in at value. Let me know what the buyers "
     "think.\n\nThanks,\nKevin", "unknown"),  # papers sent to a colleague
    ("Hello,\n\nPlease pause new referrals through Saturday, I'm at the expo, booth 2210.\n\nBest,\nKaren", "pause"),
    ("Hi,\n\nSOLD on 5120.\n\nWait, scratch that, 5120 is the one I just closed. It's 5102 that fell apart, the "
     "buyer went with another agent.\n\nMark", "no_sale"),
    ("Sold at 610k!!\n\nOops, I should clarify: that's my sister's house, not your referral. Nothing to report yet "
     "on the one you sent.\n\n- Bev", "unknown"),
])
def test_emails_of_batches_967_to_974(body: str, want: str) -> None:
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert got["intent"] == want and got["ref"] is None


def test_news_announced_before_it_is_told() -> None:
    said = intent_to_json(parse_text("So glad to report that 5120 closed Friday at $398,500.00!", now=NOW))
    assert (said["intent"], said["ref"], said["amount"]) == ("sold", "5120", 398500)


@pytest.mark.parametrize(("text", "want"), [
    ("Buenas! Cómo va mi referido 5120? Sigue disponible?", ("status", "5120", None)),
    ("what status do u have on 5120? want to be sure my update got in", ("status", "5120", None)),
    ("VENDIDA! 389,5 el precio final, ref 20815", ("sold", "20815", 389500)),  # the code after "precio final"
    ("Sobre el 5120: al final no se dio, se quedaron rentando", ("no_sale", "5120", None)),
    ("no se dio cuenta del correo, se lo reenvío", ("unknown", None, None)),
    ("La 5120 sigue esperando aprobación del lender", ("in_progress", "5120", None)),
    ("seguimos en underwriting, el closing lo movieron para enero", ("in_progress", None, None)),
])
def test_spanish_progress_and_prices_of_batches_975_to_982(text: str, want: tuple[str, str | None, int | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == want


@pytest.mark.parametrize("text", ["Merci beaucoup!", "lol k", "ok cool, thanks for the heads up on 5120"])
def test_more_bare_acknowledgements(text: str) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["reason"]) == ("unknown", "ack")


def test_a_client_who_went_silent_in_spanish_is_unresponsive() -> None:
    got = intent_to_json(parse_text("Devuelvo la 5120. Le mandé textos, correos y voicemails por semanas y nada, "
                                    "me hizo ghosting.", now=NOW))
    assert (got["intent"], got["ref"], got["reason"]) == ("fail", "5120", "unresponsive")


@pytest.mark.parametrize(("text", "want"), [
    ("Re 5120: spoke with the so-called client, turns out he sells leads to agents. This is not a real client.",
     ("invalid", "5120")),
    ("not saying it's a scam but the last name doesn't match the one on the lead", ("unknown", None)),
    ("NO. fake number, I get this same guy every month", ("decline", None)),
    ("5120 number was wrong but we tracked down the client on Instagram, showing Saturday", ("in_progress", "5120")),
    ("Si el cliente está preaprobado, la compro", ("unknown", None)),
    ("Sí claro, la compro", ("invoice", None)),
    ("los referidos de esta semana han sido malísimos, estoy perdiendo mi tiempo", ("unknown", None)),
    ("she's preapproved for 600 and wants a big yard", ("unknown", None)),
    ("please unpause me, the trip got cancelled", ("resume", None)),
    ("Take me off this referral list please, I'm retiring", ("stop", None)),
    ("Payment failed?? run the card again, should work now", ("invoice", None)),
    ("please bill this one to my brokerage, not me", ("invoice", None)),
    ("Favor de facturar el referido 5120 a nombre de la oficina", ("invoice", "5120")),
    ("do you guys have an away mode? heading to Spain in January", ("help", None)),
    ("Talked to her finally. She never asked for an agent, so this one isn't legit", ("invalid", None)),
    ("Me rechazaron la tarjeta, ¿la actualizo dónde?", ("unknown", None)),
    ("Forget the pause request from this morning, that was my TC. I'm still taking referrals", ("resume", None)),
    ("I already replied to this?? SOLD 5120 at 399k", ("sold", "5120")),
])
def test_bad_leads_pauses_and_purchases_of_batches_983_to_990(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_pause_with_its_own_end_beside_a_reason_in_the_future() -> None:
    got = intent_to_json(parse_text("Pause me for 3 weeks, surgery is next week", now=NOW))
    assert (got["intent"], got["until"]) == ("pause", "2026-12-13")


@pytest.mark.parametrize(("text", "want"), [
    ("PASS — wait, my partner wants this one. Yes, claim 5120", ("claim", "5120")),
    ("YES\nsorry fat fingers. NO, pass on 5120", ("decline", "5120")),
    ("keep me paused... eh forget it, resume, I'm bored", ("resume", None)),
    ("Could you connect me? let me rephrase, I want someone to call me first", ("call", None)),
    ("Les dije que estaba en proceso, pero corrijo: el cliente es falso. INVÁLIDO 5120", ("invalid", "5120")),
    ("YES 5120 - fyi I'm at a closing all day but my assistant will call them this afternoon", ("claim", "5120")),
    ("my mom is driving, I'm showing 1822 Maple at noon", ("unknown", None)),
    ("traveling until Friday, I'll follow up on 5120 when I get back", ("unknown", "5120")),
    ("This is Dan's husband, Dan had surgery. Please hold her referrals for now", ("pause", None)),
    ("Paso 5120, no trabajo el 33186", ("decline", "5120")),
    ("78704 is bananas right now, bidding wars everywhere", ("unknown", None)),
    ("no sé si aquí es donde respondo, pero el cliente compró con otro agente", ("no_sale", None)),
    ("is this a bot? anyway the client decided to keep renting, no sale", ("no_sale", None)),
    ("¿Con quién hablo? el teléfono del cliente no existe, la referencia es falsa", ("invalid", None)),
    ("Who do I even call on 5120? The email bounced. This lead is fake.", ("invalid", "5120")),
    ("do I type YES in caps? yes, I'll take it", ("claim", None)),
    ("how do I pause? away until Dec 7. pause me please", ("pause", None)),
    ("BUY. hold on, is that charged today or invoiced? either way works", ("invoice", None)),
    ("Is there any way to pause for a couple of weeks without unsubscribing?", ("help", None)),
    ("I paused my leads in October and can't find how to turn them back on. I'm ready to start receiving "
     "referrals again", ("resume", None)),
    ("I'm back in the office Monday, go ahead and unpause", ("resume", None)),
    ("I'm off pause as of today, send me referrals", ("resume", None)),
    ("can't say no to this one. YES 5120", ("claim", "5120")),
    ("Nah, not taking any time off this year", ("unknown", None)),
])
def test_second_thoughts_and_questions_of_batches_991_to_998(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_price_restated_after_a_correction_wins_over_the_price_before_it() -> None:
    got = intent_to_json(parse_text("5120 closed. Final price was $380,000, correction, checked the CD and it's "
                                    "$379,500. SOLD $379,500", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 379500)


@pytest.mark.parametrize(("text", "until"), [
    ("pause until cyber monday", "2026-11-30"),
    ("pause me thru Black Friday", "2026-11-27"),
])
def test_the_shopping_days_after_thanksgiving(text: str, until: str) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["until"]) == ("pause", until)


def test_a_complaint_about_our_records_is_no_bad_lead_report() -> None:
    got = intent_to_json(parse_text("I'm sick of being asked about 5120 when your system still shows the wrong phone "
                                    "number for the client. Nobody fixed it.", now=NOW))
    assert got["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("I'm not gonna STOP, relax, just send them earlier in the day", "unknown"),
    ("what does PASS do, will it take me off the list?? I only want to skip this one. PASS", "decline"),
    ("stop sending me reminders every day please, no sale on 5120, they rented", "no_sale"),
    ("IN PROGRESS\n\nSorry, jumped the gun. It actually closed yesterday at 400k", "sold"),
    ("NO SALE\nactually FAIL, she never picked up once", "fail"),
    ("Pausa hasta febrero.. no, olvídenlo, ya volví. Reanuden por favor", "resume"),
    ("call me\nactually could you connect me straight to the seller on 5120? today if possible", "connect"),
    ("Your invoice for 5120 charged me 30%. I agreed to 20%. Fix it or I'll dispute the charge", "unknown"),
    ("In Lisbon till the 9th, quick q: did 5120 get their loan approved? Happy to follow up when I'm back",
     "unknown"),
    ("Both times I replied it said the code was invalid. What's going on?", "unknown"),
    ("would you do 15% instead of 25 on 5120? then count me in", "unknown"),
    ("No longer on paternity leave! Send me referrals again", "resume"),
    ("No, I don't want the buyer's number, patch me through to them on 5120", "connect"),
    ("Sí la tomo... aunque las últimas tres fueron un desastre", "claim"),
    ("FAIL. the client's phone is disconnected. does anyone vet these?? 3rd one this month", "fail"),
    ("no lo pienso dos veces, la tomo", "claim"),
    ("Don't hesitate to bill my card for #5120", "invoice"),
    ("No hay problema con el 25%, de acuerdo", "agree"),
    ("how do I report a sale? We closed Friday, final price $455,000.", "sold"),
    ("What's the difference between FAIL and INVALID? Anyway the buyer never answered once, giving it back.",
     "fail"),
    ("¿Cómo pauso? Me operan el lunes, no me manden nada por 3 semanas", "pause"),
    ("¿Qué quiere decir SOLD? ¿vendido? Pues sí, se vendió en 310 mil, la #5120", "sold"),
    ("I'm not sure how to reply to the list so I'll say it here: please give the referral to the second agent",
     "award"),
    ("not sure I'm doing this right, does email work too? In any case I'd like to take this one. Yes.", "claim"),
    ("¿El 30% es del total? Ok, acepto.", "agree"),
    ("what do you mean how is it going?? she bought with her brother in law. dead", "no_sale"),
    ("which one is 5120? oh right, the condo. Offer accepted, waiting on the appraisal", "in_progress"),
    ("who's the buyer on 5120? can you connect me with them by phone now", "connect"),
    ("What do the different replies mean? I'm new here", "help"),
    ("How exactly am I supposed to report a lead in this thing?", "help"),
    ("La referencia 5120 no se va a concretar, el cliente se mudó a Chicago", "no_sale"),
])
def test_questions_then_answers_and_second_thoughts_of_batches_999_to_1006(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize("text", [
    "fine. got it", "oh ok now I get it, thanks", "ok makes sense", "Thanks! oops wrong emoji",
])
def test_acknowledgements_of_batches_999_to_1006(text: str) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["reason"]) == ("unknown", "ack")


@pytest.mark.parametrize(("text", "want"), [
    ("PASS\nsorry wrong one! 5120 closed last week at 410k", "sold"),
    ("YES\nhold on", "unknown"),
    ("NO SALE 5120\noops meant for the office group chat", "unknown"),
    ("Pull the plug on it? I'd rather not, the client has been great. Oh wait.", "unknown"),
    ("Me pausan hasta el 20 que me voy a Bogotá", "pause"),
    ("No me mandéis nada hasta el lunes, porfa", "pause"),
    ("Ya me quedo con la 5120 👍", "claim"),
    ("Los clientes se quedan rentando, denla por perdida", "no_sale"),
    ("calling it quits on 5120, she never answers", "fail"),
    ("Happy holidays all! offline Thursday and Friday, back to normal after that", "unknown"),
    ("Great news, Maria is feeling better. Please turn her referrals back on", "resume"),
    ("Fine, I'll take 5120. The last two were duds but whatever", "claim"),
    ("how do I tell you it fell through? the buyers decided to rent another year", "no_sale"),
    ("what does INVALID mean, a fake lead? then INVALID on 5120, nobody at that number asked for an agent",
     "invalid"),
    ("¿Cómo les aviso? Me voy de viaje, pónganme en pausa por favor", "pause"),
    ("How do I get the client's number for 5120? Connect me with them by phone please", "connect"),
    ("Can I reply by email? Please hold new referrals, my father is in the hospital", "pause"),
    ("long day, 6 showings today", "unknown"),
])
def test_second_thoughts_spanish_and_how_to_of_batches_1007_to_1014(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize(("text", "want"), [
    ("never mind the pause, my trip fell through. Send me leads", "resume"),
    ("Cancelen mi pausa, al final no viajo. Sigan mandándome referidos", "resume"),
    ("Yes\nsorry, yes I got the text. not taking it yet", "unknown"),
    ("my email in your system is wrong, please update it", "unknown"),
    ("haha I'm the one who's been MIA, sorry! calling him now", "unknown"),
    ("Pretty sure 5120 is fake but let me call one more time tomorrow", "unknown"),
    ("Sorry to report that 5120 isn't going to happen for us.", "no_sale"),
    ("YES 5120 - I'm away till Friday but my partner can show this weekend", "claim"),
    ("How do I fix a wrong reply? I sent SOLD on the wrong one", "help"),
    ("Is there a specific word I should reply with for a bad lead?", "help"),
])
def test_retractions_and_bad_leads_of_batches_1015_to_1022(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_a_story_told_in_paragraphs_ends_with_its_outcome() -> None:
    body = ("Hi,\n\nQuick update on the Lees.\n\nWe got an offer accepted in October and the inspection went fine.\n\n"
            "The appraisal was tight but the lender came through.\n\nWe closed on the 20th - sold at 512,5.\n\n"
            "Thanks,\nAnn")
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 512500)


@pytest.mark.parametrize("text", ["SOLD 5120 for 4 fifty", "sold for 4-fifty"])
def test_hundreds_said_with_a_digit(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["amount"] == 450000


@pytest.mark.parametrize(("text", "want"), [
    ("FAIL 5120 no answer\nnvm he just texted back, touring Saturday", "in_progress"),
    ("Sí la quiero\nmmm déjame pensarlo mejor, mañana te digo", "unknown"),
    ("no thanks, not paying\n...ok second thought, it's a good lead. BUY 5120", "invoice"),
    ("NO SALE\nhmm actually FAIL, she never answered once", "fail"),
    ("Is anyone actually reading these? Can someone call me?", "call"),
    ("does NO mean no to this one or no more texts at all?? just this one. pass", "decline"),
    ("didn't fail, just slow, will update on 5120 next week", "unknown"),
    ("Didn't fail after all! closed at 399k on #5120", "sold"),
    ("Spoke with the buyers on 5120, they're leaning toward waiting until spring", "unknown"),
    ("Yes, got the new fee schedule. And count me in for the holiday party!", "unknown"),
    ("Busy month here, we just closed on three buyers in Midtown", "unknown"),
])
def test_second_thoughts_and_own_business_of_batches_1023_to_1030(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize("text", [
    "is PAUSE the same as STOP?", "so pause means stop?", "should I reply PAUSE or STOP?",
])
def test_stop_asked_about_beside_another_keyword_is_no_opt_out(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] != "stop"


@pytest.mark.parametrize(("text", "want"), [
    ("what actually happens when I reply STOP? will the old ones stay mine", "help"),
    ("Not sure if I answered right before. Sold 5120 at 310k", "sold"),
    ("idk if my last text went through. YES 5120", "claim"),
    ("idk what to reply", "help"),
    ("como contacto al comprador? llámenme porfa", "call"),
    ("is there an option for 'went FSBO'? because that's what happened with them", "no_sale"),
    ("Boss says 30% is fine so long as it's in the written agreement. AGREE 5120", "agree"),
    ("Partners reviewed everything and agree to the 30% referral fee.", "agree"),
    ("Her uncle got licensed in June and the buyers closed through him. Oh well", "no_sale"),
    ("you remember the Nguyens who hated every kitchen? WE CLOSED, 389,5", "sold"),
    ("no gracias... pensándolo mejor sí la cojo #5120", "claim"),
    ("IN PROGRESS 5120 - wait wrong one, 5120 fell through, they bought FSBO. no sale", "no_sale"),
    ("SOLD no wait, different client. can you send my open referrals?", "status"),
    ("give it to agent 1... or maybe 2? I'll sleep on it", "unknown"),
    ("STOP\nwait no don't stop, I meant stop sending me the Orlando ones", "unknown"),
    ("yeah yeah got it, thank you", "unknown"),
    ("Returning 5120, FAIL. It's a strip mall and I sell residential only", "fail"),
    ("the email about the Thanksgiving pause came thru, thanks", "unknown"),
    ("My manager says we're required to unsubscribe by the 1st?? true?", "unknown"),
    ("heads up, next year you'll probably need to remove me, I'm retiring. nothing yet though", "unknown"),
    ("back from surgery soon, I'll let you know when to resume", "unknown"),
    ("Before I leave could you send me a list of my open referrals?", "status"),
    ("can you pause my referrals?", "pause"),
    ("could you unpause my referrals", "resume"),
    ("listo otra vez! activen mis referidos de nuevo", "resume"),
    ("si la cojo si e en Ponce nomás", "unknown"),
])
def test_doubts_stories_and_second_thoughts_of_batches_1031_to_1038(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_a_fail_on_a_property_the_agent_does_not_sell_gives_the_fit_as_reason() -> None:
    got = intent_to_json(parse_text("FAIL 5120. It's an office building, I sell condos", now=NOW))
    assert (got["intent"], got["reason"]) == ("fail", "not a good fit")


def test_an_acknowledgement_said_again_after_a_second_thought_is_one() -> None:
    got = intent_to_json(parse_text("Got it... oh wait. yes yes, got it, thanks", now=NOW))
    assert (got["intent"], got["reason"]) == ("unknown", "ack")


@pytest.mark.parametrize(("text", "want"), [
    ("hey is this where I answer? YES 5120 please", "claim"),
    ("Would someone from your office please phone her this afternoon? She has fee questions", "unknown"),
    ("the Lins sold it themselves after their cousin did it that way, nothing for me there", "no_sale"),
    ("If I don't get some sleep I'm going to lose my mind. Please pause my referrals for 10 days", "pause"),
    ("Si no fuera por el cliente ni la compraba jaja. Cóbrame la 5120", "invoice"),
    ("If the buyer is pre-approved I would take it. YES 5120", "unknown"),
    ("got it, sorry just now seeing this", "unknown"),
    ("checkout keeps failing when I try to pay for 5120. could someone call me?", "call"),
    ("which of my buyer referrals are still open?", "status"),
    ("she promised he'd call me back, never did. FAIL 5120", "fail"),
    ("they'll call me back tomorrow about 5120", "unknown"),
    ("we stopped using another lead service last year", "unknown"),
    ("Not sure yet on 5120, she's talking with her broker about her schedule", "unknown"),
])
def test_assistants_doubts_and_failed_payments_of_batches_1039_to_1046(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_an_assistant_asking_us_to_call_the_agent_asks_for_a_call() -> None:
    body = ("Hello,\n\nTom has a question about the split. Could someone from the network please call him today?\n\n"
            "Thanks,\nAmy\nAssistant to Tom Reyes")
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "call"


def test_a_fallback_for_an_expired_card_keeps_the_purchase() -> None:
    body = ("Hi,\n\nPlease charge the card on file for referral 5120. If the card on file has expired, send the "
            "invoice to our office and we will pay it.\n\nThanks,\nAmy\nAssistant to Tom Reyes")
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert (got["intent"], got["ref"]) == ("invoice", "5120")


@pytest.mark.parametrize(("text", "amount"), [
    ("sold for three hundred ten thousand four twenty", 310420),
    ("SOLD 5120 two hundred eighty thousand three fifty", 280350),
])
def test_hundreds_said_after_the_thousands_without_the_word(text: str, amount: int) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["amount"] == amount


@pytest.mark.parametrize(("text", "want"), [
    ("Honey pick up milk pls\noops wrong thread 🙈 YES 5120, I'll take it", "claim"),
    ("Dinner at 7?\nsorry wrong person lol. PASS on 5120", "decline"),
    ("See you at church mom\nsorry wrong number. 5120 no sale, they rented instead", "no_sale"),
    ("Perdón, eso era para mi hermana jaja. Sí, tomo la 5120", "claim"),
    ("Yes!\nsorry that was meant for my wife, my brother sold his condo today", "unknown"),
    ("did my SOLD go through? resending just in case: 5120 SOLD 410k", "sold"),
    ("No sé si llegó, lo mando otra vez: INVALID 5120, número desconectado", "invalid"),
    ("PASS 5120 - resending. not my area", "decline"),
    ("I'm returning #5120: it's a duplex and I only do condos", "fail"),
    ("Hey team, I'll host the Sunday open house on Oak 👍", "unknown"),
    ("Slow week ahead for me. Still send them my way though!", "unknown"),
    ("I texted PAUSE Friday but I still get leads. pause me until Dec 10 please", "pause"),
    ("AGREE 5120 — sent it yesterday too, not sure it went through", "agree"),
    ("Nah, esta la paso, tengo mucho trabajo", "decline"),
])
def test_wrong_places_resends_and_pauses_asked_again_of_batches_1047_to_1054(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_an_email_that_takes_back_its_first_paragraph_is_read_after_it() -> None:
    body = ("Hi Sam, attached are the updated disclosures for the Kim file.\n\nApologies, please disregard the above, "
            "it was meant for my title officer. To answer your question: I'll pass on this one.\n\nThanks,\nLee")
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "decline"


def test_a_pause_through_the_end_of_the_year_written_short() -> None:
    assert intent_to_json(parse_text("pls pause thru end of yr", now=NOW))["until"] == "2026-12-31"


@pytest.mark.parametrize(("text", "want"), [
    ("fine, take the $50 out of my account", "invoice"),
    ("Please complete the $50 purchase on 5120 for me", "invoice"),
    ("what is the command to report a closing?", "help"),
    ("My clients are working with the builder's agent now, so we're done here", "no_sale"),
    ("if they go with a builder rep I'm out", "unknown"),
])
def test_purchases_how_to_and_builders_of_batches_1055_to_1062(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_the_area_that_names_a_client_is_no_price() -> None:
    got = intent_to_json(parse_text("closed my 33156 seller yesterday for 640k", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 640000)


def test_a_house_number_before_a_common_street_name_is_no_code() -> None:
    assert intent_to_json(parse_text("any comps for the 2314 Maple buyer?", now=NOW))["ref"] is None


@pytest.mark.parametrize("text", ["hold all referrals the rest of this year", "pausa por lo que queda del año"])
def test_a_pause_for_the_rest_of_the_year(text: str) -> None:
    assert intent_to_json(parse_text(f"{text}. Wedding on the 12th", now=NOW))["until"] == "2026-12-31"


def test_a_call_asked_of_a_colleague_about_a_listing_is_none_of_ours() -> None:
    body = "Hi Marta, could you call me about the lockbox on the Pruitt listing?\n\nThanks,\nJo"
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("argh fine, yes on 5120", "claim"),
    ("The Lins decided to list their condo for sale by owner, so we're done", "no_sale"),
    ("Sold!! well, accepted offer, we close on the 9th", "in_progress"),
    ("The buyers' house finally sold, so the contingency on 5120 was removed. Closing Dec 18", "in_progress"),
    ("SOLD 5120 at 612k, cc'd my team - great job everyone", "sold"),
    ("Sometimos oferta en la 5120, esperando respuesta del vendedor", "in_progress"),
    ("I told her to call me once the loan officer gets back to her. Still under contract on 5120", "in_progress"),
    ("Six weeks ago I asked you to put my account on hold. I'm back now, please turn my referrals back on", "resume"),
    ("We went over where things stand with the kids and they signed a lease, so no sale", "no_sale"),
    ("I'm thinking I could list my own house this spring", "unknown"),
    ("They'd need help with packing, is that something you do?", "unknown"),
    ("yup got it", "unknown"),
])
def test_stories_contingencies_and_copies_of_batches_1063_to_1070(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_an_email_answer_in_its_fifth_paragraph_is_read() -> None:
    paragraphs = ["Hello all,", "Long overdue update on the Pines buyers you sent me in April.",
                  "They wanted a pool and a big yard, which was hard to find in their budget.",
                  "We lost two bidding wars to cash offers over the summer.",
                  "Then a new listing came up on a Tuesday and we went in the same afternoon.",
                  "We closed Friday at 455k. Thanks again for the referral!", "Best,\nKim"]
    got = intent_to_json(parse_text("\n\n".join(paragraphs), "email", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 455000)


@pytest.mark.parametrize("text", ["quiero la del 33156!", "nope, 33156 is nowhere near me"])
def test_a_zip_said_as_where_the_lead_is_is_no_code(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["ref"] is None


def test_a_relative_clause_after_a_comma_asks_nothing() -> None:
    body = ("Called the number and got a dentist's office, who were very kind about it. No such client.\n\n"
            "Please mark 5120 invalid.")
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "invalid"


@pytest.mark.parametrize(("text", "want"), [
    ("When does the fee get paid out on 5120? We closed Tuesday at 388k", "sold"),
    ("¿Hay fecha límite para reportar? El cliente se fue a rentar, ya no compra", "no_sale"),
    ("did y'all verify 5120 before sending? the phone number goes to a laundromat, fake lead", "invalid"),
    ("how big is the lot on 5120? eh doesn't matter, YES", "claim"),
    ("Cuánto es el 5120? Ah ya, $50. Cóbrenlo a mi tarjeta", "invoice"),
    ("Did my teammate ever report 5120? I think she closed it", "unknown"),
    ("STOP\nlol jk. but can the texts start after 9?", "unknown"),
    ("STOP\nsorry that was for my landlord. keep sending referrals pls", "start"),
    ("STOP\nno wait not stop, pause me til Dec 10", "pause"),
    ("home early from the trip, never mind the pause, send them over", "resume"),
    ("Regálame una llamadita cuando puedas", "call"),
    ("remind me which leads I have open?", "status"),
    ("am I still the agent on 5120?", "status"),
    ("yep, received the inspection report, will pass it to the buyer", "unknown"),
    ("Recibido, digo, recibido gracias", "unknown"),
])
def test_questions_then_news_and_second_thoughts_of_batches_1071_to_1078(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize(("body", "want"), [
    ("AGREE 5120\n\nActually, please hold off on that. Legal wants to look first.\n\nThanks,\nAmy", "unknown"),
    ("RESUME\n\nNo wait, ignore that. I'm still on leave until February.\n\nBen", "unknown"),
    ("Hola,\n\nPaso, gracias.\n\nPerdón, ignoren lo anterior: leí mal la zona. Sí la tomo, 5120.\n\nSaludos", "claim"),
    ("Please disregard my last reply (SOLD), that went to the wrong network. On 5120, nothing yet.\n\nLi", "unknown"),
    ("We have reviewed it with our broker and we are comfortable with the 25% referral fee. Consider this our "
     "written acceptance.\n\nBest,\nTeam Ruiz", "agree"),
])
def test_emails_taken_back_or_accepted_of_batches_1071_to_1078(body: str, want: str) -> None:
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == want


def test_a_price_put_right_in_spanish_after_a_slip() -> None:
    body = "La 5120 se vendió en 318 mil.\n\nPerdón, me equivoqué de cifra: fueron 381 mil, no 318.\n\nSaludos"
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 381000)


@pytest.mark.parametrize(("body", "until"), [
    ("Surgery is this coming Friday. Please hold my referrals until further notice; I'll write when I'm back on my "
     "feet.\n\nThanks,\nAl", None),
    ("I'm back! The twins are now two months old and sleeping. Please turn my referrals back on.\n\nBest,\nDee", None),
])
def test_no_end_read_from_an_idiom_or_an_age(body: str, until: str | None) -> None:
    assert intent_to_json(parse_text(body, "email", now=NOW))["until"] == until


def test_a_year_in_market_talk_is_no_code_unless_named() -> None:
    assert intent_to_json(parse_text("Buyers who waited for 2021 prices are still waiting", now=NOW))["ref"] is None
    assert intent_to_json(parse_text("what's the budget on referral 2021?", now=NOW))["ref"] == "2021"


def test_a_market_heading_and_other_clients_are_no_report() -> None:
    body = ("Thanks for the reminder.\n\nWe SOLD our own house last week!\n\nOn the market: prices in the suburbs are "
            "flat and listings sit longer.\n\nBest,\nGreg")
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "unknown"
    assert intent_to_json(parse_text("two of my buyers just closed so I have room. YES if it's in 78704",
                                     now=NOW))["intent"] == "unknown"


@pytest.mark.parametrize(("text", "want"), [
    ("Does the buyer speak Spanish? If so great, but either way yes, I'll take it", "claim"),
    ("Is that near Doral? Not my area, passing on 5120", "decline"),
    ("Who do I send the fee check to? We closed on 5120 Thursday at $401,000", "sold"),
    ("where are these leads coming from?? the number on 5120 is disconnected, fake", "invalid"),
    ("Is there a form I need to fill out? The buyers signed another lease, so they're not buying", "no_sale"),
    ("is the seller on 5120 still there? connect me with them by phone pls", "connect"),
    ("Did I miss anything while I was gone? I'm back from vacation, you can send me referrals again", "resume"),
    ("can you connect me with the buyer? back at my desk now", "connect"),
    ("sld 5120 $388k", "sold"),
    ("earnest money deposited, inspection Thursday on #5120", "in_progress"),
    ("Buy the extra folding chairs from Costco, party at 4", "unknown"),
    ("BUY the Kendall one", "invoice"),
    ("YES! tell the listing agent we'll be there at 3 for the walkthrough", "unknown"),
    ("Yes I'm at the closing right now, call you after", "unknown"),
    ("why did my leads suddenly stop? I never paused", "unknown"),
    ("START - pressed stop by mistake while driving", "start"),
    ("Thanks, I got my first referral since the pause 🙌", "unknown"),
])
def test_questions_answered_and_slips_of_batches_1079_to_1086(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize(("body", "want"), [
    ("Hi,\n\nMy pause was supposed to run through January, but I'm ready early. Please start sending me referrals "
     "again.\n\nTom", ("resume", None)),
    ("Hi,\n\nMoving to Denver at the end of the month. Please pause my referrals until my Colorado license is "
     "active.\n\nThanks,\nBea", ("pause", None)),
    ("Please send the invoice for #5120, I'll pay it once the kids are in bed. Card on file works too if that's "
     "easier.\n\nRenee", ("invoice", None)),
])
def test_emails_of_batches_1079_to_1086(body: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert (got["intent"], got["until"]) == want


def test_a_lender_who_asks_to_be_removed_is_opted_out() -> None:
    body = ("Hi team,\n\nPlease remove my number and email from your system. I've moved to mortgage lending.\n\n"
            "Thanks,\nDee Park\nLoan Officer | NMLS 1234567\nFirst Bank")
    assert intent_to_json(parse_text(body, "email", now=NOW))["intent"] == "stop"


def test_a_zip_asked_how_far_and_a_year_in_another_paragraph_are_no_codes() -> None:
    body = "Got your note about 5120. Not sure how far 85383 is from my office, will check tonight.\n\nBest,\nTia"
    assert intent_to_json(parse_text(body, "email", now=NOW))["ref"] == "5120"
    sold = ("Great retreat, big ideas for 2027.\n\nThe buyers you sent closed last week at 1.2M.\n\nKind regards,\nJo")
    got = intent_to_json(parse_text(sold, "email", now=NOW))
    assert (got["intent"], got["ref"], got["amount"]) == ("sold", None, 1200000)


@pytest.mark.parametrize(("text", "want"), [
    ("they bought FSBO from a cousin, so no sale on 5120", "no_sale"),
    ("Nah, el 33186 me queda muy lejos. Paso la 5120", "decline"),
    ("Do you know a good lender? buyer on 5120 needs preapproval", "unknown"),
    ("the seller on 5120 asked me to call him Monday about the appraisal", "unknown"),
    ("Can I unsubscribe from just the emails and keep the texts?", "unknown"),
])
def test_who_they_bought_from_favours_and_channel_questions_of_batches_1087_to_1094(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize("text", ["pause me for the whole month of December", "pausen todo el mes de diciembre"])
def test_a_pause_for_a_whole_named_month(text: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["until"] == "2026-12-31"


@pytest.mark.parametrize(("text", "want"), [
    ("Por favor quisiera comunicarme por teléfono con el comprador del referido 5120", "connect"),
    ("Intenté comunicarme con el cliente tres veces y nunca contestó", "unknown"),
    ("Recibido, gracias. Dios los bendiga", "unknown"),
    ("um so real quick question about the seller on Elm like do they have a mortgage or nah", "unknown"),
    ("Our business hours are 9 to 5 weekdays. Please call the front desk at 305-555-0100.", "unknown"),
])
def test_requests_blessings_and_dictated_questions_of_batches_1095_to_1100(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


@pytest.mark.parametrize(("text", "want"), [
    ("No gracias. Y ya no me manden leads de Kendall tan temprano", "decline"),
    ("have to send 5120 back, it's a horse farm and I only do condos", "fail"),
    ("Mi suegra vendió su casa en 300 mil, eso no es del referido. El cliente de la 5120 ya firmó contrato",
     "in_progress"),
    ("The buyer's daughter sold her townhouse for 280k, they'll use it for the down payment. Offer in on 5120",
     "in_progress"),
    ("SOLD 5120 $401,500 🙌 buyer's dad cosigned", "sold"),
    ("the Lees sold their condo for $510,000 but they never came through your network", "unknown"),
    ("not ready right now, maybe next time. pass on 5120", "decline"),
    ("30% is a lot not gonna lie but AGREE on 5120", "agree"),
    ("AWARD 5120 1. probably should've done this sooner", "award"),
    ("No, no me pongan en pausa, solo preguntaba", "unknown"),
])
def test_others_news_hedges_that_hedge_nothing_and_grumbles_of_batches_1101_to_1106(text: str, want: str) -> None:
    assert intent_to_json(parse_text(text, now=NOW))["intent"] == want


def test_a_closing_reported_beside_an_offer_of_the_settlement_statement() -> None:
    body = ("Hi team,\n\nThe Ortiz purchase closed Friday, final price $398,000. Not sure if you need the settlement "
            "statement but I can send it.\n\nBest,\nKai")
    got = intent_to_json(parse_text(body, "email", now=NOW))
    assert (got["intent"], got["amount"]) == ("sold", 398000)


@pytest.mark.parametrize(("text", "want"), [
    ("Closed the 33156 condo for $505k today, the one you sent in September", ("sold", None)),
    ("Closing was set for Friday but it got pushed, new date TBD. Buyer still in", ("in_progress", None)),
    ("my own house closing got pushed, nothing new on 5120", ("unknown", "5120")),
    ("wrong person, the man who answered said no one by that name lives there", ("invalid", None)),
    ("did anyone else get 5120 yet or am I still in line", ("status", "5120")),
    ("I'll buy it tomorrow when my card resets", ("unknown", None)),
])
def test_outcomes_and_requests_of_batches_1107_to_1112(text: str, want: tuple[str, str | None]) -> None:
    got = intent_to_json(parse_text(text, now=NOW))
    assert (got["intent"], got["ref"]) == want


def test_a_stop_for_a_while_with_its_end_is_a_pause_and_without_one_an_opt_out() -> None:
    assert intent_to_json(parse_text("stop for now, traveling till 12/3", now=NOW)) == intent_to_json(
        parse_text("pause until 12/3", now=NOW))
    assert intent_to_json(parse_text("stop for now", now=NOW))["intent"] == "stop"


def test_neither_client_answering_is_the_unresponsive_reason() -> None:
    got = intent_to_json(parse_text("giving back 5120 and 5121, neither buyer has responded in 2 weeks", now=NOW))
    assert (got["intent"], got["reason"]) == ("fail", "unresponsive")
