"""The network charts' data: pure functions over contacts, the profile and cadences."""

from __future__ import annotations

import datetime as dt

from coach.core.domain import Contact, Profile
from coach.crm import network

TODAY = dt.date(2025, 6, 11)  # a Wednesday


def person(first: str, company: str = "", tags=(), last: dt.date | None = None, cadence: int | None = None,
           connected: dt.date | None = None) -> Contact:
    return Contact(first_name=first, last_name="Fict", company=company, tags=list(tags), last_contacted=last,
                   cadence_days=cadence, connected_on=connected)


PEOPLE = [
    person("Ana", "Contoso", ["mentor", "mentor"], TODAY - dt.timedelta(days=3)),
    person("Ben", "Contoso Ltd", ["hiring"], TODAY - dt.timedelta(days=45), cadence=30),
    person("Cai", "Fabrikam", ["mentor"], TODAY - dt.timedelta(days=400)),
    person("Dev", "", [], None),
    person("Eve", "Contoso", ["hiring"], TODAY - dt.timedelta(days=200)),
]


def test_by_company_counts_people_largest_first_and_names_the_unknown() -> None:
    df = network.by_company(PEOPLE)
    assert df.to_dict("records")[0] == {"company": "Contoso", "contacts": 2}
    assert set(df.company) == {"Contoso", "Contoso Ltd", "Fabrikam", network.NO_COMPANY}
    assert list(network.by_company(PEOPLE, top=2).company) == ["Contoso", "Contoso Ltd"]


def test_by_tag_counts_each_person_once_per_tag() -> None:
    df = network.by_tag(PEOPLE)
    assert dict(zip(df.tag, df.contacts, strict=True)) == {"hiring": 2, "mentor": 2}


def test_recency_buckets_are_in_time_order_with_zeros() -> None:
    df = network.recency(PEOPLE, TODAY)
    assert list(df.since_last_contact) == list(network.RECENCY_BUCKETS)
    counts = dict(zip(df.since_last_contact, df.contacts, strict=True))
    assert counts == {"under 1 month": 1, "1–3 months": 1, "3–6 months": 0, "6–12 months": 1, "over a year": 1,
                      "never": 1}


def test_due_by_week_puts_the_overdue_first_then_each_coming_week() -> None:
    cadences = {"mentor": 10}
    df = network.due_by_week(PEOPLE, cadences, TODAY, weeks=4)
    assert list(df.week)[0] == "overdue"
    rows = dict(zip(df.week, df.contacts, strict=True))
    # Ben (30 days, 45 ago) and Cai (mentor, 400 ago) are overdue; Ana (mentor, 3 ago) is due in 7 days.
    assert rows["overdue"] == 2
    assert rows["week of 16 Jun"] == 1 and sum(df.contacts) == 3
    assert df.week_start.iloc[1] == dt.date(2025, 6, 9)  # weeks start on Monday


def test_next_check_in_uses_the_contact_cadence_before_its_tags_and_none_without() -> None:
    ben = PEOPLE[1]
    assert network.next_check_in(ben, {"hiring": 90}, TODAY) == ben.last_contacted + dt.timedelta(days=30)
    assert network.next_check_in(PEOPLE[3], {"hiring": 90}, TODAY) is None
    fresh = person("Fay", tags=["hiring"], connected=dt.date(2025, 1, 1))
    assert network.next_check_in(fresh, {"hiring": 90}, TODAY) == dt.date(2025, 4, 1)


def test_target_coverage_matches_company_names_loosely_and_shows_gaps() -> None:
    profile = Profile(target_companies=["Contoso", "Globex"])
    df = network.target_coverage(PEOPLE, profile)
    rows = {r["company"]: r for r in df.to_dict("records")}
    assert rows["Contoso"]["contacts"] == 3 and rows["Contoso"]["covered"]
    assert "Ben Fict" in rows["Contoso"]["people"]  # "Contoso Ltd" counts for Contoso
    assert rows["Globex"] == {"company": "Globex", "contacts": 0, "people": "", "covered": False}
    assert network.target_coverage(PEOPLE, Profile()).empty
