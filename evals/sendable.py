"""Would a person send this draft? The evaluation's own rules, read from the text alone.

This module judges drafts without calling the code that wrote or checked them:
it imports nothing from coach.checks.checker, coach.drafting.composer, coach.core.text or
coach.drafting, and keeps its own small text helpers (folding, sentence
splitting, word runs) on purpose, so a rule here can disagree with the checker
the drafter selected on. Each rule is one failure kind:

- `greeting`: the body opens with Hi/Hello/Dear and the recipient's first name;
- `missing`: a `must_contain` group has none of its alternatives;
- `forbidden`: a `must_never` string is present;
- `third-person`: he/she/him/her/his/hers in the body, unless a `third_party`
  name is in the same or the previous sentence;
- `repeated`: a sentence said twice, or any run of five words said twice;
- `invented`: a capitalised word (not sentence-initial, not a common word) or a
  number that appears nowhere in what the user told us;
- `limit`: note ≤ 200 characters (300 with Premium), LinkedIn message ≤ 1900,
  email body 25-150 words with a 2-8 word subject;
- `ask`: no question or request sentence (a thank-you or a congratulation needs none), or more than one
  question mark;
- `fragment`: a note pasted in as a sentence, with no subject ("Talked about fraud detection.",
  "Is starting a pilot in the spring.").

Matching ignores case and accents and works on whole words; a hyphen matches a
space ("follow-up" is "follow up"); an alternative ending in `*` matches any
word that starts with it ("congratulat*" matches "congratulations").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import BaseModel, Field

KINDS = ("greeting", "missing", "forbidden", "third-person", "repeated", "invented", "limit", "ask", "fragment")

NOTE_LIMIT, PREMIUM_NOTE_LIMIT, MESSAGE_LIMIT = 200, 300, 1900
EMAIL_WORDS, SUBJECT_WORDS = (25, 150), (2, 8)
RUN = 5  # words in a row that may not appear twice ("... adoption of the design system" said twice)

# Capitalised mid-sentence for reasons other than naming something the user told us.
COMMON = frozenset(
    "i i'm i've i'd i'll monday tuesday wednesday thursday friday saturday sunday linkedin ok okay "
    "hi hello dear thanks thank best regards cheers warmly sincerely ps p.s subject re fwd".split()
)
PRONOUN = re.compile(r"\b(he|she|him|his|hers|himself|herself|he's|she's|he'd|she'd|he'll|she'll|her)\b")
GREETING = re.compile(r"^\s*(hi|hello|dear)\s+([^\W\d_][\w'-]*)")
REQUEST = re.compile(
    r"\b(would you|could you|can you|will you|would it be|might you|are you open|open to|up for|"
    r"can we|could we|would a|would an|let me know|let's|would love to|i'd love to|i'd be glad|i would be glad|please|"
    r"if you have|if you're|do you have|feel free|shall we|how about|i'd welcome|i would welcome)\b")
DURATION = re.compile(r"^[\s-]*(minutes?|mins?|hours?|hrs?)\b")
# How notes begin, and sentences of a message never do: a verb with no subject ("Said his team is hiring").
NOTE_VERBS = frozenset(
    "is said says talked discussed discussing mentioned asked offered gave helped wrote writes hires recommends "
    "moved met ran runs shared".split()
)
CAPITAL_WORD = re.compile(r"[^\W\d_][\w'’&.-]*[\w]|[^\W\d_]")
NUMBER = re.compile(r"(?<![^\W\d_])\d+(?:[.,]\d+)*")


class Failure(BaseModel):
    kind: str = Field(description="One of KINDS.")
    detail: str = Field(description="What was wrong, quoting the text.")


class SendableVerdict(BaseModel):
    sendable: bool
    failures: list[Failure] = Field(default_factory=list)

    def kinds(self) -> list[str]:
        return sorted({f.kind for f in self.failures})


# ---------------------------------------------------------------- helpers (the eval's own)
def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened, hyphens and dashes as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[-‐‑‒–—]", " ", text.replace("’", "'"))


def has(text: str, phrase: str) -> bool:
    """`phrase` in `text` as whole words (folded); 'promot*' is a prefix. Symbols ('$300') match as written."""
    prefix = phrase.endswith("*")
    needle = " ".join(fold(phrase.rstrip("*")).split())
    if not needle:
        return False
    hay = " ".join(fold(text).split())
    left = r"(?<!\w)" if needle[0].isalnum() else ""
    right = "" if prefix or not needle[-1].isalnum() else r"(?!\w)"
    return re.search(left + re.escape(needle) + right, hay) is not None


def any_of(text: str, group: str) -> bool:
    return any(has(text, alt.strip()) for alt in group.split("|") if alt.strip())


def sentences(text: str) -> list[str]:
    """Sentences, each line a boundary (greeting, sign-off)."""
    out: list[str] = []
    for line in text.splitlines():
        out += [s.strip() for s in re.split(r"(?<=[.!?])[\"')\]]*\s+", line.strip()) if s.strip()]
    return out


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", fold(text))


def split_reference(text: str) -> tuple[str, str]:
    """'Subject: ...' on the first line -> (subject, body); otherwise ('', text)."""
    first, _, rest = text.strip().partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return "", text.strip()


# ---------------------------------------------------------------- what the user told us
def known_text(recipient: Any, profile: Any, context: str = "", third_party: list[str] | tuple = ()) -> str:
    """Everything the user told us about this message, the recipient's full name on the first line.

    `recipient` is an evals.schema.CaseContact (or anything with the same fields), `profile` a Profile."""
    lines = [f"{recipient.first_name} {recipient.last_name}".strip(), recipient.company, recipient.title,
             recipient.how_we_met, " ".join(recipient.tags), *recipient.notes]
    for item in getattr(recipient, "interactions", []) or []:
        lines.append(f"{item.date.isoformat()} {item.channel} {item.summary}")
    lines += [context, profile.name, profile.headline, profile.goals, *profile.target_companies,
              *getattr(profile, "target_roles", []), *third_party]
    # a date the user wrote (2025-03-04) is known as its month and season too ("in March", "last spring")
    for y, m in re.findall(r"\b((?:19|20)\d\d)-(\d\d)-\d\d\b", "\n".join(line for line in lines if line)):
        if 1 <= int(m) <= 12:
            lines.append(f"{_MONTHS[int(m) - 1]} {y} {_SEASONS[int(m) - 1]}")
    return "\n".join(line for line in lines if line)


_MONTHS = ("January February March April May June July August September October November December").split()
_SEASONS = ("winter winter spring spring spring summer summer summer autumn autumn autumn winter").split()


# ---------------------------------------------------------------- the rules
def _greeting(body: str, first_name: str) -> list[str]:
    m = GREETING.match(fold(body))
    if not m:
        return [f"does not open with Hi/Hello/Dear {first_name}: {body[:40]!r}"]
    if first_name and m.group(2) != fold(first_name).split()[0]:
        return [f"greets {m.group(2)!r}, not {first_name!r}"]
    return []


def _third_person(body: str, third_party: list[str]) -> list[str]:
    names = [n for n in third_party if n.strip()]
    out = []
    previous = ""
    for s in sentences(body):
        found = PRONOUN.findall(fold(s))
        if found:
            near = f"{previous} {s}"
            if not any(has(near, n) or has(near, n.split()[0]) for n in names):
                out.append(f"{found[0]!r} in {s!r}")
        previous = s
    return out


def _repeated(body: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for s in sentences(body):
        key = " ".join(tokens(s))
        if key and key in seen:
            out.append(f"sentence twice: {s!r}")
        seen.add(key)
    words = tokens(body)
    runs: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - RUN + 1):
        run = tuple(words[i:i + RUN])
        if run in runs and not any(" ".join(run) in o for o in out):
            out.append(f"said twice: {' '.join(run)!r}")
        runs.setdefault(run, i)
    return out


def _invented(subject: str, body: str, known: str) -> list[str]:
    known_f = fold(known)
    body_f = fold(body)
    out: list[str] = []

    def is_known(word: str, hays: tuple[str, ...]) -> bool:
        if any(has(h, word) for h in hays):
            return True
        parts = [p for p in re.split(r"[&./]", word) if p]
        return len(parts) > 1 and all(any(has(h, p) for h in hays) for p in parts)

    # A title-cased subject echoes the body: its words count as known when the body has them.
    for text, hays in ((subject, (known_f, body_f)), (body, (known_f,))):
        for s in sentences(text):
            for i, m in enumerate(CAPITAL_WORD.finditer(s)):
                word = re.sub(r"['’]s$", "", m.group(0)).rstrip(".")
                if i == 0 or not word[:1].isupper() or fold(word) in COMMON:
                    continue
                if not is_known(word, hays) and word not in out:
                    out.append(word)
            for m in NUMBER.finditer(s):
                if DURATION.match(s[m.end():]):
                    continue
                if not _known_number(m.group(0), known_f) and m.group(0) not in out:
                    out.append(m.group(0))
    return [f"{w!r} appears nowhere in what the user told us" for w in out]


def _known_number(number: str, known: str) -> bool:
    """In what the user told us, a year written either way ('KubeCon 24' supports 2024)."""
    if has(known, number):
        return True
    if len(number) == 4 and number.startswith("20"):
        return has(known, number[2:]) or has(known, "'" + number[2:])
    return len(number) == 2 and has(known, "20" + number)


def _limit(subject: str, body: str, channel: str, premium: bool) -> list[str]:
    if channel == "linkedin-note":
        limit = PREMIUM_NOTE_LIMIT if premium else NOTE_LIMIT
        return [f"{len(body)} characters, the note limit is {limit}"] if len(body) > limit else []
    if channel == "linkedin-message":
        return [f"{len(body)} characters, the message limit is {MESSAGE_LIMIT}"] if len(body) > MESSAGE_LIMIT else []
    out = []
    n = len(body.split())
    if not EMAIL_WORDS[0] <= n <= EMAIL_WORDS[1]:
        out.append(f"email body of {n} words, not {EMAIL_WORDS[0]}-{EMAIL_WORDS[1]}")
    s = len(subject.split())
    if not SUBJECT_WORDS[0] <= s <= SUBJECT_WORDS[1]:
        out.append(f"subject of {s} words, not {SUBJECT_WORDS[0]}-{SUBJECT_WORDS[1]}")
    return out


# Goals whose message asks for nothing unless the user asked for something: every blind judge of the held-out
# sets marked a thank-you or a congratulation that tacks on a request as one to edit or reject.
NO_ASK_GOALS = ("thank-you", "congratulations")


def _ask(body: str, asks_nothing: bool = False) -> list[str]:
    if body.count("?") > 1:
        return [f"{body.count('?')} question marks: one ask is enough"]
    if asks_nothing:
        return []
    if not any(s.rstrip().endswith("?") or REQUEST.search(fold(s)) for s in sentences(body)):
        return ["no question or request"]
    return []


def _fragment(body: str) -> list[str]:
    out = []
    for s in sentences(body):
        first = (tokens(s) or [""])[0]
        if first in NOTE_VERBS and not s.rstrip().endswith("?"):
            out.append(f"no subject: {s!r}")
    return out


def judge(case: Any, known_text: str, subject: str, body: str, channel: str,
          first_name: str | None = None) -> SendableVerdict:
    """Judge one draft for one case (an evals.schema.DraftingCase).

    `known_text` is what the user told us (see `known_text()`); the recipient's first name is its first
    word unless `first_name` is given."""
    first = first_name if first_name is not None else (known_text.split() or [""])[0]
    text = f"{subject}\n{body}" if subject else body
    failures: list[Failure] = []

    def add(kind: str, details: list[str]) -> None:
        failures.extend(Failure(kind=kind, detail=d) for d in details)

    add("greeting", _greeting(body, first))
    add("missing", [f"none of {g!r}" for g in case.must_contain if not any_of(text, g)])
    add("forbidden", [f"{p!r} present" for p in case.must_never if has(text, p)])
    add("third-person", _third_person(body, list(case.third_party)))
    add("repeated", _repeated(body))
    add("invented", _invented(subject, body, known_text))
    add("limit", _limit(subject, body, channel, case.premium))
    add("ask", _ask(body, asks_nothing=case.goal in NO_ASK_GOALS))
    add("fragment", _fragment(body))
    return SendableVerdict(sendable=not failures, failures=failures)


def judge_reference(data: Any, case: Any) -> SendableVerdict:
    """The case's own reference draft, judged like any other (every reference must be sendable)."""
    subject, body = split_reference(case.reference)
    recipient = data.contact(case.to)
    return judge(case, known_text(recipient, data.profile, case.context, case.third_party), subject, body,
                 case.channel)
