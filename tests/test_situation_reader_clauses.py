"""Issue 25, class 2: who asked whom, read from the clauses' structure (the request verb's subject and object), not
from lists of phrasings; the phrasebook classifier as a second opinion, and a reading they disagree on shown as
unsure. Every phrasing here was written for these tests, in wordings no cue lists."""

from __future__ import annotations

import numpy as np
import pytest

from coach.advice import reader
from coach.advice.clauses import OTHER, USER, requests, who_asks
from coach.advice.reader import centroids, read_rules, read_situation
from tests.doubles import HashingEmbeddings


@pytest.mark.parametrize("text", [
    "The treasurer of my running club has requested that I look over his daughter's application",
    "Last week an old flatmate begged me for a spot on my team",
    "My brother-in-law's business partner invited me onto their advisory group, unpaid",
    "I was approached after my talk by a founder who wants me on her cap table",
    "A parent from my kid's school needs me to put her in front of our head of sales",
    "She messaged me on Sunday, asking for a few minutes with my director",
    "I've been asked by a supplier to endorse his product in our newsletter",
    "A former intern wants an intro to my director",
])
def test_someone_else_asking_the_user_reads_as_asked(text):
    assert who_asks(text) == "asked"
    assert read_rules(text) == "asked"


@pytest.mark.parametrize("text", [
    "I'd like my old team lead to put me forward for the platform role",
    "Is it okay to approach the author of a paper I liked about a collaboration?",
    "How do I request thirty minutes with a VP I've never met",
    "I'm planning to write to alumni from my course, asking whether any of them hire juniors",
    "I want a recommendation from the professor who supervised my project",
    "I keep hesitating to ask my cousin's husband about openings at his bank",
])
def test_the_user_asking_someone_reads_as_asking(text):
    assert who_asks(text) == "asking"
    assert read_rules(text) == "asking"


def test_the_verbs_subject_and_object_decide_not_the_words_around_them():
    mine, theirs = requests("My mentor asked me to speak at her meetup"), requests("I asked my mentor to speak at mine")
    assert (mine[0].asker, mine[0].asked) == (OTHER, USER) and (theirs[0].asker, theirs[0].asked) == (USER, OTHER)
    # a negated request, or someone else's in a clause opening with 'if', states no request that was made
    assert who_asks("He never asked me for anything, which makes this harder") is None
    assert who_asks("If I'm ever asked for a reference I want to know the person") is None


def test_a_stance_cue_against_the_clauses_reads_unsure():
    """The wish to say no is heard, but the clauses say the user is the one asking: unsure, the other offered."""
    s = read_situation("I want to ask my landlord's son for a referral, but what if he says no?")
    assert s.unsure and s.direction == "declining" and s.alternatives == ["asking"]
    assert s.reading.startswith("I read this as (unsure):") and "Say which" in s.reading


def _centroid_of(direction: str, embeddings) -> np.ndarray:
    labels, matrix = centroids(embeddings, "hash-clauses")
    return matrix[labels.index(direction)]


def test_the_classifier_sure_of_another_direction_makes_the_rules_reading_unsure():
    embeddings = HashingEmbeddings()
    reader._CENTROIDS.clear()
    text = "A former intern wants an intro to my director"  # the clauses: asked
    agree = read_situation(text, embeddings=embeddings, query=_centroid_of("asked", embeddings), key="hash-clauses")
    assert agree.direction == "asked" and not agree.unsure and "(unsure)" not in agree.reading
    disagree = read_situation(text, embeddings=embeddings, query=_centroid_of("thanking", embeddings),
                              key="hash-clauses")
    assert disagree.direction == "asked" and disagree.unsure and disagree.alternatives == ["thanking"]
    assert "(unsure)" in disagree.reading


def test_the_classifier_says_what_the_user_makes_of_being_asked():
    """Only who asks whom was read (no stance): the classifier's direction on the same side is taken."""
    embeddings = HashingEmbeddings()
    reader._CENTROIDS.clear()
    s = read_situation("A former intern wants an intro to my director", embeddings=embeddings,
                       query=_centroid_of("declining", embeddings), key="hash-clauses")
    assert s.direction == "declining" and s.alternatives == ["asked"] and s.asked_first


def test_asked_and_the_user_says_no_no_keeps_asked_with_the_decline_offered():
    """The user says what they did or think and none of it is a no (`coach.advice.stance`): the classifier's
    'declining' is offered, not taken (issue 25 class 1)."""
    embeddings = HashingEmbeddings()
    reader._CENTROIDS.clear()
    s = read_situation("A former intern wants an intro to my director. I supervised her for a summer.",
                       embeddings=embeddings, query=_centroid_of("declining", embeddings), key="hash-clauses")
    assert s.direction == "asked" and s.alternatives == ["declining"] and "(unsure)" in s.reading
