"""How the coach's answers look: the draft card, check badges, advice and search results.

Everything the user or the model wrote goes through `escape` (literal text) or
`st.code` (which also gives the one-click copy button); nothing is raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from coach.conversation.chat import ChatAction
from coach.core.domain import CHANNELS
from coach.core.messages import Advice, CheckResult, Draft, Fact, Turn
from coach.ui import nav
from coach.ui.state import escape, for_the_app

CHANNEL_LABELS = {"linkedin-note": "LinkedIn connection note", "linkedin-message": "LinkedIn message",
                  "email": "Email"}
# The card's revision buttons: each sends a typed action to the chat (nothing is re-read from words).
REVISIONS = [  # (key, label, icon, action fields)
    ("regen", "Regenerate", ":material/refresh:", {"regenerate": True}),
    ("short", "Shorter", ":material/compress:", {"length": -1}),
    ("long", "Longer", ":material/expand:", {"length": 1}),
    ("formal", "More formal", ":material/work:", {"tone": 1}),
    ("friendly", "Friendlier", ":material/sentiment_satisfied:", {"tone": -1}),
]
WARNINGS = ("outside the ideal range",)  # a passing check whose detail says this shows a warning badge


def checks(results: list[CheckResult]) -> None:
    """A summary, then one line per check: a pass/fail badge and the reason."""
    failed = [c.name for c in results if not c.passed]
    lines = [f"**{len(failed)} of {len(results)} checks fail: {escape(', '.join(failed))}**"
             if failed else f"**All {len(results)} checks pass**"]
    for c in results:
        badge = f":green-badge[:material/check: {escape(c.name)}]" if c.passed \
            else f":red-badge[:material/close: {escape(c.name)}]"
        if c.passed and any(w in c.detail for w in WARNINGS):  # passes, but not as it should: no green tick
            badge = f":orange-badge[:material/warning: {escape(c.name)}]"
        reason = escape(c.detail) + (f" — {escape(c.suggestion)}" if not c.passed and c.suggestion else "")
        lines.append(f"{badge} {reason}")
    st.markdown("  \n".join(lines))


def _source(fact: Fact) -> str:
    kind, _, ident = fact.source.partition(":")
    return {"note": f"note #{ident}", "interaction": f"interaction #{ident}", "contact": "their contact details",
            "profile": "your profile", "request": "your request"}.get(kind, fact.source) if ident or kind \
        else fact.source


def draft(d: Draft, key: str, on_act: Callable[[ChatAction], None] | None = None) -> None:
    """The draft card; with `on_act`, the revision buttons send a typed revision to the chat."""
    with st.container(border=True):
        st.markdown(f"**{CHANNEL_LABELS.get(d.channel, d.channel)}** to **{escape(d.contact)}** · "
                    f"{escape(d.goal)} · score **{d.score}**/100")
        st.caption(f"Made: {d.how_made()}")
        if d.reading:
            st.caption(f"Your request, as read: {escape(d.reading)}")
        if d.path == "needs-edit":
            fix = "; ".join(f"{c.name}: {(c.suggestion or c.detail).rstrip('.')}" for c in d.checks if not c.passed)
            st.warning(escape(f"Not ready to send: fix {fix}. Edit it below and re-check."), icon=":material/edit:")
        # The copy button copies what the code block holds: for an email, the subject line too.
        st.code(f"Subject: {d.subject}\n\n{d.body}" if d.subject else d.body, language=None, wrap_lines=True)
        count(d.body, d.limit, d.channel)
        checks(d.checks)
        with st.expander("What it used: facts and guidance"):
            if d.facts:
                st.markdown("  \n".join(f"- {escape(f.text)} *(from {escape(_source(f))})*" for f in d.facts))
            else:
                st.caption("No note was quoted in this draft.")
            if d.citations:
                st.markdown("**Guidance:**  \n" + "  \n".join(
                    f"- {escape(c.title)} (`{c.source}`)" for c in d.citations))
            st.caption(f"Model {d.model} · prompt {d.prompt or '—'} · {d.latency_ms} ms · "
                       f"{d.candidates_passed_raw}/{d.candidates} candidates passed as written")
        if on_act:
            edit(d, key)
            row = st.container(horizontal=True, vertical_alignment="bottom")
            for name, label, icon, fields in REVISIONS:
                row.button(label, key=f"{key}-{name}", icon=icon, on_click=on_act,
                           args=(ChatAction(kind="revise", label=label, **fields),))
            others = [c for c in CHANNELS if c != d.channel]
            target = row.selectbox("Switch channel", others, key=f"{key}-channel", width=240,
                                   format_func=lambda c: CHANNEL_LABELS[c])
            row.button("Switch", key=f"{key}-switch", icon=":material/swap_horiz:",
                       on_click=lambda: on_act(ChatAction(kind="revise", channel=target,
                                                          label=f"As a {CHANNEL_LABELS[target]}")))


def count(text: str, limit: int | None, channel: str) -> None:
    if limit:
        colour = "green" if len(text) <= limit else "red"
        st.markdown(f":{colour}[{len(text)} / {limit} characters] — the {CHANNEL_LABELS[channel]} limit")
    else:
        st.caption(f"{len(text)} characters")


def edit(d: Draft, key: str) -> None:
    """Edit the draft in place: the count follows the text, and the coach's checker scores the edit."""
    from coach.ui import state

    with st.expander("Edit it yourself and re-check"):
        text = st.text_area("Your version", d.body, key=f"{key}-edit", height=140)
        count(text, d.limit, d.channel)
        if text.strip() and text.strip() != d.body.strip():
            report = state.coach().check(text, d.channel, to=str(d.contact_id) if d.contact_id else None,
                                         goal=d.goal, context=d.context, edited_from=d.body)
            st.markdown(f"Your version scores **{report.score}**/100")
            checks(report.checks)
            st.code(text, language=None, wrap_lines=True)


