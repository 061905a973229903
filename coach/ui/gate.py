"""The password gate: when COACH_APP_PASSWORD is set, nothing but a password form is shown until it is given.

It lives in the app itself (not in the `coach app` launcher) so that starting
Streamlit some other way cannot bypass it.

Guessing is throttled per client (its IP address as Streamlit sees it; every
local browser counts as one client): the first FREE_TRIES wrong passwords cost
nothing, each further one doubles the wait before the next try is even checked
(1 s, 2 s, 4 s, … up to MAX_DELAY_S), and LOCKOUT_AFTER wrong passwords in a row
lock the client out for LOCKOUT_S. The state lives in the server process, so
opening a new browser tab does not reset it; the right password does.
Passwords are compared as SHA-256 digests with `hmac.compare_digest`, in time
that depends on neither the guess nor the password.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

ENV = "COACH_APP_PASSWORD"
FREE_TRIES = 3
MAX_DELAY_S = 60.0
LOCKOUT_AFTER = 10
LOCKOUT_S = 15 * 60.0


@dataclass
class _Record:
    failures: int = 0
    next_try_at: float = 0.0


class Throttle:
    """Wrong-password counts and waits per client, shared by every session of the server process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds before `client` may try again (0 when it may try now)."""
        with self._lock:
            record = self._records.get(client)
            return max(0.0, record.next_try_at - self.clock()) if record else 0.0

    def failed(self, client: str) -> float:
        """Count a wrong password; returns the wait it earns."""
        with self._lock:
            record = self._records.setdefault(client, _Record())
            record.failures += 1
            if record.failures >= LOCKOUT_AFTER:
                delay = LOCKOUT_S
            elif record.failures > FREE_TRIES:
                delay = min(MAX_DELAY_S, 2.0 ** (record.failures - FREE_TRIES - 1))
            else:
                delay = 0.0
            record.next_try_at = self.clock() + delay
            return delay

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)

    def locked_out(self, client: str) -> bool:
        with self._lock:
            record = self._records.get(client)
            return bool(record and record.failures >= LOCKOUT_AFTER and record.next_try_at > self.clock())


THROTTLE = Throttle()


def same_password(given: str, expected: str) -> bool:
    """Constant-time comparison (digests first, so the length of the password does not show either)."""
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())


def client_id() -> str:
    """Who is knocking: the connection's IP address, or 'local' for browsers on this machine."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session (bare mode): one local client
        return "local"
    return address if isinstance(address, str) and address else "local"  # None for localhost


def required_password() -> str:
    """COACH_APP_PASSWORD from the environment or .env (the typed Settings field)."""
    from coach.settings import load_settings

    secret = load_settings().app_password
    return secret.get_secret_value() if secret else ""


def _wait_message(seconds: float, locked: bool) -> str:
    if locked:
        return (f"Too many wrong passwords: this browser is locked out for {math.ceil(seconds / 60)} minutes. "
                "Ask the person who runs the coach for the password.")
    return f"Too many wrong passwords: wait {math.ceil(seconds)} seconds before trying again."


def unlocked() -> bool:
    """True when no password is set or this session gave the right one; otherwise shows the form."""
    expected = required_password()
    if not expected or st.session_state.get("unlocked"):
        return True
    st.title("Networking Coach")
    st.write("This coach holds a private network. Enter the password to continue.")
    with st.form("password-gate"):
        given = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Unlock")
    if submitted:
        client = client_id()
        wait = THROTTLE.wait(client)
        if wait > 0:  # not even checked: a guess during the wait costs the guesser, not the server
            st.error(_wait_message(wait, THROTTLE.locked_out(client)))
            return False
        if same_password(given, expected):
            THROTTLE.succeeded(client)
            st.session_state["unlocked"] = True
            st.rerun()
        delay = THROTTLE.failed(client)
        if delay > 0:
            st.error("That password is not right. " + _wait_message(delay, THROTTLE.locked_out(client)))
        else:
            st.error("That password is not right.")
    return False
