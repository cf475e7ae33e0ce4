"""The agents and pending-question ports: opt-outs, pauses, suspensions, the question a YES answers. Every write
another transaction could also make first tells the text group (`shared_write`)."""
from __future__ import annotations

from datetime import date, datetime

from bot.model import AgentView
from store import agents as agent_store
from store import pending, referrals
from store.ports.tx import Tx


class AgentsAdapter:
    """bot.ports.AgentsPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def opt_out(self, agent: AgentView, source: str, now: datetime) -> None:
        self.tx.group.shared_write()
        agent_store.opt_out(self.tx.session, agent.phone, source=source, now=now)

    def opt_in(self, agent: AgentView, now: datetime) -> None:
        self.tx.group.shared_write()
        agent_store.opt_in(self.tx.session, agent.phone, now=now)

    def pause(self, agent: AgentView, start: date, until: date | None, now: datetime) -> None:
        self.tx.group.shared_write()
        agent_store.pause(self.tx.session, agent.id, start=start, until=until, now=now)

    def resume(self, agent: AgentView, now: datetime) -> None:
        self.tx.group.shared_write()
        agent_store.resume(self.tx.session, agent.id, now=now)

    def set_capacity(self, agent: AgentView, per_week: int | None, now: datetime) -> None:
        self.tx.group.shared_write()
        agent_store.set_capacity(self.tx.session, agent.id, per_week, now=now)

    def won_this_week(self, agent: AgentView, now: datetime) -> int:
        return agent_store.won_this_week(self.tx.session, [agent.id], now=now).get(agent.id, 0)

    def restore_if_clear(self, agent: AgentView, now: datetime) -> bool:
        """Lift a suspension for overdue reports once none is overdue any more."""
        if agent.suspended_reason != agent_store.OVERDUE_REASON:
            return False
        if referrals.overdue(self.tx.session, agent.id, now=now, days=self.tx.env.config.report_overdue_days):
            return False
        self.tx.group.shared_write()
        return agent_store.unsuspend(self.tx.session, agent.id, agent_store.OVERDUE_REASON, now=now)


class PendingAdapter:
    """bot.ports.PendingPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def ask(self, agent_id: int, intent: object, question: str, expires_at: datetime, now: datetime) -> None:
        self.tx.group.shared_write()
        pending.ask(self.tx.session, agent_id, intent, question, expires_at, now)  # type: ignore[arg-type]
