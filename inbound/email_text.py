"""Turn an inbound email into the few fields the bot needs, above all the agent's visible reply.

Agents answer our emails from their phones: "Sold for $452,500" above "On <date>, Referral Network
<reply+...> wrote:" and a `>`-quoted copy of our reminder, in any mail client and language. `parse_email`
reads the RFC 5322 bytes with the standard library (`policy.default`), takes the text/plain body (or turns
the text/html one into text), never fails on a charset or transfer encoding, and flags auto-replies.

The reply is found in two steps, each usable on a bare body:
1. `strip_quotation`: quote headers are mail-parser-reply's (all of its languages) plus the attribution
   lines it lacks (`_WRAPPED_ATTRIBUTIONS`, `_LINE_ATTRIBUTIONS`, `_QUOTE_INTRO`, `_RU_FROM_BLOCK`). A header
   followed by `>` lines ends where they end, so inline and bottom replies stay; a header followed by plain
   text starts an unmarked copy of the old message, and everything from it down goes; a header above any
   reply text belongs to the message itself (pasted or forwarded headers) and is dropped. HTML first loses
   the quote containers that are not blockquotes (`_cut_html_quote`); html2text renders blockquotes as `>`.
2. `extract_reply_from_text` also drops the signature: mail-parser-reply's signature pattern proposes a
   start, `_is_signature_line` accepts only delimiters, mobile footers ("Sent from my iPhone") and short
   sign-off lines, so "Thanks, I'll take it" or "Take 4821" above a real command is kept. `parse_email` also
   drops a last line that is only the sender's name (`_without_name_sign_off`).
Only the top of a long body is examined (`_MAX_LINES`, `_MAX_CHARS`, `_MAX_HTML`). Parsing is CPU work
(a 200 kB HTML body takes about a second): call it from a worker thread inside an event loop.
"""

from __future__ import annotations

import codecs
import email
import re
import warnings
from dataclasses import dataclass
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses

import html2text
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from mailparser_reply.constants import MAIL_LANGUAGES
from mailparser_reply.parser import EmailMessage as _MprMessage

from bot.phrases import POSTSCRIPT


@dataclass(frozen=True, slots=True)
class ParsedEmail:
    sender: str                 # bare From address, lowercased
    sender_name: str
    to: list[str]               # bare To addresses; the local part keeps its case (reply+TOKEN)
    subject: str
    message_id: str | None
    in_reply_to: str | None
    references: list[str]
    text: str                   # the whole body as plain text
    unquoted: str               # the body less quotations and quote headers; signature kept
    reply: str                  # what the agent typed: no quotation, signature or mobile footer
    auto_reply: bool


# --- reply extraction: data ---------------------------------------------------------------------------

_MPR = _MprMessage(text="", languages=list(MAIL_LANGUAGES), keep_hyphen_lists=True)
_INTRO = r"(?:On|Le|Am|Op|På|Em|El|Il|Den|Dne|Dnia|W dniu|Vào)"
_VERB = (r"(?<!\w)(?:wrote|a écrit|schrieb|schreef|geschreven|skrev|escribió|escreveu|ha scritto|"
         r"napisał(?:\(a\))?|nadesłał|napsal\(a\)|đã viết|написал(?:\(а\))?|пишет)(?!\w)")
