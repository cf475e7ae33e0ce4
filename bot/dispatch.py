"""Dispatch: who holds an offer of a referral at a given moment, in what order agents are ranked, and which
escalation steps are due when nobody has claimed it. Pure rules; the store keeps the state and the worker's
periodic job asks these functions with its own `now` (store/dispatch.py).

- `broadcast`: every matched agent at once (the original behaviour).
- `cascade`: ranked; the top agent holds it alone for `window_seconds`, then the next is added every
  `step_seconds`, up to `max_agents`.
- `round_robin`: one agent at a time, in the network's rotation, each for an exclusive `window_seconds`;
  the last one in the list keeps it once the list (or `max_agents`) runs out.

An escalation step runs once, `after_seconds` after the referral went out, and never after a claim.
"""
from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Policy(StrEnum):
    BROADCAST = "broadcast"
    CASCADE = "cascade"
    ROUND_ROBIN = "round_robin"


class Action(StrEnum):
    CALL = "call"  # call the agents who hold an offer
    EMAIL = "email"  # email the offer to the agents who hold it
    WIDEN = "widen"  # offer it to every matched agent not yet holding it
    NOTIFY_OPERATOR = "notify_operator"  # a review item and an email to the support contact


@dataclass(frozen=True, slots=True)
class EscalationStep:
    after_seconds: int
    action: Action


@dataclass(frozen=True, slots=True)
class Dispatch:
    policy: Policy = Policy.BROADCAST
    window_seconds: int = 30
    step_seconds: int = 30
    max_agents: int = 10
    escalation: tuple[EscalationStep, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"policy": str(self.policy), "window_seconds": self.window_seconds,
                "step_seconds": self.step_seconds, "max_agents": self.max_agents,
                "escalation": [{"after_seconds": s.after_seconds, "action": str(s.action)} for s in self.escalation]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dispatch:
        defaults = cls()
        return cls(policy=Policy(data.get("policy", defaults.policy)),
                   window_seconds=int(data.get("window_seconds", defaults.window_seconds)),
                   step_seconds=int(data.get("step_seconds", defaults.step_seconds)),
                   max_agents=int(data.get("max_agents", defaults.max_agents)),
                   escalation=tuple(EscalationStep(int(s["after_seconds"]), Action(s["action"]))
                                    for s in data.get("escalation", ())))


BROADCAST = Dispatch()


def holders(dispatch: Dispatch, ranked: Sequence[int], elapsed: float, *, widened: bool = False) -> list[int]:
    """The agents (from `ranked`, best first) who should hold an offer `elapsed` seconds after it went out."""
    if widened or dispatch.policy is Policy.BROADCAST:
        return list(ranked)
    limit = min(dispatch.max_agents, len(ranked))
    if limit == 0:
        return []
    if dispatch.policy is Policy.CASCADE:
        added = 0 if elapsed < dispatch.window_seconds else \
            int((elapsed - dispatch.window_seconds) // max(dispatch.step_seconds, 1)) + 1
        return list(ranked[:min(1 + added, limit)])
    turn = int(elapsed // max(dispatch.window_seconds, 1))
    return [ranked[min(turn, limit - 1)]]


def next_change(dispatch: Dispatch, ranked_count: int, elapsed: float, *, widened: bool = False) -> float | None:
    """Seconds after sending when the holders next change, or None when they never will again."""
    if widened or dispatch.policy is Policy.BROADCAST:
        return None
    limit = min(dispatch.max_agents, ranked_count)
    if dispatch.policy is Policy.CASCADE:
        if len(holders(dispatch, range(ranked_count), elapsed)) >= limit:
            return None
        if elapsed < dispatch.window_seconds:
            return float(dispatch.window_seconds)
        step = max(dispatch.step_seconds, 1)
        return dispatch.window_seconds + ((elapsed - dispatch.window_seconds) // step + 1) * step
    turn = int(elapsed // max(dispatch.window_seconds, 1))
    return float((turn + 1) * max(dispatch.window_seconds, 1)) if turn + 1 < limit else None


def due_steps(dispatch: Dispatch, elapsed: float, done: Sequence[int]) -> list[int]:
    """Indexes of escalation steps whose time has come and that have not run yet."""
    return [i for i, step in enumerate(dispatch.escalation) if step.after_seconds <= elapsed and i not in done]


def next_step(dispatch: Dispatch, done: Sequence[int]) -> float | None:
    waiting = [s.after_seconds for i, s in enumerate(dispatch.escalation) if i not in done]
    return float(min(waiting)) if waiting else None


def rotation(agent_ids: Sequence[int], last_first: int | None) -> list[int]:
    """Round robin: agents in id order, starting after the one who went first last time."""
    ordered = sorted(agent_ids)
    if last_first is None:
        return ordered
    after = [a for a in ordered if a > last_first]
    return after + [a for a in ordered if a <= last_first]


# -- ranking -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ScoreParts:
    """What an agent's rank is made of, stored with each offer so the operator sees why."""

    claim_rate: float | None  # claimed / offered
    median_answer_seconds: float | None  # from the offer's delivery to the agent's answer
    report_back_rate: float | None  # won referrals the agent reported on
    miles: float | None  # from the referral's zip to the nearest zip the agent covers
    recent_load: int = 0  # referrals won in the last 7 days

    def parts(self) -> dict[str, float]:
        """Each part's points (unknown counts as middling: a new agent is neither favoured nor buried)."""
        speed = 0.5 if self.median_answer_seconds is None else 1 / (1 + self.median_answer_seconds / 300)
        near = 0.5 if self.miles is None else 1 / (1 + self.miles / 10)
        return {"claim_rate": round(40 * _or_half(self.claim_rate), 2), "speed": round(20 * speed, 2),
                "report_back": round(20 * _or_half(self.report_back_rate), 2), "distance": round(10 * near, 2),
                "load": -float(min(self.recent_load, 5) * 2)}

    def total(self) -> float:
        return round(sum(self.parts().values()), 2)

    def to_json(self) -> dict[str, Any]:
        return {"score": self.total(), "points": self.parts(), "claim_rate": self.claim_rate,
                "median_answer_seconds": self.median_answer_seconds, "report_back_rate": self.report_back_rate,
                "miles": None if self.miles is None else round(self.miles, 1), "recent_load": self.recent_load}


def _or_half(rate: float | None) -> float:
    return 0.5 if rate is None else rate


def score_parts(offered: int, claimed: int, answer_seconds: Sequence[float], won: int, reported: int,
                miles: float | None, recent_load: int) -> ScoreParts:
    return ScoreParts(claim_rate=round(claimed / offered, 3) if offered else None,
                      median_answer_seconds=round(statistics.median(answer_seconds), 1) if answer_seconds else None,
                      report_back_rate=round(reported / won, 3) if won else None, miles=miles,
                      recent_load=recent_load)


def ranked(scores: dict[int, ScoreParts]) -> list[int]:
    """Best score first; a tie goes to the agent with less recent load, then the lower id (stable)."""
    return sorted(scores, key=lambda a: (-scores[a].total(), scores[a].recent_load, a))
