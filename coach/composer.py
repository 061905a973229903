"""Deterministic composition: facts, repair of model candidates, and the grounded template.

The model is good at one specific opening line and poor at everything after
it. So a candidate is cut into sentences; the ones that pass the checker's
sentence-level tests (grounded, no placeholder, no stock phrase, no other
contact's details) are kept up to the channel's budget, and the greeting, the
goal's single ask and the sign-off are added here, from `prompts/goals.yaml`,
filled only with verified facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach import checker
from coach.checker import Grounds, fold, sentences
from coach.domain import Contact, Profile
from coach.messages import Fact
from coach.prompts import load_data

SIGNOFF = re.compile(r"^\s*(best|best regards|kind regards|regards|warm regards|warmly|cheers|thanks|thank you|"
                     r"sincerely|all the best|talk soon)\b[ ,!.]*(\s+[A-Z][\w'-]*)?\s*$", re.IGNORECASE)
LEADING_GREETING = re.compile(r"^\s*(hi|hello|hey|dear|good (?:morning|afternoon))\b[^,!.\n:-]{0,40}[,!.:-]?\s*",
                              re.IGNORECASE)
SUBJECT_LINE = re.compile(r"^\s*\**subject\**\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
PREPOSITIONS = ("at ", "through ", "in ", "during ", "via ", "on ", "from ", "when ", "while ")
# Note openings in the user's shorthand, turned into a clause a sentence can carry.
NOTE_VERBS = {
    "talked": "we talked", "met": "we met", "discussed": "we discussed", "chatted": "we chatted",
    "worked": "we worked", "spoke": "we spoke", "shared": "you shared", "mentioned": "you mentioned",
    "recommended": "you recommended", "helped": "you helped", "introduced": "you introduced",
    "gave": "you gave", "suggested": "you suggested", "offered": "you offered",
}
# How many of the model's sentences a draft keeps: its first line is its best; after that it drifts.
CONNECTORS = {"intro", "introduction", "introduced", "friend", "friends", "colleague", "coworker", "co-worker",
              "mutual", "referral", "mentor", "alumni", "alum", "former", "old", "my", "our", "a", "an", "the"}
BUDGET = {"linkedin-note": 1, "linkedin-message": 1, "email": 1}
ECHO = re.compile(r"^(how we met|my request|works as|good practice|goal|what i know|notes?)\s*:|<<<|>>>|NOTES",
                  re.IGNORECASE)


@dataclass
class Style:
    """How the user asked for the message to read (chat revisions change these)."""

    shorter: bool = False
    formal: bool = False


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

    @property
    def grounds(self) -> Grounds:
        if not hasattr(self, "_grounds"):
            self._grounds = Grounds(contact=self.contact, profile=self.profile,
                                    request=f"{self.goal} {self.context}".strip(), others=self.others)
        return self._grounds

    @property
    def first(self) -> str:
        return self.contact.first_name or self.contact.name.split(" ")[0]

    @property
    def limit(self) -> int | None:
        return checker.channel_limit(self.channel, self.premium)

    def spec(self) -> dict:
        return load_data("goals")["goals"][self.goal]


# ---------------------------------------------------------------- facts
def gather_facts(contact: Contact, context: str = "") -> list[Fact]:
    """What the user knows about the person, most specific first, each with where it came from."""
    facts: list[Fact] = []
    if contact.how_we_met:
        facts.append(Fact(text=f"How we met: {contact.how_we_met}", source="contact:how_we_met"))
    for note in sorted(contact.notes, key=lambda n: (n.date is not None, n.date), reverse=True)[:6]:
        text = " ".join(note.text.split())
        if text:
            facts.append(Fact(text=text[:300], source=f"note:{note.id}" if note.id else "note"))
    for inter in sorted(contact.interactions, key=lambda i: i.date, reverse=True)[:3]:
        if inter.summary:
            facts.append(Fact(text=f"{inter.date:%b %Y} ({inter.channel}): {inter.summary}"[:300],
                              source=f"interaction:{inter.id}" if inter.id else "interaction"))
    if contact.headline():
        facts.append(Fact(text=f"Works as {contact.headline()}", source="contact"))
    if context:
        facts.append(Fact(text=f"My request: {context}", source="request"))
    return facts


def note_clause(text: str) -> str | None:
    """'Talked about payments APIs at PyCon' -> 'we talked about payments APIs at PyCon'."""
    first_sentence = re.split(r"(?<=[.!?;])\s", text.strip(), maxsplit=1)[0].rstrip(".!;")
    if not first_sentence or len(first_sentence) > 110:
        return None
    head, _, rest = first_sentence.partition(" ")
    mapped = NOTE_VERBS.get(head.lower())
    return f"{mapped} {rest}".strip() if mapped and rest else None


THIRD_PERSON = re.compile(r"^(he|she|they)\s+(\w+)(.*)$", re.IGNORECASE)
AGREE = {"was": "were", "is": "are", "has": "have", "does": "do", "wasn't": "weren't", "isn't": "aren't"}


def second_person(clause: str) -> str | None:
    """'she reached out about a role' -> 'you reached out about a role' (notes speak of them; messages to them)."""
    match = THIRD_PERSON.match(clause.strip().rstrip("."))
    if not match:
        return None
    verb = match.group(2)
    return f"you {AGREE.get(verb.lower(), verb)}{match.group(3)}"


def as_sentence(text: str) -> str:
    """A kept line in the user's shorthand ('Discussed X.') made a sentence to send ('We discussed X.')."""
    head = text.split(" ", 1)[0].lower()
    if head in NOTE_VERBS:
        clause = note_clause(text)
        if clause:
            return clause[0].upper() + clause[1:] + text[len(text.rstrip(".!?")):] or "."
    second = second_person(text)
    if second:
        return second[0].upper() + second[1:] + "."
    return text


