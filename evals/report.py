"""Reports: report.json (the whole run), report.md (tables) and report.html (tables and charts).

The HTML is readable offline: its charts are SVG drawn by matplotlib and
inlined, with no script at all. (Altair's `to_html()` loads vega-embed from a
CDN, and vl-convert, which would render Vega-Lite to SVG offline, is not a
dependency; matplotlib already is.)
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path
from typing import Any

from evals.runner import direction
from evals.schema import CaseResult, Report
from evals.sendable import KINDS

# Per-case metrics: True when higher is better (latency and counts are left out of "worse" checks).
CASE_DIRECTIONS = {
    "sendable": True, **{f"fail.{kind}": False for kind in KINDS}, "must_contain_recall": True,
    "hard_pass": True, "unsupported": False, "within_limit": True, "readability_grade": False,
    "fallback": False, "raw_pass": True, "repaired": False, "steps_ok": True, "theme_top1": True, "includes": True,
    "lead_top1": True, "lead_top3": True, "fit_top1": True, "summary_support": True, "script_stranger": False,
    "script_to_hit": True, "helpful_hit": True, "helpful_precision": True, "hit@3": True, "mrr@10": True, "ndcg@10": True, "error": False,
}
# `sendable` shares most of its rules with the checker the drafter selects on: it is reported per case, never
# in the headline (the headline is the blind judgement on the test set, and what can fail here).
HEADLINE = (
    *(f"drafting.failures.{kind}" for kind in KINDS), "drafting.must_contain_recall",
    "drafting.unsupported_rate", "drafting.limit_compliance", "drafting.readability_grade",
    "drafting.hard_pass_rate", "drafting.raw_pass_rate", "drafting.repair_rate", "drafting.fallback_rate",
    *(f"drafting.path.{p}" for p in ("as-written", "revised", "repaired", "template")), "drafting.latency_p50_ms",
    "advice.lead_top1", "advice.lead_top3", "advice.summary_support", "advice.script_stranger",
    "advice.script_to_hit", "advice.helpful_hit", "advice.helpful_precision", "advice.includes_rate",
    "retrieval.guidance.hybrid.hit@3", "retrieval.guidance.hybrid.mrr@10", "retrieval.guidance.hybrid.ndcg@10",
    "retrieval.contacts.hybrid.hit@3", "retrieval.contacts.hybrid.mrr@10", "retrieval.contacts.hybrid.ndcg@10",
    "judge.mean", "judge.unparsable",
)


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.3f}"


# ---------------------------------------------------------------- baseline
def deltas(current: Report, baseline: Report) -> list[dict[str, Any]]:
    """One row per metric present in both: value, baseline, delta, and whether it got better or worse."""
    base = {m.name: m.value for m in baseline.metrics}
    rows = []
    for m in current.metrics:
        if m.name not in base:
            continue
        before = base[m.name]
        delta = None if m.value is None or before is None else round(m.value - before, 4)
        verdict = "same"
        if delta:
            better = delta > 0 if m.higher_is_better else delta < 0
            verdict = "better" if better else "worse"
        rows.append({"metric": m.name, "value": m.value, "baseline": before, "delta": delta, "change": verdict,
                     "deterministic": m.deterministic})
    return rows


def worse_cases(current: Report, baseline: Report) -> list[dict[str, Any]]:
    """Cases (same suite and id in both runs) where any per-case metric moved the wrong way."""
    before = {(c.suite, c.id): c for s in baseline.suites.values() for c in s.cases}
    out = []
    for suite in current.suites.values():
        for case in suite.cases:
            old = before.get((case.suite, case.id))
            if old is None:
                continue
            moved = []
            for key, higher in CASE_DIRECTIONS.items():
                a, b = case.metrics.get(key), old.metrics.get(key)
                if a is None or b is None or a == b:
                    continue
                if (a < b) if higher else (a > b):
                    moved.append(f"{key} {fmt(b)}→{fmt(a)}")
            if moved:
                out.append({"suite": case.suite, "id": case.id, "changes": moved,
                            "output": case.output.get("body") or case.output.get("summary") or ""})
    return out


# ---------------------------------------------------------------- markdown
def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def headline_rows(report: Report, baseline: Report | None = None) -> tuple[list[str], list[list[str]]]:
    base = {r["metric"]: r for r in deltas(report, baseline)} if baseline else {}
    header = ["metric", "value", "threshold", "status"] + (["baseline", "Δ"] if baseline else [])
    rows = []
    names = [n for n in HEADLINE if report.metric(n)]
    names += [m.name for m in report.metrics if m.name not in names and
              (m.threshold is not None or (m.name in base and base[m.name]["delta"]))]
    for name in names:
        m = report.metric(name)
        bound = "" if m.threshold is None else ("≥ " if m.higher_is_better else "≤ ") + fmt(m.threshold)
        status = {True: "pass", False: "**FAIL**", None: ""}[m.passed]
        row = [name, fmt(m.value), bound, status]
        if baseline:
            d = base.get(name)
            row += [fmt(d["baseline"]) if d else "—",
                    (f"{d['delta']:+.3f} ({d['change']})" if d and d["delta"] else "0") if d else "—"]
        rows.append(row)
    return header, rows


def to_markdown(report: Report, baseline: Report | None = None) -> str:
    out = [f"# Networking Coach evaluation — {report.model}", "",
           f"- model: `{report.model}` · embeddings: `{report.embeddings}` · candidates: {report.candidates}"
           + (f" · judge: `{report.judge}`" if report.judge else ""),
           f"- prompts: {', '.join(report.prompts.values())} · commit: `{report.commit or 'unknown'}` · "
           f"{report.created} · {report.seconds:.0f} s" + (" · quick subset" if report.quick else ""),
           "- suites: " + ", ".join(f"{n} ({len(s.cases)} cases)" for n, s in report.suites.items()), ""]
    if baseline:
        out += [f"Compared with the baseline `{baseline.model}` at `{baseline.commit or 'unknown'}` "
                f"({baseline.created}).", ""]
    header, rows = headline_rows(report, baseline)
    out += ["## Headline", "", _table(header, rows), ""]
    failures = report.strict_failures
    if failures:
        out += ["Below threshold: " + ", ".join(f"`{m.name}` = {fmt(m.value)}" for m in failures), ""]
    if "drafting" in report.suites:
        d = report.suites["drafting"]
        for group in ("by_channel", "by_goal"):
            data = d.extra.get(group, {})
            if data:
                keys = list(next(iter(data.values())))
                out += [f"## Drafting {group.replace('_', ' ')}", "",
                        _table([group[3:], *keys], [[k, *(fmt(v.get(c)) for c in keys)] for k, v in data.items()]),
                        ""]
        if "judge" in d.extra:
            j = d.extra["judge"]
            out += ["## Judge", "", f"Judge model `{j['model']}`: {j['graded']} graded, {j['unparsable']} unparsable.",
                    "", _table(["criterion", "mean (1-5)"],
                               [[c, fmt(j.get(c))] for c in ("relevant", "specific", "clear", "human",
                                                              "low_friction", "mean")]), ""]
        out += ["## Drafting cases", "", "`sendable` and `failures` by the eval's own rules (evals/sendable.py); "
                "`hard` by the coach's checker (a safety net).", "", _table(
                    ["case", "sendable", "failures", "path", "hard", "ms", "draft"],
                    [[c.id, fmt(c.metrics.get("sendable")), ", ".join(_kinds(c)) or "—",
                      str(c.output.get("path") or "—"), fmt(c.metrics.get("hard_pass")),
                      fmt(c.metrics.get("latency_ms")), _cell(c)] for c in d.cases]), ""]
        unsendable = [c for c in d.cases if c.metrics.get("sendable") != 1.0]
        out += [f"## Unsendable drafts ({len(unsendable)})", ""]
        for c in unsendable:
            out += [f"### {c.id}", "", f"{c.input.get('goal')} · {c.input.get('channel')} · to "
                    f"{c.input.get('to')}" + (f" · request: “{c.input['context']}”" if c.input.get("context")
                                                else " · no request"), ""]
            out += [f"- **{f['kind']}**: {f['detail']}" for f in c.details.get("failures", [])]
            out += [f"- **error**: {c.error}"] if c.error else []
            out += ["", *(f"> {line}" if line else ">" for line in _draft_text(c).splitlines()), ""]
    if "advice" in report.suites:
        a = report.suites["advice"]
        themes = a.extra.get("by_theme", {})
        if themes:
            keys = list(next(iter(themes.values())))
            out += ["## Advice by theme", "",
                    _table(["theme", *keys], [[k, *(fmt(v.get(m)) for m in keys)] for k, v in themes.items()]), ""]
        out += ["## Advice cases", "", _table(
            ["case", "lead", "cited first", "top1", "top3", "summary", "script to", "greets", "stranger",
             "helpful", "precision", "includes"],
            [[c.id, _slug(c.input.get("lead")), _slug((c.details.get("cited") or [c.error or ""])[0]),
              fmt(c.metrics.get("lead_top1")), fmt(c.metrics.get("lead_top3")),
              fmt(c.metrics.get("summary_support")), html.escape(str(c.input.get("script_to") or "—")),
              html.escape(", ".join(c.details.get("greeted", [])) or "—"), fmt(c.metrics.get("script_stranger")),
              fmt(c.metrics.get("helpful_hit")), fmt(c.metrics.get("helpful_precision")),
              fmt(c.metrics.get("includes"))] for c in a.cases]), ""]
    if "retrieval" in report.suites:
        out += ["## Retrieval", "", report.suites["retrieval"].extra.get("table", ""), ""]
    if baseline:
        worse = worse_cases(report, baseline)
        out += [f"## Cases that got worse ({len(worse)})", ""]
        out += [f"- {w['suite']}/{w['id']}: {'; '.join(w['changes'])}" for w in worse] or ["None."]
        out.append("")
    return "\n".join(out)


def _slug(source: object) -> str:
    """'knowledge/support/no-reply-after-an-ask.md' -> 'support/no-reply-after-an-ask'."""
    text = str(source or "")
    return html.escape(text.removeprefix("knowledge/").removesuffix(".md")).replace("|", "\\|")


def _kinds(case: CaseResult) -> list[str]:
    return list(dict.fromkeys(f["kind"] for f in case.details.get("failures", []))) + (["error"] if case.error else [])


def _draft_text(case: CaseResult) -> str:
    subject = case.output.get("subject")
    return (f"Subject: {subject}\n\n" if subject else "") + str(case.output.get("body", ""))


def _cell(case: CaseResult) -> str:
    if case.error:
        return f"ERROR {case.error}"
    text = (f"[{case.output.get('subject')}] " if case.output.get("subject") else "") + str(case.output.get("body", ""))
    return html.escape(" ".join(text.split())).replace("|", "\\|")


# ---------------------------------------------------------------- charts and html
def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.find("<svg"):]


def _bars(title: str, groups: dict[str, dict[str, float | None]], metrics: list[str], ylim: float | None = 1.05):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.2))
    names = list(groups)
    width = 0.8 / max(1, len(metrics))
    for i, metric in enumerate(metrics):
        values = [groups[n].get(metric) or 0.0 for n in names]
        ax.bar([x + i * width for x in range(len(names))], values, width, label=metric)
    ax.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(names))], names, rotation=20, ha="right")
    if ylim:
        ax.set_ylim(0, ylim)
    ax.set_title(title)
    ax.legend(fontsize=7, ncol=min(4, len(metrics)))
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig)


def charts(report: Report) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if "drafting" in report.suites:
        d = report.suites["drafting"]
        rates = ["sendable_rate", "must_contain_recall", "hard_pass_rate", "fallback_rate"]
        if d.extra.get("by_channel"):
            out.append(("Drafting by channel", _bars("Drafting by channel", d.extra["by_channel"], rates)))
        if d.extra.get("by_goal"):
            out.append(("Drafting by goal", _bars("Drafting by goal", d.extra["by_goal"], rates)))
    if "advice" in report.suites:
        a = report.suites["advice"]
        groups = a.extra.get("by_theme") or {"advice": a.metrics}
        out.append(("Advice by theme", _bars("Advice by theme", groups,
                                             ["lead_top1", "lead_top3", "summary_support", "script_to_hit",
                                              "helpful_hit"])))
    if "retrieval" in report.suites:
        r = report.suites["retrieval"].metrics
        for set_name in ("guidance", "contacts"):
            groups = {mode: {m: r.get(f"{set_name}.{mode}.{m}") for m in ("hit@3", "mrr@10", "ndcg@10")}
                      for mode in ("dense", "bm25", "hybrid") if f"{set_name}.{mode}.hit@3" in r}
            if groups:
                out.append((f"Retrieval: {set_name}", _bars(f"Retrieval ({set_name})", groups,
                                                            ["hit@3", "mrr@10", "ndcg@10"])))
    return out


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c)).replace('**', '')}</td>" for c in r) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(report: Report, baseline: Report | None = None) -> str:
    header, rows = headline_rows(report, baseline)
    parts = [f"<h1>Networking Coach evaluation — {html.escape(report.model)}</h1>",
             f"<p>embeddings <code>{html.escape(report.embeddings)}</code> · candidates {report.candidates} · "
             f"prompts {html.escape(', '.join(report.prompts.values()))} · commit <code>"
             f"{html.escape(report.commit or 'unknown')}</code> · {html.escape(report.created)} · "
             f"{report.seconds:.0f} s" + (f" · judge <code>{html.escape(report.judge)}</code>" if report.judge else "")
             + "</p>", "<h2>Headline</h2>", _html_table(header, rows)]
    for title, svg in charts(report):
        parts += [f"<h2>{html.escape(title)}</h2>", f"<figure>{svg}</figure>"]
    if "drafting" in report.suites:
        cases = report.suites["drafting"].cases
        parts += ["<h2>Drafting cases</h2>", _html_table(
            ["case", "sendable", "failures", "path", "hard (checker)", "draft"],
            [[c.id, fmt(c.metrics.get("sendable")), ", ".join(_kinds(c)) or "—", str(c.output.get("path") or "—"),
              fmt(c.metrics.get("hard_pass")), c.error or _draft_text(c)] for c in cases])]
        unsendable = [c for c in cases if c.metrics.get("sendable") != 1.0]
        parts.append(f"<h2>Unsendable drafts ({len(unsendable)})</h2>")
        for c in unsendable:
            request = f" · request: “{c.input['context']}”" if c.input.get("context") else " · no request"
            items = [f"<li><b>{html.escape(f['kind'])}</b>: {html.escape(f['detail'])}</li>"
                     for f in c.details.get("failures", [])]
            items += [f"<li><b>error</b>: {html.escape(c.error)}</li>"] if c.error else []
            where = f"{c.input.get('goal')} · {c.input.get('channel')} · to {c.input.get('to')}{request}"
            parts += [f"<h3>{html.escape(c.id)}</h3>", f"<p>{html.escape(where)}</p>", f"<ul>{''.join(items)}</ul>",
                      f"<pre>{html.escape(_draft_text(c))}</pre>"]
    if "advice" in report.suites:
        parts += ["<h2>Advice cases</h2>", _html_table(
            ["case", "situation", "lead", "cited first", "top1", "summary ok", "summary", "script to", "script",
             "helpful", "people"],
            [[c.id, str(c.input.get("situation", "")), str(c.input.get("lead", "")),
              str((c.details.get("cited") or [""])[0]), fmt(c.metrics.get("lead_top1")),
              fmt(c.metrics.get("summary_support")), c.error or str(c.output.get("summary", "")),
              str(c.input.get("script_to") or "—"), str(c.output.get("script", "")),
              fmt(c.metrics.get("helpful_hit")),
              "; ".join(f"{p.get('name')} ({p.get('why', '')})" for p in c.output.get("related_contacts", []))]
             for c in report.suites["advice"].cases])]
    if baseline:
        worse = worse_cases(report, baseline)
        parts += [f"<h2>Cases that got worse ({len(worse)})</h2>",
                  _html_table(["case", "changes"], [[f"{w['suite']}/{w['id']}", "; ".join(w["changes"])]
                                                    for w in worse])]
    style = ("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}"
             "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;"
             "padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}figure{margin:0}"
             "pre{white-space:pre-wrap;background:#fafafa;padding:8px}")
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Coach eval</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")


def write_reports(report: Report, out: Path, baseline: Report | None = None) -> dict[str, Path]:
    """Write report.json, report.md and report.html into `out` (created); return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    data = report.model_dump(mode="json")
    if baseline:
        data["baseline"] = {"model": baseline.model, "commit": baseline.commit, "created": baseline.created,
                            "deltas": deltas(report, baseline), "worse_cases": worse_cases(report, baseline)}
    paths = {"json": out / "report.json", "md": out / "report.md", "html": out / "report.html"}
    paths["json"].write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    paths["md"].write_text(to_markdown(report, baseline), encoding="utf-8")
    paths["html"].write_text(to_html(report, baseline), encoding="utf-8")
    return paths


def comparison_markdown(reports: dict[str, Report]) -> str:
    """Backends side by side: one column per labelled report, one row per headline metric."""
    labels = list(reports)
    names: list[str] = []
    for r in reports.values():
        names += [m.name for m in r.metrics if m.name not in names]
    rows = []
    for name in names:
        higher, _ = direction(name)
        cells = [fmt(getattr(reports[label].metric(name), "value", None)) for label in labels]
        rows.append([name + ("" if higher else " (lower is better)"), *cells])
    head = ["metric", *(f"{label} (`{reports[label].model}`)" for label in labels)]
    return "# Side by side\n\n" + _table(head, rows) + "\n"


def write_comparison(reports: dict[str, Report], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "comparison.md"
    path.write_text(comparison_markdown(reports), encoding="utf-8")
    (out / "comparison.json").write_text(json.dumps(
        {label: {m.name: m.value for m in r.metrics} | {"model": r.model} for label, r in reports.items()},
        indent=2), encoding="utf-8")
    return path


def load_report_safe(path: Path) -> Report:
    """A baseline report.json, or a clear ConfigurationError."""
    from evals.schema import load_report

    return load_report(Path(path))
