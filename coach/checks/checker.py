"""The message checker: every draft passes through it, and so can the user's own messages.

A check is one small function registered with its weight and whether it is
hard. A failed hard check means the coach never shows the draft: the message
would be wrong or embarrassing (over the channel's limit, a placeholder, a
claim the user never told us, another contact's details, a request for
credentials, payment details or identity documents, anyone's contact details
but the sender's own, the wrong name, a
goal it does not fulfil, the recipient spoken of in the third person, two
facts stitched into a false one, a sentence said twice). Soft checks make a
message better (one clear ask, something personal, the user's reason, no
stock phrases, a greeting, plain words) and only move the score. Form checks
live here; substance checks (goal, reason, person, facts, repetition) in
`coach/checks/substance.py`, registered the same way.
"""

from __future__ import annotations

import re

from coach.checks.grounds import (  # noqa: F401  (re-exported: the checker is where callers look for them)
    ALWAYS_OK,
    ASK_PATTERN,
    COMMON_CAPITALISED,
    EMAIL,
    GREETING,
    GREETING_TITLE,
    GREETS,
    PLACEHOLDER,
    STOCK_PHRASES,
    URL,
    Grounds,
    claims,
    greeted_names,
    other_contact_mentions,
    unsupported_claims,
)
from coach.checks.readability import grade as readability_grade
from coach.checks.registry import REGISTRY, Check, Message, Verdict, check  # noqa: F401  (re-exported)
from coach.config.prompts import load_data
from coach.core.limits import read_limit, within
from coach.core.messages import CheckReport, CheckResult, Limit
from coach.core.text import STOPWORDS, fold, sentences, strip_frame, words  # noqa: F401
from coach.crm.facts.names import goes_by, short_of

LINKEDIN_MESSAGE_LIMIT = 1900
EMAIL_WORDS = (10, 180)  # words between greeting and sign-off: a short email that does its job is fine, and
# a full one up to 180 words still reads in a minute; the ideal range is only advice
EMAIL_IDEAL = (50, 125)
SUBJECT_WORDS = (2, 8)
SUBJECT_CHARS = 60
# Past these a subject is broken (a paragraph, a pasted line): hard. Between the ideal and these it is advice.
SUBJECT_MAX_WORDS, SUBJECT_MAX_CHARS = 15, 100
MAX_GRADE = 8.0


def ask_sentences(text: str) -> list[str]:
    """The message's asks: its questions, or when it has none, its requests ("let me know if…")."""
    questions = [s for s in sentences(text) if s.rstrip().endswith("?")]
    return questions or [s for s in sentences(text) if ASK_PATTERN.search(s)]


def channel_limit(channel: str, premium: bool = False) -> int | None:
    if channel == "linkedin-note":
        return 300 if premium else 200
    if channel == "linkedin-message":
        return LINKEDIN_MESSAGE_LIMIT
    return None


def check_message(body: str, channel: str, grounds: Grounds, subject: str = "", premium: bool = False) -> CheckReport:
    """Score a message on every registered check (see the module docstring for what each means)."""
    message = Message(body=body.strip(), channel=channel, grounds=grounds, subject=subject.strip(), premium=premium)
    results: list[CheckResult] = []
    total = got = 0
    for item in REGISTRY.values():
        verdict = item.run(message)
        if verdict is None:
            continue
        hard = item.hard if verdict.hard is None else verdict.hard
        results.append(CheckResult(name=item.name, passed=verdict.passed, hard=hard, detail=verdict.detail,
                                   suggestion="" if verdict.passed else verdict.suggestion))
        total += item.weight
        got += item.weight if verdict.passed else 0
    bad = unsupported_claims(message.text, grounds)
    return CheckReport(score=round(100 * got / total) if total else 100, checks=results, unsupported=bad)


def user_limit(m: Message) -> Limit | None:
    """The length the user set in numbers: the request's reading holds it; a message checked without one (pasted
    to `coach check`) reads it from the user's words."""
    reading = m.grounds.reading
    if reading is not None:
        return reading.most
    return read_limit(f"{m.grounds.request} {m.grounds.context}", whole=False)


# ---------------------------------------------------------------- form checks
SHORT_EMAIL = "Add one sentence of context: why them, why now."  # the advice for an email under the minimum


