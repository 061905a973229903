"""The derived search index: two Chroma collections, `guidance` and `contacts`.

The store and `knowledge/` are the sources of truth; the index can always be
rebuilt from them. Syncing is incremental: every record carries a sha256 of
what was embedded, so only new or changed items are embedded again and
records that disappeared are deleted. Each collection's metadata records the
last synced store revision, the corpus stamp, the embedding model and a state
token that changes whenever the collection does (the retriever watches it).
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from coach.chroma import make_chroma_client
from coach.errors import InputError, ProviderError
from coach.knowledge import chunk_corpus, corpus_stamp, load_corpus
from coach.text import fold

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from coach.domain import Contact
    from coach.settings import Settings

GUIDANCE = "guidance"
CONTACTS = "contacts"
COLLECTIONS = (GUIDANCE, CONTACTS)
EMBED_BATCH = 128
MAX_INTERACTIONS = 5

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


def contact_document(contact: Contact) -> str:
    """The searchable text of a contact: who they are, how you know them, what you noted."""
    lines = [contact.name or "(no name)"]
    if contact.headline():
        lines.append(contact.headline())
    if contact.tags:
        lines.append("Tags: " + ", ".join(contact.tags))
    if contact.location:
        lines.append(f"Location: {contact.location}")
    if contact.how_we_met:
        lines.append(f"How we met: {contact.how_we_met}")
    notes = sorted(contact.notes, key=lambda n: (n.date is None, n.date), reverse=True)
    for note in notes:
        when = f"{note.date.isoformat()}: " if note.date else ""
        lines.append(f"Note: {when}{note.text.strip()}")
    if contact.interactions:
        recent = sorted(contact.interactions, key=lambda i: i.date, reverse=True)
        last = recent[0]
        lines.append(
            f"Interactions: {len(recent)}, most recent {last.date.isoformat()} by {last.channel}"
        )
        for item in recent[:MAX_INTERACTIONS]:
            if item.summary.strip():
                lines.append(f"- {item.date.isoformat()} {item.channel} ({item.direction}): {item.summary.strip()}")
    return "\n".join(lines)


def contact_metadata(contact: Contact) -> dict[str, Any]:
    return {
        "contact_id": int(contact.id or 0), "name": contact.name, "company": contact.company,
        "company_key": fold(contact.company), "title": contact.title, "location": contact.location,
        "tags": "|" + "|".join(fold(t) for t in contact.tags) + "|",
    }


def _digest(document: str, metadata: dict[str, Any]) -> str:
    payload = document + "\0" + json.dumps(metadata, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


class Index:
    """The Chroma collections, kept in sync with the corpus and the store."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None,
                 client: Any = None, model_name: str | None = None):
        self.settings = settings
        self._embeddings = embeddings
        self.model_name = model_name or (
            settings.embeddings if embeddings is None else type(embeddings).__name__
        )
        self.client = client if client is not None else make_chroma_client(settings)

    # ------------------------------------------------------------ plumbing
    @property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            from coach.providers import make_embeddings

            self._embeddings = make_embeddings(self.settings.embeddings, self.settings)
        return self._embeddings

    def collection(self, name: str) -> Any:
        if name not in COLLECTIONS:
            raise InputError(f"Unknown index collection '{name}': use one of {', '.join(COLLECTIONS)}.")
        try:
            return self.client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
            )
        except Exception as exc:
            if "Could not connect" in str(exc) or "Connect" in type(exc).__name__:
                raise ProviderError(
                    f"Cannot reach the Chroma index ({exc}); start the server or unset COACH_CHROMA_URL."
                ) from None
            raise

    def state(self, name: str, collection: Any = None) -> dict[str, Any]:
        """The coach's bookkeeping stored in the collection metadata (one cheap read)."""
        meta = (collection if collection is not None else self.collection(name)).metadata or {}
        return {k[6:]: v for k, v in meta.items() if k.startswith("coach_")}

    def _write_state(self, collection: Any, **values: Any) -> None:
        state = {**self.state(collection.name), **values, "token": uuid.uuid4().hex,
                 "embeddings": self.model_name}
        collection.modify(metadata={f"coach_{k}": v for k, v in state.items() if v is not None})

    def token(self, name: str, collection: Any = None) -> str:
        return str(self.state(name, collection).get("token", ""))

    def count(self, name: str) -> int:
        return self.collection(name).count()

    def load(self, name: str) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """All ids, documents and metadatas of a collection (for the lexical side)."""
        col = self.collection(name)
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict[str, Any]] = []
        step = max(1000, self._max_batch())
        offset = 0
        while True:
            page = col.get(include=["documents", "metadatas"], limit=step, offset=offset)
            ids += page["ids"]
            docs += page["documents"] or []
            metas += [dict(m or {}) for m in (page["metadatas"] or [])]
            if len(page["ids"]) < step:
                return ids, docs, metas
            offset += step

    def _max_batch(self) -> int:
        try:
            return int(self.client.get_max_batch_size())
        except Exception:
            return 1000

    def drop(self, name: str) -> None:
        if name in {c.name if hasattr(c, "name") else c for c in self.client.list_collections()}:
            self.client.delete_collection(name)

    # ---------------------------------------------------------------- sync
    def _sync(self, name: str, items: Sequence[tuple[str, str, dict[str, Any]]],
              progress: Progress | None, **state: Any) -> SyncStats:
        start = time.perf_counter()
        if self.state(name).get("embeddings") not in (None, self.model_name):
            self.drop(name)  # vectors from another model cannot be mixed with ours
        col = self.collection(name)
        existing = dict(zip(*self._hashes(col), strict=True))
        wanted = {}
        for item_id, document, metadata in items:
            wanted[item_id] = (document, {**metadata, "hash": _digest(document, metadata)})
        changed = [i for i, (_, m) in wanted.items() if existing.get(i) != m["hash"]]
        # Batches of similar length pad less: the transformer's cost follows the longest text in a batch.
        changed.sort(key=lambda i: len(wanted[i][0]))
        removed = [i for i in existing if i not in wanted]
        if progress and changed:
            progress(0, total=len(changed))
        for batch in _batches(changed, EMBED_BATCH):
            docs = [wanted[i][0] for i in batch]
            try:
                vectors = self.embeddings.embed_documents(docs)
            except Exception as exc:
                raise ProviderError(f"The embedding model failed while indexing {name} ({exc}); run `coach doctor`.") from exc
            col.upsert(ids=batch, documents=docs, embeddings=vectors,
                       metadatas=[wanted[i][1] for i in batch])
            if progress:
                progress(len(batch))
        for batch in _batches(removed, self._max_batch()):
            col.delete(ids=batch)
        if changed or removed or any(self.state(name).get(k) != v for k, v in state.items()):
            self._write_state(col, **state)
        return SyncStats(collection=name, total=len(wanted), embedded=len(changed), removed=len(removed),
                         unchanged=len(wanted) - len(changed), seconds=round(time.perf_counter() - start, 3))

    def _hashes(self, col: Any) -> tuple[list[str], list[str]]:
        ids: list[str] = []
        hashes: list[str] = []
        step, offset = max(1000, self._max_batch()), 0
        while True:
            page = col.get(include=["metadatas"], limit=step, offset=offset)
            ids += page["ids"]
            hashes += [str((m or {}).get("hash", "")) for m in page["metadatas"] or []]
            if len(page["ids"]) < step:
                return ids, hashes
            offset += step

    def sync_guidance(self, progress: Progress | None = None, force: bool = False) -> SyncStats:
        """Embed new or changed article sections, delete removed ones."""
        stamp = corpus_stamp(self.settings.knowledge_dir)
        if not force and self.state(GUIDANCE).get("stamp") == stamp:
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
        return self._sync(CONTACTS, items, progress, revision=revision)

    def contacts_revision(self) -> int | None:
        value = self.state(CONTACTS).get("revision")
        return int(value) if value is not None else None

    def sync_store(self, store: Any, progress: Progress | None = None, force: bool = False) -> SyncStats:
        """Sync contacts from a Store only when its revision moved (one revision query otherwise)."""
        revision = int(store.revision())
        if not force and self.contacts_revision() == revision:
            return SyncStats(collection=CONTACTS, total=self.count(CONTACTS), skipped=True)
        return self.sync_contacts(store.all_contacts(), revision, progress)

    def rebuild(self, contacts: Iterable[Contact] | None = None, revision: int | None = None,
                progress: Progress | None = None) -> tuple[SyncStats, SyncStats | None]:
        """Drop both collections and index everything again."""
        self.drop(GUIDANCE)
        if contacts is not None:
            self.drop(CONTACTS)
        guidance = self.sync_guidance(progress, force=True)
        people = self.sync_contacts(contacts, revision, progress) if contacts is not None else None
        return guidance, people


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i: i + size]
