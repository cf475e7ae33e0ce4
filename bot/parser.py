"""Turn what an agent typed (an SMS, an email reply, a spoken answer, a keypress) into one intent.

The parser never guesses an action: anything that is not clearly a command becomes `Unknown(reason)`.
Checks run in a fixed order (`CHECKS`): nothing to read, phone reactions (`Liked "…"`), auto-replies, the
STOP family (always honoured, carriers require it), HELP, START, negations ("don't claim yet"), then the
command, read from the first clause that is not a greeting ("Hi! Yes I'll take it" is a claim, free text
may follow a command), and finally questions. A bare "yes" or "no" defers to a more specific command in
the next clause ("No, still working with them" is a progress report). Keywords are data (`COMMANDS`,
`DIGITS`, the *_WORDS sets) so SMS, email and voice reach the same intents.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

from bot import amounts, dates
from bot.intents import (
    Agree, Award, CallRequest, Claim, Decline, Help, Intent, InvoiceRequest, Outcome, Pause, Report, Resume,
    Start, Status, Stop, Unknown,
)
from bot.messages import Channel

DIGITS: dict[str, Callable[[], Intent]] = {"1": Claim, "2": Decline}

# Carrier opt-out words. The unambiguous ones count anywhere as a whole word ("Stop texting me 🛑");
# ordinary English words ("end", "cancel", "quit") only when they are the whole message.
STOP_WORDS = r"stop|stopall|unsubscribe|optout|opt[- ]out|revoke"
STOP_ONLY_WORDS = {"cancel", "end", "quit"}
START_WORDS = {"start", "unstop", "subscribe", "resubscribe", "opt in", "optin", "opt-in"}
HELP_WORDS = r"help|info"
FILLER_WORDS = {"please", "pls", "plz", "now", "again", "me", "thanks", "thank", "you", "thx", "it", "all"}
TYPO_TARGETS = ("claim", "invoice", "status", "resume", "unsubscribe")

YES = r"yes|yess+|yes+s|yse|ys|y|yeah?|yea+h?|yeh|yep|yup|yah|ya|yas+|absolutely|definitely"
YES += r"|claim|claimed|accept|accepted|mine"
NO = r"no|nope|nah"
OK = r"ok|okay|k|kk|sure|sure thing|alright|sounds good"

# (intent key, phrases searched in one clause), most specific first; BUILDERS turns a key into an intent.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fail", (r"^fail(?:ed|ing|s)?\b", r"\bnot a (?:good )?fit\b", r"\b(?:un|non-?)responsive\b")),
    ("invalid", (
        r"^invalid\b", r"\bnot a real (?:client|person|buyer|seller|lead)\b", r"\bspam\b",
        r"\bfake (?:client|person)\b",
        r"\b(?:bad|wrong|fake|disconnected|non-?working) (?:phone )?(?:number|phone|email|lead|contact|info)\b",
    )),
    ("no_sale", (
        r"\bno sale\b", r"\bdid(?:n'?t| not) (?:buy|sell)\b",
        r"\blost (?:the |my |this )?(?:client|buyer|seller|deal)\b",
        r"\b(?:went with|chose) (?:another|a different|other|a new) (?:agent|realtor|broker)\b",
        r"\bno longer (?:looking|buying|selling|interested)\b", r"\bfell through\b",
    )),
    ("sold", (
        r"\bsold\b", r"^closed\b", r"\bclosed (?:at|for|on|escrow|the deal|it)\b",
        r"\b(?:we|i|they|it|deal|house|home) closed\b",
    )),
    ("in_progress", (
        r"\bin[- ]progress\b", r"\bworking with\b", r"\bstill working\b", r"\bworking on it\b", r"\bshowings?\b",
        r"\btouring\b", r"\bunder contract\b", r"\bin escrow\b", r"\bpending\b", r"\bstill (?:looking|searching)\b",
        r"\bmade an offer\b",
    )),
    ("resume", (
        r"^(?:resume|unpause|un-pause)\b", r"\bresume (?:offers|referrals|texts|leads)\b",
        r"^(?:i'?m|i am|we'?re|we are) back\b", r"^back\b",
    )),
    ("pause", (
        r"\bpause\b", r"\bvacation\b", r"\bout of (?:the )?office\b", r"^ooo\b", r"\btake a break\b", r"\bon leave\b",
    )),
    ("status", (r"^status\b", r"\bwhat(?:'?s| is) open\b", r"\bmy (?:referrals|leads|status)\b", r"\banything open\b")),
    ("agree", (r"^(?:(?:yes|ok) )?(?:i |we )?agree[sd]?\b",)),
    ("award", (r"^(?:award|pick|choose|select)\b",)),
    ("invoice", (
        r"\binvoice\b", r"^buy\b", r"\bbuy (?:it|this|that|the (?:lead|referral))\b",
        r"\bi(?:'?ll| will) (?:buy|purchase)\b",
        r"\bi want to buy\b", r"^purchase\b",
    )),
    ("call", (  # "Yes I'll call them now" is a claim, not a request to be called
        r"^call\b(?! (?:them|him|her|the|client|buyer|seller)\b)", r"\bcall me\b", r"\bplease call\b",
        r"\bgive me a (?:call|ring)\b", r"\b(?:phone|ring) me\b",
    )),
    ("decline", (
        rf"^(?:{NO})(?: thanks?| thank you| thx| sorry| pass| i'?ll pass)?$", r"^(?:pass|declined?|declining)\b",
        r"\bno thanks?\b", r"\bnot interested\b", r"\b(?:can'?t|cannot|can not|unable to) take\b", r"\bi'?ll pass\b",
        r"\bpass on (?:this|it|that)\b", r"\bnot for me\b",
    )),
    ("claim", (  # "ok" and "sure" only alone: "ok thanks" acknowledges, it does not claim
        rf"^(?:{YES})(?![\w'])", rf"^(?:{OK})(?: please)?$", r"^take it\b",
        r"\bi(?:'?ll| will) (?:claim|take (?:it|this|that|them|the))\b", r"\bi want (?:it|this one)\b",
        r"\bi'?m in\b", r"\bcount me in\b", r"^interested\b", r"\bi(?:'?m| am) interested\b",
    )),
)
BARE_ANSWER = re.compile(rf"(?:{YES}|{NO}|{OK})")
GREETING = re.compile(
    r"(?:(?:hi|hey|hello|hiya|dear|good (?:morning|afternoon|evening))(?: there| all| team| [a-z]+)?"
    r"|thanks|thank you|thx|ty|great|awesome|perfect|cool|wow|sorry|no problem|no worries|(?:great|good) news)"
)

REACTION = re.compile(
    r"\s*(?:liked|loved|disliked|laughed at|emphasi[sz]ed|questioned|reacted .{1,20}? to|removed an? .{1,30}? from)"
    r"\s+(?:[\"'“”„«]|an? (?:image|photo|video|attachment|message|link)\b)",
    re.IGNORECASE | re.DOTALL,
)
AUTO_REPLY = re.compile(
    r"\bauto[- ]?(?:reply|replies|response|responder|message)\b|\bautomatic (?:reply|response)\b"
    r"|\bautomated (?:reply|response|message|text)\b|\bdo not disturb\b|\bi(?:'?m| am) driving\b|\bwhile driving\b"
    r"|\bi(?:'?ll| will) see your message\b|\bi(?:'?m| am| will be|'?ll be)(?: currently)? out of the office\b"
    r"|^out of office:|\blimited access to (?:my )?(?:e-?mail|phone|messages)\b"
    r"|\b(?:mailbox|inbox|number) is (?:not|no longer) monitored\b"
    r"|\bthanks? (?:you )?for (?:your|the) (?:message|email|text)\b.{0,200}?\b(?:get back to you|respond|reply)\b"
)
STOP = re.compile(
    rf"(?<!don't )(?<!dont )(?<!do not )(?<![\w-])(?:{STOP_WORDS})(?![\w-])(?! (?:by|over)\b)"
    r"|\bremove me\b|\btake me off\b|\bno more (?:texts|messages|referrals)\b|\blose my number\b"
    r"|\b(?:don'?t|do not|never|stop|quit) (?:text|txt|messag|contact|e-?mail|sms)\w* me\b|\bleave me alone\b"
)
NEGATORS = (
    r"don'?t|do not|(?<!did )(?<!does )not|can'?t|cannot|can not|won'?t|will not|shouldn'?t|should not|never"
    r"|no(?! problem| worries| doubt)|haven'?t|have not|hasn'?t|has not|isn'?t|is not|wasn'?t|was not"
)
# "didn't buy" is left out on purpose: it reports that the client did not buy (no sale).
ACTION_VERBS = r"claim|buy|purchase|invoice|bill|charge|accept|award|agree|call|pause|resume|sold|sell|close|closed"
NEGATION = re.compile(rf"\b(?:{NEGATORS})(?: [a-z']+){{0,3}}? (?:{ACTION_VERBS})\b|\bnot yet\b")
HELP = re.compile(rf"(?:\? ?)+|(?:{HELP_WORDS})(?: \?)*|help\b.*")
AWARD_CHOICE = re.compile(
    r"^(?:award|pick|choose|select)(?: (?:agent|receiver|option|number))?(?: ?#| no\.?| number)? ?([0-9]{1,2})\b"
)
INVALID_REST = re.compile(r"^\W*invalid\b[\s:,.;-]*(?:#?\s?[0-9]{3,8}\b)?[\s:,.;-]*(?P<rest>.*)$", re.I | re.S)
HASH_REF = re.compile(r"#\s?([0-9]{3,8})(?![0-9])")
LEADING_REF = re.compile(r"^(?:re:? )?(?:(?:ref(?:erral)?|code|lead) )?#? ?[0-9]{3,8}\b")
ANY_REF = re.compile(r"#? ?\b[0-9]{3,8}\b")
CLAUSE_BREAK = re.compile(r"(?<=[!?;\n])|(?<=[.,])(?![0-9])|\s+[-–—]+\s+")
EMAIL_QUOTE = re.compile(
    r"\s*(?:>|on .+ wrote:?\s*$|-{2,}\s*original message|from:\s|sent from my\b|--\s*$|_{5,}|get outlook for)", re.I
)
THUMBS_UP = re.compile("\N{THUMBS UP SIGN}[\U0001F3FB-\U0001F3FF]?")  # with any skin tone
DROPPED_CATEGORIES = {"So", "Sk", "Sm", "Sc", "Cf", "Co", "Cs", "Cn", "Mn", "Me"}
EMAIL_LINES_READ = 3


@dataclass(frozen=True, slots=True)
class Clause:
    text: str  # lower case, letters, digits and $#'/.,: only
    asks: bool  # it had a question mark


@dataclass(frozen=True, slots=True)
class Message:
    raw: str
    text: str  # normalised: lower case, no emoji (👍 reads as "yes"), typos of keywords fixed
    clauses: tuple[Clause, ...]
    today: date


def parse_text(text: str, channel: Channel | str = Channel.SMS, now: datetime | None = None) -> Intent:
    """The intent of one message; email is read from its visible reply (the lines above any quote)."""
    today = (now or datetime.now(timezone.utc)).date()
    if channel == Channel.EMAIL:
        return _parse_email(text, today)
    return _parse_message(text, today)


def parse_digits(digits: str) -> Intent:
    """The intent of a keypad answer on a claim call: 1 claims, 2 declines."""
    make = DIGITS.get(digits.strip().strip("#*"))
    return make() if make else Unknown("unrecognised")


def visible_lines(body: str) -> list[str]:
    """The non-empty lines of an email reply above the quoted original, the signature or a forwarded header."""
    lines = []
    for line in body.splitlines():
        if EMAIL_QUOTE.match(line):
            break
        if line.strip():
            lines.append(line.strip())
    return lines


def _parse_email(body: str, today: date) -> Intent:
    """The first of the top few lines that says something; greetings and sign-offs are skipped."""
    lines = visible_lines(body)
    if AUTO_REPLY.search(_normalise(" ".join(lines))):
        return Unknown("auto_reply")
    intent: Intent = Unknown("empty")
    for line in lines[:EMAIL_LINES_READ]:
        intent = _parse_message(line, today)
        if not (isinstance(intent, Unknown) and intent.reason in ("empty", "unrecognised")):
            return intent
    return intent


@lru_cache(maxsize=4096)
def _parse_message(raw: str, today: date) -> Intent:
    """Pure in (text, day) and its intents are frozen, so it is memoised: agents send "YES" and "STATUS"
    over and over, and parsing was the largest piece of our own code on the webhook path."""
    text = _normalise(raw)
    message = Message(raw=raw, text=text, clauses=_clauses(text), today=today)
    for check in CHECKS:
        intent = check(message)
        if intent is not None:
            return intent
    return Unknown("unrecognised")


# Normalising and splitting


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("\r", "\n")
    text = THUMBS_UP.sub(" yes ", text)
    text = "".join(_keep(char) for char in text)
    text = re.sub(r"([a-z])(?=[0-9#])", r"\1 ", text)  # CLAIM4821, claim#4821
    text = re.sub(r"[^\S\n]+", " ", text)
    return re.sub(r"\b[a-z]{4,}\b", lambda word: _fix_typo(word.group()), text).strip()


def _keep(char: str) -> str:
    """Emoji and other symbols go (except $); control characters other than newlines become spaces."""
    category = unicodedata.category(char)
    if char in "$\n":
        return char
    if category == "Cc":
        return " "
    return "" if category in DROPPED_CATEGORIES else char


def _fix_typo(word: str) -> str:
    """A word one slip away from a keyword ("cliam", "clam", "invoce") reads as that keyword."""
    return next((target for target in TYPO_TARGETS if _one_edit_apart(word, target)), word)


def _one_edit_apart(word: str, target: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns `word` into `target`."""
    if abs(len(word) - len(target)) > 1 or word == target:
        return word == target
    i = next((i for i, (a, b) in enumerate(zip(word, target)) if a != b), min(len(word), len(target)))
    if len(word) == len(target):
        swapped = word[i + 1:i + 2] + word[i:i + 1] == target[i:i + 2] and word[i + 2:] == target[i + 2:]
        return word[i + 1:] == target[i + 1:] or swapped
    longer, shorter = (word, target) if len(word) > len(target) else (target, word)
    return longer[i + 1:] == shorter[i:]


