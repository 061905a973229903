"""A collection held in memory for search: its documents, BM25, and what a query names in it (a person or
company mentioned, a tag, a word of a contact's own fields) and filters keep."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach.core.text import fold, stem
from coach.retrieval.lexical import IGNORED, LexicalIndex, plain_words, tokenize
from coach.retrieval.snippets import around

if TYPE_CHECKING:
    import numpy as np

# Words that only ask for a search ("search my contacts for payments", "find me anyone in design"): never a word
# to match in someone's notes.
_SEARCH_WORDS = frozenset("search find look show list contact contacts connection connections network everyone "
                          "anybody somebody saved here working works".split())
# The fields a typed word is matched in, with how a hit names them; a contact document's lines (see
# coach.retrieval.index.documents.contact_document) start with these labels.
_FIELDS = (("Tags: ", "tags"), ("How we met: ", "how you met"), ("Note: ", "a note"))


@dataclass
class Table:
    """One collection held in memory: ids, documents, metadata, BM25 and the mention lookups."""

    token: str
    ids: list[str]
    docs: list[str]
    metas: list[dict[str, Any]]
    lexical: LexicalIndex
    position: dict[str, int] = field(default_factory=dict)
    mentions: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    stems: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # stem -> (position, field, text)
    collection: Any = None

    @classmethod
    def build(cls, token: str, ids: list[str], docs: list[str], metas: list[dict[str, Any]],
              contacts: bool) -> Table:
        table = cls(token, ids, docs, metas, LexicalIndex(docs), {i: n for n, i in enumerate(ids)})
        if contacts:
            for n, meta in enumerate(metas):
                for phrase in (meta.get("company", ""), meta.get("name", "")):
                    key = tuple(plain_words(phrase))
                    if key and not (len(key) == 1 and (key[0] in IGNORED or len(key[0]) < 2)):
                        table.mentions.setdefault(key, []).append(n)
                for label, text in _fields(docs[n], meta):
                    for token in dict.fromkeys(tokenize(text)):
                        table.stems.setdefault(token, []).append((n, label, text))
        return table

    def worded(self, query: str) -> dict[int, tuple[int, str]]:
        """Contacts whose title, company, tags, how you met or notes hold a word of the query by its stem
        ('payments' finds 'payment APIs'): position -> (how many of the query's words, why in words)."""
        wanted = [t for t in dict.fromkeys(tokenize(" ".join(w for w in plain_words(query)
                                                            if w not in _SEARCH_WORDS)))]
        found: dict[int, tuple[int, str]] = {}
        for token in wanted:
            for pos, label, text in self.stems.get(token, ()):
                count, why = found.get(pos, (0, ""))
                word = next((w for w in plain_words(query) if stem(w) == token), token)
                found[pos] = (count + 1, why or f'"{word}" in {label}: {around(text, token)}')
        return found

    def mentioned(self, query: str) -> set[int]:
        """Positions of contacts whose company or full name appears verbatim in the query."""
        q = plain_words(query)
        found: set[int] = set()
        for size in range(1, 5):
            for start in range(len(q) - size + 1):
                found.update(self.mentions.get(tuple(q[start: start + size]), ()))
        return found

    def tagged(self, query: str) -> set[int]:
        """Positions of contacts carrying a tag that the query names ("mentor", "former colleague")."""
        q = f" {' '.join(plain_words(query))} "
        found: set[int] = set()
        for n, meta in enumerate(self.metas):
            for tag in str(meta.get("tags", "")).split("|"):
                key = " ".join(plain_words(tag))
                if key and f" {key} " in q:
                    found.add(n)
        return found

    def mask(self, theme: str | None, company: str | None, tag: str | None) -> np.ndarray | None:
        import numpy as np

        if not (theme or company or tag):
            return None
        company_key = f" {fold(company)} " if company else ""
        tag_key = f"|{fold(tag)}|" if tag else ""

        def keeps(meta: dict[str, Any]) -> bool:
            return ((not theme or meta.get("theme") == theme)
                    and (not company_key or company_key in f" {meta.get('company_key', '')} ")
                    and (not tag_key or tag_key in str(meta.get("tags", ""))))

        return np.fromiter((keeps(m) for m in self.metas), dtype=bool, count=len(self.metas))


def _fields(document: str, meta: dict[str, Any]) -> list[tuple[str, str]]:
    """A contact's fields a typed word is matched in, as (how a hit names the field, its text)."""
    out = [(label, str(meta.get(key) or "")) for key, label in (("title", "title"), ("company", "company"))]
    for line in document.splitlines()[1:]:
        for prefix, label in _FIELDS:
            if line.startswith(prefix):
                text = re.sub(r"^\d{4}-\d{2}-\d{2}: ", "", line[len(prefix):])
                out.append((label, text))
    return [(label, text) for label, text in out if text.strip()]
