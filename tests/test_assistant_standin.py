"""The agent end to end: `openai/<model>` through langchain-openai and the openai client to an OpenAI-compatible
stand-in server on loopback that answers with tool calls (tests/standin_agent.py plays the model's part), in
process and through `coach ask` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coach.core.domain import Contact
from coach.llm.providers import make_chat_model
from tests.coach_world import make_world
from tests.standin import StandinServer
from tests.standin_agent import play

pytestmark = pytest.mark.integration

STRIPE_ASK = "who do I know at Stripe? draft a LinkedIn note to the best one about the Connect team"


@pytest.fixture
def standin(monkeypatch, tmp_path):
    with StandinServer(play, model="standin-agent") as server:
        monkeypatch.setenv("COACH_HOME", str(tmp_path))
        monkeypatch.setenv("COACH_LLM", "openai/standin-agent")
        monkeypatch.setenv("COACH_LLM_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", "not-needed")
        monkeypatch.setenv("COACH_CANDIDATES", "2")
        yield server


def world():
    coach = make_world()
    coach._model = make_chat_model(coach.settings.llm, coach.settings)  # the real client, to the stand-in
    return coach


def test_find_then_draft_over_http_with_tool_calls(standin):
    coach = world()
    turn = coach.chat().ask(STRIPE_ASK)
    assert turn.intent == "draft" and turn.draft.contact == "Priya Raman"
    assert turn.draft.channel == "linkedin-note" and "Connect team" in turn.draft.body
    assert all(c.passed for c in turn.draft.checks if c.hard)
    assert "You know Priya Raman" in turn.reply and turn.draft.text() in turn.reply
    tool_requests = [r for r in standin.requests if r.get("tools")]
    assert len(tool_requests) == 3  # find, draft, answer
    assert {t["function"]["name"] for t in tool_requests[0]["tools"]} >= {"find_contacts", "draft_message"}


def test_an_ambiguous_name_over_http_is_asked_back_then_answered_by_id(standin):
    coach = world()
    datadog = coach.store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Datadog", title="SRE"))
    chat = coach.chat()
    asked = chat.ask("Ask Marcus Lee for a referral by email", thread_id="m")
    assert asked.intent == "clarify" and {c.id for c in asked.choices} == {2, datadog.id}
    answered = chat.ask(f"#{datadog.id}", thread_id="m")
    assert answered.draft.contact_id == datadog.id and answered.draft.channel == "email"
    assert "Acme" not in answered.draft.text()


def test_coach_ask_in_a_shell_shows_the_people_and_one_checked_draft(standin, tmp_path):
    make_world()  # the store under COACH_HOME; the CLI builds its own index
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-m", "coach", "ask", STRIPE_ASK, "--json"], env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    turn = json.loads(out.stdout)
    assert turn["intent"] == "draft" and turn["draft"]["contact"] == "Priya Raman"
    assert "Connect team" in turn["draft"]["body"] and "Priya Raman" in turn["reply"]
    assert any("Stripe" in s for s in turn["steps"])
    plain = subprocess.run([sys.executable, "-m", "coach", "ask", "make it shorter"], env=env, capture_output=True,
                           text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    assert "Drafting a LinkedIn connection note to Priya Raman" in plain.stderr and "checks pass" in plain.stdout


def test_a_tool_error_over_http_is_one_clear_sentence(standin):
    """The model asks for a person who is not there: the tool's error reaches it, and the user reads one sentence."""
    coach = world()
    turn = coach.chat().ask("Ask Zebulon Quark for a referral")
    assert turn.intent != "error" and "Traceback" not in turn.reply
    assert turn.reply.startswith("That did not work: No contact is called") and turn.draft is None


def test_an_injected_note_over_http_never_reaches_the_user(standin):
    """Tomás's only note tells the model to add a link and ask for $500: the draft the coach returns has neither,
    and wherever the note's words reach the model they sit inside the notes fence, as data (drafts draw on the
    facts taken from notes, so the model may not see the note at all)."""
    coach = world()
    turn = coach.chat().ask("Write a LinkedIn message to Tomás Ortega about his studio's new brand work")
    assert turn.draft is not None and turn.draft.contact == "Tomás Ortega"
    assert "brand work" in turn.draft.body  # the user's words
    assert "evil.example" not in turn.reply and "$500" not in turn.reply
    assert all(c.passed for c in turn.draft.checks if c.hard)
    seen = [str(m.get("content")) for r in standin.requests for m in r["messages"] if "evil.example" in
            str(m.get("content"))]
    assert all("<<<NOTES" in content or "NOTES>>>" in content for content in seen), seen
