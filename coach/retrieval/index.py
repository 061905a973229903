"""The derived search index: two Chroma collections, `guidance` and `contacts`.

The store and `knowledge/` are the sources of truth; the index can always be
rebuilt from them. Syncing is incremental: every record carries a sha256 of
what was embedded, so only new or changed items are embedded again and
records that disappeared are deleted. Each collection's metadata records the
last synced store revision, the corpus stamp, the embedding model and a state
token that changes whenever the collection does (the retriever watches it).

Every Chroma call goes through `IndexLock` (coach/retrieval/chroma.py): one writer at a
time across processes, and no process reading files another is writing. Damaged
index files surface as `IndexDamagedError`, which names the one command that
recreates them (`coach index --rebuild`, which deletes the damaged files itself).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from coach.core.errors import CoachError, InputError, ProviderError
from coach.core.text import fold
from coach.retrieval.chroma import (
    IndexDamagedError,
    damaged_database,
    damaged_files,
    index_lock,
    make_chroma_client,
    say_on_stderr,
)
from coach.retrieval.knowledge import chunk_corpus, corpus_stamp, load_corpus
from coach.retrieval.vector_cache import VectorCache

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from coach.config.settings import Settings
    from coach.core.domain import Contact

GUIDANCE = "guidance"
CONTACTS = "contacts"
COLLECTIONS = (GUIDANCE, CONTACTS)
EMBED_BATCH = 512  # texts embedded, then written, at a time: the embedder pads less the more it can sort
MAX_INTERACTIONS = 5
# Cosine distance under which a stored item's own text finds it again. Not zero: the int8 embedding backend scales
# each batch's activations together, so a text embedded beside other texts lands up to 0.02 away from itself embedded
# alone (a damaged vector lands about 1 away).
PROBE_DISTANCE = 0.05

Progress = Callable[..., None]  # advance(n=1, total=None), as yielded by coach.cli.common.progress


def is_damage(exc: BaseException) -> bool:
    """Whether a Chroma failure means damaged index files (not a bug of ours, not a lost connection)."""
    if isinstance(exc, CoachError):
        return False
    name = type(exc).__name__
    text = str(exc).lower()
    return (name in {"InternalError", "PanicException", "DatabaseError"} or "malformed" in text
            or "not a database" in text or "hnsw" in text or "segment" in text)


def damage_reason(exc: BaseException) -> str:
    """The useful part of a Chroma error message, on one line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    for marker in ("error returned from database: ", "Error executing plan: "):
        text = text.split(marker, 1)[-1]
    return text[:160]


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


_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}:? ?")
_LOGGED = re.compile(r"^- (?:\w+ )?\((?:outbound|inbound|both)\): ")


def contact_meaning(document: str) -> str:
    """What the embedding model reads of a contact document: its words without dates and bookkeeping.

    Dates, channels and the interaction count cost a third of the tokens and carry no meaning a
    query matches by paraphrase; BM25 and snippets still use the whole document.
    """
    lines = []
    for line in document.splitlines():
        if line.startswith("Interactions: "):
            continue
        line = _DATE.sub("", line)
        lines.append(_LOGGED.sub("- ", line))
    return "\n".join(lines)


def _digest(document: str, metadata: dict[str, Any], text: str = "") -> str:
    payload = document + "\0" + text + "\0" + json.dumps(metadata, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


class Index:
    """The Chroma collections, kept in sync with the corpus and the store."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None,
                 client: Any = None, model_name: str | None = None,
                 on_wait: Callable[[str], None] | None = None):
        self.settings = settings
        self._embeddings = embeddings
        self._named_model = embeddings is None  # the configured model, made here (not one passed in)
        self._model_name = model_name or (None if embeddings is None else type(embeddings).__name__)
        self._client = client
        self.lock = index_lock(settings)
        self.on_wait = on_wait or say_on_stderr
        self.where = settings.chroma_url or str(settings.chroma_path)

    # ------------------------------------------------------------ plumbing
    @property
    def client(self) -> Any:
        """The Chroma client; a fresh one after another process changed the files (see IndexLock)."""
        return self._client if self._client is not None else make_chroma_client(self.settings)

    @contextmanager
    def using(self, write: bool = False) -> Iterator[None]:
        """Hold the index for Chroma calls; damaged files become one IndexDamagedError sentence."""
        with self.lock.access():
            try:
                yield
            except Exception as exc:
                if is_damage(exc):
                    raise IndexDamagedError(self.where, damage_reason(exc)) from exc
                raise
            finally:
                if write:
                    self.lock.changed()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One writer at a time across processes; a second one waits, then finds the work done."""
        with self.lock.writing(self.on_wait):
            yield

    @property
    def model_name(self) -> str:
        """The name recorded with the vectors: the configured model and its backend (providers.embeddings_key),
        looked up on first use; vectors recorded under another name are never mixed with ours."""
        if self._model_name is None:
            from coach.llm.providers import embeddings_key

            self._model_name = embeddings_key(self.settings)
        return self._model_name

    @property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            from coach.llm.providers import make_embeddings

            self._embeddings = make_embeddings(self.settings.embeddings, self.settings)
        return self._embeddings

    def collection(self, name: str) -> Any:
        if name not in COLLECTIONS:
            raise InputError(f"Unknown index collection '{name}': use one of {', '.join(COLLECTIONS)}.")
        try:
            with self.using():
                return self.client.get_or_create_collection(
                    name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                )
        except CoachError:
            raise
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
        with self.using(write=True):
            collection.modify(metadata={f"coach_{k}": v for k, v in state.items() if v is not None})

    def token(self, name: str, collection: Any = None) -> str:
        return str(self.state(name, collection).get("token", ""))

    def count(self, name: str) -> int:
        with self.using():
            return self.collection(name).count()

    def query(self, name: str, vector: list[float], n: int, ids: list[str] | None = None) -> dict[str, Any]:
        """The `n` nearest items of a collection (ids and cosine distances), optionally among `ids`."""
        with self.using():
            return self.collection(name).query(
                query_embeddings=[vector], n_results=n, ids=ids, include=["distances"],
            )

    def load(self, name: str) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """All ids, documents and metadatas of a collection (for the lexical side)."""
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict[str, Any]] = []
        step = max(1000, self._max_batch())
        offset = 0
        with self.using():  # one consistent read: no writer between the pages
            col = self.collection(name)
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
            with self.using():
                return int(self.client.get_max_batch_size())
        except CoachError:
            raise
        except Exception:
            return 1000

    def drop(self, name: str) -> None:
        with self.writing(), self.using(write=True):
            if name in {c.name if hasattr(c, "name") else c for c in self.client.list_collections()}:
                self.client.delete_collection(name)

    # ----------------------------------------------------------- integrity
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

    # ---------------------------------------------------------------- sync
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

    def _hashes(self, name: str) -> tuple[list[str], list[str]]:
        ids: list[str] = []
        hashes: list[str] = []
        step, offset = max(1000, self._max_batch()), 0
        with self.using():
            col = self.collection(name)
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

    def contacts_revision(self) -> int | None:
        value = self.state(CONTACTS).get("revision")
        return int(value) if value is not None else None

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
