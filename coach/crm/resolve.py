"""Who the user means: a person named in their words, chosen once and then carried by id.

"Ask Marcus Lee at Datadog for a referral" names a person and qualifies them.
With two Marcus Lees in the store, the qualifier (a company, a title, a place,
a tag, an email domain) picks one; when nothing picks one, the caller asks
back with the candidates as choices (`ContactChoice`, by id), in the CLI, the
chat and the app alike. A name is never re-parsed after this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.core.domain import Contact
from coach.core.messages import ContactChoice
from coach.core.text import STOPWORDS, fold, has_word
from coach.crm.names import everyday, name_slot, near_surname, short_form, surname_matches, titled, word_names

MIN_PART = 3  # a first or last name shorter than this ("Al", "Li") is too common a word to count alone
# How a user qualifies a name when writing to the app: "Marcus Lee at Datadog", "Marcus Lee (Datadog)",
# "Marcus Lee from Datadog", "Marcus Lee, Datadog".
QUALIFIED = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<paren>[^)]+)\)|,\s*(?P<comma>.+)|\s(?:at|from|of|@)\s+(?P<at>.+))$",
                       re.IGNORECASE)


def _plain(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", fold(text)).strip() + " "


def choice(contact: Contact) -> ContactChoice:
    return ContactChoice(id=contact.id or 0, name=contact.name, company=contact.company, title=contact.title)


def qualifiers(contact: Contact) -> list[str]:
    """What tells this person apart from a namesake, folded: where they work, their title (and its initials),
    where they live, their tags, their email domain."""
    out = [contact.company, contact.title, contact.location, *contact.tags]
    out += [x.split()[0] for x in (contact.company, contact.location)  # "the Acme one"
            if len(x.split()) > 1 and fold(x.split()[0]) not in STOPWORDS]
    for email in contact.emails:
        domain = email.rpartition("@")[2].split(".")[0]
        if domain not in ("gmail", "outlook", "hotmail", "yahoo", "icloud", "proton", "protonmail", "me"):
            out.append(domain)
    said = [q for q in (_plain(x).strip() for x in out if x) if len(q) >= MIN_PART]
    title = _plain(contact.title).split()
    if len(title) > 1:  # "the PM Marcus": a title's initials tell a Product Manager apart
        said.append("".join(w[0] for w in title))
    return said


def narrow(people: list[Contact], text: str) -> list[Contact]:
    """The people whose own qualifiers the words name, and that not every one of them shares; all of them when
    the words name none ('Marcus Lee at Datadog' keeps the Datadog one)."""
    words = _plain(text)
    shared = set.intersection(*(set(qualifiers(p)) for p in people)) if people else set()
    scored = [(sum(1 for q in set(qualifiers(p)) - shared if has_word(q, words)), p) for p in people]
    best = max((s for s, _ in scored), default=0)
    return [p for s, p in scored if s == best] if best else people


@dataclass
class Who:
    """The person the words name (`contact`), or the people they could mean (`choices`), and the name as said;
    or a name said that is nobody's (`unmatched`: 'Ms. Johnson', 'Dan') with the people it may stand for
    (`near`), to ask back."""

    contact: Contact | None = None
    choices: list[Contact] = field(default_factory=list)
    mention: str = ""
    unmatched: str = ""
    near: list[Contact] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return self.contact is None and len(self.choices) > 1


def who(text: str, contacts: list[Contact]) -> Who:
    """The contact named in `text`: a full name first (a qualifier in the words settles a shared one), then a
    title and a surname ('Dr. Al-Sayed': only that surname, exactly), then a first or last name that picks one
    person (or one the qualifier picks). A title and a surname nobody has, or a short form of a given name
    nobody goes by ('Dan' for Daniel), is `unmatched`: never chosen, asked back with who it may be."""
    words = _plain(text)
    by_name: dict[str, list[Contact]] = {}
    for c in contacts:
        key = _plain(c.name).strip()
        if " " in key:
            by_name.setdefault(key, []).append(c)
    for key in sorted(by_name, key=len, reverse=True):
        if has_word(key, words):
            return _settle(by_name[key], text, next(c.name for c in by_name[key]))
    firsts = {fold(c.first_name) for c in contacts if c.first_name}
    for said, surname in titled(text):
        people = surname_matches(surname, contacts)
        if people:
            return _settle(people, text, said)
        if fold(surname) not in firsts:  # 'Dr. Fatima' is Fatima
            return Who(unmatched=said, near=near_surname(surname, contacts))
    lowercase = text in (text.lower(), text.upper())  # all in one case: the case says nothing of names
    for part in ("first_name", "last_name"):
        people = [c for c in contacts if _said(getattr(c, part), text, words, lowercase)]
        if people:
            return _settle(people, text, getattr(people[0], part))
    said, near = short_form(text, contacts)
    return Who(unmatched=said, near=near) if said else Who()



def _said(part: str, text: str, words: str, lowercase: bool) -> bool:
    """A first or last name in the words: whole, and capitalised as a name unless the user types in lower case
    ('May' is a name, 'may' is not), or typed in lower case anywhere when it is no everyday word ('who better
    than wei'), or where a name stands ('ask priya for a referral, I …') when it is no stop word or word-name."""
    if not part or len(part) < MIN_PART or not has_word(_plain(part).strip(), words):
        return False
    if lowercase or re.search(rf"(?<![\w]){re.escape(part)}(?![\w])", text) is not None:
        return True
    if fold(part) in word_names() or fold(part) in STOPWORDS:
        return False
    if not everyday(part):  # 'than wei': typed in lower case, and no everyday word
        return True
    folded = fold(text)
    return any(name_slot().search(folded[:m.start()]) for m in re.finditer(rf"\b{re.escape(fold(part))}\b", folded))


def _settle(people: list[Contact], text: str, mention: str) -> Who:
    if len(people) == 1:
        return Who(contact=people[0], mention=mention)
    picked = narrow(people, text)
    if len(picked) == 1:
        return Who(contact=picked[0], mention=mention)
    return Who(choices=picked, mention=mention)


def split_qualifier(query: str) -> tuple[str, str]:
    """'Marcus Lee at Datadog' -> ('Marcus Lee', 'Datadog'); a bare name -> (name, '')."""
    m = QUALIFIED.match(query.strip())
    if not m:
        return query.strip(), ""
    return m.group("name").strip(), (m.group("paren") or m.group("comma") or m.group("at") or "").strip()


def pick(text: str, choices: list[ContactChoice], contacts: list[Contact]) -> int | None:
    """The id the user's answer picks among `choices` offered: '#12', '12', 'the second', 'the Datadog one',
    or a name or qualifier only one of them has; None when it picks none."""
    ids = [c.id for c in choices]
    folded = fold(text).strip()
    m = re.fullmatch(r"(#?)\s*(\d+)\.?", folded)
    if m:
        n = int(m.group(2))
        if not m.group(1) and 1 <= n <= len(ids):  # "2": the second one in the list; "#2": the contact #2
            return ids[n - 1]
        return n if n in ids else None
    for i, word in enumerate(("first", "second", "third", "fourth", "fifth")[:len(ids)]):
        if has_word(word, folded):
            return ids[i]
    if has_word("last", folded) and ids:
        return ids[-1]
    people = [c for c in contacts if c.id in ids]
    picked = narrow(people, text)
    return picked[0].id if len(picked) == 1 and len(people) > 1 else None
