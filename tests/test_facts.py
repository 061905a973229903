"""Facts as data: extracted from the note's own words, stored, and kept once the user fixed them."""

from __future__ import annotations

import datetime as dt

from coach.core.domain import Contact, Note, Profile
from coach.crm.facts import book as factbook
from coach.crm.facts.rules import extract_rules as extract
from coach.drafting.composer import Brief, compose
from coach.drafting.openers import openers

TODAY = dt.date(2026, 1, 10)


def _priya(*notes: Note, how: str = "") -> Contact:
    return Contact(id=3, first_name="Priya", last_name="Shah", company="Stripe", title="Staff Engineer",
                   how_we_met=how, notes=list(notes))


def test_a_dated_heading_is_the_date_and_title_never_sentence_text():
    c = _priya(Note(id=1, text="Offsite in Lyon\nWe planned the Q3 roadmap", date=dt.date(2024, 5, 2),
                    source="markdown"))
    facts = extract(c, TODAY)
    phrases = {f.kind: f.phrase for f in facts}
    assert phrases["met-at"] == "at the offsite in Lyon"
    assert phrases["worked-together"] == "we planned the Q3 roadmap"
    assert all(f.date == dt.date(2024, 5, 2) and "Offsite in Lyon" in f.source for f in facts if f.kind != "role")
    body = compose(Brief(contact=c, profile=Profile(), goal="reconnect", channel="linkedin-message"))[1]
    assert "Lyon We" not in body and "in Lyon." in body, body


def test_an_invitation_to_get_back_in_touch_beats_a_meeting_and_a_title():
    c = _priya(Note(id=2, text="Coffee\nshe said to ping her when roles open on her team", date=dt.date(2025, 3, 4),
                    source="markdown"), how="met at KubeCon Paris")
    lines = openers(extract(c, TODAY), "referral", TODAY)
    assert lines[0].kind == "offer"
    assert lines[0].sentence == "In March 2025, you asked me to get back in touch when roles open on your team."


def test_a_past_role_is_past_and_never_told_to_that_person():
    c = _priya(Note(id=3, text="my manager at Acme 2017-2019", date=dt.date(2024, 1, 1)))
    role = next(f for f in extract(c, TODAY) if f.kind == "role" and f.company == "Acme")
    assert role.past and role.years == "2017-2019"
    body = compose(Brief(contact=c, profile=Profile(), goal="reconnect", channel="linkedin-message"))[1]
    assert "you were my manager" not in body and "learned working with you at Acme" in body, body


def test_third_person_present_and_unclear_clauses_give_no_fact():
    c = _priya(Note(id=4, text="Priya keeps saying we should grab lunch. lunch?? idk"))
    assert [f.kind for f in extract(c, TODAY)] == ["role"]


def test_a_fact_the_user_fixed_survives_re_extraction_and_is_drafted(tmp_path):
    from coach.crm.store import Store

    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    cid = store.add_contact(_priya()).id
    store.add_note(cid, "met at PyCon US 2024 in Pittsburgh", date=dt.date(2024, 5, 17))
    met = next(f for f in factbook.facts(store, cid) if f.kind == "met-at")
    factbook.update(store, met.id, phrase="at PyCon US 2024 in Pittsburgh, at the Stripe booth")
    store.add_note(cid, "She reviewed my portfolio", date=dt.date(2025, 2, 1))
    facts = factbook.facts(store, cid)
    assert [f.phrase for f in facts if f.kind == "met-at"] == ["at PyCon US 2024 in Pittsburgh, at the Stripe booth"]
    assert any(f.kind == "favour" and f.phrase == "you reviewed my portfolio" for f in facts)
    factbook.update(store, next(f.id for f in facts if f.kind == "favour"), hidden=True)
    brief = Brief(contact=store.get_contact(cid), profile=Profile(), goal="reconnect", channel="linkedin-message",
                  facts=factbook.facts(store, cid))
    body = compose(brief)[1]
    assert "Stripe booth" in body and "portfolio" not in body, body


def test_date_words_from_a_fact_count_as_grounded():
    from coach.checks import checker

    c = _priya(Note(id=5, text="she interviewed me for the platform role", date=dt.date(2025, 3, 4)))
    brief = Brief(contact=c, profile=Profile(), goal="thank-you", channel="linkedin-message")
    text = "Hi Priya, thank you for interviewing me in March last spring. Could I buy you a coffee?"
    assert not checker.unsupported_claims(text, brief.grounds)


def test_a_dated_past_role_makes_a_former_manager():
    from coach.crm.relations import read_person

    c = _priya(Note(id=6, text="my manager at Acme 2017-2019"))
    kinds = {r.kind for r in read_person(c, "Globex").relations}
    assert "former-manager" in kinds and "manager" not in kinds
    assert "former-colleague" in kinds


def test_sitting_next_to_someone_at_a_dinner_makes_no_colleague():
    from coach.crm.relations import read_person

    dinner = _priya(Note(id=8, text="sat next to her at a dinner for the climate fund"))
    assert not {r.kind for r in read_person(dinner, "Globex").relations} & {"colleague", "former-colleague"}
    desks = _priya(Note(id=9, text="we sat next to each other at work for two years at Initech"))
    assert "former-colleague" in {r.kind for r in read_person(desks, "Globex").relations}


def test_a_dated_heading_kept_in_a_note_grounds_its_month():
    from coach.checks import checker

    c = _priya(Note(id=7, text="## 2025-03-04 Coffee\nshe said to ping her when roles open"))
    grounds = checker.Grounds(contact=c)  # no facts given: the note's own text holds the date
    assert not checker.unsupported_claims("Hi Priya, in March you asked me to get back in touch.", grounds)
    assert checker.unsupported_claims("Hi Priya, in June you asked me to get back in touch.", grounds)


def test_a_crm_log_line_with_a_numeric_date_and_time_is_a_dated_interaction_without_its_label():
    import datetime as dt

    from coach.core.domain import Contact, Note
    from coach.crm.facts.layout import _iso

    assert _iso("02/11/2025") == dt.date(2025, 2, 11)  # slashes: month first (as CRM exports write them)
    assert _iso("13/02/2024") == dt.date(2024, 2, 13)  # unless the first number cannot be a month
    assert _iso("14.02.2024") == dt.date(2024, 2, 14)  # dots: day first
    note = Note(text="03/02/2025 4:40 PM Call logged: he said to get back in touch when the planner role opens",
                date=dt.date(2025, 3, 5))
    facts = extract(Contact(first_name="Harold", last_name="Strand", notes=[note]))
    offer = next(f for f in facts if f.kind == "offer")
    assert offer.date == dt.date(2025, 3, 2) and "logged" not in offer.phrase and "PM" not in offer.phrase
