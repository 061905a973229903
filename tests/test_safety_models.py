"""A model server that is not there, not a URL, or lacks the model: one sentence, exit 2 (issue 16, item 8)."""

from __future__ import annotations

import socket

import pytest

from coach.config.settings import load_settings
from coach.core.errors import ConfigurationError
from coach.llm.providers import make_chat_model
from tests.conftest import run_cli
from tests.standin import Reply, StandinServer


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nothing_listening_names_the_url_and_the_setting():
    url = f"http://127.0.0.1:{closed_port()}/v1"
    model = make_chat_model("openai/gpt-4o-mini", load_settings(llm_base_url=url))
    # the SDK client (drafts, advice) and LangChain's client under it (the agent's tools, structured output)
    for call in (lambda: model.invoke("hi"), lambda: list(model.stream("hi")), lambda: model.langchain.invoke("hi"),
                 lambda: model.langchain.batch(["a", "b"])):
        with pytest.raises(ConfigurationError) as caught:
            call()
        assert str(caught.value) == (f"Cannot reach the model server at {url} (nothing answers there): start the "
                                     "server, or fix COACH_LLM_BASE_URL.")
        assert caught.value.exit_code == 2


@pytest.mark.parametrize("url", ["notaurl", "127.0.0.1:8080/v1", "http://127.0.0.1:port/v1", "ftp://models.example/v1"])
def test_a_base_url_that_is_not_an_http_address_fails_before_any_call(url):
    with pytest.raises(ConfigurationError) as caught:
        make_chat_model("openai/gpt-4o-mini", load_settings(llm_base_url=url))
    assert str(caught.value).startswith(f"COACH_LLM_BASE_URL '{url}' is not an http(s) address: set it to")


def test_an_unknown_model_is_a_configuration_error_naming_the_model():
    missing = Reply(status=404, error="The model 'gpt-nope' does not exist or you do not have access to it.")
    with StandinServer(lambda request: missing) as server:
        url = server.url
        model = make_chat_model("openai/gpt-nope", load_settings(llm_base_url=url))
        with pytest.raises(ConfigurationError) as caught:
            model.invoke("hi")
    assert str(caught.value) == (f"The model server at {url} has no model 'gpt-nope' (HTTP 404): set "
                                 "COACH_LLM=openai/<a model it serves>, or fix COACH_LLM_BASE_URL.")


def test_a_working_server_still_answers_through_the_checked_model():
    with StandinServer(lambda request: "Hello from the stand-in.") as server:
        model = make_chat_model("openai/standin", load_settings(llm_base_url=server.url))
        assert model.invoke("hi").content == "Hello from the stand-in."


@pytest.mark.slow
@pytest.mark.parametrize("url", ["closed", "notaurl"])
def test_coach_draft_against_a_missing_server_exits_2_with_one_sentence(url):
    url = f"http://127.0.0.1:{closed_port()}/v1" if url == "closed" else url
    added = run_cli("contacts", "add", "--name", "Ana López", "--company", "Contoso", "--note", "Met at PyCon")
    assert added.returncode == 0, added.stderr
    result = run_cli("draft", "--to", "Ana", "--goal", "reconnect", "--channel", "email",
                     env={"COACH_LLM": "openai/gpt-4o-mini", "COACH_LLM_BASE_URL": url}, timeout=300)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and result.stdout == "", result.stderr
    assert len(lines) == 1 and url in lines[0] and "COACH_LLM_BASE_URL" in lines[0], result.stderr
