"""The app's password: guessing is throttled per client, and a server beyond loopback needs a real one (issue 16, 7)."""

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


def test_wrong_passwords_earn_growing_waits_then_a_lockout_per_client(clock):
    throttle = gate.THROTTLE
    waits = [throttle.failed("203.0.113.7") for _ in range(gate.LOCKOUT_AFTER)]
    assert waits[:gate.FREE_TRIES] == [0.0] * gate.FREE_TRIES  # a typo or two costs nothing
    growing = waits[gate.FREE_TRIES:-1]
    assert growing == sorted(growing) and growing[0] >= 1 and growing[-1] > growing[0] * 8
    assert waits[-1] == gate.LOCKOUT_S >= 15 * 60 and throttle.locked_out("203.0.113.7")
    assert throttle.wait("198.51.100.2") == 0  # another client is not punished for this one
    clock.now += gate.LOCKOUT_S - 1
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
    assert "wait 1 seconds" in _errors(_try(at, "letmein"))
    assert "wait 1 seconds" in _errors(_try(at, PASSWORD))  # not even checked during the wait
    assert not any("inside the coach" in m.value for m in at.markdown)
    other_tab = AppTest.from_function(_gate_script, default_timeout=60).run()  # a new session, same client
    assert "Too many wrong passwords" in _errors(_try(other_tab, PASSWORD))
    clock.now += 1
    _try(at, PASSWORD)
    assert any("inside the coach" in m.value for m in at.markdown)


def test_the_gate_locks_a_client_out_after_repeated_wrong_passwords(clock, monkeypatch):
    monkeypatch.setenv("COACH_APP_PASSWORD", PASSWORD)
    at = AppTest.from_function(_gate_script, default_timeout=60).run()
    for _ in range(gate.LOCKOUT_AFTER):
        _try(at, "hunter2hunter2")
        clock.now += gate.MAX_DELAY_S  # a patient guesser waits out every delay
    assert gate.THROTTLE.locked_out("local")
    clock.now += 60
    assert "locked out for 13 minutes" in _errors(_try(at, PASSWORD))


@pytest.mark.parametrize("password", [" ", "        ", "short12", "  short12  "])
def test_serving_beyond_loopback_refuses_a_blank_or_short_password(password, monkeypatch):
    monkeypatch.delenv("COACH_APP_PASSWORD", raising=False)
    result = run_cli("app", "--host", "0.0.0.0", "--port", str(free_port()), "--password", password, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "0.0.0.0" in lines[0], result.stderr
    assert "8 characters" in lines[0] or "set COACH_APP_PASSWORD" in lines[0]
