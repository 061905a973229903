"""Reconnecting: the user wants to take up a tie that went quiet. Not a repair (nothing was done wrong), not a
follow-up (nothing is awaited), not a plain ask (the silence is the matter); and someone else getting back in touch
with the user is the user being asked, not reconnecting."""

from __future__ import annotations

import pytest

from coach.advice.reader import opposite, read_rules, read_situation
from coach.core.situation import Situation
from coach.retrieval.knowledge import load_corpus
from tests.test_situation_reader import KNOWLEDGE


@pytest.mark.parametrize("text", [
    "My old flatmate and I lost touch when she moved to Lisbon and now we both work in fintech.",
    "I haven't spoken to anyone from my first agency in years; how do I get back in contact?",
    "We drifted apart after the merger and I'd like to pick it up again.",
    "I barely kept up with my consulting contacts after I went in-house. How do I revive those connections?",
    "We haven't talked since university and I'm not sure he would remember me.",
    "It's been ages since I wrote to my old team lead and I'd like to ask about her new company.",
])
def test_a_tie_gone_quiet_that_the_user_takes_up_reads_as_reconnecting(text):
    assert read_rules(text) == "reconnecting"


@pytest.mark.parametrize("text", [
    "A classmate I haven't seen in years messaged me out of the blue. He needs a job and wonders if we hire.",
    "An old colleague sent me a LinkedIn connection request after ten years of silence and then asked for a referral.",
    "My former intern emailed me after years to ask whether I would be her reference.",
])
def test_someone_else_getting_back_in_touch_is_the_user_being_asked(text):
    assert read_rules(text) == "asked"


def test_a_fall_out_is_still_a_repair_and_a_silence_after_an_ask_a_follow_up():
    assert read_rules("We fell out years ago and I want to reconnect with my old mentor") == "repairing"
    assert read_rules("I asked her for an intro three weeks ago and heard nothing") == "following-up"


def test_reconnecting_is_the_users_side_and_its_line_says_so_without_inventing():
    assert opposite("reconnecting", "asked") and opposite("reconnecting", "declining")
    assert not opposite("reconnecting", "asking")
    line = Situation(direction="reconnecting", counterpart="former manager", stake="job", asked_for=False).reading
    assert line == "I read this as: you want to get back in touch with a former manager."
    asked = Situation(direction="reconnecting", counterpart="former manager", stake="referral").reading
    assert asked.endswith("get back in touch with a former manager and ask for a referral.")


def test_a_reconnecting_reading_is_served_by_the_articles_on_dormant_ties():
    articles = load_corpus(KNOWLEDGE)
    serving = {a.path.split("/")[-1] for a in articles if "reconnecting" in a.directions}
    assert "reconnecting-after-years-of-silence.md" in serving
    assert "reconnecting-after-a-falling-out.md" not in serving  # a repair, not a silence
    s = read_situation("I lost touch with my old manager years ago and would like to ask about openings")
    assert s.direction == "reconnecting" and not s.unsure


def test_a_follow_up_says_no_answer_came_only_where_the_user_said_so():
    """'have not heard back' is a fact: stated when the user says it, never when they only want to follow up."""
    silent = read_situation("I asked my old manager for a reference two weeks ago and heard nothing.")
    assert silent.direction == "following-up" and "unanswered" in silent.traits
    assert "have not heard back" in silent.reading
    answered = Situation(direction="following-up", counterpart="recruiter", stake="job")
    assert "heard back" not in answered.reading and "follow up with a recruiter" in answered.reading
