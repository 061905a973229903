"""Syncing the index with its sources: incremental, so that only new or changed items are embedded again.

Every record carries a sha256 of what was embedded; records that disappeared are deleted. The
guidance collection follows `knowledge/` (its corpus stamp), the contacts collection the store (its
revision).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from coach.core.errors import InputError, ProviderError
from coach.retrieval.index.access import CONTACTS, GUIDANCE, IndexAccess
from coach.retrieval.index.documents import contact_document, contact_meaning, contact_metadata
from coach.retrieval.knowledge import chunk_corpus, corpus_stamp, load_corpus
from coach.retrieval.vector_cache import VectorCache

if TYPE_CHECKING:
    from coach.core.domain import Contact

EMBED_BATCH = 512  # texts embedded, then written, at a time: the embedder pads less the more it can sort

Progress = Callable[..., None]  # advance(n=1, total=None), as yielded by coach.cli.common.progress


class SyncStats(BaseModel):
    """What one sync did to one collection."""

    collection: str
    total: int = 0
    embedded: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: bool = False  # nothing to check: revision or corpus stamp unchanged
    seconds: float = 0.0


def _digest(document: str, metadata: dict[str, Any], text: str = "") -> str:
    payload = document + "\0" + text + "\0" + json.dumps(metadata, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


class Syncing(IndexAccess):
    """The collections brought up to date with `knowledge/` and the store, or rebuilt from them."""

    def _sync(self, name: str, items: Sequence[tuple[str, str, dict[str, Any]]],
              progress: Progress | None, meaning: Callable[[str], str] | None = None, **state: Any) -> SyncStats:
        start = time.perf_counter()
        if self.state(name).get("embeddings") not in (None, self.model_name):
            self.drop(name)  # vectors from another model cannot be mixed with ours
        existing = dict(zip(*self._hashes(name), strict=True))
        wanted = {}
        for item_id, document, metadata in items:
            text = meaning(document) if meaning else document
            wanted[item_id] = (document, {**metadata, "hash": _digest(document, metadata, text)}, text)
        changed = [i for i, (_, m, _) in wanted.items() if existing.get(i) != m["hash"]]
        # Batches of similar length pad less: the transformer's cost follows the longest text in a batch.
        changed.sort(key=lambda i: len(wanted[i][2]))
        removed = [i for i in existing if i not in wanted]
        if progress and changed:
            progress(0, total=len(changed))
        kept = self._vector_cache(name) if changed else None
        known = kept.get([wanted[i][2] for i in changed]) if kept else {}
        for batch in _batches(changed, EMBED_BATCH):
            docs = [wanted[i][0] for i in batch]
            texts = [wanted[i][2] for i in batch]
            new = [t for t in texts if t not in known]
            try:
                fresh = self.embeddings.embed_documents(new) if new else []
            except Exception as exc:
                raise ProviderError(f"The embedding model failed while indexing {name} ({exc}); run `coach doctor`.") from exc
            if kept and new:
                kept.put(new, fresh)
            made = dict(zip(new, fresh, strict=True))
            vectors = [known[t] if t in known else made[t] for t in texts]
            with self.using(write=True):  # readers wait for one batch at most, never for the whole sync
                self.collection(name).upsert(ids=batch, documents=docs, embeddings=vectors,
                                             metadatas=[wanted[i][1] for i in batch])
            if progress:
                progress(len(batch))
        for batch in _batches(removed, self._max_batch()):
            with self.using(write=True):
                self.collection(name).delete(ids=batch)
        if changed or removed or any(self.state(name).get(k) != v for k, v in state.items()):
            self._write_state(self.collection(name), **state)
        return SyncStats(collection=name, total=len(wanted), embedded=len(changed), removed=len(removed),
                         unchanged=len(wanted) - len(changed), seconds=round(time.perf_counter() - start, 3))

    def _vector_cache(self, name: str) -> VectorCache | None:
        """The machine's cache of the corpus's vectors (see coach.retrieval.vector_cache), for the guidance
        collection of the configured model; never for contacts, whose notes are private to this COACH_HOME.
        Its key is the model's name and a fingerprint of what the model in hand makes of a probe text, so that
        vectors are only ever shared between the same weights run the same way."""
        if name != GUIDANCE or not self._named_model:
            return None
        from coach.llm.providers import model_cache

        probe = self.embeddings.embed_query(PROBE)
        fingerprint = hashlib.sha256(",".join(f"{v:.3f}" for v in probe).encode()).hexdigest()[:16]
        return VectorCache(model_cache().parent / "vectors", f"{self.model_name}#{len(probe)}#{fingerprint}")

    def sync_guidance(self, progress: Progress | None = None, force: bool = False) -> SyncStats:
        """Embed new or changed article sections, delete removed ones."""
        stamp = corpus_stamp(self.settings.knowledge_dir)
        if not force and self.state(GUIDANCE).get("stamp") == stamp:
            return SyncStats(collection=GUIDANCE, total=self.count(GUIDANCE), skipped=True)
        with self.writing():
            if not force and self.state(GUIDANCE).get("stamp") == stamp:  # done by the process we waited for
                return SyncStats(collection=GUIDANCE, total=self.count(GUIDANCE), skipped=True)
            chunks = chunk_corpus(load_corpus(self.settings.knowledge_dir))
            items = [(c.id, c.document, {k: v for k, v in c.metadata().items() if k != "hash"}) for c in chunks]
            return self._sync(GUIDANCE, items, progress, stamp=stamp)

    def sync_contacts(self, contacts: Iterable[Contact], revision: int | None = None,
                      progress: Progress | None = None) -> SyncStats:
        """Embed new or changed contacts, delete those no longer given; record `revision`."""
        items = []
        for contact in contacts:
            if contact.id is None:
                raise InputError(f"Contact '{contact.name}' has no id; save it in the store before indexing it.")
            items.append((str(contact.id), contact_document(contact), contact_metadata(contact)))
        with self.writing():
            return self._sync(CONTACTS, items, progress, contact_meaning, revision=revision)

    def sync_store(self, store: Any, progress: Progress | None = None, force: bool = False) -> SyncStats:
        """Sync contacts from a Store only when its revision moved (one revision query otherwise)."""
        revision = int(store.revision())
        if not force and self.contacts_revision() == revision:
            return SyncStats(collection=CONTACTS, total=self.count(CONTACTS), skipped=True)
        with self.writing():
            revision = int(store.revision())
            if not force and self.contacts_revision() == revision:  # done by the process we waited for
                return SyncStats(collection=CONTACTS, total=self.count(CONTACTS), skipped=True)
            return self.sync_contacts(store.all_contacts(), revision, progress)

    def rebuild(self, contacts: Iterable[Contact] | None = None, revision: int | None = None,
                progress: Progress | None = None) -> tuple[SyncStats, SyncStats | None]:
        """Drop both collections and index everything again.

        Local index files are deleted outright (they are derived), so a rebuild works even when
        Chroma cannot open them; the store lives elsewhere and is never touched.
        """
        with self.writing():
            if contacts is not None and self.lock.chroma_path is not None:
                self.lock.wipe()
            else:
                self.drop(GUIDANCE)
                if contacts is not None:
                    self.drop(CONTACTS)
            guidance = self.sync_guidance(progress, force=True)
            people = self.sync_contacts(contacts, revision, progress) if contacts is not None else None
            return guidance, people


# What the cache's fingerprint of the embedding model is computed on.
PROBE = "How do I ask a former colleague for a referral?"


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i: i + size]
