"""Settings: the model, the LinkedIn Premium limit, your profile, and the health of each component."""

from __future__ import annotations

import streamlit as st

from coach.ui import state
from coach.ui.state import escape

PROVIDERS = {"llamacpp": "Embedded (llama.cpp, offline)", "openai": "OpenAI-compatible server"}


def render() -> None:
    st.title("Settings")
    settings = state.settings()
    model_form(settings)
    profile_form()
    health(settings)


def model_form(settings) -> None:
    st.subheader("Model")
    provider, _, name = settings.llm.partition("/")
    with st.form("model", clear_on_submit=True):
        cols = st.columns(2)
        provider = cols[0].selectbox("Provider", list(PROVIDERS), format_func=PROVIDERS.get,
                                     index=list(PROVIDERS).index(provider) if provider in PROVIDERS else 0)
        name = cols[1].text_input("Model name", name, help="smollm2 for the embedded model; for a server, "
                                                            "the model it serves (gpt-4o-mini, llama3.1, …)")
        base_url = st.text_input("Base URL", settings.llm_base_url or "",
                                 placeholder="http://127.0.0.1:11434/v1 (Ollama), blank for OpenAI itself")
        masked = settings.public_dict()["OPENAI_API_KEY"]
        key = st.text_input("API key", type="password", placeholder=f"current: {masked}" if masked else "not set",
                            help="Kept in memory for this app only: never written to the index, the store or logs.")
        premium = st.toggle("LinkedIn Premium (connection notes up to 300 characters instead of 200)",
                            value=settings.linkedin_premium)
        if st.form_submit_button("Apply", type="primary"):
            try:
                state.apply_settings(llm=f"{provider}/{name.strip() or 'smollm2'}", llm_base_url=base_url.strip(),
                                     openai_api_key=key or None, linkedin_premium=premium)
            except Exception as exc:
                if not state.show_error(exc):
                    raise
                return
            st.session_state.pop("chat", None)
            st.session_state["flash"] = "Settings applied until the app restarts (set them in .env to keep them)."
            st.rerun()
    st.caption("These apply to this running app. To keep them, put COACH_LLM, COACH_LLM_BASE_URL, "
               "OPENAI_API_KEY and COACH_LINKEDIN_PREMIUM in your environment or a .env file.")


def profile_form() -> None:
    st.subheader("About you")
    store = state.own_coach().store  # yours, also while the sample network is shown
    profile = store.get_profile()
    with st.form("profile"):
        name = st.text_input("Your name (used to sign drafts)", profile.name)
        headline = st.text_input("Headline", profile.headline)
        goals = st.text_input("What you are after", profile.goals)
        targets = st.text_input("Target companies (comma-separated)", ", ".join(profile.target_companies))
        if st.form_submit_button("Save profile"):
            try:
                store.set_profile(name=name.strip(), headline=headline.strip(), goals=goals.strip(),
                                  target_companies=[t.strip() for t in targets.split(",") if t.strip()])
            except Exception as exc:
                if not state.show_error(exc):
                    raise
                return
            st.session_state["flash"] = "Profile saved."
            st.rerun()


def index_section() -> None:
    """Rebuild the search index: what a damaged index's message asks a browser user to do (the index is derived
    from the store and the corpus, so nothing is lost)."""
    st.caption("The search index is built from your contacts and the guidance corpus; rebuilding it loses nothing.")
    if st.button("Rebuild the search index", icon=":material/refresh:"):
        bar = st.progress(0.0, text="Rebuilding the search index…")
        try:
            stats = state.coach().rebuild_index(state.bar_progress(bar, "Rebuilding the search index"))
        except Exception as exc:
            bar.empty()
            if not state.show_error(exc):
                raise
            return
        bar.empty()
        st.session_state.pop("chat", None)  # a fresh chat over the coach's new retriever
        st.session_state.pop("chat_owner", None)
        st.session_state["flash"] = f"Search index rebuilt: {sum(s.total for s in stats)} items."
        st.rerun()


def health(settings) -> None:
    st.subheader("Health")
    st.caption("What `coach doctor` checks: the prompts and corpus load, the model answers, embeddings load, the "
               "index and the store respond.")
    if st.button("Check components", icon=":material/stethoscope:"):
        from coach.doctor import run_doctor

        with st.spinner("Checking the prompts, model, embeddings, index and store…"):
            st.session_state["doctor"] = run_doctor(settings)
    report = st.session_state.get("doctor")
    if report:
        for name, check in report.items():
            if not isinstance(check, dict) or "seconds" not in check:
                continue
            badge = ":green-badge[:material/check: ok]" if check["ok"] else ":red-badge[:material/close: failed]"
            st.markdown(f"**{name}** {badge} {escape(check['detail'])} *({check['seconds']} s)*")
    index_section()
    with st.expander("Settings in force"):
        st.json(settings.public_dict())
