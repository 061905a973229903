"""What the user knows that the rules used to miss (issue 24): their work the user heard, read or watched; what
the user's own request tells of them; two favours in one clause; a third person's suggestion, which is no offer.
Notes and requests written for this file, in several styles."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.crm.facts import book as factbook
from coach.crm.facts.extract import ModelFact
from coach.crm.facts.kinds import GOAL_FACTS, KINDS
from coach.crm.facts.rules import extract_rules as extract
from coach.drafting.composer import Brief, compose
from coach.drafting.openers import openers

TODAY = dt.date(2026, 1, 10)


def _ines(*lines: str) -> Contact:
    return Contact(id=7, first_name="Ines", last_name="Valcourt", company="Brightwater Labs", title="Head of Data",
                   notes=[Note(id=1, text="\n".join(lines), date=TODAY)] if lines else [])


def _work(*lines: str) -> list:
    return [f for f in extract(_ines(*lines), TODAY) if f.kind == "their-work"]


# ---------------------------------------------------------------- their work, as the user met it
@pytest.mark.parametrize("line, phrase, fields", [
    ('Heard her on the "Data Plumbing" podcast, episode 31 (on cleaning survey data).',
     "I heard you on episode 31 of the Data Plumbing podcast, on cleaning survey data",
     {"work": "podcast", "title": "Data Plumbing"}),
    ("listened to Ines on Open Tables podcast ep 7",
     "I listened to you on episode 7 of the Open Tables podcast", {"work": "podcast", "title": "Open Tables"}),
    ("I saw her give a talk at DataFest 2024 in Lisbon, the room was packed",
     "I saw your talk at DataFest 2024 in Lisbon", {"work": "talk", "event": "DataFest 2024", "place": "Lisbon"}),
    ("Watched her Tidy Summit keynote online",
     "I watched your Tidy Summit keynote online", {"work": "keynote", "event": "Tidy Summit"}),
    ("I read her post about hiring analysts without degrees",
     "I read your post about hiring analysts without degrees", {"work": "post"}),
    ("I read Ines's paper on missing data",
     "I read your paper on missing data", {"work": "paper"}),
])
def test_their_work_the_user_met_is_a_typed_fact(line, phrase, fields):
    found = _work(line)
    assert [f.phrase for f in found] == [phrase]
    assert all(getattr(found[0], k) == v for k, v in fields.items()), found[0]


@pytest.mark.parametrize("line", [
    "saw her DataFest talk got accepted",              # news about the work, not the user's contact with it
    "Last saw her at her farewell drinks in Porto",    # saw her, not her work
    "She read my post about survey weights",           # she read mine: not her work
    "I read her post about her cancer diagnosis",      # private: never a hook
    "read her book",                                   # a to-do as likely as a past
    "saw her post abt hiring",                         # words the rule cannot file: no fact
])
def test_what_is_not_the_users_contact_with_their_work_gives_none(line):
    assert _work(line) == []


def test_their_work_opens_a_message_to_a_stranger_and_the_draft_says_it():
    c = _ines('Heard her on the "Data Plumbing" podcast, episode 31.')
    assert [o.sentence for o in openers(extract(c, TODAY), "informational-interview", TODAY)][:1] == \
        ["I heard you on episode 31 of the Data Plumbing podcast."]
    body = compose(Brief(contact=c, profile=Profile(name="Sam Carter"), goal="informational-interview",
                         channel="linkedin-message"))[1]
    assert "I heard you on episode 31 of the Data Plumbing podcast." in body and "[" not in body, body


def test_their_work_is_a_hook_for_strangers_goals_only():
    for goal in ("informational-interview", "mentorship", "partnership", "introduction", "referral"):
        assert "their-work" in GOAL_FACTS[goal], goal
    assert GOAL_FACTS["congratulations"][-1] == "their-work"
    assert "their-work" not in GOAL_FACTS["thank-you"] and "their-work" in KINDS
    assert ModelFact(kind="their-work", phrase="I read your post about hiring").kind == "their-work"


def test_their_work_is_stored_with_its_typed_fields(tmp_path):
    from coach.crm.store import Store

    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    cid = store.add_contact(_ines()).id
    store.add_note(cid, 'Heard her on the "Data Plumbing" podcast, episode 31', date=dt.date(2025, 11, 2))
    work = next(f for f in factbook.facts(store, cid) if f.kind == "their-work")
    assert (work.work, work.title) == ("podcast", "Data Plumbing")
    store.close()


# ---------------------------------------------------------------- favours and offers the rules misread
def test_two_things_done_for_me_in_one_clause_are_two_favours():
    found = [f.phrase for f in extract(_ines("she gave me 20 min at the Tabular meetup and walked me through how "
                                             "to read a data processing agreement"), TODAY) if f.kind == "favour"]
    assert found == ["you gave me 20 min at the Tabular meetup",
                     "you walked me through how to read a data processing agreement"]


def test_a_favour_verb_needs_me_as_its_object():
    kinds = [f.kind for f in extract(_ines("She spent two years at Stripe.", "She spent an hour with me on my CV."),
                                     TODAY)]
    assert kinds.count("favour") == 1


def test_someone_elses_suggestion_to_reach_out_is_no_offer_of_theirs():
    assert not [f for f in extract(_ines("Dan suggested I reach out to her about the data team."), TODAY)
                if f.kind == "offer"]
    assert [f for f in extract(_ines("She said to reach out when the data team is hiring."), TODAY)
            if f.kind == "offer"]


# ---------------------------------------------------------------- the request's words are what the user knows
def _brief(context: str, goal: str = "follow-up", channel: str = "linkedin-message") -> Brief:
    return Brief(contact=_ines(), profile=Profile(name="Sam Carter"), goal=goal, channel=channel, context=context)


def test_a_meeting_the_request_tells_is_a_fact_from_the_request_and_opens_the_draft():
    brief = _brief("met her at the Open Data Summit yesterday after her talk, she asked for our survey codebook")
    told = [f for f in brief.all_facts if f.source == "request"]
    assert [(f.kind, f.phrase) for f in told] == [("met-at", "at the Open Data Summit")]
    assert "fact from the request: met-at: at the Open Data Summit" in brief.reading.line()
    assert "Open Data Summit" not in " ".join(brief.reading.left_out)
    body = compose(brief)[1]
    assert "meeting you at the Open Data Summit" in body and "yesterday" not in body, body


def test_a_favour_the_request_tells_makes_a_thank_you_without_a_slot():
    brief = _brief("she gave me 20 min at the Tabular meetup on Tuesday and walked me through how to read a DPA",
                   goal="thank-you", channel="linkedin-note")
    assert {f.phrase for f in brief.told} == {"you gave me 20 min at the Tabular meetup on Tuesday",
                                              "you walked me through how to read a DPA"}
    body = compose(brief)[1]
    assert "Tabular meetup" in body and "[" not in body, body


@pytest.mark.parametrize("context", [
    "I think I met her at the Open Data Summit",                       # a doubt is for the coach
    "met her at the Open Data Summit. don't mention the Summit",       # the user said to leave it out
    "Dan (my old manager) gave me her card",                           # the part lost its subject: whose card?
])
def test_the_request_gives_no_fact_from_a_doubt_a_thing_to_leave_out_or_a_part_without_its_subject(context):
    assert _brief(context).told == []


def test_a_reading_passed_in_is_not_changed_by_the_brief():
    from coach.drafting.request import read_request

    reading = read_request("met her at the Open Data Summit last week", _ines())
    left = list(reading.left_out)
    Brief(contact=_ines(), profile=Profile(), goal="follow-up", channel="email", reading=reading)
    assert reading.left_out == left and reading.facts == []


def test_a_pronoun_after_a_third_person_named_on_the_line_is_theirs():
    said = extract(_ines("Tomas Brandt (her old colleague) put us in touch. He said to reach out when I'm ready."),
                   TODAY)
    assert not [f for f in said if f.kind == "offer"]
    mine = extract(_ines("The Data Summit was great. She said to reach out when the team is hiring."), TODAY)
    assert [f for f in mine if f.kind == "offer"]
