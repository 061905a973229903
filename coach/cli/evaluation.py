"""`coach eval`: run the evaluation suite and write report.json, report.md and report.html."""

from __future__ import annotations

from pathlib import Path

import typer

from coach.cli import app
from coach.cli.common import JSON_HELP, console, emit, progress, settings
from coach.core.errors import CoachError, ConfigurationError, InputError

SUITE_CHOICES = ("drafting", "advice", "retrieval", "all")


class BelowThresholdError(CoachError):
    """--strict: a metric missed evals/thresholds.yaml (the reports are still written)."""

    exit_code = 1


@app.command("eval")
def evaluate(
    suite: str = typer.Option("all", "--suite", help="drafting, advice, retrieval, or all."),
    llm: str | None = typer.Option(None, "--llm", help="Chat model to evaluate: llamacpp/smollm2 (default) or "
                                   "openai/<model> (with COACH_LLM_BASE_URL for a local server)."),
    out: Path = typer.Option(Path("eval-out"), "--out", help="Folder for report.json, report.md, report.html."),
    baseline: Path | None = typer.Option(None, "--baseline", help="A report.json to compare with: deltas per "
                                         "metric and the cases that got worse."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when a metric misses evals/thresholds.yaml."),
    quick: bool = typer.Option(False, "--quick", help="The fixed quick subset (cases marked quick), "
                               "2 candidates unless --candidates says otherwise."),
    candidates: int | None = typer.Option(None, "--candidates", min=1, max=16,
                                          help="Draft candidates per case (default COACH_CANDIDATES)."),
    judge: str | None = typer.Option(None, "--judge", help="Grade drafts with a judge model, openai/<model> "
                                     "(never the embedded 135M model)."),
    cases: str | None = typer.Option(None, "--cases", help="Only cases whose id matches this pattern."),
    thresholds: Path | None = typer.Option(None, "--thresholds", help="Thresholds for --strict "
                                           "(default evals/thresholds.yaml)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Run the evaluation suite on the configured model; write the three reports to --out."""
    from evals.judge import Judge, check_judge_name
    from evals.report import headline_rows, load_report_safe, write_reports
    from evals.runner import Runner, load_thresholds

    if suite not in SUITE_CHOICES:
        raise InputError(f"Unknown suite '{suite}': use one of {', '.join(SUITE_CHOICES)}.")
    suites = ("drafting", "advice", "retrieval") if suite == "all" else (suite,)
    if judge:
        check_judge_name(judge)
    base = load_report_safe(baseline) if baseline else None
    bounds = load_thresholds(thresholds) if thresholds else load_thresholds()
    cfg = settings()
    if llm:
        from coach.config.settings import load_settings

        cfg = load_settings(llm=llm)
    from coach.llm.providers import validate_names

    validate_names(cfg)
    judge_obj = Judge.from_name(judge, cfg) if judge else None
    runner = Runner(cfg, judge=judge_obj, candidates=candidates, quick=quick, pattern=cases)
    total = runner.count(suites)
    if total - ("retrieval" in suites) == 0 and set(suites) & {"drafting", "advice"}:
        raise InputError(f"No eval case id matches '{cases}': see the ids in evals/cases/." if cases
                         else "No eval cases selected.")
    with progress(f"Evaluating {cfg.llm}", total, enabled=not as_json) as advance:
        report = runner.run(suites, advance, thresholds=bounds)
    try:
        paths = write_reports(report, out, base)
    except OSError as exc:
        raise ConfigurationError(f"Cannot write the reports to {out} ({exc.strerror or exc}); "
                                 "pass a writable --out folder.") from None

    def render(_: object) -> None:
        header, rows = headline_rows(report, base)
        from rich.table import Table

        table = Table(*header, title=f"{report.model} · {report.candidates} candidates")
        for row in rows:
            table.add_row(*(c.replace("**", "") for c in row))
        console.print(table)
        console.print(f"Reports: {paths['md']}, {paths['html']}, {paths['json']}")

    emit(report.model_dump(mode="json"), as_json, render)
    failures = report.strict_failures
    if strict and failures:
        raise BelowThresholdError(
            "Below threshold (--strict): " + ", ".join(f"{m.name} = {m.value} (threshold {m.threshold})"
                                                       for m in failures)
            + f"; see {paths['md']} for the cases.")
