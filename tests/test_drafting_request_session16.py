"""Request parts read in session 16: what the thing thanked for did, a 'no rush' said last, an offer made on a
condition, and 'so say …' after a remark for the coach."""

from __future__ import annotations

import pytest

from coach.core.domain import Contact, Note, Profile
from coach.drafting.composer import Brief, compose
from coach.drafting.request import read_request

HANNE = Contact(id=3, first_name="Hanne", last_name="Varga", company="Kestrel Mills", title="Editor",
                notes=[Note(text="Ran the supplier spotlight in the spring newsletter.")])


@pytest.mark.parametrize("words, said", [
    ("thank her for the spotlight. it's brought us 4 new stockists", "It's brought us 4 new stockists"),
    ("thank her for the intro to Bela — it led to a contract", "It led to a contract"),
    ("congrats on the launch. it sold out in a day", "It sold out in a day"),
])
def test_what_the_thing_just_named_did_is_said(words, said):
    reading = read_request(words, HANNE)
    assert said in [p.text for p in reading.parts if p.kind == "mine"], reading.line()
    assert not reading.left_out, reading.line()


def test_it_with_nothing_named_before_is_not_said():
    reading = read_request("it's brought us 4 new stockists", HANNE)
    assert not [p for p in reading.parts if p.kind == "mine"], reading.line()


@pytest.mark.parametrize("words", ["thank her for the spotlight. She's away till May so say no rush to reply",
                                   "thank her for the spotlight, tell her no rush to reply"])
def test_no_rush_is_said_last_and_the_remark_for_the_coach_is_not(words):
    reading = read_request(words, HANNE)
    assert [p.text for p in reading.parts if p.kind == "parting"] == ["No rush to reply"], reading.line()
    assert not any("say" in x or "rush" in x for x in reading.left_out), reading.line()
    _, body, _, _ = compose(Brief(contact=HANNE, goal="thank-you", channel="email", profile=Profile(name="Ilse Moor"),
                                  context=words))
    lines = [ln for ln in body.split("\n") if ln.strip()]
    assert lines[-3].endswith("No rush to reply."), body  # the last line before the sign-off


def test_a_closing_remark_after_so_say_that_is_not_split():
    reading = read_request("connection req. My email bounced so say that", HANNE)
    assert "My email bounced" in [p.text for p in reading.parts], reading.line()
    assert not reading.left_out, reading.line()


def test_an_offer_made_on_a_condition_is_said_as_one_sentence():
    reading = read_request("thank her. also offer that if Kestrel ever needs case studies we're happy to help", HANNE)
    assert "If Kestrel ever needs case studies, we're happy to help" in [p.text for p in reading.parts], reading.line()
    other = read_request("thank her. offer that if she ever needs case studies we're happy to help", HANNE)
    assert not [p for p in other.parts if "case studies" in p.text], other.line()


@pytest.mark.parametrize("words, kind, text", [
    ("Could you ask her for a 20-min chat about how to make that move", "meet", "20 min chat about how to make that move"),
    ("can you ask him for a quick call", "meet", "call"),
    ("ask Hanne for a coffee next week", "meet", "coffee next week"),
    ("He offered in week 3 of the course to send me his template once the course ended", "their-offer",
     "send me your template once the course ended"),
])
def test_an_instruction_asked_of_the_coach_or_with_a_time_between_is_read(words, kind, text):
    reading = read_request(words, HANNE)
    assert [p.kind for p in reading.parts] == [kind] and reading.line().startswith(f"{kind}: {text}"), reading.line()


def test_what_they_offered_is_followed_up_by_asking_whether_it_still_stands():
    words = "she kindly offered at the fair to send me her supplier list. write the follow-up"
    reading = read_request(words, HANNE)
    assert [(p.kind, p.extra) for p in reading.parts] == [("their-offer", "offered at the fair")], reading.line()
    _, body, _, _ = compose(Brief(contact=HANNE, goal="follow-up", channel="email", profile=Profile(name="Ilse Moor"),
                                  context=words))
    assert "You offered at the fair to send me your supplier list." in body, body
    assert "Would that still be possible" in body and "where things stand" not in body, body


def test_so_definitely_dont_splits_the_remark_from_what_to_leave_out():
    reading = read_request("She said no CVs in DMs so definitely don't attach or mention my CV", HANNE)
    assert reading.avoid == ["attach or mention my CV"], reading.line()


@pytest.mark.parametrize("words", ["Want him to intro me to Lucia Ferrandi, the new head of logistics at Berth 6",
                                   "I'd like her to introduce me to Lucia Ferrandi"])
