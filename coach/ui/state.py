"""Heavy objects, created once per process (`st.cache_resource`), and the app's error boundary.

Tests replace `build_coach` (the factory) with one that returns a Coach over a
scripted model and fake embeddings, then clear the cache.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import streamlit as st

from coach.config.settings import Settings, load_settings
from coach.core.errors import CoachError
from coach.service import Coach

# Settings changed on the Settings page apply to this process until it restarts.
_OVERRIDES: dict[str, Any] = {}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def build_coach(settings: Settings, store: Any = None) -> Coach:
    """The factory behind `coach()`: the real Coach with the configured providers (and the demo's store)."""
    return Coach(settings, store=store)


@st.cache_resource(show_spinner=False)
def _settings(key: tuple) -> Settings:
    return load_settings(**dict(key))


def settings() -> Settings:
    return _settings(tuple(sorted(_OVERRIDES.items())))


@st.cache_resource(show_spinner="Starting the coach…")
def _coach(key: tuple, sample_home: str = "") -> Coach:
    if not sample_home:
        return build_coach(settings())
    from coach.crm import sample

    ws = sample.workspace(settings())
    if ws is None or str(ws.home) != sample_home:
        raise CoachError("The sample network was removed; reload the page.")
    return build_coach(ws, store=sample.open_store(ws, own_coach().store))


def _key() -> tuple:
    return tuple(sorted((k, str(v)) for k, v in _OVERRIDES.items()))


def own_coach() -> Coach:
    """The coach over the user's own store (imports and the profile always go here)."""
    return _coach(_key())


def sample_settings() -> Settings | None:
    """The demo workspace's settings, or None when no sample network is loaded."""
    from coach.crm import sample

    return sample.workspace(settings())


def in_sample() -> bool:
    """Whether this browser session looks at the sample network: by choice, or by default while the user's
    own store is empty."""
    if sample_settings() is None:
        return False
    choice = st.session_state.get("workspace")
    if choice is None:
        return not own_coach().store.list_contacts()
    return choice == "sample"


def use_workspace(name: str) -> None:
    """Switch this session to "own" or "sample"; the chat starts over (its people belong to one workspace)."""
    if st.session_state.get("workspace") != name:
        for key in ("messages", "thread_id", "chat", "chat_owner", "failed", "pending", "pending-action", "queue", "contact-pick",
                    "seen-link", "seen-rows", "contact-search"):
            st.session_state.pop(key, None)
    st.session_state["workspace"] = name


def coach() -> Coach:
    """The coach for the workspace this session looks at: the user's own, or the sample's."""
    ws = sample_settings() if in_sample() else None
    return _coach(_key(), str(ws.home) if ws else "")


def apply_settings(**values: Any) -> Settings:
    """Change settings for this process (validated first); the next call to `coach()` builds a new Coach."""
    candidate = {**_OVERRIDES, **{k: v for k, v in values.items() if v is not None}}
    load_settings(**candidate)  # raises ConfigurationError before anything changes
    _OVERRIDES.clear()
    _OVERRIDES.update(candidate)
    return settings()


def chat():
    """This browser session's chat (its own thread id and token callback)."""
    if st.session_state.get("chat_owner") is not coach() or "chat" not in st.session_state:
        st.session_state["chat"] = coach().chat()
        st.session_state["chat_owner"] = coach()
    return st.session_state["chat"]


def thread_id() -> str:
    if "thread_id" not in st.session_state:
        st.session_state["thread_id"] = f"app-{uuid.uuid4().hex[:12]}"
    return st.session_state["thread_id"]


def after_write(bar=None) -> None:
    """After an import, note, interaction or edit: bring the search index up to date (cheap when unchanged);
    a progress `bar` shows the items embedded (the first import embeds the whole guidance corpus)."""
    try:
        coach().synced_retriever(bar_progress(bar, "Updating the search index") if bar is not None else None)
    except CoachError as exc:
        st.warning(escape(f"Saved, but the search index was not updated: {for_the_app(str(exc))}"))


def bar_progress(bar, label: str):
    """A `progress(n, total=None)` callback, as the index calls it, that moves a Streamlit progress bar: each
    collection announces its total, then each batch its size."""
    done, whole = [0], [0]

    def advance(n: int = 1, total: int | None = None) -> None:
        if total is not None:
            whole[0] += total
        done[0] += n
        if whole[0]:
            bar.progress(min(done[0] / whole[0], 1.0), text=f"{label}: {done[0]} of {whole[0]} items")

    return advance


def escape(text: str) -> str:
    """User content as literal Markdown text: no links, images, HTML or formulas are interpreted."""
    return _MD_SPECIAL.sub(r"\\\1", str(text or ""))


def unreachable(exc: BaseException) -> bool:
    """Whether the error (or its cause) is a model or index server that did not answer."""
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if isinstance(seen, ConnectionError | TimeoutError) or name in (
                "APIConnectionError", "APITimeoutError", "ConnectError", "ConnectTimeout", "ReadTimeout"):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


# The settings a sentence names, as a browser user changes them: fields of the Settings page.
IN_SETTINGS = [("COACH_LLM=openai/<a model it serves>", "the Model name on the Settings page to one it serves"),
               ("COACH_LLM_BASE_URL", "the Base URL on the Settings page"),
               ("OPENAI_API_KEY", "the API key on the Settings page"),
               ("COACH_LLM=llamacpp/smollm2", "the embedded model (Provider on the Settings page)"),
               ("run `coach index --rebuild`", "press Rebuild the search index on the Settings page")]


def for_the_app(message: str) -> str:
    """A sentence as a browser user reads it: the Settings page's fields, not environment variables (a sentence
    that names the page already is left as it is)."""
    if "Settings page" in message:
        return message
    for setting, field in IN_SETTINGS:
        message = message.replace(setting, field)
    return message


def error_message(exc: BaseException) -> str | None:
    """The one sentence to show for a CoachError or an unreachable server; None for a bug."""
    if isinstance(exc, CoachError):
        return for_the_app(str(exc))
    if unreachable(exc):
        where = settings().llm_base_url or settings().chroma_url or "its server"
        return (f"The model {settings().llm} did not answer at {where}: start the server or fix the URL on "
                "the Settings page, then retry.")
    return None


def show_error(exc: BaseException) -> bool:
    """Show a CoachError or an unreachable server as `st.error`; returns False (show nothing) for a bug."""
    message = error_message(exc)
    if message is None:
        return False
    st.error(escape(message), icon=":material/error:")
    return True
