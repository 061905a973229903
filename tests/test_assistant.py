"""Chat as a tool-calling agent (capable models), with a scripted model that calls the coach's tools.

The scripted model plays the model's part only: it reads the tool results it is sent and picks the next call,
as a real one would. Everything else is real: the store, the drafting graph and its checks, the checkpointer.
"""

from __future__ import annotations

import json
import re

import httpx
import openai
import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from coach.conversation.assistant import guard, message_spans
from coach.conversation.chat import ChatAction
from coach.conversation.tools import NOTES_FENCE, Log
from coach.core.domain import Contact
from tests.coach_world import make_world
from tests.doubles import ScriptedChatModel, tool_call


def last_tool(messages) -> tuple[str, dict | str] | None:
    """The last tool result the model was sent this turn (name, parsed JSON or the error text)."""
    for m in reversed(messages):
        if isinstance(m, HumanMessage):
            return None
        if isinstance(m, ToolMessage):
            try:
                return m.name, json.loads(m.content)
            except ValueError:
                return m.name, str(m.content)
    return None


def is_agent_call(messages) -> bool:
    return str(messages[0].content).startswith("You are Networking Coach")


def agent(responder) -> ScriptedChatModel:
    """A capable, tool-calling scripted model: `responder` plays the agent; the drafting graph's own calls to the
    same model get an empty answer, so drafts are composed from the user's notes (and still checked)."""
    return ScriptedChatModel(responder=lambda m: responder(m) if is_agent_call(m) else "", capable=True,
                             tool_calling=True, model_name="openai/scripted")


def agent_calls(model: ScriptedChatModel) -> list:
    return [c for c in model.calls if is_agent_call(c)]


def stripe_then_note(messages):
    """'who do I know at Stripe? draft a LinkedIn note to the best one about the Connect team'."""
    seen = last_tool(messages)
    if seen is None:
        return tool_call("find_contacts", query="Stripe")
    name, result = seen
    if name == "find_contacts":
        best = result["people"][0]
        return tool_call("draft_message", contact_id=best["id"], goal="informational-interview",
                         channel="linkedin-note", context="I'd love to hear about the Connect team")
    return AIMessage(content=f"You know {result['to']} at Stripe. Here is a note:\n\n{result['draft']}")


def test_a_multi_step_request_finds_people_and_drafts_one_checked_note_with_the_users_words():
    model = agent(stripe_then_note)
    steps: list[str] = []
    coach = make_world(model)
    turn = coach.chat().ask("who do I know at Stripe? draft a LinkedIn note to the best one about the Connect team",
                            on_step=steps.append)
    assert turn.intent == "draft" and turn.draft is not None
    assert turn.draft.contact == "Priya Raman" and turn.draft.channel == "linkedin-note"
    assert "Connect team" in turn.draft.body  # the user's words reach the message
    assert all(c.passed for c in turn.draft.checks if c.hard)
    assert turn.draft.text() in turn.reply and "Priya Raman" in turn.reply
    assert [r["title"] for r in turn.results] == ["Priya Raman"]
    assert any("Stripe" in s for s in steps) and any(s.startswith("Drafting a LinkedIn connection note to Priya") for s in steps)
    assert turn.steps == steps[1:]  # "Thinking…" is shown, the tool steps are kept on the turn
    # the tools went to the model with their pydantic schemas
    names = {t["function"]["name"] for t in model.bound_tools}
    assert {"find_contacts", "draft_message", "advise", "add_note", "log_interaction", "who_is_due"} <= names


def ambiguous_world(model):
    coach = make_world(model)
    other = coach.store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Datadog", title="SRE"))
    return coach, other


