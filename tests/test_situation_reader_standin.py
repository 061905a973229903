"""The capable reading through langchain-openai to the OpenAI-compatible stand-in on loopback."""

from __future__ import annotations

import json

import pytest

from coach.advice.reader import read_situation, read_with_model
from coach.config.settings import load_settings
from coach.llm.providers import make_chat_model
from tests.standin import StandinServer

pytestmark = pytest.mark.integration


def test_structured_output_from_an_openai_compatible_server(monkeypatch, tmp_path):
    answer = {"direction": "repairing", "counterpart": "former manager", "stake": "relationship",
              "ago_number": None, "ago_unit": None, "done": "I was rude to him in my exit interview"}
    with StandinServer(lambda request: json.dumps(answer), model="standin-capable") as server:
        monkeypatch.setenv("COACH_HOME", str(tmp_path))
        monkeypatch.setenv("COACH_LLM", "openai/standin-capable")
        monkeypatch.setenv("COACH_LLM_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", "not-needed")
        settings = load_settings()
        text = "I was rude to my former manager in my exit interview and want to make it right"
        read = read_with_model(text, make_chat_model(settings.llm, settings), read_situation(text))
    assert read.source == "model" and read.direction == "repairing"
    assert read.reading == "I read this as: you want to put things right with a former manager."
    sent = json.dumps(server.requests[0])
    assert "ago_unit" in sent and "exit interview" in sent  # the schema and the user's words went to the model
