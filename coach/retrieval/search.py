"""Hybrid retrieval over the index: dense (our embeddings in Chroma) + BM25, fused by RRF.

Dense search finds paraphrases ("someone who could mentor me in analytics");
BM25 over real tokens finds names, companies and rare words ("KubeCon",
"Stripe") as surely. Reciprocal rank fusion combines the two rankings. For
contacts, a company or full name mentioned in the query ranks those people
first. The BM25 index and the id→document tables live in memory and are
rebuilt only when a collection's state token changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from coach.core.errors import InputError
from coach.core.files import DiskCache, QueryVectors
from coach.core.text import STOPWORDS, fold, stem
from coach.retrieval.index import Index
from coach.retrieval.index.access import CONTACTS, GUIDANCE
from coach.retrieval.index.sync import SyncStats
from coach.retrieval.knowledge import corpus_stamp

if TYPE_CHECKING:
    import numpy as np
    from langchain_core.embeddings import Embeddings

    from coach.config.settings import Settings

Kind = Literal["all", "guidance", "contacts"]
RRF_K = 60
WEIGHTS = {"dense": 1.0, "bm25": 1.0}  # per-ranking weights in the fusion


def rrf(rank: int, weight: float = 1.0, k: int = RRF_K) -> float:
    """Reciprocal rank fusion: what place `rank` (1 is first) in one ranking adds to an item's fused score."""
    return weight / (k + rank)
DEPTH = 50  # candidates taken from each ranking before fusion
MENTION_BOOST = 1.0  # larger than any fused score: mentioned people come first
# What a result list (`Retriever.find`) keeps: an exact name/company/tag match, or a dense cosine of at least
# `dense`, or a BM25 score of at least `bm25` times the query's best. Calibrated on the retrieval eval
# (evals/cases/retrieval_*.yaml, local/all-MiniLM-L6-v2) with ten nonsense queries beside it: contacts keep
# 96.7% of the labelled answers (3.7 people a query on average), guidance 100% (4.8 articles); the nonsense
# queries' best cosine is 0.27 (contacts) and 0.17 (guidance), so "xyzzy quantum banana" keeps nothing.
RELEVANCE = {"contacts": {"dense": 0.35, "bm25": 0.5}, "guidance": {"dense": 0.40, "bm25": 0.5}}
# BM25 leaves out the stop words and, in queries, the words that only say who is asked about ("who do I know
# at Stripe", "someone in payments").
_QUERY_FILLER = frozenset("get got him whom someone somebody know knows people person anyone".split())
_IGNORED = STOPWORDS | _QUERY_FILLER
# Words that only ask for a search ("search my contacts for payments", "find me anyone in design"): never a word
# to match in someone's notes.
_SEARCH_WORDS = frozenset("search find look show list contact contacts connection connections network everyone "
                          "anybody somebody saved here working works".split())
WORD_BOOST = 0.5  # a contact whose own fields hold a word of the query: after the mentioned, before the rest
# The fields a typed word is matched in, with how a hit names them; a contact document's lines (see
# coach.retrieval.index.documents.contact_document) start with these labels.
_FIELDS = (("Tags: ", "tags"), ("How we met: ", "how you met"), ("Note: ", "a note"))
_WORD = re.compile(r"[a-z0-9]+")


def plain_words(text: str) -> list[str]:
    """Folded words split at any punctuation ('co-host' is two): how BM25 and name mentions read text."""
    return _WORD.findall(fold(text))


def tokenize(text: str) -> list[str]:
    """The one tokenizer for BM25 documents and queries: plain words (punctuation splits them), minus stop
    words, stemmed."""
    return [stem(w) for w in plain_words(text) if w not in _IGNORED]


class SearchHit(BaseModel):
    """One search result: a guidance article (best section) or a contact."""

    kind: Literal["guidance", "contact"]
    id: str = Field(description="Chunk id (<source>#<heading>) for guidance; the contact id for contacts.")
    title: str = Field(description="Article title, or the contact's name.")
    theme: str | None = None
    score: float
    snippet: str
    source: str = Field(description="Article path for guidance; contact:<id> for contacts.")
    metadata: dict[str, Any] = Field(default_factory=dict)


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


