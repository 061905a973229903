"""bench.md: the headline table (coach beside baseline, with ratios), the scaling points, the machine."""

from __future__ import annotations

from typing import Any

LIMITS = {"draft_p50_ms": 2_500, "draft_cold_ms": 2_000, "check_cold_ms": 1_000}  # issue 15: a warm draft with 4 candidates; a process


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _speed(ratio: float) -> str:
    """A ratio of baseline time to coach time, said the readable way round."""
    if ratio >= 1:
        return f"{ratio:,.2f}x faster"
    return f"{1 / max(ratio, 1e-9):,.2f}x slower"


def table(result: dict[str, Any]) -> str:
    r = result
    rows = [
        ("Indexing (contacts/s, higher is better)", _f(r["index_per_s"]), _f(r["baseline_index_per_s"]),
         _speed(r["index_speedup"]), "≥ 1x"),
        ("Indexing CPU seconds (lower is better)", _f(r["index_cpu_s"], 1), _f(r["baseline_index_cpu_s"], 1),
         _speed(r["baseline_index_cpu_s"] / max(r["index_cpu_s"], 1e-9)), ""),
        ("Search p50, all queries (ms)", _f(r["search_p50_ms"], 2), _f(r["baseline_search_p50_ms"], 2),
         _speed(r["search_speedup"]), "≥ 1x, < 30 ms at 10k"),
        ("Search p95, all queries (ms)", _f(r["search_p95_ms"], 2), _f(r["baseline_search_p95_ms"], 2),
         _speed(r["baseline_search_p95_ms"] / max(r["search_p95_ms"], 1e-9)), ""),
        ("Search p50, contact queries (ms)", _f(r["search_contacts_p50_ms"], 2),
         _f(r["baseline_search_contacts_p50_ms"], 2),
         _speed(r["baseline_search_contacts_p50_ms"] / max(r["search_contacts_p50_ms"], 1e-9)), ""),
        ("Search p50, guidance queries (ms)", _f(r["search_guidance_p50_ms"], 2),
         _f(r["baseline_search_guidance_p50_ms"], 2),
         _speed(r["baseline_search_guidance_p50_ms"] / max(r["search_guidance_p50_ms"], 1e-9)), ""),
        ("Re-index of an unchanged store (s)", _f(r["reindex_unchanged_s"], 3), "—",
         f"full hash check {_f(r['reindex_forced_s'], 2)} s", "close to free"),
        ("Draft p50 vs raw llama.cpp, same prompts + tokens (ms)", _f(r["draft_p50_ms"], 0),
         _f(r["raw_generation_p50_ms"], 0), f"{_f(r['draft_overhead_ratio'], 2)}x overhead", "≤ 1.5x"),
        ("Draft p50 vs the generation floor: prompt read once, candidates decoded together (ms)",
         _f(r["draft_p50_ms"], 0), _f(r["generation_floor_ms"], 0), f"{_f(r['draft_floor_ratio'], 2)}x the floor",
         f"draft ≤ {_f(LIMITS['draft_p50_ms'])} ms"),
        ("First streamed token of a draft (ms)", _f(r["first_token_ms"], 0), "—", "", ""),
        ("A whole `coach draft` process, instant stand-in model (ms); baseline: a process importing only "
         "LangChain's OpenAI client", _f(r["draft_cold_ms"], 0), _f(r.get("client_import_ms"), 0),
         _speed(r["client_import_ms"] / max(r["draft_cold_ms"], 1e-9)) if r.get("client_import_ms") else "",
         f"≤ {_f(LIMITS['draft_cold_ms'])} ms"),
        ("A whole `coach check` process (ms); baseline as above", _f(r.get("check_cold_ms"), 0),
         _f(r.get("client_import_ms"), 0), "", f"≤ {_f(LIMITS['check_cold_ms'])} ms"),
        ("Peak RSS, everything loaded (MB)", _f(r["peak_rss_mb"], 0), "—", "", "< 2,048"),
        (f"This week's plan after a later LinkedIn export with job changes (ms; {r['plan_people']} people, "
         f"{r['plan_news']} with news)", _f(r["plan_ms"], 0), "—", "", ""),
    ]
    lines = [f"Largest size: **{r['n_contacts']:,} contacts**.", "",
             "| measure | coach | baseline | ratio | target |", "|---|---:|---:|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


def scaling(points: list[dict[str, Any]]) -> str:
    lines = ["| contacts | import s | index s | baseline index s | re-index s (unchanged / hash check) "
             "| search p50 ms | baseline p50 ms |", "|---:|---:|---:|---:|---|---:|---:|"]
    for p in points:
        lines.append(f"| {p['n_contacts']:,} | {_f(p['import_s'], 2)} | {_f(p['index_s'], 2)} | "
                     f"{_f(p['baseline_index_s'], 2)} | {_f(p['reindex_unchanged_s'], 3)} / "
                     f"{_f(p['reindex_forced_s'], 2)} | {_f(p['search_p50_ms'], 2)} | "
                     f"{_f(p['baseline_search_p50_ms'], 2)} |")
    return "\n".join(lines)


def _cold(c: dict[str, Any]) -> str:
    if c.get("draft_cold_ms") is None:
        return "Not measured (the --tiny run's index holds fake vectors)."
    return (f"Instant stand-in model, each process importing what its command uses: `coach draft` runs "
            f"{', '.join(_f(t, 0) for t in c['draft_cold_runs_ms'])} ms; `coach check` "
            f"{', '.join(_f(t, 0) for t in c['check_cold_runs_ms'])} ms; a bare `python -c 'import langchain_openai'` "
            f"{', '.join(_f(t, 0) for t in c['client_import_runs_ms'])} ms.")


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    d = result.get("draft", {})
    parts = [
        f"# Benchmarks ({result['mode']})", "", table(result), "", "## Scaling", "", scaling(result["scaling"]), "",
        "![scaling](scaling.png)", "", "## Draft", "",
        f"{d.get('drafts', 0)} drafts, {d.get('candidates', 0)} candidates each; the model generated "
        f"{d.get('output_tokens_per_draft', 0)} tokens per draft ({d.get('prompt_tokens_per_draft', 0)} prompt "
        f"tokens sent). Time inside the model: p50 {_f(d.get('model_p50_ms'), 0)} ms; outside it "
        f"(graph, store, retrieval, checker): p50 {_f(d.get('outside_model_p50_ms'), 0)} ms. "
        f"Raw decode of the same tokens without prompts: p50 {_f(d.get('raw_decode_only_p50_ms'), 0)} ms.",
        "", "## Whole `coach draft` and `coach check` processes", "", _cold(result.get("draft_cold", {})),
        "", "## Machine", "",
        f"{m['cpu_count']} cores, {m['cpu_model']}, {m['memory_gb']} GB, {m['platform']}, Python {m['python']}. "
        f"Load average at start {m['load_average_start']}, at end {m.get('load_average_end')} "
        "(other processes share the machine: compare the ratios, not the absolute times). "
        f"OMP_WAIT_POLICY={m['omp_wait_policy'] or 'unset'}. Total run {_f(result['seconds'], 0)} s.",
    ]
    return "\n".join(parts) + "\n"
