"""Substance checks: does the message do what it is for, to the person, with what the user told us?

Registered into the checker's registry like the form checks. What each goal
must name is data (`substance:` and `marker:` in prompts/goals.yaml); how each
kind of substance is recognised is here.
"""

from __future__ import annotations

import re

from coach.checks.grounds import ALWAYS_OK, COMMON_CAPITALISED, greeted_names
from coach.checks.people import in_own_voice, people_in
from coach.checks.registry import Message, Verdict, check
from coach.config.prompts import load_data
from coach.core.dates import MONTHS, month_number
from coach.core.messages import INTRODUCTION
from coach.core.text import (
    STOPWORDS,
    content_words,
    fold,
    has_word,
    repeated_spans,
    sentences,
    shared_stems,
    stem,
    words,
)
from coach.crm.facts.kinds import GOAL_FACTS

# Lines anyone could write to anyone: they do not count as personal when there is shared history.
GENERIC_LINES = ("following your work", "followed your work", "came across your", "admire your work",
                 "impressed by your work", "love what you are doing", "love what you're doing", "your impressive")
# Words of a request that say what to do, not what about ("ask him", "write her a note").
REQUEST_VERBS = frozenset(
    "ask asking write send draft note message email congratulate congratulations thank thanks follow following "
    "remind tell reach mention want wants would like please quick short friendly formal".split()
)
PRONOUNS = re.compile(r"\b(he|she|him|his|hers|himself|herself|he's|she's|he'd|she'd|he'll|she'll)\b|\bher\b",
                      re.IGNORECASE)
ROLE = re.compile(r"((?:[\w/+#-]+\s+){1,4}?)(?:role|position|opening|job|team|req|requisition|vacancy)\b")
NAME_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’&.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’&.-]*)*")


def _goal_spec(goal: str) -> dict:
    return load_data("goals")["goals"].get(goal, {})


def _own_words(m: Message) -> set[str]:
    c = m.grounds.contact
    return set(words(f"{c.name} {c.company}")) if c else set()


# What a message of each goal is about, among the contact's facts, strongest first.
THING_KINDS = {"thank-you": ("favour", "offer", "worked-together"), "congratulations": ("their-news",),
               "follow-up": ("my-request", "offer")}


def the_thing(grounds) -> str:
    """What a congratulations, thank-you or follow-up is about: the user's words, else the fact of the goal's
    kind (a favour for a thank-you), else the latest interaction or note."""
    if grounds.context.strip():
        return grounds.context
    c = grounds.contact
    if not c:
        return ""
    shown = [f for f in getattr(grounds, "facts", []) if not f.hidden]
    for kind in THING_KINDS.get(grounds.goal, ()):  # the facts of the goal's kind, when the facts hold one:
        found = [f.phrase for f in shown if f.kind == kind]  # naming any one of them names what it is about
        if found:
            return " ".join(found)
    dated = sorted((i for i in c.interactions), key=lambda i: i.date, reverse=True)
    if dated:
        return dated[0].summary
    notes = sorted(c.notes, key=lambda n: (n.date is not None, n.date), reverse=True)
    latest = notes[0].text if notes else ""
    if grounds.goal == "follow-up":  # with no request or offer to follow: any shared history a follow-up can open on
        return " ".join([latest, *(f.phrase for f in shown if f.kind in GOAL_FACTS["follow-up"])]).strip()
    return latest


# Everyday verbs and nouns that name nothing by themselves: a clause made only of them ("I want to show I did the
# things you said") gives no thing a message must name.
LIGHT = frozenset("want wants wanted show shows showed shown did done doing things thing said says tell told know "
                  "knew think thought make made give gave went going gets got like need needs feel felt really stuff "
                  "something".split())


# Words that name no particular thing in what the user asked to thank or congratulate for.
VAGUE = frozenset("everything anything things stuff week weekend time today yesterday heard hear back reply replied "
                  "response answer answered news".split())  # "I haven't heard back": no thing named
# Words of a fact that name no particular thing ("you helped me a lot").
GENERIC_THING = frozenset("help helped helping much really great lot time thanks thank".split())