@dataclass
class _Table:
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
              contacts: bool) -> _Table:
        table = cls(token, ids, docs, metas, LexicalIndex(docs), {i: n for n, i in enumerate(ids)})
        if contacts:
            for n, meta in enumerate(metas):
                for phrase in (meta.get("company", ""), meta.get("name", "")):
                    key = tuple(plain_words(phrase))
                    if key and not (len(key) == 1 and (key[0] in _IGNORED or len(key[0]) < 2)):
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
                found[pos] = (count + 1, why or f'"{word}" in {label}: {_around(text, token)}')
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


class Retriever:
    """Search guidance and contacts: `search` (hybrid), `search_dense`, `search_bm25`."""

    def __init__(self, settings: Settings, index: Index | None = None, embeddings: Embeddings | None = None):
        self.settings = settings
        self.index = index or Index(settings, embeddings)
        self._tables: dict[str, _Table] = {}
        self.queries = QueryVectors(settings.home / "query-vectors.json", self.index.model_name)
        self.answers = DiskCache(settings.home / "guidance-answers.json", self.index.model_name, limit=128)
        self._synced_revision: int | None = None

    # ------------------------------------------------------------- syncing
    def ensure_synced(self, store: Any = None, progress: Any = None) -> list[SyncStats]:
        """Bring the index up to date with the corpus and (if given) the store; cheap when nothing changed."""
        stats = [self.index.sync_guidance(progress)]
        if store is not None:
            revision = int(store.revision())
            if revision != self._synced_revision:
                stats.append(self.index.sync_store(store, progress))
                self._synced_revision = revision
        return stats

    def rebuild(self, store: Any, progress: Any = None) -> list[SyncStats]:
        """Drop the index and build it again from the corpus and the store (which is never touched)."""
        revision = int(store.revision())
        guidance, contacts = self.index.rebuild(store.all_contacts(), revision, progress)
        self._tables.clear()
        self._synced_revision = revision
        return [guidance, *([contacts] if contacts else [])]

    def _table(self, kind: str) -> _Table:
        """The in-memory table of a collection, reloaded only when its state token moved."""
        collection = self.index.collection(kind)  # one cheap metadata read per query
        token = self.index.token(kind, collection)
        table = self._tables.get(kind)
        if table is None or table.token != token:
            ids, docs, metas = self.index.load(kind)
            table = _Table.build(token, ids, docs, metas, contacts=kind == CONTACTS)
            self._tables[kind] = table
        table.collection = collection
        return table

    # ------------------------------------------------------------- search
    def search(self, query: str, kind: Kind = "all", k: int = 5, theme: str | None = None,
               company: str | None = None, tag: str | None = None) -> list[SearchHit]:
        """Hybrid search: dense + BM25 fused by reciprocal rank fusion, mentions first."""
        return self._search(query, kind, k, theme, company, tag, ("dense", "bm25"))

    def guidance(self, query: str, k: int = 3) -> list[SearchHit]:
        """`search(query, kind="guidance", k=k)`, whose answer depends only on the corpus and the embedding
        model: a question this corpus and model answered before is read back from disk, so a fresh process
        (`coach draft`) opens neither the index nor the model for it; otherwise the corpus is synced first."""
        key = json.dumps([corpus_stamp(self.settings.knowledge_dir), query, k])
        cached = self.answers.get(key)
        if isinstance(cached, list):
            try:
                return [SearchHit.model_validate(hit) for hit in cached]
            except ValueError:
                pass  # written by another version: search again
        self.ensure_synced()
        hits = self.search(query, kind=GUIDANCE, k=k)
        self.answers.put(key, [hit.model_dump() for hit in hits])
        return hits

    def find(self, query: str, kind: Kind = "all", k: int = 25, theme: str | None = None,
             company: str | None = None, tag: str | None = None) -> list[SearchHit]:
        """A result list: only hits that are relevant (see RELEVANCE), exact name, company and tag matches
        first; empty when nothing fits. `search` ranks everything (the chat and the drafter use it)."""
        return self._search(query, kind, k, theme, company, tag, ("dense", "bm25"), relevant_only=True)

    def search_dense(self, query: str, kind: Kind = "all", k: int = 5, theme: str | None = None,
                     company: str | None = None, tag: str | None = None) -> list[SearchHit]:
        return self._search(query, kind, k, theme, company, tag, ("dense",))

    def search_bm25(self, query: str, kind: Kind = "all", k: int = 5, theme: str | None = None,
                    company: str | None = None, tag: str | None = None) -> list[SearchHit]:
        return self._search(query, kind, k, theme, company, tag, ("bm25",))

    def _search(self, query: str, kind: str, k: int, theme: str | None, company: str | None,
                tag: str | None, modes: tuple[str, ...], relevant_only: bool = False) -> list[SearchHit]:
        if not query.strip():
            raise InputError("The search query is empty: say what you are looking for.")
        if kind not in ("all", GUIDANCE, CONTACTS):
            raise InputError(f"Unknown kind '{kind}': use guidance, contacts or all.")
        if k < 1:
            raise InputError("k must be at least 1.")
        kinds = [GUIDANCE, CONTACTS] if kind == "all" else [kind]
        vector: list[float] | None = None
        hits: list[SearchHit] = []
        for name in kinds:
            if name == CONTACTS and theme or name == GUIDANCE and (company or tag):
                continue  # a filter on a field this kind does not have excludes it
            table = self._table(name)
            if not table.ids:
                continue
            mask = table.mask(theme, company, tag)
            if mask is not None and not mask.any():
                continue
            scores: dict[int, float] = {}
            raw: dict[str, dict[int, float]] = {}
            for mode in modes:
                if mode == "dense":
                    if vector is None:
                        vector = self.query_vector(query)
                    ranking = self._dense(table, vector, mask)
                else:
                    ranking = self._bm25(table, query, mask)
                raw[mode] = dict(ranking)
                for rank, (pos, score) in enumerate(ranking, start=1):
                    scores[pos] = scores.get(pos, 0.0) + (rrf(rank, WEIGHTS[mode]) if len(modes) > 1 else score)
            mentioned: set[int] = set()
            worded: dict[int, tuple[int, str]] = {}
            if name == CONTACTS and len(modes) > 1:
                mentioned = {pos for pos in table.mentioned(query) if mask is None or mask[pos]}
                if relevant_only:
                    mentioned |= {pos for pos in table.tagged(query) if mask is None or mask[pos]}
                for pos in mentioned:
                    scores[pos] = scores.get(pos, 0.0) + MENTION_BOOST
                worded = {pos: hit for pos, hit in table.worded(query).items() if mask is None or mask[pos]}
                most = max((count for count, _ in worded.values()), default=1)
                for pos, (count, _) in worded.items():
                    scores[pos] = scores.get(pos, 0.0) + WORD_BOOST * count / most
            if relevant_only:
                scores = _relevant(scores, raw, mentioned | set(worded), RELEVANCE[name])
            hits += self._hits(name, table, scores, query, k, mentioned, worded)
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]

    def query_vector(self, query: str) -> list[float]:
        """The query's embedding, from the on-disk cache when this embedding model has embedded it before."""
        vector = self.queries.get(query)
        if vector is None:
            vector = self.index.embeddings.embed_query(query)
            self.queries.put(query, vector)
        return vector

    def _dense(self, table: _Table, vector: list[float], mask: np.ndarray | None) -> list[tuple[int, float]]:
        import numpy as np

        allowed = None if mask is None else [table.ids[i] for i in np.flatnonzero(mask)]
        n = min(DEPTH, len(table.ids) if allowed is None else len(allowed))
        result = self.index.query(table.collection.name, vector, n, allowed)  # under the index lock
        return [(table.position[i], 1.0 - float(d))
                for i, d in zip(result["ids"][0], result["distances"][0], strict=True) if i in table.position]

    @staticmethod
    def _bm25(table: _Table, query: str, mask: np.ndarray | None) -> list[tuple[int, float]]:
        import numpy as np

        scores = table.lexical.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(DEPTH, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def _hits(self, name: str, table: _Table, scores: dict[int, float], query: str, k: int,
              mentioned: set[int] | None = None, worded: dict[int, tuple[int, str]] | None = None) -> list[SearchHit]:
        ordered = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        hits: list[SearchHit] = []
        seen: set[str] = set()
        for pos, score in ordered:
            meta = table.metas[pos]
            if name == GUIDANCE:
                source = str(meta.get("source", ""))
                if source in seen:
                    continue  # one hit per article: its best section
                seen.add(source)
                text = table.docs[pos].split("\n\n", 1)[-1]
                hits.append(SearchHit(
                    kind="guidance", id=table.ids[pos], title=str(meta.get("title", "")),
                    theme=meta.get("theme"), score=round(score, 6), snippet=_shorten(text),
                    source=source, metadata={"heading": meta.get("heading"), "situations": meta.get("situations")},
                ))
            else:
                why = (worded or {}).get(pos, (0, ""))[1]
                hits.append(SearchHit(
                    kind="contact", id=table.ids[pos], title=str(meta.get("name", "")), theme=None,
                    score=round(score, 6), snippet=_contact_snippet(table.docs[pos], query, why),
                    source=f"contact:{table.ids[pos]}",
                    metadata={k: meta.get(k) for k in ("company", "title", "location")}
                    | {"tags": [t for t in str(meta.get("tags", "")).split("|") if t],
                       "mentioned": pos in (mentioned or ()), "matched": why},
                ))
            if len(hits) >= k:
                break
        return hits


def _relevant(scores: dict[int, float], raw: dict[str, dict[int, float]], exact: set[int],
              cut: dict[str, float]) -> dict[int, float]:
    """The fused scores of the positions that pass the relevance cut-off (see RELEVANCE)."""
    dense, lexical = raw.get("dense", {}), raw.get("bm25", {})
    best = max(lexical.values(), default=0.0)
    return {pos: score for pos, score in scores.items()
            if pos in exact or dense.get(pos, 0.0) >= cut["dense"]
            or (best > 0 and lexical.get(pos, 0.0) >= cut["bm25"] * best)}


def _shorten(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def _fields(document: str, meta: dict[str, Any]) -> list[tuple[str, str]]:
    """A contact's fields a typed word is matched in, as (how a hit names the field, its text)."""
    out = [(label, str(meta.get(key) or "")) for key, label in (("title", "title"), ("company", "company"))]
    for line in document.splitlines()[1:]:
        for prefix, label in _FIELDS:
            if line.startswith(prefix):
                text = re.sub(r"^\d{4}-\d{2}-\d{2}: ", "", line[len(prefix):])
                out.append((label, text))
    return [(label, text) for label, text in out if text.strip()]


def _around(text: str, token: str, before: int = 40, after: int = 60) -> str:
    """The part of `text` around its first word whose stem is `token`, cut at word boundaries."""
    flat = " ".join(text.split())
    at = next((m for m in re.finditer(r"[\w'-]+", flat) if token in tokenize(m.group(0))), None)
    if at is None or len(flat) <= before + after:
        return _shorten(flat, before + after)
    start, end = max(0, at.start() - before), min(len(flat), at.end() + after)
    start = flat.rfind(" ", 0, start) + 1 if start else 0
    end = flat.find(" ", end) if end < len(flat) and flat.find(" ", end) > 0 else len(flat)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _contact_snippet(document: str, query: str, why: str = "") -> str:
    """The headline, then why the contact matched (a word of the query in a field) or else the line of the
    document that shares most words with the query."""
    lines = document.splitlines()
    head = lines[1] if len(lines) > 1 and not lines[1].startswith(("Tags:", "Note:", "How we met:")) else ""
    if why:
        return _shorten(" · ".join(p for p in (head, f"matched {why}") if p))
    wanted = set(tokenize(query))
    best, best_overlap = "", 0
    for line in lines[1:]:
        overlap = len(wanted & set(tokenize(line)))
        if overlap > best_overlap and line != head:
            best, best_overlap = line, overlap
    return _shorten(" · ".join(p for p in (head, best) if p))