_EMAIL = r"[^\s<>()]+@[^\s<>()]+\.\w+"
# Attribution lines mail-parser-reply does not know, from the corpus (talon's fixtures) and common in the
# wild. Wrapped ones carry a date on their first line and may run over up to _WINDOW lines.
_WRAPPED_ATTRIBUTIONS = [
    re.compile(rf"^{_INTRO}\s.*{_VERB}.*:$"),            # Polish, Norwegian, Dutch, Vietnamese, Polymail
    # Android, Russian UI: "02.04.2012 14:20 пользователь <name> написал:"
    re.compile(rf"^\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}\b.*{_VERB}.*:$"),
]
_LINE_ATTRIBUTIONS = [
    re.compile(rf"^-{{2,}}.*{_VERB}.*$"),                # "---- Name wrote ----", Yahoo "--- On ... wrote:"
    re.compile(rf"^.*{_EMAIL}.*{_VERB}\s*:$"),           # "Sent from Samsung MobileName <a@b> wrote:"
    # Gmail's "---------- Forwarded message ---------" and its translations, above the forwarded headers
    re.compile(r"^-{2,}\s*(?i:forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|"
               r"messaggio inoltrato|doorgestuurd bericht|mensagem encaminhada)\s*-{2,}$"),
]
# "date, name <address>:" (Yandex, Mail.ru): an attribution only right above a `>` block.
_QUOTE_INTRO = re.compile(rf"^.*(?:{_EMAIL}|\d{{1,2}}[:.]\d{{2}}).*:$")
# Outlook's header block in Russian, which mail-parser-reply does not cover (Windows Mail).
_RU_FROM_BLOCK = re.compile(r"(?:(?:^|\n)[* ]*(?:От|Отправлено|Кому|Тема|Дата|Копия):[ *]*.*){2,}",
                            re.MULTILINE)
_BLOCK_HEADERS = [_MPR.HEADER_REGEX, _RU_FROM_BLOCK]
_WINDOW = 5
_MAX_WINDOW_CHARS = 600
# A reply sits at the top and no header is long: the patterns (some of them quadratic on long input) look at
# the first _MAX_LINES lines / _MAX_CHARS characters only, each line cut to _MAX_LINE characters.
_MAX_LINES, _MAX_CHARS, _MAX_LINE = 1000, 100_000, 1000

_SIGNATURE = _MPR.SIGNATURE_REGEX
_KEYWORDS = "|".join(k for lang in MAIL_LANGUAGES.values() for k in lang.get("signatures", []))
_FOOTERS = "|".join(lang["sent_from"] for lang in MAIL_LANGUAGES.values() if lang.get("sent_from"))
_NAME = r"[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]*(?:\s+(?:[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]*|de|van|von|der|den|la|le|du|da))*"
_SIGN_OFF = re.compile(rf"^(?i:{_KEYWORDS})(?![^\W\d_])[\s,.!:;-]*(?:{_NAME})?[\s,.!]*$")
_DASH_NAME = re.compile(rf"^-\s?{_NAME}$")        # "-Abhishek Kona" under the reply
# Mobile footers mail-parser-reply lacks (Yahoo's apps, iOS in Dutch, German, French), from our corpus.
_MORE_FOOTERS = (r"Sent from Yahoo Mail|Verstuurd vanaf mijn|Von meinem \w+ gesendet|Envoyé de mon|"
                 r"Sent from Mail for Windows")
_FOOTER = re.compile(rf"^(?:{_FOOTERS}|{_MORE_FOOTERS})", re.IGNORECASE)
_MORE_FOOTER = re.compile(rf"^(?:{_MORE_FOOTERS})", re.IGNORECASE)
_DELIMITER = re.compile(r"^[-_]{2,}$")             # "-- ", "__", a row of 32 underscores
_RULE = re.compile(r"^\s*(?:[-_=*~·•]\s*){3,}$")   # a horizontal rule left at the end of a reply
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


# --- reply extraction: plain text -----------------------------------------------------------------------

def extract_reply_from_text(text: str, html: bool = False) -> str:
    """The visible reply: no quotation, no quote header, no signature or mobile footer."""
    return strip_contact_block(_strip_signature(strip_quotation(text, html=html)))


def strip_quotation(text: str, html: bool = False) -> str:
    """The body without quoted text and quote headers, signature kept (what talon calls the reply)."""
    if html:
        text = html_to_text(text, cut_quote=True)
    return "\n".join(_visible_lines(_head_lines(text))).strip()


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _head_lines(text: str) -> list[str]:
    """The lines in which the reply is looked for."""
    lines = _split_lines(text[:_MAX_CHARS])
    return lines[:_MAX_LINES] if len(text) <= _MAX_CHARS else lines[:-1][:_MAX_LINES] or lines