def loosely_shared(text: str, thing: str, ignore: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The thing's words `text` says in another form: a month shortened or spelt out ('oct', 'October'), a
    number-and-letter token ('10K'), or a word inside a compound of the other's ('afterparty' and 'party',
    'partnership' and 'partner'; the shorter at least five letters)."""
    def forms(source: str) -> set[str]:
        out = set()
        for w in words(source):
            n = month_number(w) if len(w) >= 3 and w != "may" else None  # "you may know" names no month
            if n:
                out.add(MONTHS[n - 1])
            elif (len(w) >= 5 or (re.search(r"\d", w) and re.search(r"[a-z]", w))) and w not in STOPWORDS and \
                    w not in ignore and not w.isdigit():
                out.add(w)
        return out

    said, named = forms(text), forms(thing)
    return {w for w in named for s in said if w == s or (min(len(w), len(s)) >= 5 and (w in s or s in w))}


def role_words(context: str) -> list[str]:
    """'I am applying for the firmware engineer opening on his team' -> ['firmware', 'engineer']."""
    out: list[str] = []
    for match in ROLE.finditer(fold(context)):
        out += [w for w in content_words(match.group(1), min_len=2) if w not in REQUEST_VERBS
                and w not in NOT_ROLE and not (len(w) < 3 and w.isalpha() and w.islower() and w in ("re", "ll", "ve"))]
    return out


# Words before "job"/"role" that say how the user feels about it or which one, not what it is ("literally my dream
# job", "the perfect role", "my next position").
NOT_ROLE = frozenset("applying apply interested open new their team's literally really actually truly dream perfect "
                     "ideal exact same other next current first last ideal amazing great cool big".split())


def people_named_in(context: str, m: Message) -> list[str]:
    """Capitalised names in the user's request that are not the recipient, their employer or the user."""
    skip = _own_words(m) | set(words(m.grounds.profile.name))
    out = []
    for run in NAME_RUN.findall(context):
        parts = [p for p in run.split() if fold(p) not in ALWAYS_OK and fold(p) not in COMMON_CAPITALISED]
        if parts and not all(fold(p) in skip for p in parts):
            out.append(" ".join(p for p in parts if fold(p) not in skip))
    return [p for p in out if p]


@check("goal", 15, hard=True)
def _goal(m: Message) -> Verdict | None:
    """Does what the goal says: congratulates on the thing, thanks for the help, names the role or the person."""
    goal = m.grounds.goal
    spec = _goal_spec(goal)
    if not spec:
        return None
    language = m.grounds.language(m.text)
    if language:  # English is what drafts are written in: another language's goal words are not read
        return Verdict(True, f"written in {language}: its goal words are not checked")
    core = m.core
    marker = spec.get("marker")
    if spec.get("marker_when") == "who" and not people_to_meet(m):
        marker = ""  # an introduction of the user themselves: there is no one to ask to be introduced to
    if marker and not re.search(rf"\b(?:{marker})", fold(core)):
        return Verdict(False, f"a {goal} message that never says so", spec.get("marker_hint", ""))
    kind = spec.get("substance", "")
    ignore = _own_words(m) | REQUEST_VERBS
    if kind in ("thing", "proposal"):
        thing = the_thing(m.grounds) if kind == "thing" else m.grounds.context
        if not content_words(thing, ignore=ignore | LIGHT):
            return Verdict(True, "nothing specific given to name")  # "I want to show I did the things you said"
        shared = shared_stems(core, thing, ignore=ignore) or shared_stems(
            _JOB.sub("role", core), _JOB.sub("role", thing), ignore=ignore)  # "the new job" named as "the role"
        if not shared and kind == "thing":  # or it names a fact of the goal's kind: the favour thanked for
            shown = [f.phrase for f in m.grounds.facts if not f.hidden and f.kind in THING_KINDS.get(goal, ())]
            shared = {w for phrase in shown for w in shared_stems(core, phrase, ignore=ignore | GENERIC_THING)}
        if not shared:  # named in other words of the same root: "afterparty" as "party", "Oct" as "October"
            shared = loosely_shared(core, thing, ignore)
        if not shared and kind == "thing" and len(content_words(thing, ignore=ignore | VAGUE)) <= 1:
            # the user named it loosely ("for everything", "for the week"): what the notes share names it
            shared = m.grounds.history_words() & set(words(core)) - GENERIC_THING
        return Verdict(bool(shared), f"names it: {', '.join(sorted(shared)[:4])}" if shared
                       else f"never says what it is about (“{thing[:80]}”)",
                       spec.get("substance_hint", "Say what it is about, in your own words."))
    if kind == "role":
        wanted = role_words(m.grounds.context)
        if not wanted:
            return Verdict(True, "no role or team named in your request")
        said = words(core)
        have = {stem(w) for w in said}
        # a word the user shortened ("grad geotech role") is named by the word it shortens ("Graduate Geotechnical")
        found = [w for w in wanted if stem(w) in have or (len(w) >= 4 and any(s.startswith(w) for s in said))]
        ok = len(found) * 2 >= len(wanted)
        return Verdict(ok, f"names the role: {' '.join(found)}" if ok else f"drops the role you named ({' '.join(wanted)})",
                       "Name the role or team you are asking about.")
    if kind == "who":
        people = people_to_meet(m)
        if not people:
            return Verdict(True, "no one named to be introduced to")
        missing = [p for p in people if fold(p) not in fold(core)]
        return Verdict(not missing, f"names {', '.join(people)}" if not missing
                       else f"never names who: {', '.join(missing)}", "Say who you would like to meet, and why.")
    if kind in ("history", "why-you"):
        used = m.grounds.history_words() & set(words(core))
        if not used and m.grounds.context:  # the user's own reason for writing is a why, too
            used = set(content_words(m.grounds.context)) & set(words(core))
        if not used and kind == "why-you" and m.grounds.contact:
            c = m.grounds.contact
            used = set(content_words(c.title)) & set(words(core)) or (
                {fold(c.company)} if c.company and fold(c.company) in fold(core) else set())
        if not m.grounds.has_history() and kind == "history":
            return Verdict(True, "no shared history in your notes to refer to")
        return Verdict(bool(used), f"says why them: {', '.join(sorted(used)[:4])}" if used
                       else "never says why you are writing to them",
                       spec.get("substance_hint", "Say what you share, or why them in particular."))
    return Verdict(True, "nothing specific to check for this goal")


