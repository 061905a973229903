"""Email threads pasted into a note, and relations told in plain prose (coach.crm.facts.thread, .relations)."""

from __future__ import annotations

import datetime as dt

from coach.core.domain import Contact, Note
from coach.crm.facts.rules import extract_rules

DAY = dt.date(2025, 6, 1)

THREAD = """copied from my inbox
From: Marisol Ventura <marisol@tidewater.example>
To: Sam Carter <sam@example.com>
Date: Thu, Mar 6, 2025 at 4:12 PM
Subject: Re: supply chain roles

Hi Sam,
I'm happy to introduce you to the procurement lead once the posting is live.
I reviewed your CV and left comments in the doc.
Best,
Marisol
Director of Logistics | Tidewater Freight | +1 555 201 3344
CONFIDENTIALITY NOTICE: This email and any attachments are confidential and meant for the intended recipient.

On Wed, Mar 5, 2025 at 9:01 AM Sam Carter <sam@example.com> wrote:
> Marisol, thanks again for the call. I sent you my CV last night.
>
>> On Tue, Mar 4, 2025, Priya Das <priya@x.example> wrote:
>> I introduced you to Marisol last week.

my notes: she answered within a day
"""


def _facts(text: str, me: str = "Sam Carter", first: str = "Marisol", last: str = "Ventura"):
    contact = Contact(id=2, first_name=first, last_name=last, notes=[Note(id=4, text=text, date=DAY)])
    return extract_rules(contact, DAY, me=me)


def _by_kind(facts, kind: str) -> list[str]:
    return [f.phrase for f in facts if f.kind == kind]


def test_an_email_thread_reads_each_message_as_its_writer_with_its_date():
    facts = _facts(THREAD)
    offers, favours, mine = _by_kind(facts, "offer"), _by_kind(facts, "favour"), _by_kind(facts, "my-request")
    assert "you offered to introduce me to the procurement lead once the posting is live" in offers
    assert "you reviewed my CV and left comments in the doc" in favours  # their "your" is the user's
    assert "I sent you my CV last night" in mine  # the user's quoted message: the user's "I"
    dates = {f.phrase: f.date for f in facts}
    assert dates["you reviewed my CV and left comments in the doc"] == dt.date(2025, 3, 6)  # the header's date
    assert dates["I sent you my CV last night"] == dt.date(2025, 3, 5)  # the attribution line's date


def test_signatures_disclaimers_and_third_parties_in_a_thread_are_never_facts():
    facts = _facts(THREAD)
    said = " ".join(f.phrase for f in facts).lower()
    assert "confidential" not in said and "555" not in said and "logistics" not in said
    assert not any("introduced" in f.phrase for f in facts)  # Priya's message is not about the two of us


def test_a_thread_without_the_users_name_keeps_only_the_contacts_messages():
    facts = _facts(THREAD, me="")
    assert "you reviewed my CV and left comments in the doc" in _by_kind(facts, "favour")
    assert not _by_kind(facts, "my-request")  # an unknown writer's lines are never the user's


def test_relations_told_in_prose_become_typed_facts_with_the_notes_date():
    cases = {
        "we go way back, same cohort at Kellogg 2011": ("worked-together", "we were in the same cohort at Kellogg"),
        "Desk mate at Brambleton Press ~2016. funny guy": ("worked-together", "we were desk mates at Brambleton Press"),
        "Marisol and I went to Uppsala University together": ("worked-together",
                                                             "we went to Uppsala University together"),
        "so she was the one who got me into the Halvard onboarding program": (
            "favour", "you got me into the Halvard onboarding program"),
        "she put me in touch with the hiring lead at Corvid": ("favour",
                                                              "you put me in touch with the hiring lead at Corvid"),
        "We go way back": ("worked-together", "we go way back"),
    }
    for note, (kind, phrase) in cases.items():
        facts = _facts(note)
        assert phrase in _by_kind(facts, kind), (note, [(f.kind, f.phrase) for f in facts])
        assert all(f.date == DAY for f in facts if f.phrase == phrase)
    years = {f.phrase: f.years for f in _facts("same cohort at Kellogg 2011")}
    assert years["we were in the same cohort at Kellogg"] == "2011"


def test_a_relation_of_other_people_or_in_the_present_gives_no_fact():
    for note in ("Kate and Tom were in the same class at Yale", "we're in the same cohort at Insead",
                 "his brother was in the same team at Orsted", "she got promoted to VP"):
        assert not _by_kind(_facts(note), "worked-together"), note
        assert not _by_kind(_facts(note), "favour"), note


def test_was_my_x_reads_more_roles_and_where_they_were_held():
    roles = _by_kind(_facts("He was my chief on MV Sandpiper 2019-2021, strict but fair."), "role")
    assert "formerly my chief on MV Sandpiper (2019-2021)" in roles
    assert "formerly my TA at Carleton University (2018)" in _by_kind(_facts("was my TA at Carleton University in "
                                                                             "2018"), "role")
    assert any(r.startswith("formerly my clinical instructor") for r in
               _by_kind(_facts("she was my clinical instructor in nursing school"), "role"))


def test_a_mutuals_column_names_other_people_never_the_contact():
    row = ("Name\tCompany\tMutuals\tNotes\n"
           "Marisol Ventura\tTidewater\tKevin Osei (my old manager)\tmet at the port expo")
    assert not any("manager" in r for r in _by_kind(_facts(row), "role"))


def test_we_go_way_back_is_said_as_it_is_never_as_a_memory_of_an_event():
    from coach.drafting.openers import openers

    lines = [o.sentence for o in openers(_facts("We go way back"), "reconnect", DAY)]
    assert "We go way back." in lines
    assert not any("think back to when we go" in s for s in lines)
