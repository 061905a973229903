"""How long since the user and the person last spoke is a typed part of the request, said through one frame."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Profile
from coach.drafting.brief import Brief
from coach.drafting.composer import compose
from coach.drafting.request import read_request
from coach.drafting.since import gap_sentence, read_gap

NIA = Contact(id=1, first_name="Nia", last_name="Boateng", company="Kelpworks", title="Data Lead")


@pytest.mark.parametrize("words,text,extra", [
    ("haven't talked in like 2.5 years and I never replied", "2.5 years", "about"),
    ("we haven't spoken for almost 3 yrs", "3 years", "almost"),
    ("haven't spoken since grad school", "since grad school", ""),
    ("it's been ages", "too long", ""),
    ("acknowledge it's been almost 2 years", "2 years", "almost"),
])
def test_the_gap_is_read_as_data(words, text, extra):
    part = read_gap(words)
    assert part is not None and (part.kind, part.text, part.extra) == ("gap", text, extra)


def test_words_that_say_something_else_are_no_gap():
    assert read_gap("haven't decided on the role yet") is None
    assert read_gap("its been 3 weeks no answer") is None  # since the user wrote: a follow-up's, not a gap
    assert read_gap("haven't talked since she left for Kelpworks") is None  # a third person's doings: not said


def test_the_gap_is_said_through_its_frame_and_shown_in_the_reading():
    reading = read_request("haven't talked in like 2.5 years. no ask", NIA)
    assert "gap: 2.5 years (about)" in reading.line()
    assert gap_sentence(reading.parts[0]) == "It has been about 2.5 years since we last spoke."
    made = compose(Brief(contact=NIA, profile=Profile(name="Sam Lee"), goal="reconnect", channel="linkedin-message",
                         context="haven't talked in like 2.5 years. no ask"))
    assert made is not None and "about 2.5 years since we last spoke" in made[1] and "?" not in made[1]


def test_a_fact_sharing_only_a_name_with_what_to_leave_out_is_kept():
    brief = Brief(contact=NIA, profile=Profile(name="Sam Lee"), goal="reconnect", channel="email",
                  context="do NOT mention that I left Kelpworks because of burnout")
    assert not brief.avoided("we were both analysts at Kelpworks")
    assert brief.avoided("I left Kelpworks because of burnout")


def test_it_in_dont_bring_it_up_is_what_the_user_just_said_and_a_bare_title_is_a_new_role():
    from coach.drafting.part_lines import sentences

    reading = read_request("congrats on COO. we lost the deal in dec, don't bring it up", NIA)
    assert reading.avoid == ["We lost the deal in dec"] and [p.kind for p in reading.parts] == ["news"]
    assert sentences(reading, "congratulations", NIA) == ["Congratulations on the new role as COO!"]
    assert sentences(read_request("congrats on the award", NIA), "congratulations", NIA) == \
        ["Congratulations on the award!"]


def test_where_the_user_stands_with_the_person_is_for_the_coach_only():
    reading = read_request("we have no connection, but I'm applying for the Data Lead job on her team", NIA)
    assert "we have no connection" in reading.left_out and not [p for p in reading.parts if "connection" in p.text]


def test_the_users_asides_and_fillers_are_never_said_and_what_they_ask_to_mention_is():
    from coach.drafting.part_lines import sentences
    from coach.drafting.sayable import sayable

    reading = read_request("I want to mention that her focus-block advice actually worked. I'm nervous about "
                           "sounding needy. maybe offer the rec i never wrote lol. Sign off with just my first name",
                           NIA)
    said = sentences(reading, "mentorship", NIA)
    assert said == ["Your focus-block advice actually worked."], said
    assert reading.sign_as == "" and "I'm nervous about sounding needy" in reading.to_coach
    assert not sayable("you made managing partner no wait just partner", "their-news")
    assert sayable("you made partner", "their-news")


def test_a_name_the_notes_refuse_is_never_the_greeting_and_a_lower_case_goes_by_is():
    from coach.core.domain import Note
    from coach.crm.facts.names import goes_by

    never = Contact(first_name="Bertrand", last_name="Okafor",
                    notes=[Note(text='He introduced himself as "Bertrand, never Bert, please".')])
    assert goes_by(never) == ""
    dictated = Contact(first_name="Grzegorz", last_name="Nowak", notes=[Note(text="met at the expo he goes by greg")])
    assert goes_by(dictated) == "Greg"
    assert goes_by(Contact(first_name="Tobias", last_name="Ngata", notes=[Note(text="Met Toby at the expo")])) == "Toby"


def test_the_name_the_user_calls_them_by_in_the_request_or_how_they_sign_is_the_greeting():
    from coach.core.domain import Note
    from coach.crm.facts.names import goes_by
    tomasz = Contact(first_name="Tomasz", last_name="Wrona", notes=[Note(text="Tomek helped with the panel prep.")])
    assert goes_by(tomasz) == ""  # the notes alone do not say which name is theirs
    assert goes_by(tomasz, "ask tomek for the referral he offered") == "Tomek"
    nacho = Contact(first_name="Ignacio", last_name="Prado", notes=[Note(text="[09:14] Nacho Prado: new job is public")])
    assert goes_by(nacho, "congratulate nacho on the job") == "Nacho"
    # a third party who shares the first letters is somebody else, not a short form
    ana = Contact(first_name="Anabel", last_name="Quist", notes=[Note(text="Ana Torres introduced us.")])
    assert goes_by(ana, "thank Ana for the intro") == ""
    signs = Contact(first_name="Beatriz", last_name="Sal", notes=[Note(text='- signs DMs "Bia"')])
    assert goes_by(signs) == "Bia"
    assert goes_by(Contact(first_name="Tomasz", last_name="W", notes=[Note(text="everyone at Oakly called him Tomek")])) == "Tomek"
    bracketed = Contact(first_name="Alejandro", last_name="Ybarra Quintero",
                        notes=[Note(text="Jandro (Alejandro Ybarra Quintero), my old roommate")])
    assert goes_by(bracketed) == "Jandro"
    json_field = Contact(first_name="Marisol", last_name="Vega", notes=[Note(text='{"preferred_name": "Sol"}')])
    assert goes_by(json_field) == "Sol"
    # what one third party calls them, or says in quotes, is not the user's name for them
    kav = Contact(first_name="Kaveh", last_name="Farid",
                  notes=[Note(text='Sam: "tell Kav I sent you." Sam calls him Kav. Never met him.')])
    assert goes_by(kav) == ""
    team = Contact(first_name="Tomoko", last_name="Hayashi",
                   notes=[Note(text='Priya\'s team called her "Tomo", I never did.')])
    assert goes_by(team) == ""
    employer = Contact(first_name="Anneliese", last_name="Kowal", company="Parapet Edge",
                       notes=[Note(text="Annika (our IC) is not Anneliese (Parapet).")])
    assert goes_by(employer) == ""


def test_a_job_id_keeps_all_its_parts_and_is_said_as_a_job_id():
    from coach.drafting.request import RequestPart
    from coach.drafting.wants import REF, want_sentence
    assert REF.search("referral for OVG-DS-1187, link").group(0) == "OVG-DS-1187"
    assert want_sentence(RequestPart(kind="ref", text="ID 24-0815"), "referral") == "The job ID is 24-0815."


def test_a_code_or_an_acronym_mid_sentence_is_no_capitalisation_slip_but_a_shouted_word_is():
    from coach.checks import grammar
    assert grammar.problems("The job ID is OVG-DS-1187.", set()) == []
    assert grammar.problems("I will NOT mention it.", set())
