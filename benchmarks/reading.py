"""Benchmark of the chat's reading: `python benchmarks/reading.py [--rounds N] --out DIR`.

The rule router alone (the baseline) beside the router with its learned second look (the intent and goal
readers of coach.conversation.intents), on the same messages, paired and alternating so that both see the same
load; plus the one-time cost of training both readers in a fresh process (what the first chat turn pays).
Writes DIR/reading.json and prints it. Messages are made here from templates and an invented address book.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PEOPLE = (("Ines", "Moreau", "Lumen Bank", "Product Lead"), ("Kofi", "Mensah", "Tidewell", "Recruiter"),
          ("Hana", "Sato", "Orbit Labs", "Staff Engineer"), ("Raul", "Vega", "Northpine", "CTO"))
TEMPLATES = ("draft an email to {f} asking for a referral to the data role", "{f} just got promoted, write {f} something",
             "shorter pls", "who do I know at {c}?", "what have I got on {f} {l}", "remember that {f} moved to Lisbon",
             "who am I overdue with", "how do I ask {f} for a reference after a falling-out?",
             "kindly furnish a list of whom I owe a reply", "pop this on {f}'s record: back from leave in May",
             "thanks!", "shoe me {f}")


def messages() -> list[str]:
    return [t.format(f=f, l=last, c=c) for f, last, c, _ in PEOPLE for t in TEMPLATES]


def cold_training_ms() -> float:
    """Training both readers in a fresh process, after the imports (the first chat turn's extra cost)."""
    code = ("import time; from coach.conversation.intents import goal_model, intent_model; t = time.perf_counter(); "
            "intent_model(); goal_model(); print((time.perf_counter() - t) * 1000)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return round(float(done.stdout.strip().splitlines()[-1]), 1)


def main(argv: list[str] | None = None) -> dict:
    from benchmarks.measure import machine, paired_latencies_ms, summary
    from coach.conversation import router
    from coach.core.domain import Contact

    p = argparse.ArgumentParser(prog="benchmarks/reading.py", description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--out", type=Path, default=Path("bench-out"))
    args = p.parse_args(argv)
    contacts = [Contact(id=i, first_name=f, last_name=last, company=c, title=t)
                for i, (f, last, c, t) in enumerate(PEOPLE, 1)]
    learned = router.second_look

    def ours(text: str):
        return router.route(text, contacts, has_draft=True, last_contact=contacts[0])

    def rules_only(text: str):
        router.second_look = lambda reading, *_a, **_k: reading
        try:
            return router.route(text, contacts, has_draft=True, last_contact=contacts[0])
        finally:
            router.second_look = learned

    cold = cold_training_ms()
    started = time.perf_counter()
    a, b = paired_latencies_ms(ours, rules_only, messages(), args.rounds)
    changed = sum(ours(m).intent != rules_only(m).intent for m in messages())
    result = {"reading_p50_ms": summary(a)["p50"], "reading_p95_ms": summary(a)["p95"],
              "baseline_rules_p50_ms": summary(b)["p50"], "baseline_rules_p95_ms": summary(b)["p95"],
              "messages": len(messages()), "rounds": args.rounds, "intent_changed_by_second_look": changed,
              "cold_training_ms": cold, "seconds": round(time.perf_counter() - started, 1), "machine": machine()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reading.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "machine"}, indent=2))
    return result


if __name__ == "__main__":
    main()
