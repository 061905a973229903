"""The capable-model stand-in speaks OpenAI chat completions well enough for the real clients.

Every test talks HTTP on loopback through the official `openai` client or langchain-openai's
`ChatOpenAI`, unchanged; nothing here fakes a client.
"""

from __future__ import annotations

import asyncio
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import openai
import pytest
from langchain_core.messages import AIMessageChunk, HumanMessage, ToolMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, Field

from tests.conftest import REPO
from tests.standin import Reply, Script, ScriptExhausted, StandinServer, count_tokens

DRAFT = ("Hi Ana, congratulations on leading the payments API launch at Northwind. "
         "Would you have 20 minutes next week to tell me how the team shipped it?")


class FindContacts(BaseModel):
    """Find the people in the user's network who match a query."""

    query: str = Field(description="A name, company or topic")
    limit: int = Field(default=3, description="How many people at most")


def client(server: StandinServer, timeout: float = 15, **kwargs) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.url, api_key="x", max_retries=0, timeout=timeout, **kwargs)


def chat(server: StandinServer, **kwargs) -> ChatOpenAI:
    return ChatOpenAI(model="standin", base_url=server.url, api_key="x", max_retries=0, timeout=15, **kwargs)


# ------------------------------------------------------------------- text
def test_openai_client_gets_the_text_usage_and_the_request_is_recorded():
    with StandinServer(lambda request: DRAFT) as server:
        answer = client(server).chat.completions.create(
            model="standin", messages=[{"role": "system", "content": "You draft messages."},
                                       {"role": "user", "content": "Congratulate Ana on the launch."}],
            temperature=0.2, seed=7, max_tokens=200)
        assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/v1")
    assert answer.choices[0].message.content == DRAFT
    assert answer.choices[0].finish_reason == "stop"
    assert answer.model == "standin"
    assert answer.usage.completion_tokens == count_tokens(DRAFT) > 20
    assert answer.usage.prompt_tokens > count_tokens("You draft messages. Congratulate Ana on the launch.")
    assert answer.usage.total_tokens == answer.usage.prompt_tokens + answer.usage.completion_tokens
    [sent] = server.requests
    assert sent["messages"][1]["content"] == "Congratulate Ana on the launch."
    assert (sent["temperature"], sent["seed"], sent["max_tokens"]) == (0.2, 7, 200)


def test_streamed_text_arrives_in_pieces_with_usage_at_the_end():
    with StandinServer(lambda request: DRAFT) as server:
        chunks = list(client(server).chat.completions.create(
            model="standin", messages=[{"role": "user", "content": "hi"}], stream=True,
            stream_options={"include_usage": True}))
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) > 10 and "".join(pieces) == DRAFT
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert not chunks[-1].choices and chunks[-1].usage.completion_tokens == count_tokens(DRAFT)


