"""Retrieval metrics (pure functions) and the dense / BM25 / hybrid comparison."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from evals.metrics import hit_at_k, mean, mrr_at_k, ndcg_at_k
from evals.retrieval import (
    format_table,
    load_contact_cases,
    load_fixture_contacts,
    load_guidance_cases,
    run_retrieval_eval,
)

REPO = Path(__file__).resolve().parent.parent


def test_hit_at_k():
    assert hit_at_k(["a", "b", "c", "d"], {"c"}, 3) == 1.0
    assert hit_at_k(["a", "b", "c", "d"], {"d"}, 3) == 0.0
    assert hit_at_k([], {"a"}, 3) == 0.0


def test_mrr_at_k():
    assert mrr_at_k(["x", "a", "b"], {"a", "b"}, 10) == 0.5
    assert mrr_at_k(["a"], {"a"}, 10) == 1.0
    assert mrr_at_k(["x"] * 10 + ["a"], {"a"}, 10) == 0.0


def test_ndcg_at_k():
    assert ndcg_at_k(["a", "b", "x"], {"a", "b"}, 10) == 1.0
    swapped = ndcg_at_k(["x", "a", "b"], {"a", "b"}, 10)
    ideal = 1 + 1 / math.log2(3)
    assert swapped == pytest.approx((1 / math.log2(3) + 1 / math.log2(4)) / ideal)
    assert ndcg_at_k(["a", "a"], {"a", "b"}, 10) == pytest.approx(1 / ideal)  # duplicates count once
    assert ndcg_at_k(["x"], set(), 10) == 0.0
    assert mean([]) == 0.0 and mean([1.0, 0.0]) == 0.5


def test_eval_cases_are_consistent_with_fixture_and_corpus():
    guidance = load_guidance_cases()
    contacts = load_contact_cases()
    people, keys = load_fixture_contacts()
    assert len(guidance) >= 60 and len(contacts) >= 30 and len(people) >= 55
    for case in guidance:
        assert (REPO / "coach" / "resources" / case.article).is_file(), case.article
        assert case.article.split("/")[1] == case.theme, case.article
    known = set(keys.values())
    assert len(known) == len(people)
    for case in contacts:
        assert set(case.expected) <= known, case.query
    assert sum(p.company == "Stripe" for p in people) >= 3


def test_table_has_one_row_per_mode():
    summary = {s: {m: {"hit@3": 1.0, "mrr@10": 0.5, "ndcg@10": 0.25} for m in ("dense", "hybrid")}
               for s in ("guidance", "contacts")}
    table = format_table(summary).splitlines()
    assert len(table) == 4 and table[2].startswith("| dense | 1.000 | 0.500 | 0.250 |")


def test_eval_runs_with_fake_embeddings_without_touching_the_users_index(settings, fake_embeddings):
    report = run_retrieval_eval(settings, modes=("bm25", "hybrid"), embeddings=fake_embeddings)
    assert set(report["summary"]["contacts"]) == {"bm25", "hybrid"}
    assert len(report["queries"]) == 2 * (report["counts"]["guidance_queries"] + report["counts"]["contact_queries"])
    assert not settings.chroma_path.exists()


@pytest.mark.slow
def test_hybrid_beats_dense_and_bm25_on_both_sets(settings):
    report = run_retrieval_eval(settings)
    print(report["table"])
    for name in ("guidance", "contacts"):
        s = report["summary"][name]
        for single in ("dense", "bm25"):
            assert s["hybrid"]["hit@3"] >= s[single]["hit@3"], (name, single, s)
            assert s["hybrid"]["mrr@10"] > s[single]["mrr@10"], (name, single, s)
        assert s["hybrid"]["hit@3"] >= 0.9, (name, s)
