"""Score the chat's typed reading (coach.conversation.router.route) on a held-out set of phrasings written by someone who never
saw the router: `python -m evals.reading_heldout CASES.yaml [--out DIR]`.

The cases name eight contacts (ids 1-8, below) and, for each message, the reading a person means: intent, contact
(an id, "ask" when the coach must ask back, or none), goal, channel, topic, and for revisions the change. A case
is right when every field the case states is right; fields it leaves empty are not judged.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from coach.core.domain import Contact
from coach.core.text import fold

PEOPLE = [  # the set's own address book, by the ids its labels use
    (1, "Priya", "Shah", "Stripe", "Staff Engineer", []),
    (2, "Marcus", "Lee", "Datadog", "SRE", []),
    (3, "Marcus", "Lee", "Fabrikam", "Product Manager", []),
    (4, "Ana", "López", "Contoso", "Recruiter", []),
    (5, "Daniel", "Okafor", "Globex", "VP Engineering", ["former-manager"]),
    (6, "Sofia", "Rossi", "Rossi Studio", "Founder, design studio", []),
    (7, "Wei", "Chen", "", "PhD student", []),
    (8, "Fatima", "Al-Sayed", "City Hospital", "Nurse Manager", []),
]
CHANGES = {"shorter": ("length", -1), "longer": ("length", 1), "more-formal": ("tone", 1),
           "friendlier": ("tone", -1)}


def contacts() -> list[Contact]:
    return [Contact(id=i, first_name=f, last_name=last, company=co, title=t, tags=tags)
            for i, f, last, co, t, tags in PEOPLE]


# How the set's descriptions of the previous turn name its goal and channel ('a thank-you email to Priya Shah was
# just drafted', 'an email to Daniel Okafor asking to reconnect'), by this eval's own table.
PREVIOUS_GOALS = {"thank-you": "thank-you", "thanking": "thank-you", "reconnect": "reconnect", "referral": "referral",
                  "follow-up": "follow-up", "following up": "follow-up", "congratulat": "congratulations",
                  "introduc": "introduction", "mentor": "mentorship", "informational": "informational-interview",
                  "partner": "partnership"}
PREVIOUS_CHANNELS = (("linkedin note", "linkedin-note"), ("connection", "linkedin-note"), ("email", "email"),
                     ("linkedin message", "linkedin-message"), ("linkedin", "linkedin-message"),
                     ("note", "linkedin-note"))


def previous_turn(previous: str | None, people: list[Contact]) -> tuple[bool, Contact | None, Any]:
    """The set describes the previous turn in words ('an email to Daniel Okafor was just drafted'): whether a
    draft is on the table, the person it was about, and the draft's request (goal and channel, the chat's
    defaults where the words name none), as the chat's state would hold it."""
    from coach.core.messages import DraftRequest

    if not previous:
        return False, None, None
    text = fold(previous)
    named = [c for c in people if fold(c.name) in text]  # namesakes: the one whose workplace is said beside
    person = next((c for c in named if c.company and fold(c.company) in text), named[0] if named else None)
    drafted = "drafted" in text or "draft" in text
    if not drafted or person is None:
        return drafted, person, None
    goal = next((g for word, g in PREVIOUS_GOALS.items() if word in text), "reconnect")
    channel = next((ch for word, ch in PREVIOUS_CHANNELS if word in text), "linkedin-message")
    return drafted, person, DraftRequest(contact_id=person.id, goal=goal, channel=channel)


def previous_intent(previous: str | None) -> str:
    """What the previous turn did, as the chat's history records it: 'show' after "Showed the notes on …",
    'draft' after a draft, else ''."""
    text = fold(previous or "")
    return "show" if text.startswith("showed") else "draft" if "drafted" in text else ""


