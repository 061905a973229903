"""Assembly: a message from verified sentences, fitted to the channel, chosen by the checker.

The pieces come from elsewhere: the user's reason and their history with the
person as sentences to them (`coach/drafting/phrasing.py`, `coach/crm/facts/kinds.py`), the goal's
one ask, subject and email line (`prompts/goals.yaml`), and whatever sentences
of the model pass (`model_sentences`). This module puts them in the order the
goal wants (a congratulation leads with the news, a referral with the shared
history), makes the few variants the channel allows, and keeps the one the
checker likes best. Nothing here invents a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.checks import checker, grammar
from coach.checks.checker import Grounds
from coach.checks.grounds import proper_words
from coach.checks.substance import the_thing
from coach.config.prompts import load_data
from coach.core.domain import HONORIFICS, Contact, Profile
from coach.core.messages import CheckReport, RequestReading, Style
from coach.core.text import (
    LEADING_GREETING,
    SIGNOFF,
    clean,
    content_words,
    fold,
    repeated_spans,
    sentences,
    shared_stems,
    stem,
    words,
)
from coach.crm.facts.kinds import Fact
from coach.crm.facts.names import greeting_name
from coach.crm.facts.rules import extract_rules as extract
from coach.crm.facts.rules import gather_facts  # noqa: F401  (drafting imports it here)
from coach.drafting.openers import Opener, openers
from coach.drafting.phrasing import register
from coach.drafting.request import read_request
from coach.drafting.request import sentences as request_lines

ECHO = re.compile(r"^(how we met|my request|works as|goal|what i know|notes?)\s*:|<<<|>>>|NOTES|good practice",
                  re.IGNORECASE)
# Goals whose message leads with the user's news or reason rather than the shared history.
REASON_FIRST = ("congratulations", "thank-you", "follow-up")
# Words that carry tone, not facts: a model sentence is judged on the rest.
GENERIC = set(
    "great good nice lovely wonderful awesome amazing fantastic fun talking talk talked chatting chat chatted "
    "meeting meet met seeing see saw loved love enjoyed enjoy really thanks thank again hope hoping glad happy "
    "catch catching caught connecting connect connected conversation conversations recently still remember "
    "since time work working worked while back last year week month days hear hearing heard learn learning "
    "share sharing insights advice help helping helped thoughts quick note reach reaching wanted want".split()
)


@dataclass
class Brief:
    """Everything a draft may draw on, already verified."""

    contact: Contact
    profile: Profile
    goal: str
    channel: str
    context: str = ""
    others: list[Contact] = field(default_factory=list)
    premium: bool = False
    style: Style = field(default_factory=Style)
    facts: list[Fact] | None = None  # the stored facts (with the user's edits); extracted from notes when None
    reading: RequestReading | None = None  # the request read into typed parts; read from `context` when None

    def __post_init__(self) -> None:
        if self.reading is None:
            self.reading = read_request(self.context, self.contact)
        # what the user asked for in words ("keep it short", "make it warm") is applied, unless a button said
        self.style = Style(length=self.style.length or self.reading.length, tone=self.style.tone or self.reading.tone)

    def avoided(self, text: str) -> bool:
        """Whether `text` touches something the user said to leave out."""
        return any(shared_stems(text, thing) for thing in self.reading.avoid)

    @property
    def all_facts(self) -> list[Fact]:
        if self.facts is None:
            self.facts = extract(self.contact)
        return self.facts

    @property
    def grounds(self) -> Grounds:
        if not hasattr(self, "_grounds"):
            # the user's words ground what a draft says; what the draft must carry of them is the typed reading
            self._grounds = Grounds(contact=self.contact, profile=self.profile,
                                    request=f"{self.goal} {self.context}".strip(), others=self.others,
                                    goal=self.goal, context=self.reading.said(), facts=self.all_facts,
                                    reading=self.reading)
        return self._grounds

    def names(self) -> set[str]:
        """Words that may be capitalised mid-sentence: names and proper nouns the user gave us."""
        c = self.contact
        # from free text only the words capitalised mid-sentence: a note's first word is no name ("Gave me…")
        free = grammar.names_in(c.how_we_met, self.context, *(n.text for n in c.notes),
                                *(f.phrase for f in self.all_facts), mid_sentence=True)
        return grammar.names_in(c.name, c.company, c.title, c.location, self.profile.name,
                                self.profile.headline) | free

    @property
    def first(self) -> str:
        """The name they go by (the notes may say it is not their given name)."""
        if not hasattr(self, "_first"):
            self._first = greeting_name(self.contact)
        return self._first

    def addressed(self, formal: bool = False) -> str:
        """How the greeting names them: a title and family name where the record carries a title, else the
        name they go by."""
        name = self.contact.addressed(formal=formal)
        return name if name != self.contact.given_name else self.first

    @property
    def limit(self) -> int | None:
        return checker.channel_limit(self.channel, self.premium)

    def spec(self) -> dict:
        return load_data("goals")["goals"][self.goal]

    def check(self, subject: str, body: str) -> CheckReport:
        return checker.check_message(body, self.channel, self.grounds, subject, self.premium)


# ---------------------------------------------------------------- the model's sentences


def body_sentences(text: str, finished_only: bool = False) -> list[str]:
    """The candidate's sentences with the greeting and sign-off removed. `finished_only` keeps only sentences
    the model ended itself (".", "!", "?"): a line it broke off ("great to meet you at the Lisbon product m")
    or one cut by the token limit is not a sentence to send."""
    kept: list[str] = []
    for line in text.splitlines():
        if SIGNOFF.match(line):
            break
        kept.append(line)
    text = LEADING_GREETING.sub("", "\n".join(kept).strip(), count=1)
    found = sentences(text)
    if finished_only:
        found = [s for s in found if s.rstrip(" *\"')").endswith((".", "!", "?"))]
    out = []
    for s in found:
        s = s.strip(" -—*•")
        if len(s.split()) < 3 or ECHO.search(s):
            continue  # fragments, and lines that echo the prompt's own labels
        if not s.endswith((".", "!", "?")):
            s += "."
        out.append(s[0].upper() + s[1:])
    return out


def well_supported(sentence: str, brief: Brief, share: float = 0.5) -> bool:
    """Most of a model sentence's content words must come from what the user knows (catches invented topics)."""
    facts = set(words(brief.grounds.fact_text()))
    content = content_words(sentence, ignore=GENERIC | checker.ALWAYS_OK)
    if not content:
        return True
    return sum(w in facts for w in content) / len(content) >= share


