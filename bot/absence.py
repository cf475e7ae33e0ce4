"""Out-of-office replies: the return date one gives, and the one text that offers to pause until then.

An auto-reply is never answered by email (RFC 3834, and no loops). But "I'm out of the office until Dec 10" from
an agent's own mailbox is worth one text: "Got your out-of-office until Dec 10. Reply PAUSE to hold referrals
until then." At most once per absence: the outbox key names the agent and the return date.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from bot import dates, replies

AWAY = re.compile(
    r"\bout of (?:the )?office\b|\booo\b|\baway\b|\bvacation\b|\bon leave\b|\b(?:be )?back (?:on|in)\b|\breturn"
    r"|\bfuera de la oficina\b|\bvacaciones\b|\bregres\w*|\bde vuelta\b"
)


def return_date(text: str, today: date) -> date | None:
    """The day the absence ends, if the text is about being away and names a day not yet past."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    if not AWAY.search(plain):
        return None
    until = dates.parse_until(plain, today)
    return until if until is not None and until >= today else None


def dedupe_key(agent_id: int, until: date) -> str:
    return f"ooo-pause:{agent_id}:{until.isoformat()}"


def offer_text(until: date) -> str:
    return replies.out_of_office_pause_offer(until)
