"""Keeping in touch: who is due for a check-in.

A contact's cadence is its own `cadence_days`, or else the shortest cadence
of its tags (`coach contacts cadence --tag mentor --days 60`). A contact is
due once `cadence` days have passed since it was last contacted (or, if it
never was, since the connection date or the day it was added).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any


def effective_cadence(cadence_days: int | None, tags: Iterable[str], tag_cadences: Mapping[str, int]) -> int | None:
    if cadence_days:
        return cadence_days
    lowered = {k.casefold(): v for k, v in tag_cadences.items()}
    days = [lowered[t.casefold()] for t in tags if t.casefold() in lowered]
    return min(days) if days else None


def due(contacts: Iterable[Mapping[str, Any]], tag_cadences: Mapping[str, int], today: dt.date) -> list[dict]:
    """[{id, name, last_contacted, due_since}] for every contact that is due, most overdue first.

    Each contact mapping has: id, name, tags, cadence_days, last_contacted, connected_on, added_on.
    """
    out = []
    for c in contacts:
        cadence = effective_cadence(c.get("cadence_days"), c.get("tags") or [], tag_cadences)
        if not cadence:
            continue
        anchor = c.get("last_contacted") or c.get("connected_on") or c.get("added_on") or today
        due_since = anchor + dt.timedelta(days=cadence)
        if due_since <= today:
            out.append({"id": c["id"], "name": c["name"], "last_contacted": c.get("last_contacted"),
                        "due_since": due_since})
    out.sort(key=lambda d: (d["due_since"], d["name"].casefold()))
    return out