@check("reason", 10)
def _reason(m: Message) -> Verdict | None:
    """Carries the reason the user gave for writing."""
    context = m.grounds.context.strip()
    if not context:
        return None
    ignore = _own_words(m) | REQUEST_VERBS
    wanted = {stem(w) for w in content_words(context, ignore=ignore)}
    if not wanted:
        return None
    shared = shared_stems(m.core, context, ignore=ignore)
    share = len(shared) / len(wanted)
    return Verdict(share >= 0.5, f"uses your reason ({len(shared)} of {len(wanted)} key words)",
                   "Say why you are writing, in the words of your request.")


def people_to_meet(m: Message) -> list[str]:
    """The people the user named to be introduced to: the reading's (their name, not the words around it),
    else the names in the request."""
    reading = m.grounds.reading
    if reading is not None:
        runs = [NAME_RUN.match(p.text) for p in reading.parts if p.kind == "person"]
        # an introduction the user offers them: "introduce you to Hana Sato"
        runs += [NAME_RUN.match(re.sub(r"^introduce you to\s+", "", p.text)) for p in reading.parts
                 if p.kind == "offer" and p.extra == INTRODUCTION]
        return [r.group(0) for r in runs if r]
    return people_named_in(m.grounds.context, m)


@check("leave-out", 10, hard=True)
def _leave_out(m: Message) -> Verdict | None:
    """Says nothing the user asked to leave out ("don't bring up the layoffs")."""
    reading = m.grounds.reading
    if reading is None or not reading.avoid:
        return None
    found = [thing for thing in reading.avoid
             if (bool(_REQUEST.search(m.core)) if _about_the_ask(thing)
                 else touches(_without_no(m.text, thing, m.grounds.request), thing))]
    return Verdict(not found, "leaves out what you asked" if not found else f"mentions what you asked to leave "
                   f"out: {', '.join(found)}", "Remove it: you asked not to mention it.")


# "Don't ask for anything yet", "no asks at all": about the message's ask, not a subject; a question breaks it.
_ASK_WORDS = {"ask", "asks", "asking", "anything", "yet", "favour", "favor", "favours", "favors", "request", "requests",
              "something", "them", "her", "him"}


_REQUEST = re.compile(r"\b(?:would|could|can|might|will) (?:you|we)\b|\bare you (?:open|free|up for)\b|"
                      r"\bis there any chance\b|\bdo you have (?:time|a few|\d+)\b", re.IGNORECASE)


