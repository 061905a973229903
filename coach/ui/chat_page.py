"""Chat: ask for a draft, advice, a check or who you know; answers stream in, drafts come as cards."""

from __future__ import annotations

import streamlit as st

from coach.chat import ChatAction
from coach.messages import Turn
from coach.ui import cards, first_run, state
from coach.ui.state import escape

EXAMPLES = ("Write a LinkedIn note to Priya Raman to reconnect",
            "Ask Marcus Lee for a referral by email",
            "I was laid off last week, what should I do?")


def say(text: str) -> None:
    """Queue a message in words for the chat (the "Try:" examples, a retry)."""
    st.session_state["pending"] = text


def act(action: ChatAction) -> None:
    """Queue a typed action for the chat: a draft request from a contact's page, a revision, a person chosen."""
    st.session_state["pending-action"] = action.model_dump(mode="json")


def render() -> None:
    st.title("Chat with your coach")
    coach = state.coach()
    first_run.offer(coach)
    messages: list[dict] = st.session_state.setdefault("messages", [])
    if not messages:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.caption("Try:")
        for n, example in enumerate(EXAMPLES):  # one click asks it
            row.button(example, key=f"try-{n}", type="tertiary", icon=":material/arrow_forward:",
                       on_click=say, args=(example,))
    latest_draft = max((i for i, m in enumerate(messages) if m.get("turn", {}).get("draft")), default=-1)
    for i, m in enumerate(messages):
        with st.chat_message(m["role"]):
            if m["role"] == "user":
                st.markdown(escape(m["content"]))
            else:
                turn = Turn.model_validate(m["turn"])
                live = i == latest_draft or (i == len(messages) - 1 and bool(turn.choices))
                cards.turn(turn, key=f"turn{i}", on_act=act if live else None)
    typed = st.chat_input("Ask for a draft, advice, or who you know…")
    failed = st.session_state.get("failed")
    if failed and not typed:
        with st.chat_message("user"):  # the question stays where it was asked, ready to retry
            st.markdown(escape(failed["text"]))
        with st.chat_message("assistant"):
            st.error(escape(failed["message"]), icon=":material/error:")
            if failed.get("action"):
                st.button("Retry", icon=":material/refresh:", on_click=act,
                          args=(ChatAction.model_validate(failed["action"]),))
            else:
                st.button("Retry", icon=":material/refresh:", on_click=say, args=(failed["text"],))
    action = st.session_state.pop("pending-action", None)
    text = typed or st.session_state.pop("pending", None)
    if action and not typed:
        ask(ChatAction.model_validate(action).label, messages, ChatAction.model_validate(action))
    elif text:
        ask(text, messages)
    if messages and st.sidebar.button("New conversation", icon=":material/add_comment:"):
        st.session_state.pop("thread_id", None)
        messages.clear()
        st.rerun()


def ask(text: str, messages: list[dict], action: ChatAction | None = None) -> None:
    """One turn, in words or as a typed action; the steps show while they run, then the answer as a card."""
    st.session_state.pop("failed", None)
    with st.chat_message("user"):
        st.markdown(escape(text))
    with st.chat_message("assistant"):
        status = st.status("The coach is working on it…", expanded=True)
        box = status.empty()
        pieces: list[str] = []

        def on_token(token: str) -> None:
            pieces.append(token)
            box.markdown(escape("".join(pieces)))

        def on_step(step: str) -> None:
            status.update(label=step)

        try:
            chat = state.chat()
            turn = chat.act(action, state.thread_id(), on_token=on_token, on_step=on_step) if action else \
                chat.ask(text, state.thread_id(), on_token=on_token, on_step=on_step)
        except Exception as exc:
            message = state.error_message(exc)
            if message is None:
                raise  # a bug: let Streamlit show it
            status.update(label="That did not work", state="error", expanded=False)
            st.session_state["failed"] = {"text": text, "message": message,
                                          "action": action.model_dump(mode="json") if action else None}
            st.rerun()
        status.update(label="Done", state="complete", expanded=False)
    messages.append({"role": "user", "content": text})
    messages.append({"role": "assistant", "turn": turn.model_dump(mode="json")})
    st.rerun()
