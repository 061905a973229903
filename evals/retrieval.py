"""Retrieval evaluation: dense-only, BM25-only and hybrid, side by side.

Loads the fictional contact set (evals/fixtures/contacts.yaml) and the guidance
corpus into a temporary index (never the user's), runs the labelled guidance
and contact queries through each mode, and reports hit@3, MRR@10 and nDCG@10
per mode per set, plus every query's ranking.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, Field

from coach.core.domain import Contact, Interaction, Note
from coach.core.errors import ConfigurationError
from coach.retrieval.index import Index
from coach.retrieval.search import Retriever
from evals.metrics import hit_at_k, mean, mrr_at_k, ndcg_at_k

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from coach.config.settings import Settings

EVALS = Path(__file__).resolve().parent
GUIDANCE_CASES = EVALS / "cases" / "retrieval_guidance.yaml"
CONTACT_CASES = EVALS / "cases" / "retrieval_contacts.yaml"
CONTACT_FIXTURE = EVALS / "fixtures" / "contacts.yaml"
MODES = ("dense", "bm25", "hybrid")
DEPTH = 10


class GuidanceCase(BaseModel):
    query: str
    theme: str
    article: str = Field(description="Path relative to the repository root.")


class ContactCase(BaseModel):
    query: str
    expected: list[str] = Field(min_length=1, description="Fixture keys of the right answers.")


def _read_yaml(path: Path, key: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"Cannot read {path} ({exc}); restore it from the repository.") from None
    items = data.get(key)
    if not isinstance(items, list):
        raise ConfigurationError(f"{path} has no '{key}:' list; see the file's header for the format.")
    return items


def load_guidance_cases(path: Path = GUIDANCE_CASES) -> list[GuidanceCase]:
    return [GuidanceCase(**item) for item in _read_yaml(path, "queries")]


def load_contact_cases(path: Path = CONTACT_CASES) -> list[ContactCase]:
    return [ContactCase(**item) for item in _read_yaml(path, "queries")]


def load_fixture_contacts(path: Path = CONTACT_FIXTURE) -> tuple[list[Contact], dict[str, str]]:
    """The fixture's contacts with ids 1..n, and the map from contact id to fixture key."""
    contacts: list[Contact] = []
    keys: dict[str, str] = {}
    for number, item in enumerate(_read_yaml(path, "contacts"), start=1):
        item = dict(item)
        key = item.pop("key")
        notes = [Note(text=n) if isinstance(n, str) else Note(**n) for n in item.pop("notes", [])]
        interactions = [Interaction(**i) for i in item.pop("interactions", [])]
        contact = Contact(id=number, notes=notes, interactions=interactions, **item)
        if interactions:
            contact.last_contacted = max(i.date for i in interactions)
        contacts.append(contact)
        keys[str(number)] = key
    return contacts, keys


def _summary(rows: list[dict[str, Any]]) -> dict[str, float]:
    return {
        "hit@3": round(mean([r["hit@3"] for r in rows]), 4),
        "mrr@10": round(mean([r["mrr@10"] for r in rows]), 4),
        "ndcg@10": round(mean([r["ndcg@10"] for r in rows]), 4),
    }


def run_retrieval_eval(settings: Settings, modes: tuple[str, ...] = MODES,
                       embeddings: Embeddings | None = None) -> dict[str, Any]:
    """Index the corpus and the fixture contacts in a temporary index and score every mode."""
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise ConfigurationError(f"Unknown retrieval mode(s) {', '.join(unknown)}: use {', '.join(MODES)}.")
    guidance_cases = load_guidance_cases()
    contact_cases = load_contact_cases()
    contacts, keys = load_fixture_contacts()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coach-eval-", ignore_cleanup_errors=True) as tmp:
        temp = settings.model_copy(update={"home": Path(tmp), "chroma_url": None})
        index = Index(temp, embeddings, model_name=None if embeddings is None else "eval")
        index.sync_guidance()
        index.sync_contacts(contacts, revision=0)
        retriever = Retriever(temp, index)
        search = {"dense": retriever.search_dense, "bm25": retriever.search_bm25, "hybrid": retriever.search}
        rows: list[dict[str, Any]] = []
        for mode in modes:
            for case in guidance_cases:
                hits = search[mode](case.query, kind="guidance", k=DEPTH)
                ranked = [h.source for h in hits]
                rows.append(_row("guidance", mode, case.query, ranked, {case.article},
                                 theme_hit=any(h.theme == case.theme for h in hits[:3])))
            for case in contact_cases:
                hits = search[mode](case.query, kind="contacts", k=DEPTH)
                ranked = [keys.get(h.id, h.id) for h in hits]
                rows.append(_row("contacts", mode, case.query, ranked, set(case.expected)))
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for name in ("guidance", "contacts"):
        summary[name] = {}
        for mode in modes:
            part = [r for r in rows if r["set"] == name and r["mode"] == mode]
            summary[name][mode] = _summary(part)
            if name == "guidance":
                summary[name][mode]["theme@3"] = round(mean([r["theme@3"] for r in part]), 4)
    return {
        "suite": "retrieval",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "embeddings": index.model_name if embeddings is None else type(embeddings).__name__,
        "counts": {"guidance_queries": len(guidance_cases), "contact_queries": len(contact_cases),
                   "contacts": len(contacts)},
        "summary": summary,
        "table": format_table(summary),
        "queries": rows,
        "seconds": round(time.perf_counter() - start, 2),
    }


def _row(name: str, mode: str, query: str, ranked: list[str], relevant: set[str],
         theme_hit: bool | None = None) -> dict[str, Any]:
    row = {
        "set": name, "mode": mode, "query": query, "expected": sorted(relevant), "ranked": ranked,
        "hit@3": hit_at_k(ranked, relevant, 3), "mrr@10": mrr_at_k(ranked, relevant, 10),
        "ndcg@10": ndcg_at_k(ranked, relevant, 10),
    }
    if theme_hit is not None:
        row["theme@3"] = 1.0 if theme_hit else 0.0
    return row


def format_table(summary: dict[str, dict[str, dict[str, float]]]) -> str:
    """A Markdown table: one row per mode, hit@3 / MRR@10 / nDCG@10 for each query set."""
    sets = list(summary)
    modes = list(next(iter(summary.values()), {}))
    header = "| mode | " + " | ".join(f"{s} hit@3 | {s} MRR@10 | {s} nDCG@10" for s in sets) + " |"
    rule = "|---|" + "---:|" * (3 * len(sets))
    lines = [header, rule]
    for mode in modes:
        cells = []
        for s in sets:
            m = summary[s][mode]
            cells += [f"{m['hit@3']:.3f}", f"{m['mrr@10']:.3f}", f"{m['ndcg@10']:.3f}"]
        lines.append(f"| {mode} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
