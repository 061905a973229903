"""The spent held-out advice sets as a dev set: each case answered over an empty network (as `python -m
evals.heldout advice` runs it: no contacts, no profile), scored against the labels by this file's own rules.

    python -m evals.advice_labelled [--split all|tune|check] [--only PATTERN] [--show] [--out FILE.json]

Scores, one line per case:
- direction right: the reading's direction is the labelled one;
- lead fits: the first citation is one of the labelled `fits` (a case whose labels list none cannot fit);
- script to unnamed: the script greets a name the user never wrote, or it is written for the other side of
  the situation (the lead article serves none of the labelled direction, so its script speaks to someone the
  user is not writing to: the one asking when the user declines, an introducer nobody mentioned); an answer
  with no script has none to the wrong side, so `no script` is counted beside it.

`--split check` is a fixed random third of each group of sets kept out of tuning: of the 80 v1+v2 cases
(seed 25, drawn before any change) and, drawn apart so that third stays the same cases, of the 53 v3 cases
(seed 38, drawn before any change on them) and of the 165 v4-v7 cases (seed 47, drawn in session 13, after
those sets had been scored once each); `tune` is the rest. Report both.

The v3 fits are its labels' fits plus those of `advice_v3_labels_new_articles.yaml` (the same cases labelled
again against the articles added in session 8).
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
_HELD = HERE / "heldout"
# (name, cases folder, labels, extra label files whose fits add to the labels', split group)
SETS = [("v1", _HELD / "advice", _HELD / "advice_labels.yaml", [], "v1+v2"),
        ("v2", _HELD / "advice_v2", _HELD / "advice_v2_labels.yaml", [], "v1+v2"),
        ("v3", _HELD / "advice_v3", _HELD / "advice_v3_labels.yaml",
         [_HELD / "advice_v3_labels_new_articles.yaml"], "v3"),
        ("v4", _HELD / "advice_v4", _HELD / "advice_v4_labels.yaml",
         [_HELD / "advice_v4_labels_new_articles.yaml"], "v4-v7"),
        ("v5", _HELD / "advice_v5", _HELD / "advice_v5_labels.yaml", [], "v4-v7"),
        ("v6", _HELD / "advice_v6", _HELD / "advice_v6_labels.yaml", [], "v4-v7"),
        ("v7", _HELD / "advice_v7", _HELD / "advice_labels_v7.yaml", [], "v4-v7"),
        ("v8", _HELD / "advice_v8", _HELD / "advice_labels_v8.yaml", [], "v8"),
        ("v9", _HELD / "advice_v9", _HELD / "advice_labels_v9.yaml", [], "v9"),
        ("v10", _HELD / "advice_v10", _HELD / "advice_labels_v10.yaml", [], "v10"),
        ("v11", _HELD / "advice_v11", _HELD / "advice_labels_v11.yaml",
         [_HELD / "advice_v11_labels_new_articles.yaml"], "v11"),
        ("v12", _HELD / "advice_v12", _HELD / "advice_labels_v12.yaml",
         [_HELD / "advice_v12_labels_new_articles.yaml"], "v12"),
        ("v13", _HELD / "advice_v13", _HELD / "advice_labels_v13.yaml",
         [_HELD / "advice_v13_labels_new_articles.yaml"], "v13"),
        ("v14", _HELD / "advice_v14", _HELD / "advice_labels_v14.yaml",
         [_HELD / "advice_v14_labels_new_articles.yaml"], "v14"),
        ("v15", _HELD / "advice_v15", _HELD / "advice_labels_v15.yaml", [], "v15"),
        ("v16", _HELD / "advice_v16", _HELD / "advice_labels_v16.yaml", [], "v16"),
        ("v17", _HELD / "advice_v17", _HELD / "advice_labels_v17.yaml", [], "v17"),
        ("v18", _HELD / "advice_v18", _HELD / "advice_labels_v18.yaml", [], "v18")]
SEEDS = {"v1+v2": 25, "v3": 38, "v4-v7": 47, "v8": 53, "v9": 61, "v10": 67, "v11": 71, "v12": 79, "v13": 83, "v14": 89, "v15": 97, "v16": 101, "v17": 103, "v18": 107}  # each group's check third is drawn apart, so adding a group moves no case
GAPS = HERE / "heldout" / "advice_gap_articles.yaml"  # articles written for a labelled gap (author's judgement)


def cases() -> list[dict]:
    """Every labelled case as {key, group, situation, fits, direction, missing}."""
    out = []
    for name, folder, labels_path, extra_paths, group in SETS:
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        extras = [yaml.safe_load(p.read_text(encoding="utf-8")) or {} for p in extra_paths]
        for path in sorted(folder.glob("case-*.yaml")):
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            label = labels[case["id"]]
            fits = list(label.get("fits") or [])
            for extra in extras:
                fits += [f for f in (extra.get(case["id"]) or {}).get("fits") or [] if f not in fits]
            out.append({"key": f"{name}/{case['id']}", "group": group,
                        "situation": " ".join(case["situation"].split()), "fits": fits,
                        "direction": label["direction"], "missing": label.get("missing") or ""})
    return out


def split(all_cases: list[dict], which: str) -> list[dict]:
    if which == "all":
        return all_cases
    check: set[str] = set()
    for group, seed in SEEDS.items():
        keys = sorted(c["key"] for c in all_cases if c["group"] == group)
        check |= set(random.Random(seed).sample(keys, len(keys) // 3))
    return [c for c in all_cases if (c["key"] in check) == (which == "check")]


def _directions(source: str, field: str = "directions") -> list[str]:
    """An article's `directions` (or another list) front matter, read from the file (not through the coach's
    loader)."""
    path = HERE.parent / "coach" / "resources" / source
    if not path.is_file():
        return []
    head = path.read_text(encoding="utf-8").split("---")[1]
    return list((yaml.safe_load(head) or {}).get(field) or [])


def score(case: dict, out: dict, gaps: dict | None = None) -> dict:
    lead = out["citations"][0]["source"] if out.get("citations") else ""
    gap = (gaps or {}).get(case["key"]) or []
    greeted = strangers(out.get("script", ""), [], case["situation"])
    served = _directions(lead, "script_directions") or _directions(lead)  # whom its script speaks for
    wrong_side = bool(out.get("script")) and bool(served) and case["direction"] not in served  # no script, none wrong
    return {"direction": out["situation"]["direction"] == case["direction"], "lead": lead in case["fits"],
            "lead_or_gap": lead in case["fits"] or lead in gap,
            "unnamed": bool(greeted) or wrong_side, "no_script": not out.get("script"), "lead_source": lead,
            "greeted": greeted}


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
    tally = {"direction": 0, "lead": 0, "lead_or_gap": 0, "unnamed": 0, "no_script": 0}
    rows = []
    by_direction: dict[str, list[int]] = {}  # labelled direction -> [cases, read right, lead fits]
    by_set: dict[str, list[int]] = {}  # set -> [cases, read right, lead fits]
    for case in chosen:
        with runner._case_coach(f"labelled-{case['key'].replace('/', '-')}", Profile(), []) as (coach, _):
            out = coach.advise(case["situation"]).model_dump(mode="json")
        s = score(case, out, gaps)
        for key in tally:
            tally[key] += s[key]
        for counts in (by_direction.setdefault(case["direction"], [0, 0, 0]),
                       by_set.setdefault(case["key"].split("/")[0], [0, 0, 0])):
            counts[0], counts[1], counts[2] = counts[0] + 1, counts[1] + s["direction"], counts[2] + s["lead"]
        rows.append({"key": case["key"], **s, "read": out["situation"]["direction"], "script": out.get("script")})
        marks = ("+" if s["direction"] else "-") + ("+" if s["lead"] else "-") + ("!" if s["unnamed"] else " ")
        print(f"{marks} {case['key']:<12} {out['situation']['direction']:<12} (want {case['direction']:<12}) "
              f"{s['lead_source'].removeprefix('knowledge/')}", flush=True)
        if args.show:
            print(f"    {out['situation']['reading']}\n    want: {[f.split('/')[-1] for f in case['fits']][:3]}"
                  f"\n    script: {(out.get('script') or '').replace(chr(10), ' / ')[:400]}\n")
    n = len(chosen)
    line = (f"{args.split}: {n} cases: lead fits {tally['lead']}/{n}, direction right {tally['direction']}/{n}, "
            f"scripts to unnamed {tally['unnamed']}/{n}; lead fits incl. gap articles {tally['lead_or_gap']}/{n}; "
            f"no script {tally['no_script']}/{n}")
    per = ", ".join(f"{d} {r}/{k} (lead {f})" for d, (k, r, f) in sorted(by_direction.items(), key=lambda i: -i[1][0]))
    sets = ", ".join(f"{name} {r}/{k} (lead {f})" for name, (k, r, f) in sorted(by_set.items()))
    line += f"\n  direction right by labelled direction: {per}\n  direction right by set: {sets}"
    print("\n" + line)
    if args.out:
        args.out.write_text(json.dumps({"summary": line, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