def overlaps(a: str, b: str, share: float = 0.6) -> bool:
    """Whether two sentences say much the same (shared content words)."""
    wa = {w for w in checker.words(a) if len(w) >= 4 and w not in checker.STOPWORDS}
    wb = {w for w in checker.words(b) if len(w) >= 4 and w not in checker.STOPWORDS}
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= share


def how_we_met_hook(how: str) -> str:
    """'at PyCon 2024' / 'PyCon 2024' / 'we worked together at Bluepeak' / 'Worked together…' as one sentence."""
    how = " ".join(how.split()).rstrip(".")
    low = how.lower()
    if low.startswith(PREPOSITIONS):
        return f"It was great meeting you {how}."
    if low.startswith(("we ", "you ", "i ")):
        return f"I still remember how {how[0].lower() + how[1:] if not low.startswith('i ') else how}."
    second = second_person(how)
    if second:
        return f"I still remember when {second}."
    clause = note_clause(how)
    if clause:
        return f"I still remember when {clause}."
    first = low.split(" ", 1)[0]
    if first in ("intro", "introduction", "referral"):
        article = "a" if first == "referral" else "an"
        return f"It was great connecting through {article} {how[0].lower() + how[1:]}."
    if re.search(r"\b(network|group|community|club|program|programme|slack|discord|forum|list)\b", low):
        return f"It was great connecting through the {how}." if not low.startswith(("the ", "a ", "an ")) \
            else f"It was great connecting through {how}."
    capitals = sum(w[:1].isupper() for w in how.split())
    if first not in CONNECTORS and (any(ch.isdigit() for ch in how) or capitals >= 1 and how[:1].isupper()):
        return f"It was great meeting you at {how}."  # an event or a place: "PyCon 2024", "KubeCon"
    return f"It was great connecting through {how[0].lower() + how[1:] if first in CONNECTORS else how}."


def hooks(brief: Brief) -> list[str]:
    """Grounded opening lines built from facts, best first."""
    c = brief.contact
    out: list[str] = []
    if c.how_we_met:
        out.append(how_we_met_hook(c.how_we_met))
    for note in c.notes:
        clause = note_clause(note.text)
        if clause:
            out.append(f"I still remember when {clause}." if clause.startswith("we ") else f"Thanks again: {clause}.")
    if c.company:
        out.append(f"I have been following your work at {c.company}.")
    return [h for h in out if passes_sentence(h, brief)]


# ---------------------------------------------------------------- repair
# Words that carry tone, not facts: a model sentence is judged on the rest.
GENERIC = set(
    "great good nice lovely wonderful awesome amazing fantastic fun talking talk talked chatting chat chatted "
    "meeting meet met seeing see saw loved love enjoyed enjoy really thanks thank again hope hoping glad happy "
    "catch catching caught connecting connect connected conversation conversations recently still remember "
    "since time work working worked while back last year week month days hear hearing heard learn learning "
    "share sharing insights advice help helping helped thoughts quick note reach reaching wanted want".split()
)


def well_supported(sentence: str, brief: Brief, share: float = 0.5) -> bool:
    """Most of a model sentence's content words must come from what the user knows (catches invented topics)."""
    facts = set(checker.words(brief.grounds.fact_text()))
    content = [w for w in checker.words(sentence)
               if len(w) >= 4 and w not in checker.STOPWORDS and w not in GENERIC and w not in checker.ALWAYS_OK]
    if not content:
        return True
    return sum(w in facts for w in content) / len(content) >= share


def passes_sentence(sentence: str, brief: Brief) -> bool:
    """A sentence may stay only if it is grounded, holds no placeholder, stock phrase or other contact."""
    if checker.PLACEHOLDER.search(sentence):
        return False
    if any(p in fold(sentence) for p in checker.STOCK_PHRASES):
        return False
    if checker.unsupported_claims(sentence, brief.grounds):
        return False
    return not checker.other_contact_mentions(sentence, brief.grounds)


def clean(text: str) -> tuple[str, str]:
    """Strip model formatting; return (subject, body)."""
    text = text.replace("\r", "").strip().strip('"').strip()
    text = re.sub(r"```[a-z]*", "", text)
    text = re.sub(r"\*\*|__", "", text)
    subject = ""
    match = SUBJECT_LINE.search(text)
    if match:
        subject = match.group(1).strip().strip('"')
        text = SUBJECT_LINE.sub("", text, count=1).strip()
    return subject, text


