"""Guidance: browse the corpus by theme, search it, read an article."""

from __future__ import annotations

import re

import streamlit as st

from coach.retrieval.knowledge import THEMES, Article, load_corpus
from coach.ui import state
from coach.ui.state import escape

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)

THEME_LABELS = {"opportunities": "Openings and referrals", "mentorship": "Mentorship", "visibility": "Visibility",
                "partnerships": "Partnerships", "support": "Difficult situations", "craft": "Writing messages",
                "maintenance": "Keeping in touch"}


@st.cache_resource(show_spinner=False)
def corpus(directory: str) -> dict[str, Article]:
    from pathlib import Path

    return {a.path: a for a in load_corpus(Path(directory))}


def render() -> None:
    st.title("Guidance")
    articles = corpus(str(state.settings().knowledge_dir))
    cols = st.columns([1, 2])
    theme = cols[0].selectbox("Theme", ["all", *THEMES], key="guidance-theme",
                              format_func=lambda t: "All themes" if t == "all" else THEME_LABELS.get(t, t))
    query = cols[1].text_input("Search the guidance", placeholder="e.g. no reply after asking for a referral",
                               key="guidance-query")
    wanted = None if theme == "all" else theme
    if query.strip():
        try:
            hits = state.coach().synced_retriever().find(query, kind="guidance", k=10, theme=wanted)
        except Exception as exc:
            if not state.show_error(exc):
                raise
            hits = []
        paths = list(dict.fromkeys(h.source for h in hits if h.source in articles))
        if not paths:
            st.info(f"No match for “{escape(query.strip())}”: no article is about that. Try other words"
                    + (" or all themes." if wanted else "."), icon=":material/search_off:")
            return
        st.caption(f"{len(paths)} article{'s' if len(paths) != 1 else ''} match")
    else:
        paths = [p for p, a in articles.items() if wanted in (None, a.theme)]
        st.caption(f"{len(paths)} articles")
    if not paths:
        st.info("Nothing matches; try other words or all themes.")
        return
    left, right = st.columns([1, 2])
    with left:
        chosen = st.radio("Articles", paths, key="guidance-article", label_visibility="collapsed",
                          format_func=lambda p: articles[p].title)
    with right:
        read(articles[chosen or paths[0]])


def read(article: Article) -> None:
    with st.container(border=True):
        st.subheader(article.title)
        st.caption(f"{THEME_LABELS.get(article.theme, article.theme)} · {', '.join(article.tags) or '—'} · "
                   f"`{article.path}`")
        if article.situations:
            with st.expander("Situations this answers"):
                st.markdown("\n".join(f"- “{s}”" for s in article.situations))
        body(article.body)


def body(text: str) -> None:
    """The article's Markdown (the project's own corpus, never raw HTML); its fenced example messages as
    wrapped code blocks, so a long line is never cut off (with a copy button)."""
    for n, part in enumerate(FENCE.split(text)):
        if n % 2:
            st.code(part.strip("\n"), language=None, wrap_lines=True)
        elif part.strip():
            st.markdown(part)
