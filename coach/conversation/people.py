"""Who a chat message is about: a person named or described, everyone it names, a workplace it names, and a
name said with a workplace that is not theirs. Names are matched against the user's own contacts only."""

from __future__ import annotations

import re

from coach.conversation.cues import OSA, known_words
from coach.core.domain import Contact
from coach.core.text import fold
from coach.crm.describe import described
from coach.crm.resolve import Who, who


def protected(contacts: list[Contact]) -> set[str]:
    """Words never read as a typo of a cue: the contacts' names, companies and titles."""
    return {w for c in contacts for x in (c.name, c.company, c.title) for w in re.findall(r"[\w'-]+", x or "")}


def workplace_words(contacts: list[Contact]) -> set[str]:
    """The words of the contacts' employers and titles, long enough to tell a typo of ("Hosptial" for the
    Hospital of "City Hospital"): a description may misspell them; a person's name is never corrected."""
    names = {fold(w) for c in contacts for w in re.findall(r"[\w'-]+", c.name or "")}
    return {fold(w) for c in contacts for x in (c.company, c.title) for w in re.findall(r"[A-Za-z]+", x or "")
            if len(w) >= 6 and fold(w) not in names}


# A name the words rule out ("meant for Fatima, not Priya", "Sofia instead of Ana"): never the person meant.
_RULED_OUT = re.compile(r"\b(?:not|instead of|rather than)\s+(?:to\s+|for\s+)?"
                        r"(?P<n>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?)")


def person(text: str, contacts: list[Contact]) -> Who:
    """Who the words name, or failing a name, describe ('my old boss', 'the recruiter at Contoso'); of two names,
    one ruled out ('that was meant for Fatima, not Priya'), the other."""
    named = who(text, contacts)
    if named.contact is not None or named.choices:
        for m in _RULED_OUT.finditer(text):
            out = who(m.group("n"), contacts).contact
            rest = who(text[:m.start()] + text[m.end():], contacts)
            if out is not None and rest.contact is not None and rest.contact.id != out.id:
                return rest
    if named.contact is None and not named.choices and not named.unmatched:
        return described(text, contacts)
    return named


def contradicted(text: str, named: Who, contacts: list[Contact]) -> tuple[str, list[Contact]]:
    """A name said with a workplace that is not theirs ('Priya at Datadog' when Priya is at Stripe): asked back
    as a name that matches nobody, with the person it could be."""
    if named.contact is None or not named.mention:
        return "", []
    companies = {fold(c.company) for c in contacts if c.company}
    m = re.search(rf"\b{re.escape(named.mention)}\s+(?:at|from|of|@)\s+(?P<co>[\w&'-]+(?:\s+[\w&'-]+)?)", text,
                  re.IGNORECASE)
    if not m:
        return "", []
    said = [w for w in (fold(m.group("co")), fold(m.group("co").split()[0])) if w in companies]
    if said and said[0] != fold(named.contact.company) and fold(named.contact.company) not in said:
        return f"{named.mention} at {m.group('co').split()[0]}", [named.contact]
    return "", []


def contacts_named(text: str, contacts: list[Contact]) -> list[Contact]:
    """Everyone named in the words, in the order named (one person per clause split on 'and', 'also', 'then',
    'to', 'with')."""
    out: list[Contact] = []
    for part in re.split(r"\b(?:and|also|then|to|with)\b|[,;.]", text):
        found = who(part, contacts).contact
        if found is not None and found not in out:
            out.append(found)
    return out


def company_named(text: str, contacts: list[Contact]) -> str:
    """The workplace of a contact the words name ('show everyone at Stripe': 'Stripe'), as the contacts spell it;
    '' for none."""
    said = " " + re.sub(r"[^a-z0-9&]+", " ", fold(text)) + " "
    names = sorted({c.company for c in contacts if c.company}, key=len, reverse=True)
    exact = next((n for n in names if " " + re.sub(r"[^a-z0-9&]+", " ", fold(n)).strip() + " " in said), "")
    return exact or _misspelt_company(said.split(), names)


def _misspelt_company(said: list[str], names: list[str]) -> str:
    """A workplace typed with a slip ('datadogg', 'Contosso', 'city hosptial'): each of its words of five letters
    or more within one edit (a letter added, changed or swapped, never dropped: 'strip' is not Stripe) of a word
    said in a row that is no known word, shorter words exactly; '' when none or several fit."""
    fits = []
    for name in names:
        parts = re.sub(r"[^a-z0-9&]+", " ", fold(name)).split()
        if not parts or max(len(p) for p in parts) < 5:
            continue
        for i in range(len(said) - len(parts) + 1):
            if all(w == p or (len(p) >= 5 and len(w) >= len(p) and w not in known_words() and OSA.distance(w, p) <= 1)
                   for w, p in zip(said[i:i + len(parts)], parts, strict=True)):
                fits.append(name)
                break
    return fits[0] if len(fits) == 1 else ""