def one_source(sentence: str, brief: Brief, share: float = 0.8) -> bool:
    """Whether one fact alone (a note, how we met, the request) holds the sentence's names, numbers and most of
    its content words. A small model joins true facts into false ones ("a talk about X at <employer>")."""
    names = proper_words(sentence, numbers=True)
    content = set(content_words(sentence, ignore=GENERIC | checker.ALWAYS_OK))
    for source in brief.grounds.sources():
        have = set(words(source))
        if names <= have and (not content or len(content & have) / len(content) >= share):
            return True
    return False


def passes_sentence(sentence: str, brief: Brief) -> bool:
    """A sentence may stay only if every sentence-level check passes on it alone."""
    if checker.PLACEHOLDER.search(sentence) or any(p in fold(sentence) for p in checker.STOCK_PHRASES):
        return False
    if any(f" {slip} " in f" {fold(sentence)} " for slip in load_data("phrasing").get("slips", [])):
        return False  # "We discussed about the on-call rotation": broken, and not what the note says
    if checker.unsupported_claims(sentence, brief.grounds) or checker.other_contact_mentions(sentence, brief.grounds):
        return False
    report = checker.check_message(f"Hi {brief.first}, {sentence}", "linkedin-message", brief.grounds)
    return all(c.passed for c in report.checks if c.name in ("to-them", "facts-together", "repetition"))


