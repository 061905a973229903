"""What a search hit shows of its document: a short snippet, around the words that matched."""

from __future__ import annotations

import re

from coach.retrieval.lexical import tokenize


def shorten(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def around(text: str, token: str, before: int = 40, after: int = 60) -> str:
    """The part of `text` around its first word whose stem is `token`, cut at word boundaries."""
    flat = " ".join(text.split())
    at = next((m for m in re.finditer(r"[\w'-]+", flat) if token in tokenize(m.group(0))), None)
    if at is None or len(flat) <= before + after:
        return shorten(flat, before + after)
    start, end = max(0, at.start() - before), min(len(flat), at.end() + after)
    start = flat.rfind(" ", 0, start) + 1 if start else 0
    end = flat.find(" ", end) if end < len(flat) and flat.find(" ", end) > 0 else len(flat)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def contact_snippet(document: str, query: str, why: str = "") -> str:
    """The headline, then why the contact matched (a word of the query in a field) or else the line of the
    document that shares most words with the query."""
    lines = document.splitlines()
    head = lines[1] if len(lines) > 1 and not lines[1].startswith(("Tags:", "Note:", "How we met:")) else ""
    if why:
        return shorten(" · ".join(p for p in (head, f"matched {why}") if p))
    wanted = set(tokenize(query))
    best, best_overlap = "", 0
    for line in lines[1:]:
        overlap = len(wanted & set(tokenize(line)))
        if overlap > best_overlap and line != head:
            best, best_overlap = line, overlap
    return shorten(" · ".join(p for p in (head, best) if p))
