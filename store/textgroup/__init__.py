"""The text group: what one inbound text's transaction sees of the transaction it runs in, behind one interface.

Texts come in bursts (everyone answers the same broadcast), so on the webhook they run *grouped*
(grouped.py): the texts that arrive while a transaction is under way run together in the next one, their
senders' agents and offers are read up front in one statement, append-only rows (the reply log, history notes,
review items, the replies kept with receipts) are written once at the end, and on PostgreSQL two groups in
flight serialise their shared writes with one advisory lock. Anywhere else a text runs *direct* (direct.py):
plain statements, every write at once. Both answer every question the same way and leave the same rows
(tests/test_textgroup_contract.py).

Nothing in the store consults hidden session state to know which it has: the group is an object handed to the
text's transaction, and only the store's port implementation (store/ports/) picks one (`runner`) and calls
it: its reads, its appends, and `shared_write()` before anything another transaction could also write.
No module outside this package and the ports imports it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from store.textgroup.direct import DirectGroup, DirectRunner
from store.textgroup.grouped import GroupedRunner
from store.textgroup.interface import Invitation, Recorded, TextGroup, TextRunner

if TYPE_CHECKING:
    from store.db import Store

__all__ = ["Invitation", "Recorded", "TextGroup", "TextRunner", "direct_group", "runner"]


def runner(store: Store, *, grouped: bool) -> TextRunner:
    """The grouped runner (the SMS webhook's) or the direct one."""
    return GroupedRunner(store) if grouped else DirectRunner(store)


def direct_group(session: Session) -> TextGroup:
    """The group of a text run on its own (a page, a call, an email): plain statements, immediate writes."""
    return DirectGroup(session)
