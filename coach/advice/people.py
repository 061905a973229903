"""People who could help: from the user's own contacts, each with the reason a person understands.

What someone is to the user (`coach.crm.relations`: former colleague, mentor,
recruiter, skip-level…) is read from what the user recorded. Which of these
matter depends on the situation (a layoff: former colleagues, mentors, recruiters; a manager taking
credit: a mentor, the skip-level; a partnership: founders and partners), so the
lead article picks the weights. The same reading finds who the user means by
"my old manager from Bramble Bank" or "the recruiter at Meridian Health".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from coach.core.domain import Profile
from coach.core.messages import RelatedContact
from coach.core.text import STOPWORDS, fold
from coach.crm.relations import LABELS, SKIP_LEVEL, Person, ago, same_company
from coach.crm.resolve import narrow

MAX_PEOPLE = 5

# ------------------------------------------------------------------ what a situation needs
# Weights of each relation for a kind of situation, matched as words in the lead article's title, tags and file
# name within the themes it applies to; `avoid` are people who must not hear of it (a discreet search) or are
# its cause (the manager in a conflict with them).
SUPPORT, OPPORTUNITIES, VISIBILITY = ("support",), ("opportunities", "support"), ("opportunities", "visibility")
NEEDS: list[tuple[tuple[str, ...], re.Pattern[str], dict[str, float], tuple[str, ...]]] = [
    (SUPPORT, re.compile(r"\b(discreet\w*|quietly|confidential|while (?:you )?(?:are )?employed)\b", re.IGNORECASE),
     {"mentor": 3, "recruiter": 3, "former-manager": 2.5, "former-colleague": 2, "coach": 1},
     ("colleague", "manager", "skip-level")),
    (SUPPORT, re.compile(r"\b(laid off|layoffs?|redundan\w*|job loss|lost (?:my|your) job)\b", re.IGNORECASE),
     {"former-colleague": 3, "former-manager": 3, "mentor": 3, "recruiter": 3, "hiring": 2, "friend": 1.5,
      "coach": 1}, ("colleague",)),
    (SUPPORT, re.compile(r"\b(credit|toxic\w*|hostile|manager conflict|bully\w*)\b", re.IGNORECASE),
     {"mentor": 3, "skip-level": 3, "coach": 2.5, "former-manager": 1.5, "friend": 0.5}, ("manager",)),
    (VISIBILITY, re.compile(r"\b(internal\w*|promotions?|inside your own company|workplace)\b", re.IGNORECASE),
     {"skip-level": 3, "manager": 3, "mentor": 2.5, "former-manager": 1.5, "colleague": 1}, ()),
    (SUPPORT + VISIBILITY, re.compile(r"\b(burn\w* ?out|fatigue|impostor|imposter|introvert\w*)\b", re.IGNORECASE),
     {"mentor": 3, "friend": 2, "coach": 2, "speaker": 1}, ()),
    (OPPORTUNITIES, re.compile(r"\b(chang\w* careers?|career change|hidden job|recruiter|referral|insider|"
                               r"informational)\b", re.IGNORECASE),
     {"recruiter": 3, "former-colleague": 3, "hiring": 2.5, "former-manager": 2, "mentor": 1.5}, ()),
]
PRIVATE = NEEDS[0][1]  # the discreet search: its `avoid` are people who must not hear of it
THEME_NEEDS: dict[str, dict[str, float]] = {
    "opportunities": {"recruiter": 3, "hiring": 3, "former-colleague": 2.5, "former-manager": 2, "mentor": 1},
    "mentorship": {"mentor": 3, "coach": 2.5, "former-manager": 1.5},
    "partnerships": {"founder": 3, "partner": 3},
    "visibility": {"speaker": 3, "mentor": 1.5, "coach": 1},
    "support": {"mentor": 2.5, "coach": 1.5, "friend": 1, "former-manager": 1},
    "maintenance": {"mentor": 1, "friend": 1},
    "craft": {},
}
NAMED, AT_NAMED_COMPANY, LINKED, TARGET, ROLE_BONUS = 10.0, 4.0, 3.0, 0.5, 2.0
MIN_WEIGHT = 2.0  # a relation counts for a situation from this weight up; lesser ones only add to a score

# ------------------------------------------------------------------ who the situation names or points to
def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", fold(text)).strip() + " "


def companies_mentioned(text: str, people: list[Person]) -> set[str]:
    """The contacts' companies (folded) that the user's words name."""
    folded = _words(text)
    out = set()
    for p in people:
        for company in {p.contact.company, *(r.employer for r in p.relations)}:
            key = _words(company).strip()
            if len(key) > 2 and f" {key} " in folded:
                out.add(key)
    return out


def _at(person: Person, companies: set[str]) -> bool:
    places = {p for p in [person.contact.company, *(r.employer for r in person.relations)] if p}
    return any(_words(place).strip() in companies for place in places)


@dataclass
class Mentions:
    """Who the user's words name: people picked out, and first names that fit several contacts."""

    named: list[Person] = field(default_factory=list)
    ambiguous: dict[str, list[Person]] = field(default_factory=dict)
    pointed: Person | None = None  # the one person a role in the words points to ("my old manager")
    maybe: list[Person] = field(default_factory=list)  # a name part that may be a plain word: offered, never assumed


