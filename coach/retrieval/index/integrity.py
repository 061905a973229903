"""`Index.verify`, for `coach doctor`: sound files, counts that match their sources, and real queries that
find stored items again."""

from __future__ import annotations

from typing import Any

from coach.retrieval.chroma import IndexDamagedError, damaged_database, damaged_files
from coach.retrieval.index.access import COLLECTIONS, CONTACTS, GUIDANCE, IndexAccess
from coach.retrieval.index.documents import contact_meaning
from coach.retrieval.knowledge import chunk_corpus, corpus_stamp, load_corpus

# Cosine distance under which a stored item's own text finds it again. Not zero: the int8 embedding backend scales
# each batch's activations together, so a text embedded beside other texts lands up to 0.02 away from itself embedded
# alone (a damaged vector lands about 1 away).
PROBE_DISTANCE = 0.05


class Integrity(IndexAccess):
    """`verify`: what `coach doctor` says of the index, or IndexDamagedError."""

    def verify(self, store: Any = None, probes: int = 6) -> str:
        """Check the index for `coach doctor`: sound files, counts that match their sources, and real
        queries that find stored items again. Returns one line; raises IndexDamagedError."""
        path = self.lock.chroma_path
        with self.using():
            if path is not None:
                problems = damaged_files(path) + [p for p in [damaged_database(path)] if p]
                if problems:
                    raise IndexDamagedError(path, "; ".join(problems[:2]))
            existing = {c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()}
            found: list[str] = []
            for name in COLLECTIONS:
                if name not in existing:
                    found.append(f"no {name} yet")
                    continue
                found.append(self._verify_collection(name, store, probes))
        return "; ".join(found)

    def _verify_collection(self, name: str, store: Any, probes: int) -> str:
        col = self.collection(name)
        state = self.state(name, col)
        ids = self._hashes(name)[0]
        count = col.count()
        if count != len(ids):
            raise IndexDamagedError(self.where, f"{name} counts {count} items but lists {len(ids)}")
        label = "guidance sections" if name == GUIDANCE else "contacts"
        expected, source = None, ""
        if name == GUIDANCE and state.get("stamp") == corpus_stamp(self.settings.knowledge_dir):
            expected, source = len(chunk_corpus(load_corpus(self.settings.knowledge_dir))), "knowledge/"
        elif name == CONTACTS and store is not None and self.contacts_revision() == int(store.revision()):
            expected, source = len(store.list_contacts()), "the store"
        if expected is not None and expected != count:
            raise IndexDamagedError(self.where, f"it holds {count} {label} where {source} has {expected}")
        line = f"{count} {label}" + (f" (as in {source})" if source else " (out of date: the next search syncs them)")
        if not ids or state.get("embeddings") not in (None, self.model_name):
            return line
        picked = sorted({ids[round(k * (len(ids) - 1) / max(probes - 1, 1))] for k in range(probes)})
        docs = col.get(ids=picked, include=["documents"])
        meaning = contact_meaning if name == CONTACTS else (lambda d: d)  # what sync embedded
        vectors = self.embeddings.embed_documents([meaning(d or "") for d in docs["documents"]])
        # ten neighbours, not one: near-identical items (two people with the same words) can hide each other
        result = col.query(query_embeddings=vectors, n_results=min(10, count), include=["distances"])
        lost = [i for i, got, dist in zip(docs["ids"], result["ids"], result["distances"], strict=True)
                if not any(g == i and d <= PROBE_DISTANCE for g, d in zip(got or [], dist or [], strict=True))]
        # HNSW is approximate: on a healthy graph of near-duplicates an item can become unreachable (seen in CI:
        # one of six), while damaged vectors lose most probes. Only a majority lost is damage.
        if len(lost) * 2 > len(picked):
            raise IndexDamagedError(
                self.where, f"searching {name} for {len(picked)} stored items missed {len(lost)}, e.g. id {lost[0]}")
        found = f"{len(picked) - len(lost)} of {len(picked)}" if lost else f"{len(picked)}"
        return f"{line}, {found} found again by a real query"