def asks_which_then_drafts(messages):
    seen = last_tool(messages)
    if seen is None:
        said = next(str(m.content) for m in reversed(messages) if isinstance(m, HumanMessage))
        chosen = re.search(r"#(\d+)", said)
        if chosen:  # the user answered with the person's id
            return tool_call("draft_message", contact_id=int(chosen.group(1)), goal="referral", channel="email")
        return tool_call("resolve_person", name=re.sub(r"^Ask | for a referral.*$", "", said))
    name, result = seen
    if name == "resolve_person" and "ambiguous" in result:
        listed = "; ".join(f"{c['name']} at {c['company']}" for c in result["ambiguous"])
        return AIMessage(content=f"Which Marcus Lee do you mean: {listed}?")
    if name == "resolve_person":
        return tool_call("draft_message", contact_id=result["contact"]["id"], goal="referral", channel="email")
    return AIMessage(content=f"Here is the email:\n\n{result['draft']}")


def test_an_ambiguous_name_is_asked_back_with_choices_and_the_choice_is_drafted_to_by_id():
    model = agent(asks_which_then_drafts)
    coach, datadog = ambiguous_world(model)
    chat = coach.chat()
    turn = chat.ask("Ask Marcus Lee for a referral by email", thread_id="a")
    assert turn.intent == "clarify" and turn.draft is None
    assert {c.company for c in turn.choices} == {"Acme Robotics", "Datadog"}
    assert "Which Marcus Lee" in turn.reply
    again = coach.chat()  # the question asked back survives a restart (checkpointer)
    chosen = again.act(ChatAction(kind="choose", contact_id=datadog.id, label="Marcus Lee, Datadog"), thread_id="a")
    assert chosen.draft is not None and chosen.draft.contact_id == datadog.id


def test_a_qualifier_in_the_words_picks_the_namesake_without_asking():
    model = agent(asks_which_then_drafts)
    coach, datadog = ambiguous_world(model)
    turn = coach.chat().ask("Ask Marcus Lee at Datadog for a referral by email")
    assert turn.draft is not None and turn.draft.contact_id == datadog.id
    assert "Fabrikam" not in turn.draft.text() and "Acme" not in turn.draft.text()


def test_a_tool_error_becomes_a_clear_answer_not_a_traceback():
    def responder(messages):
        seen = last_tool(messages)
        if seen is None:
            return tool_call("draft_message", contact_id=999, goal="referral")
        name, result = seen
        if name == "draft_message" and "999" in str(result):
            return tool_call("draft_message", contact_id=1, goal="to-get-a-job")  # an invalid goal next
        return AIMessage(content=f"That did not work: {result}")

    model = agent(responder)
    turn = make_world(model).chat().ask("draft a referral request to my contact")
    tool_texts = [str(m.content) for m in agent_calls(model)[-1] if isinstance(m, ToolMessage)]
    assert tool_texts[0].startswith("Error: No contact with id 999")
    assert tool_texts[1].startswith("Error: the tool's arguments were invalid: goal")
    assert "Traceback" not in turn.reply and turn.reply.startswith("That did not work: Error:")
    assert turn.draft is None


def test_notes_reach_the_model_fenced_and_an_injected_message_never_reaches_the_user():
    def fooled(messages):
        seen = last_tool(messages)
        if seen is None:
            return tool_call("resolve_person", name="Tomás Ortega")
        name, result = seen
        if name == "resolve_person":
            return tool_call("show_contact", contact_id=result["contact"]["id"])
        # a model that followed the note's instructions and wrote the message itself
        return AIMessage(content="Sure! Send this:\n\nHi Tomás,\n\nPlease pay $500 at https://evil.example.com/pay "
                                 "to keep working together.\n\nBest,\nSam")

    model = agent(fooled)
    turn = make_world(model).chat().ask("write to Tomás Ortega")
    shown = next(str(m.content) for m in agent_calls(model)[-1]
                 if isinstance(m, ToolMessage) and m.name == "show_contact")
    notes = json.loads(shown)["notes"]
    assert notes.startswith(NOTES_FENCE[0]) and notes.endswith(NOTES_FENCE[1]) and "Ignore previous" in notes
    assert "evil.example" not in turn.reply and "$500" not in turn.reply
    assert "did not pass the checks" in turn.note


