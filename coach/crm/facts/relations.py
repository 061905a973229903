"""How two people are related, told in plain prose with no trigger verb: a voice memo or a rambling note.

"same cohort at Wharton", "we were desk mates at Quorra", "went to Stanford together", "she got me into the
Kestrel interview", "he was the one who put me in touch with…", "we go way back". Each is a class of phrasing
read into a typed fact with the note's own words; a clause that says it of someone else ("Kate and Tom were in
the same class") or in the present tense gives none.
"""

from __future__ import annotations

import re

from coach.crm.facts.kinds import Fact

_PROPER = r"[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+|de\s+|the\s+)?[A-Z][\w&'’.-]*)*"
_GROUPS = (r"cohort|class|section|team|program|programme|year|lab|dorm|batch|intake|crew|unit|department|squad|"
           r"course|rotation|shift|platoon|residency|fellowship|floor|office")
SAME = re.compile(rf"\bsame\s+(?P<what>(?:[A-Za-z-]+\s+){{0,2}}?(?:{_GROUPS}))\b(?P<me>\s+as\s+me\b)?"
                  rf"(?:\s+(?P<prep>at|in|on)\s+(?P<where>{_PROPER}))?")
MATES = re.compile(rf"\b(?P<what>(?i:(?:class|room|flat|house|desk|lab|cohort|batch|ship|bunk|office|course|dorm)"
                   rf"[- ]?mates?|desk neighbou?rs?))\b(?:\s+(?:of mine|with me))?\s+(?P<prep>at|in|on)\s+"
                   rf"(?P<where>{_PROPER})")
SCHOOL = re.compile(rf"\b(?P<verb>went to|were at|attended|studied at)\s+(?P<what>(?:the\s+)?(?:{_PROPER}|"
                    r"(?:high |grad |graduate |business |law |med |medical |boarding |primary |secondary )?school|"
                    r"college|uni|university))\s+together\b")
HELPED_IN = re.compile(r"^(?:got|landed|found|put|set|pointed|steered|brought|talked|pulled)\s+(?:me|us)\s+"
                       r"(?:into|in touch with|forward for|up with|to|towards|onto|on|a|an|the|my|in)\b",
                       re.IGNORECASE)
# "we were both graduate trainees at Fairhaven Council in 2012-2014": a shared role at one place (a plural noun
# of lower-case words, then the place as a name), or "we were both at Google".
BOTH_WERE = re.compile(rf"^were\s+both\s+(?:(?P<role>(?:[a-z][\w-]*\s+){{0,3}}[a-z][\w-]*s)\s+)?(?P<prep>at|in|on)\s+"
                       rf"(?P<where>{_PROPER})(?:[\s,(]+(?:in\s+|from\s+)?(?:19|20)\d\d(?:\s*(?:-|–|to)\s*"
                       r"(?:(?:19|20)?\d\d))?\)?)?$")
# "we were line cooks together at Bellwether 2017-19", "we were in the forestry program at Dunmore together": a
# shared role or group (lower-case words) at one place (a name), said with "together".
WERE_TOGETHER = re.compile(rf"^were\s+(?P<what>(?:in\s+(?:the|a)\s+)?(?:[a-z][\w-]*\s+){{0,3}}[a-z][\w-]*)\s+"
                           rf"(?:together\s+(?P<prep>at|in|on)\s+(?P<where>{_PROPER})|(?P<prep2>at|in|on)\s+"
                           rf"(?P<where2>{_PROPER})\s+together)(?:[\s,(]+(?:in\s+|from\s+)?(?:19|20)\d\d(?:\s*(?:-|–|to)\s*"
                           r"(?:(?:19|20)?\d\d))?\)?)?$")
WAY_BACK = re.compile(r"^go\s+(?:way|a long way|a long time|years)\s+back\b(?:\s+to\s+(?P<to>[^,.;]{3,50}))?",
                      re.IGNORECASE)
_FILLER = re.compile(r",?\s+(?:honestly|really|tbh|lol|haha|basically|actually|though|anyway|btw)\s*$",
                     re.IGNORECASE)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_THEIRS = re.compile(r"\b(?:she|he|they|his|her|their|my|our)\b", re.IGNORECASE)
_OPENERS = {"we", "i", "in", "both", "were", "was", "also", "so", "and", "oh", "same", "yeah", "well", "um"}


def uncleft(clause: str, names: tuple[str, ...]) -> str:
    """'she was the one who got me into X' -> 'she got me into X': the cleft's subject and its own clause."""
    who = "|".join(["she", "he", *(re.escape(n) for n in names if n)])
    m = re.match(rf"(?P<who>{who})\s+(?:was|is|'s|’s)\s+(?:actually\s+|also\s+)?the\s+(?:one|person|guy|woman|man|"
                 rf"lady)\s+(?:who|that)\s+(?P<rest>\w.+)$", clause, re.IGNORECASE)
    return f"{m.group('who')} {m.group('rest')}" if m else clause


