"""The index's Chroma collections and every call made to them.

Every Chroma call goes through `IndexLock` (coach/retrieval/chroma.py): one writer at a
time across processes, and no process reading files another is writing. Damaged
index files surface as `IndexDamagedError`, which names the one command that
recreates them (`coach index --rebuild`, which deletes the damaged files itself).
Each collection's metadata records the coach's bookkeeping (the last synced store
revision, the corpus stamp, the embedding model and a state token that changes
whenever the collection does).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from coach.core.errors import CoachError, InputError, ProviderError
from coach.retrieval.chroma import IndexDamagedError, index_lock, make_chroma_client, say_on_stderr

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from coach.config.settings import Settings

GUIDANCE = "guidance"
CONTACTS = "contacts"
COLLECTIONS = (GUIDANCE, CONTACTS)
# Candidates the HNSW graph explores per query. Chroma's default (100) is approximate deep down: two builds of
# the same guidance index returned different sections at rank 10-20 of a 50-deep dense ranking (the fusion reads
# that deep), so the same question could lead with another article on another machine. At 400 two builds
# answered all 108 retrieval-eval questions alike (`run_retrieval_eval`, twice per process, twice).
EF_SEARCH = 400


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


class IndexAccess:
    """The collections under the index lock: opened, read, their bookkeeping written, dropped."""

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
                col = self.client.get_or_create_collection(
                    name, embedding_function=None, configuration={"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}},
                )
                hnsw = (getattr(col, "configuration", None) or {}).get("hnsw") or {}
                if hnsw.get("ef_search", EF_SEARCH) < EF_SEARCH:  # an index built before: the search is mutable
                    col.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
                return col
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

    def contacts_revision(self) -> int | None:
        value = self.state(CONTACTS).get("revision")
        return int(value) if value is not None else None
