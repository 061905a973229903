"""Issue 25, session 17: a request the user has not answered yet ('I ignored it', 'I haven't replied to her email')
is still the matter, not a lapse of the user's to mend, even beside an old rift; a lapse the user owns still is.
Phrasings written for these tests."""

from __future__ import annotations

import pytest

from coach.advice.reader import read_rules
from coach.advice.stance import awaits_answer


@pytest.mark.parametrize("text", [
    "My old intern spent a year blaming me for the project failing. Now he wants me to endorse him on LinkedIn, I "
    "ignored it and he keeps messaging.",
    "A supplier I fell out with asked me to be a referee for her new firm. I haven't answered her email.",
])
def test_an_unanswered_request_beside_an_old_rift_is_being_asked(text):
    assert awaits_answer(text)
    assert read_rules(text) == "asked"


@pytest.mark.parametrize("text", [
    "I never replied to my mentor's last three emails and now I'm embarrassed to write.",
    "I should have answered her when she asked for help, and I feel terrible about it.",
])
def test_a_lapse_the_user_owns_is_still_repairing(text):
    assert read_rules(text) == "repairing"


def test_being_missed_is_no_unanswered_request():
    assert not awaits_answer("Everyone says she'll be missed when she leaves.")


def test_being_wronged_by_a_former_boss_is_no_repair_of_the_users():
    text = ("My old head of department was emotionally abusive, so I left without another job. We clashed with each "
            "other for a year. Now she gives me a bad reference whenever employers call.")
    assert read_rules(text) == "other"
    sorry = text + " Should I apologise to her for how I left?"
    assert read_rules(sorry) != "other"


def test_an_unsure_reading_shows_no_message_to_adapt():
    from coach.advice.script_choice import write_script
    from coach.core.messages import Advice
    from coach.core.situation import Situation
    advice = Advice(title="t", summary="s", steps=["a"], citations=[], example="Hi Ana, …", script="Hi [name], …",
                    situation=Situation(direction="asking", confidence=0.5, source="rules"))
    notes: list[str] = []

    class Nobody:
        named, pointed, maybe, ambiguous = [], None, [], {}
    write_script(advice, "something happened with a bid", type("A", (), {"script_directions": ["asking"],
                 "directions": ["asking"], "title": "T", "about": [], "script_slots": {}})(), Nobody(), None, notes,
                 None, None)
    assert advice.script == "" and notes and "not sure" in notes[0]
