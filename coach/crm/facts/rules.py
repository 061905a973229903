"""Rules (the embedded tier): a contact's facts read from its fields, notes and logged interactions.

A note is read, never rewritten: its fields, front matter and headings give typed facts here; its lines are cut
into clauses (`coach.crm.facts.clauses`) and each clause is read by `coach.crm.facts.clause_reader`, which picks a
span of the note's own words and files it under a kind, with the recipient as "you"
(`coach.crm.facts.pronouns`), or fills a fixed frame with typed fields ("at PyCon US 2024"). A clause the rules
cannot file with confidence gives no fact.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.core.domain import Contact
from coach.core.messages import Fact as Cited
from coach.core.text import fold
from coach.crm.facts.clause_reader import read_clause
from coach.crm.facts.clauses import split_clauses, subject_of
from coach.crm.facts.formats import People, my_names
from coach.crm.facts.formats import read as read_format
from coach.crm.facts.kinds import Fact, visible
from coach.crm.facts.layout import front_matter, heading_phrase, sections
from coach.crm.facts.meeting import meeting_fields
from coach.crm.facts.names import goes_by
from coach.crm.facts.patterns import PRIVATE_REMARK
from coach.crm.facts.pronouns import to_you
from coach.crm.facts.relations import someone_else
from coach.crm.facts.work import with_aside


def person_names(contact: Contact) -> tuple[str, ...]:
    """The names a note may call the person by."""
    return tuple(n for n in {contact.name, contact.first_name, contact.given_name, contact.last_name,
                             goes_by(contact)} if n and len(n) > 1)


def extract_rules(contact: Contact, today: dt.date | None = None, me: str = "") -> list[Fact]:
    """Rules (the embedded tier): every fact the contact's fields and notes hold, in their own words. `me` is the
    user's name: a note that calls them by it (an assistant's) is read as theirs."""
    today = today or dt.date.today()
    names = person_names(contact)
    facts: list[Fact] = []
    how = " ".join(contact.how_we_met.split()).rstrip(".")
    if how:
        head = how.split(" ", 1)[0].lower()
        if head in ("at", "in", "during", "through", "via"):
            facts.append(Fact(kind="met-at", phrase=to_you(how, names), source="field:how_we_met"))
        elif how[:1].isupper() and not subject_of(how, names)[0] and head not in ("she", "he", "we", "i"):
            facts.append(Fact(kind="met-at", phrase=f"at {to_you(how, names)}", source="field:how_we_met"))
        else:
            for clause in split_clauses(how):
                facts += [f.model_copy(update={"source": "field:how_we_met"})
                          for f in read_clause(clause, names, today)]
    if contact.title or contact.company:
        phrase = f"{contact.title} at {contact.company}" if contact.title and contact.company else \
            contact.title or f"at {contact.company}"
        facts.append(Fact(kind="role", phrase=phrase, company=contact.company, source="field:title"))
    people = People(names=names, name=goes_by(contact) or contact.given_name, me=my_names(me, names))
    for note in sorted(contact.notes, key=lambda n: (n.date is not None, n.date), reverse=True)[:12]:
        fields, body = front_matter(note.text.strip())
        source = f"note:{note.id}" if note.id else "note"
        for key in ("met", "how_we_met", "event"):
            if fields.get(key):
                typed = meeting_fields(fields[key], note.date)
                facts.append(Fact(kind="met-at", phrase=f"at {fields[key]}", source=source, **typed))
        for heading, date, section in sections(body, note):
            where_from = source + (f" ## {heading}" if heading else "")
            where = heading_phrase(heading, names) if heading else ""
            if where:  # the heading's own words, and its event, place and month as typed fields
                typed = meeting_fields(heading, date) if where.startswith("at ") and not where.startswith("at the ") \
                    else {"date": date}  # "at the offsite in Lyon" names no event
                facts.append(Fact(kind="met-at", phrase=where, source=where_from, **typed))
            reading = read_format(section, people, date)  # chat, keys, rows, boxes, cards: lines and fields
            facts += [f.model_copy(update={"date": f.date or date, "source": where_from}) for f in reading.facts
                      if f.kind != "role" or not (contact.title or contact.company)]
            for line, day in reading.lines:
                if ANOTHER_PERSON.search(line):  # "DIFFERENT PERSON. recruiter, spoke already": none of it is theirs
                    continue
                line = said_aloud(line)  # a private remark's sentence gives no fact
                if not line:
                    continue
                other = False  # a third person named on this line: "he said…" after them is theirs
                asides = [" ".join(a.split()) for a in re.findall(r"\(([^()]{2,80})\)", line)]  # what brackets hold
                for clause in split_clauses(line):
                    if facts and (aside := with_aside(facts[-1], clause)):  # "(on writing …)" after a podcast
                        facts[-1] = aside
                        continue
                    other = someone_else(clause, names, people.me) or other and not any(
                        re.search(rf"\b{re.escape(n)}\b", clause) for n in names)
                    # "Petra Hollis (ex-teammate, knew him at …)": an aside after someone else is said of them
                    aside = any(clause in a for a in asides)
                    if other and (re.match(r"(?:she|he)\b", clause, re.IGNORECASE) or aside):
                        continue
                    facts += [f.model_copy(update={"date": day, "source": where_from})
                              for f in read_clause(clause, names, today)]
    for inter in sorted(contact.interactions, key=lambda i: i.date, reverse=True)[:4]:
        source = f"interaction:{inter.id}" if inter.id else "interaction"
        for clause in split_clauses(inter.summary or ""):
            # a logged interaction without a subject is what the user did ("Walked her through…")
            first = clause.split(" ", 1)[0].lower()
            mine = not subject_of(clause, names)[0] and first.endswith("ed") and re.search(r"\b(her|him|them)\b",
                                                                                       clause.lower())
            facts += [f.model_copy(update={"date": inter.date, "source": source})
                      for f in read_clause(f"I {clause[:1].lower()}{clause[1:]}" if mine else clause, names, today)]
    seen: set[str] = set()
    return [f for f in facts if not (fold(f.phrase) in seen or seen.add(fold(f.phrase)))]


def said_aloud(line: str) -> str:
    """The line without its sentences that hold a private remark (`PRIVATE_REMARK`); a remark in brackets marks
    the sentence it sits in ("no real plan yet (Dale's words, NOT for her ears)")."""
    if not PRIVATE_REMARK.search(line):
        return line
    pieces = re.split(r"((?<=[.!?])\s+(?=[A-Z(\"'‘“-])|\s+[—–]\s+|\s+-\s+|\s*[;|]\s*)", line)
    kept = [p if i % 2 or not PRIVATE_REMARK.search(p) else "" for i, p in enumerate(pieces)]
    return "".join(kept).strip(" ;|—–-")


# A line the user marks as about someone else, to keep two people apart: none of its facts are the contact's.
ANOTHER_PERSON = re.compile(r"\b(?:different|another|other|separate) (?:person|guy|woman|man|contact)\b|\bnot the same "
                            r"(?:person|guy|woman|man|one)\b|\b(?:don'?t|do not|never) (?:confuse|mix (?:them |us )?up)\b|"
                            r"\bnot to be confused\b|≠", re.IGNORECASE)


def gather_facts(contact: Contact, context: str = "", facts: list[Fact] | None = None) -> list[Cited]:
    """The facts as the model's prompt lists them, each with where it came from."""
    facts = visible(facts if facts is not None else extract_rules(contact))
    out = [Cited(text=f"{f.kind}: {f.phrase}" + (f" ({f.date:%B %Y})" if f.date else ""), source=f.source or "fact")
           for f in facts]
    if context:
        out.append(Cited(text=f"My request: {context}", source="request"))
    return out
