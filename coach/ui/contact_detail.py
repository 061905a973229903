"""One contact: fields, the notes and interactions timeline, and forms to add a note, log an interaction or edit."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from coach.core.domain import GOALS, Contact, Interaction
from coach.ui import facts_panel, state
from coach.ui.cards import CHANNEL_LABELS, draft_for
from coach.ui.state import escape

INTERACTION_CHANNELS = ("email", "linkedin", "call", "meeting", "event", "other")


def render(coach, contact_id: int) -> None:
    try:
        c = coach.store.get_contact(contact_id)
    except Exception as exc:
        if not state.show_error(exc):
            raise
        return
    with st.container(border=True):
        st.subheader(c.name)
        facts = [c.headline(), c.location, ", ".join(c.emails), c.linkedin_url]
        st.markdown("  \n".join(escape(f) for f in facts if f) or "—")
        if c.tags:
            st.markdown(" ".join(f":blue-badge[{escape(t)}]" for t in c.tags))
        if c.how_we_met:
            st.markdown(f"**How you met:** {escape(c.how_we_met)}")
        cadence = f"check in every {c.cadence_days} days" if c.cadence_days else "check-in cadence from its tags"
        st.caption(f"Last contacted: {c.last_contacted or 'never'} · connected: {c.connected_on or '—'} · "
                   f"{cadence} · from {', '.join(c.sources)}")
        draft_row(c)
        facts_panel.panel(coach, c)
        st.markdown("**Timeline**")
        timeline(c)
        add_note, log, edit, remove = st.tabs(["Add a note", "Log an interaction", "Edit details",
                                               "Delete or merge"])
        with add_note:
            note_form(coach, c)
        with log:
            interaction_form(coach, c)
        with edit:
            edit_form(coach, c)
        with remove:
            delete_or_merge(coach, c)


def draft_row(c: Contact) -> None:
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    goal = cols[0].selectbox("Goal", GOALS, index=GOALS.index("reconnect"), key=f"goal-{c.id}")
    channel = cols[1].selectbox("Channel", list(CHANNEL_LABELS), format_func=CHANNEL_LABELS.get,
                                key=f"channel-{c.id}")
    if cols[2].button("Draft", key=f"draft-{c.id}", type="primary", icon=":material/edit:"):
        draft_for(c.id, c.name, goal, channel)  # by id: a namesake's page never drafts to this person


def timeline(c: Contact) -> None:
    items = [(n.date, "note", n.text, n.id) for n in c.notes]
    items += [(i.date, f"{i.channel}, {i.direction}", i.summary, i.id) for i in c.interactions]
    if not items:
        st.caption("Nothing logged yet.")
        return
    items.sort(key=lambda it: (it[0] is not None, it[0] or dt.date.min), reverse=True)
    lines = [f"- **{it[0] or 'undated'}** · {escape(it[1])}{f' #{it[3]}' if it[1] == 'note' else ''} — "
             f"{escape(it[2])}" for it in items]
    st.markdown("\n".join(lines))


def _saved(message: str) -> None:
    state.after_write()
    st.session_state["flash"] = message
    st.rerun()


def _add_note(coach, c: Contact) -> None:
    """The form's callback: save, then clear the box; on an error keep what was typed and say why, in place."""
    key = f"note-text-{c.id}"
    try:
        note = coach.store.add_note(c.id, st.session_state.get(key, ""), st.session_state.get(f"note-date-{c.id}"))
    except Exception as exc:
        message = state.error_message(exc)
        if message is None:
            raise
        st.session_state[f"note-said-{c.id}"] = ("error", message)
        return
    st.session_state[key] = ""
    st.session_state[f"note-said-{c.id}"] = ("success", f"Added a note to {c.name}: “{note.text}”")
    try:
        coach.synced_retriever()
    except Exception as exc:
        if state.error_message(exc) is None:
            raise
        st.session_state[f"note-said-{c.id}"] = ("warning", f"Saved, but the search index was not updated: {exc}")


def note_form(coach, c: Contact) -> None:
    """Add a note; the page stays here and says so here (no jump to a message at the top)."""
    with st.form(f"note-{c.id}"):
        st.text_area("Note", placeholder="Talked about … / Recommended … / Mentioned …", key=f"note-text-{c.id}")
        st.date_input("Date", value=dt.date.today(), key=f"note-date-{c.id}")
        st.form_submit_button("Add note", on_click=_add_note, args=(coach, c))
    said = st.session_state.pop(f"note-said-{c.id}", None)
    if said:
        kind, message = said
        getattr(st, kind)(escape(message), icon=":material/error:" if kind == "error" else
                          ":material/check_circle:" if kind == "success" else ":material/warning:")


