"""This week: the plan (who to reach and why), with a draft on demand and Sent / Snooze / Skip for each.

The page lists the plan at once; a draft is made only when asked (the Draft button), so opening the
page never waits on the model. Drafts stay in the session until the person leaves the plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from coach.core.text import counted
from coach.plan import weekly as planning
from coach.ui import first_run, state


def today() -> dt.date:
    """Today (tests replace it)."""
    return dt.date.today()


def _drafts() -> dict[int, dict]:
    return st.session_state.setdefault("plan_drafts", {})


@st.cache_data(show_spinner="Reading your network…", max_entries=16)
def _plan(_store, store_url: str, revision: int, size: int, day: dt.date) -> list[planning.PlanEntry]:
    """The plan, computed again only when the store changed (every write bumps its revision: a note, an
    import, Sent/Snooze/Skip) or the day did; reading 10,000 contacts takes seconds, opening the page must not."""
    return planning.build_plan(_store, size, day)


def render() -> None:
    st.title("This week")
    coach = state.coach()
    if first_run.offer(coach):
        return
    day = today()
    entries = _plan(coach.store, str(coach.store.url), coach.store.revision(),
                    state.settings().plan_size, day)
    if not entries:
        st.info("Nobody to reach this week: add notes, import a newer LinkedIn export or set cadences.")
        return
    st.caption(f"Week of {planning.week_start(day).isoformat()}: {counted(len(entries), 'person', 'people')}, "
               "strongest reason first.")
    for entry in entries:
        _card(coach, entry, day)


def _card(coach, entry: planning.PlanEntry, day: dt.date) -> None:
    cid = entry.contact["id"]
    with st.container(border=True):
        st.markdown(f"**{state.escape(entry.contact['name'])}** · {entry.goal} · {entry.channel}")
        st.markdown(state.escape(entry.reason))
        draft = _drafts().get(cid)
        if draft is None:
            if st.button("Draft", key=f"plan-draft-{cid}", icon=":material/edit:"):
                _make(coach, entry, entry.request())
        else:
            text = ((draft.get("subject") or "") + "\n\n" if draft.get("subject") else "") + (draft.get("body") or "")
            st.code(text, language=None, wrap_lines=True)  # its copy button copies the message whole
            st.caption(f"Score {draft.get('score')} · {draft.get('model', '')}")
            st.text_area("Edit before sending (what you mark Sent is what is logged)", value=draft.get("body") or "",
                         key=f"plan-text-{cid}", height=140)
            if st.button("Another one", key=f"plan-again-{cid}", icon=":material/refresh:"):
                last = _requests().get(cid) or entry.request()
                _make(coach, entry, last.revised(regenerate=True, shown=draft.get("body") or ""))
        sent, snooze, skip = st.columns(3)
        if sent.button("Sent", key=f"plan-sent-{cid}", icon=":material/send:"):
            text = st.session_state.get(f"plan-text-{cid}") or (draft or {}).get("body", "")
            planning.mark_sent(coach.store, cid, day, entry.channel, entry.goal, text)
            _done(cid, f"Logged: sent to {entry.contact['name']}.")
        until = snooze.date_input("Until", value=day + dt.timedelta(days=7), min_value=day + dt.timedelta(days=1),
                                  key=f"plan-until-{cid}", label_visibility="collapsed")
        if snooze.button("Snooze", key=f"plan-snooze-{cid}", icon=":material/snooze:"):
            planning.mark_snoozed(coach.store, cid, day, until)
            _done(cid, f"Snoozed {entry.contact['name']} until {until.isoformat()}.")
        reason = skip.selectbox("Why", planning.SKIP_REASONS, key=f"plan-reason-{cid}",
                                label_visibility="collapsed")
        if skip.button("Skip", key=f"plan-skip-{cid}", icon=":material/skip_next:"):
            planning.mark_skipped(coach.store, cid, day, reason)
            _done(cid, f"Skipped {entry.contact['name']} ({reason}).")


def _requests() -> dict[int, Any]:
    return st.session_state.setdefault("plan_requests", {})


def _make(coach, entry: planning.PlanEntry, request: Any) -> None:
    """Draft `request` (the entry's typed request, or a revision of it) and show it; a failure in one sentence."""
    try:
        made = planning.fill_draft(entry, coach.draft_request, request)
    except Exception as exc:  # noqa: BLE001 - a CoachError is shown; a bug is raised
        if not state.show_error(exc):
            raise
        return
    if made.draft is None:
        st.error(made.draft_error or "No draft passed the checks.")
        return
    _drafts()[entry.contact["id"]] = made.draft
    _requests()[entry.contact["id"]] = request
    st.session_state.pop(f"plan-text-{entry.contact['id']}", None)  # the edit box shows the new draft
    st.rerun()


def _done(cid: int, message: str) -> None:
    _drafts().pop(cid, None)
    _requests().pop(cid, None)
    st.session_state.pop(f"plan-text-{cid}", None)
    st.session_state["flash"] = message
    state.after_write()
    st.rerun()
