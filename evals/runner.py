"""The evaluation runner: drafting, advice and retrieval suites, one report.

Every drafting and advice case gets its own temporary store (SQLite in a
temporary directory) holding the case file's contacts and profile, so cases
never see each other's data and the user's store is never touched. The
guidance index is built once per run in a temporary directory and shared
(drafting and advice search guidance only). The chat model is built once from
`settings.llm` (embedded `llamacpp/smollm2`, or `openai/<model>` against
`COACH_LLM_BASE_URL`) unless one is passed in, as tests do.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from coach.core.errors import ConfigurationError
from evals import grammar as eval_grammar
from evals import metrics as M
from evals.schema import (
    SUITES,
    AdviceSet,
    CaseResult,
    DraftingSet,
    MetricResult,
    Report,
    SuiteResult,
    load_advice,
    load_drafting,
    select,
)
from evals.sendable import KINDS, known_text

EVALS = Path(__file__).resolve().parent
THRESHOLDS = EVALS / "thresholds.yaml"
QUICK_CANDIDATES = 2

# suite.metric -> (higher is better, deterministic for a fixed model and seed)
DIRECTIONS: dict[str, tuple[bool, bool]] = {
    "drafting.sendable_rate": (True, True),
    "drafting.must_contain_recall": (True, True),
    "drafting.unsupported_rate": (False, True),
    "drafting.limit_compliance": (True, True),
    "drafting.readability_grade": (False, True),
    "drafting.hard_pass_rate": (True, True),
    "drafting.raw_pass_rate": (True, True),
    "drafting.repair_rate": (False, True),
    "drafting.fallback_rate": (False, True),
    "drafting.path.as-written": (True, True),
    "drafting.path.revised": (True, True),
    "drafting.path.repaired": (False, True),
    "drafting.path.template": (False, True),
    "drafting.error_rate": (False, True),
    "drafting.latency_p50_ms": (False, False),
    "drafting.latency_p95_ms": (False, False),
    "advice.lead_top1": (True, True),
    "advice.lead_top3": (True, True),
    "advice.fit_top1": (True, True),
    "advice.lead_direction": (True, True),
    "advice.direction_right": (True, True),
    "advice.theme_top1": (True, True),
    "advice.summary_support": (True, True),
    "advice.script_stranger": (False, True),
    "advice.script_to_hit": (True, True),
    "advice.helpful_hit": (True, True),
    "advice.helpful_precision": (True, True),
    "advice.includes_rate": (True, True),
    "advice.steps_mean": (True, True),
    "advice.steps_ok_rate": (True, True),
    "advice.model_summary_rate": (True, True),
    "advice.draft_script_rate": (True, True),
    "advice.error_rate": (False, True),
    "advice.latency_p50_ms": (False, False),
}
for _kind in KINDS:  # drafting.failures.<kind>: how many drafts failed that rule of evals/sendable.py
    DIRECTIONS[f"drafting.failures.{_kind}"] = (False, True)
# How each draft was made (Draft.path): the model's words as written or revised, repaired, or template.
PATHS = ("as-written", "revised", "repaired", "template")
for _set in ("guidance", "contacts"):
    for _mode in ("dense", "bm25", "hybrid"):
        for _m in ("hit@3", "mrr@10", "ndcg@10"):
            DIRECTIONS[f"retrieval.{_set}.{_mode}.{_m}"] = (True, True)
for _c in ("relevant", "specific", "clear", "human", "low_friction", "mean"):
    DIRECTIONS[f"judge.{_c}"] = (True, False)
DIRECTIONS["judge.unparsable"] = (False, False)

Progress = Callable[..., None]


def direction(name: str) -> tuple[bool, bool]:
    return DIRECTIONS.get(name, (True, False))


def commit() -> str:
    """The repository's commit (with '+dirty' when files changed), or '' outside a git checkout."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=EVALS, capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=EVALS,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


class _GuidanceOnly:
    """A shared retriever over a temporary guidance index; syncing a case's store is a no-op
    (drafting and advice search guidance only, and each case's contacts come from its own store)."""

    def __init__(self, retriever: Any):
        self._retriever = retriever

    def ensure_synced(self, store: Any = None, progress: Any = None) -> list:
        return [self._retriever.index.sync_guidance(progress)]

    def search(self, *args: Any, **kwargs: Any) -> list:
        return self._retriever.search(*args, **kwargs)

    def guidance(self, query: str, k: int = 3) -> list:
        return self._retriever.guidance(query, k)


