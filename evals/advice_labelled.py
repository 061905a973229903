"""The spent held-out advice sets as a dev set: each case answered over an empty network (as `python -m
evals.heldout advice` runs it: no contacts, no profile), scored against the labels by this file's own rules.

    python -m evals.advice_labelled [--split all|tune|check] [--only PATTERN] [--show] [--out FILE.json]

Scores, one line per case:
- direction right: the reading's direction is the labelled one;
- lead fits: the first citation is one of the labelled `fits` (a case whose labels list none cannot fit);
- script to unnamed: the script greets a name the user never wrote, or it is written for the other side of
  the situation (the lead article serves none of the labelled direction, so its script speaks to someone the
  user is not writing to: the one asking when the user declines, an introducer nobody mentioned).

`--split check` is a fixed random third of the 80 cases kept out of tuning (seed 25, drawn before any change);
`tune` is the other two thirds. Report both.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import yaml

from evals.advice_rules import strangers

HERE = Path(__file__).resolve().parent
SETS = [("v1", HERE / "heldout" / "advice", HERE / "heldout" / "advice_labels.yaml"),
        ("v2", HERE / "heldout" / "advice_v2", HERE / "heldout" / "advice_v2_labels.yaml")]
SEED = 25
GAPS = HERE / "heldout" / "advice_gap_articles.yaml"  # articles written for a labelled gap (author's judgement)


def cases() -> list[dict]:
    """Every labelled case as {key, situation, fits, direction, missing}."""
    out = []
    for name, folder, labels_path in SETS:
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("case-*.yaml")):
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            label = labels[case["id"]]
            out.append({"key": f"{name}/{case['id']}", "situation": " ".join(case["situation"].split()),
                        "fits": label.get("fits") or [], "direction": label["direction"],
                        "missing": label.get("missing") or ""})
    return out


def split(all_cases: list[dict], which: str) -> list[dict]:
    keys = sorted(c["key"] for c in all_cases)
    check = set(random.Random(SEED).sample(keys, len(keys) // 3))
    if which == "all":
        return all_cases
    return [c for c in all_cases if (c["key"] in check) == (which == "check")]


def _directions(source: str) -> list[str]:
    """An article's `directions` front matter, read from the file (not through the coach's loader)."""
    path = HERE.parent / "coach" / "resources" / source
    if not path.is_file():
        return []
    head = path.read_text(encoding="utf-8").split("---")[1]
    return list((yaml.safe_load(head) or {}).get("directions") or [])


def score(case: dict, out: dict, gaps: dict | None = None) -> dict:
    lead = out["citations"][0]["source"] if out.get("citations") else ""
    gap = (gaps or {}).get(case["key"]) or []
    greeted = strangers(out.get("script", ""), [], case["situation"])
    served = _directions(lead)
    wrong_side = bool(served) and case["direction"] not in served
    return {"direction": out["situation"]["direction"] == case["direction"], "lead": lead in case["fits"],
            "lead_or_gap": lead in case["fits"] or lead in gap,
            "unnamed": bool(greeted) or wrong_side, "lead_source": lead, "greeted": greeted}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["all", "tune", "check"], default="tune")
    parser.add_argument("--only", default="")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    from coach.config.settings import load_settings
    from coach.core.domain import Profile
    from evals.runner import Runner
    from evals.schema import AdviceSet

    chosen = [c for c in split(cases(), args.split) if not args.only or re.search(args.only, c["key"])]
    runner = Runner(load_settings(), advice=AdviceSet(profile=Profile(), contacts=[], cases=[]))
    gaps = yaml.safe_load(GAPS.read_text(encoding="utf-8")) if GAPS.is_file() else {}
    tally = {"direction": 0, "lead": 0, "lead_or_gap": 0, "unnamed": 0}
    rows = []
    for case in chosen:
        with runner._case_coach(f"labelled-{case['key'].replace('/', '-')}", Profile(), []) as (coach, _):
            out = coach.advise(case["situation"]).model_dump(mode="json")
        s = score(case, out, gaps)
        for key in tally:
            tally[key] += s[key]
        rows.append({"key": case["key"], **s, "read": out["situation"]["direction"], "script": out.get("script")})
        marks = ("+" if s["direction"] else "-") + ("+" if s["lead"] else "-") + ("!" if s["unnamed"] else " ")
        print(f"{marks} {case['key']:<12} {out['situation']['direction']:<12} (want {case['direction']:<12}) "
              f"{s['lead_source'].removeprefix('knowledge/')}", flush=True)
        if args.show:
            print(f"    {out['situation']['reading']}\n    want: {[f.split('/')[-1] for f in case['fits']][:3]}"
                  f"\n    script: {(out.get('script') or '').replace(chr(10), ' / ')[:400]}\n")
    n = len(chosen)
    line = (f"{args.split}: {n} cases: lead fits {tally['lead']}/{n}, direction right {tally['direction']}/{n}, "
            f"scripts to unnamed {tally['unnamed']}/{n}; lead fits incl. gap articles {tally['lead_or_gap']}/{n}")
    print("\n" + line)
    if args.out:
        args.out.write_text(json.dumps({"summary": line, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
