"""The naive LangChain way, with default settings: what the coach's own index and search must beat.

Indexing is `Chroma.from_texts` with the same embedding model (persisted to a
directory, as the coach's index is); search is an `EnsembleRetriever` over that
Chroma store and a `BM25Retriever` built from the same texts, default weights
and default k.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path
from typing import Any


class LangChainBaseline:
    def __init__(self, texts: list[str], embeddings: Any, directory: Path, name: str):
        from langchain_chroma import Chroma

        start = time.perf_counter()
        self.store = Chroma.from_texts(texts, embedding=embeddings, collection_name=name,
                                       persist_directory=str(directory))
        self.index_s = time.perf_counter() - start
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # langchain-community announces its sunset on import
            from langchain_community.retrievers import BM25Retriever
        from langchain_classic.retrievers import EnsembleRetriever

        start, cpu = time.perf_counter(), time.process_time()
        bm25 = BM25Retriever.from_texts(texts)
        self.bm25_build_s = time.perf_counter() - start
        self.bm25_build_cpu_s = time.process_time() - cpu
        self.retriever = EnsembleRetriever(retrievers=[self.store.as_retriever(), bm25], weights=[0.5, 0.5])

    def search(self, query: str) -> list[Any]:
        return self.retriever.invoke(query)