def model_sentences(candidate: str, brief: Brief, budget: int, strict: bool = False) -> list[str]:
    """The candidate's sentences that pass on their own, up to `budget`, without its ask (the goal's is used)."""
    _, text = clean(candidate)
    history = brief.grounds.history_words()
    if strict and not history:
        return []  # nothing shared: a small model's line could only invent it ("great talk at <employer>")
    keep: list[str] = []
    for s in body_sentences(text, finished_only=True):
        if len(keep) >= budget:
            break
        if s.rstrip().endswith("?") or checker.ASK_PATTERN.search(s):
            continue
        if brief.style.formal:
            s = s.replace("!", ".")
        if history and not (history & set(content_words(s, ignore=GENERIC))):
            continue  # the model's line must carry something shared, not just their employer
        head = fold(s.split(" ", 1)[0]).strip(",.!")
        if head in ("he", "she", "his", "her", "him"):
            continue  # the recipient spoken of, not to ("He said they're hiring")
        if strict and (not one_source(s, brief) or head.endswith(("ed", "ing"))):
            continue  # a fact the model joined to another, or a note pasted in without its subject
        if passes_sentence(s, brief) and well_supported(s, brief) and not any(_same_point(s, k) for k in keep):
            keep.append(s)
    return keep


# ---------------------------------------------------------------- assembly
def inline(sentence: str) -> str:
    """A sentence that follows 'Hi Priya,' on the same line starts in lower case (unless it starts with a name)."""
    first = sentence.split(" ", 1)[0]
    if fold(first) in checker.COMMON_CAPITALISED or fold(first.rstrip("!,.:")) in ("congratulations", "thank", "a"):
        return sentence[0].lower() + sentence[1:]
    return sentence


def ask_for(brief: Brief, short: bool = False, with_reason: bool = False) -> str:
    """The goal's one ask. What the user asked about goes in it as data: the role they want a referral for,
    the person they want to meet; an introduction with no one named is the user introducing themselves."""
    spec = brief.spec()
    parts = brief.reading.parts
    role = next((p.text for p in parts if p.kind == "role"), "")
    person = next((p.text for p in parts if p.kind == "person"), "")
    if brief.goal == "introduction" and not person and spec.get("ask_self"):
        return spec["ask_self_short"] if short else spec["ask_self"]
    if role and spec.get("ask_role"):
        line = spec["ask_role"].format(role=role.rstrip(".,;"))
        if grammar.ok(line, brief.names()) and (not short or brief.limit is None or len(line) <= 110):
            return line
    if person and spec.get("ask_person"):
        line = spec["ask_person"].format(person=person.rstrip(".,;"))
        if grammar.ok(line, brief.names()) and (not short or len(line) <= 110):
            return line
    if short:
        return spec["ask_short"]
    if with_reason and spec.get("ask_with_reason"):
        return spec["ask_with_reason"]
    if brief.contact.company and "{company}" in spec["ask"]:
        return spec["ask"].format(company=brief.contact.company, first=brief.first)
    return spec["ask_plain"].format(first=brief.first)


def in_ask(brief: Brief) -> tuple[str, ...]:
    """The kinds of the user's request the goal's ask carries as data (the role, the person to meet)."""
    spec = brief.spec()
    return tuple(k for k, key in (("role", "ask_role"), ("person", "ask_person")) if spec.get(key)
                 and any(p.kind == k for p in brief.reading.parts))


def reason_lines(brief: Brief) -> str:
    """The user's reason as sentences to the person, less what the ask says."""
    return " ".join(request_lines(brief.reading, brief.goal, brief.contact, skip=in_ask(brief)))


def subject_for(brief: Brief) -> str:
    spec = brief.spec()
    if brief.contact.company and "{company}" in spec["subject"]:
        return spec["subject"].format(company=brief.contact.company)
    return spec["subject_plain"]


