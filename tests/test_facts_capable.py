"""Facts from a capable model's structured output, through the model seam, against the stand-in on loopback."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.config.settings import load_settings
from coach.core.domain import Contact, Note
from coach.crm.facts.extract import extract_with_model
from coach.llm.providers import make_chat_model
from tests.standin import Reply, StandinServer

pytestmark = pytest.mark.integration


def _model(monkeypatch, tmp_path, server):
    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    monkeypatch.setenv("COACH_LLM", "openai/standin-capable")
    monkeypatch.setenv("COACH_LLM_BASE_URL", server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "not-needed")
    settings = load_settings()
    return make_chat_model(settings.llm, settings)


def test_the_models_facts_are_kept_when_made_of_the_notes_words(monkeypatch, tmp_path):
    contact = Contact(id=1, first_name="Priya", last_name="Shah", notes=[
        Note(id=7, text="Offsite in Lyon\nWe planned the Q3 roadmap. She said to ping her when roles open.",
             date=dt.date(2024, 5, 2), source="markdown")])
    answer = {"facts": [
        {"kind": "met-at", "phrase": "at the offsite in Lyon", "date": "2024-05-02", "note_id": 7},
        {"kind": "offer", "phrase": "you said to ping you when roles open", "note_id": 7},
        {"kind": "favour", "phrase": "you introduced me to your CTO", "note_id": 7},  # not in the notes: dropped
    ]}
    with StandinServer(lambda request: Reply(tool_calls=[{"name": "ModelFacts", "arguments": answer}])) as server:
        facts = extract_with_model(_model(monkeypatch, tmp_path, server), contact)
        sent = server.requests[-1]
    assert [(f.kind, f.phrase, f.date) for f in facts] == [
        ("met-at", "at the offsite in Lyon", dt.date(2024, 5, 2)),
        ("offer", "you said to ping you when roles open", dt.date(2024, 5, 2))]
    tool = sent["tools"][0]["function"]
    assert tool["name"] == "ModelFacts" and "note's own words" in str(tool["parameters"])
    assert "We planned the Q3 roadmap" in str(sent["messages"])


def test_a_model_answer_that_does_not_fit_falls_back_to_the_rules(monkeypatch, tmp_path):
    contact = Contact(id=1, first_name="Priya", notes=[Note(id=1, text="She reviewed my portfolio")])
    with StandinServer(lambda request: "I think she is nice") as server:
        facts = extract_with_model(_model(monkeypatch, tmp_path, server), contact)
    assert [(f.kind, f.phrase) for f in facts] == [("favour", "you reviewed my portfolio")]
