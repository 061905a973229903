"""First run: an empty store offers the fictional sample network, so a new user sees a real draft at once."""

from __future__ import annotations

import streamlit as st

from coach.ui import state


def offer(coach) -> bool:
    """Show the offer when the store has no contacts; returns True when it was shown."""
    if coach.store.list_contacts():
        return False
    with st.container(border=True):
        st.markdown("**Welcome!** Your network is empty. Import your LinkedIn export on the Contacts page, "
                    "or try the coach right now on a small fictional sample network (20 made-up people).")
        if st.button("Load the sample network", type="primary", icon=":material/group_add:", key="load-sample"):
            load(coach)
    return True


def load(coach) -> None:
    from coach.sample import load_sample

    with st.spinner("Loading the sample network and indexing it…"):
        try:
            reports = load_sample(coach.store)
        except Exception as exc:
            if not state.show_error(exc):
                raise
            return
        state.after_write()
    created = sum(r.created for r in reports)
    st.session_state["flash"] = (f"Loaded {created} sample contacts. Try: “Write a LinkedIn note to "
                                 "Priya Raman to reconnect”.")
    st.rerun()


def flash() -> None:
    """A one-time success message left by the previous run."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")