def email_line(brief: Brief) -> str:
    """The goal's one extra sentence for an email, with the contact's headline when we know it."""
    spec = brief.spec()
    headline = brief.contact.headline()
    return spec["email_line"].format(headline=headline) if headline else spec["email_line_plain"]


def sender_name(name: str) -> str:
    """The user's first name for the sign-off, without a title ("Dr. Ada Obi" signs "Ada")."""
    parts = (name or "").split()
    if not parts:
        return ""
    if fold(parts[0]).rstrip(".") in HONORIFICS and len(parts) > 1:  # "Dr. Ada Obi": the title is a word of its own
        return parts[1]
    return parts[0]


GREETING = {-1: "Hey", 0: "Hi", 1: "Dear"}
SIGN_OFF = {-1: "Cheers,", 0: "Best,", 1: "Kind regards,"}


def frame(brief: Brief, lines: list[str], ask: str) -> str:
    """Greeting, the lines, the ask, sign-off — in the channel's shape."""
    tone = brief.style.tone
    name = brief.addressed(formal=tone > 0)
    word = GREETING[max(tone, 1) if name != brief.first and tone >= 0 else tone]  # "Dear Dr. Okafor," not "Hi Dr."
    greeting = f"{word} {name},"
    if brief.channel == "linkedin-note":
        return register(" ".join([greeting, *([inline(lines[0]), *lines[1:]] if lines else []), ask]), tone)
    sender = sender_name(brief.profile.name)
    signoff = SIGN_OFF[tone] + (f"\n{sender}" if sender else "")
    middle = " ".join([*lines, ask])
    return register(f"{greeting}\n\n{middle}\n\n{signoff}", tone)


# The words of our own frames ("I often think back to…"): two lines in one frame are not one point.
FRAME_WORDS = frozenset("often think back remember still value grateful time when that last spoke enjoyed "
                        "great meeting following work".split())


def _same_point(a: str, b: str) -> bool:
    """Two lines make the same point when they share most content words, a name, or five words in a row."""
    wa = {stem(w) for w in content_words(a, ignore=FRAME_WORDS)}
    wb = {stem(w) for w in content_words(b, ignore=FRAME_WORDS)}
    if wa and wb and len(wa & wb) / min(len(wa), len(wb)) >= 0.5:
        return True
    return bool(proper_words(a) & proper_words(b)) or bool(repeated_spans(f"{a}\n{b}", n=5))


def _adds(line: str, reason: str) -> bool:
    """Whether `line` says more than the user's reason: three or more things of its own ('you offered to review my
    portfolio once I finish the case study' beside 'I finished the case study')."""
    own = {stem(w) for w in content_words(line, ignore=FRAME_WORDS | GENERIC)}
    return len(own - {stem(w) for w in content_words(reason, ignore=FRAME_WORDS | GENERIC)}) >= 3


def _distinct(lines: list[str], keep_first: str = "") -> list[str]:
    """The lines without repeats; `keep_first` (the user's reason) wins over any line it repeats, but not over one
    that says three things more than it."""
    out: list[str] = []
    for line in lines:
        if not line or any(_same_point(line, o) and not (o == keep_first and _adds(line, o)) for o in out):
            continue
        if keep_first and line != keep_first and _same_point(line, keep_first) and not _adds(line, keep_first):
            continue
        out.append(line)
    return out


def _hook_lines(hooks: list, note: bool) -> list[str]:
    """Hooks as sentences; a second line in the same frame as the first is said plainly."""
    out: list[str] = []
    for i, hook in enumerate(hooks):
        text = hook.short if note else hook.sentence
        if i and out and text.split(" ")[:3] == out[0].split(" ")[:3]:
            text = hook.plain
        out.append(text)
    return out