def _without_no(text: str, thing: str, request: str) -> str:
    """The message without its "no <thing>" where the user's words say "no <thing>" too ("no pressure", "at no cost
    to her"): the user asked for the thing's absence to be said, and saying it names nothing to leave out."""
    head = next(iter(words(thing)), "")
    if not head or not re.search(rf"\bno\s+{re.escape(head)}\b", fold(request)):
        return text
    return re.sub(rf"\bno\s+{re.escape(head)}\b", " ", text, flags=re.IGNORECASE)


def _about_the_ask(thing: str) -> bool:
    own = set(words(thing)) - STOPWORDS
    return bool(own) and own <= _ASK_WORDS and bool(own & {"ask", "asks", "asking", "request", "requests", "favour",
                                                           "favor", "favours", "favors"})


def touches(text: str, thing: str) -> bool:
    """Whether `text` says the thing to leave out: its one word ("the layoffs"), or most of the words of a
    clause ("Brookfield took forever to approve": naming Brookfield alone does not say it was slow)."""
    wanted = {stem(w) for w in content_words(thing)}
    shared = shared_stems(text, thing)
    return bool(shared) and len(shared) * 2 > len(wanted)


# Someone of the user's named by relation, whom a "he" or "she" beside it may mean.
_RELATIVE = re.compile(r"\b(?:dad|mum|mom|father|mother|wife|husband|son|daughter|sister|brother|uncle|aunt|cousin|"
                       r"grandad|granddad|grandma|grandmother|grandfather|fiance|fiancee|boss|my (?:partner|manager|"
                       r"colleague|friend|mentor|teammate|flatmate|housemate|neighbour|neighbor)|"
                       # someone else spoken of by what they are to the user ("one of my students … his group")
                       r"(?:my|our|the|a|an|one of (?:my|our|the))\s+(?:\w+\s+){0,2}?(?:students?|pupils?|kids?|"
                       r"child|children|clients?|customers?|patients?|candidates?|interns?|hires?|trainees?|"
                       r"apprentices?|reports?|mentees?|guests?|residents?|volunteers?|members?|users?))\b")


# Words about making the introduction itself: a pronoun beside them may be the person to meet.
_INTRODUCING = re.compile(r"\b(?:introduc\w*|intro|cc|cc'd|copied|copy (?:her|him|them) in|in touch|connect (?:you|us)|"
                          r"pass(?:ed)? on your|share your (?:details|email|number))\b")


@check("to-them", 10, hard=True)
def _to_them(m: Message) -> Verdict:
    """Speaks to the person ("your talk"), never about them ("her talk"). A pronoun beside another person named
    in the message ("Sam said he'd told you") is about that person, and a quoted blurb for them to forward speaks
    of the user; neither is a slip."""
    language = m.grounds.language(m.text)
    if language:
        return Verdict(True, f"written in {language}: its pronouns are not checked")
    if len(greeted_names(m.body)) > 1:  # "Hi Piet and Thandiwe,": a double introduction speaks of each to the other
        return Verdict(True, "written to more than one person: its pronouns are not checked")
    meet = {fold(p) for p in people_to_meet(m)}
    others = {fold(p) for p in people_named_in(m.grounds.context, m)} | meet
    first = fold(m.first)
    slips: list[str] = []
    prior: list[str] = []  # the sentences before: a person named three sentences back is still who "her" is
    for s in sentences(in_own_voice(m.core)):
        around = " ".join([*prior[-3:], s])
        near = fold(around)
        third_party = any(o and o in near for o in others) or bool(people_in(around, m)) or \
            bool(_RELATIVE.search(near)) or \
            (bool(_INTRODUCING.search(fold(s))) and
             any(o and o in fold(" ".join(prior)) for o in meet))
        # ("Dad said he'd mentioned it": the pronoun is someone of the user's; "I haven't copied her in" beside the
        # introduction, the person to meet, named anywhere before)
        for match in PRONOUNS.finditer(s):
            if not third_party:
                slips.append(match.group(0))
        if first and re.search(rf"\b{re.escape(first)}['’]s\b", fold(s)):
            slips.append(f"{m.first}'s")
        prior.append(s)
    return Verdict(not slips, "written to them" if not slips else f"speaks of them in the third person: "
                   f"{', '.join(dict.fromkeys(slips))}", "Speak to them: 'your talk', not 'her talk'.")