class Runner:
    """Runs the suites with one model, one embedding model and an optional judge."""

    def __init__(self, settings: Any, *, model: Any = None, embeddings: Any = None, judge: Any = None,
                 candidates: int | None = None, quick: bool = False, pattern: str | None = None,
                 drafting: DraftingSet | None = None, advice: AdviceSet | None = None):
        self.settings = settings
        self._model, self._embeddings, self.judge = model, embeddings, judge
        self.quick, self.pattern = quick, pattern
        self.candidates = candidates or (QUICK_CANDIDATES if quick else settings.candidates)
        self._drafting, self._advice = drafting, advice
        self._tmp = tempfile.TemporaryDirectory(prefix="coach-eval-", ignore_cleanup_errors=True)
        self._retriever: _GuidanceOnly | None = None

    # ------------------------------------------------------------ components
    @property
    def model(self) -> Any:
        if self._model is None:
            from coach.llm.providers import make_chat_model

            self._model = make_chat_model(self.settings.llm, self.settings)
        return self._model

    @property
    def model_name(self) -> str:
        if self._model is not None and getattr(self._model, "model_name", None) and \
                type(self._model).__module__.startswith("tests.doubles"):
            return self._model.model_name
        return self.settings.llm

    @property
    def embeddings_name(self) -> str:
        from coach.llm.providers import embeddings_key

        return embeddings_key(self.settings) if self._embeddings is None else type(self._embeddings).__name__

    def retriever(self) -> _GuidanceOnly:
        if self._retriever is None:
            from coach.retrieval.index import Index
            from coach.retrieval.search import Retriever

            home = Path(self._tmp.name) / "index"
            temp = self.settings.model_copy(update={"home": home, "chroma_url": None, "database_url": None})
            index = Index(temp, self._embeddings, model_name=None if self._embeddings is None else "eval")
            index.sync_guidance()
            self._retriever = _GuidanceOnly(Retriever(temp, index))
        return self._retriever

    @contextmanager
    def _case_coach(self, case_id: str, profile: Any, contacts: list, premium: bool = False):
        """A Coach over a fresh temporary store holding `contacts` and `profile`; yields (coach, store).

        The store is closed when the case is done, whatever happened in it."""
        from coach.crm.store import Store
        from coach.service import Coach

        home = Path(self._tmp.name) / "cases" / case_id
        home.mkdir(parents=True, exist_ok=True)
        settings = self.settings.model_copy(update={
            "home": home, "database_url": None, "chroma_url": None, "linkedin_premium": premium})
        store = Store(f"sqlite:///{home / 'coach.db'}")
        try:
            for item in contacts:
                saved = store.add_contact(item.to_contact().model_copy(update={"notes": []}))
                for note in item.notes:
                    store.add_note(saved.id, note)
            store.set_profile(**profile.model_dump())
            yield Coach(settings, store=store, retriever=self.retriever(), model=self.model,
                        embeddings=self._embeddings), store
        finally:
            store.close()

    # ------------------------------------------------------------ suites
    def drafting_cases(self) -> tuple[DraftingSet, list]:
        data = self._drafting or load_drafting()
        return data, select(data.cases, self.quick, self.pattern)

    def advice_cases(self) -> tuple[AdviceSet, list]:
        data = self._advice or load_advice()
        return data, select(data.cases, self.quick, self.pattern)

    def count(self, suites: tuple[str, ...]) -> int:
        n = 0
        if "drafting" in suites:
            n += len(self.drafting_cases()[1])
        if "advice" in suites:
            n += len(self.advice_cases()[1])
        return n + (1 if "retrieval" in suites else 0)

    def run_drafting(self, advance: Progress | None = None) -> SuiteResult:
        from coach.checks import checker

        start = time.perf_counter()
        data, cases = self.drafting_cases()
        results: list[CaseResult] = []
        for case in cases:
            recipient = data.contact(case.to)
            result = CaseResult(suite="drafting", id=case.id, input={
                "goal": case.goal, "channel": case.channel, "to": recipient.name, "context": case.context,
                "premium": case.premium, "must_contain": case.must_contain, "must_never": case.must_never,
                "third_party": case.third_party})
            try:
                with self._case_coach(case.id, data.profile, data.contacts, case.premium) as (coach, store):
                    draft = coach.draft(recipient.name, case.goal, case.channel, case.context,
                                        candidates=self.candidates)
                    # the headline: would a person send it? by the eval's own rules (evals/sendable.py)
                    known = known_text(recipient, data.profile, case.context, case.third_party)
                    values, details = M.draft_metrics(case, known, draft.subject, draft.body, case.channel)
                    # the safety net: the checker's hard checks on what was shown (the drafter selected on
                    # this same checker, so it passes by construction unless the drafter let a failure out)
                    grounds = checker.Grounds(contact=store.resolve_contact(recipient.name),
                                              profile=store.get_profile(), others=store.list_contacts(),
                                              request=f"{case.goal} {case.context}".strip(), goal=case.goal,
                                              context=case.context)
                    report = checker.check_message(draft.body, case.channel, grounds, draft.subject, case.premium)
                    details["hard_failed"] = [c.name for c in report.checks if c.hard and not c.passed]
                    # and the eval's own grammar rules (evals/grammar.py), which the drafter never selected on
                    details["hard_failed"] += [f"grammar: {g}" for g in eval_grammar.failures(draft.body)]
                    path = getattr(draft, "path", None)
                    values.update({
                        "hard_pass": float(not details["hard_failed"]),
                        "repaired": float(draft.repaired), "fallback": float(draft.fallback),
                        "raw_pass": draft.candidates_passed_raw / draft.candidates if draft.candidates else 0.0,
                        **{f"path.{p}": float(path == p) for p in PATHS if path is not None},
                        "latency_ms": float(draft.latency_ms), "error": 0.0,
                    })
                    result.output = {"subject": draft.subject, "body": draft.body, "score": draft.score,
                                     "model": draft.model, "prompt": draft.prompt, "path": path,
                                     "revisions": getattr(draft, "revisions", 0),
                                     "repaired": draft.repaired, "fallback": draft.fallback,
                                     "candidates": draft.candidates,
                                     "candidates_passed_raw": draft.candidates_passed_raw,
                                     "latency_ms": draft.latency_ms,
                                     "citations": [c.source for c in draft.citations],
                                     "checks": [{"name": c.name, "passed": c.passed, "hard": c.hard,
                                                 "detail": c.detail} for c in draft.checks]}
                    result.metrics, result.details = values, details
                    if self.judge is not None:
                        verdict = self.judge.grade(goal=case.goal, channel=case.channel, recipient=recipient.name,
                                                   facts=[recipient.how_we_met, *recipient.notes, recipient.title,
                                                          recipient.company, case.context],
                                                   message=draft.text())
                        result.judge = {"model": self.judge.name, "scores": verdict.scores, "mean": verdict.mean,
                                        "reason": verdict.reason, "parsed": verdict.parsed, "error": verdict.error,
                                        "raw": verdict.raw[:500]}
            except Exception as exc:  # recorded in the report and counted as a failed case, never lost
                result.error = f"{type(exc).__name__}: {exc}"[:500]
                result.metrics = {"sendable": 0.0, "must_contain_recall": 0.0, "hard_pass": 0.0,
                                  "unsupported": 1.0, "within_limit": 0.0, "readability_grade": None,
                                  "repaired": None, "fallback": None, "raw_pass": 0.0, "latency_ms": None,
                                  "error": 1.0}
            results.append(result)
            if advance:
                advance(1)
        suite = SuiteResult(name="drafting", cases=results, seconds=round(time.perf_counter() - start, 2))
        suite.metrics = drafting_summary(results)
        suite.extra = {"by_channel": _grouped(results, "channel"), "by_goal": _grouped(results, "goal")}
        if self.judge is not None:
            suite.extra["judge"] = judge_summary(results, self.judge.name)
        return suite

    def run_advice(self, advance: Progress | None = None) -> SuiteResult:
        start = time.perf_counter()
        data, cases = self.advice_cases()
        names = {c.key: c.name for c in data.contacts}
        results: list[CaseResult] = []
        for case in cases:
            result = CaseResult(suite="advice", id=case.id, input={
                "situation": case.situation, "lead": case.lead, "also": case.also, "themes": case.themes,
                "must_include": case.must_include, "helpful": [names[k] for k in case.helpful],
                "script_to": names.get(case.script_to) if case.script_to else None, "direction": case.direction})
            try:
                with self._case_coach(f"advice-{case.id}", data.profile, data.contacts) as (coach, store):
                    advice = coach.advise(case.situation)
                    script_contact = _script_contact(advice, store, data.contacts)
                # fields the advice may not have yet (summary_source, script_kind, ...) are read with defaults
                summary_source = getattr(advice, "summary_source", None)
                script_kind = getattr(advice, "script_kind", None)
                values, details = M.advice_metrics(
                    situation=case.situation, summary=advice.summary, steps=advice.steps, script=advice.script,
                    citation_sources=[c.source for c in advice.citations],
                    suggested=[r.name for r in advice.related_contacts], contacts=data.contacts, lead=case.lead,
                    also=case.also, must_include=case.must_include, helpful=case.helpful,
                    script_to=case.script_to, script_contact=script_contact, direction=case.direction,
                    read_direction=getattr(getattr(advice, "situation", None), "direction", None))
                values.update({
                    "model_summary": None if summary_source is None else float(summary_source == "model"),
                    "draft_script": None if script_kind is None else float(script_kind == "draft"),
                    "latency_ms": float(advice.latency_ms), "error": 0.0})
                details["why"] = {r.name: getattr(r, "why", "") for r in advice.related_contacts}
                result.output = advice.model_dump(mode="json", exclude={"title"}) | {
                    "article": getattr(advice, "title", advice.situation), "summary_source": summary_source, "script_kind": script_kind}
                result.metrics, result.details = values, details
            except Exception as exc:  # recorded in the report and counted as a failed case
                result.error = f"{type(exc).__name__}: {exc}"[:500]
                result.metrics = {"steps_count": 0.0, "steps_ok": 0.0, "lead_top1": 0.0, "lead_top3": 0.0,
                                  "fit_top1": 0.0, "theme_top1": 0.0, "summary_support": 0.0,
                                  "script_stranger": 0.0, "script_to_hit": 0.0, "includes": 0.0,
                                  "helpful_hit": 0.0 if case.helpful else None, "helpful_precision": None,
                                  "model_summary": None, "draft_script": None, "latency_ms": None, "error": 1.0}
            results.append(result)
            if advance:
                advance(1)
        suite = SuiteResult(name="advice", cases=results, seconds=round(time.perf_counter() - start, 2))
        suite.metrics = advice_summary(results)
        suite.extra = {"by_theme": _advice_by_theme(results)}
        return suite

    def run_retrieval(self, advance: Progress | None = None) -> SuiteResult:
        from evals.retrieval import run_retrieval_eval

        start = time.perf_counter()
        out = run_retrieval_eval(self.settings, embeddings=self._embeddings)
        metrics: dict[str, float | None] = {}
        for set_name, modes in out["summary"].items():
            for mode, values in modes.items():
                for key, value in values.items():
                    metrics[f"{set_name}.{mode}.{key}"] = value
        cases = [CaseResult(suite="retrieval", id=f"{r['set']}:{r['mode']}:{i}", input={"query": r["query"],
                            "expected": r["expected"]}, output={"ranked": r["ranked"][:10]},
                            metrics={k: r[k] for k in ("hit@3", "mrr@10", "ndcg@10") if k in r})
                 for i, r in enumerate(out["queries"])]
        if advance:
            advance(1)
        return SuiteResult(name="retrieval", cases=cases, metrics=metrics,
                           extra={"table": out["table"], "counts": out["counts"]},
                           seconds=round(time.perf_counter() - start, 2))

    def run(self, suites: tuple[str, ...] = SUITES, advance: Progress | None = None,
            thresholds: dict | None = None) -> Report:
        unknown = [s for s in suites if s not in SUITES]
        if unknown:
            raise ConfigurationError(f"Unknown suite(s) {', '.join(unknown)}: use {', '.join(SUITES)} or all.")
        from coach.config.prompts import load_prompt

        start = time.perf_counter()
        report = Report(model=self.model_name, embeddings=self.embeddings_name,
                        judge=self.judge.name if self.judge else None, candidates=self.candidates,
                        quick=self.quick, pattern=self.pattern, commit=commit(),
                        prompts={n: load_prompt(n).ref for n in ("draft", "draft_capable", "revise", "advise",
                                                                 "judge")})
        try:
            for name in suites:
                report.suites[name] = getattr(self, f"run_{name}")(advance)
        finally:
            self._tmp.cleanup()
        report.seconds = round(time.perf_counter() - start, 2)
        report.metrics = headline(report, load_thresholds() if thresholds is None else thresholds)
        return report


