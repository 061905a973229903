"""The checker's Flesch-Kincaid grade (coach.checks.readability) against textstat's (evals.readability)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from coach.checks import readability
from evals import readability as reference

ROOT = Path(__file__).resolve().parent.parent
EDGE = [
    "Hi Dana, it's been a while since PyCon! I'd love to hear how the Connect team's doing. Coffee next week?",
    "Dear Ms. Okafor, I read your post on idempotency-key design and the 'exactly-once' myth. Could we talk?",
    "Congrats on the new role!!! Stripe's lucky. Let's catch up... soon?",
    "A b c d e f g. Ok. Yes no maybe so. Antidisestablishmentarianism notwithstanding, Kubernetes operators rock.",
    "We talked about SRE on-call rotations at KubeCon 2024 in Paris — you'd moved to Datadog that spring.",
    "Thanks so much.",  # too short to score
    "",
    "one two three four five",  # no sentence mark at all
    "Would you be open to a 20-minute call about the payments-infrastructure role on your team in Dublin?",
]


def corpus_texts() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "coach" / "resources" / "knowledge").rglob("*.md"))[:40]:
        paragraphs += [p for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if len(p.split()) > 5]
    return paragraphs[:300]


@pytest.mark.parametrize("text", EDGE)
def test_edge_cases_grade_as_textstat_does(text):
    assert readability.grade(text) == pytest.approx(reference.grade(text), abs=1e-9)


def test_the_guidance_corpus_grades_as_textstat_does():
    texts = corpus_texts()
    assert len(texts) > 100
    differ = [(t[:60], readability.grade(t), reference.grade(t)) for t in texts
              if abs(readability.grade(t) - reference.grade(t)) > 1e-9]
    assert not differ, differ[:5]


def test_grading_imports_neither_nltk_nor_textstat(tmp_path):
    code = ("import sys\nfrom coach.checks.readability import grade\n"
            "g = grade('Would you be open to a short call next week about the platform team?')\n"
            "print(round(g, 2), sorted(m for m in ('nltk', 'textstat', 'scipy', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)})
    value, modules = out.stdout.strip().split(" ", 1)
    assert float(value) == pytest.approx(reference.grade(
        "Would you be open to a short call next week about the platform team?"), abs=0.01)
    assert modules == "[]"
    assert list(tmp_path.glob("networking-coach/syllables-cmudict-*.marshal"))  # the table is cached for next time


def test_an_unreadable_cached_table_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    readability._table.cache_clear()
    readability.grade.cache_clear()
    try:
        first = readability.grade("Would you be open to a short call next week about the platform team?")
        (cached,) = tmp_path.glob("networking-coach/syllables-cmudict-*.marshal")
        cached.write_bytes(b"\x00garbage")
        readability._table.cache_clear()
        readability.grade.cache_clear()
        assert readability.grade("Would you be open to a short call next week about the platform team?") == first
        assert len(cached.read_bytes()) > 100_000
    finally:
        readability._table.cache_clear()
        readability.grade.cache_clear()