def _matchable(line: str) -> str:
    return line.strip()[:_MAX_LINE]


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _visible_lines(lines: list[str]) -> list[str]:
    """Walk the lines, dropping `>` blocks and quote headers; stop at an unmarked quoted message."""
    headers = _find_headers(lines)
    out: list[str] = []
    gap = False
    i = 0
    while i < len(lines):
        if i in headers:
            end = headers[i]
            if any(s.strip() for s in out) and not _quote_follows(lines, end):
                break
            i, gap = end, True
        elif _is_quoted(lines[i]) or (gap and not lines[i].strip()):
            i, gap = i + 1, True
        else:
            _append_after_gap(out, lines[i], gap)
            i, gap = i + 1, False
    return _trim_blank(out)


def _append_after_gap(out: list[str], line: str, gap: bool) -> None:
    """Where a quote was removed, leave a single blank line."""
    if gap:
        _trim_blank(out)
        if out:
            out.append("")
    out.append(line)


def _trim_blank(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _quote_follows(lines: list[str], start: int) -> bool:
    nxt = next((line for line in lines[start:] if line.strip()), None)
    return nxt is None or _is_quoted(nxt)


def _find_headers(lines: list[str]) -> dict[int, int]:
    """Start line -> end line (exclusive) of every quote header that is not itself quoted."""
    blocks = _block_headers(lines)
    found = dict(blocks)
    for i, line in enumerate(lines):
        if i in found or _is_quoted(line) or not line.strip():
            continue
        end = _attribution_end(lines, i)
        if end is not None and not any(j in blocks for j in range(i + 1, end)):
            found[i] = end
    return found


def _block_headers(lines: list[str]) -> dict[int, int]:
    """Header blocks (mail-parser-reply's and `_RU_FROM_BLOCK`), tried at line starts only: much faster."""
    normalised = [_matchable(line) for line in lines]
    joined = "\n".join(normalised)
    offsets = [0]
    for line in normalised:
        offsets.append(offsets[-1] + len(line) + 1)
    found: dict[int, int] = {}
    for pattern in _BLOCK_HEADERS:
        i = 0
        while i < len(lines):
            span = _match_lines(pattern, joined, offsets[i]) if normalised[i] else None
            if span and _plausible_header(lines, *span):
                found.setdefault(*span)
            i = max(span[1], i + 1) if span else i + 1
    return found


def _match_lines(pattern: re.Pattern[str], joined: str, offset: int) -> tuple[int, int] | None:
    """The lines (start, end exclusive) a match at `offset` covers, leading and trailing blanks left out."""
    match = pattern.match(joined, offset)
    block = match.group(0) if match else ""
    if not block.strip():
        return None
    first = offset + len(block) - len(block.lstrip())
    last = offset + len(block.rstrip())
    return joined.count("\n", 0, first), joined.count("\n", 0, last) + 1


def _plausible_header(lines: list[str], start: int, end: int) -> bool:
    """Not inside a `>` quote, and a one-line "Label: value" (e.g. Polish "Data: ...") is not a header."""
    if start >= len(lines) or _is_quoted(lines[start]):
        return False
    return end - start > 1 or lines[start].rstrip().endswith(":") or lines[start].strip().startswith("-")


def _attribution_end(lines: list[str], i: int) -> int | None:
    first = _matchable(lines[i])
    if any(pattern.match(first) for pattern in _LINE_ATTRIBUTIONS):
        return i + 1
    if _QUOTE_INTRO.match(first) and _next_is_quoted(lines, i + 1):
        return i + 1
    return _wrapped_end(lines, i) if re.search(r"\d", first) else None


def _wrapped_end(lines: list[str], i: int) -> int | None:
    for end in range(i + 1, min(i + _WINDOW, len(lines)) + 1):
        joined = " ".join(_matchable(line) for line in lines[i:end])
        if len(joined) > _MAX_WINDOW_CHARS:
            return None
        if lines[end - 1].strip() and any(p.match(joined) for p in _WRAPPED_ATTRIBUTIONS):
            return end
    return None


def _next_is_quoted(lines: list[str], start: int) -> bool:
    nxt = next((line for line in lines[start:] if line.strip()), "")
    return _is_quoted(nxt)


# --- reply extraction: signature ------------------------------------------------------------------------

def _strip_signature(text: str) -> str:
    lines = _split_lines(text)
    cut = _signature_start(lines)
    kept = lines if cut is None else lines[:cut]
    while kept and (not kept[-1].strip() or _RULE.match(kept[-1])):
        kept.pop()
    kept += _postscripts(lines[len(kept):])
    reply = "\n".join(line.replace("\xa0", " ").rstrip() for line in kept).strip()
    return re.sub(r"\n{3,}", "\n\n", reply)


def _signature_start(lines: list[str]) -> int | None:
    """The first line where a signature starts, or None."""
    normalised = [_matchable(line) for line in lines]
    joined = "\n".join(normalised)
    offset = 0
    for i, line in enumerate(normalised):
        if _dash_signature(normalised, i) or _MORE_FOOTER.match(line):
            return i
        start = _proposed_signature(joined, offset)
        if start is not None and _is_signature_line(normalised[i + start]):
            return i + start
        offset += len(line) + 1
    return None


def _proposed_signature(joined: str, offset: int) -> int | None:
    """mail-parser-reply's pattern proposes (lines below `offset`), `_is_signature_line` disposes."""
    match = _SIGNATURE.match(joined, offset)
    if match is None or not match.group(0).strip():
        return None
    lead = len(match.group(0)) - len(match.group(0).lstrip())
    return joined.count("\n", offset, offset + lead)


def _is_signature_line(line: str) -> bool:
    line = line.lstrip("> ")
    return bool(_DELIMITER.match(line) or _FOOTER.match(line) or _SIGN_OFF.match(line))


def _dash_signature(lines: list[str], i: int) -> bool:
    """A lone "-Name" line between blank lines, not part of a "- item" list."""
    if not _DASH_NAME.match(lines[i]) or (i > 0 and lines[i - 1]):
        return False
    return i + 1 == len(lines) or not lines[i + 1]


# --- HTML -----------------------------------------------------------------------------------------------

# Where clients put the quoted message other than in a blockquote: Outlook (web, Mac, Windows), Gmail, Yahoo.
_QUOTE_IDS = ["appendonsend", "divRplyFwdMsg", "OLK_SRC_BODY_SECTION"]
_QUOTE_CLASSES = ["gmail_quote", "yahoo_quoted"]
_MAX_HTML = 200_000  # html.parser and html2text take seconds on megabyte newsletters; replies sit on top
_HEADER_LABEL = re.compile(r"\b(From|Date|Sent|To|Subject|Cc):", re.IGNORECASE)
_BLOCK_START = re.compile(r"^\s*(From|Date):")


def html_to_text(html: str, cut_quote: bool = False) -> str:
    """Plain text of an HTML body; blockquotes become `>` lines. With cut_quote, drop reply containers."""
    with warnings.catch_warnings():  # a body like "foo.html" is text, not a file name to open
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html[:_MAX_HTML], "html.parser")
    if cut_quote:
        _cut_html_quote(soup)
    for rule in soup.find_all("hr"):
        rule.decompose()
    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.unicode_snob = True
    converter.ignore_links = converter.ignore_images = converter.ignore_emphasis = True
    text = _MARKDOWN_ESCAPE.sub(r"\1", converter.handle(str(soup)).replace("\xa0", " "))
    text = "\n".join(line.rstrip() for line in text.split("\n"))  # html2text ends <br> lines with "  "
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _cut_html_quote(soup: BeautifulSoup) -> None:
    """Remove the quoted message where clients mark it with something other than a blockquote."""
    containers = soup.find_all(id=_QUOTE_IDS) + soup.find_all("div", class_=_QUOTE_CLASSES)
    for node in containers:
        if not node.decomposed:
            _remove_from(node)
    _cut_from_block(soup)


