"""The advice evaluation's own rules: is the advice right, grounded and addressed to the right person?

These helpers judge what the coach produced from the text alone. They never call
the code they judge (`coach.advice.adviser`, `coach.checks.checker`, `coach.drafting.composer`, `coach.core.text`),
so a metric can disagree with the coach: matching, stop words and stemming are
written again here, small and deliberately plain.

- `summary_support`: a summary is supported when at least 80% of its content
  words (4+ letters, not stop words) occur in the cited articles' text (title and
  body, read from the repository's knowledge/), and it names no person and states
  no number found in neither the articles nor the user's situation.
- `greeted_names` / `strangers` / `script_to_hit`: who a script's greeting
  ("Hi X," / "Dear X,") addresses, compared with the user's contacts and the
  people the situation names.
- `lead_rank`, `helpful_scores`: the right article first; the right people suggested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parent.parent / "coach" / "resources"  # article paths are knowledge/<theme>/<slug>.md
SUPPORT_SHARE = 0.8

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each even ever every few for from further had has have having
he her here hers herself him himself his how however i if in into is it its itself just least less let like many
may maybe me might more most much must my myself never no nor not now of off often on once one only onto or other
others otherwise our ours ourselves out over own per perhaps rather really same several shall she should since so
some something sometimes still such than that the their theirs them themselves then there therefore these they
this those though through thus to too toward towards under until up upon us very via was we well were what
whatever when whenever where whether which while who whom whose why will with within without would yet you your
yours yourself yourselves
""".split())

GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))\b[ \t]*(.*)$",
                      re.IGNORECASE)
TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "madam"})
NOBODY = frozenset({"there", "all", "everyone", "everybody", "team", "folks", "friend", "friends", "again", "both",
                    "you", "y'all", "colleague", "colleagues", "hiring", "manager", "recruiter", "recruiting",
                    "mentor", "sir", "or", "madam", "future", "name", "first", "contact", "the", "my", "your"})
PRONOUN_I = frozenset({"I", "I'm", "I’m", "I'd", "I’d", "I've", "I’ve", "I'll", "I’ll"})
SLOT = re.compile(r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|<[^>\n]{1,40}>|_{3,}")


class Person(Protocol):
    key: str
    first_name: str
    last_name: str


# ---------------------------------------------------------------- words
def fold(text: str) -> str:
    """Lower case without accents: 'Şahin' and 'sahin' match."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("’", "'")


def words(text: str) -> list[str]:
    """Folded runs of letters ('follow-up' -> follow, up; "don't" -> don, t)."""
    return re.findall(r"[a-z]+", fold(text))


def content_words(text: str) -> list[str]:
    """The words that carry meaning: at least 4 letters and not a stop word."""
    return [w for w in words(text) if len(w) >= 4 and w not in STOPWORDS]


def stem(word: str) -> str:
    """A crude stem so that 'follows', 'following' and 'followed' count as the same word."""
    word = fold(word)
    if word.endswith("ies") and len(word) > 5:
        word = word[:-3] + "y"
    for suffix in ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ions", "ion", "edly", "ed", "es",
                   "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def mentions(text: str, phrase: str) -> bool:
    """`phrase` occurs in `text` as whole words, ignoring case and accents."""
    needle = fold(phrase).strip()
    return bool(needle) and re.search(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", fold(text)) is not None


def any_of(text: str, alternatives: str) -> bool:
    """True when any of 'a|b|c' occurs in `text` (see `mentions`)."""
    return any(mentions(text, alt) for alt in alternatives.split("|") if alt.strip())


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in (text or "").splitlines():
        out += [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s]
    return out


# ---------------------------------------------------------------- articles
@lru_cache(maxsize=256)
def article_directions(source: str, root: Path = ROOT) -> tuple[str, ...]:
    """The directions an article declares in its front matter (`directions: [a, b]`); () when none."""
    try:
        raw = (root / source).read_text(encoding="utf-8")
    except OSError:
        return ()
    front = raw.split("\n---", 1)[0] if raw.startswith("---") else ""
    match = re.search(r"^directions:\s*\[([^\]]*)\]", front, re.MULTILINE)
    return tuple(d.strip().strip("'\"") for d in match.group(1).split(",") if d.strip()) if match else ()


@lru_cache(maxsize=128)
def article_text(source: str, root: Path = ROOT) -> str:
    """An article's title and body (front matter other than the title left out); '' when it does not exist."""
    path = root / source
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    title, body = "", raw
    if raw.startswith("---"):
        parts = raw.split("\n---", 2)
        if len(parts) >= 2:
            front = parts[0]
            body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
            match = re.search(r"^title:\s*(.+)$", front, re.MULTILINE)
            title = match.group(1).strip().strip("'\"") if match else ""
    return f"{title}\n{body}"


def names_and_numbers(text: str) -> list[str]:
    """Capitalised words not opening a sentence (names, places, companies) and numbers, as written."""
    out: list[str] = []
    for sentence in sentences(text):
        tokens = re.findall(r"[^\W\d_][\w'’-]*|\d+(?:[.,:]\d+)?", sentence)
        for i, token in enumerate(tokens):
            opens = i == 0 and not token[0].isdigit()
            if not opens and (token[0].isdigit() or token[0].isupper()) and token not in PRONOUN_I:
                out.append(token)
    return out


@dataclass
class Support:
    """Why a summary counts as supported or not."""

    supported: bool
    share: float = 0.0  # of the summary's content words found in the articles
    content_words: int = 0
    unsupported_words: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)  # names or numbers in neither the articles nor the situation