def interaction_form(coach, c: Contact) -> None:
    with st.form(f"interaction-{c.id}", clear_on_submit=True):
        cols = st.columns(3)
        date = cols[0].date_input("Date", value=dt.date.today())
        channel = cols[1].selectbox("Channel", INTERACTION_CHANNELS)
        direction = cols[2].selectbox("Direction", ("both", "outbound", "inbound"))
        summary = st.text_input("What happened")
        if st.form_submit_button("Log interaction"):
            try:
                coach.store.add_interaction(c.id, Interaction(date=date, channel=channel, direction=direction,
                                                              summary=summary.strip()))
            except Exception as exc:
                if not state.show_error(exc):
                    raise
                return
            _saved(f"Logged an interaction with {c.name}.")


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


def edit_form(coach, c: Contact) -> None:
    with st.form(f"edit-{c.id}"):
        cols = st.columns(2)
        first = cols[0].text_input("First name", c.first_name)
        last = cols[1].text_input("Last name", c.last_name)
        company = cols[0].text_input("Company", c.company)
        title = cols[1].text_input("Title", c.title)
        emails = cols[0].text_input("Emails (comma-separated)", ", ".join(c.emails))
        tags = cols[1].text_input("Tags (comma-separated)", ", ".join(c.tags))
        how = st.text_input("How you met", c.how_we_met)
        cadence = st.number_input("Check in every N days (0 = use the tags' cadence)", min_value=0,
                                  max_value=3650, value=c.cadence_days or 0)
        if st.form_submit_button("Save changes"):
            try:
                coach.store.update_contact(c.id, first_name=first, last_name=last, company=company, title=title,
                                           emails=_split(emails), tags=_split(tags), how_we_met=how,
                                           cadence_days=int(cadence) or None)
            except Exception as exc:
                if not state.show_error(exc):
                    raise
                return
            _saved(f"Saved {first} {last}.".replace("  ", " "))


def delete_or_merge(coach, c: Contact) -> None:
    """Delete this person, or fold a duplicate into them; each asks once more before it changes anything."""
    from io import StringIO

    from coach.crm.exporters import export

    what = f"{len(c.notes)} note{'s' if len(c.notes) != 1 else ''} and {len(c.interactions)} " \
           f"interaction{'s' if len(c.interactions) != 1 else ''}"
    copy = StringIO()
    export([c], copy, "csv")
    st.download_button("Download a copy first (CSV)", copy.getvalue(), file_name=f"{c.name or 'contact'}.csv",
                       mime="text/csv", icon=":material/download:", key=f"copy-{c.id}",
                       help="`coach import` or the Import tab brings the person back, with notes and interactions.")
    asked = st.session_state.get("confirm")
    st.markdown(f"**Delete {escape(c.name)}** with {what}.")
    if asked == ("delete", c.id):
        st.warning(f"Delete {escape(c.name)} and their {what}? This cannot be undone.", icon=":material/warning:")
        row = st.container(horizontal=True)
        if row.button("Yes, delete", type="primary", key=f"delete-yes-{c.id}", icon=":material/delete:"):
            _change(lambda: coach.store.delete_contact(c.id), f"Deleted {c.name} and their {what}.", gone=True)
        row.button("Cancel", key=f"delete-no-{c.id}", on_click=st.session_state.pop, args=("confirm", None))
    else:
        st.button(f"Delete {c.name}", key=f"delete-{c.id}", icon=":material/delete:",
                  on_click=st.session_state.__setitem__, args=("confirm", ("delete", c.id)))
    others = {o.id: f"{o.name} — {o.company}" if o.company else o.name for o in coach.store.list_contacts()
              if o.id != c.id}
    if not others:
        return
    st.markdown(f"**Merge a duplicate into {escape(c.name)}**: their notes and interactions move here, empty "
                "fields are filled from them, emails and tags are joined; then the duplicate is deleted.")
    other = st.selectbox("Duplicate", [None, *others], key=f"merge-pick-{c.id}",
                         format_func=lambda i: "Choose the duplicate…" if i is None else f"{others[i]} (#{i})")
    if other is None:
        return
    if asked == ("merge", c.id, other):
        st.warning(f"Merge {escape(others[other])} (#{other}) into {escape(c.name)} (#{c.id})? The duplicate is "
                   "deleted afterwards.", icon=":material/warning:")
        row = st.container(horizontal=True)
        if row.button("Yes, merge", type="primary", key=f"merge-yes-{c.id}", icon=":material/merge:"):
            _change(lambda: coach.store.merge_contacts(c.id, other),
                    f"Merged {others[other]} into {c.name}.")
        row.button("Cancel", key=f"merge-no-{c.id}", on_click=st.session_state.pop, args=("confirm", None))
    else:
        st.button("Merge", key=f"merge-{c.id}", icon=":material/merge:",
                  on_click=st.session_state.__setitem__, args=("confirm", ("merge", c.id, other)))


def _change(action, message: str, gone: bool = False) -> None:
    st.session_state.pop("confirm", None)
    try:
        action()
    except Exception as exc:
        if not state.show_error(exc):
            raise
        return
    if gone:
        for key in ("contact-pick", "seen-link"):
            st.session_state.pop(key, None)
        st.query_params.pop("contact", None)
    _saved(message)
