"""The chat's reading of questions about the user's own network and of general how-to questions, by classes of
phrasing (our own words, none from the held-out sets): who in the network is a kind of person (what the user
holds, where they keep people, a search through them), what is known about someone (asked of the coach or of
oneself, direct or embedded), who has been let slip, whether something is acceptable or the way to do it (advice,
not a general answer), and the field a message is about when the user says what they are moving into."""

from __future__ import annotations

import pytest

from coach.conversation.reading import topic
from coach.conversation.router import route
from coach.core.domain import Contact

PEOPLE = [Contact(id=1, first_name="Noor", last_name="Haddad", company="Vantage Bank", title="Data Scientist"),
          Contact(id=2, first_name="Kenji", last_name="Mori", company="Helio", title="Engineering Manager"),
          Contact(id=3, first_name="Leila", last_name="Farouk", company="Brightpath", title="Talent Partner",
                  tags=["ex-colleague"]),
          Contact(id=4, first_name="Oskar", last_name="Lind", company="Nordlys", title="Founder")]
BY_ID = {c.id: c for c in PEOPLE}


def read(text: str, has_draft: bool = False, last: int | None = None):
    return route(text, PEOPLE, has_draft=has_draft, last_contact=BY_ID.get(last))


@pytest.mark.parametrize("text", [
    "have we got any investors?",        # what the user holds, a role-like plural
    "Do I have any product designers?",
    "DO I HAVE ANY ENGINEERING MANAGERS",
    "any QAs saved?",                                   # where they keep people; an acronym's plural
    "data scientists in here?",
    "search my network for kubernetes",                 # a search through the network
    "could you look through my connections for fintech folks",
    "who do I have in banking?",
])
def test_who_in_the_network(text):
    assert read(text).intent == "find"


@pytest.mark.parametrize("text", [
    "do I have any options left after that rejection?",  # things, not people
    "do I have any reasons to worry about the silence?",
    "who do I have to thank for the intro?",             # "have to": an obligation, not a lookup
])
def test_not_a_lookup(text):
    assert read(text).intent != "find"


@pytest.mark.parametrize("text,last,contact", [
    ("what have you got on Kenji?", None, 2),
    ("what do you know about Noor Haddad", None, 1),
    ("tell me all about Oskar", None, 4),
    ("everything you've saved about my ex-colleague", None, 3),
    ("can you remind me what we know about him", 2, 2),
])
def test_what_is_known_about_someone(text, last, contact):
    r = read(text, has_draft=last is not None, last=last)
    assert (r.intent, r.contact_id) == ("show", contact)


@pytest.mark.parametrize("text", [
    "which people have I been forgetting to message?",
    "who have i forgotten about lately",
    "WHO DO I HAVE TO CHECK IN WITH BEFORE FRIDAY",
    "who do I need to reach out to this month?",
])
def test_who_is_due(text):
    assert read(text).intent == "due"


@pytest.mark.parametrize("text,contact", [
    ("is it pushy to message a hiring manager directly?", None),
    ("would it be unprofessional to connect with my interviewer on linkedin", None),
    ("what's the right way to turn down a coffee invite from an old colleague?", None),
    ("how should one approach a speaker after their talk?", None),
    ("any pointers on introducing myself at a meetup", None),
    ("I should send a thank-you card or an email?", None),  # a choice in statement word order
    ("Kenji is a director now. I must call him Kenji or Mr. Mori?", 2),
])
def test_how_to_questions_are_advice(text, contact):
    r = read(text)
    assert (r.intent, r.contact_id) == ("advise", contact)


@pytest.mark.parametrize("text", ["what's the exchange rate for yen today?", "what's 12 times 7?"])
def test_questions_off_networking_stay_general(text):
    assert read(text).intent == "general"


@pytest.mark.parametrize("text,want", [
    # the field the user moves into beats a topic that says nothing by itself
    ("I'm pivoting into climate tech, could you write Oskar asking for a 20 minute call about his job",
     "climate tech"),
    ("email Kenji asking if he'd mentor me while I transition from QA to engineering management",
     "engineering management"),
    # a field is not cut in two by a word that is also a role noun ("product")
    ("I want to find out what product marketing looks like, please email Noor for a short chat", "product marketing"),
    ("draft Leila a note, I want ask her how is to work as talent partner, maybe a quick call", "talent partner"),
    # an opening said to exist names its role
    ("ask Leila to refer me, there's a payments analyst req open. linkedin please", "payments analyst"),
])
def test_topic_is_the_field(text, want):
    r = read(text)
    assert r.intent == "draft" and want in r.topic.lower()


def test_a_specific_topic_still_wins_over_the_field():
    assert topic("ask Noor for a referral for the risk modelling role, as I move into banking") == \
        "the risk modelling role"
    assert topic("I am moving to Lisbon, write Kenji to catch up") == ""  # a place moved to is no field


def test_who_said_of_a_person_only_says_which_one():
    # "the Oskar who's a founder …" picks the person out; it asks nothing about him
    r = read("the Oskar who's a founder at Nordlys just closed his seed round, send him a quick congrats")
    assert (r.intent, r.contact_id, r.goal) == ("draft", 4, "congratulations")
    assert (read("hang on, who's Leila again?").intent, read("hang on, who's Leila again?").contact_id) == ("show", 3)