def _clauses(text: str) -> tuple[Clause, ...]:
    parts = (part.strip() for part in CLAUSE_BREAK.split(text))
    return tuple(Clause(text=_clause_text(part), asks="?" in part) for part in parts if part)


def _clause_text(part: str) -> str:
    text = re.sub(r"[^a-z0-9$#'/.,: ]+", " ", part)
    return re.sub(r"\s+", " ", text).strip(" .,:'")


def _words(text: str) -> str:
    """The message without filler words ("please", "now", "thanks"), for keyword-only messages."""
    words = re.findall(r"[a-z0-9']+|\?", text)
    return " ".join(word for word in words if word not in FILLER_WORDS)


# Checks, in order


def _check_empty(message: Message) -> Intent | None:
    if any(char.isalnum() or char == "?" for char in message.text):
        return None
    return Unknown("empty")


def _check_reaction(message: Message) -> Intent | None:
    """iPhone and Android tapbacks quote the message they react to, often our own "Reply YES" offer."""
    return Unknown("reaction") if REACTION.match(message.raw) else None


def _check_auto_reply(message: Message) -> Intent | None:
    return Unknown("auto_reply") if AUTO_REPLY.search(message.text) else None


def _check_stop(message: Message) -> Intent | None:
    if STOP.search(message.text) or _words(message.text) in STOP_ONLY_WORDS:
        return Stop()
    return None