def summary_support(summary: str, sources: Sequence[str], situation: str = "", root: Path = ROOT,
                    share: float = SUPPORT_SHARE) -> Support:
    """Whether `summary` says what the cited articles say (see the module docstring); an empty one does not."""
    articles = "\n".join(article_text(s, root) for s in sources)
    vocabulary = {stem(w) for w in words(articles)}
    found = content_words(summary)
    unsupported = [w for w in found if stem(w) not in vocabulary]
    ratio = 1 - len(unsupported) / len(found) if found else 0.0
    known = fold(f"{articles}\n{situation}")
    numbers = set(re.findall(r"\d+(?:[.,:]\d+)?", known))
    invented = [t for t in names_and_numbers(summary)
                if (t not in numbers if t[0].isdigit() else not mentions(known, t))]
    return Support(supported=bool(found) and ratio >= share - 1e-9 and not invented, share=round(ratio, 3),
                   content_words=len(found), unsupported_words=sorted(set(unsupported)),
                   invented=list(dict.fromkeys(invented)))


# ---------------------------------------------------------------- scripts
def greeting_line(script: str) -> str | None:
    """The script's greeting line ('Hi Grace,' or 'Dear Dr. Adeyemi,'), skipping a subject or channel line."""
    for line in (script or "").splitlines():
        line = line.strip().strip("`").strip()
        if not line or re.match(r"^(subject|channel|to|re)\s*:", line, re.IGNORECASE):
            continue
        return line if GREETING.match(line) else None
    return None


def greeted_names(script: str) -> list[str]:
    """The people a script's greeting addresses by name ('Hi Hiroshi and Folasade,' -> both); a slot
    ('Hi [name],'), 'Hi there,' or no greeting addresses nobody."""
    line = greeting_line(script)
    if line is None:
        return []
    rest = GREETING.match(line).group(1)
    rest = re.sub(r"\b(?:dr|mr|mrs|ms|mx|prof)\.", lambda m: m.group(0)[:-1], rest, flags=re.IGNORECASE)
    rest = re.split(r"[,!:;.\u2014\u2013]|\s-\s", rest, maxsplit=1)[0]
    if SLOT.search(rest):
        return []
    names = []
    for part in re.split(r"\s+(?:and|&)\s+|/", rest.strip()):
        tokens = [t for t in part.split() if fold(t).strip(".") not in TITLES | NOBODY]
        if not tokens or not tokens[0][:1].isupper():
            continue
        names.append(" ".join(tokens[:3]))
    return names


def has_slot(script: str) -> bool:
    """True when the script leaves a slot for the user to fill ('[name]', '{first name}', '<your name>')."""
    return bool(SLOT.search(script or ""))


def who(name: str, contacts: Iterable[Person]) -> list[str]:
    """Keys of the contacts a greeted name can mean: full name, first name or last name, ignoring accents."""
    wanted = fold(name).split()
    if not wanted:
        return []
    out = []
    for c in contacts:
        first, last = fold(c.first_name).split(), fold(c.last_name).split()
        if wanted == first + last or wanted == first or (last and wanted == last) or \
                (len(wanted) >= 2 and wanted[0] == (first or [""])[0] and wanted[-1] == (last or [""])[-1]):
            out.append(c.key)
    return out


def strangers(script: str, contacts: Iterable[Person], situation: str) -> list[str]:
    """Greeted names that are neither the user's contacts nor named in the situation (the article's characters)."""
    contacts = list(contacts)
    return [n for n in greeted_names(script)
            if not who(n, contacts) and not any(mentions(situation, part) for part in n.split())]


def script_to_hit(script: str, contacts: Iterable[Person], situation: str, script_to: str | None,
                  script_contact: str | None = None) -> bool:
    """When the case names a recipient (`script_to`, a contact key), the script greets that contact's first
    name, and if the advice says which contact the draft is to (`script_contact`), it is that one. When it
    names none, the script greets none of the user's contacts and no stranger (a neutral script: no greeting,
    'Hi there,' or a slot the user fills; a person the situation names who is not a contact is fine)."""
    contacts = list(contacts)
    names = greeted_names(script)
    if script_to:
        target = next((c for c in contacts if c.key == script_to), None)
        if target is None or not script.strip():
            return False
        greets = any(script_to in who(n, contacts) for n in names)
        return greets and (script_contact is None or script_contact == script_to)
    return not any(who(n, contacts) for n in names) and not strangers(script, contacts, situation)


# ---------------------------------------------------------------- articles and people
def lead_rank(sources: Sequence[str], lead: str) -> int | None:
    """1-based rank of the lead article among the citations, None when not cited."""
    norm = [s.replace("\\", "/") for s in sources]
    return norm.index(lead) + 1 if lead in norm else None


def theme_of(source: str) -> str:
    """'knowledge/support/no-reply.md' -> 'support'."""
    parts = source.replace("\\", "/").split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "knowledge" else ""


def keys_of(names: Iterable[str], contacts: Iterable[Person]) -> list[str | None]:
    """The contact key behind each suggested full name (None for a name that is not a contact)."""
    contacts = list(contacts)
    out: list[str | None] = []
    for name in names:
        exact = [c.key for c in contacts if fold(f"{c.first_name} {c.last_name}").split() == fold(name).split()]
        out.append(exact[0] if len(exact) == 1 else None)
    return out


def helpful_scores(suggested: Sequence[str | None], helpful: Collection[str]) -> tuple[float | None, float | None]:
    """(hit, precision) for suggested contact keys: hit is 1 when any is in `helpful` (None when no contact
    fits the case); precision is the share of the suggestions that are in `helpful` (None when none suggested)."""
    hits = [k for k in suggested if k in helpful]
    hit = (1.0 if hits else 0.0) if helpful else None
    precision = len(hits) / len(suggested) if suggested else None
    return hit, precision
