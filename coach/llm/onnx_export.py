"""all-MiniLM-L6-v2 as an int8 ONNX file, built once from the shipped weights into the user's cache.

Apart from `coach.llm.embeddings` (which runs the file) so that finding the file, which every command that reads
the index does to name its vectors, imports neither LangChain nor ONNX Runtime.
"""

from __future__ import annotations

import contextlib
import tempfile
import warnings
from pathlib import Path

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
    from coach.llm.embeddings import _tokenizer

    encoded = _tokenizer(source).encode_batch(list(CHECK_TEXTS))
    tensors = [torch.tensor([getattr(e, attr) for e in encoded]) for attr in ("ids", "attention_mask", "type_ids")]
    with torch.no_grad(), warnings.catch_warnings():
        hidden = Hidden(model)(*tensors).numpy()  # before the export, which leaves the model changed
        warnings.simplefilter("ignore")  # the exporter's notes on traced shape checks and its deprecation notice
        torch.onnx.export(Hidden(model), tuple(tensors), str(path), input_names=names,
                          output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                          dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]})
    from coach.llm.embeddings import _mean_unit

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

    from coach.llm.embeddings import OnnxEmbeddings

    got = np.array(OnnxEmbeddings(str(model), str(source)).embed_documents(list(CHECK_TEXTS)))
    cosine = (got * reference).sum(axis=1)
    if float(cosine.min()) < CHECK_COSINE:
        raise ExportError(f"the int8 model's vectors drifted from the original's (cosine {cosine.min():.3f} "
                          f"< {CHECK_COSINE})")