# ---------------------------------------------------------------- summaries
def _mean(results: list[CaseResult], key: str) -> float | None:
    value = M.mean_of([r.metrics.get(key) for r in results])
    return None if value is None else round(value, 4)


def drafting_summary(results: list[CaseResult]) -> dict[str, float | None]:
    """`sendable_rate` and `failures.<kind>` (drafts that failed each rule) come from evals/sendable.py;
    `hard_pass_rate` is the checker's hard checks and the eval's own grammar rules (evals/grammar.py: the
    drafter never selected on them, so it can fail); `path.<path>` is the share of drafts made each way."""
    latencies = [r.metrics["latency_ms"] for r in results if r.metrics.get("latency_ms") is not None]
    p50, p95 = M.percentile(latencies, 50), M.percentile(latencies, 95)
    out: dict[str, float | None] = {
        "cases": float(len(results)),
        "sendable_rate": _mean(results, "sendable"),
        **{f"failures.{kind}": float(sum(r.metrics.get(f"fail.{kind}") or 0.0 for r in results))
           for kind in KINDS},
        "must_contain_recall": _mean(results, "must_contain_recall"),
        "unsupported_rate": _mean(results, "unsupported"),
        "limit_compliance": _mean(results, "within_limit"),
        "readability_grade": _mean(results, "readability_grade"),
        "hard_pass_rate": _mean(results, "hard_pass"),
        "raw_pass_rate": _mean(results, "raw_pass"),
        "repair_rate": _mean(results, "repaired"),
        "fallback_rate": _mean(results, "fallback"),
    }
    if any(f"path.{p}" in r.metrics for r in results for p in PATHS):
        out.update({f"path.{p}": _mean(results, f"path.{p}") or 0.0 for p in PATHS})
    out.update({"error_rate": _mean(results, "error"),
                "latency_p50_ms": None if p50 is None else round(p50),
                "latency_p95_ms": None if p95 is None else round(p95)})
    return out