def contact_link(contact_id: int | None, label: str) -> None:
    if contact_id is None:
        st.markdown(escape(label))
    else:
        st.page_link(nav.page("contacts"), label=escape(label), icon=":material/person:",
                     query_params={"contact": str(contact_id)})


def advice(a: Advice) -> None:
    """The advice card: summary, steps, the script and whom it is to (or its slots), the guide's example
    labelled as one, people who could help with why, and the note."""
    with st.container(border=True):
        if a.situation:
            st.caption(escape(a.situation.reading))
        st.markdown(f"**{escape(a.title)}**")
        st.markdown(escape(a.summary))
        if a.summary_source == "model":
            st.caption("Summary written by the model from the guidance below, and checked against it.")
        if a.steps:
            st.markdown("\n".join(f"{i}. {escape(s)}" for i, s in enumerate(a.steps, 1)))
        if a.script:
            if a.script_kind == "draft":
                st.markdown(f"**A message to {escape(a.script_contact)}** · "
                            f"{escape(CHANNEL_LABELS.get(a.script_channel, a.script_channel))} · "
                            f"{escape(a.script_goal)}"
                            + (f" · score **{a.script_draft.score}**/100" if a.script_draft else ""))
            else:
                st.markdown("**What you could say**")
                st.caption("Fill in the [slots] before you send it.")
            st.code(a.script, language=None, wrap_lines=True)
            if a.script_draft:
                with st.expander("Its checks"):
                    checks(a.script_draft.checks)
        if a.example and a.example != a.script:
            with st.expander("Example from the guide (its people are invented)"):
                st.code(a.example, language=None, wrap_lines=True)
        if a.related_contacts:
            st.markdown("**People who could help**")
            for p in a.related_contacts:
                contact_link(p.id, f"{p.name} — {p.why}")
        if a.note:
            st.info(escape(a.note), icon=":material/info:")
        if a.citations:
            with st.expander("Guidance it draws on"):
                st.markdown("  \n".join(f"- {escape(c.title)} (`{c.source}`)" for c in a.citations))


def turn(t: Turn, key: str, on_act: Callable[[ChatAction], None] | None = None) -> None:
    """An assistant turn from the chat: what the coach did, then a draft card, advice, search results, a check,
    people to choose from, or plain text."""
    if t.reading:
        st.caption(escape(t.reading))  # what the coach understood, in one line
    if t.steps:
        st.caption(" → ".join(escape(s.rstrip("…")) for s in t.steps))
    if t.note:
        st.info(escape(t.note), icon=":material/info:")
    if t.agent and (t.draft or t.advice or t.results):
        said = re.sub(r"```.*?```", "", t.reply, flags=re.DOTALL).strip()  # the card below shows the draft
        if said:
            st.markdown(escape(said))
    if t.choices:
        st.markdown(escape(t.reply.split("\n")[0]))
        row = st.container(horizontal=True)
        for c in t.choices:  # the person is chosen by id, never by name again
            row.button(c.label(), key=f"{key}-pick-{c.id}", icon=":material/person:",
                       disabled=on_act is None, on_click=on_act,
                       args=(ChatAction(kind="choose", contact_id=c.id, label=c.label()),))
    if t.choices:
        return
    if t.draft:
        draft(t.draft, key, on_act)
    elif t.advice:
        advice(t.advice)
    elif t.check:
        st.markdown(f"Score **{t.check.score}**/100")
        checks(t.check.checks)
    elif t.results and t.intent in ("show", "note", "due"):  # the store's answer, then a link to each person
        with st.container(border=True):
            st.markdown("  \n".join(escape(line) for line in t.reply.splitlines()))
            for r in t.results:
                contact_link(int(r["id"]), f"Open {r['title']}'s page" if t.intent != "due" else r["title"])
    elif t.intent == "help" and t.page in nav.PAGES:  # how to do it in the app: the answer, then its page
        st.markdown(escape(t.reply).replace("\n", "  \n"))
        st.page_link(nav.page(t.page), label=f"Open the {nav.PAGES[t.page][0]} page", icon=nav.PAGES[t.page][1])
    elif t.results:
        st.markdown(escape(t.reading) if t.intent == "find" and t.reading else "People who fit:")
        for r in t.results:
            cid = int(r["id"]) if str(r.get("id", "")).isdigit() else None
            contact_link(cid, f"{r['title']} — {r['snippet'][:90]}")
    else:
        if t.intent == "error":  # one sentence, naming what to change on the Settings page
            st.error(escape(for_the_app(t.reply)), icon=":material/error:")
        else:
            st.markdown(escape(t.reply))


def draft_for(contact_id: int, name: str, goal: str = "reconnect", channel: str = "linkedin-message") -> None:
    """Hand a typed drafting request (this person, by id) to the chat page."""
    from coach.core.messages import DraftRequest

    request = DraftRequest(contact_id=contact_id, goal=goal, channel=channel)
    label = f"{CHANNEL_LABELS[channel]} to {name} (#{contact_id}): {goal.replace('-', ' ')}"
    st.session_state["pending-action"] = ChatAction(kind="draft", request=request, label=label).model_dump(mode="json")
    st.switch_page(nav.page("chat"))
