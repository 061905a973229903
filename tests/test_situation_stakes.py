"""What is at stake and who the counterpart is belong to the user's own situation (`coach.advice.stakes`): a word
of money that only describes is no stake, a relation word is who and never what, a role word that refers to nobody
the user deals with is no counterpart, and the one who asks the user is. Wordings are ours, none from any eval
case."""

from __future__ import annotations

import pytest

from coach.advice.reader import read_counterpart, read_role, read_situation, read_stakes


@pytest.mark.parametrize("text", [
    "My cousin wants me to refer her for a design role. The studio is badly paid, for what it's worth.",
    "I'm the work-hard, pay-the-bill, forget-it type. Last night I insulted a panel host and need to fix it.",
    "Our firm pays well and I got a bonus when my last referral was hired. Now a neighbour wants one too.",
    "I took a counteroffer with more money, and now the other hiring manager is upset with me.",
])
def test_a_word_of_money_in_a_side_remark_is_no_stake(text: str) -> None:
    assert "money" not in read_stakes(text)


@pytest.mark.parametrize("text", [
    "A friend from choir keeps asking me to lend him two thousand pounds.",
    "He wants me to invest in his bakery before the end of the month.",
    "She asked what my hourly fee would be for the workshop.",
])
def test_money_changing_hands_or_asked_about_is_the_stake(text: str) -> None:
    assert read_stakes(text)[0] == "money"


def test_a_relation_word_is_who_and_the_friendship_comes_after_the_thing_asked_for() -> None:
    assert read_stakes("My friend asked me to refer her for the analyst opening.") == ["referral", "job"]
    assert read_stakes("I don't want to ruin a friendship of twenty years, but my friend's daughter wants me to "
                       "hire her and I won't.")[0] != "relationship"


def test_someone_elses_partner_is_no_partnership() -> None:
    assert "partnership" not in read_stakes("My old flatmate's partner just quit her job, and he asked me for a "
                                            "reference.")
    assert read_stakes("A former client wants me to become her business partner.")[0] == "partnership"


@pytest.mark.parametrize("text,role", [
    ("I'm still friends with most of my old team, but one recruiter keeps calling me about a contract.", "recruiter"),
    ("We have mutual friends, but this classmate I barely spoke to wants me to refer him.", "classmate"),
    ("I run a small shop and have no wish to be friends with suppliers; a client asked me to cut my prices.",
     "client"),
    ("The students I mentor are fine. My former manager asked me to vouch for her.", "former manager"),
    ("My dad's colleague asked me to pass on his son's CV.", "relative"),
    ("Since becoming a single mother I have lost touch; now my old boss wants me back.", "former manager"),
    ("My neighbour asked me to put in a good word for her son at my company.", "acquaintance"),
])
def test_the_role_is_of_someone_the_user_deals_with(text: str, role: str) -> None:
    assert read_role(text) == role


def test_the_counterpart_is_the_one_who_asks_the_user_not_the_first_role_word() -> None:
    text = "My manager is away this week. A client asked me to introduce her to our CEO."
    assert read_counterpart(text) == ("client", None)
    reading = read_situation(text)
    assert reading.role == "client" and "client" in reading.line()


def test_the_reading_says_what_was_asked_for_only_where_the_words_ask_it() -> None:
    mentioned = read_situation("My boss told the whole team to share the post, so I said on my page that we're "
                               "hiring. A guy from my old running club got in touch and I want to say no to him.")
    assert "for a job" not in mentioned.line()
    asked = read_situation("A former colleague asked me to be her reference and I want to say no.")
    assert asked.asked_for and "asked you for a reference" in asked.line()


def test_a_reading_of_no_direction_is_asked_back_never_stated() -> None:
    from coach.core.situation import Situation

    line = Situation(direction="other", stake="job", confidence=0.9).line()
    assert line.startswith("I read this as (unsure):") and "Tell me what you want to do" in line


def test_getting_someone_a_job_or_expecting_one_asks_for_nothing() -> None:
    from coach.advice.stakes import asked_for

    assert asked_for("As a favour to my uncle I got his daughter a job on my team, and now she skips meetings.") == []
    assert asked_for("I took the raise I'd expected in a year instead of the new job.") == []
    assert asked_for("My cousin keeps pushing me to hire her son.") == ["job"]
