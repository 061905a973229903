"""Chat: routing from words, and conversation state that revises the last draft across turns."""

from __future__ import annotations

import pytest

from coach.conversation.router import detect_channel, detect_goal, route
from coach.core.domain import Contact
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel

PEOPLE = [Contact(id=1, first_name="Priya", last_name="Raman", company="Stripe"),
          Contact(id=2, first_name="Marcus", last_name="Lee", company="Acme Robotics"),
          Contact(id=3, first_name="Priya", last_name="Shah", company="Globex")]


@pytest.mark.parametrize("text,intent", [
    ("Write a LinkedIn note to Marcus asking for a referral", "draft"),
    ("draft an email to Priya Raman to thank her", "draft"),
    ("who do I know at Stripe?", "find"),
    ("I was laid off yesterday, what should I do?", "advise"),
    ("my manager keeps taking credit for my work", "advise"),
    ("Check this message: Hi Marcus, would you refer me for the SRE role?", "check"),
    ("write a note to Priya", "clarify"),  # two Priyas
    # a how-to question about networking is advice (the same handler as a general question, labelled as advice)
    ("what's a good way to keep in touch with people?", "advise"),
    # a situation that names someone and asks what to do is advice (with a draft to them), not a draft
    ("I asked Marcus Lee for a referral two weeks ago and he never replied. Should I chase him?", "advise"),
    ("Priya referred me and I got rejected. What do I say to her?", "advise"),
    ("Write Marcus a follow-up about the referral, should I mention KubeCon?", "draft"),
])
def test_routes(text, intent):
    assert route(text, PEOPLE, has_draft=False).intent == intent


def test_revise_only_when_there_is_a_draft():
    assert route("make it shorter", PEOPLE, has_draft=True).intent == "revise"
    assert route("make it shorter", PEOPLE, has_draft=False).intent != "revise"
    r = route("now as an email, more formal", PEOPLE, has_draft=True)
    assert r.channel == "email" and r.tone == 1
    assert route("make it friendlier", PEOPLE, has_draft=True).tone == -1
    assert route("a bit longer please", PEOPLE, has_draft=True).length == 1


@pytest.mark.parametrize("text,goal", [
    ("ask Marcus to refer me", "referral"), ("thank Priya for the intro", "thank-you"),
    ("reconnect with Marcus, it's been a while", "reconnect"), ("ask her to be my mentor", "mentorship"),
    ("congratulate him on the new role", "congratulations"), ("could he introduce me to his CTO", "introduction"),
    ("follow up, no reply yet", "follow-up"), ("propose we collaborate on a workshop", "partnership"),
    ("ask for an informational interview", "informational-interview"),
])
def test_goals_from_words(text, goal):
    assert detect_goal(text) == goal


@pytest.mark.parametrize("text,channel", [
    ("a connection note to Priya", "linkedin-note"), ("an email to Marcus", "email"),
    ("a LinkedIn message for Marcus", "linkedin-message"),
])
def test_channels_from_words(text, channel):
    assert detect_channel(text) == channel


def test_chat_drafts_then_revises_the_last_draft_from_saved_state():
    model = ScriptedChatModel(responder=lambda m: "Hi Marcus, great seeing you at KubeCon 2023!")
    coach = make_world(model)
    chat = coach.chat()
    first = chat.ask("Write a LinkedIn message to Marcus Lee asking for a referral", thread_id="t1")
    assert first.intent == "draft" and first.draft.contact == "Marcus Lee"
    assert first.draft.channel == "linkedin-message" and first.draft.goal == "referral"

    again = coach.chat()  # a new Chat object: the state comes from the on-disk checkpointer
    second = again.ask("now as an email, more formal", thread_id="t1")
    assert second.intent == "revise" and second.draft.channel == "email"
    assert second.draft.goal == "referral" and second.draft.contact == "Marcus Lee"
    assert second.draft.body.startswith("Dear Marcus,") and "Kind regards" in second.draft.body
    shorter = again.ask("make it shorter", thread_id="t1")
    assert len(shorter.draft.body.split()) <= len(second.draft.body.split())
    assert [h["role"] for h in again.history("t1")] == ["user", "assistant"] * 3
    assert again.history("other-thread") == []


def test_chat_streams_tokens_to_the_caller():
    model = ScriptedChatModel(responder=lambda m: "Hi Priya, great talking about payments APIs!")
    tokens: list[str] = []
    turn = make_world(model).chat().ask("write a linkedin note to Priya Raman to reconnect", on_token=tokens.append)
    assert turn.draft is not None and "".join(tokens).startswith("Hi Priya")


def test_chat_asks_back_for_an_unknown_person():
    turn = make_world().chat().ask("write an email to Zebulon asking for a referral")
    assert turn.intent == "clarify" and turn.reply.startswith("No Zebulon in your contacts.")


def test_chat_finds_people():
    turn = make_world().chat().ask("who do I know at Stripe?")
    assert turn.intent == "find" and [r["title"] for r in turn.results] == ["Priya Raman"]


def test_chat_checks_a_pasted_message():
    turn = make_world().chat().ask("check this message: Hi [Name], I hope this message finds you well.")
    assert turn.intent == "check" and turn.check.score < 60
    assert "placeholders" in turn.reply


def test_advice_takes_steps_from_guidance_and_suggests_people():
    model = ScriptedChatModel()  # the embedded tier writes no prose in advice: the model is never asked
    advice = make_world(model).advise("I was laid off from my job last week and hope to land at Stripe, how do I "
                                      "tell people?")
    assert len(advice.steps) >= 3
    assert advice.citations and advice.citations[0].source.startswith("knowledge/support/")
    # people tied to the situation (at the company named), with what they are to the user alongside
    assert any(p.name == "Priya Raman" and "works at Stripe, which you mentioned" in p.why and "mentor" in p.why
               for p in advice.related_contacts)
    assert advice.summary_source == "article" and model.calls == []


def test_an_advice_summary_with_invented_facts_is_replaced_by_the_guidance():
    model = ScriptedChatModel(responder=lambda m: "Call Jennifer Walsh at Google on March 3rd 2021 for $5000.",
                              capable=True)
    advice = make_world(model).advise("nobody replied to my referral request")
    assert "Jennifer" not in advice.summary and "Google" not in advice.summary and len(advice.summary) > 20
    assert advice.summary_source == "article" and len(model.calls) == 2  # the reading, then the summary


def test_chat_advice_reply_shows_the_script_people_with_why_and_sources():
    turn = make_world().chat().ask("I was laid off last week and feel stuck; I'd like to land at Stripe. What "
                                   "should I do?")
    assert turn.intent == "advise" and turn.advice is not None
    reply = turn.reply
    assert reply.startswith("*I read this as: ")
    assert turn.advice.summary in reply and "1. " in reply
    assert "A message you could adapt" in reply and "[name]" in reply  # nobody named: a script with slots
    assert "Example from the guide" not in reply  # the neutral script is that example, with slots
    assert "People who could help:" in reply and "Priya Raman — " in reply
    assert "From: " in reply


def test_chat_advice_on_a_named_contact_drafts_to_them_and_labels_the_guides_example():
    model = ScriptedChatModel(responder=lambda m: "Thanks again for thinking about the SRE opening.")
    turn = make_world(model).chat().ask("I asked Marcus Lee for a referral two weeks ago and he never replied. "
                                        "Should I chase him?")
    assert turn.intent == "advise" and turn.advice.script_kind == "draft"
    assert "A message to Marcus Lee (follow-up, " in turn.reply and "Hi Marcus" in turn.reply
    assert "Example from the guide (its people are invented):" in turn.reply
