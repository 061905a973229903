"""Session-20 drafting classes, in our own wordings: a sentence ended by '!' or '?' before the next one is not two
sentences glued together (the user's reason "Congratulations on …! We …" was dropped for it, leaving a slot draft);
something done side by side and said with "together" is a shared history."""

from __future__ import annotations

import datetime as dt

from coach.checks import grammar
from coach.crm.facts.clause_reader import read_clause


def test_an_exclamation_or_question_mark_ends_a_sentence():
    assert grammar.ok("Congratulations on the Harbour Prize! We go back a long way.", {"harbour", "prize"})
    assert grammar.ok("Did the launch go well? We should compare notes.", set())
    assert not grammar.ok("I loved the launch We should compare notes.", set())  # still glued without one


def test_something_done_together_is_a_shared_history():
    facts = read_clause("we did the winter stock-take together", ("Ines",), dt.date(2026, 1, 1))
    assert [(f.kind, f.phrase) for f in facts] == [("worked-together", "we did the winter stock-take together")]
    assert read_clause("we did a call", ("Ines",), dt.date(2026, 1, 1)) == []


def test_a_sign_off_asked_for_with_end_with():
    from coach.core.domain import Contact
    from coach.drafting.request import read_request

    reading = read_request("thank her for the site visit. end with 'Cheers, Ottilie'", Contact(id=1, first_name="Ines"))
    assert (reading.closing, reading.sign_as) == ("Cheers,", "Ottilie")
    reading = read_request("End with Warm regards, Bo", Contact(id=1, first_name="Ines"))
    assert (reading.closing, reading.sign_as) == ("Warm regards,", "Bo")
    reading = read_request("end with a question about her timeline", Contact(id=1, first_name="Ines"))
    assert (reading.closing, reading.sign_as) == ("", "")


def test_a_refusal_on_the_line_above_refuses_nothing_on_this_one():
    from coach.core.domain import Contact, Note
    from coach.crm.facts.names import asked_by_name

    notes = "asked about the harvest figures, not going there\ngoes by Tomas, not 'Dr.'"
    person = Contact(id=1, first_name="Dr. Tomas", last_name="Reyes", notes=[Note(text=notes)])
    assert asked_by_name(person)
    from coach.core.domain import Profile
    from coach.drafting.brief import Brief

    brief = Brief(contact=person, profile=Profile(name="Ana"), goal="reconnect", channel="email", context="",
                  others=[])
    assert brief.addressed(formal=True) == "Tomas"  # never "Dr. Reyes"


def test_the_short_name_the_user_gives_in_brackets():
    from coach.core.domain import Contact
    from coach.crm.facts.names import goes_by

    person = Contact(id=1, first_name="Valentina", last_name="Ortiz", company="Harbour Foods")
    assert goes_by(person, "a LinkedIn message to Valentina (Vale) about the pop-up") == "Vale"
    assert goes_by(person, "a LinkedIn message to Valentina (Harbour) about it") == ""  # where she works


def test_a_designation_before_a_name_is_no_title():
    from coach.core.domain import Contact
    from coach.crm.importers.records import split_name

    first, middle, last = split_name("CA Meenakshi Iyer")
    person = Contact(id=1, first_name=first, middle_name=middle, last_name=last)
    assert person.given_name == "Meenakshi" and person.addressed(formal=True) == "Meenakshi"
    assert split_name("Ca Nguyen") == ("Ca", "", "Nguyen")


def test_how_close_they_are_is_told_to_the_coach_not_said():
    from coach.core.domain import Contact
    from coach.drafting.request import read_request

    reading = read_request("congrats msg to Ines on the new bakery. we go way back, keep it light",
                           Contact(id=1, first_name="Ines"))
    assert not any("way back" in p.text for p in reading.parts)
    assert any("way back" in t for t in reading.to_coach)


def test_where_they_met_as_the_request_says_it():
    from coach.core.domain import Contact
    from coach.drafting.part_lines import request_sentence
    from coach.drafting.request import read_request

    person = Contact(id=1, first_name="Ines", last_name="Duarte")
    reading = read_request("congrats on the new bakery, remind her we met at the Porto flour fair", person)
    assert [(p.kind, p.text) for p in reading.parts if p.kind == "met"] == [("met", "at the Porto flour fair")]
    assert "It was great meeting you at the Porto flour fair." in request_sentence(
        "remind her we met at the Porto flour fair", "reconnect", person)


def test_what_a_call_is_about_said_after_it():
    from coach.core.domain import Contact
    from coach.drafting.request import read_request

    reading = read_request("Hi! Could you write to Ines asking for a 15 min call about how she got from retail into "
                           "buying and whether the night course was worth it? I work a till now.",
                           Contact(id=1, first_name="Ines"))
    assert ("wish", "how you got from retail into buying and whether the night course was worth it") in [
        (p.kind, p.text) for p in reading.parts]


def test_how_the_message_should_come_across_is_told_to_the_coach():
    from coach.core.domain import Contact
    from coach.drafting.request import read_request

    person = Contact(id=1, first_name="Ines")
    for said in ("I want it sound friendly, not like robot", "I don't want to look desperate",
                 "I need the email to come across as relaxed"):
        reading = read_request(f"thank Ines for the tasting notes. {said}", person)
        assert said in reading.to_coach and not any(said in p.text for p in reading.parts)
