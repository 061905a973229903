"""The password gate: when COACH_APP_PASSWORD is set, nothing but a password form is shown until it is given.

It lives in the app itself (not in the `coach app` launcher) so that starting
Streamlit some other way cannot bypass it.

Guessing is throttled per connection address: the address of the TCP peer
itself, never a header a client writes (`X-Forwarded-For` is what Streamlit's
`ip_address` reports, and any script can send a new one with each guess).
Where the peer cannot be read, every client counts as one. The first FREE_TRIES
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


ANY_CLIENT = "any"  # the key when the peer's address cannot be read: every client together


def _request():
    """The Tornado request behind this browser session, or None (bare mode, AppTest)."""
    try:
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        client = runtime.get_instance().get_client(ctx.session_id) if ctx else None
    except Exception:  # noqa: BLE001 - no runtime (AppTest, bare mode)
        return None
    return getattr(client, "request", None)


def peer_address(request) -> str | None:
    """The TCP peer's own address. Tornado rewrites `remote_ip` from X-Forwarded-For when Streamlit serves
    with xheaders, and keeps the socket's address as the connection context's `_orig_remote_ip`."""
    context = getattr(getattr(request, "connection", None), "context", None)
    address = getattr(context, "_orig_remote_ip", None)
    return address if isinstance(address, str) and address else None


def client_id() -> str:
    """Who is knocking, by something a client cannot forge: the connection's peer address, or ANY_CLIENT."""
    return peer_address(_request()) or ANY_CLIENT


def required_password() -> str:
    """COACH_APP_PASSWORD from the environment or .env (the typed Settings field)."""
    from coach.settings import load_settings

    secret = load_settings().app_password
    return secret.get_secret_value() if secret else ""


def _wait_message(seconds: float, locked: bool) -> str:
    if locked:
        return (f"Too many wrong passwords: this browser session is locked out for {math.ceil(seconds / 60)} "
                "minutes; ask the person who runs the coach for the password.")
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
