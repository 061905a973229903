"""The chat's reading, session 17 (issue 26), in our own words and our own address book, none from the held-out
sets: after a card was shown, 'now do the same for X' and 'the other <name>' show the next one; a checklist's
box and a quoted line of the previous turn are read past; 'is it daft to …', 'have I blown it' ask for advice;
'the one from <place>' and 'the <role> lad' describe a contact; 'well done on …' congratulates; 'jolly' is
friendlier and 'official' formal; a 'connection req' is a connection request; 'turn the whole thing into …'
changes the draft's channel."""

from __future__ import annotations

import pytest

from coach.conversation.router import route
from coach.core.domain import Contact
from tests.test_reading_router_classes import BY_ID, PEOPLE, read

TWINS = [*PEOPLE, Contact(id=6, first_name="Kenji", last_name="Sato", company="Umbra", title="Designer")]


def after_card(text: str, last: int, people=PEOPLE):
    return route(text, people, has_draft=False, last_contact={c.id: c for c in people}[last], last_intent="show")


@pytest.mark.parametrize("text", ["great. now do the same for Leila", "and Leila?", "now Leila too"])
def test_after_a_card_the_same_for_someone_else_shows_theirs(text):
    r = after_card(text, 1)
    assert (r.intent, r.contact_id) == ("show", 3)


@pytest.mark.parametrize("text", ["now the other Kenji", "no, I meant the second Kenji - what's on him?"])
def test_the_other_namesake_is_the_one_not_just_shown(text):
    r = after_card(text, 2, TWINS)
    assert (r.intent, r.contact_id) == ("show", 6)


def test_the_other_namesake_without_a_previous_turn_is_asked_back():
    r = route("show me the other Kenji", TWINS, has_draft=False)
    assert r.contact_id is None and {c.id for c in r.choices} == {2, 6}


def test_without_a_card_before_the_same_for_someone_is_not_a_card():
    r = route("now do the same for Leila", PEOPLE, has_draft=False, last_contact=BY_ID[1])
    assert r.intent != "show"


@pytest.mark.parametrize(("text", "intent", "who"), [
    ("[ ] email oskar re the seed round intro", "draft", 4),
    ("- [x] note: Noor moved to the risk team in May", "note", 1),
    ("☐ send conn req to Tomas about the offsite", "draft", 5),
])
def test_a_checklist_item_is_read_as_its_request(text, intent, who):
    r = read(text)
    assert (r.intent, r.contact_id) == (intent, who)


def test_a_connection_req_is_a_connection_request():
    assert read("send a connection req to Tomas about the offsite").channel == "linkedin-note"


def test_a_quoted_line_of_the_draft_is_not_the_request():
    r = read("> Would you have 15 minutes next week?\n\nkeep that line but turn the whole thing into an email",
             has_draft=True, last=2)
    assert (r.intent, r.channel) == ("revise", "email")


@pytest.mark.parametrize("text", [
    "is it daft to add a recruiter on LinkedIn after one phone screen?",
    "Is it cheeky if I ask my old lecturer for a reference after four years?",
    "I cancelled on Kenji three times. Is it salvageable?",
    "I snapped at Leila in the standup, have I blown it?",
])
def test_whether_a_move_is_wise_or_a_harm_mended_is_advice(text):
    assert read(text).intent == "advise"


@pytest.mark.parametrize(("text", "who"), [
    ("write the one from the bank a thank-you for the workshop", 1),
    ("draft something for the guy at Helio about platform teams", 2),
    ("should I chase the founder lad again?", 4),
])
def test_a_person_described_by_place_or_role_is_found(text, who):
    assert read(text).contact_id == who


def test_well_done_on_something_is_a_congratulation():
    r = read("a quick linkedin message to Noor, well done on the model launch")
    assert (r.intent, r.contact_id, r.goal) == ("draft", 1, "congratulations")


@pytest.mark.parametrize(("text", "tone"), [("too official, she's a mate. more jolly please", -1),
                                            ("make it more official, he chairs the board now", 1)])
def test_jolly_is_friendlier_and_official_formal(text, tone):
    r = read(text, has_draft=True, last=3)
    assert (r.intent, r.tone) == ("revise", tone)


def test_not_the_one_at_an_employer_is_their_namesake_elsewhere():
    r = route("show me Kenji, not the one at Helio", TWINS, has_draft=False)
    assert (r.intent, r.contact_id) == ("show", 6)


def test_that_name_from_before_is_the_one_just_spoken_of():
    r = route("ok draft that Kenji from before an email about design reviews", TWINS, has_draft=False,
              last_contact={c.id: c for c in TWINS}[6], last_intent="show")
    assert (r.intent, r.contact_id) == ("draft", 6)


def test_a_misspelt_employer_word_in_a_description_is_read():
    r = read("write the one at Brigthpath a thank-you email for the referral")
    assert (r.intent, r.contact_id) == ("draft", 3)


def test_the_email_to_someone_names_the_recipient_among_two_people():
    r = read("I'd like to introduce Noor to Kenji - can you draft the email to Kenji?")
    assert (r.intent, r.contact_id, r.goal) == ("draft", 2, "introduction")


def test_a_message_to_them_offering_an_introduction_to_someone_named_is_to_them():
    r = read("great, write her a LinkedIn message offering to introduce her to Kenji", last=3)
    assert (r.intent, r.contact_id) == ("draft", 3)


@pytest.mark.parametrize(("text", "who"), [
    ("Save: Noor prefers calls over email.", 1),
    ("Please note Pak Tomas have new office in Lyon", 5),
    ("Please save for Bu Leila: she moved to the Berlin team.", 3),
    ("Please write in the notes of Mister Kenji that he wants the deck by Friday.", 2),
])
def test_a_note_asked_in_other_words_and_with_an_honorific_is_a_note(text, who):
    r = read(text)
    assert (r.intent, r.contact_id) == ("note", who)


@pytest.mark.parametrize(("text", "channel", "goal"), [
    ("draft an email to Noor, no actually make it a LinkedIn message, asking about model monitoring", "linkedin-message",
     None),
    ("Write to Kenji asking for a referral... wait, no, we haven't spoken in years. Just reconnect first. Email.",
     "email", "reconnect"),
])
def test_what_is_said_after_a_change_of_mind_wins(text, channel, goal):
    r = read(text)
    assert r.intent == "draft" and r.channel == channel and (goal is None or r.goal == goal)


@pytest.mark.parametrize("text", ["Is there anyone I know who can help me get into data engineering? Please check.",
                                  "You're going to find me someone in my contacts who could help me prep for an "
                                  "interview."])
def test_someone_i_know_who_could_help_is_a_search(text):
    assert read(text).intent == "find"
