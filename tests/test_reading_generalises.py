"""The chat's reading generalises by structure (issue 26), in our own words and our own address book, none from
the held-out sets: a learner's grammar and inflections ('informations', 'must to', 'I need you write'), a story
ending in the channel asked for, a revision that adds to the draft, halves it, turns it down or makes it into
another channel, a person described by role and company before a verb in -ed, a wh-question asked of the
user's people, a 'who' that only says which person a story is about, a yes/no question about what is wise, a
look-up asked after a question, 'everything you've got' said after a name, a note kept by a clause of its own
('can you save that?'), a name typed in lower case as the owner of a card, and the role someone was given."""

from __future__ import annotations

import pytest

from coach.conversation.cues import clean
from coach.conversation.reading import topic
from coach.conversation.router import route
from tests.test_reading_router_classes import PEOPLE as ROUTER_PEOPLE

# the router-classes address book, with its talent partner a recruiter ("the recruiter from …")
PEOPLE = [c.model_copy(update={"title": "Recruiter"}) if c.id == 3 else c for c in ROUTER_PEOPLE]
BY_ID = {c.id: c for c in PEOPLE}


def read(text: str, has_draft: bool = False, last: int | None = None):
    return route(text, PEOPLE, has_draft=has_draft, last_contact=BY_ID.get(last))


def test_a_known_word_with_a_learners_ending_is_no_typo_of_a_cue():
    assert "informations" in clean("give me all informations on Kenji")
    assert read("show me the informations you have about Kenji").intent == "show"


@pytest.mark.parametrize(("text", "who", "goal"), [
    ("I need you write to Tomas, asking him recommend me for the staff role at Orbit", 5, "referral"),
    ("I want you to draft for Oskar a message, he help me a lot with the pitch", 4, None),
    ("Please can you make for me an email of thanks to Noor, she help me so much", 1, "thank-you"),
])
def test_a_message_asked_in_a_learners_word_order_is_a_draft(text, who, goal):
    r = read(text)
    assert (r.intent, r.contact_id) == ("draft", who)
    if goal:
        assert r.goal == goal


def test_a_story_that_ends_asking_for_a_channel_is_drafted_on_that_channel():
    r = read("Kenji and I shipped the billing rewrite together at Helio years ago. We drifted apart after he moved "
             "to Osaka. I would love to say hello again. Could you write him an email?")
    assert (r.intent, r.contact_id, r.goal, r.channel) == ("draft", 2, "reconnect", "email")
    assert "Could you write" not in r.context  # the request itself is no reason for the message


@pytest.mark.parametrize(("text", "length"), [
    ("maybe half as long?", -1),
    ("could you halve it", -1),
    ("it's a little sparse, can you put in a sentence on the talk we gave together", 1),
    ("add a short line about her advice on my portfolio", 1),
    ("make it twice as long", 1),
])
def test_a_revision_relative_to_the_draft_moves_its_length(text, length):
    r = read(text, has_draft=True, last=1)
    assert (r.intent, r.length) == ("revise", length)


@pytest.mark.parametrize("text", ["meh, not loving it. try a fresh one", "nope, I don't like it at all",
                                  "honestly not feeling this one"])
def test_a_draft_turned_down_is_written_again(text):
    r = read(text, has_draft=True, last=2)
    assert r.intent == "revise" and r.regenerate


def test_a_person_described_by_role_and_company_before_a_verb_in_ed_is_that_person():
    r = read("the recruiter at brightpath stopped answering after my onsite. do I chase her or move on?")
    assert (r.intent, r.contact_id) == ("advise", 3)


@pytest.mark.parametrize("text", ["which of my connections work in fintech?", "who among my contacts knows Rust",
                                  "anyone from my network doing data science?", "which of my peeps are founders"])
def test_a_question_asked_of_the_users_people_is_a_search(text):
    assert read(text).intent == "find"


@pytest.mark.parametrize("text", [
    "what should I tell a bootcamp classmate who I forgot to congratulate last spring?",
])
def test_a_who_that_says_which_person_a_story_is_about_asks_nothing_of_the_network(text):
    assert read(text).intent == "advise"


@pytest.mark.parametrize("text", ["tell me who I must to call back",
                                  "which of my old teammates haven't I caught up with this year"])
def test_who_is_due_asked_in_other_words_and_grammar(text):
    assert read(text).intent == "due"


@pytest.mark.parametrize("text", ["are thank-you notes after a coffee chat ever too much?",
                                  "😬 is messaging a CEO directly a bad idea", "is asking twice for a referral pushy"])
def test_a_yes_no_question_about_what_is_wise_is_advice(text):
    assert read(text).intent == "advise"


def test_a_look_up_asked_after_a_question_waits_for_later():
    r = read("I'm curious how others keep up with old colleagues without it feeling forced. also show me who's due")
    assert r.intent == "advise" and "due" in r.later


@pytest.mark.parametrize(("text", "who"), [("kenji mori — everything you've got", 2),
                                           ("Oskar: all you know", 4)])
def test_everything_known_said_after_the_name_shows_the_card(text, who):
    r = read(text)
    assert (r.intent, r.contact_id) == ("show", who)


def test_what_was_last_noted_about_the_previous_person_shows_their_card():
    r = read("hang on — what have I previously saved about him?", has_draft=True, last=2)
    assert (r.intent, r.contact_id) == ("show", 2)


def test_a_lower_case_name_that_owns_a_card_and_matches_nobody_is_asked_back():
    r = read("pull up rosa delgado's profile")
    assert r.intent == "clarify" and r.unknown_name == "rosa delgado"


@pytest.mark.parametrize(("text", "who", "kept"), [
    ("Noor is moving to Lisbon in June, log that so I remember to ask about it", 1,
     "Noor is moving to Lisbon in June"),
    ("note for Oskar, he wants intros to seed investors", 4, "he wants intros to seed investors"),
    ("Had lunch with Kenji today. He is hiring two SREs next quarter. Could you save this? Then later a thank-you "
     "message maybe.", 2, "He is hiring two SREs next quarter"),
])
def test_a_note_kept_by_a_clause_of_its_own_keeps_what_came_before(text, who, kept):
    r = read(text)
    assert (r.intent, r.contact_id) == ("note", who)
    assert kept in r.note


@pytest.mark.parametrize(("text", "role"), [
    ("Leila was promoted to Head of Talent at Brightpath, send her a congrats note", "Head of Talent"),
    ("Kenji joined Helio as Director of Engineering, congratulate him", "Director of Engineering"),
])
def test_the_role_someone_was_given_is_the_topic_of_a_congratulation(text, role):
    assert topic(text) == role


def test_a_topic_after_a_verb_starts_at_its_article():
    assert topic("Oskar, I want to suggest we run a joint hackathon series. Draft him an email") == \
        "a joint hackathon series"
    assert topic("write to Oskar pitching a partnership for our analytics plugin") == "our analytics plugin"
