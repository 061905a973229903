"""The password gate: when COACH_APP_PASSWORD is set, nothing but a password form is shown until it is given.

It lives in the app itself (not in the `coach app` launcher) so that starting
Streamlit some other way cannot bypass it.
"""

from __future__ import annotations

import hmac

import streamlit as st

ENV = "COACH_APP_PASSWORD"


def required_password() -> str:
    """COACH_APP_PASSWORD from the environment or .env (the typed Settings field)."""
    from coach.settings import load_settings

    secret = load_settings().app_password
    return secret.get_secret_value() if secret else ""


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
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["unlocked"] = True
            st.rerun()
        st.error("That password is not right.")
    return False