def test_wanting_them_to_introduce_you_names_the_person(words):
    reading = read_request(words, HANNE)
    assert [(p.kind, p.text) for p in reading.parts] == [("person", "Lucia Ferrandi")], reading.line()


def test_an_introduction_the_user_offers_asks_whether_it_is_wanted():
    words = "Want to offer Hanne an intro to Lola Brennan for the Fairview package. Ask her first."
    subject, body, _, _ = compose(Brief(contact=HANNE, goal="introduction", channel="email",
                                        profile=Profile(name="Ilse Moor"), context=words))
    assert "introduce you to Lola Brennan for the Fairview package" in body, body
    assert "introducing me" not in body and "Would that be useful?" in body, body
    assert subject == "An introduction that may help", subject


def test_the_goals_blurb_is_not_offered_twice():
    words = "ask him to intro me to Lucia Ferrandi. Offer a short blurb about my firm he can pass on."
    _, body, _, _ = compose(Brief(contact=HANNE, goal="introduction", channel="email",
                                  profile=Profile(name="Ilse Moor"), context=words))
    assert body.count("blurb") == 1, body


def test_an_introduction_email_to_someone_is_to_the_name_the_notes_use():
    from coach.crm.facts.names import goes_by
    kwabena = Contact(id=9, first_name="Kwabena", last_name="Asante-Boateng", notes=[Note(
        text="Kobby (never uses Kwabena except on paper)\n- Kobby said to call anytime")])
    assert goes_by(kwabena, "introduction Email to Kobby please. Want him to intro me to Lucia") == "Kobby"
    assert goes_by(kwabena, "connection request to Kobby") == "Kobby"


def test_first_name_is_fine_in_the_notes_greets_by_first_name_not_title():
    from coach.crm.facts.names import asked_by_name
    anjali = Contact(id=5, first_name="Dr. Anjali", last_name="Raghunathan", notes=[Note(
        text='How should I introduce you? "Dr. Anjali Raghunathan" (first name is fine in conversation, Anjali)')])
    assert asked_by_name(anjali)
    brief = Brief(contact=anjali, goal="thank-you", channel="email", profile=Profile(name="Milo Castellanos"),
                  context="thank her for coming on the show. casual")
    assert brief.addressed() == "Anjali"


def test_a_second_thanks_joins_the_first():
    _, body, _, _ = compose(Brief(contact=HANNE, goal="thank-you", channel="email", profile=Profile(name="Ilse Moor"),
                                  context="Thank her for the spotlight. Thank her for the photos too."))
    assert "Thank you for the spotlight, and for the photos." in body, body


@pytest.mark.parametrize("words, sign", [("Email to Yusuf. Don't mention the grant amount. From Trish.", "Trish"),
                                         ("thank her for the referral from Sam Lee", "")])
def test_from_and_a_name_as_the_last_sentence_is_the_signature(words, sign):
    assert read_request(words, HANNE).sign_as == sign


def test_suggesting_we_do_something_is_said_as_a_suggestion():
    reading = read_request("suggest we meet to talk rates and logistics", HANNE)
    assert [(p.kind, p.text) for p in reading.parts] == [("mine", "Perhaps we could meet to talk rates and logistics")]


@pytest.mark.parametrize("words, avoid", [
    ("do NOT use the word mentor or mentorship, she hates it", ["mentor", "mentorship"]),
    ("don't say the word 'networking'", ["networking"]),
    ("don't mention the word count", ["the word count"]),
])
def test_words_not_to_use_are_left_out_as_words(words, avoid):
    assert read_request(words, HANNE).avoid == avoid


def test_what_they_asked_the_user_to_do_is_no_offer_to_follow_up_on():
    words = "she asked me to send the deck on the co-op idea. write the follow-up"
    _, body, _, _ = compose(Brief(contact=HANNE, goal="follow-up", channel="email", profile=Profile(name="Ilse Moor"),
                                  context=words))
    assert "Would that still be possible" not in body, body


@pytest.mark.parametrize("words, length, tone, coach", [
    ("keep it short, she's busy", -1, 0, ["she's busy"]),
    ("Keep it short and practical", -1, 0, []),
    ("keep it tight", -1, 0, []),
    ("keep it friendly but businesslike, under 200 words", -1, -1, []),
    ("Keep it casual we were friendly", 0, -1, ["we were friendly"]),
])
def test_a_style_with_its_reason_is_read_and_the_reason_is_for_the_coach(words, length, tone, coach):
    reading = read_request(words, HANNE)
    assert (reading.length, reading.tone, reading.to_coach, reading.left_out) == (length, tone, coach, []), reading.line()
