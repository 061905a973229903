"""Situation recognition: which guidance article answers what the user is going through.

Each article lists the situations it answers as a user would write them
(`situations:` in its front matter). The user's words are embedded and
compared with every phrasing; the body retrieval (dense + BM25 over the
sections) ranks the same articles by topic. Both are fused, the situations
weighing more: "I asked for a referral and she never replied" is a no-reply
situation even though most of its words are a referral's.

The phrasings, steps and overview sentences of the whole corpus are embedded
once per corpus and embedding model, kept in memory and in a file under
COACH_HOME, so a question costs one query embedding.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.core.files import replacing
from coach.core.text import sentences
from coach.retrieval.knowledge import OVERVIEW, Article, article_steps
from coach.retrieval.search import rrf

SITUATION, STEP, IDEA = "situation", "step", "idea"  # the kinds of text embedded per article
FUSION_K = 10  # rank fusion constant: small, so the first places count clearly more than the rest
SIGNALS = {"body": 1.0, "closest-situation": 0.75, "situation-words": 0.75}  # each ranking's weight
BODY_DEPTH = 30  # articles taken from the body retrieval
ALONE = "each-text-alone"  # how the corpus texts are embedded (`alone`): part of the cache key
# Another article fits too when its title names what the user describes (this share of the title's words, at
# least two) and its score is within TITLE_SCORE of the lead's; or when it is the runner-up within FIT_SCORE, the
# words read as much like one of its situations as like the lead's, and the body ranks it second or better.
TITLE_SHARE, TITLE_SCORE, FIT_SCORE = 0.5, 0.75, 0.85
IDEA_FIT = 0.3  # in the key idea: how much fitting the user's words counts beside carrying the advice
QUESTION_FIT = 1.0  # the same when the user asked a question: the key idea answers it

_MEMORY: dict[str, CorpusVectors] = {}


def overview_sentences(article: Article) -> list[str]:
    """The sentences of an article's overview, as written (headings dropped)."""
    text = "\n".join(ln for ln in article.sections.get(OVERVIEW, "").splitlines() if not ln.startswith("#"))
    return sentences(" ".join(text.split()))


@dataclass
class CorpusVectors:
    """Unit vectors of every article's situations, steps and overview sentences."""

    owners: list[tuple[str, str, int]]  # (article path, kind, position within the article)
    matrix: np.ndarray
    texts: dict[str, list[str]] = field(default_factory=dict)  # each article's situation phrasings
    rows: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    _centroids: dict[str, np.ndarray] = field(default_factory=dict)
    _lexical: tuple[tuple[str, ...], Any] | None = None

    def __post_init__(self) -> None:
        grouped: dict[tuple[str, str], list[int]] = {}
        for row, (path, kind, _) in enumerate(self.owners):
            grouped.setdefault((path, kind), []).append(row)
        self.rows = {key: np.asarray(value) for key, value in grouped.items()}

    def centroid(self, path: str) -> np.ndarray:
        """The unit mean of an article's situation vectors: what its situations share."""
        if path not in self._centroids:
            rows = self.rows.get((path, SITUATION))
            dim = self.matrix.shape[1] if self.matrix.ndim == 2 else 1
            self._centroids[path] = _unit(self.matrix[rows].mean(axis=0))[0] if rows is not None \
                else np.zeros(dim, dtype=np.float32)
        return self._centroids[path]

    def lexical(self, paths: list[str]) -> Any:
        """BM25 over each article's situation phrasings (one document per article, in `paths` order)."""
        from coach.retrieval.lexical import LexicalIndex

        key = tuple(paths)
        if self._lexical is None or self._lexical[0] != key:
            self._lexical = (key, LexicalIndex([" ".join(self.texts.get(p, [])) for p in paths]))
        return self._lexical[1]

    def similarities(self, vector: np.ndarray, path: str, kind: str) -> np.ndarray:
        """Cosine similarity of `vector` (unit length) with each text of one kind of one article, in order."""
        rows = self.rows.get((path, kind))
        if rows is None:
            return np.zeros(0, dtype=np.float32)
        return self.matrix[rows] @ vector


