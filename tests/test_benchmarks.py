"""The benchmark's data generator and the shape of what `benchmarks/run.py` writes."""

from __future__ import annotations

import json

import pytest

from benchmarks.data import contact_queries, generate_contacts, write_coach_csv, write_linkedin_csv

DESIGN_FIELDS = ("n_contacts", "index_per_s", "baseline_index_per_s", "search_p50_ms", "baseline_search_p50_ms",
                 "draft_p50_ms", "raw_generation_p50_ms", "peak_rss_mb", "generation_floor_ms", "first_token_ms")


def test_the_generator_is_deterministic_and_realistic():
    first, again, other = generate_contacts(60, seed=3), generate_contacts(60, seed=3), generate_contacts(60, seed=4)
    assert first == again
    assert [c.name for c in first] != [c.name for c in other]
    assert len({c.name for c in first}) == 60, "one person per name, so drafts can address them by name"
    assert sum(bool(c.notes) for c in first) > 30 and sum(bool(c.interactions) for c in first) > 20
    assert len({c.company for c in first}) < 60, "colleagues share employers, as in a real network"
    assert all(c.linkedin_url.startswith("https://www.linkedin.com/in/") for c in first)
    assert contact_queries(first, 12, seed=1) == contact_queries(again, 12, seed=1)


def test_generated_exports_import_as_one_network(settings, tmp_path):
    from coach.crm.store import Store

    contacts = generate_contacts(25, seed=5)
    store = Store.open(settings)
    linkedin = store.import_file(write_linkedin_csv(contacts, tmp_path / "Connections.csv"))
    notes = store.import_file(write_coach_csv(contacts, tmp_path / "notes.csv"))
    assert (linkedin.format, linkedin.created, linkedin.skipped) == ("linkedin", 25, [])
    assert (notes.created, notes.updated) == (0, 25), "the notes CSV enriches the same people, never duplicates"
    stored = {c.name: c for c in store.all_contacts()}
    assert sum(len(c.notes) for c in stored.values()) == sum(len(c.notes) for c in contacts)
    assert stored[contacts[0].name].company == contacts[0].company


@pytest.mark.slow
def test_tiny_run_writes_json_markdown_and_plot(tmp_path):
    from benchmarks.run import main

    out = tmp_path / "bench"
    main(["--tiny", "--out", str(out), "--sizes", "20,50"])
    result = json.loads((out / "bench.json").read_text())
    for field in DESIGN_FIELDS:
        assert isinstance(result[field], int | float) and result[field] > 0, field
    assert result["n_contacts"] == 50
    assert [p["n_contacts"] for p in result["scaling"]] == [20, 50]
    top = result["scaling"][-1]
    assert top["reindex_unchanged_s"] < top["index_s"], "an unchanged store re-indexes almost for free"
    assert top["reindex_touched_embedded"] == 1, "only the contact that changed is embedded again"
    assert 1 <= result["plan_people"] <= 5 and result["plan_ms"] > 0, "the weekly plan is measured"
    assert top["plan_job_changes_updated"] >= top["plan_job_changes_made"] >= 1, "a later export's job changes land"
    assert result["machine"]["cpu_count"] >= 1 and result["machine"]["load_average_end"]
    assert set(result["targets"]) >= {"index_at_least_baseline", "draft_overhead_at_most_1_5x"}
    assert "draft_cold_ms" in result, "a whole `coach draft` process is measured (not with --tiny's fake vectors)"
    assert result["first_token_ms"] <= result["draft_p50_ms"] * 2, "the first token comes during the draft"
    assert {"draft_p50_at_most_2_5s", "draft_cold_at_most_2s", "check_cold_at_most_1s"} <= set(result["targets"])
    table = (out / "bench.md").read_text()
    assert "| measure | coach | baseline | ratio | target |" in table and "50 contacts" in table
    assert "generation floor" in table and "draft ≤ 2,500 ms" in table and "≤ 2,000 ms" in table
    assert (out / "scaling.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_reading_benchmark_sets_the_learned_second_look_beside_the_rules_alone(tmp_path):
    from benchmarks.reading import main, messages

    result = main(["--rounds", "1", "--out", str(tmp_path)])
    assert json.loads((tmp_path / "reading.json").read_text())["messages"] == len(messages())
    for field in ("reading_p50_ms", "baseline_rules_p50_ms", "cold_training_ms"):
        assert result[field] > 0, field
    # the second look changes some readings (else it measures nothing) and never most of them
    assert 0 < result["intent_changed_by_second_look"] < len(messages()) // 2
