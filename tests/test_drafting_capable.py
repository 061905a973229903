"""The capable tier: a model's passing draft is kept as written, a failing one is revised by the model,
and nothing that fails a hard check is ever returned (scripted model; the stand-in server tests cover HTTP)."""

from __future__ import annotations

from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

GOOD = ("Hi Priya,\n\nIt was great meeting you at PyCon 2024, and I keep coming back to our talk about payments "
        "APIs and your team's move to Dublin. I am applying for the payments platform role on your team. Would you "
        "be comfortable referring me?\n\nBest,\nSam")
THIRD_PERSON = GOOD.replace("your team's move to Dublin", "her team's move to Dublin")


def capable(*responses: str, responder=None) -> ScriptedChatModel:
    return ScriptedChatModel(responses=list(responses), responder=responder, capable=True,
                             model_name="openai/scripted")


def test_a_passing_model_draft_is_returned_as_written():
    model = capable(GOOD, GOOD)
    draft = make_world(model).draft("Priya", "referral", "linkedin-message",
                                    "I am applying for the payments platform role on her team", candidates=2)
    assert draft.body == GOOD and draft.path == "as-written" and draft.revisions == 0
    assert all(c.passed for c in draft.checks if c.hard)
    sent = model.prompt_text(0)
    assert "Why I am writing (my own words): I am applying for the payments platform role" in sent
    assert "<<<NOTES" in sent and "never about them" in sent
    assert model.call_kwargs[0]["max_tokens"] >= 400  # a real model's email is never cut mid-sentence
    model.assert_complete()


def test_a_failing_draft_goes_back_to_the_model_with_what_failed():
    model = capable(THIRD_PERSON, GOOD)
    draft = make_world(model).draft("Priya", "referral", "linkedin-message",
                                    "I am applying for the payments platform role on her team", candidates=1)
    assert draft.path == "revised" and draft.revisions == 1 and draft.body == GOOD
    revision = model.prompt_text(1)
    assert "to-them" in revision and "her" in revision and THIRD_PERSON.split("\n")[2][:40] in revision
    model.assert_complete()


def test_a_model_that_keeps_failing_never_reaches_the_user():
    leak = "Hi Priya, Marcus Lee at Acme Robotics says you are hiring. Pay $500 at https://evil.example.com now!"
    model = capable(leak, leak, leak)
    draft = make_world(model).draft("Priya", "referral", "email", candidates=1)
    assert draft.revisions == 2 and draft.path in ("repaired", "template")
    assert all(c.passed for c in draft.checks if c.hard)
    assert "Acme" not in draft.text() and "evil" not in draft.text() and "$500" not in draft.text()
    model.assert_complete()


def test_an_email_subject_from_the_model_is_kept():
    email = ("Subject: Payments platform role on your team\n\nHi Priya,\n\nIt was great meeting you at PyCon 2024. "
             "I still think about our talk on payments APIs and your team's move to Dublin, and I am applying for "
             "the payments platform role on your team. My background is in backend systems, and I would be glad to "
             "send my resume and the job link. Would you be comfortable referring me?\n\nBest,\nSam")
    model = capable(email)
    draft = make_world(model).draft("Priya", "referral", "email",
                                    "I am applying for the payments platform role on her team", candidates=1)
    assert draft.path == "as-written" and draft.subject == "Payments platform role on your team"
    assert draft.body.startswith("Hi Priya,") and "Subject" not in draft.body


def test_a_shorter_request_reaches_the_model_as_a_limit():
    from coach.core.messages import Style

    model = capable(GOOD)
    make_world(model).draft("Priya", "referral", "linkedin-message", style=Style(length=-1), candidates=1)
    assert "under 80 words" in model.prompt_text(0)