def judge(expected: dict[str, Any], reading: Any) -> list[str]:
    """The fields the reading got wrong (empty: right)."""
    wrong = []
    intent, who = expected["intent"], expected.get("contact")
    if who == "ask":
        if not (reading.intent == "clarify" or (reading.candidates and reading.contact_id is None)):
            wrong.append(f"should ask back, read as {reading.intent} #{reading.contact_id}")
        return wrong
    if intent == "other":  # no networking request: a general answer, a question back, or how to use the app
        return [] if reading.intent in ("general", "clarify", "help") else [f"read as {reading.intent}"]
    if reading.intent != intent:
        return [f"intent {reading.intent}, not {intent}"]
    if isinstance(who, int) and intent in ("draft", "advise", "show", "note") and reading.contact_id != who:
        wrong.append(f"contact #{reading.contact_id}, not #{who}")
    if intent == "draft":
        if expected.get("goal") and reading.goal != expected["goal"]:
            wrong.append(f"goal {reading.goal}, not {expected['goal']}")
        if expected.get("channel") and reading.channel != expected["channel"]:
            wrong.append(f"channel {reading.channel}, not {expected['channel']}")
        if expected.get("topic"):
            want, got = fold(expected["topic"]), fold(reading.topic or reading.context or "")
            if not got or (want not in got and got not in want):
                wrong.append(f"topic {reading.topic or reading.context!r}, not {expected['topic']!r}")
    if intent == "revise":
        change = expected.get("change")
        if change in CHANGES:
            field, value = CHANGES[change]
            if getattr(reading, field) != value:
                wrong.append(f"{change}: {field}={getattr(reading, field)}")
        elif change == "another" and not reading.regenerate:
            wrong.append("another: not regenerated")
        elif change == "channel-change" and reading.channel != expected.get("channel"):
            wrong.append(f"channel {reading.channel}, not {expected.get('channel')}")
    return wrong


def part(cases: list[dict], which: str, seed: int) -> list[dict]:
    """All the cases, or the two thirds tuned on, or the random third held out from tuning (fixed by `seed`)."""
    if which == "all":
        return cases
    held = set(random.Random(seed).sample(range(len(cases)), len(cases) // 3))
    return [c for i, c in enumerate(cases) if (i in held) == (which == "held")]


def main(argv: list[str] | None = None) -> int:
    from coach.conversation.router import route

    p = argparse.ArgumentParser(prog="python -m evals.reading_heldout", description=__doc__.splitlines()[0])
    p.add_argument("cases", type=Path)
    p.add_argument("--out", type=Path)
    p.add_argument("--part", choices=("all", "tune", "held"), default="all",
                   help="a spent set used for development: tune on two thirds, report the third held out")
    p.add_argument("--seed", type=int, default=26, help="which random third is held out")
    args = p.parse_args(argv)
    people = contacts()
    rows, by_intent, misses = [], Counter(), Counter()
    for case in part(yaml.safe_load(args.cases.read_text()), args.part, args.seed):
        has_draft, last, request = previous_turn(case.get("previous"), people)
        reading = route(case["message"], people, has_draft, last, request, previous_intent(case.get("previous")))
        wrong = judge(case["expected"], reading)
        intent = case["expected"]["intent"]
        by_intent[intent] += 1
        misses[intent] += bool(wrong)
        rows.append({"id": case["id"], "message": case["message"], "previous": case.get("previous"),
                     "expected": case["expected"], "read": reading.model_dump(mode="json"), "wrong": wrong})
    right = sum(1 for r in rows if not r["wrong"])
    # The product asks back a name that matches nobody exactly ("Did you mean Priya Shah?") by design (issue 26);
    # the set's author expected typos to be read through. Counted apart, never as right.
    suggested = [r for r in rows if r["wrong"] and r["read"]["intent"] == "clarify" and r["read"].get("unknown_name")
                 and r["expected"].get("contact") in [c.get("id") for c in r["read"].get("candidates", [])]]
    print(f"right: {right} of {len(rows)} ({right / len(rows):.0%})")
    print(f"  of the misses, asked back for a misspelt name with the right person suggested: {len(suggested)} "
          f"({', '.join(r['id'] for r in suggested)})")
    for intent in by_intent:
        print(f"  {intent}: {by_intent[intent] - misses[intent]} of {by_intent[intent]}")
    for r in rows:
        if r["wrong"]:
            print(f"  MISS {r['id']} {r['message']!r}: {'; '.join(r['wrong'])}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "reading.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
