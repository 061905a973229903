"""The quick eval subset on the embedded model, with --strict thresholds: a change that makes drafts worse fails CI."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli_process


@pytest.mark.slow
def test_quick_subset_meets_the_thresholds_on_the_embedded_model(tmp_path):
    out = tmp_path / "eval"
    result = run_cli_process("eval", "--suite", "drafting", "--quick", "--strict", "--out", str(out),
                     env={"COACH_LLM_THREADS": "2"}, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-3000:]
    report = json.loads((out / "report.json").read_text())
    assert report["model"] == "llamacpp/smollm2" and report["quick"] and report["candidates"] == 2
    drafting = report["suites"]["drafting"]
    assert len(drafting["cases"]) == 9 and all(c["error"] is None for c in drafting["cases"])
    assert {m["name"] for m in report["metrics"] if m["threshold"] is not None} >= {
        "drafting.sendable_rate", "drafting.hard_pass_rate", "drafting.error_rate"}
    assert all(m["passed"] is not False for m in report["metrics"])
    # every draft judged by the eval's own rules; each unsendable one listed with its draft and failures
    for case in drafting["cases"]:
        assert case["metrics"]["sendable"] == float(not case["details"]["failures"]), case["id"]
    md = (out / "report.md").read_text()
    unsendable = [c for c in drafting["cases"] if c["metrics"]["sendable"] == 0.0]
    assert f"## Unsendable drafts ({len(unsendable)})" in md and all(f"### {c['id']}" in md for c in unsendable)
    assert md.count("| drafting.") >= 10 and (out / "report.html").exists()
