"""The network at a glance: tidy data frames for the app's charts, computed from contacts and the profile.

Pure functions over a list of `Contact`s (and the profile and tag cadences):
no store, no Streamlit, so they are unit tested and reusable from a notebook.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from coach.core.domain import Contact, Profile
from coach.crm.cadence import effective_cadence
from coach.crm.importers.merge import company_key

RECENCY_BUCKETS = ("under 1 month", "1–3 months", "3–6 months", "6–12 months", "over a year", "never")
NO_COMPANY = "(no company)"


def by_company(contacts: Iterable[Contact], top: int = 15) -> pd.DataFrame:
    """[company, contacts]: the `top` companies by head count, largest first (ties by name)."""
    counts = Counter(c.company.strip() or NO_COMPANY for c in contacts)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] == NO_COMPANY, kv[0].casefold()))[:top]
    return pd.DataFrame(rows, columns=["company", "contacts"])


def by_tag(contacts: Iterable[Contact]) -> pd.DataFrame:
    """[tag, contacts]: every tag with how many people carry it, largest first."""
    counts = Counter(t for c in contacts for t in dict.fromkeys(c.tags))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    return pd.DataFrame(rows, columns=["tag", "contacts"])


def recency_bucket(last: dt.date | None, today: dt.date) -> str:
    if last is None:
        return "never"
    days = (today - last).days
    for limit, label in ((30, RECENCY_BUCKETS[0]), (91, RECENCY_BUCKETS[1]), (182, RECENCY_BUCKETS[2]),
                         (365, RECENCY_BUCKETS[3])):
        if days < limit:
            return label
    return RECENCY_BUCKETS[4]


def recency(contacts: Iterable[Contact], today: dt.date) -> pd.DataFrame:
    """[since_last_contact, contacts, order]: one row per bucket, in time order, zeros included."""
    counts = Counter(recency_bucket(c.last_contacted, today) for c in contacts)
    return pd.DataFrame([(b, counts.get(b, 0), i) for i, b in enumerate(RECENCY_BUCKETS)],
                        columns=["since_last_contact", "contacts", "order"])


def next_check_in(contact: Contact, tag_cadences: Mapping[str, int], today: dt.date) -> dt.date | None:
    """When this person is (or was) due for a check-in, or None without a cadence."""
    days = effective_cadence(contact.cadence_days, contact.tags, tag_cadences)
    if not days:
        return None
    anchor = contact.last_contacted or contact.connected_on or today
    return anchor + dt.timedelta(days=days)


def due_by_week(contacts: Iterable[Contact], tag_cadences: Mapping[str, int], today: dt.date,
                weeks: int = 8) -> pd.DataFrame:
    """[week, week_start, contacts]: check-ins overdue now ("overdue"), then due in each of the next weeks."""
    monday = today - dt.timedelta(days=today.weekday())
    starts = [monday + dt.timedelta(weeks=i) for i in range(weeks)]
    counts: Counter[int] = Counter()
    overdue = 0
    for c in contacts:
        due = next_check_in(c, tag_cadences, today)
        if due is None:
            continue
        if due < today:
            overdue += 1
        elif (index := (due - monday).days // 7) < weeks:
            counts[index] += 1
    rows = [("overdue", None, overdue)]
    rows += [(f"week of {s:%d %b}", s, counts.get(i, 0)) for i, s in enumerate(starts)]
    return pd.DataFrame(rows, columns=["week", "week_start", "contacts"])


def target_coverage(contacts: Iterable[Contact], profile: Profile) -> pd.DataFrame:
    """[company, contacts, people, covered]: for each target company, who the user knows there."""
    people: dict[str, list[str]] = {company_key(t): [] for t in profile.target_companies if company_key(t)}
    for c in contacts:
        key = company_key(c.company)
        for target in people:
            if key and (key == target or key.startswith(target + " ")):
                people[target].append(c.name)
    rows = []
    for target in profile.target_companies:
        names = people.get(company_key(target), [])
        rows.append((target, len(names), ", ".join(sorted(names)), bool(names)))
    return pd.DataFrame(rows, columns=["company", "contacts", "people", "covered"])