def _check_help(message: Message) -> Intent | None:
    return Help() if HELP.fullmatch(_words(message.text)) else None


def _check_start(message: Message) -> Intent | None:
    return Start() if _words(message.text) in START_WORDS else None


def _check_negation(message: Message) -> Intent | None:
    return Unknown("negation") if NEGATION.search(message.text) else None


def _check_command(message: Message) -> Intent | None:
    """The command in the first clause that is not a greeting; None when that clause is no command."""
    clauses = [clause for clause in message.clauses if _strip_ref(clause.text)]
    while clauses and GREETING.fullmatch(clauses[0].text):
        clauses.pop(0)
    if not clauses:
        return None
    clause, key = _command_clause(clauses)
    if key is None:
        return None
    if clause.asks and key != "status":
        return Unknown("question")
    return BUILDERS[key](message, clause)


def _check_question(message: Message) -> Intent | None:
    return Unknown("question") if "?" in message.text else None


def _command_clause(clauses: list[Clause]) -> tuple[Clause, str | None]:
    """The first clause and its command, unless it is a bare yes/no and the next clause is more specific."""
    first, key = clauses[0], _command_key(clauses[0])
    if key and len(clauses) > 1 and BARE_ANSWER.fullmatch(_strip_ref(first.text)):
        follow = _command_key(clauses[1])
        if follow and not clauses[1].asks:
            return clauses[1], follow
    return first, key