@check("length", 20, hard=True)
def _length(m: Message) -> Verdict:
    """Within the channel's limit (characters for LinkedIn, words for an email) and any the user set in numbers
    ("under 200 chars", "max 120 words", "3 sentences max"), and says something."""
    if len(m.core.split()) < 3:
        return Verdict(False, "says nothing between the greeting and the sign-off", "Say why you are writing.")
    most = user_limit(m)
    if most and not within(most, words=len(m.core.split()), characters=len(m.body),
                           sentences=len(sentences(m.core))):
        return Verdict(False, f"over the {most.line()} you asked for",
                       f"Cut it to {most.line()}: keep the hook and the ask.")
    if m.channel == "email":
        n, framed = len(m.body.split()), len(m.core.split())
        n = framed if n - framed <= 8 else n  # the greeting and sign-off are not what is said; a tail after them is
        top = most.most if most and most.unit == "words" else EMAIL_WORDS[1]  # the user's number, up or down
        ok = EMAIL_WORDS[0] <= n <= top
        ideal = EMAIL_IDEAL[0] <= n <= EMAIL_IDEAL[1]
        return Verdict(
            ok, f"{n} words (email bodies: {EMAIL_WORDS[0]}-{top}, ideally "
                f"{EMAIL_IDEAL[0]}-{EMAIL_IDEAL[1]})" + ("" if ideal or not ok else "; outside the ideal range"),
            "Cut it to one short paragraph and the ask." if n > top
            else SHORT_EMAIL)
    limit = channel_limit(m.channel, m.premium)
    n = len(m.body)
    return Verdict(limit is None or n <= limit, f"{n}/{limit} characters",
                   f"Cut {n - (limit or 0)} characters: keep the hook and the ask.")


@check("subject", 5, hard=True)
def _subject(m: Message) -> Verdict | None:
    """An email has a specific 2-8 word subject."""
    if m.channel != "email":
        return None
    sw = len(m.subject.split())
    ok = SUBJECT_WORDS[0] <= sw <= SUBJECT_WORDS[1] and len(m.subject) < SUBJECT_CHARS
    # a specific subject a little long ("Referral for the Senior Consultant, Public Sector role") is advice only
    broken = not m.subject or sw > SUBJECT_MAX_WORDS or len(m.subject) > SUBJECT_MAX_CHARS
    return Verdict(ok, f"subject has {sw} words, {len(m.subject)} characters (2-8 words, under 60)" if m.subject
                   else "no subject line",
                   "Write a specific 2-8 word subject, e.g. 'Quick question about the data team'.",
                   hard=None if ok or broken else False)


# What the user said not to do that means no ask at all ("no ask", "don't ask for anything", "no favours"): the ask
# word leads the thing avoided; "asking for a job" or "the Lottery bid as a favour owed" is one kind of ask or a
# thing not to mention, and the goal still asks.
NO_ASK = re.compile(r"(?:(?:an?|any|the)\s+)?(?:(?:real|big|direct|specific|hard)\s+)?(?:ask(?:ing|s)?|request(?:ing|s)?|"
                    r"favou?rs?|call to action|cta)\b(?!\s+(?:for\s+)?(?:an?\s+)?(?:job|work|role|position|money|referral)s?\b)"
                    # the ask itself, not one ask of several ("ask her to talk to the hiring mgr": only that one)
                    r"(?!\s+(?:her|him|them|you)\s+to\b)")


def said_no_ask(avoid: list[str]) -> bool:
    """Whether what the user said to leave out is the ask itself ("no ask", "don't ask for anything yet")."""
    return any(NO_ASK.match(fold(thing)) for thing in avoid)


def asks_none(m: Message) -> bool:
    """Whether the message should ask nothing: the goal asks nothing of its own (a thank-you, a congratulation:
    `no_ask` in prompts/goals.yaml), or the user said not to ask."""
    reading = m.grounds.reading
    if reading is not None and said_no_ask(reading.avoid):
        return True
    return bool((load_data("goals")["goals"].get(m.grounds.goal) or {}).get("no_ask"))


@check("ask", 15)
def _ask(m: Message) -> Verdict:
    """One clear ask; none where the message should ask nothing (then at most one the user asked for)."""
    asks = ask_sentences(m.body)
    if asks_none(m) and len(asks) <= 1:
        return Verdict(True, "no ask, as a thank-you or congratulation needs none" if not asks
                       else f"one ask: “{asks[0]}”")
    return Verdict(len(asks) == 1, f"one clear ask: “{asks[0]}”" if len(asks) == 1 else f"{len(asks)} asks found",
                   "End with one specific, easy-to-answer request." if not asks
                   else "Keep one ask; several make it harder to say yes.")


def none_found(found: list[str], ok: str, what: str, suggestion: str) -> Verdict:
    """A check that passes when it finds nothing, naming what it found otherwise."""
    return Verdict(not found, ok if not found else f"{what}: {', '.join(found[:6])}", suggestion)


@check("grounding", 20, hard=True)
def _grounding(m: Message) -> Verdict:
    """Every name, date, number and link is something the user told us."""
    return none_found(unsupported_claims(m.text, m.grounds), "every name, date, number and link is supported",
                      "unsupported", "Remove or correct details that are not in your notes or request.")


@check("other-contacts", 5, hard=True)
def _others(m: Message) -> Verdict:
    """No other contact's name or company."""
    return none_found(other_contact_mentions(m.text, m.grounds), "no other contact's details",
                      "mentions another contact's details", "Remove details that belong to someone else.")


