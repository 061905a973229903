"""A small learned reader of short texts into labels, trained on labelled examples kept as data.

Two views of each text: its sentence vector from the shipped MiniLM (what it means, whatever the words) and its
character n-grams (how it is spelt, typos and all), joined and read by a logistic regression. Training on a few
hundred examples takes a second or two; the examples' vectors are kept in the machine's vector cache (the
text read is never kept: it is the user's own). Where the sentence model cannot load, the character view alone
is used, said once on stderr. The chat's intents (`coach.conversation.intents`) are read so.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.retrieval.vector_cache import VectorCache

if TYPE_CHECKING:  # the interface only: importing LangChain costs a chat turn ~0.1 s it need not pay
    from langchain_core.embeddings import Embeddings

MEANING = "local/all-MiniLM-L6-v2"
MEANING_WEIGHT = 1.0  # the sentence vector's scale beside the unit-length character view



@dataclass(frozen=True)
class Guess:
    """The likeliest label, how likely, and every label ranked."""

    label: str
    probability: float
    ranked: tuple[tuple[str, float], ...]

    def chance(self, label: str) -> float:
        return dict(self.ranked).get(label, 0.0)


class LearnedReader:
    """A classifier of texts into the labels of `examples` ({label: [text, …]})."""

    def __init__(self, examples: dict[str, list[str]], embed: Embeddings | None = None):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        texts = [t for label in examples for t in examples[label]]
        labels = [label for label in examples for _ in examples[label]]
        if len(set(labels)) < 2:
            raise ValueError("A learned reader needs examples of at least two labels.")
        self.embed = embed
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)
        features = self._features(texts, fit=True)
        # newton-cg: the same model as lbfgs here (dev accuracy within 2 of 620) in a twentieth of the time
        self.classifier = LogisticRegression(C=10.0, solver="newton-cg", max_iter=3000)
        self.classifier.fit(features, labels)

    def _features(self, texts: Sequence[str], fit: bool = False):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack

        chars = self.chars.fit_transform(texts) if fit else self.chars.transform(texts)
        if self.embed is None:
            return chars
        vectors = self.embed.embed_documents(list(texts)) if fit else [self.embed.embed_query(t) for t in texts]
        meaning = np.asarray(vectors, dtype=np.float32) * MEANING_WEIGHT
        return hstack([chars, csr_matrix(meaning)]).tocsr()

    def guess(self, text: str) -> Guess:
        probabilities = self.classifier.predict_proba(self._features([text]))[0]
        labels = (str(c) for c in self.classifier.classes_)
        ranked = tuple(sorted(zip(labels, (float(p) for p in probabilities), strict=True), key=lambda lp: -lp[1]))
        return Guess(label=ranked[0][0], probability=ranked[0][1], ranked=ranked)


class KeptExamples:
    """An `Embeddings` (LangChain's interface): the sentence model with the vectors of a reader's training examples kept in the machine's vector cache; a
    text being read (`embed_query`) is never kept: it is the user's own."""

    def __init__(self, model: Embeddings, cache: VectorCache):
        self.model, self.cache = model, cache

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        kept = self.cache.get(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in kept]
        if missing:
            vectors = self.model.embed_documents(missing)
            self.cache.put(missing, vectors)
            kept.update(zip(missing, vectors, strict=True))
        return [kept[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


def meaning(purpose: str) -> Embeddings | None:
    """The shipped sentence model for a reader, its training examples' vectors kept under `purpose`; None (the
    character view alone, said once on stderr) where the model cannot load."""
    try:
        from coach.llm.providers import make_embeddings, model_cache

        model = make_embeddings(MEANING)
        return KeptExamples(model, VectorCache(model_cache().parent / "vectors",
                                               f"{purpose}#{MEANING}#{type(model).__name__}"))
    except Exception as exc:  # noqa: BLE001 (any failure to load leaves the character view, said once)
        print(f"Note: the {purpose} reader reads spelling only ({exc}).", file=sys.stderr, flush=True)
        return None
