"""What the rules read from the spent held-out drafting sets' notes (a dev tool, no metrics, no verdicts).

    python -m evals.facts_dev [evals/heldout/drafting*] [--quiet]

Each case's contact is built as `evals.heldout` adds it (name, company, title, one note dated today) and the
user's profile name is passed as the reader's own name; the rules' facts are printed per case, and the cases
with no usable fact (a kind other than 'role') are counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from coach.core.domain import Contact, Note, clean_identity
from coach.crm.facts.rules import extract_rules
from coach.crm.importers.records import split_name

TODAY = dt.date(2025, 6, 1)


def contact_of(case: dict) -> tuple[Contact, str]:
    person, user = case["contact"], case.get("user") or {}
    first, middle, last = split_name(clean_identity(person["name"]))
    notes = (person.get("notes") or "").strip()
    contact = Contact(id=1, first_name=first, middle_name=middle, last_name=last,
                      company=(person.get("company") or "").strip(), title=(person.get("title") or "").strip(),
                      notes=[Note(id=1, text=notes, date=TODAY)] if notes else [])
    return contact, (user.get("name") or "").strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--quiet", action="store_true", help="only the cases with no usable fact, and the counts")
    args = parser.parse_args(argv)
    folders = args.folders or sorted(Path("evals/heldout").glob("drafting*"))
    total = empty = 0
    for folder in folders:
        for path in sorted(folder.glob("case-*.yaml")):
            case = yaml.safe_load(path.read_text())
            contact, me = contact_of(case)
            facts = extract_rules(contact, TODAY, me=me)
            usable = [f for f in facts if f.kind != "role"]
            total += 1
            empty += not usable
            if args.quiet and usable:
                continue
            print(f"{folder.name}/{path.stem} [{case.get('style', '')}] {len(usable)} usable")
            for f in facts:
                print(f"    {f.kind:15} {f.phrase}" + (f"  ({f.date})" if f.date and f.date != TODAY else ""))
    print(f"{empty} of {total} cases with zero usable facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
