"""The derived search index: two Chroma collections, `guidance` and `contacts`.

The store and `knowledge/` are the sources of truth; the index can always be
rebuilt from them. `Index` is one object over the collections (access.py: the
lock, the collections and their bookkeeping), synced with its sources (sync.py)
and checked by `coach doctor` (integrity.py); documents.py says what it holds
of a contact.
"""

from __future__ import annotations

from coach.retrieval.index.integrity import Integrity
from coach.retrieval.index.sync import Syncing


class Index(Syncing, Integrity):
    """The Chroma collections, kept in sync with the corpus and the store."""