def body_sentences(text: str) -> list[str]:
    """The candidate's sentences with the greeting and sign-off removed."""
    kept: list[str] = []
    for line in text.splitlines():
        if SIGNOFF.match(line):
            break
        kept.append(line)
    text = LEADING_GREETING.sub("", "\n".join(kept).strip(), count=1)
    out = []
    for s in sentences(text):
        s = s.strip(" -—*•")
        if len(s.split()) < 3 or ECHO.search(s):
            continue  # fragments, and lines that echo the prompt's own labels
        if not s.endswith((".", "!", "?")):
            s += "."
        out.append(s[0].upper() + s[1:])
    return out


def inline(sentence: str) -> str:
    """A sentence that follows 'Hi Priya,' on the same line starts in lower case (unless it starts with a name)."""
    first = sentence.split(" ", 1)[0]
    if fold(first) in checker.COMMON_CAPITALISED:
        return sentence[0].lower() + sentence[1:]
    return sentence


def ask_for(brief: Brief, short: bool = False) -> str:
    spec = brief.spec()
    if short:
        return spec["ask_short"]
    if brief.contact.company and "{company}" in spec["ask"]:
        return spec["ask"].format(company=brief.contact.company, first=brief.first)
    return spec["ask_plain"].format(first=brief.first)


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


def context_sentence(brief: Brief) -> str:
    """The user's own words about the request, when they read as a sentence to send."""
    ctx = " ".join(brief.context.split())
    if not ctx or len(ctx) > 220 or not re.match(r"^(i|i'm|i’m|i've|my|we|our)\b", ctx, re.IGNORECASE):
        return ""
    return ctx if ctx.endswith((".", "!")) else ctx + "."


def assemble(brief: Brief, hook_lines: list[str], extra: list[str] | None = None) -> str:
    """Greeting, hook, optional extras, the one ask, sign-off — fitted to the channel."""
    greeting = f"{'Dear' if brief.style.formal else 'Hi'} {brief.first},"
    sender = (brief.profile.name or "").split(" ")[0]
    signoff = ("Kind regards," if brief.style.formal else "Best,") + (f"\n{sender}" if sender else "")
    extra = [e for e in (extra or []) if e]
    if brief.channel == "linkedin-note":
        for lines in ([inline(h) for h in hook_lines[:1]], []):
            for short in (False, True):
                parts = [greeting, *lines, ask_for(brief, short)]
                text = " ".join(parts)
                if len(text) <= (brief.limit or 200):
                    return text
        return f"{greeting} {ask_for(brief, True)}"[: brief.limit or 200]
    middle = " ".join([*hook_lines, *extra, ask_for(brief)])
    if brief.channel == "email":
        closing = "No worries at all if the timing is not right." if not brief.style.formal \
            else "I understand if the timing does not work."
        middle = f"{middle} {closing}"
    text = f"{greeting}\n\n{middle}\n\n{signoff}"
    if brief.limit and len(text) > brief.limit:
        text = f"{greeting}\n\n{' '.join([*hook_lines[:1], ask_for(brief)])}\n\n{signoff}"
    return text


def repair(candidate: str, brief: Brief) -> tuple[str, str]:
    """Keep the candidate's good sentences, drop the rest, add greeting, ask and sign-off."""
    subject, text = clean(candidate)
    budget = BUDGET[brief.channel] - (1 if brief.style.shorter and brief.channel != "linkedin-note" else 0)
    keep: list[str] = []
    for s in body_sentences(text):
        if len(keep) >= max(1, budget):
            break
        if s.rstrip().endswith("?") or checker.ASK_PATTERN.search(s):
            continue  # the goal's single ask is added below
        if brief.style.formal:
            s = s.replace("!", ".")
        if passes_sentence(s, brief) and well_supported(s, brief):
            keep.append(as_sentence(s))
    if not (set(checker.words(" ".join(keep))) & brief.grounds.history_words()):
        keep = [*hooks(brief)[:1], *keep][: max(1, budget)]
    extra = [context_sentence(brief)] if brief.channel != "linkedin-note" and not brief.style.shorter else []
    extra = [e for e in extra if e and not any(overlaps(e, k) for k in keep)]  # the model often echoes the request
    if brief.channel == "email" and not brief.style.shorter:
        extra.append(email_line(brief))
    body = assemble(brief, keep, extra)
    if brief.channel == "email":
        subject = subject if subject and passes_sentence(subject, brief) and 2 <= len(subject.split()) <= 8 \
            else subject_for(brief)
    else:
        subject = ""
    return subject, body


def template(brief: Brief, with_hook: bool = True) -> tuple[str, str]:
    """The grounded fallback: verified facts only, in the goal's template."""
    hook = hooks(brief)[:1] if with_hook else []
    extra = [context_sentence(brief)] if brief.channel != "linkedin-note" else []
    if brief.channel == "email":
        extra.append(email_line(brief))
    body = assemble(brief, hook, extra)
    return (subject_for(brief) if brief.channel == "email" else ""), body
