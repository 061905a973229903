"""Issue 25, class 5: answer the actual question. The key idea and the first step are chosen against the user's
question (the last sentence that asks something), not the whole story around it."""

from __future__ import annotations

from coach.core.text import last_question
from coach.retrieval.knowledge import article_steps
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

NO_REPLY = "knowledge/support/no-reply-after-an-ask.md"
STORY = "I asked someone I used to work with for a referral two weeks ago and heard nothing back."


def test_the_last_question_is_what_the_user_asks():
    assert last_question("She went quiet. Why? I sent it on time. Should I write again?") == "Should I write again?"
    assert last_question("She went quiet after my message.") == ""


def test_the_first_step_and_the_key_idea_answer_the_question_asked():
    coach = make_world(ScriptedChatModel(responder=lambda m: "ok"))
    plain = coach.advise(STORY)
    thread = coach.advise(f"{STORY} Should I reply in the same thread or write a new message?")
    verdict = coach.advise(f"{STORY} Is their silence a verdict on me, or are they just busy?")
    assert {a.citations[0].source for a in (plain, thread, verdict)} == {NO_REPLY}
    steps = article_steps(_article(coach))
    assert plain.steps[0] == steps[0]  # no question: the article's order
    assert thread.steps[0].startswith("Reply in the same thread") and len(thread.steps) == len(plain.steps)
    assert "verdict" in verdict.summary and "verdict" not in plain.summary


def _article(coach):
    from coach.advice.adviser import corpus

    return corpus(coach.settings.knowledge_dir)[NO_REPLY]