def advice_summary(results: list[CaseResult]) -> dict[str, float | None]:
    """Rates over the cases; `script_stranger` is a count: scripts that greet someone the user neither
    knows nor named."""
    latencies = [r.metrics["latency_ms"] for r in results if r.metrics.get("latency_ms") is not None]
    p50 = M.percentile(latencies, 50)
    return {
        "cases": float(len(results)),
        "lead_top1": _mean(results, "lead_top1"),
        "lead_top3": _mean(results, "lead_top3"),
        "fit_top1": _mean(results, "fit_top1"),
        "lead_direction": _mean(results, "lead_direction"),
        "direction_right": _mean(results, "direction_right"),
        "theme_top1": _mean(results, "theme_top1"),
        "summary_support": _mean(results, "summary_support"),
        "script_stranger": float(sum(r.metrics.get("script_stranger") or 0.0 for r in results)),
        "script_to_hit": _mean(results, "script_to_hit"),
        "helpful_hit": _mean(results, "helpful_hit"),
        "helpful_precision": _mean(results, "helpful_precision"),
        "includes_rate": _mean(results, "includes"),
        "steps_mean": _mean(results, "steps_count"),
        "steps_ok_rate": _mean(results, "steps_ok"),
        "model_summary_rate": _mean(results, "model_summary"),
        "draft_script_rate": _mean(results, "draft_script"),
        "error_rate": _mean(results, "error"),
        "latency_p50_ms": None if p50 is None else round(p50),
    }


