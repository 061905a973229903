"""Shared history told as a role both people held ("we were both graduate trainees at X"), and favours whose
object is a piece of work named in quotes ("posted me a signed copy of his book "Lean by Hand"")."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.crm.facts.rules import extract_rules as extract
from coach.crm.facts.said import request_facts
from coach.drafting.composer import Brief, compose

TODAY = dt.date(2026, 1, 10)


def _nadia(*notes: str) -> Contact:
    return Contact(id=7, first_name="Nadia", last_name="Brook", company="Orwell Partners", title="Director",
                   notes=[Note(id=i + 1, text=t, date=dt.date(2025, 6, 1)) for i, t in enumerate(notes)])


@pytest.mark.parametrize("text, phrase, years", [
    ("We were both junior analysts at Kestrel Bank in 2016-2018.", "we were both junior analysts at Kestrel Bank",
     "2016-2018"),
    ("Nadia and I were both interns at Morrow Labs, 2019", "we were both interns at Morrow Labs", "2019"),
    ("we were both at Halden University from 2010 to 2014", "we were both at Halden University", "2010-2014"),
])
def test_a_role_we_both_held_somewhere_is_shared_history(text, phrase, years):
    shared = [f for f in extract(_nadia(text), TODAY) if f.kind == "worked-together"]
    assert [(f.phrase, f.years) for f in shared] == [(phrase, years)]


@pytest.mark.parametrize("text", ["We were both tired at the end", "Tom and Ali were both analysts at Kestrel Bank",
                                  "We were both at the party", "we are both trainees at Kestrel Bank"])
def test_both_without_a_named_place_or_about_others_gives_no_shared_history(text):
    assert not [f for f in extract(_nadia(text), TODAY) if f.kind == "worked-together"]


def test_the_shared_role_in_the_request_opens_the_draft():
    c = _nadia("- [ ] get back in touch w/ Nadia")
    parts = ["We were both graduate trainees at Pellworth Council in 2013-2015, then she moved into consulting"]
    found = [f for _, facts in request_facts(parts, c, TODAY) for f in facts]
    assert [(f.kind, f.phrase) for f in found] == [
        ("worked-together", "we were both graduate trainees at Pellworth Council"),
        ("their-news", "you moved into consulting")]
    body = compose(Brief(contact=c, profile=Profile(name="Hugo"), goal="reconnect", channel="email",
                         facts=found))[1]
    assert "we were both graduate trainees at Pellworth Council" in body and "[" not in body, body


@pytest.mark.parametrize("text, phrase, title", [
    ('He also posted me a signed copy of his book "Lean by Hand".', "you posted me a signed copy of your book",
     "Lean by Hand"),
    ("She sent me her paper “Drift in Small Models”", "you sent me your paper", "Drift in Small Models"),
])
def test_a_favour_ending_on_a_quoted_title_keeps_the_title_as_a_field(text, phrase, title):
    favour = next(f for f in extract(_nadia(text), TODAY) if f.kind == "favour")
    assert (favour.phrase, favour.title) == (phrase, title)


def test_a_favour_with_a_quoted_title_is_thanked_for():
    c = _nadia('She mailed me a signed copy of her book "Quiet Ledgers".')
    body = compose(Brief(contact=c, profile=Profile(name="Rosa"), goal="thank-you", channel="email"))[1]
    assert "you mailed me a signed copy of your book" in body and '"' not in body, body


def test_a_second_verb_after_the_swapped_subject_agrees_with_you():
    news = [f.phrase for f in extract(_nadia("then she moved into consulting and is at Orwell Partners now"), TODAY)
            if f.kind == "their-news"]
    assert news == ["you moved into consulting and are at Orwell Partners now"]


def test_what_is_said_of_someone_else_is_never_the_contacts():
    from coach.core.domain import Contact, Note
    from coach.crm.facts.rules import extract_rules

    c = Contact(id=1, first_name="Yara", last_name="Haddad", company="Tidewell", title="Engineer", notes=[Note(
        text="- Bruno Alves (my old teammate, knew her at Orbit) says she's generous with her time\n"
             "- Yara Hadad at Northpine: DIFFERENT PERSON, we spoke already about a sales role\n"
             "- we met at the Lisbon robotics meetup in May")])
    phrases = [f.phrase for f in extract_rules(c)]
    assert not any("worked together" in p or "spoke" in p or "sales" in p for p in phrases), phrases
    assert any("robotics meetup" in p for p in phrases), phrases