def _command_key(clause: Clause) -> str | None:
    text = _strip_ref(clause.text)
    return next((key for key, pattern in COMMAND_PATTERNS if pattern.search(text)), None)


def _strip_ref(text: str) -> str:
    """The clause without referral codes ("4821 yes", "claim #4821"), which no keyword pattern needs."""
    text = LEADING_REF.sub("", text)
    return re.sub(r"\s+", " ", ANY_REF.sub(" ", text)).strip(" .,:")


CHECKS: tuple[Callable[[Message], Intent | None], ...] = (
    _check_empty, _check_reaction, _check_auto_reply, _check_stop, _check_help, _check_start, _check_negation,
    _check_command, _check_question,
)


# Building intents


def _find_ref(text: str, taken: amounts.Number | None = None) -> str | None:
    """The referral code: a #NNNN if there is one, else the first plain 3-8 digit number that is not a price."""
    hashed = HASH_REF.search(text)
    if hashed:
        return hashed.group(1)
    for number in amounts.scan_numbers(dates.remove_dates(text)):
        if not number.money and 3 <= len(number.digits) <= 8 and number != taken:
            return number.digits
    return None


def _ref(message: Message) -> str | None:
    return _find_ref(message.text)


def _sold(message: Message, clause: Clause) -> Intent:
    """A bare number of five digits or more in a sale report is the price ("SOLD 450000"), not a code."""
    text = dates.remove_dates(message.text)
    amount = amounts.find_amount(text)
    ref = _find_ref(text, taken=amount)
    return Report(Outcome.SOLD, ref=ref, amount=amount.dollars if amount else None)