def hooks_for(brief: Brief) -> list[Opener]:
    """The goal's openers from the facts, each kept only if it keeps every grammar invariant; with no
    history at all, their work (the one line anyone could write, said only when nothing else is known)."""
    names = brief.names()
    person = (brief.contact.name, brief.contact.given_name, brief.first)
    hooks = [h for h in openers(brief.all_facts, brief.goal, person=person)
             if grammar.ok(h.sentence, names) and grammar.ok(h.short, names) and grammar.ok(h.plain, names)
             and not brief.avoided(h.sentence)]
    if not hooks:  # nothing shared that a rule could read
        hooks = [h for h in [introduce(brief)] if h and grammar.ok(h.sentence, names)]
    return hooks


# Goals that ask for this person's view: a message with nothing shared says why them, from their role.
WHY_YOU = ("informational-interview", "mentorship")
# Goals where, with nothing shared, who the user is helps the person answer; a congratulation, a thank-you or a
# follow-up has its own subject and gets no line about the user.
INTRODUCE = ("referral", "introduction", "partnership", "reconnect", *WHY_YOU)


def introduce(brief: Brief) -> Opener | None:
    """With nothing shared, an honest line: who the user is (their headline), and for a goal that asks for this
    person's view, why them (their role). No invented history, no line that fits anyone."""
    who = _headline_phrase(brief.profile.headline)
    c = brief.contact
    role = " at ".join(p for p in (c.title, c.company) if p) if c.title else ""
    if not who or brief.goal not in INTRODUCE or brief.reading.parts and brief.goal not in (*WHY_YOU, "referral"):
        return None  # the user's own reason says why they write
    if brief.goal in WHY_YOU and role:
        return Opener(f"I am {who}, and I would value your view as {role}.", "profile", "profile",
                      short=f"I would value your view as {c.title}.")
    return Opener(f"I am {who}.", "profile", "profile")


def _headline_phrase(headline: str) -> str:
    """'Backend engineer moving into developer relations' -> 'a backend engineer moving into developer
    relations'; '' for a headline that is no noun phrase ('PM @ Acme | ex-Google', 'I build things')."""
    headline = " ".join(headline.split()).rstrip(".")
    if not headline or re.search(r"[|@•/]", headline) or len(headline.split()) > 10:
        return ""
    first = headline.split(" ", 1)[0]
    if fold(first) in ("i", "we", "my", "the", "a", "an") or not first[:1].isalpha():
        return ""
    if not (first.isupper() and len(first) > 1):  # an acronym keeps its capitals ("UX designer" stays)
        headline = first.lower() + headline[len(first):]
    article = "an" if fold(headline)[:1] in "aeio" else "a"
    return f"{article} {headline}"


