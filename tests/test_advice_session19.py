"""Session-19 articles, asked in our own wordings (none from any eval case): a client lost after a failure on the
user's side, a friendship that turned into a reporting line, a contact who is seriously ill (a circumstance read
from the words, said of the other side and not of the user)."""

from __future__ import annotations

import pytest

from coach.advice.reader import read_traits


@pytest.fixture(scope="module")
def coach(corpus_coach):
    return corpus_coach


@pytest.mark.slow
@pytest.mark.parametrize(("words", "title"), [
    ("We lost a distributor last month after two shipments went out with the wrong labels. I'd like to earn "
     "their business back. What do I say to the buyer?", "Winning back a client you lost"),
    ("My buddy from the night shift was made our supervisor in June, and he's been sharp with me ever since. "
     "Do I say something?",
     "When a friend becomes your boss, or you become theirs"),
    ("A supplier I worked with for years is on extended sick leave after a stroke. We haven't spoken since "
     "2021. Is it odd to send a note?", "When a contact is seriously ill"),
])
def test_a_new_situation_leads_with_its_article(coach, words, title):
    assert coach.advise(words).title == title


@pytest.mark.parametrize(("words", "ill"), [
    ("my old mentor has been in hospital since March", True),
    ("she was diagnosed last year and is in treatment now", True),
    ("I have a chronic illness and want to network without oversharing", False),
    ("the recruiter has been sick of my emails, I think", False),
])
def test_illness_is_read_of_the_other_side(words, ill):
    assert ("illness" in read_traits(words)) is ill
