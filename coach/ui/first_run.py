"""First run and the sample network: an empty store offers the fictional sample, which lives in a demo
workspace of its own (clearly labelled on every page, removable in one click)."""

from __future__ import annotations

import streamlit as st

from coach.ui import state

SAMPLE_LABEL = ("**Sample network**: 20 made-up people in a separate demo workspace. Your own contacts "
                "and profile are not touched; drafts are signed with your own name.")


def offer(coach) -> bool:
    """Show the offer when the store this page shows has no contacts; returns True when it was shown."""
    if coach.store.list_contacts():
        return False
    with st.container(border=True):
        if state.sample_settings() is not None:
            st.markdown("**Your network is empty.** Import your LinkedIn export on the Contacts page; the "
                        "fictional sample network is still loaded beside it.")
            st.button("Open the sample network", type="primary", icon=":material/science:", key="open-sample",
                      on_click=state.use_workspace, args=("sample",))
        else:
            st.markdown("**Welcome!** Your network is empty. Import your LinkedIn export on the Contacts page, "
                        "or try the coach right now on a small fictional sample network (20 made-up people, "
                        "kept apart from your own contacts and removable in one click).")
            if st.button("Load the sample network", type="primary", icon=":material/group_add:",
                         key="load-sample"):
                load()
    return True


def load() -> None:
    from coach.crm import sample

    bar = st.progress(0.0, text="Loading the sample network…")
    try:
        own = state.own_coach()
        _, _, reports = sample.create(state.settings(), own.store)
    except Exception as exc:
        bar.empty()
        if not state.show_error(exc):
            raise
        return
    state.use_workspace("sample")
    state.after_write(bar)  # the first index embeds the guidance corpus: the bar shows it
    bar.empty()
    created = sum(r.created for r in reports)
    st.session_state["flash"] = (f"Loaded {created} sample contacts into a separate demo workspace. Try: “Write "
                                 "a LinkedIn note to Priya Raman to reconnect”.")
    st.rerun()


def remove() -> None:
    from coach.crm import sample

    try:
        sample.remove(state.settings())
    except Exception as exc:
        if not state.show_error(exc):
            raise
        return
    state.use_workspace("own")
    count = len(state.own_coach().store.list_contacts())
    st.session_state["flash"] = (f"Removed the sample network. Your own {count} contact"
                                 f"{'' if count == 1 else 's'} and your profile are untouched.")
    st.rerun()


def banner() -> None:
    """On every page while a sample is loaded: which network this is, a switch, and the one-click removal."""
    if state.sample_settings() is None:
        return
    side = st.sidebar.container(border=True)
    if state.in_sample():
        st.info(SAMPLE_LABEL, icon=":material/science:")
        side.markdown("**Showing the sample network** (fictional)")
        side.button("Back to your network", icon=":material/person:", key="to-own",
                    on_click=state.use_workspace, args=("own",))
    else:
        side.markdown("**Sample network loaded** (fictional, kept apart from yours)")
        side.button("Open the sample", icon=":material/science:", key="to-sample",
                    on_click=state.use_workspace, args=("sample",))
    if side.button("Remove the sample", icon=":material/delete:", key="remove-sample"):
        remove()


def flash() -> None:
    """A one-time success message left by the previous run."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")