def _texts(articles: list[Article]) -> tuple[list[tuple[str, str, int]], list[str]]:
    owners: list[tuple[str, str, int]] = []
    texts: list[str] = []
    for article in articles:
        for kind, items in ((SITUATION, article.situations), (STEP, article_steps(article)),
                            (IDEA, overview_sentences(article))):
            for i, text in enumerate(items):
                owners.append((article.path, kind, i))
                texts.append(text)
    return owners, texts


def _unit(rows: Any) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def alone(embeddings: Any, texts: list[str]) -> list[list[float]]:
    """Each text embedded as a batch of its own, as a query is. An int8 model quantises its activations over the
    whole batch, so a text embedded beside others gets a vector that depends on them: adding an article would move
    the vectors of every other article's phrasings (and their ranks), and a phrasing would not meet the same words
    typed as a query at 1.0."""
    return [row for text in texts for row in embeddings.embed_documents([text])]


def model_key(embeddings: Any, name: str) -> str:
    """What identifies an embedding model for caching: its configured name and its shape."""
    return f"{name}|{type(embeddings).__name__}|{getattr(embeddings, 'dimension', '')}"


def corpus_vectors(articles: list[Article], embeddings: Any, model: str, cache_dir: Path | None) -> CorpusVectors:
    """The corpus' vectors: from memory, else from the cache file, else embedded now (and saved)."""
    owners, texts = _texts(articles)
    digest = hashlib.sha256(json.dumps([model, ALONE, owners, texts]).encode()).hexdigest()[:20]
    if digest in _MEMORY:
        return _MEMORY[digest]
    path = cache_dir / f"situations-{digest}.npy" if cache_dir else None
    matrix: np.ndarray | None = None
    if path is not None and path.is_file():
        try:
            matrix = np.load(path)
        except (OSError, ValueError):  # a torn or foreign file: embed again
            matrix = None
        if matrix is not None and matrix.shape[0] != len(texts):
            matrix = None
    if matrix is None:
        matrix = _unit(alone(embeddings, texts)) if texts else np.zeros((0, 1), dtype=np.float32)
        if path is not None:
            with replacing(path) as tmp, tmp.open("wb") as fh:
                np.save(fh, matrix)
    vectors = CorpusVectors(owners, matrix, {a.path: list(a.situations) for a in articles})
    _MEMORY.clear()  # one corpus at a time: an edited corpus replaces the old vectors
    _MEMORY[digest] = vectors
    return vectors


@dataclass
class Match:
    """One article and how well it fits the user's situation."""

    article: Article
    score: float  # fused
    situation: float  # similarity to its closest situation phrasing
    body_rank: int | None  # 1-based rank in the body retrieval, None when not retrieved
    phrasing: str = ""  # its situation phrasing closest to the user's words


def _ranks(scores: dict[str, float]) -> dict[str, int]:
    return {p: i for i, p in enumerate(sorted(scores, key=lambda p: (-scores[p], p)), start=1)}


