"""Who the user means when they describe a person instead of naming them: "my old boss", "the recruiter at
Contoso", "the Fabrikam PM", "the nurse manager I know", "the founder of Rossi Studio".

A description is the words after "my"/"the" up to where they stop fitting anyone. Every one of its words must
fit the same contact's title, tags or company (a synonym from `prompts/describing.yaml` counts, and so do a
title's initials: "PM" is a Product Manager); one contact so described is chosen, several are asked back as
choices, and words that fit nobody ("the product manager role", "the hiring manager") describe no one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.config.prompts import load_data
from coach.core.domain import Contact
from coach.core.text import STOPWORDS, fold
from coach.crm.resolve import Who

TOKEN = re.compile(r"@|[\w'&]+|[^\w\s-]")  # 'ex-boss': ex, boss


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return load_data("describing")


def _base(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> list[str]:
    return [_base(w) for w in re.findall(r"[a-z0-9]+", fold(text))]


def fits(contact: Contact) -> tuple[set[str], set[str]]:
    """The words that describe this contact's role (title, tags, a title's initials) and where they work."""
    role: set[str] = set()
    for part in [*re.split(r"[,/]", contact.title or ""), *contact.tags]:
        said = _words(part)
        role.update(said)
        if len(said) > 1:
            role.add("".join(w[0] for w in said))  # "Product Manager": PM
    return role, set(_words(contact.company or ""))


def _fit(word: str, role: set[str], company: set[str]) -> bool:
    other = vocabulary()["synonyms"].get(word, word)
    return bool({word, other} & (role | company))


def described(text: str, contacts: list[Contact]) -> Who:
    """The contact the words describe (or the ones they could mean), with the description as said; an empty
    `Who` when no description fits anyone."""
    vocab = vocabulary()
    tokens = [m for m in TOKEN.finditer(text)]
    folded = [_base(fold(m.group(0))) for m in tokens]
    known = [fits(c) for c in contacts]
    any_role = set().union(*(r for r, _ in known)) if known else set()
    any_company = set().union(*(c for _, c in known)) if known else set()
    for i, word in enumerate(folded):
        if word not in vocab["determiners"]:
            continue
        by_deed = _by_deed(text, tokens, folded, i, contacts, known)
        if by_deed is not None:
            return by_deed
        said, j = [], i + 1
        if j + 1 < len(folded) and folded[j] in vocab["heads"] and folded[j + 1] in vocab["at"]:
            # "the one from the hospital", "the guy at Datadog": the person, then where they are
            k = j + 2 + (j + 2 < len(folded) and folded[j + 2] in ("the", "a"))
            where = []
            while k < len(folded) and folded[k] in any_company | any_role and folded[k] not in STOPWORDS:
                where.append(folded[k])
                k += 1
            people = [c for c, (role, company) in zip(contacts, known, strict=True)
                      if where and all(_fit(w, role, company) for w in where)]
            if people:
                mention = text[tokens[i].start():tokens[k - 1].end()]
                return Who(contact=people[0], mention=mention) if len(people) == 1 else Who(choices=people,
                                                                                            mention=mention)
        while j < len(folded):
            w = folded[j]
            if w in vocab["at"] and j + 1 < len(folded) and folded[j + 1] in any_company and said:
                j += 1
                continue
            if not _fit(w, any_role, any_company):
                break
            said.append(w)
            j += 1
        if not said:
            continue
        head = j < len(folded) and folded[j] in vocab["heads"]
        # a description ends at a word that cannot go on naming someone: a stop word, a listed end, punctuation,
        # or a verb's -ing or -ed form ("my old boss asking if he'd …", "the recruiter from Contoso ghosted me"; a
        # role word in -ing or -ed fits, so is read before)
        ends = j == len(folded) or head or folded[j] in STOPWORDS or folded[j] in vocab["ends"] or \
            not folded[j][:1].isalnum() or (len(folded[j]) > 4 and folded[j].endswith(("ing", "ed")))
        if not ends or not any(_fit(w, any_role, set()) for w in said) and not head:
            continue
        people = [c for c, (role, company) in zip(contacts, known, strict=True)
                  if all(_fit(w, role, company) for w in said)]
        if people:
            end = tokens[j].end() if head else tokens[j - 1].end()
            mention = text[tokens[i].start():end]
            return Who(contact=people[0], mention=mention) if len(people) == 1 else Who(choices=people,
                                                                                        mention=mention)
    return Who()


_ONCE = {"once", "first", "originally", "actually", "basically", "literally", "kindly"}


def _by_deed(text: str, tokens: list[re.Match[str]], folded: list[str], i: int, contacts: list[Contact],
             known: list[tuple[set[str], set[str]]]) -> Who | None:
    """'the one who managed me', 'the one that interviewed me at Globex': a person named by what they did for the
    user, read as the role the deed implies (`deeds` in describing.yaml) and, when said, where; None when the words
    at `i` are no such description or it fits nobody."""
    vocab = vocabulary()
    j = i + 1
    if j < len(folded) and folded[j] in vocab["heads"]:
        j += 1
    if j >= len(folded) or folded[j] not in ("who", "that"):
        return None
    k = j + 1
    while k < len(folded) and folded[k] in _ONCE:
        k += 1
    if k + 1 >= len(folded) or folded[k] not in vocab.get("deeds", {}) or folded[k + 1] not in ("me", "u", "us"):
        return None
    roles, end = vocab["deeds"][folded[k]], k + 1
    where: list[str] = []
    if end + 1 < len(folded) and folded[end + 1] in vocab["at"]:
        n = end + 2 + (end + 2 < len(folded) and folded[end + 2] == "the")
        while n < len(folded) and any(folded[n] in company for _, company in known):
            where.append(folded[n])
            n += 1
        end = n - 1 if where else end
    people = [c for c, (role, company) in zip(contacts, known, strict=True)
              if all(_fit(w, role, set()) for w in roles) and all(w in company for w in where)]
    if not people:
        return None
    mention = text[tokens[i].start():tokens[end].end()]
    return Who(contact=people[0], mention=mention) if len(people) == 1 else Who(choices=people, mention=mention)
