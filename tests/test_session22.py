"""Session 22, chat readings in our own wordings (none from any eval case): thanks and "what can you help me
with?" ask no advice; a clause that only thanks the coach is no request; a note said "for the record" or "store
the following for Dr. X:"; a draft "flipped" or "pivoted" to another channel; a message asked for as "help me with
a note for …"; questions put to someone about their work are an informational interview; a note to someone just
met is a follow-up; "like the one you did for A but for B" is to B; being asked for a referral one doubts is a
situation; a "sanity check" that asks a question is advice, not a message to score; "who else do I have at X" is a
search; a pronoun or a bare "talk" is no topic."""

from __future__ import annotations

import pytest

from coach.conversation.router import route
from coach.conversation.topics import topic
from coach.core.domain import Contact

PEOPLE = [Contact(id=1, first_name="Priya", last_name="Shah", company="Stripe", title="Product Manager"),
          Contact(id=2, first_name="Marcus", last_name="Lee", company="Acme Robotics", title="Engineering Manager"),
          Contact(id=3, first_name="Tomas", last_name="Berg", company="Initech", title="Engineering Director",
                  tags=["former-manager"]),
          Contact(id=4, first_name="Elena", last_name="Petrova", company="Northwind Health", title="Nurse Manager")]
BY_ID = {c.id: c for c in PEOPLE}


@pytest.mark.parametrize("text", [
    "Thanks heaps, you helped me loads today!",
    "cheers, you've helped me a ton with all this",
    "So what sort of things can you help me with?",
])
def test_thanks_and_what_the_coach_does_ask_no_advice(text):
    assert route(text, PEOPLE, has_draft=False).intent in ("general", "help")


def test_asking_the_coach_to_help_with_a_situation_is_still_advice():
    r = route("Can you help me figure out how to approach my old boss about a reference?", PEOPLE, has_draft=False)
    assert r.intent == "advise"


@pytest.mark.parametrize("text,who", [
    ("Kindly store the following details for Dr. Petrova: she now runs the night shift rota.", 4),
    ("For the record — Tomas is on parental leave until March", 3),
    ("log this under Marcus: moving to the Lisbon office in spring", 2),
])
def test_a_note_kept_for_the_record(text, who):
    r = route(text, PEOPLE, has_draft=False)
    assert (r.intent, r.contact_id) == ("note", who), r.why


def test_thanks_before_a_style_step_is_no_request_of_its_own():
    r = route("Thanks. It reads a bit blunt though. Please make it warmer, she helped me a lot.", PEOPLE,
              has_draft=True, last_contact=BY_ID[4])
    assert r.intent == "revise", r.why


@pytest.mark.parametrize("text", ["Could we flip this into an email instead?", "pivot it to email please"])
def test_a_draft_moved_to_another_channel(text):
    r = route(text, PEOPLE, has_draft=True, last_contact=BY_ID[1])
    assert (r.intent, r.channel) == ("revise", "email"), r.why


def test_help_with_a_message_asks_for_the_message():
    r = route("Please help me with a short note for Elena to thank her for the shadowing day on Ward 4", PEOPLE,
              has_draft=False)
    assert (r.intent, r.contact_id, r.goal) == ("draft", 4, "thank-you"), r.why


def test_questions_put_to_someone_about_their_work_are_an_informational_interview():
    r = route("I'd like to ask Elena a few questions about managing a ward, can you write her an email?", PEOPLE,
              has_draft=False)
    assert (r.intent, r.goal) == ("draft", "informational-interview"), r.why


@pytest.mark.parametrize("text,goal", [
    ("write Marcus a connection note, I met him at the robotics expo on his stand", "follow-up"),
    # meeting long ago, and a word that says the message reconnects, is a reconnection
    ("write Marcus a note, we met years ago at the expo and I'd love to reconnect", "reconnect"),
])
def test_a_first_note_after_meeting_follows_up(text, goal):
    r = route(text, PEOPLE, has_draft=False)
    assert (r.intent, r.goal) == ("draft", goal), r.why


def test_a_message_like_an_earlier_one_for_someone_else_goes_to_the_someone_else():
    r = route("Write one like the one you did for Priya but for Marcus, congratulating him on the launch", PEOPLE,
              has_draft=False)
    assert (r.intent, r.contact_id, r.goal) == ("draft", 2, "congratulations"), r.why


def test_being_asked_for_a_referral_one_doubts_is_a_situation():
    r = route("Marcus asked me to recommend him for the lead role but his last project went badly. Thoughts?",
              PEOPLE, has_draft=False)
    assert (r.intent, r.contact_id) == ("advise", 2), r.why


def test_a_sanity_check_that_asks_a_question_is_advice_and_a_quoted_message_is_checked():
    asked = route("Sanity check before I send anything: is it too forward to ask Priya about salary bands?", PEOPLE,
                  has_draft=False)
    assert asked.intent == "advise", asked.why
    checked = route('Can you check this message: "Hi Priya, great to meet you at the summit last week."', PEOPLE,
                    has_draft=False)
    assert checked.intent == "check"


def test_who_else_at_a_company_is_a_search():
    assert route("who else do I have at Stripe?", PEOPLE, has_draft=False).intent == "find"


@pytest.mark.parametrize("text,want", [
    ("linkedin request to Priya, keen to talk about the analytics internship", "analytics internship"),
    ("email Marcus asking for a quick chat about it", ""),
])
def test_a_pronoun_or_a_bare_talk_is_no_topic(text, want):
    got = topic(text)
    assert (want in got) if want else got == ""
