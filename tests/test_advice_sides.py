"""Session-8 classes, in our own wordings (none from any eval case): the direction read from who did what (the
user's own lapse or regret with its subject left out, a favour the user already gave, someone carrying the
user's own application), and the lead's script never speaking for another side than the one read."""

from __future__ import annotations

import pytest

from coach.advice.clauses import who_asks
from coach.advice.ranking import another_side, following
from coach.advice.reader import read_rules
from coach.core.situation import Situation

REPAIRING = [
    # the subject left out after "and then", or at a sentence's start
    "I quit the agency on a Thursday without a word and then ignored every call from my team lead. Now she runs "
    "the panel for a job I want.",
    "On my last day I was a jerk to the whole finance team. Said some things I shouldn't have. Can I fix it?",
    "i was dismissive with the founder who mentored me, it's been a year and i keep running into the people i blanked",
    # asked, and the user already did it: what followed is the matter
    "My cousin asked me to pass her CV to our HR lead. I forwarded it with a note, and now HR says she was rude to "
    "the interviewer and my name is on it.",
    "An ex-colleague begged me to recommend him for the analyst role. I recommended him and he lasted three weeks; "
    "my director is annoyed with me.",
]
ASKING = [
    "My neighbour works at the bank and said he'd hand my CV to his director. Should I also apply on the portal?",
    "A recruiter I met at a meetup asked for a copy of my resume to share with two clients. What should it stress?",
]


@pytest.mark.parametrize("text", REPAIRING)
def test_the_users_own_doing_reads_repairing(text):
    assert read_rules(text) == "repairing"


@pytest.mark.parametrize("text", ASKING)
def test_someone_carrying_the_users_own_application_helps_the_user(text):
    assert who_asks(text) == "asking"
    assert read_rules(text) == "asking"


def test_a_request_word_after_a_determiner_is_a_noun():
    text = "There's an opening at a studio I admire. I haven't applied yet because I want a more direct approach."
    assert who_asks(text) != "asked"


def test_a_later_clause_describing_someone_is_no_decline():
    text = ("A friend of my brother asked if he could list me as a referee. I'd like to help, but he is a person I "
            "can't speak for.")
    assert read_rules(text) == "asked"


def test_regret_and_a_need_are_told_apart():
    assert read_rules("I shouldn't have to chase my manager for a reference twice. She asked me to wait.") != \
        "repairing"


def _reading(direction: str, *offered: str, sure: bool = False) -> Situation:
    return Situation(direction=direction, confidence=0.9 if sure else 0.5, alternatives=list(offered))


def test_an_unsure_reading_follows_a_lead_that_serves_only_the_direction_it_offered():
    moved = following(_reading("repairing", "thanking"), ["thanking"])
    assert moved.direction == "thanking" and moved.alternatives[0] == "repairing"
    assert following(_reading("repairing", "thanking", sure=True), ["thanking"]).direction == "repairing"
    assert following(_reading("declining", "other"), ["announcing"]).direction == "declining"  # 'other' moves nothing


def test_a_script_for_another_side_is_not_shown():
    assert another_side(_reading("repairing", sure=True), ["asking", "other"])  # a reconnect note, no apology
    assert another_side(_reading("declining", sure=True), ["asking"])  # a referral ask in a decline
    assert not another_side(_reading("declining", sure=True), ["asked", "declining"])
    assert not another_side(_reading("other"), ["asking"])
