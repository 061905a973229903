"""The same eval subset on the embedded model in-process and through a real llama_cpp.server endpoint.

This proves the `openai/<model>` path end to end (a real OpenAI-compatible HTTP
server on loopback, reached through COACH_LLM_BASE_URL) and that the report
compares backends side by side. Both runs use fake embeddings: the comparison
is about the chat model, and the retrieval suite has its own real-MiniLM test.
"""

from __future__ import annotations

import json

import pytest

from coach.config.settings import load_settings
from evals.report import comparison_markdown, write_comparison, write_reports
from evals.runner import Runner
from tests.doubles import HashingEmbeddings

SUBSET = r"^(referral-linkedin-note|thank-you-email|reconnect-linkedin-message|laid-off)$"


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.native
def test_embedded_and_endpoint_side_by_side(llama_server, monkeypatch, tmp_path):
    embedded = Runner(load_settings(), embeddings=HashingEmbeddings(), candidates=1, pattern=SUBSET).run(
        ("drafting", "advice"))
    monkeypatch.setenv("COACH_LLM", "openai/smollm2")
    monkeypatch.setenv("COACH_LLM_BASE_URL", llama_server)
    monkeypatch.setenv("COACH_LLM_TIER", "embedded")  # the same 135M model: compare like with like
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "120")  # a model on a busy CPU behind a local server: it answers slowly
    endpoint_settings = load_settings()
    endpoint = Runner(endpoint_settings, embeddings=HashingEmbeddings(), candidates=1, pattern=SUBSET).run(
        ("drafting", "advice"))

    assert embedded.model == "llamacpp/smollm2" and endpoint.model == "openai/smollm2"
    for report in (embedded, endpoint):
        cases = report.suites["drafting"].cases + report.suites["advice"].cases
        assert len(cases) == 4 and all(c.error is None for c in cases), [c.error for c in cases]
        d = report.suites["drafting"].metrics
        assert d["hard_pass_rate"] == 1.0 and d["unsupported_rate"] == 0.0 and d["limit_compliance"] == 1.0
        assert report.suites["advice"].cases[0].output["steps"]
    # the endpoint really answered: its drafts came back through the OpenAI client, with latency
    assert all(c.output["latency_ms"] > 0 for c in endpoint.suites["drafting"].cases)

    path = write_comparison({"embedded": embedded, "endpoint": endpoint}, tmp_path)
    table = path.read_text()
    assert "embedded (`llamacpp/smollm2`)" in table and "endpoint (`openai/smollm2`)" in table
    assert "| drafting.hard_pass_rate | 1 | 1 |" in table
    assert json.loads((tmp_path / "comparison.json").read_text())["endpoint"]["model"] == "openai/smollm2"
    md = write_reports(endpoint, tmp_path / "endpoint", baseline=embedded)["md"].read_text()
    assert "Compared with the baseline `llamacpp/smollm2`" in md
    print(comparison_markdown({"embedded": embedded, "endpoint": endpoint}))
