"""The client's side of a referral: one text asking whether the winner reached them, and its answers."""
from __future__ import annotations

import enum
import re


class CheckStatus(enum.StrEnum):
    ASKED = "asked"  # the text is queued (perhaps held for the client's daytime) or sent
    CONFIRMED = "confirmed"  # 1: "client confirmed contact"
    NOT_YET = "not_yet"  # 2: flagged for the operator, counts against the winner
    OPTED_OUT = "opted_out"  # STOP: never texted again
    NO_ANSWER = "no_answer"  # silent, and no contact recorded: flagged like a 2


class ClientAnswer(enum.StrEnum):
    YES = "yes"
    NOT_YET = "not_yet"
    STOP = "stop"
    OTHER = "other"


STOP_WORDS = {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout", "opt out"}
YES = re.compile(r"^(?:1|yes|yep|yeah|si|sí)\b")
NOT_YET = re.compile(r"^(?:2|no|not yet|nope)\b")


def read_answer(body: str) -> ClientAnswer:
    text = " ".join(body.lower().split()).strip(" .!")
    if text in STOP_WORDS:
        return ClientAnswer.STOP
    if NOT_YET.match(text):
        return ClientAnswer.NOT_YET
    if YES.match(text):
        return ClientAnswer.YES
    return ClientAnswer.OTHER


def question(agent_first_name: str, program: str) -> str:
    return f"Has {agent_first_name} from {program} reached you? Reply 1 yes, 2 not yet."


def thanks(answer: ClientAnswer, program: str) -> str:
    return {
        ClientAnswer.YES: "Thank you! Glad you're connected.",
        ClientAnswer.NOT_YET: f"Thank you for telling us. {program} will follow up.",
        ClientAnswer.STOP: f"You will get no more texts from {program}.",
    }.get(answer, "Please reply 1 if the agent reached you, or 2 if not yet.")


def agent_told_of_stop(code: str) -> str:
    return (f"The client of referral #{code} asked us to stop texting them. Keep in touch by phone or email "
            "as they prefer; we will not text them again.")
