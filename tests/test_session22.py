"""Session 22, chat readings in our own wordings (none from any eval case): thanks and "what can you help me
with?" ask no advice; a clause that only thanks the coach is no request; a note said "for the record" or "store
the following for Dr. X:"; a draft "flipped" or "pivoted" to another channel; a message asked for as "help me with
a note for …"; questions put to someone about their work are an informational interview; a note to someone just
met is a follow-up; "like the one you did for A but for B" is to B; being asked for a referral one doubts is a
situation; a "sanity check" that asks a question is advice, not a message to score; "who else do I have at X" is a
search; a pronoun or a bare "talk" is no topic. And checks that false-alarmed on good drafts (a greeting to both
people of an introduction, a pronoun beside "one of our customers", a greeting the user wrote out, a thing said only
in everyday words), each beside the slip it exists for; what to leave out read from what the user says not to say."""

from __future__ import annotations

import pytest

from coach.checks.grounds import greeted_names
from coach.conversation.router import route
from coach.conversation.topics import topic
from coach.core.domain import Contact, Note, Profile
from coach.drafting.brief import Brief
from coach.drafting.request import read_request
from tests.test_chat_revise_classes import (  # the same four contacts the revision classes read against
    BY_ID,
    PEOPLE,
)


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


# ------------------------------------------------------------------ checks that false-alarmed on good drafts

ME = Profile(name="Noor Haddad", headline="Operations lead at Larkspur Logistics")


def _hard(contact: Contact, goal: str, channel: str, context: str, body: str, subject: str = "") -> dict[str, str]:
    brief = Brief(contact=contact, profile=ME, goal=goal, channel=channel, context=context)
    return {c.name: c.detail for c in brief.check(subject, body).checks if c.hard and not c.passed}


ILSE = Contact(id=7, first_name="Ilse", last_name="Brandvold", company="Fjordline Packaging",
               notes=[Note(text="our account rep at Fjordline since 2022; Tobi Ames (Ames Bakes) asked me for a "
                                "compostable bag supplier")])


@pytest.mark.parametrize("line,names", [
    ("Hi Ilse, hi Tobi,\n\nx", ["Ilse", "Tobi"]),
    ("Dear Ana & Tom,\n\nx", ["Ana", "Tom"]),
    ("Hi Ilse,\n\nx", ["Ilse"]),
    ("Hi Ilse, I hope you're well.", []),  # a greeting that runs on into a sentence is no list of names
])
def test_the_names_a_greeting_line_addresses(line, names):
    assert greeted_names(line) == names


def test_an_introduction_greeting_both_people_speaks_of_each_and_a_greeting_to_someone_else_still_fails():
    both = ("Hi Ilse, hi Tobi,\n\nI'd like to introduce you two. Ilse, Tobi runs Ames Bakes and is looking for "
            "compostable bags. Tobi, Ilse has been our account rep at Fjordline since 2022 and she is brilliant.\n\n"
            "I'll let you take it from here.\n\nBest,\nNoor")
    hard = _hard(ILSE, "introduction", "email", "intro email to Ilse and Tobi, cc both", both, "Ilse, meet Tobi")
    assert "greeting" not in hard and "to-them" not in hard
    wrong = both.replace("Hi Ilse, hi Tobi,", "Hi Tobi,")
    assert "greeting" in _hard(ILSE, "introduction", "email", "intro email to Ilse and Tobi, cc both", wrong,
                               "Ilse, meet Tobi")


def test_a_pronoun_beside_someone_named_by_what_they_are_is_theirs_and_one_alone_is_the_recipients():
    body = ("Hi Ilse,\n\nThank you for the bag samples. One of our customers tried them at his market stall "
            "and loved them. Could we talk about a first order?\n\nBest,\nNoor")
    assert "to-them" not in _hard(ILSE, "thank-you", "email", "thank Ilse for the bag samples", body, "Samples")
    slip = body.replace("One of our customers tried them at his market stall", "She sent them quickly")
    assert "to-them" in _hard(ILSE, "thank-you", "email", "thank Ilse for the bag samples", slip, "Samples")


def test_a_greeting_the_user_wrote_out_is_theirs_to_use():
    body = "Hey Ilsy, thank you for the samples! They went down a storm. Noor"
    assert "greeting" not in _hard(ILSE, "thank-you", "linkedin-message",
                                   "thank Ilse for the samples, start with 'Hey Ilsy' as always", body)
    assert "greeting" in _hard(ILSE, "thank-you", "linkedin-message", "thank Ilse for the samples", body)


def test_a_thing_said_only_in_everyday_words_asks_no_word_of_it_and_a_named_one_still_does():
    body = "Hi Ilse,\n\nI wanted to let you know where things stand with our packaging plans.\n\nBest,\nNoor"
    assert "goal" not in _hard(ILSE, "follow-up", "email", "I want to show I did the things she said", body, "Update")
    assert "goal" in _hard(ILSE, "follow-up", "email", "follow up about the kraft paper pallet wrap trial", body,
                           "Update")


@pytest.mark.parametrize("words,avoid", [
    # "don't mention that" points back at the clause before, wherever that clause was read
    ("write to Ilse about the spring order. She doesn't know we trialled another supplier, don't mention that",
     ["She doesn't know we trialled another supplier"]),
    ("nudge Ilse about the quote, no reply yet", []),  # what has happened, not a thing to leave out
    ("offer to visit in May (not the 3-4 May weekend, I'm away)", []),  # a time the user cannot do
    ("offer to visit in May, don't mention the price rise", ["the price rise"]),
    # what follows a comma and a new noun phrase is the next part of the request, unless a list or a clause
    ("no need to mention Oslo, the buyer role on her team", ["Oslo"]),
    ("don't mention the move, the merger or the bonus", ["the move, the merger or the bonus"]),
    ("skip the audit, her boss told me in confidence", ["the audit, her boss told me in confidence"]),
])
def test_what_to_leave_out_is_read_from_what_the_user_says_not_to_say(words, avoid):
    assert read_request(words, ILSE).avoid == avoid


def test_a_place_the_notes_write_in_its_own_language_grounds_its_english_name_and_another_place_does_not():
    ewa = Contact(id=8, first_name="Ewa", last_name="Zielińska",
                  notes=[Note(text="met at the logistics fair in Warszawa; she runs the depot at Kraków airport")])
    good = "Hi Ewa, it was great to meet you at the logistics fair in Warsaw. Could we talk about your depot?"
    assert "grounding" not in _hard(ewa, "follow-up", "linkedin-message", "", good)
    other = good.replace("Warsaw", "Gdańsk")
    assert "Gdańsk" in _hard(ewa, "follow-up", "linkedin-message", "", other)["grounding"]