def _as_word(part: str, text: str, lowercase: bool) -> bool:
    """Whether a first or last name in the words may be a plain word: the whole text is lowercase ("with grace"),
    or every capitalised use opens a sentence and the word is a common one ("Will the recruiter reply?")."""
    if lowercase:
        return True
    uses = list(re.finditer(rf"(?<![\w]){re.escape(part)}(?![\w])", text))
    opening = [m for m in uses if not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".?!:;\"'("]
    return bool(uses) and len(opening) == len(uses) and fold(part) in STOPWORDS


def mentions_in(text: str, people: list[Person], companies: set[str]) -> Mentions:
    """Full names anywhere; a first or last name (as written, capitalised) when it picks one contact,
    or one contact at a company the words also name."""
    folded = _words(text)
    lowercase = text == text.lower()
    found = Mentions()
    taken: set[int] = set()
    by_full: dict[str, list[Person]] = {}
    for p in sorted(people, key=lambda p: -len(p.contact.name)):
        full = _words(p.contact.name).strip()
        if " " in full and f" {full} " in folded:
            by_full.setdefault(full, []).append(p)
    for group in by_full.values():
        if len(group) > 1:  # namesakes: what the words add ("at Datadog") picks one, else nobody is guessed
            picked = narrow([g.contact for g in group], text)
            group = [g for g in group if any(g.contact is c for c in picked)]
        if len(group) == 1:
            found.named.append(group[0])
        else:
            found.ambiguous[group[0].contact.name] = group
        taken.update(id(g) for g in group)
    by_part: dict[str, list[Person]] = {}
    for p in people:
        for part in (p.contact.first_name, p.contact.last_name):
            if part and len(part) > 2:
                by_part.setdefault(part, []).append(p)
    for part, owners in by_part.items():
        pattern = rf"(?<![\w]){re.escape(part)}(?![\w])"
        if not re.search(pattern, text, 0 if not lowercase else re.IGNORECASE):
            continue
        if any(id(o) in taken for o in owners):
            continue  # already named in full
        owners = list({id(o): o for o in owners}.values())
        if len(owners) > 1:
            narrowed = [o for o in owners if _at(o, companies)]
            owners = narrowed if len(narrowed) == 1 else owners
        if len(owners) == 1 and _as_word(part, text, lowercase):
            found.maybe.append(owners[0])  # "will the recruiter reply?": the modal, not Will Park
            taken.add(id(owners[0]))
        elif len(owners) == 1:
            found.named.append(owners[0])
            taken.add(id(owners[0]))
        else:
            found.ambiguous[part] = owners
    return found


ROLE_WORDS: list[tuple[re.Pattern[str], str]] = [
    (SKIP_LEVEL, "skip-level"),
    (re.compile(r"\b(?:my|our|the) (?:old|former|previous|ex-?) ?(?:manager|boss)\b|\bex-?(?:manager|boss)\b",
                re.IGNORECASE), "former-manager"),
    (re.compile(r"\b(?:my|our) (?:manager|boss|line manager)\b(?!'s)", re.IGNORECASE), "manager"),
    (re.compile(r"\b(?:my|the|a) (?:old |former )?mentor\b", re.IGNORECASE), "mentor"),
    (re.compile(r"\b(?:my|the|a) (?:old |former )?coach\b", re.IGNORECASE), "coach"),
    (re.compile(r"\b(?:the|a|my) recruiter\b", re.IGNORECASE), "recruiter"),
    (re.compile(r"\b(?:my|a|the) (?:former|old|ex-?) ?(?:colleague|co-?worker|teammate)\b", re.IGNORECASE),
     "former-colleague"),
]
DEFINITE = re.compile(r"^(?:my|our|the)\b", re.IGNORECASE)  # "my mentor" points to someone; "a mentor" does not
RECENT_DAYS = 365