def _remove_from(node: Tag) -> None:
    """Remove node and everything after it inside its parent."""
    for sibling in list(node.find_next_siblings()):
        sibling.decompose()
    node.decompose()


def _cut_from_block(soup: BeautifulSoup) -> None:
    """talon's rule: the div around the last "From: ... To: ..." block and all after it is the quoted message."""
    labels = soup.find_all(string=_BLOCK_START)
    if not labels or labels[-1].parent is None:
        return
    start = labels[-1].parent
    block = start if start.name == "div" else start.find_parent("div")
    if block is None or len({m.lower() for m in _HEADER_LABEL.findall(block.get_text())}) < 2:
        return
    parent = block.parent
    if parent is not None and parent.name in ("body", "[document]") and _element_children(parent) == 1:
        return  # the div is the whole message: leave it to the text step
    _remove_from(block)


def _element_children(node: Tag) -> int:
    return len(node.find_all(True, recursive=False))


# --- the message ----------------------------------------------------------------------------------------

def parse_email(raw: bytes) -> ParsedEmail:
    """Parse RFC 5322 bytes; never raises on charsets, encodings or a missing body."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    body, is_html = _body(msg)
    text = html_to_text(body) if is_html else body
    unquoted = strip_quotation(body, html=is_html)
    name, sender = _first_address(msg, "From")
    return ParsedEmail(
        sender=sender.lower(), sender_name=name,
        to=[_lower_domain(addr) for _, addr in _addresses(msg, "To")],
        subject=_header(msg, "Subject"),
        message_id=_header(msg, "Message-ID") or None,
        in_reply_to=_header(msg, "In-Reply-To") or None,
        references=re.findall(r"<[^<>\s]+>", _header(msg, "References")),
        text=text, unquoted=unquoted, reply=_without_name_sign_off(_strip_signature(unquoted), name),
        auto_reply=is_auto_reply(msg),
    )


def _without_name_sign_off(reply: str, sender_name: str) -> str:
    """Drop a last line that is only the sender's name ("Renée", "- Tom O'Brien"): a sign-off, not a command."""
    lines = reply.split("\n")
    if len(lines) < 2 or lines[-1].strip(" -–—,.!").casefold() not in _name_forms(sender_name):
        return reply
    return "\n".join(lines[:-1]).rstrip()