@check("sensitive", 10, hard=True)
def _sensitive(m: Message) -> Verdict:
    """Asks for no credentials, payment details or identity documents, and carries nobody's contact details but
    the sender's own (coach/checks/sensitive.py), whatever the notes say."""
    from coach.checks.sensitive import contact_details, secret_requests

    g = m.grounds
    own = "\n".join([g.request, g.context, g.profile.name, g.profile.headline, g.profile.goals])
    found = [f"{kind} ({phrase})" for kind, phrase in secret_requests(m.text)]
    found += [f"contact details ({detail})" for detail in contact_details(m.text, own)]
    return none_found(found, "asks for no secrets and shares nobody's contact details", "never send",
                      "Remove it: never ask for passwords, bank or card details or ID documents, and never share "
                      "anyone's e-mail, phone number or address in a message.")


@check("placeholders", 10, hard=True)
def _placeholders(m: Message) -> Verdict:
    """No [brackets] or template slots left to fill."""
    return none_found([x.group(0) for x in PLACEHOLDER.finditer(m.text)], "no placeholders", "placeholders",
                      "Replace every placeholder with the real detail, or drop it.")


@check("stock-phrases", 5)
def _stock(m: Message) -> Verdict:
    """No stock phrases."""
    stock = [p for p in STOCK_PHRASES if p in fold(m.body)]
    return Verdict(not stock, "no stock phrases" if not stock else f"stock phrase: “{stock[0]}”",
                   "Open with something only you could say to this person.")


@check("greeting", 5)
def _greeting(m: Message) -> Verdict:
    """Greets the person by their first name (hard when it names someone else)."""
    greeting = GREETING.match(m.body)
    contact = m.grounds.contact
    title = GREETING_TITLE.match(m.body)
    if greeting and contact and m.first:
        said = fold(greeting.group(2))
        names = {fold(m.first), fold(m.first.split(" ")[0]), fold(contact.given_name)}
        if title and contact.last_name:  # "Dear Dr. Okafor": a title goes with the surname
            names = {fold(contact.last_name), fold(contact.last_name.split(" ")[0]), *names}
        several = [fold(n) for n in greeted_names(m.body)]
        if len(several) > 1 and any(n in names or _called(n, m) for n in several):
            said = next(n for n in several if n in names or _called(n, m))  # "Hi Fenna, hi Seun,": they are one
        if said not in names and not _called(said, m):  # a name they go by is looked up only when it is needed
            return Verdict(False, f"addressed to {greeting.group(2)}, but this is {m.first}",
                           f"Address it to {m.first}.", hard=True)
        if title and not _title_fits(title.group(1), contact):
            return Verdict(False, f"calls them {title.group(1)}, which nothing you know says",
                           f"Use 'Hi {m.first},' or the title in their record.", hard=True)
    # a greeting that names someone else has returned above: any other greeting is theirs
    return Verdict(bool(greeting), f"addressed to {greeting.group(2)}" if greeting else "no greeting",
                   f"Start with 'Hi {m.first or 'and their first name'},'.")


def _called(said: str, m: Message) -> set[str]:
    """{said} when the user calls them so: a short form of their given name (its start, a part of it, its end, or
    the table's: "Tomek", "Bram", "Pippa", "Maggie") that the notes or the user's words for this message write,
    and no other contact's first name; else {}."""
    g, contact = m.grounds, m.grounds.contact
    given = fold(contact.given_name)
    own = set(re.findall(r"[\w'’-]+", fold(f"{g.request} {g.context}")))
    if said in {fold(o.given_name) for o in g.others if o.id != contact.id}:
        return set()
    if said == fold(goes_by(contact, f"{g.request} {g.context}")):
        return {said}  # the name the notes or the user's words say they go by ("everyone calls him Nacho")
    if re.search(rf"\b(?:{GREETS})\s+{re.escape(said)}\b", fold(f"{g.request} {g.context}")):
        return {said}  # the greeting the user wrote out for this message ("start with 'Hey Jode'")
    written = said in set(re.findall(r"[\w'’-]+", fold(" ".join(n.text for n in contact.notes)))) or said in own
    short = len(said) >= 3 and (short_of(said, given) or said in given or said[-3:] == given[-3:])  # Pippa, Bram
    return {said} if written and short else set()


def _title_fits(title: str, contact) -> bool:
    """Dr. and Prof. are claims about the person: their record must carry them; Mr./Ms. and the like are not."""
    t = fold(title).rstrip(".")
    record = fold(f"{contact.first_name} {contact.title} {' '.join(contact.tags)} {contact.noted_title}")
    if t == "dr":
        return bool(re.search(r"\b(dr|doctor|phd|md|physician)\b", record))
    if t in ("prof", "professor"):
        return bool(re.search(r"\b(prof|professor)\b", record))
    return True


@check("readability", 5)
def _readability(m: Message) -> Verdict:
    """Short sentences and plain words."""
    g = readability_grade(m.body)
    return Verdict(g <= MAX_GRADE, f"Flesch-Kincaid grade {g:.1f} (aim for {MAX_GRADE:.0f} or lower)",
                   "Use shorter sentences and plainer words.")


# The substance checks register after the form checks (the report lists them in this order).
from coach.checks import substance  # noqa: E402, F401
