"""The agent's conversations against a real OpenAI-compatible endpoint (never in CI).

Set COACH_REMOTE_LLM (e.g. openai/gpt-4o-mini) and OPENAI_API_KEY (and COACH_LLM_BASE_URL for another
provider) to run them; without both they are skipped. The assertions are what a user would check: the right
person, a draft the coach checked, the user's words in it, and a question back for a shared name.
"""

from __future__ import annotations

import os

import pytest

from coach.core.domain import Contact
from coach.llm.providers import make_chat_model
from tests.coach_world import make_world

pytestmark = [pytest.mark.remote, pytest.mark.slow]

MODEL = os.environ.get("COACH_REMOTE_LLM", "")


@pytest.fixture
def coach(monkeypatch):
    if not MODEL or not os.environ.get("OPENAI_API_KEY"):
        pytest.skip("set COACH_REMOTE_LLM and OPENAI_API_KEY to run the agent against a real endpoint")
    monkeypatch.setenv("COACH_LLM", MODEL)
    world = make_world()
    world._model = make_chat_model(MODEL, world.settings)
    return world


def test_a_real_model_finds_the_stripe_contact_and_drafts_one_checked_note(coach):
    turn = coach.chat().ask("who do I know at Stripe? draft a LinkedIn note to the best one about the Connect team")
    assert turn.draft is not None and turn.draft.contact == "Priya Raman"
    assert turn.draft.channel == "linkedin-note" and all(c.passed for c in turn.draft.checks if c.hard)
    assert "Connect" in turn.draft.body
    assert turn.draft.text() in turn.reply


def test_a_real_model_asks_back_for_a_shared_name(coach):
    datadog = coach.store.add_contact(Contact(first_name="Marcus", last_name="Lee", company="Datadog", title="SRE"))
    turn = coach.chat().ask("Ask Marcus Lee for a referral by email")
    assert turn.draft is None and {c.company for c in turn.choices} == {"Acme Robotics", "Datadog"}
    chosen = coach.chat().ask("the one at Datadog")
    assert chosen.draft is not None and chosen.draft.contact_id == datadog.id