def _name_forms(sender_name: str) -> set[str]:
    """The display name, its first word, and the first name of "Last, First"."""
    full = sender_name.strip().casefold()
    last_first = full.split(",", 1)[1].strip() if "," in full else ""
    return {form for form in (full, full.split(" ")[0], last_first.split(" ")[0]) if form}


def _body(msg: EmailMessage) -> tuple[str, bool]:
    """The text/plain body if there is one, else the text/html one; ("", False) when neither."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None or part.get_content_maintype() != "text":
        return "", False
    text = _decode(part).replace("\r\n", "\n").replace("\r", "\n")
    return text, part.get_content_subtype() == "html"


def _decode(part: Message) -> str:
    """Decode the transfer encoding, then the charset; undecodable bytes are replaced, never fatal.

    A known charset is trusted. An unknown one, or us-ascii (the default, and often wrong for 8bit
    bodies), is tried as UTF-8 and then as windows-1252, the usual suspects.
    """
    decoded = part.get_payload(decode=True)  # bytes, or None for a multipart part
    payload = decoded if isinstance(decoded, bytes) else b""
    charset = _known_charset(part.get_content_charset())
    if charset not in (None, "ascii"):
        return payload.decode(charset, errors="replace")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("windows-1252", errors="replace")


def _known_charset(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except (LookupError, ValueError):
        return None


def _header(msg: Message, name: str) -> str:
    """A header as text; a header the policy cannot parse falls back to plain RFC 2047 decoding."""
    try:
        value = msg.get(name)
        return "" if value is None else str(value).strip()
    except MemoryError:  # out of the parse's memory budget (inbound.email_budget): not a malformed header
        raise
    except Exception:
        raw = dict((k.lower(), v) for k, v in msg.raw_items()).get(name.lower(), "")
        try:
            return str(make_header(decode_header(raw))).strip()
        except Exception:
            return str(raw).strip()


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    pairs = getaddresses([_header(msg, name)])
    return [(display.strip(), addr.strip()) for display, addr in pairs if "@" in addr]


def _lower_domain(address: str) -> str:
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def _first_address(msg: Message, name: str) -> tuple[str, str]:
    pairs = _addresses(msg, name)
    return pairs[0] if pairs else ("", "")


# --- auto-replies ---------------------------------------------------------------------------------------

_AUTO_SUBJECT = re.compile(
    r"out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|"
    r"abwesenheitsnotiz|automatische antwort|réponse automatique|absence du bureau|"
    r"\bvacation (?:auto[- ]?)?(?:reply|response|responder|notice|message)\b",
    re.IGNORECASE,
)
_VACATION = re.compile(r"\bvacation\b", re.IGNORECASE)
_BULK_PRECEDENCE = {"bulk", "auto_reply", "junk", "list"}


def is_auto_reply(msg: Message) -> bool:
    """RFC 3834 and the de-facto headers, delivery reports, and out-of-office subjects.

    A subject that merely mentions "vacation" may be an agent's own pause request ("On vacation until
    Dec 3") or a listing ("vacation home"), and `X-Auto-Response-Suppress` (Exchange) is also set on
    ordinary messages from some systems: each is only a hint, and it takes both.
    """
    auto_submitted = _header(msg, "Auto-Submitted").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if any(_header(msg, h).lower() not in ("", "no", "false") for h in ("X-Autoreply", "X-Autorespond")):
        return True
    if _header(msg, "Precedence").lower() in _BULK_PRECEDENCE or msg.get_content_type() == "multipart/report":
        return True
    subject = _header(msg, "Subject")
    if _AUTO_SUBJECT.search(subject):
        return True
    suppress = _header(msg, "X-Auto-Response-Suppress").lower()
    return bool(_VACATION.search(subject)) and any(v in suppress for v in ("all", "oof"))


# --- reply extraction: contact blocks and legal footers --------------------------------------------------

_PHONE = r"(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}(?!\d)"
_CONTACT_LINE = re.compile(rf"{_PHONE}|\S\s+\|\s+\S|{_EMAIL}|\bwww\.|https?://", re.IGNORECASE)
_LEGAL_FOOTER = re.compile(
    r"^\W*(?:confidential(?:ity)?\b|disclaimer\b|aviso de confidencialidad|"
    r"(?:this|the information in this|the information contained in this) (?:e-?mail|message|communication)\b"
    r".*\b(?:confidential|privileged|intended (?:only )?for))",
    re.IGNORECASE,
)
_CONTACT_BLOCK_MAX_LINES = 8
_CONTACT_LINE_MAX_CHARS = 90


def strip_contact_block(reply: str) -> str:
    """The reply without a signature block that has no sign-off above it ("Maria Lopez | Compass Realty |
    512-555-0142", a name over a brokerage over a phone number) and without a legal footer. A block counts
    as a signature when it follows the first paragraph, is a few short lines and one of them is a phone
    number, an address, a link or "a | b" columns: a command is never cut, it comes first."""
    lines = reply.split("\n")
    cut = next((i for i, line in enumerate(lines) if i and _LEGAL_FOOTER.match(line)), len(lines))
    lines = lines[:cut]
    start = next((i for i, block in _later_blocks(lines) if _is_contact_block(block)), len(lines))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines[:start] + _postscripts(lines[start:])).strip())


def _postscripts(cut: list[str]) -> list[str]:
    """The P.S. lines of a signature cut off the reply, with a blank line before them: they are part of the reply
    ("Warmly,\nCarol\n305.555.0190\n\nP.S. Go ahead and charge the card on file for 8830.")."""
    found = [line.strip() for line in cut if _POSTSCRIPT.match(line)]
    return ["", *found] if found else []


_POSTSCRIPT = re.compile(POSTSCRIPT, re.IGNORECASE)


def _later_blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(first line index, lines) of every paragraph after the first."""
    blocks, start = [], None
    for i, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            blocks.append((start, lines[start:i]))
            start = None
    return blocks[1:]


def _is_contact_block(block: list[str]) -> bool:
    short = len(block) <= _CONTACT_BLOCK_MAX_LINES and all(len(line) <= _CONTACT_LINE_MAX_CHARS for line in block)
    return short and any(_CONTACT_LINE.search(line) for line in block)

