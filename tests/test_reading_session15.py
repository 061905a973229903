"""The chat's reading, session 15 (issue 26), in our own words and our own address book, none from the held-out
sets: what a chat or mentoring is asked about is the topic and where two met is not; a promotion names the new
role; thanks said in another language or with a swipe slip; a judgement asked in statement word order ('… is
fine, right?') is advice, and 'should I even send this to him?' with a draft on the table too; a channel of three
words ('as a LinkedIn connection request'); a fault such as 'too fancy' and a phrasal ask ('warm it up'); a
person described with the article dropped ('notes on data scientist from bank'); 'note for X that …'; a draft
asked as a statement with a tag ('you can write X something …, right?')."""

from __future__ import annotations

import pytest

from coach.conversation.topics import topic
from tests.test_reading_router_classes import PEOPLE, read


@pytest.mark.parametrize(("text", "want"), [
    ("ran into her at the fintech summit and we got talking about credit risk models", "credit risk models"),
    ("a note to Noor, met her at the data meetup in Leeds, to follow up on our chat about credit risk models",
     "credit risk models"),
    ("ask Oskar if he'd mentor me on pricing a first hardware product", "pricing a first hardware product"),
    ("ask Kenji if he'd mentor me in engineering leadership", "engineering leadership"),
    ("I'd like to ask him advice on platform engineering", "platform engineering"),
    ("a 15 minute call about how she got into data science", "data science"),
    ("congratulate Kenji on his promotion to Director of Engineering", "Director of Engineering"),
])
def test_what_a_chat_or_mentoring_is_about_is_the_topic(text, want):
    assert topic(text) == want


def test_where_two_met_is_not_the_topic_when_a_subject_is_said():
    assert topic("met him at the robotics meetup, want to follow up on our talk about warehouse drones") == \
        "warehouse drones"


@pytest.mark.parametrize("text", [
    "necesito un email para Noor pa' darle las gracias por the intro",
    "Kenji ko shukriya bolna hai for the code review, short LinkedIn message",
    "draft a think you note to Oskar for the demo day invite",
])
def test_thanks_in_another_language_or_a_swipe_slip_is_a_thank_you(text):
    r = read(text)
    assert (r.intent, r.goal) == ("draft", "thank-you")


@pytest.mark.parametrize(("text", "has_draft", "last"), [
    ("Sending Kenji a LinkedIn invite without a note is fine, right?", False, None),
    ("es tacky to ask Oskar for a free prototype si somos friends?", False, None),
    ("hmm, should I even send this to him? it's been three years", True, 5),
])
def test_a_judgement_asked_in_statement_order_is_advice(text, has_draft, last):
    assert read(text, has_draft=has_draft, last=last).intent == "advise"


def test_a_draft_sent_to_someone_is_not_a_channel_change():
    assert read("send this to him as an email", has_draft=True, last=5).channel == "email"


def test_a_channel_said_in_three_words_is_the_one_made():
    r = read("can we redo this as a LinkedIn connection request? we aren't connected", has_draft=True, last=2)
    assert (r.intent, r.channel) == ("revise", "linkedin-note")


@pytest.mark.parametrize("text", [
    "that's a touch too fancy for Kenji, can you warm it up some?",
    "loosen it up a bit, we're friends",
    "Kenji ke liye thoda chhota karo",
])
def test_a_fault_or_a_phrasal_ask_revises_the_draft(text):
    r = read(text, has_draft=True, last=2)
    assert r.intent == "revise"
    if "chhota" in text:
        assert r.length == -1
    else:
        assert r.tone == -1


def test_a_person_described_with_the_article_dropped():
    r = read("Show me notes on data scientist from bank.")
    assert (r.intent, r.contact_id) == ("show", 1)


def test_a_note_for_someone_that_says_what_to_keep():
    r = read("Please note for Kenji Mori that he is moving to Osaka in spring.")
    assert (r.intent, r.contact_id) == ("note", 2)


def test_a_draft_asked_as_a_statement_with_a_tag():
    r = read("You can write Noor something asking if she'd introduce me to someone on her risk team, right?")
    assert (r.intent, r.contact_id) == ("draft", 1)


@pytest.mark.parametrize("text", ["Show me everything about Frau Mori", "a thank-you note to Señora Haddad please",
                                  "what do I have on Madame Lind?"])
def test_a_courtesy_title_of_another_language_is_a_title(text):
    assert read(text).contact_id in (2, 1, 4)
    assert read(text).intent in ("show", "draft")


def test_a_summary_asked_in_meeting_words_shows_the_card():
    r = read("can I get a quick rundown on the Helio contact before standup?")
    assert (r.intent, r.contact_id) == ("show", 2)


def test_advice_asked_of_them_on_a_field_is_an_informational_interview():
    r = read("Write a note of connection on LinkedIn to Noor, I want to ask her advices on risk modelling")
    assert (r.intent, r.goal, r.channel) == ("draft", "informational-interview", "linkedin-note")


def test_asking_whether_they_do_it_wrong_is_advice_and_a_question_of_the_app_is_not():
    assert read("Nobody answers my cold emails. Am I doing something wrong?").intent == "advise"
    assert read("Do you send the emails for me or do I copy them?").intent != "advise"


def test_what_a_thank_you_is_for_is_its_topic():
    assert read("write up a lil thank you email for Tomas, for de intro he give me last week").topic == "intro"


@pytest.mark.parametrize("text, company", [("who do i no at vanatge bank", "Vantage Bank"),
                                           ("anyone at Heilo?", "Helio"), ("who do I know at Brigthpath", "Brightpath")])
def test_a_workplace_typed_with_a_slip_is_searched(text, company):
    from coach.conversation.people import company_named
    assert company_named(text, PEOPLE) == company


def test_an_english_word_one_letter_short_of_a_workplace_is_not_it():
    from coach.conversation.people import company_named
    assert company_named("strip the logo off", [c.model_copy(update={"company": "Stripe"}) for c in PEOPLE]) == ""


def test_a_title_after_to_is_no_unknown_name():
    r = read("Draft a congratulations note to Kenji, I saw he got promoted to CTO")
    assert (r.intent, r.contact_id) == ("draft", 2)


def test_the_draft_named_as_such_changes_channel():
    r = read("User requests: convert previous draft to email format. No other changes.", has_draft=True, last=2)
    assert (r.intent, r.channel) == ("revise", "email")


def test_how_to_asked_without_its_subject_is_advice():
    r = read("Issue: I promised Oskar Lind a deck and forgot for a month. Question: how to recover gracefully?")
    assert r.intent == "advise"