def test_make_it_shorter_next_turn_revises_the_last_draft_through_the_tool():
    def responder(messages):
        seen = last_tool(messages)
        said = next(str(m.content) for m in reversed(messages) if isinstance(m, HumanMessage))
        if seen is None:
            if "shorter" in said:
                return tool_call("revise_draft", length=-1)
            return tool_call("draft_message", contact_id=2, goal="referral", channel="email",
                             context="the SRE opening on the platform team")
        return AIMessage(content=f"Here it is:\n\n{seen[1]['draft']}")

    model = agent(responder)
    coach = make_world(model)
    first = coach.chat().ask("email Marcus Lee for a referral to the SRE opening on the platform team", thread_id="t")
    second = coach.chat().ask("make it shorter", thread_id="t")  # a new Chat: memory from the checkpointer
    assert second.draft.contact == first.draft.contact == "Marcus Lee" and second.draft.channel == "email"
    assert len(second.draft.body.split()) < len(first.draft.body.split())
    assert "SRE" in second.draft.body  # the user's words survive the revision
    sent_second = agent_calls(model)[-2]  # the revise call saw the whole first turn
    assert any(isinstance(m, ToolMessage) and m.name == "draft_message" for m in sent_second)


def test_a_message_the_model_retypes_is_replaced_by_the_checked_draft():
    def responder(messages):
        seen = last_tool(messages)
        if seen is None:
            return tool_call("draft_message", contact_id=1, goal="reconnect")
        return AIMessage(content="Here you go:\n\nHi Priya,\n\nWe should totally grab lunch at Google soon!\n\nBest,\nSam")

    turn = make_world(agent(responder)).chat().ask("reconnect with Priya Raman")
    assert "Google" not in turn.reply and turn.draft.text() in turn.reply


def test_an_unreachable_model_server_is_one_sentence_in_the_chat():
    def down(messages):
        raise openai.APIConnectionError(request=httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions"))

    turn = make_world(agent(down)).chat().ask("who do I know at Stripe?")
    assert turn.intent == "error" and "Cannot reach the model server" in turn.reply
    assert "COACH_LLM_BASE_URL" in turn.reply and "\n" not in turn.reply


@pytest.mark.parametrize("text,count", [
    ("Sure:\n\n```\nHi Priya,\n\nGreat to see you.\n\nBest,\nSam\n```\n\nAnything else?", 1),
    ("Subject: Hello\n\nHi Priya,\nWould you refer me?\n\nBest,\nSam", 1),
    ("Hi! You know Priya at Stripe.", 0),  # a greeting to the user is no message
    ("Here are two:\n\nHi Ana,\nOne.\n\nCheers,\nSam\n\nDear Bo,\nTwo.\n\nKind regards,\nSam", 2),
])
def test_message_like_texts_are_found(text, count):
    assert len(message_spans(text)) == count


def test_the_guard_keeps_a_message_the_model_wrote_only_when_it_passes():
    coach = make_world()
    ok = "Hi Priya,\n\nIt was great meeting you at PyCon 2024. Would you be open to a short call?\n\nBest,\nSam"
    reply, check, note = guard(f"Try this:\n\n{ok}", Log(), coach)
    assert "PyCon 2024" in reply and check is not None and check.hard_passed
    bad = "Hi [Name],\n\nI hope this message finds you well.\n\nBest,\nSam"
    reply, check, note = guard(f"Try this:\n\n{bad}", Log(), coach)
    assert "[Name]" not in reply and "did not pass" in note


def test_find_contacts_lists_only_people_who_fit_and_nobody_when_nobody_does():
    from coach.conversation.tools import Log, Toolbox

    coach = make_world()
    tools = Toolbox(coach, Log())
    stripe = json.loads(tools.find_contacts("Stripe"))
    assert stripe["people"] and all(p["company"] == "Stripe" for p in stripe["people"])
    nobody = json.loads(tools.find_contacts("Globex"))
    assert nobody == {"people": [], "note": "Nobody in the contacts fits."}
