"""Scripts in advice: the article's example message made neutral, and the channel it was written for.

An article's example message is written to invented people ("Hi Sipho, … my
role at Brightwater Logistics … Lerato"). Shown as a script, those names would
read as the user's own contacts. A neutral script keeps the example's words
and turns every name, company and place the user did not mention into a slot
they fill: "Hi [name],", "at [company]", "[your name]".
"""

from __future__ import annotations

import re

from coach.advice.stakes import role_mentions
from coach.checks.grounds import claims
from coach.core.text import SIGNOFF, fold
from coach.retrieval.knowledge import Article

DEFAULT_CHANNEL = "linkedin-message"
_CHANNEL_LINE = re.compile(r"^\s*channel:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_GREETING = re.compile(r"^(\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\b)[ \t]+([^,!\n]+)([,!]?)",
                       re.IGNORECASE)
_NAME = r"[A-ZÀ-Þ][\w'’-]+"
_TRAILING_NAME = re.compile(rf"([.?!,]\s+)({_NAME}(?:\s+{_NAME})?)\s*$")
_ORG_BEFORE = re.compile(r"\b(?:at|outside|from|joined|join|joining|for)\s*$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:in|around|near)\s*$", re.IGNORECASE)
_ROLE_AFTER = re.compile(r"^\s*(?:role|position|job|opening)\b", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"^(?:['’]s\b|\s+(?:suggested|mentioned|said|introduced|asked|told)\b)",
                           re.IGNORECASE)
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                      "june july august september october november december".split())
_SLOTS = ("[name]", "[company]", "[place]", "[role]", "[detail]", "[when]")
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|few|several)"
# When things happened or are due in the example's invented story: the user's own story has its own times.
_TIME = re.compile(
    rf"\b(?:(?:(?:this|next|last|on|by|until|before|since) )?(?:{_DAY})(?: morning| afternoon| evening)?"
    rf"|(?:this|next|last|earlier this|later this) (?:week|month|year|quarter|spring|summer|autumn|fall|winter)"
    rf"|{_COUNT} (?:days?|weeks?|months?|years?) (?:ago|back)"
    rf"|(?:in|by|since|until|before|early|late|mid-?) ?{_MONTH}(?: \d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|(?:on )?{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?|yesterday|tomorrow|tonight|end of (?:the )?(?:week|month)"
    rf"|(?:(?:this|next|last|on|by|over|at) (?:the )?)?weekend)\b",
    re.IGNORECASE)
_NUMBER_WORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)"
# A number in the example (a call's length, how many questions, how long ago) is the example writer's: shown as a
# slot holding the example's value, for the user to set ("[20 minutes]", "[three questions]").
_AMOUNT = re.compile(rf"(?<![\w\[])(?:\d+(?:[.,:]\d+)?(?:[-–]\d+)?%?|{_NUMBER_WORD})(?:(?:[- ](?:or|to) "
                     rf"(?:\d+|{_NUMBER_WORD}))?(?:-[a-z]+|\s+(?!(?:and|or|to|of|the|a|an|in|on|at|for)\b)[a-z]+))?"
                     rf"(?![\w\]])", re.IGNORECASE)

# Who an article's example is written to: the roles its title names, or a third of its situation phrasings name
# ("the recruiter", "a hiring manager"). A script for one of them goes only to a user whose words name such a person.
WRITTEN_TO_SHARE = 1 / 3
PERSONAL = "friend"  # the kind every personal tie is
_KIN = {"former manager": "manager", "skip-level manager": "manager", "former colleague": "colleague",
        # personal ties: a message for a friend also serves a sister, a classmate or an ex
        "relative": PERSONAL, "classmate": PERSONAL, "acquaintance": PERSONAL, "former partner": PERSONAL}


def kind_of(role: str) -> str:
    """The kind of person a role is, for who a message is written to: a former colleague is a colleague."""
    return _KIN.get(role, role)


def _kinds(text: str) -> set[str]:
    """The kinds of people the words name, a role word inside a longer one left out ('hiring manager' is not a
    'manager'), a former one the same kind as a present one."""
    found = role_mentions(text)
    spans = [(at, at + len(role), role) for at, role, _ in found]
    kept = {r for at, end, r in spans if not any(a < at < e for a, e, o in spans if o != r)}
    return {_KIN.get(r, r) for r in kept if not any(r != o and r in o and o in kept for o in kept)}


def written_to(article: Article) -> set[str]:
    """The kinds of people the article's message is written to (empty: anyone)."""
    per = [_kinds(s) for s in article.situations]
    counts: dict[str, int] = {}
    for kinds in per:
        for kind in kinds:
            counts[kind] = counts.get(kind, 0) + 1
    declared = {_KIN.get(r, r) for r in article.serves.get("role", [])}
    return declared or _kinds(article.title) | {k for k, n in counts.items() if per and n >= WRITTEN_TO_SHARE * len(per)}


def unnamed_addressee(article: Article, text: str) -> str:
    """The kind of person the article's message is written to when the user's words name no one of that kind
    (a recruiter's message for a user who mentions no recruiter), else ''."""
    wanted = written_to(article)
    if not wanted or wanted & _kinds(text):
        return ""
    return sorted(wanted)[0]


def addressed(script: str, first_name: str) -> str:
    """A neutral script greeting the one contact the user named or picked: 'Hi [name],' becomes 'Hi Farah,'.
    Only the greeting's slot is filled; every other slot stays for the user."""
    lines = script.split("\n")
    for n, line in enumerate(lines):
        if not line.strip() or line.lower().startswith(("subject:", "re:")):
            continue
        if _GREETING.match(line) and "[name]" in line and first_name.strip():
            lines[n] = line.replace("[name]", first_name.strip(), 1)
        break
    return "\n".join(lines)


