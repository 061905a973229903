"""The real models, offline: the embedded LLM, the same GGUF behind llama_cpp.server, local embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from coach.providers import make_chat_model, make_embeddings
from coach.settings import load_settings


@pytest.mark.slow
def test_embedded_model_answers_through_the_seam():
    model = make_chat_model("llamacpp/smollm2", load_settings())
    reply = model.invoke("What is the capital of France? Answer in one word.", max_tokens=12, temperature=0)
    assert "paris" in str(reply.content).lower()
    assert model is make_chat_model("llamacpp/smollm2", load_settings()), "heavy objects are created once"


@pytest.mark.slow
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
    from coach.llamacpp import converted
    from coach.providers import smollm2_path

    source = smollm2_path()
    assert converted(source, "shipped", tmp_path) == source
    made = converted(source, "Q4_0", tmp_path)
    assert made.parent == tmp_path and made.name.endswith(".Q4_0.gguf") and made.read_bytes()[:4] == b"GGUF"
    assert [p.name for p in tmp_path.iterdir()] == [made.name], "no half-written file is left behind"
    stamp = made.stat().st_mtime_ns
    assert converted(source, "Q4_0", tmp_path) == made and made.stat().st_mtime_ns == stamp, "reused, not redone"
