"""Facts from what the user tells the coach for this one message: the parts of their request that no request
rule reads ("met her at the Mass Timber Summit yesterday after her talk", "she gave me 20 min at the meetup and
walked me through how to read a DPA") are what they know too. Each is read by the same clause rules as a note
written today, its source "request"; the facts are for this draft only (never stored).
"""

from __future__ import annotations

import datetime as dt

from coach.core.domain import Contact
from coach.crm.facts.clause_reader import read_clause
from coach.crm.facts.clauses import split_clauses, subject_of
from coach.crm.facts.kinds import Fact
from coach.crm.facts.rules import person_names

# What a request's words may add: shared history and what the user met of theirs. A role or a personal detail
# said in passing ("my manager has no idea") is no hook for a message.
KINDS = ("met-at", "worked-together", "favour", "offer", "my-request", "their-news", "their-work")
# A request is split where the user wrote brackets and dashes, so a part with no subject may have lost it ("Oona
# (my manager) gave me his card"): only what the user did reads without one ("met her at…", "heard her on…").
MINE = ("met-at", "my-request", "their-work")


def request_facts(parts: list[str], contact: Contact, today: dt.date | None = None) -> list[tuple[str, list[Fact]]]:
    """(part, its facts) for each part of the request that holds any: dated today, source 'request'."""
    today = today or dt.date.today()
    names = person_names(contact)
    out: list[tuple[str, list[Fact]]] = []
    for part in parts:
        found = [f.model_copy(update={"date": today, "source": "request"})
                 for clause in split_clauses(part) for f in read_clause(clause, names, today)
                 if f.kind in KINDS and (f.kind in MINE or subject_of(clause, names)[0])]
        if found:
            out.append((part, found))
    return out
