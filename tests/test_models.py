"""The real models, offline: the embedded LLM, the same GGUF behind llama_cpp.server, local embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from coach.config.settings import load_settings
from coach.llm.providers import make_chat_model, make_embeddings


@pytest.mark.slow
@pytest.mark.native
def test_embedded_model_answers_through_the_seam():
    model = make_chat_model("llamacpp/smollm2", load_settings())
    reply = model.invoke("What is the capital of France? Answer in one word.", max_tokens=12, temperature=0)
    assert "paris" in str(reply.content).lower()
    assert model is make_chat_model("llamacpp/smollm2", load_settings()), "heavy objects are created once"


@pytest.mark.slow
@pytest.mark.native
def test_embedded_model_streams_tokens():
    model = make_chat_model("llamacpp/smollm2", load_settings())
    chunks = [c.content for c in model.stream("Say hello to Priya.", max_tokens=16, temperature=0)]
    assert len(chunks) > 2 and "".join(chunks).strip()


@pytest.mark.slow
def test_local_embeddings_rank_a_paraphrase_above_an_unrelated_sentence():
    emb = make_embeddings("local/all-MiniLM-L6-v2")
    q, para, other = emb.embed_documents([
        "How do I ask a former colleague to refer me for a job?",
        "Asking an old coworker for a referral to an open role",
        "The recipe needs two cups of flour and an egg.",
    ])
    q = np.array(q)
    assert float(q @ np.array(para)) > float(q @ np.array(other)) + 0.3
    assert len(q) == 384


@pytest.mark.slow
@pytest.mark.integration
def test_llama_cpp_server_answers_the_openai_client_and_the_openai_provider(llama_server, monkeypatch):
    from openai import OpenAI

    client = OpenAI(base_url=llama_server, api_key="not-needed")
    out = client.chat.completions.create(
        model="smollm2", messages=[{"role": "user", "content": "What is the capital of France? One word."}],
        max_tokens=12, temperature=0,
    )
    assert "paris" in out.choices[0].message.content.lower()

    monkeypatch.setenv("COACH_LLM", "openai/smollm2")
    monkeypatch.setenv("COACH_LLM_BASE_URL", llama_server)
    settings = load_settings()
    model = make_chat_model(settings.llm, settings)
    reply = model.invoke("What is the capital of France? One word.", max_tokens=12, temperature=0)
    assert "paris" in str(reply.content).lower()


def test_the_embedded_weights_are_converted_once_into_the_cache(tmp_path):
    from coach.llm.llamacpp.loading import converted
    from coach.llm.providers import smollm2_path

    source = smollm2_path()
    assert converted(source, "shipped", tmp_path) == source
    made = converted(source, "Q4_0", tmp_path)
    assert made.parent == tmp_path and made.name.endswith(".Q4_0.gguf") and made.read_bytes()[:4] == b"GGUF"
    assert [p.name for p in tmp_path.iterdir()] == [made.name], "no half-written file is left behind"
    stamp = made.stat().st_mtime_ns
    assert converted(source, "Q4_0", tmp_path) == made and made.stat().st_mtime_ns == stamp, "reused, not redone"


@pytest.mark.slow
def test_the_embedding_model_is_exported_to_int8_once_and_keeps_the_torch_models_ranking(tmp_path):
    from coach.llm.embeddings import LocalEmbeddings, OnnxEmbeddings
    from coach.llm.onnx_export import exported_int8
    from coach.llm.providers import minilm_path

    source = minilm_path()
    made = exported_int8(source, "all-MiniLM-L6-v2", tmp_path)
    assert made.parent == tmp_path and made.name.endswith(".int8.onnx")
    assert [p.name for p in tmp_path.iterdir()] == [made.name], "no half-written or failure file is left behind"
    stamp = made.stat().st_mtime_ns
    assert exported_int8(source, "all-MiniLM-L6-v2", tmp_path) == made and made.stat().st_mtime_ns == stamp

    texts = ["How do I ask a former colleague to refer me for a job?",
             "Asking an old coworker for a referral to an open role",
             "The recipe needs two cups of flour and an egg.",
             "Priya Raman\nSenior Product Manager at Stripe\nTags: fintech, product\nLocation: San Francisco"]
    int8 = np.array(OnnxEmbeddings(str(made), str(source)).embed_documents(texts))
    torch = np.array(LocalEmbeddings(str(source)).embed_documents(texts))
    assert int8.shape == (4, 384) and np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    assert ((int8 * torch).sum(axis=1) > 0.97).all(), "the same model, to within quantisation"
    assert float(int8[0] @ int8[1]) > float(int8[0] @ int8[2]) + 0.3
    alone = np.array([OnnxEmbeddings(str(made), str(source)).embed_query(t) for t in texts])
    assert ((alone * int8).sum(axis=1) > 0.97).all(), "a text padded in a batch keeps its meaning"
    pairs = [np.array(OnnxEmbeddings(str(made), str(source), batch_size=2, workers=w).embed_documents(texts))
             for w in (1, 2)]
    assert np.array_equal(pairs[0], pairs[1]), "batches run side by side give the vectors they give one by one"


def test_a_failed_int8_export_is_noted_once_and_not_retried(tmp_path, monkeypatch):
    from coach.llm import onnx_export as embeddings
    from coach.llm.providers import minilm_path

    calls: list[int] = []

    def broken(source, path):
        calls.append(1)
        path.write_bytes(b"half")
        raise RuntimeError("exporter crashed")

    monkeypatch.setattr(embeddings, "_export_fp32", broken)
    for _ in range(2):
        with pytest.raises(embeddings.ExportError, match="exporter crashed"):
            embeddings.exported_int8(minilm_path(), "all-MiniLM-L6-v2", tmp_path)
    assert calls == [1], "a build that failed is not tried again for the same weights"
    (note,) = tmp_path.iterdir()
    assert note.name.endswith(".int8.onnx.failed") and "exporter crashed" in note.read_text()


@pytest.mark.slow
def test_where_the_int8_model_cannot_be_built_the_torch_backend_is_used_and_named(monkeypatch, capsys):
    from coach.config.settings import load_settings
    from coach.llm import onnx_export as embeddings
    from coach.llm import providers

    def fails(*_args):
        raise embeddings.ExportError("no exporter here")

    monkeypatch.setattr(embeddings, "exported_int8", fails)
    providers.local_backend.cache_clear()
    providers._local_embeddings.cache_clear()
    try:
        settings = load_settings(embeddings_backend="onnx-int8")
        assert providers.embeddings_key(settings) == "local/all-MiniLM-L6-v2", "the key names the vectors we make"
        assert type(providers.make_embeddings(settings.embeddings, settings)).__name__ == "LocalEmbeddings"
        assert "could not be built (no exporter here); using the torch backend" in capsys.readouterr().err
    finally:
        providers.local_backend.cache_clear()
        providers._local_embeddings.cache_clear()
