"""The advice dev run for issue 25: each case of a dev file answered over Sam Rivera's network (the store and
profile of evals/cases/advice.yaml), scored by this file's own plain rules, one line per case.

    python -m evals.advice_dev [--cases evals/cases/advice_dev2.yaml] [--only PATTERN] [--show]

Scores: direction right (the reading's direction is the labelled one), lead fits (the first citation is the
labelled lead or one of `also`), script to the right person (a draft to `script_to`, or to nobody). Cases may
name articles that do not exist yet (a gap the corpus is meant to fill): their lead cannot fit until written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from evals.schema import AdviceSet, load_advice

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default=str(HERE / "cases" / "advice_dev2.yaml"))
    parser.add_argument("--only", default="")
    parser.add_argument("--show", action="store_true", help="print the reading, lead, steps and script")
    args = parser.parse_args(argv)
    from coach.config.settings import load_settings
    from evals.runner import Runner, _script_contact

    world = load_advice()
    cases = [c for c in yaml.safe_load(Path(args.cases).read_text(encoding="utf-8"))["cases"]
             if not args.only or re.search(args.only, c["id"])]
    runner = Runner(load_settings(), advice=AdviceSet(profile=world.profile, contacts=world.contacts, cases=[]))
    tally = {"direction": 0, "lead": 0, "script": 0}
    for case in cases:
        with runner._case_coach(f"dev-{case['id']}", world.profile, world.contacts) as (coach, store):
            advice = coach.advise(" ".join(case["situation"].split()))
            to = _script_contact(advice, store, world.contacts)
        fits = {case["lead"], *case.get("also", [])}
        lead = advice.citations[0].source if advice.citations else ""
        right = {"direction": advice.situation.direction == case["direction"], "lead": lead in fits,
                 "script": to == case.get("script_to")}
        for key, ok in right.items():
            tally[key] += ok
        marks = "".join("+" if right[k] else "-" for k in ("direction", "lead", "script"))
        print(f"{marks} {case['id']:<40} {advice.situation.direction:<12} (want {case['direction']:<12}) "
              f"{lead.removeprefix('knowledge/')}" + (f"  script->{to}" if to else ""))
        if args.show:
            print(f"    {advice.situation.reading}\n    lead: {advice.title}\n    note: {advice.note}")
            print("    steps: " + " | ".join(advice.steps[:3]))
            print("    script: " + advice.script.replace("\n", " / ")[:600] + "\n")
    n = len(cases) or 1
    print(f"\n{len(cases)} cases: direction right {tally['direction']}/{len(cases)} ({tally['direction'] / n:.2f}), "
          f"lead fits {tally['lead']}/{len(cases)} ({tally['lead'] / n:.2f}), "
          f"script to the right person {tally['script']}/{len(cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