def test_the_stream_is_server_sent_events_ending_with_done():
    with StandinServer(lambda request: "Short answer.") as server:
        body = json.dumps({"model": "m", "stream": True, "messages": [{"role": "user", "content": "hi"}]})
        request = urllib.request.Request(f"{server.url}/chat/completions", data=body.encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            content_type = response.headers["Content-Type"]
            events = [line for line in response.read().decode().split("\n\n") if line]
    assert content_type.startswith("text/event-stream")
    assert all(event.startswith("data: ") for event in events)
    assert events[-1] == "data: [DONE]"
    deltas = [json.loads(event[6:])["choices"][0]["delta"] for event in events[:-1]]
    assert deltas[0]["role"] == "assistant"
    assert "".join(d.get("content") or "" for d in deltas) == "Short answer."


def test_models_are_listed():
    with StandinServer(model="standin-capable") as server:
        assert [m.id for m in client(server).models.list()] == ["standin-capable"]
        assert client(server).models.retrieve("standin-capable").owned_by == "standin"


def test_chat_openai_invoke_and_stream():
    with StandinServer(lambda request: DRAFT) as server:
        model = chat(server)
        message = model.invoke([HumanMessage("Congratulate Ana.")])
        streamed = list(model.stream("Congratulate Ana."))
    assert message.content == DRAFT
    assert message.usage_metadata["output_tokens"] == count_tokens(DRAFT)
    assert "".join(chunk.content for chunk in streamed) == DRAFT
    assert sum(1 for chunk in streamed if chunk.content) > 10
    assert [r["messages"][-1]["content"] for r in server.requests] == ["Congratulate Ana."] * 2
    assert server.requests[1]["stream"] is True


def test_max_tokens_cuts_a_long_answer_like_a_real_model():
    with StandinServer(lambda request: DRAFT) as server:
        message = chat(server, max_tokens=8).invoke("Write to Ana.")
    assert message.response_metadata["finish_reason"] == "length"
    assert message.content == "Hi Ana, congratulations on leading the payments"  # 8 tokens: words and the comma


def test_n_choices_come_from_successive_replies():
    with StandinServer.scripted(["First draft.", "Second draft."]) as server:
        answer = client(server).chat.completions.create(
            model="standin", messages=[{"role": "user", "content": "two drafts"}], n=2)
        server.assert_complete()
    assert [c.message.content for c in answer.choices] == ["First draft.", "Second draft."]


# ------------------------------------------------------------ concurrency
def test_requests_are_served_in_parallel():
    """Four responders that each wait for the other three: only a parallel server gets past the barrier."""
    barrier = threading.Barrier(4, timeout=10)

    def responder(request: dict) -> str:
        barrier.wait()
        return "reply to " + request["messages"][-1]["content"]

    with StandinServer(responder) as server:
        answers = chat(server).batch(["a", "b", "c", "d"], config={"max_concurrency": 4})
    assert [a.content for a in answers] == ["reply to a", "reply to b", "reply to c", "reply to d"]


def test_a_batch_of_slow_answers_takes_about_one_delay_not_four():
    delay = 0.5
    with StandinServer(lambda request: "warm") as server:
        model = chat(server)
        assert model.invoke("warm up").content == "warm"  # client set up outside the timing
        server.set_responder(lambda request: Reply(text="late", delay=delay))
        start = time.monotonic()
        answers = model.batch(["a", "b", "c", "d"], config={"max_concurrency": 4})
        elapsed = time.monotonic() - start

        async def timed_abatch() -> tuple[list, float]:
            async_model = chat(server)
            server.set_responder(lambda request: "warm")
            await async_model.ainvoke("warm up")
            server.set_responder(lambda request: Reply(text="late", delay=delay))
            start = time.monotonic()
            answers = await async_model.abatch(["e", "f", "g", "h"])
            return answers, time.monotonic() - start

        async_answers, async_elapsed = asyncio.run(timed_abatch())
    sequential = 4 * delay
    assert [a.content for a in answers + async_answers] == ["late"] * 8
    assert delay <= elapsed < 0.6 * sequential
    assert delay <= async_elapsed < 0.6 * sequential


# ------------------------------------------------------------- tool calls
@pytest.mark.parametrize("streaming", [False, True], ids=["invoke", "stream"])
def test_tool_call_round_trip_with_bind_tools(streaming: bool):
    script = Script([
        Reply(tool_calls=[{"name": "FindContacts", "arguments": {"query": "Stripe", "limit": 2}}]),
        lambda request: "You know " + request["messages"][-1]["content"] + ".",
    ])
    with StandinServer(script) as server:
        model = chat(server).bind_tools([FindContacts])
        question = HumanMessage("Who do I know at Stripe?")
        if streaming:
            first = None
            for chunk in model.stream([question]):
                assert isinstance(chunk, AIMessageChunk)
                first = chunk if first is None else first + chunk
        else:
            first = model.invoke([question])
        [call] = first.tool_calls
        assert call["name"] == "FindContacts" and call["args"] == {"query": "Stripe", "limit": 2}
        assert call["id"].startswith("call_")
        assert first.response_metadata["finish_reason"] == "tool_calls"
        result = ToolMessage("Grace Okafor (Stripe, payments)", tool_call_id=call["id"])
        final = model.invoke([question, first, result])
        script.assert_complete()
    assert final.content == "You know Grace Okafor (Stripe, payments)."
    offered = server.requests[0]["tools"][0]["function"]
    assert offered["name"] == "FindContacts"
    assert set(offered["parameters"]["properties"]) == {"query", "limit"}
    sent_back = server.requests[1]["messages"]
    assert sent_back[1]["tool_calls"][0]["id"] == call["id"]
    assert sent_back[2] == {"role": "tool", "content": "Grace Okafor (Stripe, payments)", "tool_call_id": call["id"]}


def test_malformed_tool_arguments_reach_the_client_as_an_invalid_tool_call():
    with StandinServer(lambda r: Reply(tool_calls=[{"name": "FindContacts", "arguments": '{"query": "Str'}])) as server:
        message = chat(server).bind_tools([FindContacts]).invoke("Who is at Stripe?")
    assert message.tool_calls == []
    assert message.invalid_tool_calls[0]["name"] == "FindContacts"


# ----------------------------------------------------------------- errors
@pytest.mark.parametrize(("status", "error_class"), [
    (500, openai.InternalServerError), (429, openai.RateLimitError), (400, openai.BadRequestError)])
def test_http_errors_surface_as_the_clients_errors(status: int, error_class: type):
    with StandinServer(lambda request: Reply(status=status, error="the stand-in was told to fail")) as server:
        with pytest.raises(error_class) as raised:
            client(server).chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        with pytest.raises(error_class, match="told to fail"):
            chat(server).invoke("hi")
    assert raised.value.status_code == status
    assert raised.value.body["message"] == "the stand-in was told to fail"


def test_a_500_is_retried_unless_the_server_says_not_to():
    script = Script([Reply(status=500, error="flaky"), "recovered",
                     Reply(status=500, error="down", headers={"x-should-retry": "false"})])
    with StandinServer(script) as server:
        retrying = openai.OpenAI(base_url=server.url, api_key="x", max_retries=1)
        answer = retrying.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        assert answer.choices[0].message.content == "recovered"
        with pytest.raises(openai.InternalServerError):
            retrying.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        script.assert_complete()
    assert len(server.requests) == 3


def test_a_slow_answer_times_the_client_out_and_the_server_still_stops():
    with StandinServer(lambda request: Reply(text="too late", delay=30)) as server:
        with pytest.raises(openai.APITimeoutError):
            client(server, timeout=0.3).chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
        start = time.monotonic()
    assert time.monotonic() - start < 5


def test_a_bad_request_body_is_refused_like_openai_does():
    with StandinServer() as server, pytest.raises(openai.BadRequestError, match="messages"):
        client(server).chat.completions.create(model="m", messages=[])


def test_a_script_that_runs_out_fails_the_call_and_the_test():
    with pytest.raises(ScriptExhausted), StandinServer.scripted(["only one"]) as server:
        model = chat(server)
        assert model.invoke("one").content == "only one"
        with pytest.raises(openai.InternalServerError, match="ran out of replies"):
            model.invoke("two")
    leftover = Script(["used", "never used"])
    leftover({"messages": []})
    with pytest.raises(AssertionError, match="1 scripted replies were never used"):
        leftover.assert_complete()


def test_a_responder_bug_is_raised_when_the_server_closes():
    def responder(request: dict) -> str:
        assert request["temperature"] == 0.0, "the drafter should ask for temperature 0"
        return "ok"

    with pytest.raises(AssertionError, match="temperature 0"), StandinServer(responder) as server:  # noqa: SIM117
        with pytest.raises(openai.InternalServerError):  # the client sees a 500; the test sees the assertion
            chat(server, temperature=0.9).invoke("hi")


# ------------------------------------------------------- the product's path
def test_the_projects_openai_chat_model_talks_to_the_standin(monkeypatch: pytest.MonkeyPatch):
    from coach.config.settings import load_settings
    from coach.llm.providers import make_chat_model

    script = Script([DRAFT, Reply(tool_calls=[{"name": "FindContacts", "arguments": {"query": "Northwind"}}])])
    with StandinServer(script) as server:
        monkeypatch.setenv("COACH_LLM", "openai/standin")
        monkeypatch.setenv("COACH_LLM_BASE_URL", server.url)  # no OPENAI_API_KEY: a local server needs none
        settings = load_settings()
        model = make_chat_model(settings.llm, settings)
        assert model.invoke("Congratulate Ana on the launch.").content == DRAFT
        [call] = model.bind_tools([FindContacts]).invoke("Who is at Northwind?").tool_calls
        script.assert_complete()
    assert call["args"] == {"query": "Northwind"}
    assert {r["model"] for r in server.requests} == {"standin"}
    assert server.requests[0]["messages"] == [{"role": "user", "content": "Congratulate Ana on the launch."}]


# ------------------------------------------------------------ process mode
def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise TimeoutError(f"the stand-in printed nothing within {timeout}s")
    return proc.stdout.readline().strip()


@pytest.mark.integration
def test_process_mode_starts_answers_in_a_cycle_and_stops_on_sigterm(tmp_path: Path):
    replies = tmp_path / "replies.json"
    replies.write_text(json.dumps(["First answer.", {"tool_calls": [{"name": "FindContacts",
                                                                      "arguments": {"query": "Stripe"}}]}]))
    log = tmp_path / "requests.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "tests.standin", "--port", "0", "--replies", str(replies),
                             "--requests-log", str(log)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=REPO)
    try:
        ready = _read_line(proc, timeout=30)
        assert ready.startswith("READY http://127.0.0.1:") and ready.endswith("/v1")
        url = ready.split()[1]
        model = ChatOpenAI(model="standin", base_url=url, api_key="x", max_retries=0).bind_tools([FindContacts])
        answers = [model.invoke(f"question {i}") for i in range(3)]
        assert [a.content for a in answers] == ["First answer.", "", "First answer."]
        assert answers[1].tool_calls[0]["args"] == {"query": "Stripe"}
        logged = [json.loads(line) for line in log.read_text().splitlines()]
        assert [r["messages"][-1]["content"] for r in logged] == ["question 0", "question 1", "question 2"]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        _reap(proc)


def _reap(proc: subprocess.Popen) -> None:
    """Kill the stand-in process if a test left it running, and close its pipe."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    proc.stdout.close()


@pytest.mark.integration
def test_process_mode_echo_and_a_bad_replies_file(tmp_path: Path):
    proc = subprocess.Popen([sys.executable, "-m", "tests.standin", "--echo"], stdout=subprocess.PIPE, text=True,
                            cwd=REPO)
    try:
        url = _read_line(proc, timeout=30).split()[1]
        assert ChatOpenAI(model="standin", base_url=url, api_key="x").invoke("say this back").content == "say this back"
        proc.terminate()
        assert proc.wait(timeout=10) == 0
    finally:
        _reap(proc)
    bad = tmp_path / "replies.json"
    bad.write_text("{}")
    failed = subprocess.run([sys.executable, "-m", "tests.standin", "--replies", str(bad)],
                            capture_output=True, text=True, timeout=30, cwd=REPO)
    assert failed.returncode != 0 and "non-empty JSON list" in failed.stderr
