"""The password gate: when COACH_APP_PASSWORD is set, nothing but a password form is shown until it is given.

It lives in the app itself (not in the `coach app` launcher) so that starting
Streamlit some other way cannot bypass it.

Guessing is throttled per connection address: the address of the TCP peer
itself, never a header a client writes (Streamlit's `ip_address` is the
`X-Forwarded-For` value when the peer is loopback, and any script can send a new
one with each guess): every connection that sends a forwarding header counts as
one client, and where the peer cannot be read, every client counts as one. The first FREE_TRIES
wrong passwords from an address cost nothing; each further one doubles the wait
before the next try from that address is even checked (1 s, 2 s, 4 s, … up to
MAX_DELAY_S). The state lives in the server process, so a new tab or a new
connection does not reset it; the right password does.

The long lockout falls on the guessing *session* (LOCKOUT_AFTER wrong passwords
in one browser session lock that session for LOCKOUT_S), never on the password
or the address: the owner's browser on this machine shares its address with any
local process, and such a process can make the owner wait at most MAX_DELAY_S,
never lock them out. A session already unlocked is not affected at all.
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
        """Count a wrong password; returns the wait it earns (at most MAX_DELAY_S: an address is never locked out)."""
        with self._lock:
            record = self._records.setdefault(client, _Record())
            record.failures += 1
            if record.failures > FREE_TRIES:
                delay = min(MAX_DELAY_S, 2.0 ** (record.failures - FREE_TRIES - 1))
            else:
                delay = 0.0
            record.next_try_at = self.clock() + delay
            return delay

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)



THROTTLE = Throttle()


def same_password(given: str, expected: str) -> bool:
    """Constant-time comparison (digests first, so the length of the password does not show either)."""
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())


ANY_CLIENT = "any"  # the key when the peer cannot be told apart: every such client together
FORWARDED = "forwarded"  # every connection that carries a forwarding header: one client, whatever it claims
_FORWARDING_HEADERS = {"x-forwarded-for", "forwarded", "x-real-ip"}


def _client_context():
    """Streamlit's record of this session's WebSocket handshake (headers, peer), or None (bare mode, AppTest)."""
    try:
        from streamlit.runtime.context import _get_client_context

        return _get_client_context()
    except Exception:  # noqa: BLE001 - no runtime, or a Streamlit without it: one client
        return None


def client_key(context) -> str:
    """Who is knocking, by something a client cannot forge.

    Streamlit's server (uvicorn) replaces the peer's address with the X-Forwarded-For value when the peer is a
    trusted proxy (127.0.0.1 by default), so `remote_ip` is the guesser's choice whenever that header is sent.
    A connection that sends a forwarding header is therefore counted as the one client FORWARDED; any other
    by its socket's own address."""
    if context is None:
        return ANY_CLIENT
    headers = {str(name).lower() for name, _value in (getattr(context, "headers", None) or [])}
    if headers & _FORWARDING_HEADERS:
        return FORWARDED
    address = getattr(context, "remote_ip", None)
    return address if isinstance(address, str) and address else ANY_CLIENT


def client_id() -> str:
    return client_key(_client_context())


def required_password() -> str:
    """COACH_APP_PASSWORD from the environment or .env (the typed Settings field)."""
    from coach.config.settings import load_settings

    secret = load_settings().app_password
    return secret.get_secret_value() if secret else ""


def _wait_message(seconds: float, locked: bool) -> str:
    if locked:
        return (f"Too many wrong passwords: this browser session is locked out for {math.ceil(seconds / 60)} "
                "minutes; ask the person who runs the coach for the password.")
    wait = math.ceil(seconds)
    return f"Too many wrong passwords: wait {wait} second{'s' if wait != 1 else ''} before trying again."


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
        locked = max(0.0, st.session_state.get("gate_locked_until", 0.0) - THROTTLE.clock())
        wait = locked or THROTTLE.wait(client)
        if wait > 0:  # not even checked: a guess during the wait costs the guesser, not the server
            st.error(_wait_message(wait, bool(locked)))
            return False
        if same_password(given, expected):
            THROTTLE.succeeded(client)
            st.session_state.pop("gate_failures", None)
            st.session_state["unlocked"] = True
            st.rerun()
        delay = THROTTLE.failed(client)
        failures = st.session_state["gate_failures"] = st.session_state.get("gate_failures", 0) + 1
        if failures >= LOCKOUT_AFTER:  # this session, not the address: the owner's own tab is never locked
            st.session_state["gate_locked_until"] = THROTTLE.clock() + LOCKOUT_S
            st.error("That password is not right. " + _wait_message(LOCKOUT_S, True))
        elif delay > 0:
            st.error("That password is not right. " + _wait_message(delay, False))
        else:
            st.error("That password is not right.")
    return False
