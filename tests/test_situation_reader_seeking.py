"""The user after something from someone, read from sentence structure where no cue or request says so: a wish or
need governing a verb of pursuit, a 'how can I' question about one, or a question whose topic is a pursuit with the
user as its unsaid actor. Wordings are ours, none from any eval case."""

import pytest

from coach.advice.reader import read_rules
from coach.advice.stance import seeks

SEEKING = [
    "I passed on their internship last spring for a startup that folded. I'm hoping to reopen things with them now.",
    "I stepped away from design for six years to raise my kids. Now I need to get back into product design, and my "
    "old team has scattered.",
    "We make furniture and a bigger studio floated a joint range. How can I vet their finances before we commit?",
    "Is there an accepted etiquette for emailing alumni about openings at their firms?",
    "Any advice on approaching a former client for a testimonial?",
    "I plan to pitch my old agency on a retainer, though we parted years ago.",
]
NOT_SEEKING = [
    "What do I do about him messaging me every week about his startup?",
    "I don't want to reapply there after how they treated me.",
    "I moved here in March and want to find people who share my interests.",
    "My colleague keeps checking my calendar and I find it odd.",
]


@pytest.mark.parametrize("text", SEEKING)
def test_the_user_after_something_reads_asking(text):
    assert seeks(text)
    assert read_rules(text) == "asking"


@pytest.mark.parametrize("text", NOT_SEEKING)
def test_no_pursuit_of_the_users_own_is_no_ask(text):
    assert not seeks(text)
    assert read_rules(text) != "asking"


def test_a_decline_told_in_the_past_gives_way_to_what_the_user_wants_now():
    text = ("A agency offered me a strategist role and I turned it down for another lead that then fell through. "
            "I want to reopen the door without seeming flaky.")
    assert read_rules(text) == "asking"