def _advice_by_theme(results: list[CaseResult]) -> dict[str, dict[str, float | None]]:
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        groups.setdefault(str((r.input.get("themes") or ["?"])[0]), []).append(r)
    return {k: {"cases": float(len(v)), "lead_top1": _mean(v, "lead_top1"), "lead_top3": _mean(v, "lead_top3"),
                "summary_support": _mean(v, "summary_support"), "script_to_hit": _mean(v, "script_to_hit"),
                "helpful_hit": _mean(v, "helpful_hit")}
            for k, v in sorted(groups.items())}


def _script_contact(advice: Any, store: Any, contacts: list) -> str | None:
    """The case-file key of the contact the advice says its script is a draft to (None when it says none)."""
    contact_id = getattr(advice, "script_contact_id", None)
    if contact_id is None:
        return None
    from coach.core.errors import NotFoundError

    try:
        person = store.get_contact(contact_id)
    except NotFoundError:  # an id the store does not hold: a draft to nobody the user knows
        return "?"
    match = [c.key for c in contacts if (c.first_name, c.last_name) == (person.first_name, person.last_name)]
    return match[0] if match else "?"


def judge_summary(results: list[CaseResult], name: str) -> dict[str, Any]:
    verdicts = [r.judge for r in results if r.judge is not None]
    parsed = [v for v in verdicts if v.get("scores")]
    out: dict[str, Any] = {"model": name, "graded": len(verdicts), "unparsable": len(verdicts) - len(parsed)}
    from evals.judge import CRITERIA

    for c in CRITERIA:
        out[c] = round(sum(v["scores"][c] for v in parsed) / len(parsed), 3) if parsed else None
    out["mean"] = round(sum(v["mean"] for v in parsed) / len(parsed), 3) if parsed else None
    return out


