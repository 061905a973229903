"""How search reads text as words: the one tokenizer of BM25 documents and queries, and BM25 itself."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.core.text import STOPWORDS, fold, stem

if TYPE_CHECKING:
    import numpy as np

# BM25 leaves out the stop words and, in queries, the words that only say who is asked about ("who do I know
# at Stripe", "someone in payments").
_QUERY_FILLER = frozenset("get got him whom someone somebody know knows people person anyone".split())
IGNORED = STOPWORDS | _QUERY_FILLER
_WORD = re.compile(r"[a-z0-9]+")


def plain_words(text: str) -> list[str]:
    """Folded words split at any punctuation ('co-host' is two): how BM25 and name mentions read text."""
    return _WORD.findall(fold(text))


def tokenize(text: str) -> list[str]:
    """The one tokenizer for BM25 documents and queries: plain words (punctuation splits them), minus stop
    words, stemmed."""
    return [stem(w) for w in plain_words(text) if w not in IGNORED]


class LexicalIndex:
    """BM25 (bm25s) over tokenized documents; scores every document for a query."""

    def __init__(self, documents: list[str]):
        import bm25s

        self.size = len(documents)
        self._bm25 = None
        corpus = [tokenize(d) or ["∅"] for d in documents]
        if corpus:
            self._bm25 = bm25s.BM25()
            self._bm25.index(corpus, show_progress=False)
            self._vocab = self._bm25.vocab_dict

    def scores(self, query: str) -> np.ndarray:
        import numpy as np  # on first search, not on import: a draft reads its guidance from disk

        tokens = [t for t in tokenize(query) if self._bm25 is not None and t in self._vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
