"""Print the drafts a case file gets, for reading them as their recipient would (a dev tool, no metrics).

    python -m evals.show_drafts evals/cases/drafting_dev2.yaml [--pattern RX] [--model embedded|template|reference]

`template` (the default) drafts with a model that writes nothing usable, so what is shown is composed from
facts alone; `embedded` uses the configured embedded model (slow: seconds a draft); `reference` plays a capable
model that answers every request with the case's reference draft and reports whether it came back as written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evals.schema import DraftingSet, _load, select


def _norm(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", type=Path)
    parser.add_argument("--pattern", default=None)
    parser.add_argument("--model", choices=("template", "embedded", "reference"), default="template")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from coach.config.settings import load_settings
    from evals.runner import Runner
    from tests.doubles import HashingEmbeddings, ScriptedChatModel

    data: DraftingSet = _load(args.cases, DraftingSet)
    cases = select(data.cases, pattern=args.pattern)
    settings = load_settings()
    model = None
    if args.model == "template":
        model = ScriptedChatModel(responder=lambda messages: "", capable=False)
    elif args.model == "reference":
        by_request: dict[str, str] = {}

        def respond(messages) -> str:
            prompt = "\n".join(str(m.content) for m in messages)
            hits = [ref for key, ref in by_request.items() if key in prompt]
            return hits[0] if hits else ""

        model = ScriptedChatModel(responder=respond, capable=True)
    runner = Runner(settings, model=model, embeddings=HashingEmbeddings(), candidates=1,
                    drafting=data.model_copy(update={"cases": cases}))
    out = []
    kept = 0
    for case in cases:
        if args.model == "reference":
            by_request.clear()
            by_request[f"to {data.contact(case.to).name} ("] = case.reference
        single = Runner(settings, model=runner.model, embeddings=runner._embeddings, candidates=1,
                        drafting=data.model_copy(update={"cases": [case]}))
        single._retriever = runner.retriever()
        result = single.run_drafting().cases[0]
        o = result.output
        text = (f"Subject: {o.get('subject')}\n" if o.get("subject") else "") + str(o.get("body", result.error))
        row = {"id": case.id, "goal": case.goal, "channel": case.channel, "context": case.context,
               "path": o.get("path"), "draft": text, "reading": o.get("reading", ""),
               "sendable": result.metrics.get("sendable"), "failed": result.details.get("failures", "")}
        if args.model == "reference":
            ref = case.reference
            subject = ""
            if case.channel == "email":
                first, _, ref = ref.partition("\n")
                subject = first.split(":", 1)[1].strip()
            row["as_written"] = _norm(o.get("body", "")) == _norm(ref) and o.get("subject", "") == subject
            with single._case_coach(f"check-{case.id}", data.profile, data.contacts) as (coach, _store):
                text_in = (f"Subject: {subject}\n" if subject else "") + ref
                report = coach.check(text_in, case.channel, data.contact(case.to).name, case.goal, case.context)
            row["failed_checks"] = [("HARD " if c.hard else "") + c.name + ": " + c.detail
                                    for c in report.checks if not c.passed]
            kept += row["as_written"]
        out.append(row)
        if not args.json:
            print(f"=== {case.id} [{case.goal}/{case.channel}] path={row['path']} context={case.context!r}")
            if row.get("reading"):
                print(f"    reading: {row['reading']}")
            print(text)
            if args.model == "reference" and not row["as_written"]:
                print("    NOT AS WRITTEN:", row["failed_checks"])
            print()
    if args.json:
        json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    elif args.model == "reference":
        print(f"as written: {kept}/{len(cases)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
