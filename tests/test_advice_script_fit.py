"""A script says only what the situation says; the user's question decides whether someone asked is deciding."""

from __future__ import annotations

import pytest

from coach.advice.fitting import fitted, fitted_script
from coach.advice.questions import read_question
from coach.advice.reader import read_rules, read_situation
from coach.core.situation import Situation

EXAMPLE = ("Hi [name],\n\nThanks for the invite again, and for thinking of me. I'm going to be honest: [your reason], "
           "so I'm not taking on regular coffees.\n\nI'd still like to hear how [what they are working on] goes. "
           "Drop me a message when it's out.\n\n"
           "Love,\n[your name]")


def test_a_sentence_stating_a_story_the_user_never_told_is_dropped():
    fit = fitted(EXAMPLE, "An old acquaintance keeps asking to meet for lunch and I have no time.")
    assert "coffees" not in fit.script and "invite" not in fit.script  # never said: the sentences go
    assert "I'd still like to hear how [what they are working on] goes." in fit.script  # slots claim nothing
    assert "Love," not in fit.script and fit.script.endswith("[your name]")  # a sign-off that is no sign-off
    assert {"invite", "regular"} <= set(fit.dropped)  # "coffees" is in many articles: advice's own word


def test_the_same_sentences_stay_when_the_user_told_them():
    fit = fitted(EXAMPLE, "She invited me again to one of her regular coffees and I want out.")
    assert "Thanks for the invite again" in fit.script and "regular coffees" in fit.script


def test_a_script_left_without_content_is_not_shown_and_the_note_says_why():
    script = "Hi [name],\n\nSince we worked together on the billing migration, I kept the deadline in mind.\n\n" \
             "Best,\n[your name]"
    situation = Situation(direction="asking", stake="referral")
    shown, why = fitted_script(script, script, situation, "I met her once at a meetup.", "Some article")
    assert shown == "" and "another story" in why and "migration" in why


@pytest.mark.parametrize("text,kind", [
    ("What am I actually allowed to say?", "what-to-say"),
    ("Do I vouch for him, say I can't really judge, or what?", "whether"),
    ("Is that fair?", "is-it-fair"),
    ("How do I turn him down without being rude?", "how-to-decline"),
    ("how do i end this", "how-to"),
    ("I'm not going to hire him; what I need is a way to tell his father", ""),
])
def test_the_users_question_is_typed(text, kind):
    assert read_question(text) == kind


@pytest.mark.parametrize("text", [
    "A former teammate put me down as a reference and I'd never work with him again. What can I legally say?",
    "My neighbour asked me to put in a word for her son. I barely know him and I don't want to vouch blindly. "
    "Should I do it anyway, or stay out of it?",
    "An acquaintance asked me to meet his daughter about my field. She never called me and I'm not inclined to "
    "give her my time. Is that fair?",
])
def test_asked_and_deciding_is_not_read_as_a_no(text):
    assert read_rules(text) == "asked"
    situation = read_situation(text)
    assert situation.direction == "asked" and situation.question in ("what-to-say", "whether", "is-it-fair")


def test_asked_and_asking_how_to_say_no_is_still_a_no():
    assert read_rules("A vendor asked me to speak at his launch. How do I say no politely?") == "declining"
    assert read_rules("A vendor asked me to speak at his launch. I want to decline. What do I write back?") \
        == "declining"


def test_a_user_still_deciding_gets_no_decline_script():
    situation = Situation(direction="asked", stake="reference", question="whether")
    shown, why = fitted_script(EXAMPLE, EXAMPLE, situation, "Should I give the reference or not?", "A guide")
    assert shown == "" and "deciding" in why
    asked = Situation(direction="asked", stake="reference", question="what-to-say")
    decline = "Hi [name],\n\nI don't think I'm the right reference for you.\n\nBest,\n[your name]"
    shown, why = fitted_script(decline, decline, asked, "What can I say to the reference caller?", "A guide")
    assert shown == "" and "says no" in why


def test_a_no_or_an_apology_missing_a_sentence_is_not_shown_and_words_of_many_articles_are_kept():
    decline = ("Hi [name],\n\nThanks for getting in touch. I've been swamped by the gearbox rebuild, so I'm going to pass "
               "on it. I'm happy to help with [what you can do], though.\n\nBest,\n[your name]")
    shown, why = fitted_script(decline, "", Situation(direction="declining"), "A classmate wants me to join his "
                               "business and I want to say no.", "Some article")
    assert shown == "" and "gearbox" in why
    invite = "Hi [name],\n\nThanks for the coffee last year. Could we talk about [topic] on a call?\n\nBest,\n[your name]"
    shown, _ = fitted_script(invite, "", Situation(direction="asking"), "I want to see an old friend.", "Some")
    assert "coffee" in shown  # a word many guidance articles use tells no story of its own