def roles_mentioned(text: str) -> set[str]:
    """The relations the user's words name ('my old manager', 'a former colleague', 'the recruiter')."""
    return {kind for pattern, kind in ROLE_WORDS if pattern.search(text)}


def pointed_person(text: str, people: list[Person], companies: set[str],
                   today: dt.date | None = None) -> Person | None:
    """The one contact a role in the words points to ('my old manager from Bramble Bank', 'the recruiter I
    talked to at Meridian Health', 'my mentor' when one mentor is the one they are in touch with), or None
    when no role is named with 'my' or 'the', or several contacts fit it."""
    today = today or dt.date.today()
    for pattern, kind in ROLE_WORDS:
        if not any(DEFINITE.match(m.group(0)) or kind == "skip-level" for m in pattern.finditer(text)):
            continue
        fits = [p for p in people if p.has(kind)]
        if companies:
            at = [p for p in fits if _at(p, companies)]
            fits = at or fits
        if len(fits) > 1 and not kind.startswith("former"):  # "my mentor": the one they still talk to
            recent = [p for p in fits if p.last_spoke and (today - p.last_spoke).days <= RECENT_DAYS]
            fits = recent if len(recent) == 1 else fits
        if len(fits) == 1:
            return fits[0]
    return None


def linked_phrases(text: str, people: list[Person]) -> dict[int, str]:
    """Contacts whose notes name something the user's words name too (an event, a meetup, a team): the phrase
    for each, by id(person). Contacts' own names and companies are left to the other rules."""
    from coach.checks.grounds import claims

    own = {fold(x) for p in people for x in (p.contact.name, p.contact.first_name, p.contact.last_name,
                                             p.contact.company) if x}
    phrases = [v for kind, v in claims(text) if kind == "name" and len(v) > 3 and fold(v) not in own]
    out: dict[int, str] = {}
    for phrase in phrases:
        pattern = re.compile(r"(?<![\w])" + re.escape(fold(phrase)) + r"(?![\w])")
        for p in people:
            notes = " ".join([p.contact.how_we_met, *(n.text for n in p.contact.notes)])
            if id(p) not in out and pattern.search(fold(notes)):
                out[id(p)] = phrase
    return out


# ------------------------------------------------------------------ ranking
def needs(theme: str, about: str) -> tuple[dict[str, float], tuple[str, ...]]:
    """Relation weights and relations to avoid for a situation, from its lead article."""
    for themes, pattern, weights, avoid in NEEDS:
        if theme in themes and pattern.search(about):
            return weights, avoid
    return THEME_NEEDS.get(theme, {}), ()


def private(theme: str, about: str) -> bool:
    """A situation the people it avoids must not hear about (a discreet search): none of them gets a message."""
    return theme in NEEDS[0][0] and bool(PRIVATE.search(about))


def _reason(person: Person, kind: str) -> str:
    where = person.employer(kind)
    label = LABELS.get(kind, kind)
    if kind in ("former-colleague", "colleague", "former-manager") and where:
        reason = f"{label} at {where}"
        company = person.contact.company
        if company and not same_company(company, where):
            reason += f", now at {company}"
        return reason
    if kind in ("recruiter", "hiring", "founder", "partner", "coach", "mentor") and person.contact.company:
        return f"{label} at {person.contact.company}" if kind != "hiring" else \
            f"hiring at {person.contact.company}"
    return label


# Things a contact may have been through too, read in the user's words and in the contact's notes.
EXPERIENCES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.IGNORECASE), label) for p, label in [
    (r"\b(laid off|layoffs?|redundan\w*|lost (?:my|his|her|their) job)\b", "a layoff"),
    (r"\b(chang\w* careers?|career chang\w*|switched (?:careers?|fields?)|pivot\w*)\b", "a career change"),
    (r"\b(moved to|relocat\w*|emigrat\w*|immigra\w*|new (?:city|country))\b", "a move somewhere new"),
    (r"\b(burn\w* ?out|exhausted)\b", "burnout"),
    (r"\b(started (?:a|my|his|her|their) (?:own )?(?:business|company|studio)|co-?found\w*|freelanc\w*)\b",
     "starting a business"),
    (r"\b(career break|back to work|returned to work|parental leave)\b", "a return to work"),
    (r"\b(bootcamp|retrain\w*)\b", "retraining"),
    (r"\b(toxic|bull(?:y|ied|ying)|took credit|takes credit)\b", "a difficult manager"),
]]


def _notes(person: Person) -> str:
    return " ".join([person.contact.how_we_met, *(n.text for n in person.contact.notes)])


