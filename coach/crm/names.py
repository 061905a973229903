"""Names said in ways the contact list does not spell them: a title and a surname ("Ms. Johnson", "Dr Al-Sayed")
and a short form of a given name ("Dan", "Liz", "Mike").

A title and a surname is that person only when exactly one contact has that surname; a short form is never
that person: it matches nobody, and the people whose given name it is a short form of (from the nickname table
in `prompts/nicknames.yaml`) are offered when it is asked back.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from coach.config.prompts import load_data
from coach.core.domain import Contact
from coach.core.text import STOPWORDS, fold, without_possessive

SURNAME = r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’]*(?:-[A-Za-zÀ-ÖØ-öø-ÿ][\w'’]*)*"


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return load_data("naming")


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Each given name's short forms, and each short form's given names: the table read both ways."""
    both: dict[str, set[str]] = {}
    for name, shorts in load_data("nicknames")["names"].items():
        for short in shorts:
            both.setdefault(name, set()).add(short)
            both.setdefault(short, set()).add(name)
    return {k: frozenset(v) for k, v in both.items()}


def related(said: str, given: str) -> bool:
    """`said` is a short form of `given` or the given name of which `given` is a short form ('Dan', 'Daniel')."""
    a, b = fold(said), fold(given)
    return a != b and b in _nicknames().get(a, frozenset())


@lru_cache(maxsize=1)
def _titled() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in sorted(vocabulary()["titles"], key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?P<title>{titles})\.?\s+(?P<surname>{SURNAME})", re.IGNORECASE)


def titled(text: str) -> list[tuple[str, str]]:
    """Each title and surname said, as (what was said, the surname): 'ask Dr. Al-Sayed' -> [('Dr. Al-Sayed',
    'Al-Sayed')]. The title and the surname are capitalised unless the whole message is in lower case ('I miss
    Priya' names no Miss Priya)."""
    lowercase = text == text.lower()
    out = []
    for m in _titled().finditer(text):
        surname = without_possessive(m.group("surname"))  # "Mr Okafor's standing": no part of the name
        said = m.group(0)[:len(m.group(0)) - len(m.group("surname")) + len(surname)]
        capitalised = surname[:1].isupper() and m.group("title")[:1].isupper()
        if (capitalised or lowercase) and fold(surname) not in STOPWORDS:
            out.append((said, surname))
    return out


def surname_matches(surname: str, contacts: list[Contact]) -> list[Contact]:
    """The contacts whose surname is exactly this one (accents, case and hyphens aside)."""
    key = _plain(surname)
    return [c for c in contacts if c.last_name and _plain(c.last_name) == key]


def near_surname(surname: str, contacts: list[Contact]) -> list[Contact]:
    """Contacts whose surname is one letter away (a typo of it), to offer when it is asked back."""
    from rapidfuzz.distance import OSA

    key = _plain(surname)
    return [c for c in contacts if c.last_name and OSA.distance(_plain(c.last_name), key) <= 1][:3]


def short_form(text: str, contacts: list[Contact]) -> tuple[str, list[Contact]]:
    """A short form (or the full form) of a contact's given name said where no contact has that name: ('Dan',
    [Daniel Okafor]); ('', []) when none is said. Said as a name: capitalised, or after a word a name follows
    ('email dan'), and never an everyday word in lower case."""
    names = {fold(w) for c in contacts for w in (c.first_name, c.last_name) if w}
    lowercase = text == text.lower()
    slot = name_slot()
    for m in re.finditer(r"(?<![\w'-])([^\W\d_][\w']*)(?![\w'-])", text):
        word = m.group(1)
        key = fold(word)
        if key in names or key not in _nicknames() or len(key) < 2:
            continue
        capitalised = word[:1].isupper() and not word.isupper()
        after_slot = bool(slot.search(text[:m.start()]))
        if (key in _common() and not after_slot) or not (capitalised or after_slot) or \
                (not capitalised and not lowercase and key in _common()):
            continue
        near = [c for c in contacts if c.first_name and related(key, c.first_name)]
        if near:
            return word, near[:3]
    return initials(text, contacts)


def initials(text: str, contacts: list[Contact]) -> tuple[str, list[Contact]]:
    """Initials said in capitals where a name stands ('an email to DO', 'what do I have on DO?') that are a
    contact's (Daniel Okafor): ('DO', [Daniel Okafor]), to ask back, never to choose; ('', []) for none, and
    always in a message written all in capitals."""
    if text == text.upper():
        return "", []
    slot = name_slot()
    for m in re.finditer(r"(?<![\w'-])([A-Z]{2,3})(?![\w'-])", text):
        before = fold(text[:m.start()])
        if not (slot.search(before) or re.search(r"\b(?:on|to|for|with|from|about)\s*$", before)):
            continue
        near = [c for c in contacts if c.first_name and c.last_name and
                fold(c.first_name)[:1] + "".join(fold(p)[:1] for p in c.last_name.split()) == fold(m.group(1))]
        if near:
            return m.group(1), near[:3]
    return "", []


@lru_cache(maxsize=1)
def name_slot() -> re.Pattern:
    """The words right before a name ('ask priya', 'email to elena'), as a pattern ending where the name starts."""
    words = "|".join(re.escape(w) for w in vocabulary()["name_slot"])
    return re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE)


def word_names() -> frozenset[str]:
    return frozenset(vocabulary()["word_names"])


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """Short forms that are everyday words too ('Will', 'May', 'Chat', 'Link'): a name only where a name stands.
    An everyday word is a stop word, one of the names listed as words, or one the guidance corpus writes in lower
    case."""
    import coach.resources

    folder = Path(coach.resources.__file__).parent / "knowledge"
    seen = set(STOPWORDS) | set(vocabulary()["word_names"])
    for path in folder.rglob("*.md"):
        seen.update(re.findall(r"(?<![\w'-])[a-z]+(?![\w'-])", path.read_text(encoding="utf-8")))
    return frozenset(seen)


def everyday(word: str) -> bool:
    """The word is an everyday word too (a stop word, a name listed as a word, one the guidance writes in lower
    case): 'may', 'will'; never 'wei' or 'priya'."""
    return fold(word) in _common()


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()
