"""Chat: ask for a draft, advice, a check or who you know; answers stream in, drafts come as cards."""

from __future__ import annotations

import streamlit as st

from coach.conversation.chat import ChatAction
from coach.core.messages import Turn
from coach.ui import cards, first_run, state
from coach.ui.state import escape

EXAMPLES = ("Write a LinkedIn note to Priya Raman to reconnect",
            "Ask Marcus Lee for a referral by email",
            "I was laid off last week, what should I do?")


def say(text: str) -> None:
    """Queue a message in words for the chat (the "Try:" examples, a retry)."""
    queue().append({"text": text})


def act(action: ChatAction) -> None:
    """Queue a typed action for the chat: a draft request from a contact's page, a revision, a person chosen."""
    queue().append({"text": action.label, "action": action.model_dump(mode="json")})


_QUEUES: dict[str, list[dict]] = {}  # per browser session; outside st.session_state, which a stopped run can drop


def queue() -> list[dict]:
    """The turns asked for and not answered yet, oldest first. A turn leaves the queue only once its answer is
    in the conversation, so a message typed while the coach works (which restarts the page) waits its turn and
    the one being worked on is picked up again, never lost."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else ""
    waiting = _QUEUES.setdefault(session, [])
    waiting.extend(st.session_state.pop("queue", None) or [])  # turns handed over (another page, a test)
    return waiting


def typed() -> None:
    text = (st.session_state.get("chat-input") or "").strip()
    if text:
        queue().append({"text": text})


def render() -> None:
    st.title("Chat with your coach")
    coach = state.coach()
    first_run.offer(coach)
    messages: list[dict] = st.session_state.setdefault("messages", [])
    waiting = queue()
    if "pending" in st.session_state:  # handed over by another page (this week, a contact)
        waiting.append({"text": st.session_state.pop("pending")})
    if "pending-action" in st.session_state:
        action = ChatAction.model_validate(st.session_state.pop("pending-action"))
        waiting.append({"text": action.label, "action": action.model_dump(mode="json")})
    if not messages and not waiting:
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
                cards.turn(turn, key=f"turn{i}", on_act=act if live and not waiting else None)
    failed = st.session_state.get("failed")
    if failed:
        with st.chat_message("user"):  # the question stays where it was asked, ready to retry
            st.markdown(escape(failed["text"]))
        with st.chat_message("assistant"):
            st.error(escape(failed["message"]), icon=":material/error:")
            if failed.get("action"):
                st.button("Retry", icon=":material/refresh:", on_click=act,
                          args=(ChatAction.model_validate(failed["action"]),))
            else:
                st.button("Retry", icon=":material/refresh:", on_click=say, args=(failed["text"],))
    st.chat_input("Ask for a draft, advice, or who you know…", key="chat-input", on_submit=typed)
    if messages and st.sidebar.button("New conversation", icon=":material/add_comment:"):
        st.session_state.pop("thread_id", None)
        messages.clear()
        waiting.clear()
        st.rerun()
    if waiting:
        ask(waiting, messages)


def ask(waiting: list[dict], messages: list[dict]) -> None:
    """The oldest turn in the queue, in words or as a typed action; the ones after it show as queued. The steps
    show while it runs, then the answer as a card; then the next."""
    head = waiting[0]
    text = head["text"]
    action = ChatAction.model_validate(head["action"]) if head.get("action") else None
    st.session_state.pop("failed", None)
    with st.chat_message("user"):
        st.markdown(escape(text))
    with st.chat_message("assistant"):
        status = st.status("The coach is working on it…", expanded=True)
        box = status.empty()
        pieces: list[str] = []
    for later in waiting[1:]:
        with st.chat_message("user"):
            st.markdown(escape(later["text"]))
            st.caption("Queued: answered after the one above.")

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
        control = interruption(exc)
        if control is not None:  # a message typed meanwhile restarted the page: this turn stays queued
            raise control from None
        message = state.error_message(exc)
        if message is None:
            raise  # a bug: let Streamlit show it
        status.update(label="That did not work", state="error", expanded=False)
        waiting.remove(head)
        st.session_state["failed"] = {"text": text, "message": message,
                                      "action": action.model_dump(mode="json") if action else None}
        st.rerun()
    status.update(label="Done", state="complete", expanded=False)
    messages.append({"role": "user", "content": text})
    messages.append({"role": "assistant", "turn": turn.model_dump(mode="json")})
    waiting.remove(head)
    st.rerun()


def interruption(exc: BaseException) -> BaseException | None:
    """Streamlit's own stop or rerun, wrapped by the code it interrupted (the chat graph), or None."""
    from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, ScriptControlException):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None
