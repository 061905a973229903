"""Session-18 request-reading classes, in our own wordings (none from any eval case): a second clause joined by
"and I want to", and a thing that happened told as a clause, which is no topic to write about."""

from __future__ import annotations

from coach.core.domain import Contact, Note
from coach.drafting.request import read_request


def _contact() -> Contact:
    return Contact(id=3, first_name="Wren", last_name="Halloway", notes=[Note(text="edited my grant chapter in 2024")])


def test_and_i_want_to_starts_a_part_of_its_own():
    reading = read_request("short note to Wren, the anthology shipped and I want to thank her for her notes on my "
                           "essay", _contact())
    assert [(p.kind, p.text) for p in reading.parts] == [("thanks", "your notes on my essay")]


def test_a_thing_that_happened_is_no_topic():
    reading = read_request("email Wren. the fundraiser finally happened", _contact())
    assert not [p for p in reading.parts if p.kind == "topic"]
    assert "the fundraiser finally happened" in reading.left_out


def test_an_aside_saying_who_they_are_is_no_part():
    reading = read_request("note to Wren (our summer temp from 2022) to congratulate her on the new lab job",
                           _contact())
    assert [p.kind for p in reading.parts] == ["news"]
    kept = read_request("email Wren (she said to call her Ren) to thank her for the intro", _contact())
    assert kept.to_coach == ["she said to call her Ren"]


def test_not_spoken_since_graduation():
    from coach.drafting.since import read_gap
    gap = read_gap("havent talked since grad")
    assert gap is not None and gap.text == "since graduation"


def test_a_referral_asked_of_you_in_non_native_order_is_the_role():
    reading = read_request("I want you recommend me for Night Charge Nurse position", _contact())
    assert [(p.kind, p.text) for p in reading.parts] == [("role", "the Night Charge Nurse position")]


def test_offering_to_introduce_them_asks_whether_it_is_wanted():
    from coach.core.messages import INTRODUCTION
    reading = read_request("message Wren to offer to introduce her to Tomas Berg at Larchfield Water", _contact())
    offer = [p for p in reading.parts if p.kind == "offer"]
    assert offer and offer[0].extra == INTRODUCTION and offer[0].text == "introduce you to Tomas Berg at Larchfield Water"


def test_pitching_someone_on_an_idea_is_the_idea():
    reading = read_request("pitch Wren on a shared stall at the spring craft fair", _contact())
    assert [(p.kind, p.text) for p in reading.parts] == [("proposal", "a shared stall at the spring craft fair")]


def test_second_language_slips_are_not_repeated_to_the_person():
    from coach.core.text import fold
    from coach.drafting.part_lines import sentences
    from coach.drafting.sayable import SLIP
    for slip in ("I am nurse educator", "we know each other 5 years from the choir",
                 "thank her for the tour and for send the photos", "I want him introduce me to the editor"):
        assert SLIP.search(fold(slip)), slip
    for fine in ("I am a nurse educator", "I am based in Porto", "we have known each other for 5 years",
                 "I want him to introduce me to the editor", "I am glad to help"):
        assert not SLIP.search(fold(fine)), fine
    reading = read_request("thank her for the tour and for send the photos", _contact())
    assert sentences(reading, "thank-you", _contact()) == ["Thank you for the tour."]


def _person(first: str, last: str, notes: str) -> Contact:
    return Contact(id=9, first_name=first, last_name=last, notes=[Note(text=notes)])


def test_a_half_of_a_hyphenated_given_name_is_no_short_form():
    from coach.crm.facts.names import goes_by
    assert goes_by(_person("Jae-Won", "Park", "Jae-Won ran the Busan pilot with me")) == ""


def test_a_business_under_their_family_name_is_not_what_they_go_by():
    from coach.crm.facts.names import goes_by
    assert goes_by(_person("Ilona", "Brandt", "Vendor: I. Brandt Catering (Ilona Brandt), 4.8 stars")) == ""


def test_a_name_given_after_a_dash_or_equals_sign_is_what_they_go_by():
    from coach.crm.facts.names import goes_by
    assert goes_by(_person("Bartholomew", "Ncube", 'NCUBE, Bartholomew - "Bart" (always)')) == "Bart"
    assert goes_by(_person("Margarethe", "Olsen", 'Margarethe = "Grete", never Maggie')) == "Grete"


def test_called_by_the_given_name_in_emails_drops_the_noted_title():
    from coach.crm.facts.names import asked_by_name
    person = _person("Tunde", "Bakare-Ellis", "Shipped samples to Dr Tunde Bakare-Ellis in May\n- he's Tunde in emails")
    assert person.addressed(True) == "Dr. Bakare-Ellis" and asked_by_name(person)


def test_a_line_naming_them_in_the_third_person_is_not_said_but_the_gap_is_read():
    person = Contact(id=4, first_name="Bartholomew", last_name="Ncube", notes=[Note(text="taught me layout in 2015")])
    reading = read_request("I haven't spoken to Barty in like 4 years. I want to reconnect", person)
    assert [(p.kind, p.text) for p in reading.parts] == [("gap", "4 years")]
