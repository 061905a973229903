"""The normalised keys people are matched on: names, companies, note texts.

Case-, accent- and punctuation-insensitive, built on the cleaned identity
(`clean_identity`), so an invisible character inside a word never makes a second person.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from coach.core.domain import clean_identity

_COMPANY_SUFFIXES = {"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "plc", "sa", "ag", "bv",
                     "limited", "company", "srl", "sas", "oy", "ab", "pty"}


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: 'José  O'Brien' -> 'jose o brien'."""
    decomposed = unicodedata.normalize("NFKD", clean_identity(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", stripped.casefold()).split())


def name_key(first: str, middle: str = "", last: str = "") -> str:
    return normalize(" ".join((first, middle, last)))


def short_name_key(first: str, last: str) -> str:
    """First given name + last name: 'Ana María López' and 'Ana López' agree."""
    given = normalize(first).split()
    return normalize(" ".join(([given[0]] if given else []) + [last]))


def company_key(company: str) -> str:
    words = normalize(company).split()
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def note_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()
