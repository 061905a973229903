"""Ranking metrics for the retrieval evaluation: pure functions over ranked ids.

`ranked` is the system's answer, best first; `relevant` is the set of right
answers (binary relevance). Each function returns a value in [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence


def hit_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """1.0 when any relevant item is among the first k, else 0.0."""
    return 1.0 if any(item in relevant for item in ranked[:k]) else 0.0


def mrr_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Reciprocal rank of the first relevant item within the first k (0.0 if none)."""
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Normalised discounted cumulative gain with binary gains; duplicates count once."""
    if not relevant:
        return 0.0
    seen: set[str] = set()
    dcg = 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant and item not in seen:
            dcg += 1.0 / math.log2(rank + 1)
        seen.add(item)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / ideal


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# ------------------------------------------------------------------ drafting and advice
# Each function below scores one output against one case's expectations; the runner averages them.
# They recompute from the text itself by the eval's own rules (never the drafter's or the checker's
# verdicts), so a metric can catch what the checker let through.


def draft_metrics(case, known: str, subject: str, body: str, channel: str) -> tuple[dict[str, float], dict]:
    """Score one draft by evals/sendable.py: (metrics, details).

    `case` is an evals.schema.DraftingCase, `known` what the user told us (sendable.known_text). Metrics:
    `sendable` (no failure at all), `fail.<kind>` (1 when that rule failed), `must_contain_recall`
    (share of must_contain groups present), `unsupported` (a name or number the user never told us),
    `within_limit`, and `readability_grade` (Flesch-Kincaid, textstat).
    """
    from evals import sendable
    from evals.readability import grade

    verdict = sendable.judge(case, known, subject, body, channel)
    failed = set(verdict.kinds())
    text = f"{subject}\n{body}" if subject else body
    present = [g for g in case.must_contain if sendable.any_of(text, g)]
    metrics: dict[str, float] = {
        "sendable": float(verdict.sendable),
        **{f"fail.{kind}": float(kind in failed) for kind in sendable.KINDS},
        "must_contain_recall": len(present) / len(case.must_contain) if case.must_contain else 1.0,
        "unsupported": float("invented" in failed),
        "within_limit": float("limit" not in failed),
        "readability_grade": round(grade(body), 2),
    }
    details = {"failures": [f.model_dump() for f in verdict.failures],
               "missing": [g for g in case.must_contain if g not in present],
               "chars": len(body), "words": len(body.split())}
    return metrics, details


def advice_metrics(*, situation: str, summary: str, steps: Sequence[str], script: str,
                   citation_sources: Sequence[str], suggested: Sequence[str], contacts: Sequence,
                   lead: str, also: Collection[str] = (), must_include: Sequence[str] = (),
                   helpful: Collection[str] = (), script_to: str | None = None,
                   script_contact: str | None = None, direction: str | None = None,
                   read_direction: str | None = None) -> tuple[dict[str, float | None], dict]:
    """Score one piece of advice by the eval's own rules (evals/advice_rules.py, never the coach's).

    `suggested` are the full names of the contacts the advice suggested; `contacts` the case file's
    contacts (with `key`, `first_name`, `last_name`); `helpful` and `script_to` are contact keys;
    `script_contact` is the key of the contact the advice says its script is a draft to, if it says.
    `direction` is the case's expected direction, `read_direction` the one the advice shows it read.
    Metrics that do not apply are None (helpful_hit when no contact fits, helpful_precision when
    nobody was suggested, the direction metrics on a case without one), so they are not averaged in.
    """
    from evals import advice_rules as R

    text = "\n".join([summary, *steps, script])
    rank = R.lead_rank(citation_sources, lead)
    fits = [lead, *also]
    support = R.summary_support(summary, citation_sources, situation)
    strangers = R.strangers(script, contacts, situation)
    included = [group for group in must_include if R.any_of(text, group)]
    keys = R.keys_of(suggested, contacts)
    hit, precision = R.helpful_scores(keys, set(helpful))
    metrics: dict[str, float | None] = {
        "steps_count": float(len(steps)),
        "steps_ok": float(3 <= len(steps) <= 7),
        "lead_top1": float(rank == 1),
        "lead_top3": float(rank is not None and rank <= 3),
        "fit_top1": float(bool(citation_sources) and citation_sources[0] in fits),
        "theme_top1": float(bool(citation_sources) and R.theme_of(citation_sources[0]) == R.theme_of(lead)),
        "summary_support": float(support.supported),
        "script_stranger": float(bool(strangers)),
        "script_to_hit": float(R.script_to_hit(script, contacts, situation, script_to, script_contact)),
        "includes": len(included) / len(must_include) if must_include else 1.0,
        "helpful_hit": hit,
        "helpful_precision": precision,
        # the lead serves the expected direction (its declared `directions`, read by the eval's own rule)
        "lead_direction": None if not direction or not citation_sources else
        float(direction == "other" or direction in R.article_directions(citation_sources[0])),
        "direction_right": None if not direction else float(read_direction == direction),
    }
    details = {"cited": list(citation_sources[:3]), "lead_rank": rank,
               "summary_share": support.share, "summary_unsupported": support.unsupported_words,
               "summary_invented": support.invented, "greeted": R.greeted_names(script), "strangers": strangers,
               "script_to": script_to, "script_contact": script_contact, "slot": R.has_slot(script),
               "included": included, "missing": [g for g in must_include if g not in included],
               "suggested": [k or n for k, n in zip(keys, suggested, strict=True)],
               "helpful_suggested": [k for k in keys if k in set(helpful)]}
    return metrics, details


def mean_of(values: Sequence[float | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None for no values."""
    if not values:
        return None
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    lo, hi = int(math.floor(pos)), int(math.ceil(pos))
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)
