"""The app's password: guessing is throttled per connection address (never a header), a guessing session is
locked out but never the owner, the password never goes on a command line, and a server beyond loopback needs a
real one (issues 16, 7, 29)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coach.ui import gate
from tests.conftest import free_port, run_cli

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(gate, "THROTTLE", gate.Throttle(clock=fake))
    return fake


def test_wrong_passwords_earn_growing_waits_per_address_capped_at_a_minute(clock):
    throttle = gate.THROTTLE
    waits = [throttle.failed("203.0.113.7") for _ in range(gate.LOCKOUT_AFTER + 5)]
    assert waits[:gate.FREE_TRIES] == [0.0] * gate.FREE_TRIES  # a typo or two costs nothing
    growing = waits[gate.FREE_TRIES:]
    assert growing == sorted(growing) and growing[0] >= 1 and growing[-1] > growing[0] * 8
    assert max(waits) == gate.MAX_DELAY_S  # an address is slowed down, never locked out
    assert throttle.wait("198.51.100.2") == 0  # another client is not punished for this one
    clock.now += gate.MAX_DELAY_S - 1
    assert throttle.wait("203.0.113.7") == pytest.approx(1)
    clock.now += 1
    assert throttle.wait("203.0.113.7") == 0
    throttle.succeeded("203.0.113.7")
    assert throttle.failed("203.0.113.7") == 0  # the right password starts the count again


def _gate_script() -> None:
    import streamlit as st

    from coach.ui import gate

    if gate.unlocked():
        st.write("inside the coach")


def _try(at: AppTest, password: str) -> AppTest:
    at.text_input[0].set_value(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def _errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def test_the_gate_makes_a_guesser_wait_even_with_the_right_password_and_across_sessions(clock, monkeypatch):
    monkeypatch.setenv("COACH_APP_PASSWORD", PASSWORD)
    at = AppTest.from_function(_gate_script, default_timeout=60).run()
    for _ in range(gate.FREE_TRIES):
        assert _errors(_try(at, "password123")) == "That password is not right."
    assert "wait 1 second before" in _errors(_try(at, "letmein"))
    assert "wait 1 second before" in _errors(_try(at, PASSWORD))  # not even checked during the wait
    assert not any("inside the coach" in m.value for m in at.markdown)
    other_tab = AppTest.from_function(_gate_script, default_timeout=60).run()  # a new session, same client
    assert "Too many wrong passwords" in _errors(_try(other_tab, PASSWORD))
    clock.now += 1
    _try(at, PASSWORD)
    assert any("inside the coach" in m.value for m in at.markdown)


def _handshake(forwarded_for: str, peer: str = "127.0.0.1"):
    """The client context Streamlit records for a WebSocket handshake from `peer` carrying X-Forwarded-For,
    after uvicorn's proxy-headers middleware (on by default, trusting loopback) has seen it."""
    import asyncio

    from starlette.websockets import WebSocket
    from streamlit.web.server.starlette.starlette_websocket import StarletteClientContext
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    seen = {}

    async def app(scope, receive, send):
        seen["scope"] = scope

    scope = {"type": "websocket", "path": "/_stcore/stream", "client": (peer, 50123), "scheme": "ws",
             "headers": [(b"x-forwarded-for", forwarded_for.encode())], "query_string": b""}
    asyncio.run(ProxyHeadersMiddleware(app, trusted_hosts="127.0.0.1")(scope, None, None))
    context = StarletteClientContext(WebSocket(seen["scope"], None, None))
    assert context.remote_ip == forwarded_for  # what st.context.ip_address reports: the guesser's choice
    return context


def _guesses(clock, monkeypatch, forwarded_for) -> list[str]:
    """Twelve guesses, each from a new browser session with the given X-Forwarded-For, the last one right."""
    monkeypatch.setenv("COACH_APP_PASSWORD", PASSWORD)
    said = []
    for n in range(12):
        monkeypatch.setattr(gate, "_client_context", lambda n=n: _handshake(forwarded_for(n)))
        at = AppTest.from_function(_gate_script, default_timeout=60).run()
        at = _try(at, PASSWORD if n == 11 else f"guess-{n}")
        said.append(_errors(at) or ("inside" if any("inside the coach" in m.value for m in at.markdown) else ""))
        clock.now += 0.5  # a script guesses twice a second
    return said


def test_a_new_x_forwarded_for_with_each_guess_is_throttled_exactly_like_one_client(clock, monkeypatch):
    forged = _guesses(clock, monkeypatch, lambda n: f"198.51.100.{n + 1}")
    monkeypatch.setattr(gate, "THROTTLE", gate.Throttle(clock=clock))
    one_client = _guesses(clock, monkeypatch, lambda n: "198.51.100.1")
    assert forged == one_client
    assert forged[:gate.FREE_TRIES] == ["That password is not right."] * gate.FREE_TRIES
    assert all("wait" in said for said in forged[gate.FREE_TRIES + 1:])  # not even checked, the right one neither
    assert "inside" not in forged


def test_a_guessing_session_is_locked_out_but_the_owner_on_the_same_address_is_not(clock, monkeypatch):
    monkeypatch.setenv("COACH_APP_PASSWORD", PASSWORD)
    monkeypatch.setattr(gate, "_client_context", lambda: _handshake("127.0.0.1"))
    guesser = AppTest.from_function(_gate_script, default_timeout=60).run()
    for _ in range(gate.LOCKOUT_AFTER):
        _try(guesser, "hunter2hunter2")
        clock.now += gate.MAX_DELAY_S  # a patient guesser waits out every delay
    assert "session is locked out for 15 minutes" in _errors(guesser)
    clock.now += 60
    assert "locked out for 13 minutes" in _errors(_try(guesser, PASSWORD))  # the right password: not checked
    owner = AppTest.from_function(_gate_script, default_timeout=60).run()  # the owner's tab, same address
    _try(owner, PASSWORD)
    assert any("inside the coach" in m.value for m in owner.markdown)


def test_the_password_never_goes_on_the_command_line(monkeypatch, tmp_path):
    monkeypatch.delenv("COACH_APP_PASSWORD", raising=False)
    result = run_cli("app", "--host", "0.0.0.0", "--port", str(free_port()), "--password", "long enough secret",
                     timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "COACH_APP_PASSWORD" in lines[0] and "--password-file" in lines[0], result.stderr
    short = tmp_path / "password.txt"
    short.write_text("short12\n", encoding="utf-8")
    result = run_cli("app", "--host", "0.0.0.0", "--port", str(free_port()), "--password-file", str(short),
                     timeout=60)
    assert result.returncode == 2 and "8 characters" in result.stderr  # the file was read, and judged


@pytest.mark.parametrize("password", [" ", "        ", "short12", "  short12  "])
def test_serving_beyond_loopback_refuses_a_blank_or_short_password(password, monkeypatch):
    monkeypatch.delenv("COACH_APP_PASSWORD", raising=False)
    result = run_cli("app", "--host", "0.0.0.0", "--port", str(free_port()), env={"COACH_APP_PASSWORD": password},
                     timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "0.0.0.0" in lines[0], result.stderr
    assert "8 characters" in lines[0] or "set COACH_APP_PASSWORD" in lines[0]