def _knows(person: Person, counterpart: Person) -> str:
    """Why `person` is tied to the person the situation is about: named in their notes, or the same company."""
    other = counterpart.contact
    notes = fold(_notes(person))
    names = [n for n in (other.name, other.first_name) if n and len(n) > 2]
    if any(re.search(rf"(?<![\w]){re.escape(fold(n))}(?![\w])", notes) for n in names):
        return f"knows {other.name}, per your notes"
    if other.company and person.contact.company and same_company(other.company, person.contact.company):
        return f"works at {other.company} with {other.name}"
    return ""


def helpers(text: str, people: list[Person], mentions: Mentions, theme: str, about: str, profile: Profile,
            today: dt.date | None = None, limit: int = MAX_PEOPLE) -> list[RelatedContact]:
    """The people tied to this situation, best first, each with a reason about it: named or meant by the user,
    at a company they mentioned, linked by their notes to something they mentioned, knows the person the
    situation is about, went through the same thing per their notes, or is the kind of contact the user
    asked about ('a former colleague'). What they are to the user (mentor, recruiter…) ranks them and is
    said alongside, but is never reason enough alone: no tie to the situation, no list."""
    today = today or dt.date.today()
    weights, avoid = needs(theme, about)
    companies = companies_mentioned(text, people)
    said = {id(p) for p in mentions.named}
    pointed = id(mentions.pointed) if mentions.pointed else None
    maybe = {id(p) for group in mentions.ambiguous.values() for p in group} | {id(p) for p in mentions.maybe}
    weights = dict(weights)
    asked_for = {k for k in roles_mentioned(text) if k not in avoid}
    for kind in asked_for:  # "a former colleague": the user's former colleagues may be who they mean
        weights[kind] = weights.get(kind, 0) + ROLE_BONUS
    linked = linked_phrases(text, people)
    lived = [label for pattern, label in EXPERIENCES if pattern.search(text)]
    scored: list[tuple[float, Person, list[str]]] = []
    for p in people:
        kinds = p.kinds()
        useful = sorted((k for k in kinds if weights.get(k, 0) >= MIN_WEIGHT), key=lambda k: -weights[k])
        ties: list[str] = []  # reasons about this situation: at least one, or the person is not listed
        score = 0.0
        if id(p) in said:
            score += NAMED
            ties.append("you named them")
        elif id(p) == pointed and not any(k in avoid for k in kinds):
            score += NAMED / 2
            ties.append("may be the person you mean")
        elif id(p) in maybe:
            score += NAMED / 2
            ties.append("one of the people you may mean")
        elif "fell-out" in kinds or any(k in avoid for k in kinds):
            continue  # not someone to go to for this, unless the user named them
        if _at(p, companies):
            score += AT_NAMED_COMPANY
            ties.append(f"works at {p.contact.company}, which you mentioned")
        if id(p) in linked:
            score += LINKED
            ties.append(f"your notes link them to {linked[id(p)]}, which you mentioned")
        for counterpart in mentions.named:
            knows = _knows(p, counterpart) if counterpart is not p else ""
            if knows:
                score += LINKED
                ties.append(knows)
        notes = _notes(p)
        same = [label for label in lived if any(pt.search(notes) for pt, lb in EXPERIENCES if lb == label)]
        if same:
            score += LINKED
            ties.append(f"went through {same[0]} too, per your notes")
        if asked_for & set(kinds) and not ties:
            kind = next(k for k in useful if k in asked_for) if any(k in asked_for for k in useful) else \
                next(iter(asked_for & set(kinds)))
            score += weights.get(kind, 0)
            ties.append(f"{_reason(p, kind)}, as you asked")
        if not ties:
            continue
        reasons = list(ties)
        if useful:
            score += weights[useful[0]] + 0.25 * sum(weights[k] for k in useful[1:])
            reasons += [_reason(p, k) for k in useful[:1] if not any(_reason(p, k) in t for t in ties)]
        if "fell-out" in kinds:
            reasons.append("you fell out")
        if p.last_spoke:
            reasons.append(f"last spoke {ago(p.last_spoke, today)}")
            score += 0.3 / (1 + (today - p.last_spoke).days / 365)  # recent ties first among equals
        scored.append((score, p, reasons))
    scored.sort(key=lambda item: (-item[0], item[1].contact.name))
    return [RelatedContact(id=p.contact.id, name=p.contact.name, company=p.contact.company,
                           why=" · ".join(dict.fromkeys(reasons)), relations=p.kinds(),
                           last_contacted=p.last_spoke) for _, p, reasons in scored[:limit]]
