"""The chat's reading, session 16 (issue 26), in our own words and our own address book, none from the held-out
sets: a request on LinkedIn is a connection request and 'li-msg' a message; 'what could you help me with' asks
what the app does; asking to be sent someone's details, to open the notes on someone, or whether anything is
saved on them shows their card; dictation's 'uh' and 'um' are read past; 'save that …' and '… put that in her
file' keep a note."""

from __future__ import annotations

import pytest

from coach.conversation.cues import clean
from tests.test_reading_router_classes import read


@pytest.mark.parametrize(("text", "channel"), [
    ("please write one linkedin request to Kenji, I want to ask about platform teams", "linkedin-note"),
    ("/draft li-note oskar reconnect", "linkedin-note"),
    ("li msg to Noor thanking her for the dataset", "linkedin-message"),
])
def test_a_request_on_linkedin_is_a_connection_request(text, channel):
    reading = read(text)
    assert (reading.intent, reading.channel) == ("draft", channel), reading


@pytest.mark.parametrize("text", [
    "Hi, first time here. I was wondering what kinds of things you could help me with...",
    "so like what can u actually help me with?",
])
def test_asking_what_the_app_can_help_with_is_help(text):
    assert read(text).intent == "help"


@pytest.mark.parametrize(("text", "who"), [
    ("Kindly send me the details of Mr. Tomas, my former manager.", 5),
    ("open my notes on the uh Helio guy period", 2),
    ("wait, do I have anything saved on Leila? I forget her team", 3),
])
def test_asking_for_what_is_kept_on_someone_shows_their_card(text, who):
    reading = read(text)
    assert (reading.intent, reading.contact.id if reading.contact else None) == ("show", who), reading


def test_dictation_hesitations_are_read_past():
    assert clean("um, draft a note to the uh Helio guy") == "draft a note to the Helio guy"
    assert clean("an umbrella and a hummus order") == "an umbrella and a hummus order"


@pytest.mark.parametrize(("text", "who"), [
    ("Please save that Noor's son is sitting exams in May, so don't message her then.", 1),
    ('"Kenji - said Helio is opening a Lisbon office." paste that into his notes please', 2),
])
def test_save_that_and_put_that_in_their_file_keep_a_note(text, who):
    reading = read(text)
    assert (reading.intent, reading.contact.id if reading.contact else None) == ("note", who), reading


def test_sending_a_draft_is_still_a_draft():
    assert read("send Noor a thank-you email for the dataset").intent == "draft"
