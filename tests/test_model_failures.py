"""A model server that is not there, fails, answers garbage or never answers ends `coach draft`, `advise` and
`ask` in one sentence naming the URL and COACH_LLM_BASE_URL, exit 2, within 30 s (issue 29).

Each misbehaviour is a real HTTP server on 127.0.0.1 (stdlib http.server in a thread), stopped by the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import free_port, run_cli

pytestmark = pytest.mark.integration

ANSWERS = {  # kind -> (status, content type, body)
    "http 500": (500, "application/json", b'{"error": {"message": "the model crashed"}}'),
    "garbage": (200, "application/json", b"\x00\xffthis is not json {"),
    "html": (200, "text/html", b"<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>"),
    "empty": (200, "application/json", b""),
    "no choices": (200, "application/json", b'{"id": "cmpl-1", "object": "chat.completion", "model": "m"}'),
}
KINDS = ["closed port", *ANSWERS, "hang"]
# A server that accepts and never answers is reported after (1 + retries) x the read timeout. The tests wait
# TIMEOUT_S, not the default; test_the_default_timeouts_report_a_silent_server_within_30_s checks the default.
TIMEOUT_S = 3


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.server.kind == "hang":  # accepts, reads the request, and never answers
            self.server.stopping.wait(120)
            return
        status, kind, body = ANSWERS[self.server.kind]
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET = _answer


@contextmanager
def misbehaving(kind: str) -> Iterator[str]:
    """The base URL of a server on loopback that misbehaves as `kind` (nothing listens for 'closed port')."""
    if kind == "closed port":
        yield f"http://127.0.0.1:{free_port()}/v1"
        return
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.kind, server.stopping = kind, threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture(scope="module")
def home_with_a_contact(tmp_path_factory) -> str:
    home = tmp_path_factory.mktemp("model-failures") / "home"
    result = run_cli("contacts", "add", "--name", "Priya Raman", "--company", "Stripe",
                     "--note", "Talked about payments APIs at PyCon 2024", env={"COACH_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    index = run_cli("index", env={"COACH_HOME": str(home)}, timeout=600)  # built once, not inside a timed run
    assert index.returncode == 0, index.stderr
    return str(home)


COMMANDS = {
    "draft": ["draft", "--to", "Priya", "--goal", "reconnect", "--channel", "linkedin-message"],
    "advise": ["advise", "I was laid off last week and do not know whom to tell first"],
    "ask": ["ask", "write a reconnect message to Priya on LinkedIn"],
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_model_server_failure_is_one_sentence_naming_the_url_and_setting(kind, command, home_with_a_contact):
    with misbehaving(kind) as url:
        started = time.monotonic()
        result = run_cli(*COMMANDS[command], env={"COACH_HOME": home_with_a_contact, "COACH_LLM": "openai/m",
                                                   "COACH_LLM_BASE_URL": url, "OPENAI_API_KEY": "not-needed",
                                                   "COACH_LLM_TIMEOUT": str(TIMEOUT_S)},
                         timeout=120)
        took = time.monotonic() - started
    said = [line for line in result.stderr.strip().splitlines() if not line.startswith("·")]
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert len(said) == 1 and url in said[0] and "COACH_LLM_BASE_URL" in said[0], result.stderr
    assert "Unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert took < 30, f"{took:.1f} s"


def test_the_default_timeouts_report_a_silent_server_within_30_s():
    """With the default COACH_LLM_TIMEOUT, connecting, the read timeout and the one retry add up to under 30 s."""
    from coach.config.settings import load_settings
    from coach.llm import openai_chat
    from coach.llm.providers import make_chat_model

    model = make_chat_model("openai/m", load_settings(llm_base_url="http://127.0.0.1:9/v1"))
    timeout = model._client.timeout
    assert (1 + openai_chat.RETRIES) * max(timeout.read, timeout.connect) < 30
    assert model._client.max_retries == openai_chat.RETRIES


APP_SCRIPT = ("import streamlit as st\nfrom coach.ui import first_run, nav\n"
              "page = st.navigation(nav.pages(default='chat'))\nfirst_run.flash()\nfirst_run.banner()\npage.run()\n")


@pytest.mark.parametrize("kind", KINDS)
def test_each_model_server_failure_in_the_app_is_one_sentence_naming_the_url_and_setting(
        kind, home_with_a_contact, monkeypatch):
    """The same failures through the app's chat: one error sentence, no traceback, within 30 s."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from coach.ui import state

    with misbehaving(kind) as url:
        for name, value in {"COACH_HOME": home_with_a_contact, "COACH_LLM": "openai/m", "COACH_LLM_BASE_URL": url,
                            "OPENAI_API_KEY": "not-needed", "COACH_LLM_TIMEOUT": str(TIMEOUT_S)}.items():
            monkeypatch.setenv(name, value)
        state._OVERRIDES.clear()
        st.cache_resource.clear()
        try:
            at = AppTest.from_string(APP_SCRIPT, default_timeout=120).run()
            started = time.monotonic()
            at.chat_input[0].set_value("Write a LinkedIn message to Priya Raman to reconnect").run()
            took = time.monotonic() - started
        finally:
            st.cache_resource.clear()
    assert not at.exception, at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert len(errors) == 1 and url in errors[0] and "Base URL on the Settings page" in errors[0], errors  # a browser user changes it there
    assert "Traceback" not in errors[0] and "Unexpected" not in errors[0]
    assert took < 30, f"{took:.1f} s"