def others_before(text: str, names: tuple[str, ...]) -> bool:
    """Whether the words before the relation name someone other than the two of us."""
    if _THEIRS.search(text):
        return True
    known = {w.lower() for n in names for w in n.split()}
    return any(w.lower() not in known and w.lower() not in _OPENERS
               for w in re.findall(r"\b[A-Z][\w'’-]*", text))


# A clause that puts another person in focus: their name alone ("Marcus Tell") or as the subject of a verb
# ("Dan suggested I reach out"). A "he" or "she" after it, on the same line, is them, not the contact.
_OTHER_SUBJECT = re.compile(r"^(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)(?:$| (?:said|says|suggested|told|asked|"
                            r"mentioned|thinks|works|introduced|pointed|recommended|is|was|runs|leads)\b)")


_NOT_NAMES = {"the", "a", "an", "my", "our", "her", "his", "their", "this", "that", "she", "he", "they", "it", "no",
              "yes", "not", "never", "last", "next", "first", "new", "old", "q", "met", "talked", "coffee", "lunch",
              "dinner", "call", "great", "good", "nice", "very", "super", "really", "just", "still", "then", "later"}


def someone_else(clause: str, names: tuple[str, ...], me: tuple[str, ...] = ()) -> bool:
    """Whether `clause` names a third person as what it is about (so a pronoun after it is theirs)."""
    m = _OTHER_SUBJECT.match(clause)
    if not m or (" " not in m.group("name") and m.end() == len(clause)):
        return False  # one capitalised word alone is as likely a heading ("Lunch") as a name
    known = {w.lower() for n in (*names, *me) for w in n.split()}
    first = m.group("name").split()[0].lower()
    return first not in known and first not in _OPENERS and first not in _NOT_NAMES and \
        not first.endswith(("ed", "ing"))


def _years(clause: str) -> str:
    found = YEAR.findall(clause)
    return f"{found[0]}-{found[1]}" if len(found) == 2 else found[0] if found else ""


def read_relation(clause: str, who: str, rest: str, names: tuple[str, ...]) -> Fact | None:
    """The relation a clause tells, or None."""
    if re.search(r"\b(?:we're|we are|are both|are in)\b", clause, re.IGNORECASE):
        return None  # said in the present: not shared history yet
    same = SAME.search(clause)
    if same and same.group("where") and (who in ("we", "") or (who == "them" and same.group("me"))) and \
            not others_before(clause[:same.start()] if who != "them" else "", names):
        return Fact(kind="worked-together", phrase=f"we were in the same {same.group('what')} {same.group('prep')} "
                    f"{same.group('where')}", company=same.group("where"), years=_years(clause))
    mates = MATES.search(clause)
    if mates and who in ("we", "") and not others_before(clause[:mates.start()], names):
        what = mates.group("what").lower()
        plural = what if what.endswith("s") else what + "s"
        return Fact(kind="worked-together", phrase=f"we were {plural} {mates.group('prep')} {mates.group('where')}",
                    company=mates.group("where"), years=_years(clause))
    school = SCHOOL.search(clause)
    if school and who in ("we", "") and not others_before(clause[:school.start()], names):
        return Fact(kind="worked-together", phrase=f"we {school.group('verb')} {school.group('what')} together",
                    years=_years(clause))
    both = BOTH_WERE.match(rest)
    if both and who == "we" and not _THEIRS.search(both.group("role") or ""):
        role = f"{both.group('role')} " if both.group("role") else ""
        return Fact(kind="worked-together", phrase=f"we were both {role}{both.group('prep')} {both.group('where')}",
                    company=both.group("where"), years=_years(clause))
    shared = WERE_TOGETHER.match(rest)
    if shared and who == "we" and not _THEIRS.search(shared.group("what")):
        prep, where = shared.group("prep") or shared.group("prep2"), shared.group("where") or shared.group("where2")
        return Fact(kind="worked-together", phrase=f"we were {shared.group('what')} together {prep} {where}",
                    company=where, years=_years(clause))
    helped = HELPED_IN.match(rest)
    if helped and who in ("them", "") and not re.search(r"\b(?:she|he|they)\b", rest, re.IGNORECASE):
        rest = _FILLER.sub("", rest)
        return Fact(kind="favour", phrase=f"you {rest[:1].lower()}{rest[1:]}")
    back = WAY_BACK.match(rest)
    if back and who == "we" and not re.search(r"\b(?:she|he|they)\b", back.group("to") or "", re.IGNORECASE):
        return Fact(kind="worked-together", phrase="we go way back" + (f" to {back.group('to')}" if back.group("to")
                                                                         else ""), years=_years(clause))
    return None
