"""Hybrid retrieval over the index: dense (our embeddings in Chroma) + BM25, fused by RRF.

Dense search finds paraphrases ("someone who could mentor me in analytics");
BM25 over real tokens finds names, companies and rare words ("KubeCon",
"Stripe") as surely. Reciprocal rank fusion combines the two rankings. For
contacts, a company or full name mentioned in the query ranks those people
first. The BM25 index and the id→document tables live in memory and are
rebuilt only when a collection's state token changes (table.py); lexical.py reads text as
words for BM25, snippets.py says what a hit shows.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from coach.core.errors import InputError
from coach.core.files import DiskCache, QueryVectors
from coach.retrieval.index import Index
from coach.retrieval.index.access import CONTACTS, GUIDANCE
from coach.retrieval.index.sync import SyncStats
from coach.retrieval.knowledge import corpus_stamp
from coach.retrieval.snippets import contact_snippet, shorten
from coach.retrieval.table import Table

if TYPE_CHECKING:
    import numpy as np
    from langchain_core.embeddings import Embeddings

    from coach.config.settings import Settings

Kind = Literal["all", "guidance", "contacts"]
RRF_K = 60
WEIGHTS = {"dense": 1.0, "bm25": 1.0}  # per-ranking weights in the fusion

DEPTH = 50  # candidates taken from each ranking before fusion
MENTION_BOOST = 1.0  # larger than any fused score: mentioned people come first
# What a result list (`Retriever.find`) keeps: an exact name/company/tag match, or a dense cosine of at least
# `dense`, or a BM25 score of at least `bm25` times the query's best. Calibrated on the retrieval eval
# (evals/cases/retrieval_*.yaml, local/all-MiniLM-L6-v2) with ten nonsense queries beside it: contacts keep
# 96.7% of the labelled answers (3.7 people a query on average), guidance 100% (4.8 articles); the nonsense
# queries' best cosine is 0.27 (contacts) and 0.17 (guidance), so "xyzzy quantum banana" keeps nothing.
RELEVANCE = {"contacts": {"dense": 0.35, "bm25": 0.5}, "guidance": {"dense": 0.40, "bm25": 0.5}}
WORD_BOOST = 0.5  # a contact whose own fields hold a word of the query: after the mentioned, before the rest


def rrf(rank: int, weight: float = 1.0, k: int = RRF_K) -> float:
    """Reciprocal rank fusion: what place `rank` (1 is first) in one ranking adds to an item's fused score."""
    return weight / (k + rank)


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


class Retriever:
    """Search guidance and contacts: `search` (hybrid), `search_dense`, `search_bm25`."""

    def __init__(self, settings: Settings, index: Index | None = None, embeddings: Embeddings | None = None):
        self.settings = settings
        self.index = index or Index(settings, embeddings)
        self._tables: dict[str, Table] = {}
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

    def _table(self, kind: str) -> Table:
        """The in-memory table of a collection, reloaded only when its state token moved."""
        collection = self.index.collection(kind)  # one cheap metadata read per query
        token = self.index.token(kind, collection)
        table = self._tables.get(kind)
        if table is None or table.token != token:
            ids, docs, metas = self.index.load(kind)
            # in id order, whatever order the store returns them in, so BM25 ties rank the same way on every run
            rows = sorted(zip(ids, docs, metas, strict=True), key=lambda row: row[0])
            ids, docs, metas = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
            table = Table.build(token, ids, docs, metas, contacts=kind == CONTACTS)
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

    def _dense(self, table: Table, vector: list[float], mask: np.ndarray | None) -> list[tuple[int, float]]:
        import numpy as np

        allowed = None if mask is None else [table.ids[i] for i in np.flatnonzero(mask)]
        n = min(DEPTH, len(table.ids) if allowed is None else len(allowed))
        result = self.index.query(table.collection.name, vector, n, allowed)  # under the index lock
        return [(table.position[i], 1.0 - float(d))
                for i, d in zip(result["ids"][0], result["distances"][0], strict=True) if i in table.position]

    @staticmethod
    def _bm25(table: Table, query: str, mask: np.ndarray | None) -> list[tuple[int, float]]:
        import numpy as np

        scores = table.lexical.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(DEPTH, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def _hits(self, name: str, table: Table, scores: dict[int, float], query: str, k: int,
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
                    theme=meta.get("theme"), score=round(score, 6), snippet=shorten(text),
                    source=source, metadata={"heading": meta.get("heading"), "situations": meta.get("situations")},
                ))
            else:
                why = (worded or {}).get(pos, (0, ""))[1]
                hits.append(SearchHit(
                    kind="contact", id=table.ids[pos], title=str(meta.get("name", "")), theme=None,
                    score=round(score, 6), snippet=contact_snippet(table.docs[pos], query, why),
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