def about_last(named: Who, last_contact: Contact | None) -> bool:
    """The words name or describe nobody but the person of the previous turn: no one, that person, or a
    description that fits them among others ('he was my manager' when the last draft went to a former manager)."""
    if named.unmatched:
        return False
    if named.contact is not None:
        return last_contact is not None and named.contact.id == last_contact.id
    return not named.choices or (last_contact is not None and any(c.id == last_contact.id for c in named.choices))


# "the other Marcus", "the second Marcus", "no, the other one": the namesake of the person just spoken of.
_OTHER = re.compile(r"\b(?:the\s+)?(?:other|second|another|different|2nd)\s+(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+)", re.IGNORECASE)
# "that Marcus from before", "the same Marcus": the one just spoken of; "not the Datadog one": not the one there.
_SAME = re.compile(r"\b(?:that|the same|this) (?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+)\b|\b(?P<n2>[A-ZÀ-ÖØ-Þ][\w'’-]+) (?:from before|"
                   r"from earlier|again|you (?:just )?(?:showed|mentioned))\b")
_NOT_THE = re.compile(r"\bnot (?:the )?(?P<co>(?!(?:the|that|this|other|first|second)\b)[A-Za-z][\w&'-]+) (?:one|guy|person|woman|man)\b|\bnot (?:the one )?(?:at|from) "
                      r"(?P<co2>[A-Za-z][\w&'-]+)", re.IGNORECASE)


def other_namesake(named: Who, text: str, last_contact: Contact | None, contacts: list[Contact] = ()) -> Who:
    """Of several people the words could mean, the one who is not the person the previous turn was about, when
    the words say "the other" or "the second" before the name, or not at the employer they name ("not the
    Datadog one"); else `named` as it was."""
    excluded = _NOT_THE.search(text)  # "not the Datadog one, the other Marcus": the one who is not there
    if excluded and (named.choices or named.contact is not None):
        said = fold(excluded.group("co") or excluded.group("co2"))
        given = fold(named.contact.first_name) if named.contact is not None else ""
        pool = named.choices or [c for c in contacts if given and fold(c.first_name) == given]
        rest = [c for c in pool if not (c.company and said in fold(c.company).split())]
        if len(rest) == 1 and len(rest) < len(pool):
            return Who(contact=rest[0], mention=named.mention)
    if not named.choices or last_contact is None:
        return named
    same = _SAME.search(text)  # "that Marcus from before", "the same Marcus": the one just spoken of
    if same and any(c.id == last_contact.id for c in named.choices) and \
            fold(same.group("name") or same.group("n2")) in fold(last_contact.name).split():
        return Who(contact=last_contact, mention=named.mention)
    m = _OTHER.search(text)
    if not m or not any(fold(m.group("name")) in fold(c.name).split() for c in named.choices):
        return named
    rest = [c for c in named.choices if c.id != last_contact.id]
    if len(rest) != 1 or len(rest) == len(named.choices):
        return named
    return Who(contact=rest[0], mention=named.mention)


# The one a message is said to be to, among several people named ("introduce Wei to Priya - draft the email to Priya").
_WRITTEN_TO = re.compile(r"\b(?:email|e-mail|message|msg|note|dm|letter|request|one|draft|write)\s+to\s+"
                         r"(?P<n>[A-ZÀ-ÖØ-Þa-z][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?)", re.IGNORECASE)


def written_to(named: Who, text: str) -> Who:
    """Of several people named, the one the words say the message is to; else `named` as it was."""
    if not named.choices:
        return named
    said = [fold(m.group("n")) for m in _WRITTEN_TO.finditer(text)]
    for name in reversed(said):  # the last said: "introduce Wei to Priya … the email to Priya"
        hits = [c for c in named.choices if name == fold(c.name) or name.split()[0] == fold(c.first_name)]
        if len(hits) == 1 and len({c.first_name for c in named.choices}) == len(named.choices):
            return Who(contact=hits[0], mention=hits[0].first_name)
    return named


def says_whom(text: str) -> bool:
    """The words say whom the message is to ("the email to Priya")."""
    return _WRITTEN_TO.search(text) is not None
