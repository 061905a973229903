"""Whose reference it is, in our own wordings (none from any eval case): a user who needs a reference, or about
whom a poor one was given, is never read as the referee, never led by advice for the one asked to give it, and
never handed words asking the hostile referee for one."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.advice.adviser import corpus
from coach.advice.ranking import another_side, by_direction, for_referee
from coach.advice.reader import read_situation
from coach.advice.situations import Match
from coach.advice.stakes import reference_of_user
from coach.core.situation import Situation

KNOWLEDGE = Path(__file__).resolve().parents[1] / "coach" / "resources" / "knowledge"
MINE = [
    "The new firm wants a reference from my line manager, who has been cold to me since I raised a grievance.",
    "My last director refused to give me a reference after I resigned. What are my options?",
    "I have no references from my first job because the shop closed down. Who could vouch for me instead?",
    "Can I list my old team lead as a referee even though we haven't spoken in four years?",
]
THEIRS = [
    "A former intern asked me to be a referee for a graduate scheme and I barely remember her work.",
    "He put me down as a reference without asking and now a recruiter has emailed me.",
    "I wrote a reference for my old colleague last year and now she wants another one.",
    "My nephew wants me to write him a glowing reference for a job at my own firm.",
]


@pytest.mark.parametrize("text", MINE)
def test_the_users_own_reference_is_read(text):
    assert reference_of_user(text)


@pytest.mark.parametrize("text", THEIRS)
def test_a_reference_the_user_is_asked_for_is_not_theirs(text):
    assert not reference_of_user(text)


def test_a_refused_reference_of_the_users_is_no_decline_of_theirs():
    text = "My former supervisor has refused to give me a reference, and every job application asks for her."
    read = read_situation(text)
    assert read.reference_of_user and read.direction == "other" and not read.unsure
    assert "reference about you" in read.line()


def test_needing_a_reference_reads_asking_not_asked():
    text = "The agency wants two references from my last employer, and I don't know which of my old managers to ask."
    read = read_situation(text)
    assert read.reference_of_user and read.direction == "asking"


def test_advice_for_a_referee_never_leads_the_users_own_reference():
    articles = corpus(KNOWLEDGE)
    referee = [a for a in articles.values() if for_referee(a)]
    others = [a for a in articles.values() if "reference" in a.about and not for_referee(a)]
    assert referee and others
    matches = [Match(article=a, score=1.0 - i / 100, situation=0.5, body_rank=i + 1)
               for i, a in enumerate(referee + others)]
    mine = Situation(direction="other", stake="reference", stakes=["reference"], reference_of_user=True,
                     confidence=0.9)
    assert not for_referee(by_direction(matches, mine)[0].article)
    theirs = mine.model_copy(update={"reference_of_user": False, "direction": "declining"})
    assert for_referee(by_direction(matches, theirs)[0].article)


def test_no_words_asking_for_a_reference_when_the_users_was_refused():
    mine = Situation(direction="other", stake="reference", stakes=["reference"], reference_of_user=True,
                     confidence=0.9)
    assert another_side(mine, ["asking"])
    assert not another_side(mine, ["asking", "other"])
    assert not another_side(mine.model_copy(update={"reference_of_user": False}), ["asking"])


def test_a_lapse_of_contact_with_no_wrong_done_is_reconnecting():
    from coach.advice.reader import read_rules
    text = ("I neglected my old lab contacts after I moved to industry and we fell out of touch. How do I revive "
            "those ties without it being awkward?")
    assert read_rules(text) == "reconnecting"
    assert read_rules("We had a bad argument before I left and then fell out of touch. " + text) != "reconnecting"


def test_being_fired_in_someone_elses_story_is_no_news_of_the_users():
    from coach.advice.reader import read_rules
    assert read_rules("My old director now claims I was fired, and people keep repeating it. It is not true.") \
        != "announcing"
    assert read_rules("I was fired on Monday and need to tell my network.") == "announcing"