def _invalid(message: Message, clause: Clause) -> Intent:
    """The reason is the agent's own words: what follows "invalid" (and the code), or the whole message."""
    reason = " ".join(message.raw.split())
    match = INVALID_REST.match(reason)
    if match:
        reason = match["rest"]
    reason = reason.strip(" \t-:,.;!")
    return Report(Outcome.INVALID, ref=_ref(message), reason=reason or None)


def _fail(message: Message, clause: Clause) -> Intent:
    """Only two reasons may fail a referral; anything else leaves the reason empty for the handler to ask."""
    text = message.text
    reason = None
    if re.search(r"\b(?:good |bad |a )fit\b", text):
        reason = "not a good fit"
    elif re.search(r"\b(?:un|non-?|not )responsive\b|\bnot responding\b|\bno response\b|\bghosted\b", text):
        reason = "unresponsive"
    return Report(Outcome.FAIL, ref=_ref(message), reason=reason)


def _resume(message: Message, clause: Clause) -> Intent:
    """Resume, unless the clause names a date ("back on Dec 3"): that is a plan, left to the operator."""
    if dates.parse_until(clause.text, message.today):
        return Unknown("unrecognised")
    return Resume()


def _award(message: Message, clause: Clause) -> Intent:
    choice = AWARD_CHOICE.search(_strip_ref(clause.text))
    if not choice:
        return Unknown("unrecognised")
    return Award(ref=_ref(message), choice=int(choice.group(1)))


BUILDERS: dict[str, Callable[[Message, Clause], Intent]] = {
    "fail": _fail,
    "invalid": _invalid,
    "no_sale": lambda message, clause: Report(Outcome.NO_SALE, ref=_ref(message)),
    "sold": _sold,
    "in_progress": lambda message, clause: Report(Outcome.IN_PROGRESS, ref=_ref(message)),
    "resume": _resume,
    "pause": lambda message, clause: Pause(until=dates.parse_until(message.text, message.today)),
    "status": lambda message, clause: Status(ref=_ref(message)),
    "agree": lambda message, clause: Agree(ref=_ref(message)),
    "award": _award,
    "invoice": lambda message, clause: InvoiceRequest(ref=_ref(message)),
    "call": lambda message, clause: CallRequest(ref=_ref(message)),
    "decline": lambda message, clause: Decline(ref=_ref(message)),
    "claim": lambda message, clause: Claim(ref=_ref(message)),
}
COMMAND_PATTERNS = tuple((key, re.compile("|".join(phrases))) for key, phrases in COMMANDS)
