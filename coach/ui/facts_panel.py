"""A contact's facts on their page: what drafts say about your history, each editable, pinnable, hideable."""

from __future__ import annotations

import streamlit as st

from coach.core.domain import Contact
from coach.crm.facts import book as factbook
from coach.crm.facts.kinds import KINDS
from coach.ui import state
from coach.ui.state import escape


def _guarded(action) -> bool:
    """Run a store action; a CoachError is said once on the panel (a bug is raised). True when it went through."""
    try:
        action()
    except Exception as exc:
        message = state.error_message(exc)
        if message is None:
            raise
        st.session_state["facts-said"] = ("error", message)
        return False
    return True


def _do(coach, fact_id: int, **fields) -> None:
    if _guarded(lambda: factbook.update(coach.store, fact_id, **fields)):
        st.session_state.pop("facts-said", None)


def _save(coach, fact_id: int) -> None:
    _do(coach, fact_id, phrase=st.session_state.get(f"fact-{fact_id}", ""))


def _add(coach, c: Contact) -> None:
    if not _guarded(lambda: factbook.add(coach.store, c.id, st.session_state.get(f"fact-new-{c.id}", ""),
                                         st.session_state.get(f"fact-kind-{c.id}", "met-at"))):
        return
    st.session_state[f"fact-new-{c.id}"] = ""
    st.session_state.pop("facts-said", None)


def panel(coach, c: Contact) -> None:
    """One line per fact: its words (edit and Save), Pin and Hide; and a line to add one."""
    st.markdown("**What drafts may say** (facts from your notes: fix one here and every draft uses it)")
    facts = factbook.facts(coach.store, c.id)
    if not facts:
        st.caption("No facts yet: add a note, or add a fact below.")
    for f in facts:
        cols = st.columns([1, 5, 1, 1, 1], vertical_alignment="bottom")
        cols[0].caption(f"{f.kind}{' · ' + str(f.date) if f.date else ''}{' · hidden' if f.hidden else ''}"
                        f"{' · pinned' if f.pinned else ''}{' · yours' if f.edited else ''}")
        cols[1].text_input("Fact", value=f.phrase, key=f"fact-{f.id}", label_visibility="collapsed")
        cols[2].button("Save", key=f"fact-save-{f.id}", on_click=_save, args=(coach, f.id))
        cols[3].button("Unpin" if f.pinned else "Pin", key=f"fact-pin-{f.id}", on_click=_do, args=(coach, f.id),
                       kwargs={"pinned": not f.pinned})
        cols[4].button("Show" if f.hidden else "Hide", key=f"fact-hide-{f.id}", on_click=_do, args=(coach, f.id),
                       kwargs={"hidden": not f.hidden})
    cols = st.columns([1, 5, 1], vertical_alignment="bottom")
    cols[0].selectbox("Kind", KINDS, key=f"fact-kind-{c.id}")
    cols[1].text_input("Add a fact", placeholder="at PyCon US 2024 in Pittsburgh", key=f"fact-new-{c.id}")
    cols[2].button("Add fact", key=f"fact-add-{c.id}", on_click=_add, args=(coach, c))
    said = st.session_state.pop("facts-said", None)
    if said:
        st.error(escape(said[1]), icon=":material/error:")
