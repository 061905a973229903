"""The pages, in menu order; `page(name)` is used for links and `st.switch_page`."""

from __future__ import annotations

import streamlit as st

PAGES = {
    "week": ("This week", ":material/event:"),
    "chat": ("Chat", ":material/chat:"),
    "contacts": ("Contacts", ":material/group:"),
    "network": ("Network", ":material/insights:"),
    "guidance": ("Guidance", ":material/menu_book:"),
    "settings": ("Settings", ":material/settings:"),
}


def _render(name: str):
    from importlib import import_module

    return import_module(f"coach.ui.{name}_page").render


def page(name: str, default: str = "chat") -> st.Page:
    title, icon = PAGES[name]
    return st.Page(_render(name), title=title, icon=icon, url_path=name, default=name == default)


def pages(default: str = "chat") -> list[st.Page]:
    """Every page; `default` is the one at the root URL (tests open the app on another page)."""
    return [page(name, default) for name in PAGES]