def channel_of(article: Article) -> str:
    """The channel the article's example is written for (its 'Channel:' line); LinkedIn message by default."""
    match = _CHANNEL_LINE.search(article.sections.get("Example message", ""))
    said = fold(match.group(1)) if match else ""
    if "email" in said or "e-mail" in said:
        return "email"
    if "connection" in said or "note" in said or "invitation" in said:
        return "linkedin-note"
    return DEFAULT_CHANNEL


def _kind(value: str, text: str, people: set[str]) -> str:
    """Which slot a name becomes, from how the example uses it anywhere: a person, a company, a place…"""
    if value in people or any(part in people for part in value.split()):
        return "[name]"
    uses = [(text[: m.start()], text[m.end():]) for m in re.finditer(r"(?<![\w\[])" + re.escape(value) + r"(?![\w\]])",
                                                                     text)]
    for test, slot in ((lambda b, a: _PERSON_AFTER.match(a), "[name]"), (lambda b, a: _ROLE_AFTER.match(a), "[role]"),
                       (lambda b, a: _ORG_BEFORE.search(b), "[company]"),
                       (lambda b, a: _PLACE_BEFORE.search(b), "[place]")):
        if any(test(b, a) for b, a in uses):
            return slot
    return "[detail]"


def _signature(lines: list[str]) -> int | None:
    """Index of the first signature line (the name after the sign-off), if the example ends with one."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    for back, i in enumerate(reversed(filled[:-1])):
        if back > 3:
            break
        line = lines[i].strip()
        after = [lines[j].strip() for j in filled if j > i]
        if (line.endswith(",") or SIGNOFF.match(line)) and all(
                len(a.split()) <= 6 and not a.endswith((".", "?", "!")) for a in after):
            return next(j for j in filled if j > i)
    return None


def neutral_script(example: str, keep: str = "", slots: dict[str, str] | None = None) -> str:
    """`example` with its people, companies and places replaced by slots, except what `keep` (the user's
    words) also names; the greeting becomes 'Hi [name],' and the signature '[your name]'. `slots` are the
    article's own: words of its writer's situation ('senior supply-chain analyst roles') and the slot each
    becomes ('[the roles you want]'), kept only where the user said the same words."""
    if not example.strip():
        return ""
    known = fold(keep)
    for phrase in sorted(slots or {}, key=len, reverse=True):
        if fold(phrase) not in known:
            example = example.replace(phrase, f"[{slots[phrase]}]")
    example = _TIME.sub(lambda m: m.group(0) if fold(m.group(0)) in known else "[when]", example)
    example = "\n".join(ln if _CHANNEL_LINE.match(ln) else _AMOUNT.sub(
        lambda m: m.group(0) if fold(m.group(0)) in known else f"[{m.group(0)}]", ln) for ln in example.split("\n"))
    lines = example.strip().splitlines()
    people: set[str] = set()
    sign = _signature(lines)
    if sign is not None:
        for ln in lines[sign:]:
            people.update(re.findall(_NAME, ln.split(",")[0]))
        lines = [*lines[:sign], "[your name]"]
    elif len(lines) > 1 and re.fullmatch(rf"{_NAME}(?:\s+{_NAME})?", lines[-1].strip()):  # a name on its own
        people.update(lines[-1].split())  # last line, no sign-off word: "Still on for Saturday?\nAiko"
        lines[-1] = "[your name]"
    else:  # a one-line note: "… Best, Dominic" or "… one follow-up? Nkechi"
        trailing = _TRAILING_NAME.search(lines[-1])
        if trailing and len(lines[-1].split()) > 6:
            people.update(trailing.group(2).split())
            lines[-1] = lines[-1][: trailing.start(2)] + "[your name]"
    for n, line in enumerate(lines):
        if not line.strip() or line.lower().startswith(("subject:", "re:")):
            continue
        greeting = _GREETING.match(line)
        if greeting:
            people.update(re.findall(_NAME, greeting.group(2)))
            lines[n] = f"{greeting.group(1)} [name]{greeting.group(3) or ','}" + line[greeting.end():]
        break
    text = "\n".join(lines)
    # Subject lines read as titles: each part after a colon starts a sentence for the name finder.
    readable = "\n".join(re.sub(r":\s+", ".\n", ln) if ln.lower().startswith(("subject:", "re:")) else ln
                         for ln in lines)
    values = {re.sub(r"['’]s$", "", v) for kind, v in claims(readable) if kind == "name"} | people
    values = {v for v in values if v and "[" not in v and not (v.isupper() and len(v) <= 5)  # CV, SRE, EU
              and fold(v) not in _CALENDAR and fold(v) not in
              ("subject", "re") and not re.search(r"(?<![a-z0-9])" + re.escape(fold(v)) + r"(?![a-z0-9])", known)}
    kinds = {v: _kind(v, text, people) for v in values}
    for value, kind in list(kinds.items()):  # "Lukas Meyer suggested…" then "Lukas said…"
        first = value.split()[0]
        if kind == "[name]" and " " in value and len(first) > 2 and fold(first) not in known:
            kinds.setdefault(first, "[name]")
    for value in sorted(kinds, key=len, reverse=True):
        text = re.sub(r"(?<![\w\[])" + re.escape(value) + r"(?![\w\]])", kinds[value], text)
    slot = "|".join(re.escape(s) for s in _SLOTS)
    return re.sub(rf"(?:{slot})(?: (?:of|and|&) (?:{slot}))+", "[detail]", text)