def _grouped(results: list[CaseResult], field: str) -> dict[str, dict[str, float | None]]:
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        groups.setdefault(str(r.input.get(field)), []).append(r)
    return {k: {"cases": float(len(v)), "sendable_rate": _mean(v, "sendable"),
                "must_contain_recall": _mean(v, "must_contain_recall"), "unsupported_rate": _mean(v, "unsupported"),
                "hard_pass_rate": _mean(v, "hard_pass"), "fallback_rate": _mean(v, "fallback")}
            for k, v in groups.items()}


def load_thresholds(path: Path = THRESHOLDS) -> dict[str, dict[str, float]]:
    """suite.metric -> {"min": x} or {"max": x}, from evals/thresholds.yaml; the `quick:` section's bounds
    (for `coach eval --quick`) as "quick:suite.metric"."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"Cannot read {path} ({exc}); restore it from the repository.") from None
    out: dict[str, dict[str, float]] = {}
    for section, prefix in (("thresholds", ""), ("quick", "quick:")):
        for suite, items in (data.get(section) or {}).items():
            for metric, bound in (items or {}).items():
                if not isinstance(bound, dict) or not set(bound) <= {"min", "max"}:
                    raise ConfigurationError(f"{path}: {suite}.{metric} needs 'min:' or 'max:'.")
                out[f"{prefix}{suite}.{metric}"] = {k: float(v) for k, v in bound.items()}
    return out


def headline(report: Report, thresholds: dict[str, dict[str, float]]) -> list[MetricResult]:
    """Every suite's metrics, flat, each with its direction and threshold verdict."""
    out: list[MetricResult] = []
    for suite_name, suite in report.suites.items():
        items = dict(suite.metrics)
        if "judge" in suite.extra:
            items.update({f"__judge.{k}": v for k, v in suite.extra["judge"].items()
                          if k not in ("model", "graded")})
        for key, value in items.items():
            if key == "cases":
                continue
            name = key[2:] if key.startswith("__") else f"{suite_name}.{key}"
            higher, deterministic = direction(name)
            bound = thresholds.get(f"quick:{name}") if report.quick and f"quick:{name}" in thresholds \
                else thresholds.get(name)
            threshold, passed = None, None
            if bound and value is not None:
                if "min" in bound:
                    threshold, passed = bound["min"], value >= bound["min"] - 1e-9
                else:
                    threshold, passed = bound["max"], value <= bound["max"] + 1e-9
            elif bound:
                threshold, passed = bound.get("min", bound.get("max")), False
            out.append(MetricResult(name=name, value=value, higher_is_better=higher, deterministic=deterministic,
                                    threshold=threshold, passed=passed))
    return out