def variants(brief: Brief, own: list[str] | None = None, said: str | None = None) -> list[tuple[str, str]]:
    """(subject, body) candidates in order of preference: the model's sentences first, then fewer parts.
    `said` is the user's reason as a sentence, when the caller has it already."""
    note = brief.channel == "linkedin-note"
    if said is None:
        said = reason_lines(brief)
    hooks = hooks_for(brief)
    marked = ("Thank you", "Congratulations")  # a hook that already does the goal's job
    if said and fold(said).startswith(("thank", "congrat")):  # the user's reason does it: the fact is said plainly
        hooks = [Opener(h.plain, h.kind, h.source) if h.sentence.startswith(marked) else h for h in hooks]
    # the goal's stock opener ("Thank you again for your help.") only when no fact does its job
    reason = said or ("" if any(h.sentence.startswith(marked) for h in hooks[:1])
                      else brief.spec().get("opener", ""))
    names = brief.names()
    if not brief.context and brief.goal in REASON_FIRST:
        thing = the_thing(brief.grounds)  # no news given: the latest note is what it is about
        hooks.sort(key=lambda h: not shared_stems(h.sentence, thing, ignore=set(words(brief.contact.name))))
    most = 3 if brief.style.longer and not note else 2  # "longer": one more thing you share, where there is one
    lines = _hook_lines(hooks[:most], note=False)
    short_lines = _hook_lines(hooks[:2], note=True)
    own = [s for s in (own or []) if not (reason and _same_point(s, reason))]
    # the goal's extra sentence only where the goal needs it, or where no fact gives the message its substance
    extra = [line for line in [email_line(brief)] if line] if (brief.channel == "email" and not brief.style.shorter
                                    or brief.channel == "linkedin-message" and brief.style.longer) \
        and (brief.goal in ("referral", "introduction") or len(hooks) < 2) else []
    subject = subject_for(brief) if brief.channel == "email" else ""
    leads = [own + lines[:most], own + lines[:1], own[:1], lines[:most], lines[:1], []] if own \
        else [lines[:most], lines[:1], []]
    if note and short_lines != lines:
        leads[-1:-1] = [short_lines[:2], short_lines[:1]]
    out: list[tuple[str, str]] = []
    for history in leads:
        for short in (False, True):
            for with_reason in ([True, False] if reason else [False]):
                parts = ([reason] if with_reason else [])
                parts = [*parts, *history] if brief.goal in REASON_FIRST else [*history, *parts]
                parts = _distinct(parts, keep_first=reason if with_reason else "")
                parts = [p for p in parts if grammar.ok(p, names)]  # a sentence that fails is dropped, not sent
                if note or brief.style.shorter:  # two sentences before the ask, the user's own counted as said
                    kept: list[str] = []
                    for p in parts:
                        if len(sentences(" ".join([*kept, p]))) <= 2 or not kept:
                            kept.append(p)
                    parts = kept
                else:
                    parts = _distinct([*parts, *extra], keep_first=reason if with_reason else "")
                ask = ask_for(brief, short=short or note and len(parts) > 1,
                              with_reason=bool(reason) and with_reason)
                body = frame(brief, parts, ask)
                if (subject, body) not in out:
                    out.append((subject, body))
    return out


def choose(brief: Brief, options: list[tuple[str, str]], prefer: str = "",
           avoid: frozenset[str] = frozenset()) -> tuple[str, str, CheckReport] | None:
    """The best option by the checker: every hard check passed, then not one already shown (`avoid`, folded
    bodies: a regenerate differs), then the user's own reason (`prefer`) said, then score, then the most
    names of the shared history kept ("the Config 2023 workshop" over "the 2023 workshop"); ties go to the
    earlier one."""
    best: tuple[tuple, str, str, CheckReport] | None = None
    names = brief.grounds.history_names()
    for i, (subject, body) in enumerate(options):
        report = brief.check(subject, body)
        if not report.hard_passed:
            continue
        specific = len(names & proper_words(body)) if names else 0
        key = (fold(body) not in avoid, bool(prefer) and fold(prefer) in fold(body), report.score, specific, -i)
        if best is None or key > best[0]:
            best = (key, subject, body, report)
    return None if best is None else best[1:]


def compose(brief: Brief, candidate: str = "", budget: int = 1, strict: bool = False,
            avoid: frozenset[str] = frozenset()) -> tuple[str, str, CheckReport, bool] | None:
    """The best message from verified parts plus up to `budget` of the candidate's passing sentences.

    `strict` (for a small model) keeps only sentences that one fact alone supports.
    Returns (subject, body, report, uses_model_words), or None when nothing passes the hard checks."""
    own = model_sentences(candidate, brief, budget, strict) if candidate else []
    said = reason_lines(brief)
    picked = choose(brief, variants(brief, own, said), prefer=said, avoid=avoid)
    if picked is None:
        return None
    subject, body, report = picked
    if brief.channel == "email" and candidate:
        model_subject, _ = clean(candidate)
        if model_subject and 2 <= len(model_subject.split()) <= 8 and passes_sentence(model_subject, brief):
            trial = brief.check(model_subject, body)
            if trial.hard_passed and trial.score >= report.score:
                subject, report = model_subject, trial
    uses_model = any(fold(s) in fold(body) for s in own)
    return subject, body, report, uses_model
