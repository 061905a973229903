"""A capable-model stand-in: an OpenAI-compatible chat-completions server on loopback.

Tests start it on 127.0.0.1 (a free port), point the product's real `openai/<model>`
path at it (langchain-openai `ChatOpenAI` -> the `openai` client -> HTTP), and script
what the "model" answers::

    with StandinServer(lambda request: "Hi Ana, ...") as server:
        chat = ChatOpenAI(model="standin", base_url=server.url, api_key="x")
        chat.invoke("hello")
        server.requests[-1]["messages"]        # what the product sent

A responder gets the parsed request body and returns a `str` (an assistant answer) or a
`Reply` (tool calls, an HTTP error, a delay, a truncated answer). `Script([...])` answers
from a queue. Both plain and streamed (SSE) answers are served, tool calls included, with
usage counts; `max_tokens` truncates long answers the way a real model does
(`finish_reason="length"`). Requests are served in parallel (one thread each).

Process mode, for tests that run the `coach` CLI in a subprocess::

    python -m tests.standin --port 0 --replies FILE.json   # or --echo
    -> prints "READY http://127.0.0.1:PORT/v1" once listening; stops on SIGTERM.
"""

from tests.standin.script import Reply, Script, ScriptExhausted, content_text, count_tokens, echo
from tests.standin.server import DEFAULT_MODEL, HOST, StandinServer

__all__ = ["DEFAULT_MODEL", "HOST", "Reply", "Script", "ScriptExhausted", "StandinServer", "content_text",
           "count_tokens", "echo"]
