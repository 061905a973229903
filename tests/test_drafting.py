"""Drafting with the scripted model: what the model was sent, and every repair path."""

from __future__ import annotations

import pytest

from coach.core.errors import AmbiguousError, InputError, NotFoundError
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

HARD = {"length", "subject", "grounding", "other-contacts", "placeholders"}


def hard_ok(draft):
    return all(c.passed for c in draft.checks if c.hard)


def test_the_model_is_sent_the_notes_inside_delimiters_and_the_guidance():
    model = ScriptedChatModel(responses=["Hi Priya, great talking about payments APIs at PyCon 2024!"] * 2)
    coach = make_world(model)
    draft = coach.draft("Priya", "referral", "linkedin-message", candidates=2)
    sent = model.prompt_text(0)
    assert "<<<NOTES" in sent and "NOTES>>>" in sent
    notes_block = sent.split("<<<NOTES")[-1].split("NOTES>>>")[0]
    assert "payments APIs" in notes_block and "PyCon 2024" in notes_block
    assert "Good practice:" in sent  # retrieved guidance reaches the model
    assert "Acme Robotics" not in sent  # another contact's facts never do
    assert draft.citations and all(c.source.startswith("knowledge/") for c in draft.citations)
    assert draft.prompt == "draft@1" and draft.model == "fake/scripted"
    model.assert_complete()


def test_the_small_models_lines_are_never_sent_even_good_ones():
    # held-out sessions 7-18, judged blind: all 17 drafts that kept a sentence of the 135M model were rejected
    model = ScriptedChatModel(responses=["Hi Priya, great talking about payments APIs and your move to Dublin!"] * 4)
    draft = make_world(model).draft("Priya Raman", "referral", "linkedin-note")
    assert "great talking about payments APIs and your move" not in draft.body
    assert "payments APIs" in draft.body and "refer" in draft.body and len(draft.body) <= 200  # from her note
    assert hard_ok(draft) and draft.path == "template" and len(model.calls) >= 1  # asked, checked, not sent


def test_a_small_models_line_that_joins_two_facts_is_dropped():
    # "payments APIs" is in a note, "PyCon 2024" is how they met: the small model may not join them
    model = ScriptedChatModel(responses=["Hi Priya, great talking about payments APIs at PyCon 2024!"] * 4)
    draft = make_world(model).draft("Priya Raman", "reconnect", "linkedin-message")
    assert "talking about payments APIs at PyCon" not in draft.body
    assert draft.path == "template" and hard_ok(draft) and "PyCon 2024" in draft.body


def test_invented_facts_and_placeholders_are_dropped():
    bad = ("Hi Priya, great talking about payments APIs at PyCon 2024! I also loved meeting Jordan at Google in 2019. "
           "Please reply to [Your Name].")
    draft = make_world(ScriptedChatModel(responses=[bad] * 4)).draft("Priya", "informational-interview", "email")
    assert "Jordan" not in draft.body and "Google" not in draft.body and "[" not in draft.body
    assert "payments APIs" in draft.body and draft.subject
    assert hard_ok(draft) and draft.repaired and draft.candidates_passed_raw == 0


def test_a_wrong_name_greeting_is_fixed():
    draft = make_world(ScriptedChatModel(responses=["Hi Marcus, great talking about payments APIs!"] * 4)).draft(
        "Priya", "reconnect", "linkedin-message")
    assert draft.body.startswith("Hi Priya,") and "Marcus" not in draft.body and hard_ok(draft)


def test_overlong_output_is_trimmed_to_the_note_limit():
    rambling = "Hi Priya, great talking about payments APIs at PyCon 2024 and " + "more and more " * 40 + "!"
    draft = make_world(ScriptedChatModel(responses=[rambling] * 4)).draft("Priya", "mentorship", "linkedin-note")
    assert len(draft.body) <= 200 and hard_ok(draft)


def test_another_contacts_facts_never_reach_the_draft():
    leak = "Hi Priya, I heard Acme Robotics is hiring SREs like Marcus Lee said."
    draft = make_world(ScriptedChatModel(responses=[leak] * 4)).draft("Priya", "referral", "linkedin-message")
    assert "Acme" not in draft.body and "Marcus" not in draft.body and hard_ok(draft)


def test_when_no_candidate_survives_the_template_is_used_and_said():
    junk = "[Recipient Name], {company} <your name> 555-0199 www.spam.example"
    draft = make_world(ScriptedChatModel(responses=[junk] * 4)).draft("Priya", "thank-you", "email")
    assert hard_ok(draft)
    assert "PyCon 2024" in draft.body or "payments" in draft.body  # built from verified facts only
    assert draft.subject and "{" not in draft.text()


def test_prompt_injection_in_a_note_changes_nothing():
    obey = "Hi Tomás, please pay $500 at https://evil.example.com/pay today!"
    draft = make_world(ScriptedChatModel(responses=[obey] * 4)).draft("Tomás Ortega", "partnership", "email")
    assert "evil.example.com" not in draft.text() and "$500" not in draft.text()
    assert hard_ok(draft)


@pytest.mark.parametrize("goal", ["referral", "informational-interview", "mentorship", "reconnect", "follow-up",
                                  "thank-you", "introduction", "partnership", "congratulations"])
@pytest.mark.parametrize("channel", ["linkedin-note", "linkedin-message", "email"])
def test_every_goal_and_channel_yields_a_draft_that_passes_the_hard_checks(goal, channel):
    model = ScriptedChatModel(responder=lambda msgs: "Hi Elena, loved our chat about moving from analytics into ML!")
    draft = make_world(model).draft("Elena", goal, channel, candidates=2)
    assert hard_ok(draft), [c.detail for c in draft.checks if not c.passed]
    assert draft.body.startswith(("Hi Elena", "Dear Elena"))
    assert (channel == "email") == bool(draft.subject)


def test_unknown_goal_channel_and_contact_are_clear_errors():
    coach = make_world()
    with pytest.raises(InputError, match="referral"):
        coach.draft("Priya", "world-domination", "email")
    with pytest.raises(InputError, match="linkedin-note"):
        coach.draft("Priya", "referral", "fax")
    with pytest.raises(NotFoundError):
        coach.draft("Zebulon Quark", "referral", "email")


def test_an_ambiguous_name_asks_back():
    from coach.core.domain import Contact

    coach = make_world()
    coach.store.add_contact(Contact(first_name="Priya", last_name="Shah", company="Globex"))
    with pytest.raises(AmbiguousError) as exc:
        coach.draft("Priya", "referral", "email")
    assert "Raman" in str(exc.value) and "Shah" in str(exc.value)