class Recogniser:
    """Ranks articles for a situation; also picks the steps and overview sentences that fit it best.

    Three rankings are fused by reciprocal rank: the body retrieval (dense + BM25 over the sections, whose
    documents carry the situations too), the user's words embedded against each article's closest situation
    phrasing, and the same words matched lexically (BM25) against its phrasings. (A ranking by the centroid of
    the phrasings was tried and dropped: it lowered lead top-1 on the advice eval.)
    """

    def __init__(self, articles: dict[str, Article], vectors: CorpusVectors, embeddings: Any,
                 retriever: Any = None):
        self.articles, self.vectors, self.embeddings, self.retriever = articles, vectors, embeddings, retriever

    def embed(self, text: str) -> np.ndarray:
        return _unit(self.embeddings.embed_query(text))[0]

    def rank(self, text: str, query: np.ndarray | None = None) -> list[Match]:
        """Every article, best fit first."""
        query = self.embed(text) if query is None else query
        body: dict[str, int] = {}
        if self.retriever is not None:
            hits = self.retriever.search(text, kind="guidance", k=BODY_DEPTH)
            body = {h.source: rank for rank, h in enumerate(hits, start=1)}
        paths = list(self.articles)
        sims = {p: self.vectors.similarities(query, p, SITUATION) for p in paths}
        closest = {p: float(sims[p].max()) if sims[p].size else 0.0 for p in paths}
        lexical = self.vectors.lexical(paths).scores(text)
        rankings = {"body": {p: body.get(p, len(paths)) for p in paths},
                    "closest-situation": _ranks(closest),
                    "situation-words": _ranks({p: float(lexical[i]) for i, p in enumerate(paths)})}
        matches: list[Match] = []
        for path, article in self.articles.items():
            fused = sum(rrf(rankings[name][path], w, FUSION_K) for name, w in SIGNALS.items())
            phrasing = article.situations[int(np.argmax(sims[path]))] if sims[path].size else ""
            matches.append(Match(article, fused, closest[path], body.get(path), phrasing))
        matches.sort(key=lambda m: (-m.score, m.article.path))
        return matches

    @staticmethod
    def second_fit(matches: list[Match], text: str) -> Match | None:
        """An article that fits too: one of the next two whose title names what the user describes ("a referral
        from a former colleague"), or the runner-up when the words read as much like its situations as like the
        lead's; either close enough in score."""
        from coach.core.text import content_words, stem

        if len(matches) < 2:
            return None
        lead = matches[0]
        said = {stem(w) for w in content_words(text)}
        for other in matches[1:3]:
            title = {stem(w) for w in content_words(other.article.title)}
            shared = said & title
            if len(shared) >= 2 and len(shared) >= TITLE_SHARE * len(title) and \
                    other.score >= TITLE_SCORE * lead.score:
                return other
        other = matches[1]
        if other.score >= FIT_SCORE * lead.score and other.situation >= lead.situation and \
                other.body_rank is not None and other.body_rank <= 2:
            return other
        return None

    def best_steps(self, query: np.ndarray, article: Article, n: int, avoid: list[str] = ()) -> list[str]:
        """The `n` steps of `article` closest to the situation, in the article's order, none repeating `avoid`."""
        from coach.core.text import overlaps

        steps = article_steps(article)
        sims = self.vectors.similarities(query, article.path, STEP)
        if len(sims) != len(steps):
            return steps[:n]
        order = [int(i) for i in np.argsort(-sims, kind="stable")]
        chosen = [i for i in order if not any(overlaps(steps[i], a) for a in avoid)][:n]
        return [steps[i] for i in sorted(chosen)]

    def answer_first(self, question: np.ndarray, article: Article, steps: list[str]) -> list[str]:
        """`steps` with the article's step closest to the user's question first (taken from the rest of the
        article when `steps` lacks it, so the list keeps its length), the others in their order."""
        every = article_steps(article)
        sims = self.vectors.similarities(question, article.path, STEP)
        if not steps or len(sims) != len(every):
            return steps
        best = every[int(np.argmax(sims))]
        rest = [s for s in steps if s != best]
        return [best, *rest[: len(steps) - 1]]

    def key_idea(self, query: np.ndarray, article: Article, max_words: int = 45, fit: float = IDEA_FIT) -> str:
        """The lead article's key idea for this situation: 1-2 overview sentences, verbatim.

        An overview sets the scene, then says what works. A sentence counts for how much of the article's
        advice it carries (closeness to its steps) and how well it fits the user's situation, less how much it
        merely describes the situation (closeness to the article's own situations), so "Watching your manager
        present your analysis as theirs is demoralising" loses to "the fix is making your authorship visible
        by default". A short best sentence takes its better neighbour along, in reading order.
        """
        ideas = overview_sentences(article)
        if not ideas:
            return ""
        sims = self.vectors.similarities(query, article.path, IDEA)
        rows = self.vectors.rows.get((article.path, IDEA))
        step_rows = self.vectors.rows.get((article.path, STEP))
        if len(sims) != len(ideas) or rows is None or step_rows is None:
            return " ".join(ideas[:2])
        ideas_matrix = self.vectors.matrix[rows]
        advice = ideas_matrix @ _unit(self.vectors.matrix[step_rows].mean(axis=0))[0]
        describes = ideas_matrix @ self.vectors.centroid(article.path)
        score = advice - describes + fit * sims
        best = int(np.argmax(score))
        chosen = [best]
        if len(ideas[best].split()) < 20:
            neighbours = [i for i in (best - 1, best + 1) if 0 <= i < len(ideas)
                          and len(ideas[best].split()) + len(ideas[i].split()) <= max_words]
            if neighbours:
                chosen.append(max(neighbours, key=lambda i: score[i]))
        return " ".join(ideas[i] for i in sorted(chosen))