@check("facts-together", 10, hard=True)
def _facts_together(m: Message) -> Verdict:
    """Names, events and numbers that stand together in the message stand together in one fact."""
    sources = m.grounds.sources()
    own = fold(m.grounds.context or "")
    stitched: list[str] = []
    for s in sentences(m.text):
        for run in _claim_runs(s):
            # a word of the user's request is theirs to put beside a fact ("our Copperline SRE days")
            tokens = [fold(t) for t in run if not has_word(fold(t), own)]
            if len(tokens) < 2:
                continue
            if not all(any(has_word(t, src) for src in sources) for t in tokens):
                continue  # an unsupported part is the grounding check's business
            if not any(all(has_word(t, src) for t in tokens) for src in sources) and not _written_out(run, sources):
                stitched.append(" ".join(run))
    return Verdict(not stitched, "facts kept as you wrote them" if not stitched
                   else f"joins facts from different notes: {', '.join(stitched)}",
                   "Keep each detail with the fact it came from.")


_JOB = re.compile(r"\b(?:job|position|gig|role)s?\b", re.IGNORECASE)  # one word for a job, whichever is said
CALENDAR_WORDS = frozenset((*MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


def _written_out(run: list[str], sources: list[str]) -> bool:
    """A name whose last words spell out what a note abbreviates ("Linwood Middle School" for the note's "Linwood
    MS"): one fact, written in full."""
    for k in range(1, len(run) - 1):
        head, tail = " ".join(fold(t) for t in run[:k]), run[k:]
        short = "".join(t[0] for t in tail if t[:1].isalpha()).lower()
        if len(short) == len(tail) and any(has_word(f"{head} {short}", src) for src in sources):
            return True
    return False


def _claim_runs(sentence: str) -> list[list[str]]:
    """Runs of two or more adjacent capitalised words or numbers ('Figma 2023', 'PyCon US 2024')."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = -1
    greeting = re.match(r"^\s*(hi|hello|hey|dear)\s+\S+", sentence, re.IGNORECASE)
    for tok in re.finditer(r"[\w][\w'’&.+-]*[\w]|[\w]", sentence):
        word = tok.group(0).rstrip(".")
        claim = (word[:1].isupper() or any(ch.isdigit() for ch in word)) and fold(word) not in ALWAYS_OK \
            and fold(word) not in COMMON_CAPITALISED and not (greeting and tok.start() < greeting.end())
        adjacent = tok.start() - last_end <= 1 or sentence[last_end:tok.start()].strip() in ("-", "–")
        # a month or a day said before a name is when, not part of it ("in February Lantern Youth Theatre won")
        dated = bool(current) and fold(current[-1]) in CALENDAR_WORDS and not any(ch.isdigit() for ch in word)
        if claim and current and adjacent and not dated:
            current.append(word)
        else:
            if len(current) >= 2:
                runs.append(current)
            current = [word] if claim else []
        last_end = tok.end()
    if len(current) >= 2:
        runs.append(current)
    return runs


@check("repetition", 10, hard=True)
def _repetition(m: Message) -> Verdict:
    """Says nothing twice."""
    spans = repeated_spans(in_own_voice(m.core), n=5)  # a blurb to forward restates what the message says
    return Verdict(not spans, "nothing repeated" if not spans else f"said twice: “{spans[0]}”",
                   "Say each thing once.")


@check("personalization", 15)
def _personal(m: Message) -> Verdict:
    """Uses what you share with this person, not a line anyone could write."""
    if m.grounds.contact is None:
        return Verdict(False, "no contact given to personalise for",
                       "Name the recipient (--to) so the message can be checked against what you know.")
    history = m.grounds.history_words()
    used = sorted(history & set(words(m.core)))
    generic = [g for g in GENERIC_LINES if g in fold(m.core)]
    if generic and history:
        return Verdict(False, f"a line anyone could write (“{generic[0]}”) although you share history",
                       "Replace it with what you share: where you met, what you worked on together.")
    if not history:
        c = m.grounds.contact
        about = set(content_words(f"{c.title} {c.company}")) & set(words(m.core))
        return Verdict(bool(about), "no shared history in your notes; uses their role" if about
                       else "nothing specific to this person",
                       "Add a note about how you know them, then mention it.")
    return Verdict(bool(used), f"uses what you know: {', '.join(used[:5])}" if used
                   else "nothing specific to this person",
                   "Mention something from your notes: where you met, what you talked about.")
